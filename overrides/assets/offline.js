/* "Keep this guide for offline reading" (issue 25): registers the site's service worker
   (offline-worker.js at the site root) once the page has finished loading, then asks it to
   keep this language's pages, search index and files. When the browser asks to save data
   (navigator.connection.saveData), nothing is fetched ahead: the button does it on request.
   A page read from the phone's copy says so, with the copy's date in the page's language.
   Every word comes from the page (partials/mdbabel-offline.html, from the catalogs). */
(function () {
  "use strict";
  var box = document.querySelector(".mdbabel-offline");
  if (!box || !("serviceWorker" in navigator) || !window.caches) return; // the control stays hidden
  var root = new URL(box.getAttribute("data-root") || "./", location.href);
  var language = box.getAttribute("data-language") || document.documentElement.lang;
  var button = box.querySelector("button");
  var status = box.querySelector(".mdbabel-offline__status");

  // A message as the page wrote it: a text that fell back to another language keeps the
  // element that gives it its own lang (mdbabel.lang_marks)
  function message(name) {
    var template = box.querySelector('template[data-message="' + name + '"]');
    return template ? template.content.cloneNode(true) : document.createDocumentFragment();
  }

  function show(state) {
    box.setAttribute("data-state", state);
    status.replaceChildren(message(state));
    button.disabled = state === "saving";
  }

  var saved = document.documentElement.getAttribute("data-mdbabel-copy");
  if (saved) {
    var when = new Date(saved);
    var notice = document.createElement("p");
    notice.className = "mdbabel-offline-copy";
    notice.setAttribute("role", "note");
    notice.append(message("copy"), " " + (isNaN(when) ? saved : when.toLocaleDateString(
      document.documentElement.lang || undefined, { year: "numeric", month: "long", day: "numeric" })));
    var article = document.querySelector("article.md-content__inner") || document.body;
    article.insertBefore(notice, article.firstChild);
  }

  function keep(registration) {
    show("saving");
    registration.active.postMessage({ type: "keep", language: language });
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "kept" || data.language !== language) return;
    if (!data.error) box.setAttribute("data-fetched", String(data.fetched));
    show(data.error ? "failed" : "done");
  });

  function start() {
    navigator.serviceWorker.register(new URL("offline-worker.js", root).href, { scope: root.pathname })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        box.hidden = false;
        button.addEventListener("click", function () { keep(registration); });
        var saveData = navigator.connection && navigator.connection.saveData;
        if (!saveData && !saved) keep(registration); // a copy being read: the network is away
      })
      .catch(function () { /* no worker (private mode, file://): the control stays hidden */ });
  }

  // never before the page has finished loading, never delaying it
  if (document.readyState === "complete") setTimeout(start, 0);
  else window.addEventListener("load", function () { setTimeout(start, 0); });
})();
