"""The block rules: what each block of a container is, tried in priority order.

Python-Markdown's ``BlockParser`` tries its block processors in the order of their
priorities (``markdown.util.Registry``) and the first whose test passes runs; the
segmenter follows that order (admonitions before tables, tables before headings, headings
and rules may split a paragraph, lists need their marker on the first line...).

A rule is a function ``rule(segmenter, block) -> bool``: it returns ``False`` when the block
is not its kind, so the next rule is tried, and ``True`` when it has dealt with the block
(added its units, parsed its body, put back the lines that follow into ``block.rest``).
To add one, register it in :data:`BLOCK_RULES` with a priority between those of its
neighbours (higher is tried earlier)::

    from mdbabel.segments import BLOCK_RULES

    def my_rule(seg, block):
        ...
    BLOCK_RULES.register(my_rule, "my rule", 62)   # after "atx heading", before "setext"

``paragraph`` (priority 0) takes every block no other rule took.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .lines import Line, indented
from .patterns import (
    _ABBR,
    _ADMONITION,
    _ATX,
    _DEFINITION,
    _DETAILS,
    _FENCE,
    _FOOTNOTE,
    _HR,
    _HTML_COMMENT,
    _I18N_CONTEXT,
    _I18N_SKIP,
    _LIST_ITEM,
    _MATH,
    _QUOTE,
    _REFERENCE,
    _SETEXT_UNDERLINE,
    _TAB,
)
from .registry import Registry
from .state import Container, Where

if TYPE_CHECKING:
    from .segmenter import Segmenter


class Block:
    """One block being parsed, with what a rule needs to know about its place."""

    __slots__ = ("lines", "rest", "container", "where", "sibling", "paragraph", "empty",
                 "first", "text", "_firsts")

    def __init__(self, lines: list[Line], rest: list[list[Line]], container: Container,
                 sibling: Container | None, paragraph: tuple[int, list[Line]] | None,
                 empty: bool) -> None:
        self.lines = lines              # the block's lines (never empty)
        self.rest = rest                # the container's blocks still to parse
        self.container = container
        self.where: Where = container.where
        # the previous sibling that an indented block may continue (list, admonition...)
        self.sibling = sibling
        self.paragraph = paragraph      # the previous block, when it was a paragraph
        self.empty = empty              # nothing came before it in the container
        self.first = lines[0]
        self.text = lines[0].text

    @property
    def firsts(self) -> set[str]:
        """The first character of each line (after leading whitespace): the constructs
        recognised by a line's first character skip the search in a block without it."""
        try:
            return self._firsts
        except AttributeError:
            self._firsts = {line.text.lstrip()[:1] for line in self.lines}
            return self._firsts

    def put_back(self, lines: list[Line]) -> None:
        """Parse *lines* (the end of this block) as the next block, if there are any."""
        if lines:
            self.rest.insert(0, lines)

    def leaves_no_element(self) -> None:
        """The block (a definition that renders elsewhere) leaves no element here: the
        previous sibling stays the one a following indented block continues."""
        self.container.last, self.container.last_paragraph = self.sibling, self.paragraph
        self.container.started = not self.empty


Rule = Callable[["Segmenter", Block], bool]

#: The block rules, tried highest priority first (see the module's docstring).
BLOCK_RULES: Registry[Rule] = Registry()


def block_rule(name: str, priority: float) -> Callable[[Rule], Rule]:
    """Register the decorated function in :data:`BLOCK_RULES`."""
    def register(rule: Rule) -> Rule:
        BLOCK_RULES.register(rule, name, priority)
        return rule
    return register


@block_rule("i18n directive", 100)
def directive(seg: Segmenter, b: Block) -> bool:
    """``<!-- i18n-context: x -->`` / ``<!-- i18n-skip -->`` alone in a block: applies to
    the next block."""
    if len(b.lines) != 1:
        return False
    stripped = b.text.strip()
    found = _I18N_SKIP.match(stripped) or _I18N_CONTEXT.match(stripped)
    if not found:
        return False
    if b.rest and b.rest[0]:
        saved = seg.context, seg.skip
        if "ctx" in found.groupdict():
            seg.context = found.group("ctx")
        else:
            seg.skip = True
        seg.block(b.rest, b.container)
        seg.context, seg.skip = saved
    return True


@block_rule("indented", 95)
def indented_block(seg: Segmenter, b: Block) -> bool:
    """An indented block: code, or the continuation of the previous list, admonition,
    details, tab or definition."""
    first, sibling, container = b.first, b.sibling, b.container
    if not indented(first):
        return False
    if sibling is None or sibling.kind == "quote" or (sibling.lazy and seg.detabbed):
        return True  # indented code
    container.last = sibling
    if not sibling.lazy:
        # the body of the previous admonition, details or tab; 8+
        # spaces reach into a list that ends that body; the body ends
        # at the first line indented less
        target, indent = sibling, 4
        while first.indent - indent >= 4 and target.last is not None \
                and target.last.lazy:
            target, indent = target.last, indent + 4
        n = 0
        while n < len(b.lines) and (b.lines[n].blank or b.lines[n].indent >= indent):
            n += 1
        b.put_back(b.lines[n:])
        seg.parse([line.dedent(indent) for line in b.lines[:n]], target)
        return True
    # ListIndentProcessor: each 4 spaces go one list deeper, as far
    # as the last items nest
    target, level = sibling, 1
    nestable = ("li",) if sibling.kind == "li" else ("li", "dd")
    while first.indent // 4 > level and target.last is not None \
            and target.last.kind in nestable:
        target, level = target.last, level + 1
    saved, seg.detabbed = seg.detabbed, True
    seg.parse([line.dedent(4 * level) for line in b.lines], target)
    seg.detabbed = saved
    return True


@block_rule("fence", 90)
def fence(seg: Segmenter, b: Block) -> bool:
    """Fenced code (closed): no units."""
    found = _FENCE.match(b.text.lstrip(" \t>"))
    if not found or seg._fence_end(b.lines, 0, found.group("fence")) is None:
        return False
    if _QUOTE.match(b.text):
        # a fence inside a quote: the quote goes on (a later "> " block
        # continues it, and whatever the fence sits in, a list item say)
        same = b.sibling if b.sibling is not None and b.sibling.kind == "quote" else None
        b.container.last = seg.blockquote(b.lines, b.where, same)
    return True


@block_rule("html comment or math", 85)
def comment_or_math(seg: Segmenter, b: Block) -> bool:
    """An HTML comment at the start of a line, or ``$$`` math: no units."""
    return bool((_HTML_COMMENT.match(b.text) and seg._at_line_start(b.first))
                or _MATH.match(b.text.lstrip()))


@block_rule("html", 80)
def html(seg: Segmenter, b: Block) -> bool:
    """A raw HTML block: skipped, but for the content of md_in_html ``markdown`` blocks."""
    if not (seg._at_line_start(b.first) and seg._html_tag(b.text)):
        return False
    seg.html_block(b.lines, b.where)
    return True


@block_rule("admonition", 75)
def titled_container(seg: Segmenter, b: Block) -> bool:
    """An admonition (``!!!``), details (``???``) or tab (``===``) on any line of the block:
    the lines before it are a block of their own, its indented lines its body."""
    if b.firsts.isdisjoint("!?="):
        return False
    for i, line in enumerate(b.lines):
        for pattern, handler in ((_ADMONITION, seg.admonition), (_DETAILS, seg.details),
                                 (_TAB, seg.tab)):
            found = pattern.match(line.text)
            if found:
                seg._before(b.lines[:i], b.rest, b.container)
                rest = b.lines[i + 1:]
                n = 0
                while n < len(rest) and indented(rest[n]):
                    n += 1
                body, after = rest[:n], rest[n:]
                b.put_back(after)
                body = [ln.dedent(4) for ln in body]
                b.container.last = handler(line, found, body, b.where)
                return True
    return False


@block_rule("table", 70)
def table(seg: Segmenter, b: Block) -> bool:
    """A table (tables extension): one unit per cell."""
    return seg.table(b.lines, b.rest, b.where)


@block_rule("atx heading", 65)
def atx_heading(seg: Segmenter, b: Block) -> bool:
    """A ``#`` heading on any line of the block; it splits a paragraph."""
    if "#" not in b.firsts:
        return False
    for i, line in enumerate(b.lines):
        found = _ATX.match(line.text)
        if found:
            seg._before(b.lines[:i], b.rest, b.container)
            b.put_back(b.lines[i + 1:])
            seg.atx_heading(line, found)
            return True
    return False


@block_rule("setext heading", 60)
def setext_heading(seg: Segmenter, b: Block) -> bool:
    """A heading underlined with ``===`` or ``---`` (its second line)."""
    if len(b.lines) < 2 or not _SETEXT_UNDERLINE.match(b.lines[1].text):
        return False
    b.put_back(b.lines[2:])
    seg.heading(b.first, b.text.rstrip(), 1 if b.lines[1].text.startswith("=") else 2)
    return True


@block_rule("horizontal rule", 55)
def horizontal_rule(seg: Segmenter, b: Block) -> bool:
    """A rule (``---``, ``***``, ``___``) on any line: it splits a paragraph."""
    if b.firsts.isdisjoint("-_*"):
        return False
    for i, line in enumerate(b.lines):
        if _HR.match(line.text):
            seg._before(b.lines[:i], b.rest, b.container)
            b.put_back(b.lines[i + 1:])
            return True
    return False


@block_rule("list", 50)
def list_block(seg: Segmenter, b: Block) -> bool:
    """A list: its marker on the block's first line."""
    if not _LIST_ITEM.match(b.text):
        return False
    b.container.last = seg.list(b.lines, b.where)
    return True


@block_rule("blockquote", 45)
def blockquote(seg: Segmenter, b: Block) -> bool:
    """A block quote from its first ``>`` line on."""
    if ">" not in b.firsts:
        return False
    for i, line in enumerate(b.lines):
        if _QUOTE.match(line.text):
            seg._before(b.lines[:i], b.rest, b.container)
            # a block that starts with ">" right after a quote continues it
            same = b.sibling if not i and b.sibling is not None and b.sibling.kind == "quote" \
                else None
            b.container.last = seg.blockquote(b.lines[i:], b.where, same)
            return True
    return False


@block_rule("footnote", 40)
def footnote(seg: Segmenter, b: Block) -> bool:
    """A footnote definition (``[^1]:``); it renders at the page's end."""
    if "[" not in b.firsts:
        return False
    for i, line in enumerate(b.lines):
        if _FOOTNOTE.match(line.text):
            seg._before(b.lines[:i], b.rest, b.container)
            if not i:  # a footnote definition leaves no element here
                b.leaves_no_element()
            seg.footnote(b.lines[i:], b.rest)
            return True
    return False


@block_rule("abbreviation", 35)
def abbreviation(seg: Segmenter, b: Block) -> bool:
    """An abbreviation definition (``*[HTML]: expansion``): its expansion is a unit."""
    if "*" not in b.firsts:
        return False
    for i, line in enumerate(b.lines):
        found = _ABBR.match(line.text)
        if found:
            seg._before(b.lines[:i], b.rest, b.container)
            if not i:  # nor does an abbreviation
                b.leaves_no_element()
            b.put_back(b.lines[i + 1:])
            seg.add_text(found.group("title"), line.off + found.start("title"), line.no,
                         "abbreviation", f'abbreviation "{found.group("abbr")}" (expansion)')
            return True
    return False


@block_rule("definition", 30)
def definition(seg: Segmenter, b: Block) -> bool:
    """A definition (``:   text``) after its terms, or after a paragraph of terms."""
    if ":" not in b.firsts:
        return False
    for i, line in enumerate(b.lines):
        if _DEFINITION.match(line.text):
            if not i and b.empty:
                return False  # no term and nothing before it: a paragraph (DefListProcessor)
            b.container.last = seg.definition(b.lines, i, b.rest, b.where,
                                              None if i else b.paragraph)
            return True
    return False


@block_rule("link reference", 25)
def link_reference(seg: Segmenter, b: Block) -> bool:
    """A link reference definition (``[id]: url``): no units."""
    if "[" not in b.firsts:
        return False
    for i, line in enumerate(b.lines):
        if _REFERENCE.match(line.text):
            seg._before(b.lines[:i], b.rest, b.container)
            if not i:  # nor does a link reference definition
                b.leaves_no_element()
            b.put_back(b.lines[i + 1:])
            return True
    return False


@block_rule("paragraph", 0)
def paragraph(seg: Segmenter, b: Block) -> bool:
    """Whatever no other rule took: a paragraph (or a lone image: its alt and title)."""
    b.container.last_paragraph = seg.paragraph(b.lines, b.where)
    return True
