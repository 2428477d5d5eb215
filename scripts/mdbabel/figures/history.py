"""Figures with their history: read ``docs/_data/*.yml`` and give each figure the value valid
on the build date.

A figure holds one value (``value:``, with ``from:`` or the older ``effective:``) or several
(``values:``, each with ``from``, ``source``, ``confidence`` and an optional editor's
``note``); a derived figure (``formula:``) gets one value per change of the figures it uses.
The build date comes from ``SOURCE_DATE_EPOCH`` (default: today), so that two builds of the
same commit show the same figures. Before a figure's first date its first value is used (the
data hold nothing older). Pure module: no MkDocs import.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from collections.abc import Mapping

import yaml

from ..textnorm import read_source_text
from .formula import FigureError, evaluate

FIGURE_TYPES = ("money", "percent", "number", "date", "text")
#: From the most to the least certain (policy-facts: H, M, L).
CONFIDENCE_LEVELS = ("high", "medium", "low")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# libyaml's safe loader when PyYAML was built with it (same types, several times faster)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class FigureValue:
    """One value of a figure and the date it applies from (None: no date in the data)."""

    value: Decimal | dt.date | str
    start: dt.date | None = None
    source: str | None = None
    confidence: str | None = None  # one of CONFIDENCE_LEVELS, or None when the data say nothing
    note: str | None = None        # for editors; never shown to readers


@dataclass(frozen=True)
class Figure:
    """A figure as a page sees it on the build date; ``history`` holds every value, oldest first."""

    name: str
    type: str
    value: Decimal | dt.date | str
    origin: str  # "docs/_data/figures.yml: base_salary", for error messages
    source: str | None = None
    effective: dt.date | None = None  # the date the value in use applies from
    note: str | None = None
    formula: str | None = None
    confidence: str | None = None
    label: str | None = None  # what the figure is, in the source language ("Mức lương cơ sở")
    example: bool = False     # an example for a worked calculation, not a legal fact
    history: tuple[FigureValue, ...] = ()

    def value_on(self, day: dt.date) -> FigureValue:
        """The value valid on *day* (its first value before its first date)."""
        return value_on(self.history, day)


def value_on(history: tuple[FigureValue, ...] | list[FigureValue], day: dt.date | None) -> FigureValue:
    chosen = history[0]
    for item in history:
        if day is not None and (item.start is None or item.start <= day):
            chosen = item
    return chosen


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """The day a build shows figures for: ``SOURCE_DATE_EPOCH`` (UTC) if set, else today."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise FigureError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970; "
                          "set it to an integer (e.g. `git log -1 --format=%ct`)") from None


# --------------------------------------------------------------------------- loading


def data_files(data_dir: str | Path) -> list[Path]:
    data_dir = Path(data_dir)
    return sorted([*data_dir.glob("*.yml"), *data_dir.glob("*.yaml")]) if data_dir.is_dir() else []


def shown_path(path: Path, relative_to: str | Path | None) -> str:
    base = Path(relative_to) if relative_to is not None else Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_data_text(path: Path, shown: str) -> str:
    """A data file in the normal form (:mod:`mdbabel.textnorm`: a label typed in decomposed
    Vietnamese is the msgid the catalogs hold); other bytes than UTF-8 are a FigureError
    with the line (they ended the build in a traceback)."""
    return read_source_text(path, shown, FigureError)


def read_data_file(path: Path, shown: str) -> dict:
    try:
        data = yaml.load(read_data_text(path, shown), Loader=_SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark else shown
        raise FigureError(f"{where}: invalid YAML ({getattr(error, 'problem', error)}); fix the syntax") from None
    if not isinstance(data, dict):
        raise FigureError(f"{shown}: expected a mapping of figure names to figures")
    return data


def load_figures(data_dir: str | Path, *, relative_to: str | Path | None = None,
                 on: dt.date | None = None) -> dict[str, Figure]:
    """Load and merge every ``*.yml``/``*.yaml`` file of *data_dir*, as valid on *on*
    (default: :func:`build_date`). *relative_to* only shortens the paths shown in errors."""
    raw: dict[str, tuple[str, dict]] = {}
    for path in data_files(data_dir):
        shown = shown_path(path, relative_to)
        for name, entry in read_data_file(path, shown).items():
            origin = f"{shown}: {name}"
            if name in raw:
                raise FigureError(f"{origin}: figure already defined in {raw[name][0]}; rename one of them")
            if not isinstance(name, str) or not _NAME.fullmatch(name):
                raise FigureError(f"{origin}: figure names must be letters, digits and _ (usable as {{{{ name }}}})")
            if not isinstance(entry, dict):
                raise FigureError(f"{origin}: expected a mapping with value/values/formula and type")
            raw[name] = (shown, entry)
    return _resolve(raw, build_date() if on is None else on)


def figures_from_mapping(data: Mapping[str, dict], *, origin: str = "<figures>",
                         on: dt.date | None = None) -> dict[str, Figure]:
    """Same as :func:`load_figures` for data already in memory (tests, other generators)."""
    return _resolve({name: (origin, entry) for name, entry in data.items()},
                    build_date() if on is None else on)


def _date(value: object, origin: str, key: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise FigureError(f"{origin}: {key} must be a date YYYY-MM-DD (got {value!r})") from None


def _confidence(value: object, origin: str) -> str | None:
    if value is None:
        return None
    if value not in CONFIDENCE_LEVELS:
        raise FigureError(f"{origin}: confidence must be one of {', '.join(CONFIDENCE_LEVELS)} (got {value!r})")
    return str(value)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _coerce(value: object, kind: str, origin: str) -> Decimal | dt.date | str:
    if kind == "text":
        return str(value)
    if kind == "date":
        return _date(value, origin, "a date value")
    if isinstance(value, bool) or value is None:
        raise FigureError(f"{origin}: a {kind} value must be a number (got {value!r})")
    try:
        # str() first so that 4.5 stays exactly 4.5 rather than its binary float expansion
        return Decimal(str(value).replace("_", ""))
    except InvalidOperation:
        raise FigureError(f"{origin}: a {kind} value must be a number (got {value!r})") from None


def _stated_history(entry: dict, kind: str, origin: str) -> list[FigureValue]:
    """The values written in the data: ``values:`` (a list) or one ``value:``."""
    if "values" in entry:
        items = entry["values"]
        if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
            raise FigureError(f"{origin}: values must be a list of mappings, each with from, value, "
                              "source and confidence")
    else:
        items = [{**entry, "from": entry.get("from", entry.get("effective"))}]
    history = []
    for number, item in enumerate(items, start=1):
        where = origin if "values" not in entry else f"{origin} (value {number})"
        if "value" not in item:
            raise FigureError(f"{where}: missing value; add `value: ...`")
        history.append(FigureValue(
            value=_coerce(item["value"], kind, where),
            start=_date(item.get("from"), where, "from"),
            source=_text(item.get("source", entry.get("source"))),
            confidence=_confidence(item.get("confidence", entry.get("confidence")), where),
            note=_text(item.get("note")),
        ))
    starts = [item.start for item in history]
    if None in starts[1:]:
        raise FigureError(f"{origin}: every value after the first needs `from: YYYY-MM-DD`")
    dated = [start for start in starts if start is not None]
    if dated != sorted(set(dated)):
        raise FigureError(f"{origin}: the values' `from` dates must be different and in order, oldest first")
    return history


def _lowest(levels: list[str | None]) -> str | None:
    known = [level for level in levels if level is not None]
    return max(known, key=CONFIDENCE_LEVELS.index) if known else None


def _resolve(raw: dict[str, tuple[str, dict]], on: dt.date) -> dict[str, Figure]:
    histories: dict[str, list[FigureValue]] = {}
    examples: dict[str, bool] = {}
    in_progress: list[str] = []

    def history_of(name: str) -> list[FigureValue]:
        if name in histories:
            return histories[name]
        shown, entry = raw[name]
        origin = f"{shown}: {name}"
        if name in in_progress:
            cycle = " -> ".join([*in_progress[in_progress.index(name):], name])
            raise FigureError(f"{origin}: formula refers to itself ({cycle}); break the cycle")
        kind = entry.get("type")
        if kind not in FIGURE_TYPES:
            raise FigureError(f"{origin}: type must be one of {', '.join(FIGURE_TYPES)} (got {kind!r})")
        formula = entry.get("formula")
        if sum(("value" in entry, "values" in entry, formula is not None)) != 1:
            raise FigureError(f"{origin}: give exactly one of 'value', 'values' or 'formula'")
        in_progress.append(name)
        try:
            if formula is None:
                history = _stated_history(entry, kind, origin)
                examples[name] = bool(entry.get("example"))
            else:
                if kind in ("date", "text"):
                    raise FigureError(f"{origin}: a formula needs type money, percent or number")
                history = _derived_history(name, str(formula), entry, origin)
        finally:
            in_progress.pop()
        histories[name] = history
        return history

    def input_of(ref: str, origin: str) -> list[FigureValue]:
        if ref not in raw:
            raise FigureError(f"{origin}: formula uses unknown figure {ref!r}; define it or fix the name")
        history = history_of(ref)
        if not isinstance(history[0].value, Decimal):
            raise FigureError(f"{origin}: formula uses {ref!r}, which is a {raw[ref][1].get('type')}, not a number")
        return history

    def _derived_history(name: str, formula: str, entry: dict, origin: str) -> list[FigureValue]:
        refs: list[str] = []

        def collect(ref: str) -> Decimal:
            if ref not in refs:
                refs.append(ref)
            return input_of(ref, origin)[0].value

        evaluate(formula, collect, origin=origin)  # finds the inputs (and checks the formula)
        examples[name] = bool(entry.get("example")) or any(examples.get(ref) for ref in refs)
        days = sorted({item.start for ref in refs for item in histories[ref] if item.start is not None})
        history: list[FigureValue] = []
        own_source, own_confidence = _text(entry.get("source")), _confidence(entry.get("confidence"), origin)
        # a derived figure may exist only from a date of its own (reference_level: 1 Jul 2025)
        own_start = _date(entry.get("from", entry.get("effective")), origin, "from")
        for day in [None, *days]:
            used = {ref: value_on(histories[ref], day) for ref in refs}
            value = evaluate(formula, lambda ref, used=used: used[ref].value, origin=origin)
            starts = [item.start for item in used.values() if item.start is not None]
            starts += [own_start] if own_start is not None else []
            start = max(starts) if starts else None
            if history and history[-1].value == value:
                continue
            changed = [item.source for item in used.values()
                       if item.start == start and start is not None and item.source]
            sources = ([own_source] if own_source and not history else []) + changed
            history.append(FigureValue(
                value=value, start=start,
                source="; ".join(dict.fromkeys(part.strip() for source in sources
                                               for part in source.split(";") if part.strip()))
                or own_source,
                confidence=_lowest([own_confidence, *(item.confidence for item in used.values())]),
            ))
        return history

    figures: dict[str, Figure] = {}
    for name, (shown, entry) in raw.items():
        history = tuple(history_of(name))
        current = value_on(history, on)
        formula = entry.get("formula")
        figures[name] = Figure(
            name=name, type=entry["type"], value=current.value, origin=f"{shown}: {name}",
            source=current.source or _text(entry.get("source")), effective=current.start,
            note=current.note or _text(entry.get("note")),
            formula=str(formula) if formula is not None else None,
            confidence=current.confidence, label=_text(entry.get("label")),
            example=examples.get(name, False), history=history,
        )
    return figures
