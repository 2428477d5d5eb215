"""Leaf blocks: paragraphs (and a lone image's alt and title), headings, tables and
definition terms, each turned into units."""

from __future__ import annotations

import re

from .lines import Line
from .patterns import _ATTR_ID, _ATTR_LINE, _END_PIPE, _IMAGE_ONLY, _TRAILING_ATTR, _valid_attrs
from .state import Where


class LeafBlocks:
    """The segmenter's methods for leaf blocks (a mixin of
    :class:`mdbabel.segments.segmenter.Segmenter`, which holds ``add`` and ``units``)."""

    def paragraph(self, block: list[Line], where: Where) -> tuple[int, list[Line]] | None:
        m = _ATTR_LINE.match(block[-1].text)
        if len(block) > 1 and m and _valid_attrs(m.group(1)):
            block = block[:-1]  # "{: .class }" on the last line belongs to the block
            if not block:
                return None
        record = (len(self.units), block)
        if len(block) == 1:
            line = block[0].dedent(3)
            m = _IMAGE_ONLY.match(line.text.rstrip())
            if m:
                if m.group("alt"):
                    self.add_text(m.group("alt"), line.off + m.start("alt"), line.no,
                                  "image alt", "image alt text")
                if m.group("title"):
                    self.add_text(m.group("title"), line.off + m.start("title"), line.no,
                                  "image title", "image title")
                return record
        self.add(block, where.paragraph_kind, where.comment)
        return record

    def atx_heading(self, line: Line, m: re.Match) -> None:
        text = m.group("text")
        lead = len(text) - len(text.lstrip())
        self.heading(line.cut(m.start("text") + lead), text.strip(), len(m.group(1)))

    def heading(self, line: Line, text: str, level: int) -> None:
        attrs = None
        heading_id = None
        am = _TRAILING_ATTR.search(text)
        if am:
            attrs = (line.off + am.start(1), line.off + am.end(1))
            idm = _ATTR_ID.search(am.group(2))
            heading_id = idm.group(1) if idm else None
            text = text[:am.start()]
        self.add([Line(line.no, line.off, text)], "heading", f"heading {level}",
                 heading_level=level, heading_id=heading_id, heading_attrs=attrs,
                 in_footnote=self.in_footnote)

    def table(self, block: list[Line], blocks: list[list[Line]], where: Where) -> bool:
        # the conditions of Python-Markdown's TableProcessor.test
        if len(block) < 2 or "|" not in block[0].text:  # a header row has a "|"
            return False
        rows = [line.text.strip(" ") for line in block]
        columns = len(_split_row(rows[0]))
        bordered = rows[0].startswith("|") or bool(_END_PIPE.search(rows[0]))
        if columns == 1 and bordered:
            is_table = all(r.startswith("|") or _END_PIPE.search(r) for r in rows[1:])
        else:
            is_table = columns > 1
        separator = [c for _, c in _split_row(rows[1])]
        if not is_table or len(separator) != columns \
                or not set("".join(separator)) <= set("|:- "):
            return False
        headers = [c.strip() for _, c in _split_row(block[0].text)]
        for row_index, line in enumerate(block):
            if row_index == 1:
                continue
            for col, (start, cell) in enumerate(_split_row(line.text)[:columns]):
                lead = len(cell) - len(cell.lstrip())
                content = cell.strip()
                am = _TRAILING_ATTR.search(" " + content)
                if am:
                    content = content[:am.start()].rstrip() if am.start() else ""
                if row_index == 0:
                    comment = "table column header"
                else:
                    header = headers[col] if col < len(headers) else ""
                    comment = f'table column "{header}"' if header else "table cell"
                self.add_text(content, line.off + start + lead, line.no, "table cell", comment,
                              style="inline")
        return True


    def term(self, line: Line) -> None:
        text = line.text.rstrip()
        am = _TRAILING_ATTR.search(text)
        if am:
            text = text[:am.start()]
        self.add([Line(line.no, line.off, text)], "term", "definition list term")



def _split_row(text: str) -> list[tuple[int, str]]:
    """Cells of a table row as (offset in *text*, raw cell text).

    Pipes inside inline code and escaped pipes do not split, as in
    Python-Markdown's tables extension.
    """
    cuts = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            ticks = text[i:j]
            close = text.find(ticks, j)
            if close >= 0:
                i = close + len(ticks)
                continue
            i = j
            continue
        if ch == "|":
            cuts.append(i)
        i += 1
    if not text.strip():
        return []
    # like TableProcessor._split_row: drop one leading and one trailing pipe
    begin = len(text) - len(text.lstrip(" "))
    finish = len(text.rstrip(" "))
    start = begin + 1 if text[begin:begin + 1] == "|" else begin
    end = finish - 1 if cuts and cuts[-1] == finish - 1 and finish - 1 >= start else finish
    bounds = [start - 1] + [c for c in cuts if start <= c < end] + [end]
    return [(a + 1, text[a + 1:b]) for a, b in zip(bounds, bounds[1:])]

