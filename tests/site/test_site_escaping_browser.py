"""Hostile catalog text that reaches the templates stays text, in Chromium (issue #17).

A copy of the real site gets a hostile English ``_site.po`` (navigation labels, site name and
description, interface strings of every template, the search box, the status page, the
permalinks, the 404 page) and hostile front matter: a legal-source title written in the
Vietnamese page with ``<img/src/onerror=...>`` and translated with another one, a page title
and description translated with ``<script>`` and ``" onmouseover="``.

The site build's translation checks would keep some of these out (the source text is then
shown): this test turns off the plugin's checks of interface strings and front matter, so
that what it sees is the escaping alone (the checks are tested elsewhere; the page bodies
keep their checks). Every page of every language (languages from mkdocs.yml) is opened:
no dialog opens, no element has an event-handler attribute, no inline script carries the
payload, and the hostile text is shown as text where the templates put it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from acceptance_support import copy_site, environment, find_entry, set_msgstr
from conftest import read_site_url
from mdbabel import interface_strings as ui
from search_support import serve_site
from test_site_csp_browser import languages, pages_by_language

pytestmark = pytest.mark.browser

NAV_LABEL = "<svg/onload=alert(1)>"
SITE_NAME = 'Social insurance" onmouseover="alert(2)'
SOURCE_TITLE = "Nghị định <img/src/onerror=alert(20)> mẫu"
SOURCE_TRANSLATION = "Decree <img/src/onerror=alert(21)> sample"
PAGE_TITLE = "How much <script>alert(22)</script> do we pay?"
PAGE_DESCRIPTION = '" onmouseover="alert(23)'
SITE_DESCRIPTION = '" onmouseover="alert(19)'
EXPLANATION = "<svg/onload=alert(14)> [x](https://evil.example/) {: onclick=alert(15) }"
NOT_FOUND = "</title><script>alert(9)</script>"

SITE_MESSAGES = {
    "Người lao động nước ngoài tại Việt Nam": NAV_LABEL,
    "Người Việt Nam làm việc ở nước ngoài": "Abroad' onmouseover='alert(3)",
    "Bảo hiểm xã hội qua biên giới": SITE_NAME,
    "Nguồn": "<img src=x onerror=alert(4)>Sources",
    "Tìm kiếm": '"><svg/onload=alert(5)>',
    "Mở ô tìm kiếm": '" onfocus="alert(6)',
    ui.PERMALINK_TITLE: '" onmouseover="alert(7)',
    "Về trang chủ": "<svg/onload=alert(8)>",
    "Không tìm thấy trang": NOT_FOUND,
    ui.STATUS_LANGUAGE_HEADING: "Language: %(language)s <svg/onload=alert(10)>",
    ui.STATUS_COLUMN_PAGE: "<img/src/onerror=alert(11)>",
    "Chọn ngôn ngữ": '" onclick="alert(12)',
    "Nội dung được kiểm tra lần cuối: %(date)s": "<svg/onload=alert(13)> %(date)s",
    ui.STATUS_EXPLANATION: EXPLANATION,
    ui.NOTICE_PARTIAL: "<svg/onload=alert(16)> %(share)s %(language)s %(source_language)s",
    ui.NOTICE_ORIGINAL_LINK: "<svg/onload=alert(17)> %(source_language)s",
    "{n} kết quả": "<img src=x onerror=alert(18)> {n}",
}

# The plugin's checks of interface strings and front matter off; then `mkdocs build`.
BUILD = """
import sys
import mdbabel.mkdocs_plugin.catalog_access as catalog_access
import mdbabel.mkdocs_plugin.interface as interface
catalog_access.check_translation = lambda *args, **kwargs: []
interface.check_interface_translation = lambda *args, **kwargs: []
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--site-dir", sys.argv[1]]
cli()
"""

CHECK_PAGE = """() => {
    const handlers = [];
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            if (attribute.name.toLowerCase().startsWith('on')) {
                handlers.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
            }
        }
    }
    const scripts = [...document.querySelectorAll('script')]
        .filter(s => /alert\\(/.test(s.textContent)).map(s => s.textContent);
    const outside = [...document.querySelectorAll('a[href*="evil.example"], [src*="evil.example"]')]
        .map(e => e.outerHTML);
    return {handlers, scripts, outside};
}"""


def write_hostile(project: Path) -> None:
    from mkdocs.config import load_config

    site_po = project / "locales" / "en" / "LC_MESSAGES" / "_site.po"
    text = site_po.read_text(encoding="utf-8")
    description = load_config(config_file=str(project / "mkdocs.yml")).site_description
    for msgid, msgstr in {**SITE_MESSAGES, description: SITE_DESCRIPTION}.items():
        text = set_msgstr(text, find_entry(text, msgid), msgstr)
    site_po.write_text(text, encoding="utf-8")

    page = project / "docs" / "foreign-workers" / "contributions.md"
    source = page.read_text(encoding="utf-8")
    assert "\nsources:\n" in source
    page.write_text(source.replace("\nsources:\n", f'\nsources:\n  - title: "{SOURCE_TITLE}"\n', 1),
                    encoding="utf-8")
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "foreign-workers" / "contributions.po"
    text = catalog.read_text(encoding="utf-8")
    front = {key: source.split(f"\n{key}: ", 1)[1].split("\n", 1)[0] for key in ("title", "description")}
    text = set_msgstr(text, find_entry(text, front["title"]), PAGE_TITLE)
    text = set_msgstr(text, find_entry(text, front["description"]), PAGE_DESCRIPTION)
    text += f'\n#. legal source (front matter)\nmsgid "{SOURCE_TITLE}"\nmsgstr "{SOURCE_TRANSLATION}"\n'
    catalog.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_site(tmp_path_factory.mktemp("hostile") / "project")
    write_hostile(project)
    site = project / "site"
    result = subprocess.run([sys.executable, "-c", BUILD, str(site)], cwd=project,
                            env=environment(MDBABEL_STRICT="false"), capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    address = read_site_url()
    with serve_site(site, address) as url:
        yield site, address, url


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context
    context.close()


def open_page(context, url: str, dialogs: list[str]):
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="networkidle")
    return page


def test_no_hostile_text_runs_on_any_page(hostile_site, context):
    site, address, url = hostile_site
    dialogs: list[str] = []
    found: dict[str, dict] = {}
    for pages in pages_by_language(site, address).values():
        for path in pages:
            page = open_page(context, url + path, dialogs)
            # where a reader's pointer and keyboard go: the logo, the menus, headings
            for selector in (".md-header .md-logo", ".md-nav__link", "h2"):
                shown = page.locator(f"{selector} >> visible=true")
                if shown.count():
                    shown.first.hover()
            page.keyboard.press("Tab")
            result = page.evaluate(CHECK_PAGE)
            if any(result.values()):
                found[path] = result
            page.close()
    assert dialogs == [] and found == {}


def test_hostile_text_is_shown_as_text(hostile_site, context):
    site, address, url = hostile_site
    codes = list(languages())
    english = languages()["en"] if "en" in codes else None
    assert english is not None, "the hostile catalogs are English: mkdocs.yml builds no 'en'"
    dialogs: list[str] = []

    page = open_page(context, url + english + "foreign-workers/contributions/", dialogs)
    assert PAGE_TITLE in page.title() and SITE_NAME in page.title()
    assert NAV_LABEL in page.inner_text(".md-sidebar--primary")
    assert SITE_NAME in page.inner_text(".md-header__topic")
    assert page.get_attribute(".md-header .md-logo", "aria-label") == SITE_NAME
    assert page.get_attribute('meta[name="description"]', "content") == PAGE_DESCRIPTION
    assert SOURCE_TRANSLATION in page.inner_text(".mdbabel-sources")
    assert page.inner_text(".mdbabel-sources__title") == "<img src=x onerror=alert(4)>Sources"
    assert page.get_attribute("h2 .headerlink", "title") == '" onmouseover="alert(7)'
    assert page.get_attribute(".mdb-search__open", "aria-label") == '" onfocus="alert(6)'
    assert page.get_attribute(".md-select .md-header__button", "aria-label") == '" onclick="alert(12)'
    # search under hostile strings: the count of results is text too
    page.fill("#mdb-search-input", "insurance")
    page.evaluate("() => window.mdbabelSearch.load().then(() => window.mdbabelSearch.run())")
    page.wait_for_selector(".mdb-search__link")
    assert "<img src=x onerror=alert(18)>" in page.inner_text(".mdb-search__status")
    page.close()

    page = open_page(context, url + english + "status/", dialogs)
    article = page.inner_text("article")
    assert EXPLANATION in article and "<svg/onload=alert(10)>" in article
    assert "<img/src/onerror=alert(11)>" in article
    page.close()

    page = open_page(context, url + english + "404.html", dialogs)
    assert NOT_FOUND in page.title() and "<svg/onload=alert(8)>" in page.inner_text("article")
    assert page.get_attribute('meta[name="description"]', "content") == SITE_DESCRIPTION
    page.close()

    source_page = open_page(context, url + languages()[codes[0]] + "foreign-workers/contributions/",
                            dialogs)
    assert SOURCE_TITLE in source_page.inner_text(".mdbabel-sources")
    source_page.close()
    assert dialogs == []
