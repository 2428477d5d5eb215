"""The contribution calculator: its form, result table and data, written at build time.

Every rate and the salary cap come from the figures (``docs/_data``), once per period in
which they hold (each date one of them changes); the period valid on the build date is
selected. The page's script (``assets/calculator.js``, an external file: no inline script)
reads the periods from ``data-calculator`` and fills in the amounts; every word it shows is
in this HTML, from the reader's ``_site`` catalog, so nothing is typed twice and everything
is translatable. Rates are sent as integers per 100,000 so the script computes in exact
integers (BigInt), rounding half up like the figures' ``round()``. Pure module: no MkDocs.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Mapping

from .. import interface_strings as ui
from .changes import Text, phrase
from .formatting import check_message, format_amount, format_long_date, format_value
from .formula import FigureError
from .history import Figure, value_on

#: Placeholder in the page's Markdown replaced by the calculator.
MARKER = "<!-- mdbabel:calculator -->"
CAP = "salary_cap"
RATE_UNIT = 100_000  # a rate of 1.5 (%) is sent as 1500


@dataclass(frozen=True)
class Scheme:
    key: str
    message: str
    worker: str | None      # figure name of the worker's rate (None: the worker pays nothing)
    employer: str
    vietnamese_only: bool = False  # foreign employees are not in it (BHTN)
    capped: bool = True            # the salary cap applies (our sources give none for BHTN)
    in_total: bool = True          # the accident fund's rate is uncertain: shown, not added


SCHEMES = (
    Scheme("sickness", ui.CALC_SICKNESS, None, "employer_sickness_maternity_rate"),
    Scheme("retirement", ui.CALC_RETIREMENT, "employee_si_rate", "employer_retirement_rate"),
    Scheme("health", ui.CALC_HEALTH, "hi_employee_rate", "hi_employer_rate"),
    Scheme("unemployment", ui.CALC_UNEMPLOYMENT, "ui_employee_rate_max", "ui_employer_rate_max",
           vietnamese_only=True, capped=False),
    Scheme("accident", ui.CALC_ACCIDENT, None, "oad_rate_old", in_total=False),
)


def figure_names() -> list[str]:
    names = [CAP]
    for scheme in SCHEMES:
        names += [name for name in (scheme.worker, scheme.employer) if name]
    return names


def _needed(figures: Mapping[str, Figure], where: str) -> dict[str, Figure]:
    missing = [name for name in figure_names() if name not in figures]
    if missing:
        raise FigureError(f"{where}: the calculator needs the figures {', '.join(missing)}; "
                          "define them in docs/_data/*.yml")
    return {name: figures[name] for name in figure_names()}


def periods(figures: Mapping[str, Figure], *, where: str = "calculator") -> list[dt.date]:
    """The first day of each period with the same figures: from the day every figure the
    calculator uses has a value, then each day one of them changes."""
    used = _needed(figures, where)
    firsts = [figure.history[0].start for figure in used.values() if figure.history[0].start]
    start = max(firsts) if firsts else dt.date.min
    days = {value.start for figure in used.values() for value in figure.history
            if value.start is not None and value.start > start}
    return [start, *sorted(days)]


def _rate_units(figure: Figure, value: Decimal, where: str) -> int:
    units = value * RATE_UNIT / 100
    if units != units.to_integral_value() or not 0 <= units <= RATE_UNIT:
        raise FigureError(f"{where}: {figure.origin}: the calculator takes rates from 0 to 100 "
                          "with at most three decimals")
    return int(units)


def period_data(figures: Mapping[str, Figure], day: dt.date, locale: str, text: Text,
                *, where: str = "calculator") -> dict:
    """What the script needs for the period starting *day* (every number already formatted)."""
    used = _needed(figures, where)
    values = {name: value_on(figure.history, day) for name, figure in used.items()}
    cap = values[CAP].value
    if cap != cap.to_integral_value() or cap <= 0:
        raise FigureError(f"{where}: {used[CAP].origin}: the salary cap must be a whole, positive amount")
    rates, shown = {}, {}
    for scheme in SCHEMES:
        pair, texts = [], []
        for name in (scheme.worker, scheme.employer):
            if name is None:
                pair.append(None)
                texts.append(None)
                continue
            pair.append(_rate_units(used[name], values[name].value, where))
            texts.append(format_value(values[name], locale, "percent"))
        rates[scheme.key], shown[scheme.key] = pair, texts
    checks: dict[str, str | None] = {}  # "label: sentence" -> its language if not the reader's
    for name, value in values.items():
        message = check_message(value.confidence)
        figure = used[name]
        if message and figure.label:
            (label, label_lang), (sentence, sentence_lang) = text(figure.label), text(message)
            checks.setdefault(f"{label}: {sentence}", label_lang or sentence_lang)
    return {
        "from": day.isoformat(), "date": format_long_date(day, locale), "cap": int(cap),
        "capText": format_value(values[CAP], locale, "money"), "rates": rates, "rateText": shown,
        "checks": [{"text": line, "lang": lang} for line, lang in checks.items()],
    }


def default_period(days: list[dt.date], on: dt.date) -> dt.date:
    """The period valid on *on* (the first one before it starts)."""
    chosen = days[0]
    for day in days:
        if day <= on:
            chosen = day
    return chosen


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _lang_attribute(lang: str | None) -> str:
    return f' lang="{_attr(lang)}"' if lang else ""


def _lang(text: Text, message: str) -> str:
    return _lang_attribute(text(message)[1])


def _plain(text: Text, message: str) -> str:
    return _attr(text(message)[0])


def calculator_html(figures: Mapping[str, Figure], locale: str, text: Text, *, on: dt.date,
                    script_url: str, where: str = "calculator") -> str:
    """The form, the result and the script tag for a reader of *locale*, figures as of *on*."""
    days = periods(figures, where=where)
    data = [period_data(figures, day, locale, text, where=where) for day in days]
    chosen = default_period(days, on)
    current = data[days.index(chosen)]
    money = format_amount(Decimal(0), "money", locale)
    prefix, _, suffix = money.partition("0")
    schemes = {scheme.key: {"capped": scheme.capped, "vietnameseOnly": scheme.vietnamese_only,
                            "inTotal": scheme.in_total} for scheme in SCHEMES}
    payload = {"periods": data, "prefix": prefix, "suffix": suffix, "schemes": schemes}
    p = lambda message: phrase(text, message)  # noqa: E731
    options = "".join(
        f'<option value="{item["from"]}"{" selected" if day == chosen else ""}>{_attr(item["date"])}</option>'
        for day, item in zip(days, data))
    rows = []
    for scheme in SCHEMES:
        cells = []
        for side, rate in zip(("worker", "employer"), current["rateText"][scheme.key]):
            if rate is None:
                cells.append(f'<td data-cell="{side}">{p(ui.CALC_NONE)}</td>')
                continue
            na = f'<span data-na hidden>{p(ui.CALC_NOT_APPLICABLE)}</span>' if scheme.vietnamese_only else ""
            cells.append(f'<td data-cell="{side}"><span data-applies><span data-rate>{_attr(rate)}</span>'
                         f'<br><span data-amount>—</span></span>{na}</td>')
        rows.append(f'<tr data-scheme="{scheme.key}"><th scope="row">{p(scheme.message)}</th>{"".join(cells)}</tr>')
    rows.append(f'<tr data-total><th scope="row">{p(ui.CALC_TOTAL)}</th><td data-total-worker>—</td>'
                f'<td data-total-employer>—</td></tr>')

    def template(attribute: str, message: str) -> str:
        return f'<p {attribute}{_lang(text, message)} data-template="{_plain(text, message)}" hidden></p>'

    checks = "".join(f'<li{_lang_attribute(item["lang"])}>{_attr(item["text"])}</li>'
                     for item in current["checks"])
    encoded = _attr(json.dumps(payload, ensure_ascii=False, sort_keys=True))
    return "\n".join([
        f'<div class="mdbabel-calculator" data-calculator="{encoded}">',
        f"<noscript><p>{p(ui.CALC_NO_SCRIPT)}</p></noscript>",
        '<form class="mdbabel-calculator__form" data-calculator-form novalidate>',
        f'<p><label for="calculator-salary">{p(ui.CALC_SALARY)}</label><br>'
        '<input id="calculator-salary" name="salary" type="text" inputmode="numeric" autocomplete="off" '
        'aria-describedby="calculator-salary-hint" required>'
        f'<br><span id="calculator-salary-hint">{p(ui.CALC_SALARY_HINT)}</span></p>',
        f'<fieldset><legend>{p(ui.CALC_EMPLOYEE)}</legend>'
        f'<input type="radio" id="calculator-foreign" name="employee" value="foreign" checked> '
        f'<label for="calculator-foreign">{p(ui.CALC_FOREIGN)}</label><br>'
        f'<input type="radio" id="calculator-vietnamese" name="employee" value="vietnamese"> '
        f'<label for="calculator-vietnamese">{p(ui.CALC_VIETNAMESE)}</label></fieldset>',
        f'<p><label for="calculator-period">{p(ui.CALC_PERIOD)}</label><br>'
        f'<select id="calculator-period" name="period">{options}</select></p>',
        f'<p><button type="submit" class="md-button md-button--primary">{p(ui.CALC_SUBMIT)}</button></p>',
        "</form>",
        '<div role="status" aria-live="polite" aria-atomic="true" data-calculator-status>',
        f'<p data-error{_lang(text, ui.CALC_ERROR)} hidden>{_plain(text, ui.CALC_ERROR)}</p>',
        template("data-insured", ui.CALC_INSURED),
        template("data-capped", ui.CALC_CAPPED),
        template("data-date", ui.CALC_DATE),
        "</div>",
        '<div class="mdbabel-scroll" role="region" tabindex="0" aria-labelledby="calculator-caption">',
        '<table class="mdbabel-figure-table" data-calculator-table>',
        f'<caption id="calculator-caption">{p(ui.CALC_CAPTION)}</caption>',
        f'<thead><tr><th scope="col">{p(ui.CALC_COLUMN_SCHEME)}</th><th scope="col">{p(ui.CALC_COLUMN_WORKER)}</th>'
        f'<th scope="col">{p(ui.CALC_COLUMN_EMPLOYER)}</th></tr></thead>',
        "<tbody>", *rows, "</tbody>", "</table>", "</div>",
        f'<p data-note="foreign">{p(ui.CALC_FOREIGN_NO_UNEMPLOYMENT)}</p>',
        f'<p data-note="vietnamese" hidden>{p(ui.CALC_UNEMPLOYMENT_NOTE)} {p(ui.CALC_VIETNAMESE_NOTE)}</p>',
        f'<div data-checks{"" if checks else " hidden"}><p><strong>{p(ui.CALC_CHECKS)}</strong></p>'
        f"<ul>{checks}</ul></div>",
        f'<script src="{_attr(script_url)}" defer></script>',
        "</div>",
    ])
