"""The segmenter: a page's units, its front matter's then its Markdown's, block by block.

The page is cut into blocks at blank lines (:mod:`.cutting`) and each block is tried
against the block rules in priority order (:mod:`.rules`), which add units for leaf blocks
(:mod:`.leaves`) and parse the body of container blocks (:mod:`.containers`) as a new
container, recursively.
"""

from __future__ import annotations

import re

from .containers import ContainerBlocks
from .cutting import BlockCutter
from .front_matter import front_matter_units
from .leaves import LeafBlocks
from .lines import Line
from .patterns import is_translatable
from .rules import BLOCK_RULES, Block
from .state import Container, Where
from .units import SourceSpan, Unit


class Segmenter(BlockCutter, LeafBlocks, ContainerBlocks):
    """The units of one source page (:meth:`run`), with the state its blocks share."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.units: list[Unit] = []
        self.context: str | None = None
        self.skip = False
        # Python-Markdown's "detabbed" state: inside a block that continued a
        # list item, an indented block no longer continues a list
        self.detabbed = False
        self.in_footnote = False
        self.rules = tuple(BLOCK_RULES)  # the rules registered when the page is read

    # ---- units -----------------------------------------------------------

    def _prefix_of(self, line: Line) -> str:
        start = self.source.rfind("\n", 0, line.off) + 1
        prefix = self.source[start:line.off]
        return "".join(ch if ch in "> \t" else " " for ch in prefix)

    def add(self, lines: list[Line], kind: str, comment: str, *, style: str = "inline",
            **span_fields) -> Unit | None:
        """Add a unit made of *lines* (soft breaks joined, hard breaks kept)."""
        parts: list[str] = []
        first: Line | None = None
        end = last_no = 0
        for i, line in enumerate(lines):
            stripped = line.text.lstrip(" \t")
            line = line.cut(len(line.text) - len(stripped))
            content = line.text.rstrip()
            if not content:
                continue
            if first is None:
                first = line
            elif parts:
                previous = lines[i - 1].text if i else ""
                parts.append("\n" if previous.endswith("  ") else " ")
            parts.append(content)
            end, last_no = line.off + len(content), line.no
        if first is None:
            return None
        text = "".join(parts)
        if self.skip or not is_translatable(text):
            return None
        if first.no != last_no:
            next_start = self.source.find("\n", end) + 1
            next_end = self.source.find("\n", next_start) if next_start else -1
            following = self.source[next_start:next_end if next_end >= 0 else None] \
                if next_start else ""
            if re.fullmatch(r"[ \t>]*(?:-+|=+)[ \t]*", following):
                span_fields["keep_line_break"] = True
        span = SourceSpan(first.off, end, self._prefix_of(first), style, **span_fields)
        unit = Unit(text, kind, first.no, comment, self.context, span)
        self.units.append(unit)
        return unit

    def add_text(self, text: str, off: int, no: int, kind: str, comment: str,
                 style: str = "attribute") -> None:
        """Add a single-line unit whose text is ``source[off:off+len(text)]``."""
        self.add([Line(no, off, text)], kind, comment, style=style)


    # ---- block level -----------------------------------------------------

    def run(self) -> list[Unit]:
        self.units, start = front_matter_units(self.source)
        line_no = self.source.count("\n", 0, start) + 1
        lines = []
        off = start
        for no, text in enumerate(self.source[start:].split("\n"), start=line_no):
            lines.append(Line(no, off, text.rstrip("\r")))
            off += len(text) + 1
        self.parse(lines, Container(Where()))
        return self.units

    def parse(self, lines: list[Line], container: Container) -> None:
        """Parse (a chunk of) a container's content: cut into blocks, process each."""
        saved = self.context, self.skip
        self.context, self.skip = container.context, container.skip
        blocks = self.blocks(lines)
        while blocks:
            self.block(blocks, container)
        self.context, self.skip = saved

    def child(self, where: Where, kind: str = "box") -> Container:
        return Container(where, kind=kind, context=self.context, skip=self.skip)


    def block(self, blocks: list[list[Line]], container: Container) -> None:
        """Process the next of *blocks*: the first block rule that takes it deals with it."""
        lines = blocks.pop(0)
        if not lines:
            return
        sibling, paragraph = container.last, container.last_paragraph
        # most blocks leave an element that is not a list, admonition or
        # definition list; the rules set these when they do
        container.last = container.last_paragraph = None
        empty, container.started = not container.started, True
        block = Block(lines, blocks, container, sibling, paragraph, empty)
        for rule in self.rules:
            if rule(self, block):
                return

    def _before(self, lines: list[Line], blocks: list[list[Line]],
                container: Container) -> None:
        """Process the lines of a block that come before a splitting construct."""
        if lines:
            self.block([lines], container)


def segment(source: str) -> list[Unit]:
    """Return the translatable units of *source* in document order.

    *source* is expected in the normal form every reader gives (:mod:`mdbabel.textnorm`:
    LF line ends, NFC): the units' spans are offsets into it, and their texts are msgids,
    so a page saved with CRLF or in NFD gives the same units only through that form."""
    units = Segmenter(source).run()
    return sorted(units, key=lambda u: u.span.start)
