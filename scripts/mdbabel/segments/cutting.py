"""Cutting a container's lines into blocks as Python-Markdown does: blocks at blank lines,
fenced code, raw HTML and math kept whole, indented blocks taken after a footnote."""

from __future__ import annotations

import re

from .lines import Line, indented
from .patterns import _BLOCK_TAGS, _FENCE, _HTML_COMMENT, _HTML_OPEN, _MATH


class BlockCutter:
    """The segmenter's methods that cut lines into blocks (a mixin of
    :class:`mdbabel.segments.segmenter.Segmenter`, which holds ``source``)."""

    source: str

    def blocks(self, lines: list[Line]) -> list[list[Line]]:
        """Cut lines into blank-separated blocks; fences, HTML and math stay whole."""
        blocks: list[list[Line]] = []
        current: list[Line] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.chunk_break:
                if current:
                    blocks.append(current)
                    current = []
                blocks.append([])  # sentinel, see Line.chunk_break
                i += 1
                continue
            if line.blank:
                if current:
                    blocks.append(current)
                    current = []
                i += 1
                continue
            stripped = line.text.lstrip(" \t>")
            fence = _FENCE.match(stripped)
            at_block_start = not current
            end = self._fence_end(lines, i, fence.group("fence")) if fence else None
            if end is not None:  # an unclosed fence is text, as Python-Markdown shows it
                if current:
                    blocks.append(current)
                blocks.append(lines[i:end])
                current = []
                i = end
                continue
            # raw HTML starts at the start of any line, even inside a
            # paragraph (Python-Markdown finds it before block parsing)
            if (self._at_line_start(line) and (
                    _HTML_COMMENT.match(line.text) or self._html_tag(line.text))) \
                    or (at_block_start and line.indent < 4 and _MATH.match(line.text.lstrip())):
                end = self._opaque_end(lines, i)
                if current:
                    blocks.append(current)
                    current = []
                blocks.append(lines[i:end])
                i = end
                continue
            current.append(line)
            i += 1
        if current:
            blocks.append(current)
        return blocks

    @staticmethod
    def _fence_end(lines: list[Line], i: int, fence: str) -> int | None:
        prefix_len = len(lines[i].text) - len(lines[i].text.lstrip(" \t>"))
        closing = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        for j in range(i + 1, len(lines)):
            text = lines[j].text
            body = text[prefix_len:] if len(text) >= prefix_len else text
            if closing.match(body.lstrip(" \t>")) and len(text) - len(text.lstrip(" \t>")) <= prefix_len + 3:
                return j + 1
        return None  # never closed: not a fence

    def _at_line_start(self, line: Line) -> bool:
        """True if *line* starts within 3 spaces of the start of its source line.

        Python-Markdown finds raw HTML blocks in the whole page before block
        parsing, so an HTML tag inside a list, a quote or an indented body is
        inline HTML in a paragraph, not an HTML block.
        """
        start = self.source.rfind("\n", 0, line.off) + 1
        indent = len(line.text) - len(line.text.lstrip(" "))
        prefix = self.source[start:line.off]
        return not prefix.strip() and len(prefix) + indent <= 3

    @staticmethod
    def _html_tag(text: str) -> str | None:
        m = _HTML_OPEN.match(text)
        if m and m.group("tag").lower() in _BLOCK_TAGS:
            return m.group("tag").lower()
        return None

    def _opaque_end(self, lines: list[Line], i: int) -> int:
        text = lines[i].text
        if _HTML_COMMENT.match(text):
            for j in range(i, len(lines)):
                if "-->" in lines[j].text[(lines[j].text.find("<!--") + 4 if j == i else 0):]:
                    return j + 1
            return len(lines)
        if _MATH.match(text.lstrip()):
            rest = text.lstrip()[2:]
            if "$$" in rest:
                return i + 1
            for j in range(i + 1, len(lines)):
                if "$$" in lines[j].text:
                    return j + 1
            return len(lines)
        tag = self._html_tag(text)
        opener = re.compile(rf"<{tag}(?=[\s/>]|$)", re.I)
        closer = re.compile(rf"</{tag}\s*>", re.I)
        depth = 0
        for j in range(i, len(lines)):
            t = lines[j].text
            depth += len(opener.findall(t)) - len(closer.findall(t))
            if depth <= 0:
                return j + 1
        return len(lines)

    def takeindented(self, blocks: list[list[Line]]) -> list[Line]:
        """Pop the indented blocks that follow a footnote definition.

        Like Python-Markdown's ``detectTabbed``: each block ends at its first
        unindented line, which starts a new block, and the search stops at a
        new parse (``Line.chunk_break``).
        """
        body: list[Line] = []
        while blocks and blocks[0] and indented(blocks[0][0]):
            block = blocks.pop(0)
            n = 0
            while n < len(block) and indented(block[n]):
                n += 1
            if n < len(block):
                blocks.insert(0, block[n:])
                block = block[:n]
            if body:
                body.append(Line(block[0].no, block[0].off, ""))
            body.extend(block)
        return [line.dedent(4) for line in body]

