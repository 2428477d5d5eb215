"""Keyboard use of the real site in Chromium: every element reached with Tab shows where the
focus is (WCAG 2.4.7), and a focus ring stands out from what is behind it by 3:1 (1.4.11).

Tab is pressed through the whole page (header, language menu, search, navigation, content,
tabs, footer) at desktop and phone width. For each stop the page is photographed around
the element with and without focus: the two must differ. When the element draws an
outline, the outline colour is compared with the background behind the element.
"""

from __future__ import annotations

import pytest

from test_a11y_palette import contrast

pytestmark = pytest.mark.browser

PAGES = ["", "en/foreign-workers/contributions/", "working-abroad/korea/"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}
MAX_STOPS = 120

NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

# Where the focus is shown: the element itself, or for Material's hidden inputs (content
# tabs, navigation toggles) the label a reader sees. Returns the box to photograph and the
# outline colour and background behind it.
FOCUS_STATE = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const again = 'a11yStop' in element.dataset;
    element.dataset.a11yStop = '';
    let shown = element;
    if (element.matches('input[type=radio], input[type=checkbox]') && element.id) {
        shown = document.querySelector(`label[for="${element.id}"]`) || element;
        const set = element.closest('.tabbed-set');
        if (set) shown = set.querySelector(':scope > .tabbed-labels');
    }
    const box = shown.getBoundingClientRect();
    const parse = (color) => {
        const m = color.match(/rgba?\\(([^)]+)\\)/);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
        return [r, g, b, a];
    };
    const background = (start) => {
        // composite the backgrounds of the ancestors, nearest first, over white
        const layers = [];
        for (let e = start; e; e = e.parentElement) {
            const c = parse(getComputedStyle(e).backgroundColor);
            if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
        }
        let out = [255, 255, 255];
        for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
        return out;
    };
    const ringOf = (e) => {
        const s = getComputedStyle(e);
        if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0) return null;
        return {color: parse(s.outlineColor), width: parseFloat(s.outlineWidth), style: s.outlineStyle};
    };
    return {
        again,
        name: element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
              (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/).join('.') : '') +
              (element.getAttribute('href') ? `[href="${element.getAttribute('href')}"]` : ''),
        box: {x: box.x, y: box.y, width: box.width, height: box.height},
        ring: ringOf(element) || (shown !== element ? ringOf(shown) : null),
        behind: background(shown.parentElement),
    };
}"""


def over(color, background):
    r, g, b, a = color
    return [r * a + background[0] * (1 - a), g * a + background[1] * (1 - a), b * a + background[2] * (1 - a)]


def photograph(page, box) -> bytes:
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    x, y = max(box["x"] - 6, 0), max(box["y"] - 6, 0)
    clip = {"x": x, "y": y, "width": max(min(box["width"] + 12, width - x), 1),
            "height": max(min(box["height"] + 12, height - y), 1)}
    return page.screenshot(clip=clip, animations="disabled", caret="hide")


def tab_stops(page):
    """Press Tab through the page; yields the focus state at every stop (each stop once)."""
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None:
            continue
        if state["again"]:
            return
        yield state


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", PAGES)
def test_every_tab_stop_shows_a_visible_focus_indicator(browser, served_site, path, viewport):
    # bypass_csp: the test adds a <style> of its own, which the site's CSP would block
    context = browser.new_context(viewport=VIEWPORTS[viewport], bypass_csp=True)
    page = context.new_page()
    problems, stops = [], 0
    try:
        page.goto(served_site + path, wait_until="load")
        page.add_style_tag(content=NO_TRANSITIONS)
        for state in tab_stops(page):
            stops += 1
            box = state["box"]
            if box["width"] < 1 or box["height"] < 1:
                problems.append(f"{state['name']}: focused but not displayed")
                continue
            focused = photograph(page, box)
            page.evaluate("() => { window.__focused = document.activeElement; document.activeElement.blur(); }")
            unfocused = photograph(page, box)
            page.evaluate("() => window.__focused.focus()")
            if focused == unfocused:
                problems.append(f"{state['name']}: looks the same with and without focus")
            ring = state["ring"]
            if ring and ring["color"]:
                ratio = contrast(over(ring["color"], state["behind"]), state["behind"])
                if ratio < 3:
                    problems.append(f"{state['name']}: focus ring {ring['style']} rgba{tuple(ring['color'])} "
                                    f"on rgb{tuple(round(c) for c in state['behind'])}: contrast {ratio:.1f}:1 < 3:1")
    finally:
        context.close()
    assert stops > 10
    assert problems == [], f"{path} at {viewport} width:\n" + "\n".join(problems)
