/* mdbabel search: per-language index, accent folding (fold() = search_index.fold in Python).
   The index is fetched only when the reader opens or focuses the search box. */
(function () {
  "use strict";
  var box = document.querySelector("[data-mdb-search]");
  if (!box || !window.fetch || !"".normalize) return;

  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var WORD = /[\p{L}\p{N}]/u;
  var SPLIT = /[^\p{L}\p{N}\p{M}]+/u;
  var MAX_SHOWN = 50;

  function fold(s) {
    return s.normalize("NFD").replace(MARKS, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  var S = JSON.parse(box.getAttribute("data-strings") || "{}");
  var $ = function (sel) { return box.querySelector(sel); };
  var input = $(".mdb-search__input"), openBtn = $(".mdb-search__open"),
      closeBtn = $(".mdb-search__close"), status = $(".mdb-search__status"),
      list = $(".mdb-search__results"), form = $("form"), panel = $(".mdb-search__panel");
  var root = box.getAttribute("data-root") || "";
  var pages = null, loading = null, timer = 0, quiet = false;

  /* ---- index ---- */
  function prepare(data) {
    return data.pages.map(function (p) {
      var x = "", offsets = [], heads = [];
      p.sections.forEach(function (s) {
        offsets.push(x.length);
        x += s.text + "\n";
        heads.push(s.title ? fold(s.title) : "");
      });
      var fx = fold(x), ft = fold(p.title);
      return { url: p.url, title: p.title, ft: ft, sections: p.sections, fh: heads,
               x: x, fx: fx, o: offsets, aligned: fx.length === x.length,
               tAligned: ft.length === p.title.length };
    });
  }

  function load() {
    if (!loading) {
      setStatus(S.loading);
      loading = fetch(box.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) { pages = prepare(data); run(); })
        .catch(function () { loading = null; setStatus(S.error); show(true); });
    }
    return loading;
  }

  /* ---- matching ---- */
  // Korean writes a particle after a noun (국민연금은, 국민연금을): a Hangul word loses a final
  // particle if two syllables stay, and its stem finds every form, since a term matches at a
  // word start (measured against syllable bigrams: dev/korean-search.md).
  var JOSA = /(에서|에게|으로|까지|부터|은|는|이|가|을|를|에|의|로|와|과|도|만)$/;
  function stem(t) {
    var m = /^[\uac00-\ud7a3]+$/.test(t) && JOSA.exec(t);
    return m && m.index > 1 ? t.slice(0, m.index) : t;
  }

  function terms(q) {
    var seen = {}, out = [];
    q.normalize("NFC").toLowerCase().split(SPLIT).forEach(function (tok) {
      tok = stem(tok);
      if (!tok) return;
      var f = fold(tok);
      if (!f || seen[f + "|" + tok]) return;
      seen[f + "|" + tok] = 1;
      out.push({ f: f, e: tok, accented: f !== tok });
    });
    // At most 12 words: a pasted paragraph must not stall the page.
    return out.slice(0, 12);
  }

  // Occurrences of folded `t` at a word start in folded `f`; `orig` (same length when
  // `aligned`) tells whether an occurrence is written exactly as `exact` (accents included).
  function scan(f, t, cap, orig, aligned, exact) {
    var r = { n: 0, whole: 0, exact: 0, pos: [] }, i = f.indexOf(t), seen = 0;
    // Past `cap`, go on only to find an exact (accented) occurrence.
    while (i !== -1 && seen < 500 && (r.n < cap || (exact && aligned && !r.exact))) {
      if (i === 0 || !WORD.test(f[i - 1])) {
        seen++;
        if (r.n < cap) {
          r.n++;
          r.pos.push(i);
          if (!WORD.test(f[i + t.length] || " ")) r.whole++;
        }
        if (exact && aligned && orig.substr(i, t.length).toLowerCase() === exact) r.exact++;
      }
      i = f.indexOf(t, i + 1);
    }
    if (exact && r.n && !aligned && orig.toLowerCase().indexOf(exact) !== -1) r.exact++;
    return r;
  }

  function sectionAt(p, pos) {
    var j = 0;
    while (j + 1 < p.o.length && p.o[j + 1] <= pos) j++;
    return j;
  }

  function rank(p, ts) {
    var n = p.o.length, score = 0, matched = 0, exact = 0, inTitle = 0, titleScore = 0,
        sec = new Array(n).fill(0), words = new Array(n).fill(0);
    ts.forEach(function (t) {
      var e = t.accented ? t.e : "", hit = false, exactHit = false, inSec = {};
      var r = scan(p.ft, t.f, 4, p.title, p.tAligned, e);
      if (r.n) {
        hit = true;
        inTitle++;
        titleScore += r.whole ? 12 : 8;
        // A title hit points at the top of the page.
        sec[0] += r.whole ? 12 : 8;
        inSec[0] = 1;
        exactHit = exactHit || r.exact > 0;
      }
      var bestHead = 0;
      p.fh.forEach(function (h, j) {
        if (!h) return;
        var rh = scan(h, t.f, 2, p.sections[j].title, h.length === p.sections[j].title.length, e);
        if (rh.n) {
          var v = rh.whole ? 6 : 4;
          sec[j] += v * 2;
          inSec[j] = 1;
          if (v > bestHead) bestHead = v;
          exactHit = exactHit || rh.exact > 0;
        }
      });
      if (bestHead) { hit = true; score += bestHead; }
      var rx = scan(p.fx, t.f, 8, p.x, p.aligned, e);
      if (rx.n) {
        hit = true;
        score += 1 + 0.25 * rx.n + (rx.whole ? 0.5 : 0) + (rx.exact ? 0.5 : 0);
        exactHit = exactHit || rx.exact > 0;
        rx.pos.forEach(function (pos) { var j = sectionAt(p, pos); sec[j] += 1; inSec[j] = 1; });
      }
      if (hit) matched++;
      if (exactHit) exact++;
      for (var j in inSec) words[j]++;
    });
    if (!matched) return null;
    // A title with only some of the words counts for less than one with all of them.
    score += titleScore * inTitle / ts.length;
    if (ts.length > 1) {
      // Phrase and adjacent-word bonus, on folded text.
      var phrase = ts.map(function (t) { return t.f; }).join(" ");
      if (scan(p.ft, phrase, 1, "", false, "").n) score += 20;
      p.fh.forEach(function (h, j) {
        if (h && scan(h, phrase, 1, "", false, "").n) { score += 16; sec[j] += 10; }
      });
      var rp = scan(p.fx, phrase, 4, "", false, "");
      if (rp.n) {
        score += 6 + rp.n;
        rp.pos.forEach(function (pos) { sec[sectionAt(p, pos)] += 3; });
      }
      for (var k = 0; k + 1 < ts.length; k++) {
        var pair = ts[k].f + " " + ts[k + 1].f;
        if (scan(p.ft, pair, 1, "", false, "").n) score += 4;
        if (scan(p.fx, pair, 1, "", false, "").n) score += 1.5;
      }
    }
    // Best section: the one with the most query words, then the highest score.
    var best = 0;
    sec.forEach(function (v, j) {
      if (words[j] > words[best] || (words[j] === words[best] && v > sec[best])) best = j;
    });
    return { p: p, score: score, matched: matched, exact: exact, sec: best };
  }

  // AND of all terms; when no page has them all, pages with some of them (partial).
  function search(q) {
    var ts = terms(q), hits = [];
    if (!ts.length || !pages) return { ts: ts, hits: hits, partial: false };
    pages.forEach(function (p) { var r = rank(p, ts); if (r) hits.push(r); });
    var all = hits.filter(function (h) { return h.matched === ts.length; });
    var partial = !all.length && hits.length > 0;
    if (!partial) hits = all;
    hits.sort(function (a, b) {
      return b.matched - a.matched || b.exact - a.exact || b.score - a.score ||
        (a.p.title < b.p.title ? -1 : a.p.title > b.p.title ? 1 : 0);
    });
    return { ts: ts, hits: hits, partial: partial };
  }

  /* ---- rendering ---- */
  function sectionText(p, j) {
    var end = j + 1 < p.o.length ? p.o[j + 1] - 1 : p.x.length - 1;
    return p.x.slice(p.o[j], end);
  }

  function snippet(text, ts) {
    var f = fold(text), at = -1;
    ts.forEach(function (t) {
      var i = f.indexOf(t.f);
      if (i !== -1 && (at < 0 || i < at)) at = i;
    });
    var start = Math.max(0, at - 60);
    if (start > 0) { var sp = text.indexOf(" ", start); if (sp !== -1 && sp < at) start = sp + 1; }
    var end = Math.min(text.length, start + 180);
    if (end < text.length) { var sp2 = text.lastIndexOf(" ", end); if (sp2 > start + 100) end = sp2; }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  // Text with the query terms wrapped in <mark>; folding per character keeps positions.
  function highlight(el, text, ts) {
    var f = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var c = fold(text[i]);
      for (var k = 0; k < c.length; k++) { f += c[k]; map.push(i); }
    }
    map.push(text.length);
    var marks = [];
    ts.forEach(function (t) {
      var r = scan(f, t.f, 20, "", false, "");
      r.pos.forEach(function (pos) { marks.push([map[pos], map[pos + t.f.length]]); });
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var last = 0;
    marks.forEach(function (m) {
      if (m[0] < last) return;
      el.appendChild(document.createTextNode(text.slice(last, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      el.appendChild(mark);
      last = m[1];
    });
    el.appendChild(document.createTextNode(text.slice(last)));
    return el;
  }

  function span(cls) { var s = document.createElement("span"); s.className = cls; return s; }

  function setStatus(text) { status.textContent = text || ""; }

  function show(on) { box.classList.toggle("mdb-search--results", on); }

  function render(res) {
    list.textContent = "";
    var n = res.hits.length;
    show(true);
    setStatus((n === 0 ? S.none : n === 1 ? S.one : S.other.replace("{n}", n)) +
              (res.partial ? " " + S.partial : ""));
    res.hits.slice(0, MAX_SHOWN).forEach(function (h) {
      var p = h.p, s = p.sections[h.sec], li = document.createElement("li"),
          a = document.createElement("a");
      a.href = (root + p.url || "./") + (s.anchor ? "#" + s.anchor : "");
      a.className = "mdb-search__link";
      a.appendChild(highlight(span("mdb-search__title"), p.title, res.ts));
      if (s.title) a.appendChild(highlight(span("mdb-search__section"), s.title, res.ts));
      var text = sectionText(p, h.sec) || sectionText(p, 0);
      if (text) a.appendChild(highlight(span("mdb-search__snippet"), snippet(text, res.ts), res.ts));
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function run() {
    clearTimeout(timer);
    var q = input.value.trim();
    if (fold(q).length < 2) {
      list.textContent = "";
      setStatus("");
      show(false);
      return;
    }
    if (!pages) { show(true); setStatus(S.loading); load(); return; }
    render(search(q));
  }

  /* ---- interaction ---- */
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  // Phones and tablets: the open button shows, and the panel covers the whole screen. It is
  // then a modal dialog: announced as one, and Tab goes round its own controls only.
  function fullScreen() {
    return openBtn.offsetParent !== null && box.classList.contains("mdb-search--open");
  }

  function open() {
    box.classList.add("mdb-search--open");
    openBtn.setAttribute("aria-expanded", "true");
    if (fullScreen()) {
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-modal", "true");
      panel.setAttribute("aria-label", S.label || "");
    }
    input.focus();
    load();
  }

  function close() {
    var narrow = openBtn.offsetParent !== null;
    box.classList.remove("mdb-search--open", "mdb-search--results");
    openBtn.setAttribute("aria-expanded", "false");
    panel.removeAttribute("role");
    panel.removeAttribute("aria-modal");
    panel.removeAttribute("aria-label");
    // Focusing the input must not reopen the results.
    quiet = true;
    if (narrow) openBtn.focus(); else if (box.contains(document.activeElement)) input.focus();
    quiet = false;
  }

  box.hidden = false;
  openBtn.addEventListener("click", open);
  closeBtn.addEventListener("click", close);
  input.addEventListener("focus", function () {
    load();
    if (!quiet && input.value.trim()) run();
  });
  input.addEventListener("click", function () {
    if (input.value.trim()) run();
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 60);
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    run();
    var first = links()[0];
    if (first) first.click();
  });
  box.addEventListener("keydown", function (ev) {
    var all = links(), i = all.indexOf(document.activeElement);
    if (ev.key === "Escape") { ev.preventDefault(); close(); return; }
    if (ev.key === "Tab" && fullScreen()) {
      var ring = [input, closeBtn].concat(all), at = ring.indexOf(document.activeElement);
      var next = ev.shiftKey ? (at <= 0 ? ring.length - 1 : -1) : (at === ring.length - 1 ? 0 : -1);
      if (next >= 0) { ev.preventDefault(); ring[next].focus(); }
      return;
    }
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!all.length) return;
      ev.preventDefault();
      var down = ev.key === "ArrowDown";
      if (i < 0) { if (down) all[0].focus(); return; }
      if (down) all[Math.min(i + 1, all.length - 1)].focus();
      else if (i === 0) input.focus();
      else all[i - 1].focus();
    }
  });
  list.addEventListener("click", function (ev) {
    if (ev.target.closest("a")) close();
  });
  document.addEventListener("click", function (ev) {
    if (!box.contains(ev.target)) show(false);
  });
  document.addEventListener("keydown", function (ev) {
    var t = ev.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      open();
    }
  });

  // For tests and the benchmark: the same functions the box uses.
  window.mdbabelSearch = { fold: fold, load: load, search: search, terms: terms, stem: stem, render: render, run: run };
})();
