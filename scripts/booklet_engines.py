"""Measure the two candidate engines of the printed booklets on today's pages.

Builds the site (booklets on, cache off) in a temporary folder; every booklet's HTML document
is kept as WeasyPrint gets it, then printed again by Chromium (Playwright's page.pdf, tagged,
with an outline). For each booklet and engine: time, size, PDF pages, tags (/StructTreeRoot,
/MarkInfo, /Lang), bookmarks, and whether the contents have page numbers. The figures go
into dev/decisions/booklet-engine.md by hand.

    .venv/bin/python scripts/booklet_engines.py [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def facts(pdf: bytes) -> dict:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]

    def count(items) -> int:
        return sum(count(i) if isinstance(i, list) else 1 for i in items)

    toc = reader.pages[1].extract_text() if len(reader.pages) > 1 else ""
    return {"size": len(pdf), "pages": len(reader.pages), "tagged": "/StructTreeRoot" in root,
            "marked": bool((root.get("/MarkInfo") or {}).get("/Marked")), "lang": root.get("/Lang"),
            "bookmarks": count(reader.outline), "toc_numbers": bool(re.search(r"\.{5,} *\d+", toc))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    os.chdir(ROOT)
    os.environ.update(MDBABEL_BOOKLETS="true", NO_MKDOCS_2_WARNING="1",
                      SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1796000000"))
    from mdbabel.booklets import render

    documents: list[tuple[str, str, float, bytes]] = []
    original = render.render_pdf

    def recording(html: str, css: str, identifier: bytes) -> bytes:
        start = time.process_time()
        pdf = original(html, css, identifier)
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        lang = re.search(r'<html lang="([^"]+)"', html).group(1)
        documents.append((f"{lang}: {title[-40:]}", html, time.process_time() - start, pdf))
        return pdf

    render.render_pdf = recording
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as site:
        config = load_config("mkdocs.yml", site_dir=site)
        config.plugins["mdbabel"].config.cache = False
        build(config)

    from playwright.sync_api import sync_playwright

    start = time.perf_counter()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        started = time.perf_counter() - start
        print(f"chromium start: {started:.2f} s")
        for name, html, seconds, pdf in documents:
            begin = time.perf_counter()
            page.set_content(html, wait_until="load")
            page.add_style_tag(content=render.stylesheet())
            chromium_pdf = page.pdf(format="A4", tagged=True, outline=True, print_background=False,
                                    margin={"top": "18mm", "bottom": "30mm", "left": "17mm", "right": "17mm"})
            chromium_seconds = time.perf_counter() - begin
            print(f"{name}\n  weasyprint {seconds:.2f} s CPU {facts(pdf)}"
                  f"\n  chromium   {chromium_seconds:.2f} s wall {facts(chromium_pdf)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
