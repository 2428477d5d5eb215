#!/usr/bin/env python3
"""Lighthouse audit of the built site: performance, accessibility, best practices and SEO.

Builds the whole site with SITE_URL pointing at a local server (so canonical links,
hreflang alternates, the sitemap and robots.txt name the address Lighthouse loads), serves
it from 127.0.0.1 gzip-compressed like the public host, and runs Lighthouse (mobile preset,
the default: simulated slow 4G and a 4x slower CPU) on the home page and one guide in each
language. Prints the scores and the audits that cost points; --write puts the table
between the <!-- lighthouse:start --> and <!-- lighthouse:end --> markers of dev/quality.md.

Lighthouse is an npm package outside the repository (too heavy for `make test`):

    npm i -E lighthouse@12.2.3 --prefix /tmp/lh      # 13.x needs Node 22
    .venv/bin/python scripts/lighthouse_audit.py --lighthouse /tmp/lh/node_modules/.bin/lighthouse --write

Exit status: 0 when every page meets the targets (performance >= 95, the others 100),
1 when one does not, 2 when Lighthouse or the build cannot run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import gzip
import http.server
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUALITY = REPO / "dev" / "quality.md"
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
PAGES = ["", "foreign-workers/contributions/", "en/", "en/foreign-workers/contributions/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml")


class Failure(Exception):
    """Lighthouse or the build could not run; the message says what to do."""


# -- serving -------------------------------------------------------------------------------
class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser accepts it (as GitHub Pages serves)."""

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not ctype.startswith(COMPRESSIBLE)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve(directory: Path, port: int):
    handler = functools.partial(_GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.handle_error = lambda request, address: None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def build_site(site_dir: Path, site_url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
                            cwd=REPO, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"mkdocs build failed:\n{result.stderr[-3000:]}")


# -- Lighthouse ----------------------------------------------------------------------------
def find_lighthouse(given: str | None) -> str:
    command = given or os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    if not command or not (Path(command).is_file() or shutil.which(command)):
        raise Failure("Lighthouse not found: run `npm i -E lighthouse@12.2.3 --prefix /tmp/lh` and pass "
                      "--lighthouse /tmp/lh/node_modules/.bin/lighthouse (or set LIGHTHOUSE)")
    return command


def version_of(command: list[str]) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60).stdout
    except OSError:
        return "?"
    first = out.strip().splitlines()[0] if out.strip() else "?"
    return first.split(" built on ")[0]  # "Chromium 131.0.6778.85 built on Debian ..." -> short


def run_lighthouse(lighthouse: str, chromium: str, url: str, out: Path) -> dict:
    command = [lighthouse, url, f"--chrome-flags={CHROME_FLAGS}",
               f"--only-categories={','.join(CATEGORIES)}", "--output=json",
               f"--output-path={out}", "--quiet"]
    result = subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium},
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.is_file():
        raise Failure(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def summarise(report: dict) -> dict:
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    metrics = {short: audits[name].get("displayValue", "?") for name, short in METRICS.items()}
    lost = []  # audits that cost points (weighted, scored below 1)
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lost.append(f"{category}: {ref['id']} {audit['score']:.2f}{value}")
    return {"scores": scores, "metrics": metrics, "lost": lost}


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (Lighthouse's own advice for noisy metrics)."""
    ordered = sorted(runs, key=lambda r: r["scores"]["performance"])
    return ordered[len(ordered) // 2]


def meets_targets(summary: dict) -> bool:
    return all(summary["scores"][c] >= target for c, target in TARGETS.items())


# -- dev/quality.md ------------------------------------------------------------------------------
def table(results: dict[str, dict], lighthouse_version: str, chromium_version: str, runs: int) -> str:
    lines = [
        f"Lighthouse {lighthouse_version}, {chromium_version}, mobile preset (simulated slow 4G, "
        f"4x CPU slowdown), {'median of ' + str(runs) + ' runs' if runs > 1 else 'one run'} per page, "
        f"{datetime.date.today().isoformat()}. Targets: performance ≥ 95, the others 100.",
        "",
        "| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for page, summary in results.items():
        s, m = summary["scores"], summary["metrics"]
        lines.append(f"| `/{page}` | {s['performance']} | {s['accessibility']} | {s['best-practices']} "
                     f"| {s['seo']} | {m['FCP']} | {m['LCP']} | {m['TBT']} | {m['CLS']} |")
    return "\n".join(lines)


def write_table(text: str, page: Path = QUALITY) -> None:
    content = page.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(content):
        raise Failure(f"{page}: markers {START} and {END} not found; add them back")
    replacement = f"{START}\n{text}\n{END}"
    page.write_text(pattern.sub(lambda _: replacement, content, count=1), encoding="utf-8")


# -- command -------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", help="the lighthouse command (default: $LIGHTHOUSE or `lighthouse` on PATH)")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="browser for Lighthouse (CHROME_PATH)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is kept (default 1)")
    parser.add_argument("--write", action="store_true", help="write the table into dev/quality.md")
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this directory")
    parser.add_argument("pages", nargs="*", default=PAGES, help="pages relative to the site root")
    args = parser.parse_args(argv)

    try:
        lighthouse = find_lighthouse(args.lighthouse)
        lighthouse_version = version_of([lighthouse, "--version"])
        chromium_version = version_of([args.chromium, "--version"])
        with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
            work = Path(tmp)
            port = free_port()
            site_url = f"http://127.0.0.1:{port}/"
            build_site(work / "site", site_url)
            reports = args.keep or work / "reports"
            reports.mkdir(parents=True, exist_ok=True)
            results = {}
            with serve(work / "site", port) as base:
                for page in args.pages:
                    runs = []
                    for run in range(args.runs):
                        name = (page.strip("/").replace("/", "_") or "home") + f"-{run + 1}.json"
                        runs.append(summarise(run_lighthouse(lighthouse, args.chromium, base + page,
                                                             reports / name)))
                    results[page] = median_run(runs)
                    s = results[page]["scores"]
                    print(f"/{page}: " + ", ".join(f"{c} {s[c]}" for c in CATEGORIES), flush=True)
                    for line in results[page]["lost"]:
                        print(f"    {line}")
    except Failure as error:
        print(f"lighthouse_audit: {error}", file=sys.stderr)
        return 2

    text = table(results, lighthouse_version, chromium_version, args.runs)
    print()
    print(text)
    if args.write:
        write_table(text)
        print(f"\nwritten to {QUALITY.relative_to(REPO)}")
    missed = [page for page, summary in results.items() if not meets_targets(summary)]
    if missed:
        print("\nbelow target: " + ", ".join(f"/{p}" for p in missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
