"""Render one unit of text as the site renders it, for the comparison of a translation with its source.

A unit is rendered by Python-Markdown with the site's dialect (:func:`mdbabel.project.markdown_dialect`),
inside a small stand-in of the construct it sits in on the page (a heading is rendered as a
heading, a table cell as a cell, an admonition title as a title...), so that the translation is
judged on the HTML it becomes there. Link references and footnotes that the page defines are
seeded into the converter, so ``[text][label]`` and ``[^1]`` render as links in both texts; the
definitions that the text itself makes (``[x]: url``, ``[^x]: text``, ``*[X]: text``) are
reported, because on the page they would change other units.

Core module: Python-Markdown only, no MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

import markdown

from ..project import markdown_dialect

__all__ = ["Rendering", "render", "reference_url", "RenderError"]

#: The URL a page-defined reference label renders to here (the page's own definition is the
#: same for the source and the translation, so a stand-in is enough to compare them).
_REFERENCE_PREFIX = "#mdbabel-reference:"


class RenderError(ValueError):
    """Python-Markdown could not render the text (e.g. nesting deeper than Python's stack)."""


@dataclass(frozen=True)
class Rendering:
    """The HTML of a unit and the definitions its text made (label -> what it defines)."""

    html: str
    references: tuple[tuple[str, str], ...] = ()
    footnotes: tuple[str, ...] = ()
    abbreviations: tuple[tuple[str, str], ...] = ()
    footnote_refs: tuple[tuple[str, int], ...] = ()  # references made, even where no link shows


def reference_url(label: str) -> str:
    """The stand-in URL of a reference label defined on the page."""
    return _REFERENCE_PREFIX + quote(label, safe="")


# Each kind of unit inside the construct it sits in on the page: (before, after) the text.
_WRAPPERS = {
    "heading": ("# ", " { #mdbabel-heading }"),
    "table cell": ("| mdbabel |\n| --- |\n| ", " |"),
    "image alt": ("![", "](mdbabel.png)"),
    "image title": ('![mdbabel](mdbabel.png "', '")'),
    "admonition title": ('!!! note "', '"\n    mdbabel'),
    "details title": ('??? note "', '"\n    mdbabel'),
    "tab label": ('=== "', '"\n    mdbabel'),
    "term": ("", "\n:   mdbabel"),
    "abbreviation": ("*[MDBABEL]: ", "\n\nMDBABEL"),
}


#: A paragraph inside a container (a quote stands in for any): see :func:`opens_with_tag`.
CONTAINED_PARAGRAPH = "contained paragraph"

_OPENING_TAG = re.compile(r"[ \t]*<[A-Za-z]")


def opens_with_tag(text: str, kind: str) -> bool:
    """Whether *text*, a paragraph unit, opens with an HTML tag: alone at the top level,
    Python-Markdown would take that line for a raw HTML block, not the paragraph it is."""
    return kind not in _WRAPPERS and _OPENING_TAG.match(text) is not None


def wrap(text: str, kind: str) -> str:
    """*text* inside the stand-in of its construct (a paragraph for kinds not listed)."""
    if kind == CONTAINED_PARAGRAPH:
        return "".join("> " + line for line in text.splitlines(keepends=True))
    before, after = _WRAPPERS.get(kind, ("", ""))
    return before + text + after


_CONVERTER: markdown.Markdown | None = None


def _converter() -> markdown.Markdown:
    global _CONVERTER
    if _CONVERTER is None:
        _CONVERTER = markdown.Markdown(**markdown_dialect().markdown_kwargs())
    return _CONVERTER


def _extension(md: markdown.Markdown, name: str):
    for extension in md.registeredExtensions:
        if type(extension).__name__ == name:
            return extension
    return None


def render(text: str, kind: str, references: frozenset[str] = frozenset(),
           footnotes: frozenset[str] = frozenset()) -> Rendering:
    """Render *text* (a unit of *kind*) with the page's reference labels and footnote labels.

    Raises :class:`RenderError` when Python-Markdown fails on it.
    """
    md = _converter().reset()
    seeded = {}
    for label in references:
        seeded[label] = (reference_url(label), None)
    md.references.update(seeded)
    notes = _extension(md, "FootnoteExtension")
    seeded_notes = {}
    if notes is not None:
        for label in sorted(footnotes):
            notes.setFootnote(label, "mdbabel")
            seeded_notes[label] = notes.footnotes[label]
    try:
        html = md.convert(wrap(text, kind))
    except RecursionError:
        raise RenderError("the text nests too deeply to be rendered") from None
    made_refs = tuple(sorted((label, str(value[0])) for label, value in md.references.items()
                             if seeded.get(label) != value))
    made_notes = tuple(sorted(label for label, value in (notes.footnotes.items() if notes else ())
                              if seeded_notes.get(label) != value))
    abbr = _extension(md, "AbbrExtension")
    made_abbr = tuple(sorted((k, str(v)) for k, v in (abbr.abbrs.items() if abbr else ())
                             if not (kind == "abbreviation" and k == "MDBABEL")))
    refs = tuple(sorted(notes.found_refs.items())) if notes is not None else ()
    return Rendering(html, made_refs, made_notes, made_abbr, refs)
