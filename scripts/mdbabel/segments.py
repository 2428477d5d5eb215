"""Split Markdown (Python-Markdown dialect) into translatable units.

Minimal first version: headings, paragraphs and list items. The full
segmenter (admonitions, tables, footnotes, ...) replaces the internals; the
API below is stable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Unit", "SourceSpan", "segment"]


@dataclass(frozen=True)
class SourceSpan:
    """Where a unit's text sits in the source, for write-back.

    ``source[start:end]`` are exactly the characters the translation replaces.
    ``continuation_prefix`` is written after each hard line break so the text
    stays inside its container (indentation, ``>`` markers).
    ``style`` tells how an untranslated unit may be marked: ``"inline"``
    (Markdown inline text), ``"attribute"`` (plain attribute text such as an
    admonition title) or ``"yaml"`` (a front matter scalar).
    """

    start: int
    end: int
    continuation_prefix: str = ""
    style: str = "inline"
    heading_id: str | None = None       # explicit id written by the author
    heading_attrs: tuple[int, int] | None = None  # span of a trailing "{ ... }"


@dataclass(frozen=True)
class Unit:
    """One translatable message: a leaf block of the page."""

    text: str
    kind: str
    line: int
    comment: str
    context: str | None = None
    span: SourceSpan | None = field(default=None, repr=False, compare=False)


_ATX = re.compile(r"^(#{1,6})[ \t]*(.*?)[ \t]*#*[ \t]*$")
_LIST = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+\.)[ ]+")


def segment(source: str) -> list[Unit]:
    """Return the translatable units of *source* in document order."""
    units: list[Unit] = []
    lines = source.splitlines(keepends=True)
    offset = 0
    block: list[tuple[int, int, str]] = []

    def flush() -> None:
        if not block:
            return
        no, off, text = block[0]
        m = _LIST.match(text)
        kind = "list item" if m else "paragraph"
        start = off + (m.end() if m else 0)
        last_no, last_off, last_text = block[-1]
        end = last_off + len(last_text.rstrip())
        parts = [text[m.end() if m else 0:]] + [t for _, _, t in block[1:]]
        msg = " ".join(p.strip() for p in parts)
        if msg:
            units.append(Unit(msg, kind, no, kind, None,
                              SourceSpan(start, end, " " * (m.end() if m else 0))))
        block.clear()

    for index, raw in enumerate(lines, start=1):
        text = raw.rstrip("\r\n")
        m = _ATX.match(text)
        if not text.strip():
            flush()
        elif m:
            flush()
            title = m.group(2)
            start = offset + text.index(title) if title else offset
            units.append(Unit(title, "heading", index, f"heading {len(m.group(1))}", None,
                              SourceSpan(start, start + len(title))))
        else:
            if _LIST.match(text):
                flush()
            block.append((index, offset, text))
        offset += len(raw)
    flush()
    return units
