"""Figures: named legal amounts, rates and dates shared by every page and language.

Authors write ``{{ base_salary }}`` in Markdown; the figures live in ``docs/_data/*.yml``
(all files merged), each with the dates its values apply from, and are formatted for the
reader's locale with Babel only when a page is built, so a change of the base salary is one
edit in one file and never a translation task. Modules: ``history`` (data, build date,
formulas over time), ``formula`` (the expression evaluator), ``formatting`` (Babel,
placeholders), ``changes`` (the "What has changed" table), ``calculator`` (the contribution
calculator's form and data), ``strings`` (labels for the ``_site`` catalog).

Pure package: no MkDocs import.
"""

from .formatting import (ATTRIBUTES, PLACEHOLDER, check_message, format_amount, format_figure,
                         format_long_date, format_value, placeholders, substitute)
from .formula import FigureError, evaluate
from .history import (CONFIDENCE_LEVELS, FIGURE_TYPES, Figure, FigureValue, build_date,
                      figures_from_mapping, load_figures, value_on)

__all__ = [
    "ATTRIBUTES", "CONFIDENCE_LEVELS", "FIGURE_TYPES", "PLACEHOLDER", "Figure", "FigureError",
    "FigureValue", "build_date", "check_message", "evaluate", "figures_from_mapping",
    "format_amount", "format_figure", "format_long_date", "format_value", "load_figures",
    "placeholders", "substitute", "value_on",
]
