"""Shared pieces of the search tests: build the fixture site, serve it, measure a page visit.

Imported by tests/test_search_*.py (pytest puts tests/ on sys.path); also used by
scripts/bench_search.py.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "search-site"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_site(site_dir: Path, config: Path = FIXTURE_SITE / "mkdocs.yml") -> Path:
    """``mkdocs build --strict`` of ``config`` into ``site_dir``; raises with the log on failure."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
         "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 on a free port; yields the base URL ("http://.../")."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.handle_error = lambda request, address: None  # browser hung up: not a failure
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def first_visit_bytes(page, url: str) -> tuple[int, list[tuple[str, int]]]:
    """Load ``url`` in a fresh page; sum of the gzip-compressed sizes of every response body.

    Returns (total, [(url, compressed size), ...]). Waits for the network to go idle so that
    late requests (scripts, fonts, sitemap) are counted.
    """
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    sizes = []
    for response in responses:
        try:
            body = response.body()
        except Exception:  # redirects have no body
            body = b""
        sizes.append((response.url, len(gzip.compress(body, compresslevel=6))))
    return sum(size for _, size in sizes), sizes
