"""Fixtures shared by the tests of the real site (mkdocs.yml at the repository top).

- ``built_site``: the whole site built once per test session (``mkdocs build --strict``).
- ``site_url``: the site's public address (mkdocs.yml ``site_url``, or ``SITE_URL``).
- ``served_site``: the built site served from 127.0.0.1 under the path of ``site_url``
  (``/guide/`` for ``https://bhxh.github.io/guide/``), the way the public host serves it:
  the 404 pages, whose links are absolute, load their styles and scripts, and a missing
  address answers with the 404 page of its language and status 404.

A module may still define a fixture of the same name; its own one wins inside it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]


def read_site_url() -> str:
    """``site_url`` of mkdocs.yml: ``!ENV [SITE_URL, default]``, so SITE_URL wins when set."""
    raw = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r'^site_url:.*?"(https?://[^"]+)"', raw, re.M)
    return os.environ.get("SITE_URL") or match.group(1)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return site


@pytest.fixture(scope="session")
def site_url() -> str:
    return read_site_url()


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


@pytest.fixture(scope="session")
def served_site(built_site, site_url):
    """Base URL of the built site served locally under the path of ``site_url``."""
    with serve_site(built_site, site_url) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole test session (Playwright)."""
    from playwright.sync_api import sync_playwright

    from search_support import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()
