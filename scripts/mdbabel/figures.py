"""Figures: named legal amounts, rates and dates shared by every page and language.

Authors write ``{{ base_salary }}`` in Markdown; the figures live in ``docs/_data/*.yml``
(all files merged) and are formatted for the reader's locale with Babel only when a page is
built, so a change of the base salary is one edit in one file and never a translation task.

Pure module: no MkDocs import. Derived figures (``formula:``) are evaluated with a small
whitelisted expression evaluator, never with ``eval``.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable, Mapping

import yaml
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

FIGURE_TYPES = ("money", "percent", "number", "date", "text")

#: ``{{ name }}`` as written in Markdown (spaces inside the braces are optional).
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


class FigureError(ValueError):
    """A figure cannot be loaded, computed or found; the message names the file and the key."""


@dataclass(frozen=True)
class Figure:
    """One figure after loading: derived figures already hold their computed value."""

    name: str
    type: str
    value: Decimal | dt.date | str
    origin: str  # "docs/_data/figures.yml: base_salary", for error messages
    source: str | None = None  # legal source, e.g. "Nghị định 73/2024/NĐ-CP"
    effective: dt.date | None = None
    note: str | None = None
    formula: str | None = None


# --------------------------------------------------------------------------- loading


# libyaml's safe loader when PyYAML was built with it (same types and resolvers, several
# times faster: the figures are read by every build), else PyYAML's own
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_figures(data_dir: str | Path, *, relative_to: str | Path | None = None) -> dict[str, Figure]:
    """Load and merge every ``*.yml``/``*.yaml`` file of *data_dir*; compute formulas.

    *relative_to* (default: the current directory) only shortens the paths shown in errors.
    A missing directory gives no figures.
    """
    data_dir = Path(data_dir)
    paths = sorted([*data_dir.glob("*.yml"), *data_dir.glob("*.yaml")]) if data_dir.is_dir() else []
    raw: dict[str, tuple[str, dict]] = {}
    for path in paths:
        shown = _shown_path(path, relative_to)
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f"{shown}:{mark.line + 1}" if mark else shown
            raise FigureError(f"{where}: invalid YAML ({getattr(error, 'problem', error)}); fix the syntax") from None
        if not isinstance(data, dict):
            raise FigureError(f"{shown}: expected a mapping of figure names to figures")
        for name, entry in data.items():
            origin = f"{shown}: {name}"
            if name in raw:
                raise FigureError(f"{origin}: figure already defined in {raw[name][0]}; rename one of them")
            if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise FigureError(f"{origin}: figure names must be letters, digits and _ (usable as {{{{ name }}}})")
            if not isinstance(entry, dict):
                raise FigureError(f"{origin}: expected a mapping with value/formula and type")
            raw[name] = (shown, entry)
    return _resolve(raw)


def figures_from_mapping(data: Mapping[str, dict], *, origin: str = "<figures>") -> dict[str, Figure]:
    """Same as :func:`load_figures` for data already in memory (tests, other generators)."""
    return _resolve({name: (origin, entry) for name, entry in data.items()})


def _shown_path(path: Path, relative_to: str | Path | None) -> str:
    base = Path(relative_to) if relative_to is not None else Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _resolve(raw: dict[str, tuple[str, dict]]) -> dict[str, Figure]:
    resolved: dict[str, Figure] = {}
    in_progress: list[str] = []

    def resolve(name: str) -> Figure:
        if name in resolved:
            return resolved[name]
        shown, entry = raw[name]
        origin = f"{shown}: {name}"
        if name in in_progress:
            cycle = " -> ".join([*in_progress[in_progress.index(name):], name])
            raise FigureError(f"{origin}: formula refers to itself ({cycle}); break the cycle")
        kind = entry.get("type")
        if kind not in FIGURE_TYPES:
            raise FigureError(f"{origin}: type must be one of {', '.join(FIGURE_TYPES)} (got {kind!r})")
        has_value, formula = "value" in entry, entry.get("formula")
        if has_value == (formula is not None):
            raise FigureError(f"{origin}: give exactly one of 'value' or 'formula'")
        in_progress.append(name)
        try:
            if formula is not None:
                if kind in ("date", "text"):
                    raise FigureError(f"{origin}: a formula needs type money, percent or number")
                value = evaluate(str(formula), lambda ref: _numeric(resolve_ref(ref, origin), origin), origin=origin)
            else:
                value = _coerce(entry["value"], kind, origin)
        finally:
            in_progress.pop()
        effective = entry.get("effective")
        if effective is not None and not isinstance(effective, dt.date):
            try:
                effective = dt.date.fromisoformat(str(effective))
            except ValueError:
                raise FigureError(f"{origin}: effective must be a date YYYY-MM-DD (got {effective!r})") from None
        figure = Figure(
            name=name, type=kind, value=value, origin=origin,
            source=entry.get("source"), effective=effective, note=entry.get("note"),
            formula=str(formula) if formula is not None else None,
        )
        resolved[name] = figure
        return figure

    def resolve_ref(ref: str, origin: str) -> Figure:
        if ref not in raw:
            raise FigureError(f"{origin}: formula uses unknown figure {ref!r}; define it or fix the name")
        return resolve(ref)

    for name in raw:
        resolve(name)
    return resolved


def _numeric(figure: Figure, origin: str) -> Decimal:
    if not isinstance(figure.value, Decimal):
        raise FigureError(f"{origin}: formula uses {figure.name!r}, which is a {figure.type}, not a number")
    return figure.value


def _coerce(value: object, kind: str, origin: str) -> Decimal | dt.date | str:
    if kind == "text":
        return str(value)
    if kind == "date":
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise FigureError(f"{origin}: a date value must be YYYY-MM-DD (got {value!r})") from None
    if isinstance(value, bool):
        raise FigureError(f"{origin}: a {kind} value must be a number (got {value!r})")
    try:
        # str() first so that 4.5 stays exactly 4.5 rather than its binary float expansion
        return Decimal(str(value).replace("_", ""))
    except InvalidOperation:
        raise FigureError(f"{origin}: a {kind} value must be a number (got {value!r})") from None


# --------------------------------------------------------------------------- formulas

_BINARY = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
           ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}


def _round(value: Decimal, digits: Decimal | int = 0) -> Decimal:
    # Python's round() on Decimal rounds half to even; legal amounts round half up.
    digits = int(digits)
    return value.quantize(Decimal(1).scaleb(-digits), rounding="ROUND_HALF_UP")


_FUNCTIONS = {"min": min, "max": max, "round": _round}


def evaluate(formula: str, lookup, *, origin: str = "<formula>") -> Decimal:
    """Evaluate *formula* (names, numbers, + - * /, parentheses, min, max, round) with Decimals.

    *lookup(name)* returns the Decimal value of another figure.
    """
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        raise FigureError(f"{origin}: formula {formula!r} is not a valid expression") from None

    def walk(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            return lookup(node.id)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right = walk(node.left), walk(node.right)
            if isinstance(node.op, ast.Div) and right == 0:
                raise FigureError(f"{origin}: formula {formula!r} divides by zero")
            return _BINARY[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = walk(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS
                and not node.keywords and node.args):
            args = [walk(arg) for arg in node.args]
            if node.func.id == "round" and len(args) > 2:
                raise FigureError(f"{origin}: round() takes a value and optionally a number of digits")
            return Decimal(_FUNCTIONS[node.func.id](*args))
        shown = ast.get_source_segment(formula, node) or type(node).__name__
        raise FigureError(
            f"{origin}: formula {formula!r} uses {shown!r}; only names, numbers, + - * /, "
            "parentheses, min(), max() and round() are allowed"
        )

    return walk(tree)


# --------------------------------------------------------------------------- formatting


def _babel_locale(locale: str) -> str:
    return locale.replace("-", "_")


# Babel's long Vietnamese date is "1 tháng 7, 2025"; Vietnamese prose and official documents
# write "1 tháng 7 năm 2025" (the page text supplies "ngày" where the sentence needs it).
_LONG_DATE_PATTERNS = {"vi": "d 'tháng' M 'năm' y"}


# Babel parses the locale and the number or date pattern on every call; a page repeats the
# same few figures, so each (value, locale) is formatted once per process.
@functools.lru_cache(maxsize=4096)
def format_long_date(value: dt.date, locale: str) -> str:
    """A date written out as readers of *locale* write it in running text."""
    loc = _babel_locale(locale)
    return format_date(value, format=_LONG_DATE_PATTERNS.get(loc.split("_")[0], "long"), locale=loc)


@functools.lru_cache(maxsize=4096)  # Figure is frozen: its name and value are the key
def format_value(figure: Figure, locale: str) -> str:
    """The figure's value as a reader of *locale* expects to see it."""
    loc = _babel_locale(locale)
    language = loc.split("_")[0]
    value = figure.value
    if figure.type == "text":
        return str(value)
    if figure.type == "date":
        return format_long_date(value, loc)
    if figure.type == "money":
        # The đồng has no minor unit in use: show whole đồng.
        if language == "vi":
            return f"{format_decimal(value, format='#,##0', locale=loc)} đồng"
        if language == "en":
            return f"VND {format_decimal(value, format='#,##0', locale=loc)}"
        if language == "ko":  # Korean writes the đồng as 동 after the number: 2,530,000동
            return f"{format_decimal(value, format='#,##0', locale=loc)}동"
        return format_currency(value, "VND", locale=loc)
    if figure.type == "percent":
        # Legal rates are never rounded: 4.5 must not become "4%" or "5%".
        return format_percent(value / 100, locale=loc, decimal_quantization=False)
    return format_decimal(value, locale=loc, decimal_quantization=False)


def format_figure(figures: Mapping[str, Figure], name: str, locale: str, *, where: str = "") -> str:
    """Format figure *name* for *locale*; *where* ("docs/x.md:12") prefixes the unknown-name error."""
    try:
        figure = figures[name]
    except KeyError:
        prefix = f"{where}: " if where else ""
        known = ", ".join(sorted(figures)) or "none defined"
        raise FigureError(
            f"{prefix}unknown figure {{{{ {name} }}}}; define it in docs/_data/*.yml or fix the name "
            f"(known: {known})"
        ) from None
    return format_value(figure, locale)


def substitute(text: str, figures: Mapping[str, Figure], locale: str, *, path: str = "<text>",
               first_line: int = 1) -> str:
    """Replace every ``{{ name }}`` in *text*; errors give ``path:line`` (*first_line* = line of text[0])."""

    def replace(match: re.Match) -> str:
        line = first_line + text.count("\n", 0, match.start())
        return format_figure(figures, match.group(1), locale, where=f"{path}:{line}")

    return PLACEHOLDER.sub(replace, text)


def placeholders(text: str) -> Iterable[str]:
    """Names of the figures used in *text*, in order."""
    return [m.group(1) for m in PLACEHOLDER.finditer(text)]
