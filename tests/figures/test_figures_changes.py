"""The "What has changed" table: every dated value of every figure, newest first, with its
date, the value before it, its source and its confidence; built from the data files."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mdbabel import interface_strings as ui
from mdbabel.figures import figures_from_mapping, format_long_date, format_value, load_figures
from mdbabel.figures.changes import MARKER, change_rows, changes_table

REPO = Path(__file__).resolve().parents[2]


def marked(message: str) -> tuple[str, str | None]:
    return f"«{message}»", None


class Cells(HTMLParser):
    """Rows of a table as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def cells(html: str) -> list[list[str]]:
    parser = Cells()
    parser.feed(html)
    return parser.rows


FIGURES = {
    "base": {"type": "money", "label": "Mức <cơ sở>", "values": [
        {"from": "2024-07-01", "value": 100, "source": "Decree <1>", "confidence": "high"},
        {"from": "2026-07-01", "value": 120, "source": "News", "confidence": "low"}]},
    "cap": {"type": "money", "formula": "base * 2", "label": "Trần"},
    "undated": {"type": "percent", "value": 8, "source": "Law", "confidence": "high"},
    "law_date": {"type": "date", "value": "2025-07-01", "from": "2025-07-01"},
    "example_salary": {"type": "money", "value": 5, "from": "2025-01-01", "example": True},
    "example_cost": {"type": "money", "formula": "example_salary * base"},
    "no_label": {"type": "number", "value": 3, "from": "2025-01-01", "source": "Law", "confidence": "medium"},
}


def test_rows_are_newest_first_with_the_value_before():
    figures = figures_from_mapping(FIGURES, on=dt.date(2026, 12, 1))
    rows = [(f.name, v.start.isoformat(), v.value, p.value if p else None) for f, v, p in change_rows(figures)]
    assert rows == [
        ("base", "2026-07-01", 120, 100), ("cap", "2026-07-01", 240, 200),
        ("no_label", "2025-01-01", 3, None),
        ("base", "2024-07-01", 100, None), ("cap", "2024-07-01", 200, None),
    ]


def test_the_table_escapes_data_and_catalog_text_and_marks_the_source_language():
    figures = figures_from_mapping(FIGURES, on=dt.date(2026, 12, 1))
    html = changes_table(figures, "en", lambda m: (f"<b>{m}</b>", "vi"), data_language="vi")
    assert "<b>" not in html and "&lt;b&gt;" in html and "Decree &lt;1&gt;" in html
    assert '<span lang="vi">Decree &lt;1&gt;</span>' in html
    assert "<code>no_label</code>" in html            # no label: the name, as code
    rows = cells(changes_table(figures, "en", marked))
    assert rows[0] == [f"«{m}»" for m in (ui.CHANGES_COLUMN_DATE, ui.CHANGES_COLUMN_FIGURE, ui.CHANGES_COLUMN_VALUE,
                                          ui.CHANGES_COLUMN_BEFORE, ui.CHANGES_COLUMN_SOURCE,
                                          ui.CHANGES_COLUMN_CONFIDENCE)]
    assert rows[1] == [format_long_date(dt.date(2026, 7, 1), "en"), "«Mức <cơ sở>»", "VND 120", "VND 100",
                       "News", f"«{ui.CONFIDENCE_LOW}»«{ui.FIGURE_CHECK_LOW}»"]


def test_no_dated_figure_gives_a_sentence():
    figures = figures_from_mapping({"x": {"type": "number", "value": 1}})
    assert changes_table(figures, "vi", marked) == f"<p>«{ui.CHANGES_NONE}»</p>"


@pytest.fixture(scope="module")
def data():
    return load_figures(REPO / "docs" / "_data")


def test_every_dated_value_of_the_real_data_is_listed(data):
    rows = cells(changes_table(data, "vi", marked))[1:]
    listed = {(row[0], row[2]) for row in rows}
    for figure in data.values():
        if figure.type in ("date", "text") or figure.example:
            continue
        for value in figure.history:
            if value.start is not None:
                assert (format_long_date(value.start, "vi"), format_value(value, "vi", figure.type)) in listed
    days = [re.sub(r"\s+", " ", row[0]) for row in rows]
    assert len(days) == len(rows) > 1


def test_the_page_has_the_marker_and_is_in_the_nav():
    page = (REPO / "docs" / "changes.md").read_text(encoding="utf-8")
    assert MARKER in page
    assert "changes.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
