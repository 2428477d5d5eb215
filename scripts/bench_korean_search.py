"""Korean search: how well query schemes find Korean words written with their particles.

Opens /ko/ of a built site (default ``site/``, from ``make site``) in headless Chromium, loads
the Korean index the way the search box does, and runs each query under four schemes, in the
browser, over the same index:

- ``as-is``: the query words as typed, each matched at a word start (the searcher before
  particle stripping);
- ``particles``: a Hangul word loses a final particle when two syllables stay (what
  ``assets/search.js`` ships; the script checks that the shipped search finds the same pages);
- ``bigrams``: every Hangul word of index and query cut into overlapping syllable pairs; a
  page must contain every pair of the query (AND);
- ``bigrams-1``: the same, but one pair of each word may be missing (so that the pair made
  with the particle does not exclude the page).

A page is *relevant* to a query when its text or title contains every stem given for the
query (the words without their particles). For each scheme and query: pages found, relevant
pages found, precision and recall. Prints a Markdown table (dev/korean-search.md).

    .venv/bin/python scripts/bench_korean_search.py [--site site]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from search_support import launch_chromium, serve  # noqa: E402

#: query -> the stems a relevant page contains (the query's nouns without particles)
QUERIES = {
    "국민연금은": ["국민연금"],
    "국민연금을": ["국민연금"],
    "일시금을": ["일시금"],
    "가입증명서가": ["가입증명서"],
    "건강보험증으로": ["건강보험증"],
    "사회보장청에": ["사회보장청"],
    "실업보험은": ["실업보험"],
    "보험료를 공제": ["보험료", "공제"],
    "사회보험 일시금을": ["사회보험", "일시금"],
    # inside a compound: 연금 is the end of 국민연금, not a word start
    "연금은": ["연금"],
}

SCHEMES_JS = r"""
(queries) => {
  const S = window.mdbabelSearch, fold = S.fold;
  const HANGUL = /^[\uac00-\ud7a3]+$/;
  const pages = window.__koIndex.pages.map(p => {
    const text = [p.title, ...p.sections.map(s => s.title + "\n" + s.text)].join("\n");
    return {url: p.url, text: text.normalize("NFC").toLowerCase()};
  });
  const words = q => q.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
  const atWordStart = (text, t) => {
    const f = fold(text), ft = fold(t);
    for (let i = f.indexOf(ft); i !== -1; i = f.indexOf(ft, i + 1))
      if (i === 0 || !/[\p{L}\p{N}]/u.test(f[i - 1])) return true;
    return false;
  };
  const pairs = w => w.length < 2 ? [w] : [...w].slice(0, -1).map((c, i) => w.slice(i, i + 2));
  const bigramHit = (text, w, slack) => {
    if (!HANGUL.test(w)) return atWordStart(text, w);
    const ps = pairs(w), have = ps.filter(p => text.includes(p)).length;
    return have >= ps.length - slack;
  };
  const schemes = {
    "as-is": (text, ws) => ws.every(w => atWordStart(text, w)),
    "particles": (text, ws) => ws.every(w => atWordStart(text, S.stem(w))),
    "bigrams": (text, ws) => ws.every(w => bigramHit(text, w, 0)),
    "bigrams-1": (text, ws) => ws.every(w => bigramHit(text, w, 1)),
  };
  const out = {};
  for (const [q, stems] of Object.entries(queries)) {
    const relevant = pages.filter(p => stems.every(s => p.text.includes(s))).map(p => p.url);
    out[q] = {relevant, schemes: {}};
    for (const [name, match] of Object.entries(schemes))
      out[q].schemes[name] = pages.filter(p => match(p.text, words(q))).map(p => p.url);
    out[q].shipped = S.search(q).hits.map(h => h.p.url);
  }
  return out;
}
"""


def measure(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            page.goto(url + "ko/")
            page.evaluate("""async () => {
                await window.mdbabelSearch.load();
                const box = document.querySelector('[data-mdb-search]');
                const r = await fetch(box.getAttribute('data-index'));
                window.__koIndex = await r.json();
            }""")
            return page.evaluate(SCHEMES_JS, QUERIES)
        finally:
            browser.close()


def table(results: dict) -> str:
    names = ["as-is", "particles", "bigrams", "bigrams-1"]
    lines = ["| query | relevant | " + " | ".join(f"{n}: found / right (P, R)" for n in names) + " |",
             "|---|---:|" + "---:|" * len(names)]
    totals = {n: [0, 0, 0] for n in names}
    relevant_total = 0
    for query, result in results.items():
        relevant = set(result["relevant"])
        relevant_total += len(relevant)
        cells = []
        for name in names:
            found = set(result["schemes"][name])
            right = len(found & relevant)
            totals[name][0] += len(found)
            totals[name][1] += right
            precision = f"{right / len(found):.2f}" if found else "-"
            recall = f"{right / len(relevant):.2f}" if relevant else "-"
            cells.append(f"{len(found)} / {right} ({precision}, {recall})")
        lines.append(f"| {query} | {len(relevant)} | " + " | ".join(cells) + " |")
    cells = []
    for name in names:
        found, right = totals[name][0], totals[name][1]
        cells.append(f"{found} / {right} ({right / found if found else 0:.2f}, "
                     f"{right / relevant_total if relevant_total else 0:.2f})")
    lines.append(f"| **all** | {relevant_total} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (make site)")
    args = parser.parse_args(argv)
    if not (args.site / "ko" / "search" / "ko.json").is_file():
        print(f"{args.site}: no Korean index (ko/search/ko.json); run `make site` first", file=sys.stderr)
        return 1
    results = measure(args.site)
    print(table(results))
    differing = {q: r for q, r in results.items()
                 if set(r["shipped"]) != set(r["schemes"]["particles"])}
    if differing:
        print("\nthe shipped search differs from the 'particles' scheme on: " + ", ".join(differing))
        return 1
    print("\nthe shipped search (assets/search.js) finds the same pages as 'particles' on every query")
    return 0


if __name__ == "__main__":
    sys.exit(main())
