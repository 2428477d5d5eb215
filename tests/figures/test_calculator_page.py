"""The calculator's HTML as the build writes it: every word from the catalogs, the figures of
each period from the data files, the period of the build date chosen, no inline script."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mdbabel.figures import FigureError, figures_from_mapping, format_long_date, format_value, load_figures
from mdbabel.figures.calculator import (MARKER, SCHEMES, calculator_html, default_period, figure_names,
                                        periods)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data():
    return load_figures(REPO / "docs" / "_data")


def marked(message: str) -> tuple[str, str | None]:
    return f"«{message}»", None


class Page(HTMLParser):
    """Visible text nodes, script tags and attributes of the calculator's HTML."""

    def __init__(self):
        super().__init__()
        self.texts, self.scripts, self.attributes, self.payload = [], [], [], None
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attributes.append((tag, attrs))
        if tag == "script":
            self._in_script = True
            self.scripts.append(attrs)
        if "data-calculator" in attrs:
            self.payload = json.loads(attrs["data-calculator"])
        if "data-template" in attrs:
            self.texts.append(attrs["data-template"])

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            assert not data.strip(), "inline script"
        elif data.strip():
            self.texts.append(data.strip())


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_visible_word_comes_from_the_catalog(data, language):
    days = periods(data)
    page = parse(calculator_html(data, language, marked, on=days[-1], script_url="../assets/calculator.js"))
    # what is not a catalog message is a figure formatted for the language, or a dash
    formatted = {format_long_date(day, language) for day in days} | {"—"}
    for name in figure_names():
        formatted |= {format_value(v, language, data[name].type) for v in data[name].history}
    labels = {f"«{data[name].label}»" for name in figure_names() if data[name].label}
    for text in page.texts:
        pieces = [p for p in re.split(r"«[^»]*»", text) if p.strip(" :")]
        assert all(p.strip(" :") in formatted for p in pieces), (text, pieces)
    assert any(label in text for text in page.texts for label in labels)


def test_the_script_is_one_external_same_origin_file_and_no_handler_attribute(data):
    page = parse(calculator_html(data, "vi", marked, on=dt.date(2026, 1, 1), script_url="../assets/calculator.js"))
    assert page.scripts == [{"src": "../assets/calculator.js", "defer": None}]
    assert not [(tag, a) for tag, attrs in page.attributes for a in attrs if a.startswith("on")]
    assert (REPO / "overrides" / "assets" / "calculator.js").is_file()
    script = (REPO / "overrides" / "assets" / "calculator.js").read_text(encoding="utf-8")
    assert "eval(" not in script and "new Function" not in script and "fetch(" not in script


def test_each_period_carries_the_figures_of_its_first_day(data):
    days = periods(data)
    names = figure_names()
    firsts = [data[n].history[0].start for n in names if data[n].history[0].start]
    assert days[0] == max(firsts)
    changes = {v.start for n in names for v in data[n].history if v.start and v.start > days[0]}
    assert days[1:] == sorted(changes)
    payload = parse(calculator_html(data, "en", marked, on=days[0], script_url="x.js")).payload
    for period in payload["periods"]:
        day = dt.date.fromisoformat(period["from"])
        assert Decimal(period["cap"]) == data["salary_cap"].value_on(day).value
        assert period["capText"] == format_value(data["salary_cap"].value_on(day), "en", "money")
        for scheme in SCHEMES:
            for name, units in zip((scheme.worker, scheme.employer), period["rates"][scheme.key]):
                expected = None if name is None else int(data[name].value_on(day).value * 1000)
                assert units == expected
    assert (payload["prefix"], payload["suffix"]) == ("VND ", "")


def test_the_period_of_the_build_date_is_selected(data):
    days = periods(data)
    assert len(days) >= 2, "the data hold no change for the calculator"
    for index, day in enumerate(days):
        for on, chosen in ((day, day), (day - dt.timedelta(days=1), days[max(index - 1, 0)])):
            assert default_period(days, on) == chosen
            html = calculator_html(data, "vi", marked, on=on, script_url="x.js")
            assert f'<option value="{chosen.isoformat()}" selected>' in html


def test_a_missing_figure_is_reported_with_the_page():
    figures = figures_from_mapping({"salary_cap": {"type": "money", "value": 10}})
    with pytest.raises(FigureError, match=r"docs/calculator\.md: the calculator needs the figures"):
        calculator_html(figures, "vi", marked, on=dt.date(2026, 1, 1), script_url="x.js",
                        where="docs/calculator.md")


def test_a_rate_too_precise_for_integer_arithmetic_is_refused(data):
    raw = {name: {"type": data[name].type, "value": str(data[name].value)} for name in figure_names()}
    raw["hi_employee_rate"]["value"] = "1.2345"
    with pytest.raises(FigureError, match="at most three decimals"):
        calculator_html(figures_from_mapping(raw), "vi", marked, on=dt.date(2026, 1, 1), script_url="x.js")


def test_the_page_holds_the_marker_and_is_in_the_nav():
    assert MARKER in (REPO / "docs" / "calculator.md").read_text(encoding="utf-8")
    assert "calculator.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
