"""What the segmenter gives: a :class:`Unit` (one translatable message) and its
:class:`SourceSpan` (the exact source characters it came from, for write-back)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)  # one per unit: no __dict__ each
class SourceSpan:
    """Where a unit's text sits in the source, for write-back.

    ``source[start:end]`` are exactly the characters a translation replaces.
    ``continuation_prefix`` is written after each hard line break so the text
    stays inside its container (indentation, ``>`` markers).
    ``style`` tells how the text is rendered: ``"inline"`` (Markdown inline
    text that may be wrapped in ``<span lang>``), ``"attribute"`` (plain
    attribute text such as an admonition title or image alt) or ``"yaml"``
    (a front matter scalar).
    """

    start: int
    end: int
    continuation_prefix: str = ""
    style: str = "inline"
    # the unit spans several lines and a "---" line follows: written on one
    # line it would become a setext heading, so write-back keeps a line break
    keep_line_break: bool = False
    heading_level: int = 0                      # 1-6 for headings
    in_footnote: bool = False                   # footnotes render at the page end
    heading_id: str | None = None               # id written by the author ({ #id })
    heading_attrs: tuple[int, int] | None = None  # offsets of a trailing "{ ... }"


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable message: a leaf block of the page."""

    text: str            # the msgid
    kind: str            # "heading", "paragraph", "list item", "table cell", ...
    line: int            # 1-based line of the unit's first character
    comment: str         # what the text is, for the translator
    context: str | None = None   # msgctxt from <!-- i18n-context: ... -->
    span: SourceSpan | None = field(default=None, repr=False, compare=False)
