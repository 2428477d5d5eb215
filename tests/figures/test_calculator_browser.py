"""The contribution calculator of the real site, in Chromium, in every language.

Expected amounts are computed here from the data files (docs/_data) for a day on each side
of the base salary's last change: the figures valid on that day, the insured salary capped
by the salary cap of that day, each amount rounded half up to the dong, formatted as the
site formats money for the page's language. The salaries are read from the data too (a
minimum wage, the worked example's salary, and amounts around both caps), so nothing here
is tied to today's figures. The page is used with the keyboard only in one test, and axe
audits it with a result shown.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from mdbabel.figures import build_date, format_amount, format_long_date, load_figures
from test_a11y_axe import audit, describe, languages

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "docs" / "_data"
SCHEMES = {  # row of the table -> (worker's rate figure, employer's rate figure)
    "sickness": (None, "employer_sickness_maternity_rate"),
    "retirement": ("employee_si_rate", "employer_retirement_rate"),
    "health": ("hi_employee_rate", "hi_employer_rate"),
    "unemployment": ("ui_employee_rate_max", "ui_employer_rate_max"),
    "accident": (None, "oad_rate_old"),
}


@pytest.fixture(scope="module")
def figures():
    return load_figures(DATA)


def change_day(figures) -> dt.date:
    """The last date the base salary changes (the data hold at least two values)."""
    days = [value.start for value in figures["base_salary"].history if value.start]
    assert len(days) >= 2, "base_salary has one value only: nothing to test either side of"
    return days[-1]


def sides(figures) -> dict[str, dt.date]:
    day = change_day(figures)
    return {"before": day - dt.timedelta(days=1), "after": day}


def rate(figures, name: str, day: dt.date) -> Decimal:
    return figures[name].value_on(day).value


def cap(figures, day: dt.date) -> Decimal:
    return figures["salary_cap"].value_on(day).value


def salaries(figures) -> list[int]:
    """Six salaries or more: a minimum wage, the example salary, both caps and around them."""
    before, after = (cap(figures, day) for day in sides(figures).values())
    low, high = sorted((before, after))
    values = {figures["min_wage_region_4"].value, figures["example_salary"].value, low - 1, low,
              (low + high) // 2, high + 1, high * 3}
    assert len(values) >= 6
    return sorted(int(v) for v in values)


def expected(figures, salary: int, day: dt.date, kind: str) -> dict[str, list[Decimal | None]]:
    """{scheme: [worker, employer]} amounts; None where the person does not pay."""
    insured = min(Decimal(salary), cap(figures, day))
    out = {}
    for scheme, names in SCHEMES.items():
        if scheme == "unemployment" and kind == "foreign":
            out[scheme] = [None, None]
            continue
        base = Decimal(salary) if scheme == "unemployment" else insured
        out[scheme] = [None if name is None else
                       (base * rate(figures, name, day) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
                       for name in names]
    return out


def money(amount: Decimal, language: str) -> str:
    return format_amount(amount, "money", language)


def calculator_url(served_site: str, prefix: str) -> str:
    return f"{served_site}{prefix}calculator/"


def read_table(page) -> dict[str, list[str]]:
    rows = {}
    for row in page.locator("tr[data-scheme]").all():
        key = row.get_attribute("data-scheme")
        cells = []
        for cell in row.locator("td[data-cell]").all():
            amount = cell.locator("[data-amount]")
            applies = cell.locator("[data-applies]")
            if amount.count() and applies.is_visible():
                cells.append(amount.inner_text().strip())
            else:
                cells.append(None)
        rows[key] = cells
    return rows


def check_result(page, figures, salary: int, day: dt.date, kind: str, language: str) -> None:
    amounts = expected(figures, salary, day, kind)
    table = read_table(page)
    for scheme, pair in amounts.items():
        shown = [None if a is None else money(a, language) for a in pair]
        assert table[scheme] == shown, (salary, day, kind, scheme, table[scheme], shown)
    totals = [sum(pair[i] or 0 for key, pair in amounts.items() if key != "accident") for i in (0, 1)]
    assert page.locator("[data-total-worker]").inner_text().strip() == money(Decimal(totals[0]), language)
    assert page.locator("[data-total-employer]").inner_text().strip() == money(Decimal(totals[1]), language)
    status = re.sub(r"\s+", " ", page.locator("[data-calculator-status]").inner_text())
    insured = min(Decimal(salary), cap(figures, day))
    assert money(insured, language) in status
    assert format_long_date(_period_start(figures, day), language) in status
    capped = page.locator("[data-capped]")
    assert capped.is_visible() == (salary > cap(figures, day))
    if salary > cap(figures, day):
        assert money(cap(figures, day), language) in capped.inner_text()


def _period_start(figures, day: dt.date) -> dt.date:
    """The latest date on or before *day* at which a figure the calculator uses changes."""
    names = ["salary_cap", *(n for pair in SCHEMES.values() for n in pair if n)]
    starts = [v.start for n in names for v in figures[n].history if v.start and v.start <= day]
    return max(starts)


def page_languages(built_site) -> dict[str, str]:
    found = languages(built_site)
    assert {"vi", "en"} <= set(found)
    return found


@pytest.mark.parametrize("kind", ["foreign", "vietnamese"])
def test_amounts_for_six_salaries_on_each_side_of_a_change(browser, built_site, served_site, figures, kind):
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    try:
        for language, prefix in page_languages(built_site).items():
            page.goto(calculator_url(served_site, prefix), wait_until="load")
            assert page.locator("html").get_attribute("lang") == language
            page.check(f"#calculator-{kind}")
            for _side, day in sides(figures).items():
                page.select_option("#calculator-period", _period_start(figures, day).isoformat())
                for salary in salaries(figures):
                    page.fill("#calculator-salary", str(salary))
                    page.press("#calculator-salary", "Enter")
                    check_result(page, figures, salary, day, kind, language)
    finally:
        context.close()


def test_the_period_of_the_build_date_is_chosen_and_named(browser, built_site, served_site, figures):
    """The figures valid on the build date (SOURCE_DATE_EPOCH, else today) are preselected."""
    today = build_date()
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    try:
        for language, prefix in page_languages(built_site).items():
            page.goto(calculator_url(served_site, prefix), wait_until="load")
            start = _period_start(figures, today)
            assert page.locator("#calculator-period").input_value() == start.isoformat()
            page.fill("#calculator-salary", str(salaries(figures)[-1]))
            page.press("#calculator-salary", "Enter")
            assert format_long_date(start, language) in page.locator("[data-calculator-status]").inner_text()
    finally:
        context.close()


def test_keyboard_only_use_and_the_spoken_result(browser, built_site, served_site, figures):
    """Tab to the salary, type it, choose the Vietnamese employee with the arrow keys, the
    period with the arrow keys, Tab to the button and press Enter; the result is in the live
    region (role=status), and a wrong salary is announced there too."""
    before = sides(figures)["before"]
    salary = salaries(figures)[-2]
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    try:
        for language, prefix in page_languages(built_site).items():
            page.goto(calculator_url(served_site, prefix), wait_until="load")
            for _ in range(200):
                page.keyboard.press("Tab")
                if page.evaluate("() => document.activeElement.id") == "calculator-salary":
                    break
            else:
                pytest.fail("Tab never reached the salary field")
            page.keyboard.type("abc")
            page.keyboard.press("Enter")
            status = page.locator("[data-calculator-status][role=status][aria-live=polite]")
            assert status.locator("[data-error]").is_visible()
            assert page.get_attribute("#calculator-salary", "aria-invalid") == "true"
            page.keyboard.press("Control+A")
            page.keyboard.type(str(salary))
            page.keyboard.press("Tab")                # to the checked radio (foreign)
            page.keyboard.press("ArrowDown")          # Vietnamese
            assert page.is_checked("#calculator-vietnamese")
            page.keyboard.press("Tab")                # to the period
            assert page.evaluate("() => document.activeElement.id") == "calculator-period"
            target = _period_start(figures, before).isoformat()
            for _ in range(10):
                if page.input_value("#calculator-period") == target:
                    break
                page.keyboard.press("ArrowUp")
            assert page.input_value("#calculator-period") == target
            page.keyboard.press("Tab")                # to the button
            assert page.evaluate("() => document.activeElement.tagName") == "BUTTON"
            page.keyboard.press("Enter")
            assert not status.locator("[data-error]").is_visible()
            assert page.get_attribute("#calculator-salary", "aria-invalid") is None
            check_result(page, figures, salary, before, "vietnamese", language)
            assert money(min(Decimal(salary), cap(figures, before)), language) in status.inner_text()
    finally:
        context.close()


def test_every_control_is_labelled_and_axe_finds_nothing(browser, built_site, served_site, figures):
    from test_a11y_axe import AXE

    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    problems = []
    try:
        for _language, prefix in page_languages(built_site).items():
            page.goto(calculator_url(served_site, prefix), wait_until="load")
            form = page.locator("[data-calculator-form]")
            assert form.locator("fieldset legend").count() == 1
            for control in form.locator("input, select").all():
                assert page.locator(f'label[for="{control.get_attribute("id")}"]').count() == 1
            problems += describe(f"{prefix}calculator/ as loaded", audit(page, AXE.read_text()))
            for kind in ("foreign", "vietnamese"):
                page.check(f"#calculator-{kind}")
                page.fill("#calculator-salary", str(salaries(figures)[-1]))
                page.press("#calculator-salary", "Enter")
                problems += describe(f"{prefix}calculator/ with a result ({kind})", audit(page, AXE.read_text()))
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


def test_it_works_offline_once_loaded(browser, built_site, served_site, figures):
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    try:
        prefix = page_languages(built_site)["vi"]
        # everything the page loads by itself first (the site's other scripts may fetch late)
        page.goto(calculator_url(served_site, prefix), wait_until="networkidle")
        context.set_offline(True)
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        salary = salaries(figures)[1]
        page.fill("#calculator-salary", str(salary))
        page.press("#calculator-salary", "Enter")
        day = dt.date.fromisoformat(page.input_value("#calculator-period"))
        check_result(page, figures, salary, day, "foreign", "vi")
        assert requests == []
    finally:
        context.close()
