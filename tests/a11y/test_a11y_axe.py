"""axe-core on every page of every language of the real site, in Chromium.

Rules: WCAG 2.0 and 2.1, levels A and AA (axe tags wcag2a, wcag2aa, wcag21a, wcag21aa), plus
axe's best practices (heading order, unique landmarks, dialog names, content in landmarks...).
Pages: every address in sitemap.xml plus every 404 page, so a new page is audited without
touching this file. Each page is checked as loaded, with its collapsible blocks (details)
opened and its content tabs switched, at desktop width and at 375 px (phone).

The site is built once per session (tests/conftest.py) and served under the path of
site_url, the way the public host serves it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from repo_data import languages as site_languages
from repo_data import prefix, preview_languages

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"  # npm install
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

RUN_AXE = """async ([tags, within]) => {
    const context = within ? {include: within.map(selector => [selector])} : document;
    const result = await axe.run(context, {runOnly: {type: 'tag', values: tags},
                                           resultTypes: ['violations']});
    return result.violations.map(v => ({id: v.id, help: v.help,
        nodes: v.nodes.slice(0, 4).map(n => n.target.join(' '))}));
}"""

# Open every details block, then switch every set of content tabs to its last tab, the way
# a reader does (a click on the label, so Material's script follows).
OPEN_EVERYTHING = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    document.querySelectorAll('.tabbed-set > .tabbed-labels > label:last-child')
        .forEach(label => label.click());
}"""


def site_pages(site: Path, site_address: str) -> list[str]:
    """Addresses of every page relative to the site root: the sitemap's pages and 404 pages."""
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    locs = [loc.text.strip() for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    assert locs and all(loc.startswith(site_address) for loc in locs), locs[:3]
    pages = [loc[len(site_address):] for loc in locs]
    pages += [str(p.relative_to(site)) for p in sorted(site.rglob("404.html"))]
    # a preview language is out of the sitemap (noindex): its pages from its folder
    for code in preview_languages():
        pages += [p.parent.relative_to(site).as_posix() + "/" for p in (site / prefix(code)).rglob("index.html")
                  if "assets" not in p.parts]
    return sorted(set(pages))


def languages(site: Path) -> dict[str, str]:
    """{language: address prefix}: "" for the default language, "en/" for a language folder."""
    found = {}
    for path in [site / "index.html", *site.glob("*/index.html")]:
        match = re.search(r'<html[^>]*\blang="([^"]+)"', path.read_text(encoding="utf-8"))
        if match and (path.parent == site or (path.parent / "404.html").is_file()):
            found[match.group(1)] = "" if path.parent == site else path.parent.name + "/"
    return found


def pages_of(site: Path, site_address: str, language: str) -> list[str]:
    prefixes = languages(site)
    others = [p for lang, p in prefixes.items() if lang != language and p]
    own = prefixes[language]
    return [page for page in site_pages(site, site_address)
            if page.startswith(own) and not any(page.startswith(p) for p in others)]


@pytest.fixture(scope="module")
def axe_script() -> str:
    assert AXE.is_file(), f"axe-core is missing ({AXE}): run `npm install` in the repository"
    return AXE.read_text(encoding="utf-8")


def audit(page, axe_script: str, within: list[str] | None = None) -> list[dict]:
    """axe violations on the page, or only inside the elements matching ``within``."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_script)
    return page.evaluate(RUN_AXE, [AXE_TAGS, within])


def describe(where: str, violations: list[dict]) -> list[str]:
    return [f"{where}: {v['id']} ({v['help']}) at {', '.join(v['nodes'])}" for v in violations]


def test_axe_core_is_installed():
    """Fails (never skips) without axe-core: the audit would silently check nothing."""
    assert AXE.is_file(), f"axe-core is missing ({AXE}): run `npm install` in the repository"


def test_every_built_page_is_audited(built_site, site_url):
    pages = site_pages(built_site, site_url)
    built = {str(p.relative_to(built_site)).removesuffix("index.html")
             for p in built_site.rglob("*.html") if "assets" not in p.parts}
    assert built == set(pages)
    assert set(languages(built_site)) == set(site_languages())
    for code in site_languages():
        assert {f"{prefix(code)}404.html", f"{prefix(code)}status/"} <= set(pages)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", site_languages())
def test_no_axe_violation_on_any_page(browser, axe_script, built_site, site_url, served_site,
                                      language, viewport):
    pages = pages_of(built_site, site_url, language)
    assert len(pages) > 10
    # bypass_csp: the test injects axe-core, an inline script the site's CSP would block
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)
    page = context.new_page()
    problems = []
    try:
        for path in pages:
            page.goto(served_site + path, wait_until="load")
            assert page.locator("html").get_attribute("lang") == language, path
            problems += describe(f"{path} at {viewport} width", audit(page, axe_script))
            if page.locator("details, .tabbed-set").count():
                page.evaluate(OPEN_EVERYTHING)
                page.wait_for_timeout(300)  # Material's tab indicator transition
                opened = audit(page, axe_script, within=["details", ".tabbed-set"])
                problems += describe(f"{path} opened at {viewport} width", opened)
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("path", ["", "en/foreign-workers/contributions/"])
def test_no_axe_violation_in_the_phone_navigation_drawer(browser, axe_script, served_site, path):
    context = browser.new_context(viewport=VIEWPORTS["phone"], bypass_csp=True)  # axe-core
    page = context.new_page()
    try:
        page.goto(served_site + path, wait_until="load")
        page.click('.md-header label.md-header__button[for="__drawer"]')
        page.wait_for_timeout(400)
        assert page.locator(".md-sidebar--primary").is_visible()
        problems = describe(f"{path} with the menu open", audit(page, axe_script))
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("path", ["", "en/foreign-workers/contributions/"])
def test_no_axe_violation_in_the_open_language_menu(browser, axe_script, served_site, path):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], bypass_csp=True)  # axe-core
    page = context.new_page()
    try:
        page.goto(served_site + path, wait_until="load")
        page.focus(".md-header__option .md-select button")
        page.wait_for_timeout(400)
        assert page.locator(".md-select__link").first.is_visible()
        problems = describe(f"{path} with the language menu open", audit(page, axe_script))
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


VIETNAMESE_LETTERS = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
TEXT_IN_WRONG_LANGUAGE = """(letters) => {
    const vietnamese = new RegExp('[' + letters + ']', 'i');
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!vietnamese.test(node.textContent) || element.closest('script, style, template')) continue;
        const lang = (element.closest('[lang]') || document.documentElement).getAttribute('lang');
        if (!lang.toLowerCase().startsWith('vi')) found.push(node.textContent.trim().slice(0, 60));
    }
    return found;
}"""


@pytest.mark.parametrize("language", site_languages()[1:])
def test_vietnamese_text_on_other_language_pages_is_marked_lang_vi(browser, built_site, site_url, served_site,
                                                                   language):
    """Untranslated paragraphs, names and the language menu carry lang="vi" (screen readers
    switch voice; WCAG 3.1.2 language of parts)."""
    context = browser.new_context()
    page = context.new_page()
    unmarked = {}
    try:
        for path in pages_of(built_site, site_url, language):
            page.goto(served_site + path, wait_until="load")
            found = page.evaluate(TEXT_IN_WRONG_LANGUAGE, VIETNAMESE_LETTERS)
            if found:
                unmarked[path] = found[:5]
    finally:
        context.close()
    assert unmarked == {}, json.dumps(unmarked, ensure_ascii=False, indent=1)
