"""Container blocks: admonitions, details, tabs, block quotes, lists, footnotes, definitions
and md_in_html blocks; each adds its titles as units and parses its body as a container."""

from __future__ import annotations

import re

from .lines import Line, indented
from .patterns import _DEFINITION, _FOOTNOTE, _HTML_OPEN, _LIST_ITEM, _LIST_NESTED, _MD_ATTR, _QUOTE
from .state import Container, Where


class ContainerBlocks:
    """The segmenter's methods for container blocks (a mixin of
    :class:`mdbabel.segments.segmenter.Segmenter`, which holds ``parse`` and ``child``)."""

    def admonition(self, line: Line, m: re.Match, body: list[Line],
                   where: Where) -> Container:
        kind = m.group("type").split()[0].lower()
        if m.group("title"):
            self.add_text(m.group("title"), line.off + m.start("title"), line.no,
                          "admonition title", f"admonition: {kind} (title)")
        inner = self.child(Where("admonition", f"admonition: {kind}"))
        self.parse(body, inner)
        return inner

    def details(self, line: Line, m: re.Match, body: list[Line], where: Where) -> Container:
        kind = (m.group("type") or m.group("type2") or "note").split()[0].lower()
        if m.group("title"):
            self.add_text(m.group("title"), line.off + m.start("title"), line.no,
                          "details title", f"details: {kind} (title)")
        inner = self.child(Where("admonition", f"details: {kind}"))
        self.parse(body, inner)
        return inner

    def tab(self, line: Line, m: re.Match, body: list[Line], where: Where) -> Container:
        self.add_text(m.group("title"), line.off + m.start("title"), line.no,
                      "tab label", "tab label")
        inner = self.child(where)
        self.parse(body, inner)
        return inner

    def blockquote(self, block: list[Line], where: Where,
                   quote: Container | None) -> Container:
        inner = []
        for line in block:
            m = _QUOTE.match(line.text)
            if line.text.strip() == ">":
                inner.append(Line(line.no, line.off + len(line.text), ""))
            elif m:
                inner.append(line.cut(m.end()))
            else:
                inner.append(line)  # lazy continuation
        saved, self.detabbed = self.detabbed, False
        if quote is None:
            quote = self.child(Where("blockquote", "blockquote"), "quote")
        self.parse(inner, quote)
        self.detabbed = saved
        return quote

    def list(self, block: list[Line], where: Where) -> Container:
        # Python-Markdown's OListProcessor.get_items: a marker line starts an
        # item, a marker indented 4-7 spaces nests, anything else continues.
        items: list[list[Line]] = []
        for line in block:
            if _LIST_NESTED.match(line.text) and items:
                # a nested item is parsed apart from the item's own text
                # (Python-Markdown hands it to ListIndentProcessor)
                items[-1].append(Line(line.no, line.off, "", True))
                items[-1].append(line)
            elif _LIST_ITEM.match(line.text):
                m = _LIST_ITEM.match(line.text)
                items.append([line.cut(m.end())])
            elif items:
                items[-1].append(line)
        item_where = Where("list item", "list item" if where.comment == "paragraph"
                            else f"list item ({where.comment})")
        inner = None
        saved, self.detabbed = self.detabbed, False
        for item in items:
            lines = [item[0]] + [ln.dedent(4) if indented(ln) else ln for ln in item[1:]]
            inner = self.child(item_where, kind="li")
            self.parse(lines, inner)
        self.detabbed = saved
        return inner  # blocks indented 4+ after the list belong to its last item

    def footnote(self, block: list[Line], blocks: list[list[Line]]) -> None:
        line = block[0]
        m = _FOOTNOTE.match(line.text)
        rest = block[1:]
        n = 0
        while n < len(rest) and not _FOOTNOTE.match(rest[n].text):
            n += 1
        body_lines, after = rest[:n], rest[n:]
        if after:
            blocks.insert(0, after)
        first = [line.cut(m.end())] + [ln.dedent(4) if indented(ln) else ln for ln in body_lines]
        # the following indented blocks are part of the footnote, and
        # Python-Markdown parses them together with its first paragraph
        more = self.takeindented(blocks) if not after else []
        if more:
            first = first + [Line(more[0].no, more[0].off, "")] + more
        saved, self.in_footnote = self.in_footnote, True
        self.parse(first, self.child(Where("footnote", "footnote")))
        self.in_footnote = saved

    def definition(self, block: list[Line], i: int, blocks: list[list[Line]],
                   where: Where, paragraph: tuple[int, list[Line]] | None) -> Container:
        terms = block[:i]
        if not terms and paragraph is not None:
            # "Term\n\n:   definition": the previous paragraph was the term
            # (Python-Markdown's DefListProcessor turns that <p> into <dt>s)
            index, lines = paragraph
            del self.units[index:]
            terms = lines
        for term in terms:
            self.term(term)
        line = block[i]
        m = _DEFINITION.match(line.text)
        rest = block[i + 1:]
        n = 0
        while n < len(rest) and indented(rest[n]):
            n += 1
        body, after = rest[:n], rest[n:]
        if after:
            blocks.insert(0, after)
        lines = [line.cut(m.end())] + [ln.dedent(4) for ln in body]
        inner = self.child(Where("definition", "definition of term"), kind="dd")
        self.parse(lines, inner)
        return inner


    def html_block(self, block: list[Line], where: Where) -> None:
        """Skip raw HTML, but parse the content of md_in_html ``markdown`` blocks."""
        first = block[0]
        m = _HTML_OPEN.match(first.text)
        if not m or not _MD_ATTR.search(m.group("attrs") or ""):
            return
        tag = m.group("tag")
        open_end = first.text.find(">", m.end("tag"))
        if open_end < 0:
            return
        inner: list[Line] = []
        rest = first.cut(open_end + 1)
        if rest.text.strip():
            inner.append(rest)
        inner.extend(block[1:])
        if inner:
            last = inner[-1]
            close = re.search(rf"</{tag}\s*>\s*$", last.text, re.I)
            if close:
                cut = Line(last.no, last.off, last.text[:close.start()])
                inner[-1] = cut
        self.parse(inner, self.child(where))

