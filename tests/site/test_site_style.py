"""Colours of overrides/assets/site.css meet WCAG AA; the print stylesheet does its job."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SITE_CSS = (REPO / "overrides" / "assets" / "site.css").read_text(encoding="utf-8")
PRINT_CSS = (REPO / "overrides" / "assets" / "print.css").read_text(encoding="utf-8")


def variable(name: str) -> str:
    return re.search(rf"{re.escape(name)}:\s*(#[0-9a-fA-F]{{6}})\s*;", SITE_CSS).group(1)


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", ["--md-typeset-a-color", "--md-primary-fg-color", "--md-accent-fg-color"])
def test_link_and_theme_colours_have_aa_contrast_on_white(name):
    assert contrast(variable(name), "#ffffff") >= 4.5


def test_header_text_on_primary_colour_has_aa_contrast():
    assert contrast(variable("--md-primary-bg-color"), variable("--md-primary-fg-color")) >= 4.5


def test_links_in_running_text_are_underlined():
    assert re.search(r"\(p, li[^)]*\) a[^{]*\{\s*text-decoration: underline", SITE_CSS)


def test_no_web_font_is_configured():
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s*font: false", config, re.M)
    assert "@font-face" not in SITE_CSS and "@import" not in SITE_CSS


def test_print_hides_site_chrome_and_writes_link_targets():
    for selector in (".md-header", ".md-sidebar", ".md-search", ".md-footer"):
        assert selector in PRINT_CSS
    assert 'a[href^="http"]::after' in PRINT_CSS and 'attr(href)' in PRINT_CSS
    assert "break-inside: avoid" in PRINT_CSS


def test_print_stylesheet_is_listed_in_mkdocs_yml():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    assert "assets/print.css" in config["extra_css"]
