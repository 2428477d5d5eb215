"""The real site in Chromium: no outside or failing requests, language switch, axe rules.

The site is built once per module and served from 127.0.0.1.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest


pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "en/", "foreign-workers/contributions/", "en/foreign-workers/contributions/", "en/faq/"]


@pytest.fixture(scope="module")
def base_url(served_site):
    """The real site, built once per session and served locally (conftest.py)."""
    return served_site


@pytest.fixture
def page(browser):
    # bypass_csp: a test injects axe-core, an inline script the site's CSP would block (the
    # pages under their CSP: tests/site/test_site_csp_browser.py)
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    tab = context.new_page()
    tab.requests, tab.failures = [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("response", lambda response: response.status >= 400 and tab.failures.append(
        f"{response.status} {response.url}"))
    yield tab
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_first_visit_requests_only_this_host_and_nothing_fails(page, base_url, path):
    page.goto(base_url + path, wait_until="networkidle")
    host = urlsplit(base_url).netloc
    assert [url for url in page.requests if urlsplit(url).netloc not in (host, "")] == []
    assert page.failures == []  # e.g. no /en/sitemap.xml


def test_language_menu_opens_the_same_page_in_the_other_language(page, base_url):
    page.goto(base_url + "en/foreign-workers/contributions/")
    page.click(".md-header__option .md-select button")
    page.click('a.md-select__link[hreflang="vi"]')
    page.wait_for_load_state()
    assert page.url == base_url + "foreign-workers/contributions/"
    assert page.locator("html").get_attribute("lang") == "vi"


@pytest.mark.parametrize("path", ["", "en/faq/", "foreign-workers/contributions/"])
def test_axe_finds_no_contrast_or_link_distinction_problem(page, base_url, path):
    page.goto(base_url + path, wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {runOnly: ['color-contrast', 'link-in-text-block',
                                                          'html-has-lang', 'valid-lang', 'html-lang-valid']});
        return result.violations.map(v => [v.id, v.nodes.map(n => n.target.join(' ')).slice(0, 5)]);
    }""")
    assert found == [], json.dumps(found, ensure_ascii=False, indent=1)
