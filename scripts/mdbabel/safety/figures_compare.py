"""Figures of a text as typed values, to compare a translation's with its source's.

A figure is read as what it means, not as a set of digits:

- dates as dates, in the forms the site's languages write: ``1/7/2026`` (day first, as in
  Vietnamese and British English), ``2026-07-01``, ``1 July 2026``, ``July 1, 2026``,
  ``1 tháng 7 năm 2026``, ``1 tháng 7, 2026``; a month as a month (``6/2024``, ``tháng 6/2024``,
  ``June 2024``); a day and month (``24/7``);
- amounts and percentages as values, whatever the grouping and decimal marks
  (``2,530,000`` = ``2.530.000`` = ``2 530 000``; ``10,5 %`` = ``10.5%``); a number whose one
  separator could be either (``2.530``) matches both readings;
- document and phone numbers as whole tokens (``41/2024/QH15``, ``862/BHXH-TST``,
  ``1577-0071``), Vietnamese letters folded (``NĐ`` = ``ND``).

One left-to-right scan of the text; no regular expression runs on the translation.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError

__all__ = ["Figure", "figures_of", "compare_figures"]

_MONTHS = {name: i + 1 for i, names in enumerate([
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
    "august aug", "september sep sept", "october oct", "november nov", "december dec"])
    for name in names.split()}
_GROUP_SPACES = "\u00a0\u202f\u2009 "
_JOINERS = "./-,:"
_SHOWN = 5  # figure problems named one by one; the rest are counted


@dataclass(frozen=True)
class Figure:
    """A figure: its kind, the values it may mean (one unless ambiguous), as written."""

    kind: str            # "date", "month", "day", "number", "percent", "token"
    values: frozenset
    written: str

    def matches(self, other: Figure) -> bool:
        return self.kind == other.kind and bool(self.values & other.values)


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = text.replace("đ", "d").replace("Đ", "D")
    # marks dropped, then composed again (Hangul syllables decompose into letters, not marks)
    return unicodedata.normalize("NFC", "".join(
        ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))).lower()


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """("num", figure text) and ("word", folded word) tokens, other characters as
    ("sep", ch), each with its start and end in *text*. A digit is a decimal digit of any
    script (``str.isdecimal``: what ``int`` reads); ``²``, ``₂``, ``①`` are other characters."""
    out: list[tuple[str, str, int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isdecimal() or (ch == "+" and i + 1 < n and text[i + 1].isdecimal()
                            and (i == 0 or not text[i - 1].isalnum())):
            start = i
            i += 1
            digits_only = True
            spaced = False  # grouped by plain spaces already (checked once, at the first)
            group = 1 if ch.isdecimal() else 0
            while i < n:
                c = text[i]
                if c.isdecimal():
                    i += 1
                    group += 1
                elif c.isalpha() and ord(c) < 0x2E80:  # "QH15", "NĐ", "40th"; not "2026年"
                    i += 1
                    digits_only = False
                elif c in _JOINERS and i + 1 < n and text[i + 1].isalnum():
                    i += 1
                    group = 0
                elif (c in _GROUP_SPACES and digits_only and 1 <= group <= 3
                      and text[i + 1:i + 4].isdecimal() and len(text[i + 1:i + 4]) == 3
                      and not text[i + 4:i + 5].isdecimal()
                      and (c != " " or spaced or _all_groups(text, start, i))):
                    spaced = spaced or c == " "
                    i += 1
                    group = 0
                else:
                    break
            figure = text[start:i]
            j = i
            while j < n and text[j] in _GROUP_SPACES and j - i < 1:
                j += 1
            if j < n and text[j] == "%":
                figure += "%"
                i = j + 1
            out.append(("num", figure, start, i))
        elif ch.isalpha():
            start = i
            # a word goes on through its marks (Devanagari, Thai, Burmese vowel signs)
            while i < n and (text[i].isalpha() or unicodedata.category(text[i])[0] == "M"):
                i += 1
            out.append(("word", _fold(text[start:i]), start, i))
        else:
            if not ch.isspace():
                out.append(("sep", ch, i, i + 1))
            i += 1
    return out


def _all_groups(text: str, start: int, at: int) -> bool:
    """A plain space groups digits only in a number written entirely in groups of three."""
    groups = text[start:at].split(" ")
    return all(g.isdecimal() for g in groups) and len(groups[0]) <= 3 \
        and all(len(g) == 3 for g in groups[1:]) and (start == 0 or not text[start - 1].isalnum())


def _number_values(text: str) -> frozenset:
    """The values a number may mean, whatever the locale's grouping and decimal marks."""
    clean = "".join(" " if c in _GROUP_SPACES else c for c in text)
    if " " in clean:
        return _decimal(clean.replace(" ", ""))
    marks = [c for c in clean if c in ".,"]
    if not marks:
        return _decimal(clean)
    if len(set(marks)) == 2:  # "2,530.50" / "2.530,50": the last mark is the decimal one
        decimal_mark = clean[max(clean.rfind("."), clean.rfind(","))]
        group_mark = "," if decimal_mark == "." else "."
        return _decimal(clean.replace(group_mark, "").replace(decimal_mark, "."))
    mark = marks[0]
    parts = clean.split(mark)
    grouped = all(len(part) == 3 for part in parts[1:]) and 1 <= len(parts[0]) <= 3
    if len(marks) > 1:
        return _decimal(clean.replace(mark, "")) if grouped else frozenset({clean})
    values = _decimal(clean.replace(mark, "."))
    if grouped:
        values |= _decimal(clean.replace(mark, ""))
    return values


def _decimal(text: str) -> frozenset:
    try:
        return frozenset({Decimal(text).normalize()})
    except InvalidOperation:
        return frozenset({text})


def _numeric_date(text: str) -> Figure | None:
    for mark in "/.-":
        parts = text.split(mark)
        if len(parts) > 1 and all(p.isdecimal() for p in parts):
            break
    else:
        return None
    if any(len(p) > _DATE_PART_DIGITS for p in parts):
        return None  # no date (and int() refuses a run of over 4,300 digits)
    numbers = [int(p) for p in parts]
    if len(parts) == 3 and len(parts[0]) == 4 and mark == "-":      # 2026-07-01
        y, m, d = numbers
        return Figure("date", frozenset({(y, m, d)}), text) if _valid(d, m) else None
    if len(parts) == 3 and len(parts[2]) == 4 and len(parts[0]) <= 2:  # 1/7/2026, day first
        d, m, y = numbers
        return Figure("date", frozenset({(y, m, d)}), text) if _valid(d, m) else None
    if len(parts) == 2 and mark == "/" and len(parts[1]) == 4 and 1 <= numbers[0] <= 12:
        return Figure("month", frozenset({(numbers[1], numbers[0])}), text)   # 6/2024
    if len(parts) == 2 and mark == "/" and len(parts[0]) <= 2 and len(parts[1]) <= 2 \
            and _valid(*numbers):
        return Figure("day", frozenset({(numbers[1], numbers[0])}), text)     # 24/7
    return None


#: More digits than any part of a date has (day, month, year).
_DATE_PART_DIGITS = 8


def _valid(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _digits(token: tuple[str, str, int, int] | None) -> str | None:
    """The digits of a plain number token ("40th" and "1." read as 40 and 1), else None."""
    if token is None or token[0] != "num":
        return None
    text = token[1]
    if text[-2:].lower() in ("st", "nd", "rd", "th") and text[:-2].isdecimal():
        text = text[:-2]
    # (no part of a date has more digits; int() refuses a run of over 4,300 with a ValueError)
    return text if text.isdecimal() and len(text) <= _DATE_PART_DIGITS else None


@functools.lru_cache(maxsize=64)
def month_names(language: str | None) -> dict[str, int]:
    """Folded month names (wide and abbreviated, in running text and alone) of English,
    Vietnamese's "tháng" aside, and *language* (from Babel's locale data), to their number."""
    names = dict(_MONTHS)
    if language:
        try:
            locale = Locale.parse(language.replace("-", "_"))
        except (ValueError, TypeError, UnknownLocaleError):
            return names
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in locale.months[context][width].items():
                    folded = _fold(name).rstrip(".")
                    if folded and not folded.isdecimal():
                        names.setdefault(folded, number)
    return names


_MONTH_MARKS = {"月": "m", "월": "m", "日": "d", "일": "d", "年": "y", "년": "y"}
_CONNECTOR_WORDS = frozenset({"de", "del", "of", "the", "nam", "ngay"})


def _date_at(tokens: list[tuple[str, str, int, int]], i: int, months: dict[str, int],
             text: str) -> tuple[Figure, int] | None:
    """A date, month or day written with words from tokens[i] on (``1 July 2026``,
    ``July 1, 2026``, ``1 tháng 7 năm 2026``, ``1. Juli 2026``, ``2026年7月1日``), and the
    index after it; None when tokens[i] starts none."""
    parts: dict[str, int] = {}
    named = False          # the month is a name or a mark, not a bare number
    j, end, n = i, i, len(tokens)
    while j < n and j < i + 12:
        kind, value = tokens[j][:2]
        # the mark opens the word that follows the number: a particle may be written on to it
        # (Korean "3월까지", Japanese "3月から")
        mark = _MONTH_MARKS.get(tokens[j + 1][1][:1]) if j + 1 < n and tokens[j + 1][0] == "word" \
            else None
        digits = _digits(tokens[j])
        if kind == "word" and value in months and "m" not in parts:
            parts["m"], named, j = months[value], True, j + 1
        elif kind == "word" and value == "thang" and "m" not in parts and j + 1 < n \
                and tokens[j + 1][0] == "num":
            numeric = _numeric_date(tokens[j + 1][1])
            month = _digits(tokens[j + 1])
            if numeric is not None and numeric.kind == "month" and "y" not in parts:
                (parts["y"], parts["m"]), = numeric.values
            elif month and 1 <= int(month) <= 12:
                parts["m"] = int(month)
            else:
                break
            j += 2
        elif digits and mark and mark not in parts:
            parts[mark], j = int(digits), j + 2
            named = named or mark == "m"
        elif digits and len(digits) == 4 and 1000 <= int(digits) <= 2999 and "y" not in parts:
            parts["y"], j = int(digits), j + 1
        elif digits and 1 <= int(digits) <= 31 and len(digits) <= 2 and "d" not in parts:
            parts["d"], j = int(digits), j + 1
        elif j > i and (kind == "sep" and value in ",.-" or kind == "word"
                        and (len(value) <= 2 or value in _CONNECTOR_WORDS)):
            j += 1
            continue
        else:
            break
        end = j
    if "m" not in parts or ("y" not in parts and not ("d" in parts and named)):
        return None
    written = text[tokens[i][2]:tokens[end - 1][3]]
    if "y" in parts and "d" in parts:
        if not _valid(parts["d"], parts["m"]):
            return None
        return Figure("date", frozenset({(parts["y"], parts["m"], parts["d"])}), written), end
    if "y" in parts:
        return (Figure("month", frozenset({(parts["y"], parts["m"])}), written), end) \
            if 1 <= parts["m"] <= 12 else None
    if not _valid(parts["d"], parts["m"]):
        return None
    return Figure("day", frozenset({(parts["m"], parts["d"])}), written), end


def figures_of(text: str, language: str | None = None) -> list[Figure]:
    """The figures of *text* (written in *language*, or English or Vietnamese), in order."""
    tokens = _tokens(text)
    months = month_names(language)
    figures: list[Figure] = []
    i, n = 0, len(tokens)
    while i < n:
        kind, value = tokens[i][:2]
        if kind == "word" and value not in months and value != "thang":
            i += 1
            continue
        if kind == "sep":
            i += 1
            continue
        found = _date_at(tokens, i, months, text)
        if found is not None:
            figures.append(found[0])
            i = found[1]
            continue
        if kind == "num":
            figures.append(_figure(value))
        i += 1
    return figures


def _figure(text: str) -> Figure:
    if text[-2:].lower() in ("st", "nd", "rd", "th") and text[:-2].isdecimal():
        text = text[:-2]  # an ordinal: "40th" is the 40 of "thứ 40"
    if text.endswith("%"):
        return Figure("percent", _number_values(text[:-1]), text)
    date = _numeric_date(text)
    if date is not None:
        return date
    if text[0] != "+" and all(c.isdecimal() or c in ".," or c in _GROUP_SPACES for c in text) \
            and not (text[0] == "0" and len(text) > 1 and text[1].isdecimal()):
        return Figure("number", _number_values(text), text)
    return Figure("token", frozenset({_fold(text)}), text)


def compare_figures(source: str, target: str, *, ordered: bool,
                    language: str | None = None) -> list[str]:
    """Problems of the figures of *target* (written in *language*) against *source*'s (kept,
    same values, and with *ordered* in the same order)."""
    wanted, written = figures_of(source), figures_of(target, language)
    unmatched = list(wanted)
    problems = []
    matched_order: list[int] = []
    for figure in written:
        for k, candidate in enumerate(unmatched):
            if candidate is not None and figure.matches(candidate):
                unmatched[k] = None
                matched_order.append(k)
                break
        else:
            problems.append(f'translation has the {_kind(figure)} "{figure.written}", which the '
                            "source does not have; a figure must have the same value as in the "
                            "source (figures come from {{ placeholders }})")
    for figure in unmatched:
        if figure is None or (figure.kind == "number" and _small(figure)):
            continue  # "2" may be written "two"
        problems.append(f'translation drops the {_kind(figure)} "{figure.written}"; keep it, '
                        "with the same value, as in the source")
    if len(problems) > _SHOWN:
        problems[_SHOWN:] = [f"translation has {len(problems) - _SHOWN} more figures that differ "
                             "from the source; make every figure the same as in the source"]
    if not problems and ordered and matched_order != sorted(matched_order):
        problems.append("translation puts the figures in another order than the source "
                        f"({', '.join(f.written for f in written)}); keep the order of the source, "
                        "or add the flag `#, mdbabel-reorder` to the entry if the language needs "
                        "another order")
    return problems


def _small(figure: Figure) -> bool:
    return all(isinstance(v, Decimal) and v == v.to_integral_value() and abs(v) < 100
               for v in figure.values)


def _kind(figure: Figure) -> str:
    return {"date": "date", "month": "month", "day": "day", "number": "number",
            "percent": "percentage"}.get(figure.kind, "number")
