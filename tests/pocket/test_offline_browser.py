"""Offline after one visit (issue 25, point 2), in headless Chromium against the site built
from a copy of the project, served under the path of site_url on one fixed port (the origin
must stay the same for the service worker and its copy):

visit a page of a language; stop the server; read another page of that language (with the
notice of the copy and its date in the page's language) and search it, with the results found
online; only that language is kept. Then a real rebuild into the served folder (`mkdocs
build`: one page changed, one removed), visit once online: only the changed files are fetched;
stop the server: the new text is there, the removed page is gone from the copy and from its
search, and the copy holds exactly the new build's files. With Save-Data nothing is fetched
ahead; the button does it and says so in the page's language (that test serves the site at a
domain root).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mdbabel import offline
from search_support import _SiteHandler

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]

DONE = "() => document.querySelector('.mdbabel-offline').dataset.state === 'done'"
COPIES = "async () => (await caches.keys()).sort()"
KEPT = """async () => {
    const found = [];
    for (const name of await caches.keys())
        for (const request of await (await caches.open(name)).keys()) found.push(new URL(request.url).pathname);
    return found.sort();
}"""


class Server:
    """The site served on 127.0.0.1 at one port that survives a stop and a start."""

    def __init__(self, directory: Path, site_address: str):
        self.prefix = urlsplit(site_address).path or "/"
        languages = tuple(p.parent.name for p in directory.glob("*/404.html"))
        self.handler = functools.partial(
            type("Handler", (_SiteHandler,), {"prefix": self.prefix, "languages": languages}),
            directory=str(directory))
        self.port = 0
        self.server = None

    def start(self) -> str:
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), self.handler)
        self.server.handle_error = lambda request, address: None
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


@contextlib.contextmanager
def running(server: Server):
    try:
        yield server.start()
    finally:
        server.stop()


def search_titles(page, query: str) -> list[str]:
    page.click("#mdb-search-input")
    page.fill("#mdb-search-input", query)
    page.evaluate("() => window.mdbabelSearch.load().then(() => window.mdbabelSearch.run())")
    return page.eval_on_selector_all(".mdb-search__link", "links => links.map(a => a.textContent.trim())")


def message(site: Path, prefix: str, name: str) -> str:
    html = (site / prefix / "index.html").read_text(encoding="utf-8")
    found = re.search(rf'<template data-message="{name}">(.*?)</template>', html, re.S)
    assert found, name
    return " ".join(found.group(1).split())


@pytest.fixture
def site(built_site, tmp_path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def other_language(site: Path) -> tuple[str, str]:
    """A language with its own folder (not the default one) and its prefix."""
    return next((code, prefix) for code, prefix in offline.languages(site).items() if prefix)


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the repository's site project (its build cache too, when a build left one:
    the rebuilds below are then warm), to build and rebuild for real."""
    root = tmp_path / "project"
    root.mkdir()
    for name in ("docs", "locales", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if (REPO / ".cache").is_dir():
        shutil.copytree(REPO / ".cache", root / ".cache")
    return root


def build_into(root: Path, site: Path) -> None:
    """``mkdocs build`` of *root* into *site* (the folder being served), as a deploy does."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=root,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "MDBABEL_STRICT": "false"},
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]


def copy_date(language: str) -> str:
    from babel.dates import format_date

    return format_date(datetime.now().astimezone().date(), "long", locale=language.replace("-", "_"))


def test_a_language_reads_and_searches_offline_and_updates_after_a_rebuild(browser, project, site_url):
    site = project / "served"
    build_into(project, site)
    language, prefix = other_language(site)
    assert (site / "offline" / f"{language}.json").is_file()
    server = Server(site, site_url)
    context = browser.new_context(viewport={"width": 1280, "height": 800})  # the search box shown
    page = context.new_page()
    try:
        with running(server) as base:
            page.goto(base + prefix, wait_until="load")
            page.wait_for_function(DONE, timeout=60_000)
            assert page.inner_text(".mdbabel-offline__status") == message(site, prefix, "done")
            online = search_titles(page, "insurance")
            assert online
            assert [link for link in page.eval_on_selector_all(".mdb-search__link", "links => links.map(a => a.href)")
                    if "/glossary/" in link]  # (removed below)
        # the server is gone: another page of the language, from the copy
        page.goto(base + prefix + "faq/", wait_until="load")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("article h1").inner_text().strip()
        notice = page.inner_text(".mdbabel-offline-copy")
        # the copy says so, with its date in the page's language
        assert notice.startswith(message(site, prefix, "copy")) and notice.endswith(copy_date(language))
        assert search_titles(page, "insurance") == online
        copies = page.evaluate(COPIES)
        assert len(copies) == 1 and copies[0].startswith(f"mdbabel-offline-{language}-")
        kept = page.evaluate(KEPT)
        root = urlsplit(base).path
        others = [p for code, p in offline.languages(site).items() if code != language]
        assert f"{root}{prefix}faq/index.html" in kept
        assert not [path for path in kept if not path.startswith(root + prefix) and path.endswith(".html")]
        assert not [path for path in kept if "assets/cards/" in path]
        assert others

        # a new build into the served folder: one page changed (a new Vietnamese paragraph,
        # shown in the language's page with its lang until translated), one removed
        faq = project / "docs" / "faq.md"
        faq.write_text(faq.read_text(encoding="utf-8").rstrip("\n") + "\n\nĐoạn mới Zebracopy.\n",
                       encoding="utf-8")
        config = project / "mkdocs.yml"
        assert "  - glossary.md\n" in config.read_text(encoding="utf-8")
        config.write_text(config.read_text(encoding="utf-8").replace("  - glossary.md\n", ""), encoding="utf-8")
        (project / "docs" / "glossary.md").unlink()
        before = json.loads((site / "offline" / f"{language}.json").read_text(encoding="utf-8"))["files"]
        build_into(project, site)
        after = json.loads((site / "offline" / f"{language}.json").read_text(encoding="utf-8"))["files"]
        assert f"{prefix}faq/index.html" in after and f"{prefix}glossary/index.html" not in after
        changed = {path for path, digest in after.items() if before.get(path) != digest}
        assert f"{prefix}faq/index.html" in changed
        with running(server):
            page.goto(base + prefix, wait_until="load")
            page.wait_for_function(DONE, timeout=60_000)
            # only what changed is fetched again
            assert int(page.get_attribute(".mdbabel-offline", "data-fetched")) == len(changed)
        page.goto(base + prefix + "faq/", wait_until="load")
        assert "Zebracopy" in page.locator("article").inner_text()
        # no mix of two builds on one page: the page and what it loads are the new build's
        html = page.content()
        assert 'class="mdbabel-offline-copy"' in html
        kept = page.evaluate(KEPT)
        assert not [path for path in kept if "/glossary/" in path]
        assert {path[len(root):] for path in kept} - {"offline/" + language + ".json"} == set(after)
        assert len(page.evaluate(COPIES)) == 1
        # the offline search is the new build's: the removed page is not found any more
        assert search_titles(page, "insurance")
        links = page.eval_on_selector_all(".mdb-search__link", "links => links.map(a => a.href)")
        assert links and not [link for link in links if "/glossary/" in link]
        # a page not in the copy: the language's 404 page, from the copy
        response = page.goto(base + prefix + "glossary/", wait_until="load")
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator(".mdbabel-offline-copy").count() == 1
    finally:
        context.close()
        server.stop()


def test_with_save_data_nothing_is_fetched_ahead_and_the_button_keeps_the_guide(browser, site):
    """Served at a domain root this time (the other test: under the path of site_url)."""
    language, prefix = other_language(site)
    server = Server(site, "http://127.0.0.1/")
    context = browser.new_context(viewport={"width": 375, "height": 812})
    context.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    page = context.new_page()
    try:
        with running(server) as base:
            page.goto(base + prefix, wait_until="load")
            page.wait_for_selector(".mdbabel-offline:not([hidden])", timeout=30_000)
            page.wait_for_timeout(500)
            assert page.evaluate(COPIES) == []
            button = page.locator(".mdbabel-offline button")
            assert button.inner_text().strip() == " ".join(
                re.search(r'<button[^>]*mdbabel-offline__keep[^>]*>(.*?)</button>',
                          (site / prefix / "index.html").read_text(encoding="utf-8"), re.S).group(1).split())
            button.click()
            page.wait_for_function(DONE, timeout=60_000)
            assert page.inner_text(".mdbabel-offline__status") == message(site, prefix, "done")
            assert len(page.evaluate(COPIES)) == 1
            assert f"/{prefix}faq/index.html" in page.evaluate(KEPT)
    finally:
        context.close()
        server.stop()
