"""Hostile translations through a whole site build, opened in headless Chromium.

A copy of the site gets hostile msgstrs in real catalog entries (a paragraph, a link, a
front matter source title, a navigation label), one per class of issue #17. The strict build
(``make site``) fails naming each entry and keeps the old site/; the non-strict build warns
``catalog:line: what; how`` for each and publishes the source text instead. Chromium then opens
the English pages: no dialog fires, no element has an event-handler attribute, no request or
link goes to a host the Vietnamese page does not name, and the hostile text is not there.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from acceptance_support import copy_site, find_entry, make_site, mkdocs_build, po_entries, set_msgstr
from mdbabel.segments import segment
from search_support import serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "foreign-workers/contributions"
PAGE_PO = f"locales/en/LC_MESSAGES/{PAGE}.po"
SITE_PO = "locales/en/LC_MESSAGES/_site.po"
CR = "\u2029"  # stands for an escaped carriage return ("\r" in the catalog) until written


def _entries(text: str):
    return [e for e in po_entries(text) if e.msgid and e.msgstr and not e.obsolete]


def _hostile(root: Path, text: str) -> list[tuple[str, str]]:
    """(msgid, hostile msgstr) for entries of the page catalog, chosen by what they hold."""
    units = segment((root / "docs" / f"{PAGE}.md").read_text(encoding="utf-8"))
    paragraphs = {u.text for u in units if u.kind in ("paragraph", "list item", "admonition")}
    titles = {u.text for u in units if u.kind == "front matter source title"}
    entries = _entries(text)
    with_link = next(e for e in entries if "](" in e.msgid and e.msgid in paragraphs)
    plain = [e for e in entries if e.msgid in paragraphs and e is not with_link
             and "\n" not in e.msgid]
    source_title = next(e for e in entries if e.msgid in titles)
    return [
        (source_title.msgid, source_title.msgstr + " <svg/onload=alert('svg')>"),
        (with_link.msgid, with_link.msgstr.replace("](", "](https://evil.example/", 1)),
        (plain[0].msgid, plain[0].msgstr + "\n{: x onclick=alert('attr') }"),
        (plain[1].msgid, plain[1].msgstr + CR + "# <img src=x onerror=alert('cr')>"),
        (plain[2].msgid, "[" + plain[2].msgstr + "](jav&#x61;script:alert('js'))"),
        (plain[3].msgid, plain[3].msgstr + " <img/src/onerror=alert(6)>"),
        (plain[4].msgid, plain[4].msgstr + "\n\n[x]: https://evil.example/"),
    ]


def _write(root: Path, catalog: str, cases: list[tuple[str, str]]) -> list[str]:
    """Write the msgstrs; return "catalog:line: " of each."""
    path = root / catalog
    text = path.read_text(encoding="utf-8")
    for msgid, msgstr in cases:
        text = set_msgstr(text, find_entry(text, msgid), msgstr)
    text = text.replace(CR, "\\r")
    path.write_text(text, encoding="utf-8")
    return [f"{catalog}:{find_entry(text, msgid).msgstr_line}: " for msgid, _ in cases]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = copy_site(tmp_path_factory.mktemp("hostile") / "project")
    cases = _hostile(root, (root / PAGE_PO).read_text(encoding="utf-8"))
    where = _write(root, PAGE_PO, cases)
    nav = next(e for e in _entries((root / SITE_PO).read_text(encoding="utf-8"))
               if e.msgid == "Người lao động nước ngoài tại Việt Nam")
    where += _write(root, SITE_PO, [(nav.msgid, nav.msgstr + "<img/src/onerror=alert('nav')>")])
    return root, where


def test_strict_build_fails_naming_every_hostile_entry_and_keeps_the_old_site(hostile_site, tmp_path):
    root, where = hostile_site
    (root / "site").mkdir(exist_ok=True)
    (root / "site" / "marker.txt").write_text("old site", encoding="utf-8")
    result = make_site(root)
    assert result.returncode != 0
    for location in where:
        assert location in result.stderr, f"{location} not named:\n{result.stderr[-4000:]}"
    assert "Traceback" not in result.stderr + result.stdout
    assert (root / "site" / "marker.txt").read_text(encoding="utf-8") == "old site"


def test_non_strict_build_publishes_nothing_hostile(hostile_site, tmp_path, browser):
    root, where = hostile_site
    site = tmp_path / "site"
    result = mkdocs_build(root, site, strict=False)
    assert result.returncode == 0, result.stderr[-4000:]
    for location in where:
        line = next(message for message in result.stderr.splitlines() if location in message)
        assert ";" in line.split(location, 1)[1], line  # what is wrong; how to fix it
    assert "Traceback" not in result.stderr
    english = (site / "en" / PAGE / "index.html").read_text(encoding="utf-8")
    for hostile in ("evil.example", "alert(", "onload", "onerror", "onclick"):
        assert hostile not in english, hostile

    # the session's Chromium (conftest.browser): a second Playwright in one process fails
    with serve(site) as base:
        context = browser.new_context()
        try:
            outside: list[str] = []

            def route(request_route):
                host = urlsplit(request_route.request.url).hostname
                if host not in ("127.0.0.1", None):
                    outside.append(request_route.request.url)
                    return request_route.abort()
                return request_route.continue_()

            context.route("**/*", route)
            page = context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            hosts = {}
            for path in (f"{PAGE}/", f"en/{PAGE}/", "en/"):
                page.goto(base + path, wait_until="load")
                page.mouse.move(10, 10)
                page.wait_for_timeout(200)
                handlers = page.evaluate("""() => Array.from(document.querySelectorAll('*'))
                    .flatMap(e => Array.from(e.attributes)
                    .filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))""")
                assert handlers == [], (path, handlers)
                hosts[path] = set(page.evaluate("""() => Array.from(document.querySelectorAll(
                    'a[href], img[src], link[href], script[src], iframe[src]'))
                    .map(e => new URL(e.href || e.src, location.href).hostname)"""))
            assert dialogs == []
            assert outside == []
            assert hosts[f"en/{PAGE}/"] <= hosts[f"{PAGE}/"], hosts
        finally:
            context.close()
