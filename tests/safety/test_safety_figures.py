"""Figures as typed values, URLs as a browser reads them, invisible characters, the budget."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mdbabel.catalogs import load_site_config
from mdbabel.figures import format_long_date, format_value, load_figures
from mdbabel.safety.budget import budget_problems
from mdbabel.safety.figures_compare import compare_figures, figures_of
from mdbabel.safety.invisible import invisible_problems
from mdbabel.safety.urls import parse_url

ROOT = Path(__file__).resolve().parents[2]


def _languages() -> list[str]:
    config = load_site_config(ROOT)
    return [config.source_language, *config.languages]


@pytest.mark.parametrize("language", _languages())
def test_a_date_in_every_language_of_the_site_is_the_same_date(language):
    """Every language's long date (figures.format_long_date) is read back as that date."""
    day = dt.date(2026, 7, 1)
    written = format_long_date(day, language)
    assert compare_figures("1/7/2026", written, ordered=True) == [], written
    assert compare_figures("2026-07-01", written, ordered=True) == []
    assert compare_figures("7/1/2026", written, ordered=True), "day and month swapped"


@pytest.mark.parametrize("language", _languages())
def test_every_figure_of_the_site_formatted_for_each_language_matches_the_vietnamese(language):
    """The figures in docs/_data, as each language formats them, are the values the Vietnamese
    formatting shows (grouping and decimal marks differ)."""
    figures = load_figures(ROOT / "docs" / "_data", relative_to=ROOT)
    assert figures
    for figure in figures.values():
        if figure.type == "text":
            continue
        source, target = format_value(figure, "vi"), format_value(figure, language)
        assert compare_figures(source, target, ordered=True) == [], (figure.name, source, target)


@pytest.mark.parametrize("language", ["de", "fr", "es", "pt", "ru", "ko", "ja", "zh", "id", "tl",
                                      "hi", "th", "my"])
def test_a_date_in_a_language_babel_knows_is_read_as_that_date(language):
    """Any language added later: its long date, as figures.py writes it, is read back (the
    month names come from Babel's data for the translation's language)."""
    for day in (dt.date(2026, 7, 1), dt.date(2025, 12, 31)):
        written = format_long_date(day, language)
        numeric = f"{day.day}/{day.month}/{day.year}"
        assert compare_figures(numeric, written, ordered=False, language=language) == [], written
        swapped = format_long_date(day.replace(month=1), language)
        assert compare_figures(numeric, swapped, ordered=False, language=language), swapped


@pytest.mark.parametrize("source, target", [
    ("2.530.000 đồng", "VND 2,530,000"), ("2.530.000", "2 530 000"), ("2.530.000", "2\u00a0530\u00a0000"),
    ("10,5%", "10.5 %"), ("8%", "8 %"), ("1/7/2026", "1 July 2026"), ("1/7/2026", "July 1, 2026"),
    ("ngày 1 tháng 7 năm 2026", "1st July 2026"), ("tháng 6/2024", "June 2024"),
    ("tháng 11 năm 2026", "November 2026"), ("41/2024/QH15", "41/2024/QH15"),
    ("25/2025/NĐ-CP", "25/2025/ND-CP"), ("862/BHXH-TST", "862/BHXH-TST"),
    ("24/7", "24/7"), ("2.530", "2,530"), ("thứ 40", "40th"),
])
def test_same_value_written_another_way(source, target):
    assert compare_figures(source, target, ordered=True) == []


@pytest.mark.parametrize("source, target", [
    ("2.530.000", "2,350,000"), ("2.530.000", "2,000,530"), ("10,5%", "15%"), ("1/7/2026", "7/1/2026"),
    ("1/7/2026", "1 January 2026"), ("tháng 6/2024", "July 2024"), ("41/2024/QH15", "41/2025/QH15"),
    ("862/BHXH-TST", "826/BHXH-TST"), ("1577-0071", "1577-0017"), ("3% và 1,5%", "1.5% and 3%"),
    ("năm 2024", "in 2042"), ("2.530.000", "2.53"),
])
def test_changed_or_swapped_value_is_reported(source, target):
    assert compare_figures(source, target, ordered=True)


def test_kinds_are_typed():
    kinds = [f.kind for f in figures_of("1/7/2026, 6/2024, 24/7, 8%, 2.530.000, 41/2024/QH15")]
    assert kinds == ["date", "month", "day", "percent", "number", "token"]


@pytest.mark.parametrize("value, scheme, host", [
    ("https://vss.gov.vn/x", "https", "vss.gov.vn"), ("HTTPS://EVIL.example", "https", "evil.example"),
    ("//evil.example/x", "", "evil.example"), ("/\\evil.example", "", "evil.example"),
    ("\\\\evil.example", "", "evil.example"), (" \x01javascript:x", "javascript", ""),
    ("java\tscript:x", "javascript", ""), ("JaVaScRiPt:x", "javascript", ""),
    ("../contacts.md#a", "", ""), ("#fn:1", "", ""), ("mailto:a@b.example", "mailto", "b.example"),
    ("https://user@evil.example:443/", "https", "evil.example"), ("data:text/html,x", "data", ""),
])
def test_url_as_a_browser_reads_it(value, scheme, host):
    url = parse_url(value)
    assert (url.scheme, url.host) == (scheme, host)


def test_invisible_characters_are_named_with_their_place():
    found = invisible_problems("Năm 2024", "Year\n20\u200b24")
    assert len(found) == 1 and "U+200B" in found[0] and "line 2" in found[0] \
        and "next to a digit" in found[0]
    assert invisible_problems("a\u200db", "a\u200db") == []  # kept from the source: fine


def test_budget_refuses_long_delimiter_runs_and_allows_the_sources_own():
    assert budget_problems("Chữ", "[](" * 5000)
    assert budget_problems("Chữ", "=\n" * 8000)
    assert budget_problems("[a](b) " * 50, "[a](b) " * 50) == []
