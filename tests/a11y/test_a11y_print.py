"""Printing a page (overrides/assets/print.css): content only, link targets written out,
table rows never split, collapsed blocks and every tab printed.

Chromium with media emulated as print, on the real site built once per session
(tests/conftest.py). A page printed to PDF by Chromium is checked by eye (dev/quality.md); here the rules that
make it right are checked.
"""

from __future__ import annotations

import pytest


pytestmark = pytest.mark.browser

GUIDES = ["foreign-workers/contributions/", "en/foreign-workers/contributions/"]
SCREEN_ONLY = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
               ".md-footer", ".mdb-search", ".md-top", ".md-skip"]


@pytest.fixture
def printed(browser, served_site, request):
    """A page of the site as a printer sees it (media print, A4-like width)."""
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(served_site + request.param, wait_until="load")
    yield page
    context.close()


def displayed(page, selector: str) -> bool:
    return page.evaluate("""(selector) => [...document.querySelectorAll(selector)]
        .some(e => e.getClientRects().length > 0)""", selector)


@pytest.mark.parametrize("printed", GUIDES, indirect=True)
def test_navigation_search_and_footer_are_not_printed(printed):
    assert [s for s in SCREEN_ONLY if displayed(printed, s)] == []
    assert displayed(printed, "article h1")


@pytest.mark.parametrize("printed", GUIDES, indirect=True)
def test_links_to_other_sites_print_their_address(printed):
    written = printed.evaluate("""() => [...document.querySelectorAll('article a[href^="http"]')]
        .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
    assert written, "the page should have a link to another site"
    for href, after in written:
        assert href in after, (href, after)


@pytest.mark.parametrize("printed", GUIDES, indirect=True)
def test_table_rows_are_not_split_and_headings_repeat(printed):
    styles = printed.evaluate("""() => [...document.querySelectorAll('article table')].map(t => [
        getComputedStyle(t.querySelector('tr')).breakInside,
        t.tHead ? getComputedStyle(t.tHead).display : 'table-header-group'])""")
    assert styles
    assert {row for row, _ in styles} == {"avoid"}
    assert {head for _, head in styles} == {"table-header-group"}


@pytest.mark.parametrize("printed", GUIDES, indirect=True)
def test_collapsed_blocks_and_every_tab_are_printed(printed):
    hidden = printed.evaluate("""() => [
        ...document.querySelectorAll('article details > :not(summary)'),
        ...document.querySelectorAll('article .tabbed-block')]
        .filter(e => e.getClientRects().length === 0).map(e => e.textContent.trim().slice(0, 50))""")
    assert hidden == []


@pytest.mark.parametrize("printed", GUIDES[:1], indirect=True)
def test_chromium_prints_the_page_to_pdf(printed):
    pdf = printed.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 2


@pytest.mark.parametrize("printed", GUIDES, indirect=True)
def test_links_to_pages_of_this_site_print_their_full_address(printed):
    written = printed.evaluate("""() => [...document.querySelectorAll('article a[href]')]
        .filter(a => !/^(#|https?:)/.test(a.getAttribute('href')))
        .map(a => [a.href, getComputedStyle(a, '::after').content])""")
    assert written, "the page should link to another page of the site"
    for href, after in written:
        assert href.startswith("http") and href in after, (href, after)


@pytest.mark.parametrize("printed", GUIDES[:1], indirect=True)
def test_links_within_the_page_print_no_address(printed):
    written = printed.evaluate("""() => [...document.querySelectorAll('article a[href^="#"]')]
        .map(a => getComputedStyle(a, '::after').content)""")
    assert written and all("#" not in after for after in written), written
