"""Figures with their history: several values with dates, the value valid on the build date
(SOURCE_DATE_EPOCH), formulas over time, ``{{ name.from }}`` and ``{{ name.check }}``, and the
repository's own data files (read, never copied here)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from mdbabel.figures import (CONFIDENCE_LEVELS, FigureError, build_date, check_message,
                             figures_from_mapping, format_long_date, load_figures, substitute)

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "docs" / "_data"

JULY_2024, JULY_2026 = dt.date(2024, 7, 1), dt.date(2026, 7, 1)
HISTORY = {
    "base": {"type": "money", "label": "Mức cơ sở", "values": [
        {"from": JULY_2024, "value": 100, "source": "Old decree", "confidence": "high"},
        {"from": JULY_2026, "value": 120, "source": "A newspaper", "confidence": "medium",
         "note": "for editors"},
    ]},
    "times": {"type": "number", "value": 20, "source": "Law", "effective": "2024-07-01", "confidence": "high"},
    "cap": {"type": "money", "formula": "base * times", "source": "Law"},
    "later": {"type": "money", "formula": "base", "from": "2025-07-01"},
    "plain": {"type": "percent", "value": 8, "source": "Law"},
}


def at(day: dt.date):
    return figures_from_mapping(HISTORY, on=day)


def test_a_single_value_is_a_history_of_one():
    figure = at(JULY_2026)["times"]
    assert len(figure.history) == 1 and figure.history[0].start == JULY_2024
    assert figure.value == 20 and figure.effective == JULY_2024 and figure.confidence == "high"
    plain = at(JULY_2026)["plain"]
    assert plain.effective is None and plain.confidence is None and plain.source == "Law"


@pytest.mark.parametrize("day, value, source", [
    (dt.date(2026, 6, 30), 100, "Old decree"),
    (JULY_2026, 120, "A newspaper"),
    (dt.date(2030, 1, 1), 120, "A newspaper"),
    (dt.date(2000, 1, 1), 100, "Old decree"),  # before the first date: the first value
])
def test_the_value_valid_on_the_build_date_is_used(day, value, source):
    figure = at(day)["base"]
    assert (figure.value, figure.source) == (Decimal(value), source)


def test_formulas_are_evaluated_on_the_build_date_and_keep_a_history():
    before, after = at(dt.date(2026, 6, 30))["cap"], at(JULY_2026)["cap"]
    assert (before.value, before.effective, before.confidence) == (2000, JULY_2024, "high")
    assert (after.value, after.effective, after.confidence) == (2400, JULY_2026, "medium")
    assert [(v.value, v.start) for v in after.history] == [(2000, JULY_2024), (2400, JULY_2026)]
    # the change is sourced by the value that changed, the first value by the figure's own source
    assert after.history[1].source == "A newspaper" and "Law" in after.history[0].source


def test_a_derived_figure_starts_no_earlier_than_its_own_date():
    later = at(JULY_2026)["later"]
    assert [v.start for v in later.history] == [dt.date(2025, 7, 1), JULY_2026]


def test_build_date_comes_from_source_date_epoch():
    assert build_date({"SOURCE_DATE_EPOCH": "1782864000"}) == JULY_2026  # 2026-07-01 00:00 UTC
    assert build_date({"SOURCE_DATE_EPOCH": "1782863999"}) == dt.date(2026, 6, 30)
    assert build_date({}) == dt.datetime.now(dt.UTC).date()
    with pytest.raises(FigureError, match="SOURCE_DATE_EPOCH='soon' is not a number"):
        build_date({"SOURCE_DATE_EPOCH": "soon"})


def test_load_figures_follows_source_date_epoch(tmp_path, monkeypatch):
    (tmp_path / "f.yml").write_text(
        "x:\n  type: number\n  values:\n    - {from: 2024-07-01, value: 1}\n    - {from: 2026-07-01, value: 2}\n",
        encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1782863999")
    assert load_figures(tmp_path)["x"].value == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1782864000")
    assert load_figures(tmp_path)["x"].value == 2


@pytest.mark.parametrize("entry, message", [
    ({"type": "number", "values": [{"from": "2026-01-01", "value": 1}, {"from": "2025-01-01", "value": 2}]},
     "different and in order"),
    ({"type": "number", "values": [{"from": "2026-01-01", "value": 1}, {"value": 2}]}, "needs `from"),
    ({"type": "number", "values": [{"from": "2026-01-01"}]}, "missing value"),
    ({"type": "number", "values": []}, "values must be a list"),
    ({"type": "number", "value": 1, "confidence": "sure"}, "confidence must be one of high, medium, low"),
    ({"type": "number", "value": 1, "values": [{"value": 1}]}, "exactly one of"),
    ({"type": "number", "value": 1, "from": "1 July"}, "from must be a date"),
])
def test_bad_histories_name_the_figure(entry, message):
    with pytest.raises(FigureError, match=message) as error:
        figures_from_mapping({"x": entry}, origin="docs/_data/f.yml")
    assert str(error.value).startswith("docs/_data/f.yml: x")


def test_from_and_check_placeholders():
    figures = at(JULY_2026)
    text = substitute("{{ base }} từ ngày {{ base.from }}. {{ base.check }}", figures, "vi")
    assert text == f"120 đồng từ ngày {format_long_date(JULY_2026, 'vi')}. {check_message('medium')}"
    english = substitute("{{ base.check }}", figures, "en", gettext=lambda message: f"EN[{message}]")
    assert english == f"EN[{check_message('medium')}]"
    # a certain value brings no sentence
    assert substitute("{{ times.check }}", figures, "en") == ""
    assert substitute("{{ base.check }}", at(dt.date(2025, 1, 1)), "vi") == ""


def test_placeholder_errors_name_the_line():
    figures = at(JULY_2026)
    with pytest.raises(FigureError, match=r"docs/a\.md:2: \{\{ plain\.from \}\}: .* gives no date"):
        substitute("x\n{{ plain.from }}", figures, "vi", path="docs/a.md")
    with pytest.raises(FigureError, match=r"docs/a\.md:1: \{\{ base\.until \}\}: unknown attribute"):
        substitute("{{ base.until }}", figures, "vi", path="docs/a.md")


# --------------------------------------------------------------------------- the real data


@pytest.fixture(scope="module")
def data():
    return load_figures(DATA)


def test_every_stated_value_has_a_source_and_a_confidence(data):
    for figure in data.values():
        if figure.formula or figure.example:
            continue
        for value in figure.history:
            assert value.source, f"{figure.origin}: a value without a source"
            assert value.confidence in CONFIDENCE_LEVELS, f"{figure.origin}: no confidence"


def test_uncertain_values_bring_the_check_sentence(data):
    for figure in data.values():
        for value in figure.history:
            assert (check_message(value.confidence) is not None) == (value.confidence in ("medium", "low"))


def test_the_cap_follows_the_base_salary_at_every_change(data):
    base, cap, times = data["base_salary"], data["salary_cap"], data["salary_cap_multiplier"]
    for value in base.history:
        assert cap.value_on(value.start).value == value.value * times.value_on(value.start).value
        levels = [value.confidence, times.value_on(value.start).confidence]
        assert cap.value_on(value.start).confidence == max(levels, key=CONFIDENCE_LEVELS.index)


def test_the_data_files_name_no_machine_path():
    for path in DATA.glob("*.yml"):
        assert "/work/" not in path.read_text(encoding="utf-8"), path
