"""Apply translations to a Markdown page, unit by unit.

Extraction (:func:`mdbabel.segments.segment`) and application share one
definition of a unit: each unit knows the exact source characters it came
from, and write-back replaces those characters and nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable

from . import checks
from .segments import Unit, segment

__all__ = ["Translation", "Lookup", "TranslationResult", "translate_markdown"]


@dataclass(frozen=True)
class Translation:
    """A usable msgstr (non-fuzzy, non-empty) and where it was found."""

    text: str
    origin: str  # e.g. "locales/en/LC_MESSAGES/foo.po:48", used in problem reports


Lookup = Callable[[str, "str | None"], "Translation | None"]


@dataclass
class TranslationResult:
    """The translated page and how much of it was translated."""

    markdown: str
    total: int
    translated: int
    problems: list[str] = field(default_factory=list)
    untranslated_units: list[Unit] = field(default_factory=list)

    @property
    def translated_share(self) -> float:
        """Share of units replaced by a translation (1.0 for a page without units)."""
        return 1.0 if self.total == 0 else self.translated / self.total


def translate_markdown(source: str, lookup: Lookup, *, source_lang: str = "vi",
                       mark_untranslated: bool = True) -> TranslationResult:
    """Return *source* with every unit replaced by its translation from *lookup*.

    A unit without a translation, or whose translation fails
    :func:`mdbabel.checks.check_translation`, keeps its source text; with
    *mark_untranslated* it is wrapped in ``<span lang="...">`` where the
    context renders inline Markdown. Translated headings get the id of the
    source heading so that anchors are identical in every language.
    """
    units = segment(source)
    edits: list[tuple[int, int, str]] = []
    problems: list[str] = []
    untranslated: list[Unit] = []
    translated = 0
    for unit in units:
        translation = lookup(unit.text, unit.context)
        text: str | None = None
        if translation is not None:
            found = checks.check_translation(unit.text, translation.text, unit.kind)
            if found:
                problems.extend(f"{translation.origin}: {p}" for p in found)
            else:
                text = translation.text
        if text is None:
            untranslated.append(unit)
            if mark_untranslated and unit.span.style == "inline":
                edits.append(_edit(unit, f'<span lang="{source_lang}">{unit.text}</span>'))
            continue
        translated += 1
        if text != unit.text:
            edits.append(_edit(unit, text))
    return TranslationResult(_apply(source, edits), len(units), translated, problems,
                             untranslated)


def _edit(unit: Unit, text: str) -> tuple[int, int, str]:
    span = unit.span
    if span.style == "yaml":
        written = json.dumps(text, ensure_ascii=False)
    else:
        written = text.replace("\n", "  \n" + span.continuation_prefix)
    return span.start, span.end, written


def _apply(source: str, edits: list[tuple[int, int, str]]) -> str:
    out = []
    position = 0
    for start, end, text in sorted(edits):
        out.append(source[position:start])
        out.append(text)
        position = end
    out.append(source[position:])
    return "".join(out)
