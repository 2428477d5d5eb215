"""The "What has changed" table: every dated value of every figure, newest first, as HTML.

One row per value that has a date (``from``): when it applies from, the figure's label, the
new value, the value it replaced, its source and its confidence (with the "check with
Vietnam Social Security" sentence for medium and low). Amounts, rates and numbers only (a
date or a text is not a quantity that changes); examples are left out. Interface text comes
through *text* (the reader's ``_site`` catalog); everything from the data or a catalog is
escaped. Pure module: no MkDocs import.
"""

from __future__ import annotations

from html import escape
from typing import Callable, Mapping

from .. import interface_strings as ui
from .formatting import check_message, format_long_date, format_value
from .history import Figure, FigureValue

#: ``text(message)`` -> (the reader's text, its language if it is not the reader's).
Text = Callable[[str], tuple[str, str | None]]

#: Placeholder in the page's Markdown replaced by the table.
MARKER = "<!-- mdbabel:figure-changes -->"
CONFIDENCE_WORDS = {"high": ui.CONFIDENCE_HIGH, "medium": ui.CONFIDENCE_MEDIUM, "low": ui.CONFIDENCE_LOW}
KINDS = ("money", "percent", "number")


def _html(text: str) -> str:
    return escape(text, quote=True)


def phrase(text: Text, message: str) -> str:
    """*message* in the reader's language as HTML (a ``lang`` span while it is untranslated)."""
    shown, lang = text(message)
    return f'<span lang="{_html(lang)}">{_html(shown)}</span>' if lang else _html(shown)


def label_html(figure: Figure, text: Text) -> str:
    """The figure's label for the reader (its name as code when the data give none)."""
    return phrase(text, figure.label) if figure.label else f"<code>{_html(figure.name)}</code>"


def source_html(source: str | None, data_language: str | None) -> str:
    """A source as the data write it (source language: marked when the reader's differs)."""
    if not source:
        return "—"
    return f'<span lang="{data_language}">{_html(source)}</span>' if data_language else _html(source)


def confidence_html(value: FigureValue, text: Text) -> str:
    word = CONFIDENCE_WORDS.get(value.confidence or "")
    if word is None:
        return "—"
    check = check_message(value.confidence)
    return phrase(text, word) + (f"<br>{phrase(text, check)}" if check else "")


def change_rows(figures: Mapping[str, Figure]) -> list[tuple[Figure, FigureValue, FigureValue | None]]:
    """(figure, value, the value before it) for every dated value, newest first; ties keep
    the data files' order."""
    rows = []
    order = 0
    for figure in figures.values():
        if figure.type not in KINDS or figure.example:
            continue
        previous = None
        for value in figure.history:
            if value.start is not None:
                rows.append((value.start, order, figure, value, previous))
                order += 1
            previous = value
    rows.sort(key=lambda row: (-row[0].toordinal(), row[1]))
    return [(figure, value, previous) for _start, _order, figure, value, previous in rows]


def changes_table(figures: Mapping[str, Figure], locale: str, text: Text, *,
                  data_language: str | None = None) -> str:
    """The table's HTML for a reader of *locale*; *data_language* marks the sources (written
    in the source language) when the reader's language is another."""
    rows = change_rows(figures)
    if not rows:
        return f"<p>{phrase(text, ui.CHANGES_NONE)}</p>"
    head = (ui.CHANGES_COLUMN_DATE, ui.CHANGES_COLUMN_FIGURE, ui.CHANGES_COLUMN_VALUE,
            ui.CHANGES_COLUMN_BEFORE, ui.CHANGES_COLUMN_SOURCE, ui.CHANGES_COLUMN_CONFIDENCE)
    out = ['<div class="mdbabel-scroll" role="region" tabindex="0" aria-labelledby="figure-changes-caption">',
           '<table class="mdbabel-figure-table" data-figure-changes>',
           f'<caption id="figure-changes-caption">{phrase(text, ui.CHANGES_CAPTION)}</caption>', "<thead>", "<tr>",
           *(f'<th scope="col">{phrase(text, message)}</th>' for message in head), "</tr>", "</thead>",
           "<tbody>"]
    for figure, value, previous in rows:
        cells = [
            f'<time datetime="{value.start.isoformat()}">{_html(format_long_date(value.start, locale))}</time>',
            label_html(figure, text),
            _html(format_value(value, locale, figure.type)),
            _html(format_value(previous, locale, figure.type)) if previous is not None else "—",
            source_html(value.source, data_language),
            confidence_html(value, text),
        ]
        out += ["<tr>", f'<th scope="row">{cells[0]}</th>', *(f"<td>{cell}</td>" for cell in cells[1:]),
                "</tr>"]
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)
