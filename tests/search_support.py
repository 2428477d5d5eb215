"""Shared pieces of the search tests: build the fixture site, serve it, measure a page visit.

Imported by tests/search/test_search_*.py (pytest puts tests/ on sys.path); also used by
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
from urllib.parse import unquote, urlsplit

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


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix``; unknown addresses get the language's 404 page."""

    prefix = "/"
    languages: tuple[str, ...] = ()

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass

    def _local(self, url_path: str) -> Path | None:
        path = unquote(urlsplit(url_path).path)
        if not path.startswith(self.prefix):
            return None
        local = Path(self.directory, path[len(self.prefix):]).resolve()
        if Path(self.directory).resolve() not in (local, *local.parents):
            return None
        if local.is_dir():
            local = local / "index.html" if path.endswith("/") else local
        return local if local.exists() else None

    def translate_path(self, path):
        local = self._local(path)
        return str(local) if local else str(Path(self.directory, "__missing__"))

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        rest = unquote(urlsplit(self.path).path)[len(self.prefix):] if self.path.startswith(self.prefix) else ""
        language = rest.split("/", 1)[0]
        page = Path(self.directory, language if language in self.languages else "", "404.html")
        if not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_site(directory: Path, site_address: str):
    """Serve a built site on 127.0.0.1 (free port) under the path of ``site_address``.

    Yields the local base URL, e.g. ``http://127.0.0.1:41234/guide/``. Stops the server on exit.
    """
    prefix = urlsplit(site_address).path or "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    languages = tuple(p.parent.name for p in directory.glob("*/404.html"))
    handler = functools.partial(
        type("SiteHandler", (_SiteHandler,), {"prefix": prefix, "languages": languages}),
        directory=str(directory),
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.handle_error = lambda request, address: None  # browser hung up: not a failure
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def serve(directory: Path):
    """Serve ``directory`` at the root of 127.0.0.1 on a free port; yields "http://.../"."""
    return serve_site(directory, "/")


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
