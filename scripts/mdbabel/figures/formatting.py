"""Figures written for a reader: Babel formats per locale and the ``{{ name }}`` placeholders.

``{{ name }}`` is the value valid on the build date, ``{{ name.from }}`` the date it applies
from, ``{{ name.check }}`` the "check with Vietnam Social Security" sentence of a value of
medium or low confidence (nothing for a certain one), in the page's language.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from html import escape
from collections.abc import Callable, Iterable, Mapping

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from .. import interface_strings as ui
from .formula import FigureError
from .history import Figure, FigureValue

#: ``{{ name }}`` or ``{{ name.attribute }}`` as written in Markdown (spaces optional).
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_]+))?\s*\}\}")
ATTRIBUTES = ("from", "check")

#: The sentence a value of each uncertain confidence brings (``_site`` messages).
CHECK_MESSAGES = {"medium": ui.FIGURE_CHECK_MEDIUM, "low": ui.FIGURE_CHECK_LOW}


def _babel_locale(locale: str) -> str:
    return locale.replace("-", "_")


# Babel's long Vietnamese date is "1 tháng 7, 2025"; Vietnamese prose and official documents
# write "1 tháng 7 năm 2025" (the page text supplies "ngày" where the sentence needs it).
_LONG_DATE_PATTERNS = {"vi": "d 'tháng' M 'năm' y"}


# Babel parses the locale and the pattern on every call; a page repeats the same few figures,
# so each (value, locale) is formatted once per process.
@functools.lru_cache(maxsize=4096)
def format_long_date(value: dt.date, locale: str) -> str:
    """A date written out as readers of *locale* write it in running text."""
    loc = _babel_locale(locale)
    return format_date(value, format=_LONG_DATE_PATTERNS.get(loc.split("_")[0], "long"), locale=loc)


@functools.lru_cache(maxsize=4096)
def format_amount(value, kind: str, locale: str) -> str:
    """*value* of a figure of type *kind* as a reader of *locale* expects to see it."""
    loc = _babel_locale(locale)
    language = loc.split("_")[0]
    if kind == "text":
        return str(value)
    if kind == "date":
        return format_long_date(value, loc)
    if kind == "money":
        # The đồng has no minor unit in use: show whole đồng.
        if language == "vi":
            return f"{format_decimal(value, format='#,##0', locale=loc)} đồng"
        if language == "en":
            return f"VND {format_decimal(value, format='#,##0', locale=loc)}"
        if language == "ko":  # Korean writes the đồng as 동 after the number: 2,530,000동
            return f"{format_decimal(value, format='#,##0', locale=loc)}동"
        return format_currency(value, "VND", locale=loc)
    if kind == "percent":
        # Legal rates are never rounded: 4.5 must not become "4%" or "5%".
        return format_percent(value / 100, locale=loc, decimal_quantization=False)
    return format_decimal(value, locale=loc, decimal_quantization=False)


def format_value(figure: Figure | FigureValue, locale: str, kind: str | None = None) -> str:
    """The figure's value (or one value of its history, with *kind*) for *locale*."""
    return format_amount(figure.value, kind or figure.type, locale)


def check_message(confidence: str | None) -> str | None:
    """The ``_site`` message a value of *confidence* brings, if any."""
    return CHECK_MESSAGES.get(confidence or "")


def _figure(figures: Mapping[str, Figure], name: str, where: str) -> Figure:
    try:
        return figures[name]
    except KeyError:
        prefix = f"{where}: " if where else ""
        known = ", ".join(sorted(figures)) or "none defined"
        raise FigureError(
            f"{prefix}unknown figure {{{{ {name} }}}}; define it in docs/_data/*.yml or fix the name "
            f"(known: {known})"
        ) from None


def format_figure(figures: Mapping[str, Figure], name: str, locale: str, *, where: str = "",
                  attribute: str | None = None, gettext: Callable[[str], str] | None = None) -> str:
    """Format figure *name* (or its ``.from``/``.check``) for *locale*; *where* ("docs/x.md:12")
    prefixes the errors; *gettext* gives the reader's text of a ``_site`` message (Markdown)."""
    figure = _figure(figures, name, where)
    prefix = f"{where}: " if where else ""
    if attribute is None:
        return format_value(figure, locale)
    if attribute == "from":
        if figure.effective is None:
            raise FigureError(f"{prefix}{{{{ {name}.from }}}}: {figure.origin} gives no date for its value; "
                              "add `from: YYYY-MM-DD` to it in the data, or remove .from")
        return format_long_date(figure.effective, locale)
    if attribute == "check":
        message = check_message(figure.confidence)
        if message is None:
            return ""
        return gettext(message) if gettext else escape(message, quote=False)
    raise FigureError(f"{prefix}{{{{ {name}.{attribute} }}}}: unknown attribute .{attribute}; "
                      f"use {', '.join('.' + a for a in ATTRIBUTES)} or none")


def substitute(text: str, figures: Mapping[str, Figure], locale: str, *, path: str = "<text>",
               first_line: int = 1, gettext: Callable[[str], str] | None = None) -> str:
    """Replace every placeholder in *text*; errors give ``path:line`` (*first_line* = line of text[0])."""

    def replace(match: re.Match) -> str:
        line = first_line + text.count("\n", 0, match.start())
        return format_figure(figures, match.group(1), locale, where=f"{path}:{line}",
                             attribute=match.group(2), gettext=gettext)

    return PLACEHOLDER.sub(replace, text)


def placeholders(text: str) -> Iterable[str]:
    """Names of the figures used in *text*, in order."""
    return [m.group(1) for m in PLACEHOLDER.finditer(text)]
