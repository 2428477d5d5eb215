"""A view of one source line with its container prefixes (indentation, ``>``) removed,
the unit of every cut the segmenter makes."""

from __future__ import annotations

from typing import NamedTuple


class Line(NamedTuple):  # a tuple: made for every line and every cut, often
    no: int      # 1-based line number
    off: int     # absolute offset of text[0] in the source
    text: str    # line content without the newline and without the prefixes
    # a blank line where Python-Markdown starts a new parse of the same
    # container (two ">" blocks): processors that look at the remaining
    # blocks (footnotes) stop here, those that look at the previous sibling
    # (lists, admonitions) go on
    chunk_break: bool = False

    def dedent(self, columns: int) -> Line:
        """Drop up to *columns* columns of leading whitespace (tab = 4)."""
        col = i = 0
        while i < len(self.text) and col < columns and self.text[i] in " \t":
            col = col + 1 if self.text[i] == " " else (col // 4 + 1) * 4
            i += 1
        return Line(self.no, self.off + i, self.text[i:], self.chunk_break)

    def cut(self, i: int) -> Line:
        return Line(self.no, self.off + i, self.text[i:], self.chunk_break)

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def indent(self) -> int:
        stripped = self.text.lstrip(" ")
        if not stripped.startswith("\t"):  # spaces only: one column each
            return len(self.text) - len(stripped)
        col = 0
        for ch in self.text:
            if ch == " ":
                col += 1
            elif ch == "\t":
                col = (col // 4 + 1) * 4
            else:
                break
        return col


def indented(line: Line) -> bool:
    return not line.blank and line.indent >= 4

