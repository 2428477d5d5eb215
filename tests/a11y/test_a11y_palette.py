"""Colour contrast of the site's palette (Material's custom primary and accent, set in
overrides/assets/site.css), including colours axe never sees on a loaded page: hovered
links, the hovered back-to-top button, the footer.

The colours are read from the page in Chromium (so whatever stylesheet sets them counts) and
composited over what is behind them; text needs 4.5:1 (WCAG 1.4.3).
"""

from __future__ import annotations

import pytest


pytestmark = pytest.mark.browser

# (text colour, background layers from the front to the page background, what it is)
TEXT_ON_BACKGROUND = [
    ("--md-default-fg-color", ["--md-default-bg-color"], "body text"),
    ("--md-default-fg-color--light", ["--md-default-bg-color"], "secondary text (table headings, captions)"),
    ("--md-typeset-a-color", ["--md-default-bg-color"], "links"),
    ("--md-accent-fg-color", ["--md-default-bg-color"], "hovered and focused links"),
    ("--md-primary-fg-color", ["--md-default-bg-color"], "current page in the navigation"),
    ("--md-primary-bg-color", ["--md-primary-fg-color"], "header text"),
    ("--md-primary-bg-color--light", ["--md-primary-fg-color"], "header secondary text"),
    ("--md-accent-bg-color", ["--md-accent-fg-color"], "hovered back-to-top button"),
    ("--md-footer-fg-color", ["--md-footer-bg-color", "--md-default-bg-color"], "footer links"),
    ("--md-footer-fg-color--light", ["--md-footer-bg-color", "--md-default-bg-color"], "footer direction labels"),
    ("--md-footer-fg-color--lighter", ["--md-footer-bg-color--dark", "--md-footer-bg-color", "--md-default-bg-color"],
     "footer copyright line"),
    ("--md-code-fg-color", ["--md-code-bg-color", "--md-default-bg-color"], "inline code"),
    ("--md-typeset-a-color", ["--md-code-bg-color", "--md-default-bg-color"], "link in inline code"),
]

RESOLVE = """(names) => {
    const probe = document.createElement('span');
    document.querySelector('[data-md-color-scheme]').appendChild(probe);
    const out = {};
    for (const name of names) {
        probe.style.color = '';
        probe.style.color = `var(${name})`;
        const m = getComputedStyle(probe).color.match(/rgba?\\(([^)]+)\\)/);
        const [r, g, b, a = 1] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
        out[name] = getComputedStyle(document.body).getPropertyValue(name).trim() ? [r, g, b, a] : null;
    }
    probe.remove();
    return out;
}"""


def luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour (0-255 channels)."""
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second) -> float:
    """WCAG contrast ratio of two opaque colours."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def composite(layers):
    """Colours from the front to the back, each [r, g, b, a]; the result over white."""
    out = [255.0, 255.0, 255.0]
    for r, g, b, a in reversed(layers):
        out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)]
    return out


@pytest.fixture(scope="module")
def palette(browser, served_site):
    names = sorted({name for fg, bgs, _ in TEXT_ON_BACKGROUND for name in [fg, *bgs]})
    page = browser.new_page()
    page.goto(served_site + "en/foreign-workers/contributions/", wait_until="load")
    colours = page.evaluate(RESOLVE, names)
    page.close()
    return colours


@pytest.mark.parametrize("text, background, what", TEXT_ON_BACKGROUND, ids=[t[2] for t in TEXT_ON_BACKGROUND])
def test_palette_text_contrast_is_at_least_4_5(palette, text, background, what):
    missing = [name for name in [text, *background] if palette[name] is None]
    assert missing == [], f"{what}: colour variables not set: {missing}"
    behind = composite([palette[name] for name in background])
    front = composite([palette[text]] + [palette[name] for name in background])
    ratio = contrast(front, behind)
    assert ratio >= 4.5, f"{what}: {text} on {' over '.join(background)} is {ratio:.2f}:1"
