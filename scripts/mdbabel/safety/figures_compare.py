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

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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

    def matches(self, other: "Figure") -> bool:
        return self.kind == other.kind and bool(self.values & other.values)


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(ch)).lower()


def _tokens(text: str) -> list[tuple[str, str]]:
    """("num", figure text) and ("word", folded word) tokens; other characters as ("sep", ch)."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isdigit() or (ch == "+" and i + 1 < n and text[i + 1].isdigit()
                            and (i == 0 or not text[i - 1].isalnum())):
            start = i
            i += 1
            digits_only = True
            spaced = False  # grouped by plain spaces already (checked once, at the first)
            group = 1 if ch.isdigit() else 0
            while i < n:
                c = text[i]
                if c.isdigit():
                    i += 1
                    group += 1
                elif c.isalpha():
                    i += 1
                    digits_only = False
                elif c in _JOINERS and i + 1 < n and text[i + 1].isalnum():
                    i += 1
                    group = 0
                elif (c in _GROUP_SPACES and digits_only and 1 <= group <= 3
                      and text[i + 1:i + 4].isdigit() and len(text[i + 1:i + 4]) == 3
                      and not text[i + 4:i + 5].isdigit()
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
            out.append(("num", figure))
        elif ch.isalpha():
            start = i
            while i < n and text[i].isalpha():
                i += 1
            out.append(("word", _fold(text[start:i])))
        else:
            if not ch.isspace():
                out.append(("sep", ch))
            i += 1
    return out


def _all_groups(text: str, start: int, at: int) -> bool:
    """A plain space groups digits only in a number written entirely in groups of three."""
    groups = text[start:at].split(" ")
    return all(g.isdigit() for g in groups) and len(groups[0]) <= 3 \
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
        if len(parts) > 1 and all(p.isdigit() for p in parts):
            break
    else:
        return None
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


def _valid(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def _integer(token: tuple[str, str] | None, low: int, high: int, digits: int = 0) -> int | None:
    if token is None or token[0] != "num":
        return None
    text = token[1]
    for suffix in ("st", "nd", "rd", "th"):
        if text.endswith(suffix) and text[:-2].isdigit():
            text = text[:-2]
    if not text.isdigit() or (digits and len(text) != digits):
        return None
    value = int(text)
    return value if low <= value <= high else None


def figures_of(text: str) -> list[Figure]:
    """The figures of *text*, in order."""
    tokens = _tokens(text)
    figures: list[Figure] = []
    i, n = 0, len(tokens)
    at = lambda k: tokens[k] if k < n else None  # noqa: E731
    while i < n:
        kind, value = tokens[i]
        month = _MONTHS.get(value) if kind == "word" else None
        if month:                                           # July 1, 2026 / June 2024
            day = _integer(at(i + 1), 1, 31)
            comma = at(i + 2) == ("sep", ",")
            year = _integer(at(i + 3 if comma else i + 2), 1000, 9999, 4) if day else None
            if day and year:
                figures.append(Figure("date", frozenset({(year, month, day)}), value))
                i += 4 if comma else 3
                continue
            year = _integer(at(i + 1), 1000, 9999, 4)
            if year:
                figures.append(Figure("month", frozenset({(year, month)}), value))
                i += 2
                continue
            i += 1
            continue
        if kind == "word" and value == "thang":             # tháng 7 năm 2026 / tháng 7/2026
            nxt = at(i + 1)
            if nxt and nxt[0] == "num" and "/" in nxt[1]:
                figure = _numeric_date(nxt[1])
                if figure and figure.kind == "month":
                    figures.append(figure)
                    i += 2
                    continue
            m = _integer(nxt, 1, 12)
            year = _integer(at(i + 3), 1000, 9999, 4) if at(i + 2) in (("word", "nam"),
                                                                        ("sep", ",")) else None
            if m and year:
                figures.append(Figure("month", frozenset({(year, m)}), value))
                i += 4
                continue
            i += 1
            continue
        if kind != "num":
            i += 1
            continue
        day = _integer(tokens[i], 1, 31)
        if day:                                             # 1 July 2026 / 1 tháng 7 năm 2026
            nxt = at(i + 1)
            month = _MONTHS.get(nxt[1]) if nxt and nxt[0] == "word" else None
            if month:
                year = _integer(at(i + 2), 1000, 9999, 4)
                if year:
                    figures.append(Figure("date", frozenset({(year, month, day)}), value))
                    i += 3
                    continue
            if nxt == ("word", "thang"):
                m = _integer(at(i + 2), 1, 12)
                sep = at(i + 3)
                year = _integer(at(i + 4), 1000, 9999, 4) \
                    if sep in (("word", "nam"), ("sep", ",")) else None
                if m and year:
                    figures.append(Figure("date", frozenset({(year, m, day)}), value))
                    i += 5
                    continue
        figures.append(_figure(value))
        i += 1
    return figures


def _figure(text: str) -> Figure:
    if text[-2:].lower() in ("st", "nd", "rd", "th") and text[:-2].isdigit():
        text = text[:-2]  # an ordinal: "40th" is the 40 of "thứ 40"
    if text.endswith("%"):
        return Figure("percent", _number_values(text[:-1]), text)
    date = _numeric_date(text)
    if date is not None:
        return date
    if text[0] != "+" and all(c.isdigit() or c in ".," or c in _GROUP_SPACES for c in text) \
            and not (text[0] == "0" and len(text) > 1 and text[1].isdigit()):
        return Figure("number", _number_values(text), text)
    return Figure("token", frozenset({_fold(text)}), text)


def compare_figures(source: str, target: str, *, ordered: bool) -> list[str]:
    """Problems of the figures of *target* against *source*'s (kept, same values, and with
    *ordered* in the same order)."""
    wanted, written = figures_of(source), figures_of(target)
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
