"""Figures: loading docs/_data/*.yml, formulas and per-locale formatting."""

import datetime as dt
from decimal import Decimal

import pytest

from mdbabel.figures import FigureError, figures_from_mapping, format_figure, load_figures, substitute

FIGURES = figures_from_mapping({
    "base_salary": {"value": 2340000, "type": "money", "source": "Nghị định 73/2024/NĐ-CP"},
    "employee_health_rate": {"value": 1.5, "type": "percent"},
    "employer_rate": {"value": 4.5, "type": "percent"},
    "pension_rate": {"value": 8, "type": "percent"},
    "example_salary": {"value": 10000000, "type": "money"},
    "example_employee_si": {"formula": "example_salary * pension_rate / 100", "type": "money"},
    "months": {"value": 12, "type": "number"},
    "big_number": {"value": 1234567.25, "type": "number"},
    "reform_date": {"value": "2024-07-01", "type": "date"},
    "office": {"value": "BHXH Việt Nam", "type": "text"},
})


def test_money_is_written_in_dong_in_vietnamese():
    assert format_figure(FIGURES, "base_salary", "vi") == "2.340.000 đồng"


def test_money_is_written_with_vnd_code_in_english():
    assert format_figure(FIGURES, "base_salary", "en") == "VND 2,340,000"


def test_money_in_other_locales_uses_babel_currency_format():
    assert "2,340,000" in format_figure(FIGURES, "base_salary", "ko")


def test_percent_keeps_its_decimals_in_vietnamese():
    assert format_figure(FIGURES, "employer_rate", "vi") == "4,5%"


def test_percent_keeps_its_decimals_in_english_never_rounded():
    assert format_figure(FIGURES, "employer_rate", "en") == "4.5%"
    assert format_figure(FIGURES, "employee_health_rate", "en") == "1.5%"


def test_whole_percent_has_no_decimals():
    assert format_figure(FIGURES, "pension_rate", "en") == "8%"


def test_number_uses_locale_separators_without_rounding():
    assert format_figure(FIGURES, "big_number", "vi") == "1.234.567,25"
    assert format_figure(FIGURES, "big_number", "en") == "1,234,567.25"


def test_date_is_long_format_per_locale():
    assert format_figure(FIGURES, "reform_date", "en") == "July 1, 2024"
    assert "2024" in format_figure(FIGURES, "reform_date", "vi")
    assert "7" in format_figure(FIGURES, "reform_date", "vi")


def test_text_is_unchanged():
    assert format_figure(FIGURES, "office", "en") == "BHXH Việt Nam"


def test_formula_is_computed_from_other_figures():
    assert FIGURES["example_employee_si"].value == Decimal("800000")
    assert format_figure(FIGURES, "example_employee_si", "vi") == "800.000 đồng"


def test_formula_supports_min_max_round_and_parentheses():
    figures = figures_from_mapping({
        "a": {"value": 10, "type": "number"},
        "b": {"value": 3, "type": "number"},
        "c": {"formula": "round(max(a, b) / b, 2) + min(1, (a - b) * 2)", "type": "number"},
    })
    assert figures["c"].value == Decimal("4.33")


def test_formula_rejects_anything_else():
    with pytest.raises(FigureError, match="only names, numbers"):
        figures_from_mapping({"x": {"formula": "__import__('os').system('true')", "type": "number"}})
    with pytest.raises(FigureError, match="only names, numbers"):
        figures_from_mapping({"x": {"formula": "2 ** 1000", "type": "number"}})


def test_formula_with_unknown_name_names_the_figure():
    with pytest.raises(FigureError, match=r"<figures>: x: formula uses unknown figure 'nope'"):
        figures_from_mapping({"x": {"formula": "nope * 2", "type": "number"}})


def test_formula_cycle_is_reported():
    with pytest.raises(FigureError, match="refers to itself"):
        figures_from_mapping({"x": {"formula": "y", "type": "number"}, "y": {"formula": "x", "type": "number"}})


def test_unknown_figure_error_names_file_and_line():
    with pytest.raises(FigureError, match=r"docs/a\.md:3: unknown figure \{\{ nope \}\}"):
        substitute("one\ntwo\nsee {{ nope }}", FIGURES, "vi", path="docs/a.md")


def test_substitute_replaces_every_placeholder():
    text = substitute("{{ base_salary }} / {{employer_rate}}", FIGURES, "en")
    assert text == "VND 2,340,000 / 4.5%"


def test_load_figures_merges_files_and_names_file_and_key_in_errors(tmp_path):
    (tmp_path / "figures.yml").write_text("a:\n  value: 1\n  type: number\n", encoding="utf-8")
    (tmp_path / "rates.yml").write_text("b:\n  formula: a * 2\n  type: number\n  effective: 2024-07-01\n",
                                        encoding="utf-8")
    figures = load_figures(tmp_path, relative_to=tmp_path)
    assert figures["b"].value == 2 and figures["b"].effective == dt.date(2024, 7, 1)
    (tmp_path / "bad.yml").write_text("c:\n  value: 1\n  type: money_bag\n", encoding="utf-8")
    with pytest.raises(FigureError, match=r"^bad\.yml: c: type must be one of"):
        load_figures(tmp_path, relative_to=tmp_path)


def test_duplicate_name_across_files_is_an_error(tmp_path):
    (tmp_path / "a.yml").write_text("x:\n  value: 1\n  type: number\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("x:\n  value: 2\n  type: number\n", encoding="utf-8")
    with pytest.raises(FigureError, match=r"b\.yml: x: figure already defined in a\.yml"):
        load_figures(tmp_path, relative_to=tmp_path)


def test_vietnamese_dates_are_written_as_in_running_text():
    import datetime as dt
    from mdbabel.figures import format_long_date
    assert format_long_date(dt.date(2025, 7, 1), "vi") == "1 tháng 7 năm 2025"
    assert format_long_date(dt.date(2025, 7, 1), "en") == "July 1, 2025"
