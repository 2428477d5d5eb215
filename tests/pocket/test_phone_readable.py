"""Readable on a phone (issue 25, point 1): every page of every built language at 375 x 812.

On each page, with its collapsible blocks opened and each of its content tabs shown in turn:

- every visible text node inside the article is at least 16 CSS px (computed font-size);
- the page never scrolls sideways (document scrollWidth <= viewport width): a wide table
  or code block scrolls inside its own box;
- every visible touch target (link, button, summary, label, input) meets WCAG 2.2 2.5.8:
  24 x 24 CSS px, or a link inside a run of text, or the spacing exception (a 24 px circle
  on its centre touches no other target nor another small target's circle).

Languages and pages come from the built site (its sitemap and 404 pages, the way
tests/a11y/test_a11y_axe.py finds them), never from a list in this file.
"""

from __future__ import annotations

import json

import pytest

from test_a11y_axe import languages, pages_of

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
MIN_TEXT_PX = 16
MIN_TARGET_PX = 24

# Text nodes inside the article that are drawn (not hidden, not transparent) and smaller than
# the minimum; the page's sideways overflow.
MEASURE = """(minimum) => {
    const article = document.querySelector('article.md-content__inner') || document.querySelector('.md-content');
    const small = [];
    if (article) {
        const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.trim();
            const element = node.parentElement;
            if (!text || element.closest('script, style, template')) continue;
            if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            const box = range.getBoundingClientRect();
            if (box.width === 0 || box.height === 0) continue;
            const size = parseFloat(getComputedStyle(element).fontSize);
            if (size < minimum) {
                const where = element.tagName.toLowerCase()
                    + (element.className ? '.' + String(element.className).split(' ')[0] : '');
                small.push(where + ' ' + size + 'px: ' + text.slice(0, 40));
            }
        }
    }
    return {small, scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth};
}"""

# WCAG 2.2 2.5.8 Target Size (Minimum) on the visible targets inside the elements matching
# `within` ('body': the whole page; an open menu: the menu alone, the page under it being
# covered).
TARGETS = """([minimum, within]) => {
    const controls = 'a[href], button, summary, label[for], input:not([type=hidden]), select, textarea';
    const selector = controls + ', [tabindex]:not([tabindex="-1"])';
    const blocks = 'p, li, td, th, dd, dt, blockquote, figcaption';
    const targets = [];
    for (const element of document.querySelectorAll(selector)) {
        if (!element.closest(within)) continue;
        if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
        // the inner part of a control (a link inside a tab label) is the control itself
        if (element.parentElement && element.parentElement.closest(controls)) continue;
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        if (box.bottom < 0 || box.right < 0 || box.left >= window.innerWidth) continue;
        // A focusable box that scrolls (a wide table or code block) is not a small target.
        if (element.matches('[tabindex]') && !element.matches('a, button, summary, label, input')) continue;
        let inline = false;
        if (element.tagName === 'A') {
            const block = element.closest(blocks);
            // inline exception: a link within a sentence (its block has other text)
            inline = !!block && block.textContent.trim().length > element.textContent.trim().length;
        }
        targets.push({element, box, inline,
                      small: box.width < minimum - 0.01 || box.height < minimum - 0.01});
    }
    const distance = (x, y, r) => Math.hypot(Math.max(r.left - x, 0, x - r.right),
                                             Math.max(r.top - y, 0, y - r.bottom));
    const failing = [];
    for (const t of targets) {
        if (!t.small || t.inline) continue;
        const cx = (t.box.left + t.box.right) / 2, cy = (t.box.top + t.box.bottom) / 2;
        const clash = targets.some(u => {
            if (u === t || u.element.contains(t.element) || t.element.contains(u.element)) return false;
            if (distance(cx, cy, u.box) < minimum / 2) return true;
            if (u.small && !u.inline) {
                const ux = (u.box.left + u.box.right) / 2, uy = (u.box.top + u.box.bottom) / 2;
                return Math.hypot(cx - ux, cy - uy) < minimum;
            }
            return false;
        });
        if (clash) {
            const e = t.element;
            failing.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '')
                + ' ' + Math.round(t.box.width) + 'x' + Math.round(t.box.height) + ': '
                + (e.textContent.trim() || e.getAttribute('aria-label') || '').slice(0, 30));
        }
    }
    return failing;
}"""

OPEN_DETAILS = "() => document.querySelectorAll('article details').forEach(d => { d.open = true; })"
TAB_COUNT = ("() => Math.max(0, ...[...document.querySelectorAll('.tabbed-set')]"
             ".map(s => s.querySelectorAll(':scope > .tabbed-labels > label').length))")
SHOW_TAB = """(n) => document.querySelectorAll('.tabbed-set').forEach(set => {
    const labels = set.querySelectorAll(':scope > .tabbed-labels > label');
    if (labels[n]) labels[n].click();
})"""


def check_page(page, url: str) -> dict[str, list[str]]:
    """Problems of one page at phone width: small text, sideways scroll, small targets."""
    page.goto(url, wait_until="load")
    problems: dict[str, list[str]] = {}
    targets = page.evaluate(TARGETS, [MIN_TARGET_PX, "body"])
    page.evaluate(OPEN_DETAILS)
    for tab in range(max(page.evaluate(TAB_COUNT), 1)):
        page.evaluate(SHOW_TAB, tab)
        found = page.evaluate(MEASURE, MIN_TEXT_PX)
        problems.setdefault("small text", []).extend(found["small"])
        # against the phone's width: a mobile browser widens its layout viewport (innerWidth)
        # to the overflowing content
        if found["scrollWidth"] > PHONE["width"]:
            problems.setdefault("sideways scroll", []).append(
                f"scrollWidth {found['scrollWidth']} > {PHONE['width']} (tab {tab + 1})")
    targets += page.evaluate(TARGETS, [MIN_TARGET_PX, "body"])  # the opened blocks' summaries and tabs
    problems["small touch targets"] = targets
    return {kind: sorted(set(found)) for kind, found in problems.items() if found}


def test_the_walk_finds_every_language_and_page(built_site, site_url):
    found = languages(built_site)
    assert len(found) >= 2, found
    for language in found:
        assert len(pages_of(built_site, site_url, language)) > 1, language


def test_every_page_of_every_language_is_readable_on_a_phone(browser, built_site, site_url, served_site):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    failures: dict[str, dict[str, list[str]]] = {}
    checked = 0
    try:
        for language in languages(built_site):
            for path in pages_of(built_site, site_url, language):
                found = check_page(page, served_site + path)
                checked += 1
                if found:
                    failures[path] = {kind: items[:6] for kind, items in found.items()}
    finally:
        context.close()
    assert checked > 2
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def test_the_open_menus_have_large_enough_touch_targets(browser, built_site, site_url, served_site):
    """The navigation drawer (its content follows the page: navigation.prune) on every page,
    and the language menu on each language's first page."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    page = context.new_page()
    failures = {}
    try:
        for language in languages(built_site):
            for number, path in enumerate(pages_of(built_site, site_url, language)):
                page.goto(served_site + path, wait_until="load")
                page.click('.md-header label.md-header__button[for="__drawer"]')
                page.wait_for_timeout(300)  # the drawer's slide
                assert page.locator(".md-sidebar--primary").is_visible(), path
                found = page.evaluate(TARGETS, [MIN_TARGET_PX, ".md-sidebar--primary"])
                if number == 0:
                    page.goto(served_site + path, wait_until="load")
                    page.focus(".md-header__option .md-select button")
                    page.wait_for_timeout(300)
                    assert page.locator(".md-select__link").first.is_visible(), path
                    found += page.evaluate(TARGETS, [MIN_TARGET_PX, ".md-header__option .md-select"])
                if found:
                    failures[path] = found[:6]
    finally:
        context.close()
    assert failures == {}, json.dumps(failures, ensure_ascii=False, indent=1)


def test_the_check_sees_small_text_and_sideways_scroll(browser, served_site):
    """The measure is not blind: text set to 12 px and a wide block are reported."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(served_site, wait_until="load")
        page.evaluate("""() => {
            const p = document.querySelector('article.md-content__inner p');
            p.style.fontSize = '12px';
            const wide = document.createElement('div');
            wide.style.width = '900px';
            wide.textContent = 'wide';
            document.querySelector('article.md-content__inner').append(wide);
            const link = document.createElement('a');
            link.href = '#x'; link.textContent = 'x';
            link.style.cssText = 'position:absolute;top:300px;left:20px;font-size:10px';
            const other = link.cloneNode(true); other.style.left = '30px';
            document.body.append(link, other);
        }""")
        found = page.evaluate(MEASURE, MIN_TEXT_PX)
        targets = page.evaluate(TARGETS, [MIN_TARGET_PX, "body"])
    finally:
        context.close()
    assert any("12px" in item for item in found["small"])
    assert found["scrollWidth"] > PHONE["width"]
    assert any(item.startswith("a") and item.endswith(": x") for item in targets), targets
