"""Every page of every language of the real site under its Content-Security-Policy, in Chromium.

The languages come from mkdocs.yml (the i18n plugin's build languages), the pages from the
built sitemap plus each language's 404 page (also at a missing address). On each page a
listener installed before the page's own scripts collects ``securitypolicyviolation``
events; the console's CSP errors are collected too; the page is used as a reader uses it
(details opened, content tabs switched, search box opened). None may be reported, and
search, the site's own script, still finds pages in every language.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from mdbabel.parallel_build import build_languages

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}

LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
    window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`
        + ` (${event.sourceFile || ''}:${event.lineNumber}) ${event.sample || ''}`);
});
"""

USE = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    document.querySelectorAll('.tabbed-set > .tabbed-labels > label:last-child')
        .forEach(label => label.click());
    const open = document.querySelector('.mdb-search__open');
    if (open) open.click();
}"""


def languages() -> dict[str, str]:
    """{language: address prefix}: the default language at the root, the others in a folder."""
    codes = build_languages(str(REPO / "mkdocs.yml"))
    return {code: "" if index == 0 else f"{code}/" for index, code in enumerate(codes)}


def pages_by_language(site: Path, site_address: str) -> dict[str, list[str]]:
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    addresses = [loc.text.strip()[len(site_address):] for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    prefixes = languages()
    found: dict[str, list[str]] = {}
    for code, prefix in prefixes.items():
        others = [p for c, p in prefixes.items() if c != code and p]
        own = [a for a in addresses if a.startswith(prefix) and not any(a.startswith(o) for o in others)]
        found[code] = sorted(own) + [f"{prefix}404.html", f"{prefix}no-such-page/deeper/"]
    return found


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(LISTEN)
    yield context
    context.close()


def visit(context, url: str) -> tuple[list[str], object]:
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text else None)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    page.evaluate(USE)
    page.wait_for_timeout(50)
    violations = page.evaluate("() => window.__cspViolations") + console + errors
    return violations, page


def test_every_language_has_pages(built_site, site_url):
    found = pages_by_language(built_site, site_url)
    assert len(found) == len(languages()) and all(len(pages) > 2 for pages in found.values())
    # every page of the sitemap is in exactly one language's list
    root = ElementTree.parse(built_site / "sitemap.xml").getroot()
    assert sum(len(p) - 2 for p in found.values()) == len(root.findall("s:url", SITEMAP_NS))


def test_no_page_breaks_its_content_security_policy(built_site, site_url, served_site, context):
    reported: dict[str, list[str]] = {}
    visited = 0
    for pages in pages_by_language(built_site, site_url).values():
        for address in pages:
            violations, page = visit(context, served_site + address)
            # the policy is in force on the page (a page without it would pass trivially)
            assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, address
            page.close()
            visited += 1
            if violations:
                reported[address] = violations
    assert visited > 0 and reported == {}


@pytest.mark.parametrize("language", list(languages()))
def test_search_works_under_the_policy(served_site, built_site, context, language):
    prefix = languages()[language]
    violations, page = visit(context, served_site + prefix)
    # a word of the page's own heading: found in the language's index
    word = max(page.inner_text("article h1").split(), key=len)
    page.fill("#mdb-search-input", word)
    page.evaluate("() => window.mdbabelSearch.load().then(() => window.mdbabelSearch.run())")
    page.wait_for_selector(".mdb-search__link")
    found = page.eval_on_selector_all(".mdb-search__link", "links => links.map(a => a.href)")
    violations += page.evaluate("() => window.__cspViolations")
    page.close()
    assert found and violations == []
