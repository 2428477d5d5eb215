"""Benchmark of the browser search over a synthetic index (default 1,600 Vietnamese pages).

Builds the search test site, replaces its Vietnamese index with a synthetic one of
``--pages`` pages filled up to the plugin's text caps, opens it in headless Chromium and
times, with performance.now(): index fetch + preparation, then each query (search only, and
search + rendering the result list).

    .venv/bin/python scripts/bench_search.py [--pages 1600] [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from search_support import build_site, launch_chromium, serve, serve_site  # noqa: E402

from mdbabel.search_index import (  # noqa: E402
    DEFAULT_MAX_PAGE_CHARS,
    DEFAULT_MAX_SECTION_CHARS,
    PageEntry,
    Section,
    build_index,
    dump_index,
)

SYLLABLES = (
    "bảo hiểm xã hội y tế thất nghiệp đóng hưởng lương hưu người lao động sử dụng hợp đồng "
    "tháng năm mức tiền trợ cấp chế độ ốm đau thai sản tai nạn bệnh nghề nghiệp tử tuất quỹ "
    "cơ quan giấy tờ hồ sơ thủ tục nộp nhận đăng ký thẻ khám chữa điều kiện thời gian làm việc "
    "nước ngoài Việt Nam Hàn Quốc Nhật Bản Đài Loan doanh nghiệp chủ sử dụng tỷ lệ phần trăm "
    "dòng đồng động đông đọng cho của và với trong khi nếu thì được không có là các những một"
).split()
QUERIES = [
    "bao hiem that nghiep",
    "bảo hiểm thất nghiệp",
    "dong bao hiem",
    "đóng",
    "luong huu",
    "thai san",
    "tro cap om dau",
    "nguoi lao dong nuoc ngoai",
    "xyz khong co",
]


def synthetic_pages(count: int, seed: int = 7) -> list[PageEntry]:
    rng = random.Random(seed)

    def words(n: int) -> str:
        return " ".join(rng.choice(SYLLABLES) for _ in range(n))

    pages = []
    for number in range(count):
        sections = [Section(text=words(120)[:DEFAULT_MAX_SECTION_CHARS])]
        budget = DEFAULT_MAX_PAGE_CHARS - len(sections[0].text)
        for k in range(6):
            text = words(rng.randint(60, 240))[: max(0, min(DEFAULT_MAX_SECTION_CHARS, budget))]
            budget -= len(text)
            sections.append(Section(title=words(4).capitalize(), anchor=f"s{k}", text=text))
        pages.append(PageEntry(f"p/{number}/", words(5).capitalize(), sections))
    return pages


_TIME_QUERIES = """([q, runs]) => { const s = window.mdbabelSearch, a = [], b = []; let n = 0;
   for (let i = 0; i < runs; i++) {
     let t = performance.now(); const r = s.search(q); a.push(performance.now() - t);
     t = performance.now(); s.render(s.search(q)); b.push(performance.now() - t);
     n = r.hits.length; }
   const med = x => x.sort((p, q) => p - q)[Math.floor(x.length / 2)];
   return [n, med(a), med(b)]; }"""


def time_site_search(site: Path, site_address: str, visits: list[tuple[str, list[str]]],
                     runs: int = 5) -> dict[str, dict]:
    """Search timings in headless Chromium on a built site.

    *visits* are (page address relative to the site root, queries); for each page, its
    language's index is loaded (fetch + preparation, timed), then each query is run *runs*
    times: search alone, and search + rendering the result list (median of each). Returns
    ``{page: {"load_ms", "queries": [(query, hits, search_ms, render_ms)], "worst_ms"}}``.
    """
    from playwright.sync_api import sync_playwright

    results = {}
    with serve_site(site, site_address) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for page_url, queries in visits:
                page = browser.new_page()
                page.goto(base_url + page_url)
                load_ms = page.evaluate(
                    """async () => { const t = performance.now(); await window.mdbabelSearch.load();
                       return performance.now() - t; }""")
                timed = [(query, *page.evaluate(_TIME_QUERIES, [query, runs])) for query in queries]
                results[page_url] = {"load_ms": load_ms, "queries": timed,
                                     "worst_ms": max(t[3] for t in timed)}
                page.close()
        finally:
            browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1600)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(Path(tmp) / "site")
        data = dump_index(build_index("vi", synthetic_pages(args.pages))).encode("utf-8")
        (site / "search" / "vi.json").write_bytes(data)
        print(f"synthetic index: {args.pages} pages, {len(data) / 1024:.0f} KB, "
              f"{len(gzip.compress(data)) / 1024:.0f} KB gzip")
        with serve(site) as base_url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page()
            page.goto(base_url)
            load_ms = page.evaluate(
                """async () => { const t = performance.now(); await window.mdbabelSearch.load();
                   return performance.now() - t; }"""
            )
            fetch_ms = page.evaluate(
                """async () => { const t = performance.now();
                   await (await fetch(document.querySelector('[data-mdb-search]').dataset.index,
                                      {cache: 'no-store'})).json();
                   return performance.now() - t; }"""
            )
            print(f"fetch + prepare index: {load_ms:.0f} ms (fetch + JSON parse alone: {fetch_ms:.0f} ms)")
            print(f"{'query':32} {'hits':>5} {'search ms':>10} {'+render ms':>11}  (median of {args.runs})")
            worst = 0.0
            for query in QUERIES:
                timing = page.evaluate(_TIME_QUERIES, [query, args.runs])
                hits, search_ms, render_ms = timing
                worst = max(worst, render_ms)
                print(f"{query:32} {hits:5d} {search_ms:10.1f} {render_ms:11.1f}")
            print(f"slowest query (search + render): {worst:.1f} ms")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
