"""Split Markdown (Python-Markdown dialect) into translatable units.

The site renders with Python-Markdown and its extensions (admonition,
pymdownx.details/tabbed/superfences, tables, attr_list, def_list, footnotes,
abbr, md_in_html, toc), so this segmenter follows Python-Markdown's own block
rules rather than CommonMark: the page is cut into blocks at blank lines and
each block is tried against the same processors in the same order
(admonitions before code blocks, headings and rules may split a paragraph,
lists need a blank line before them, 4-space indentation nests). A
CommonMark parser would read an indented admonition body as code.

Every unit records the exact source characters it came from
(:class:`SourceSpan`), so :mod:`mdbabel.translate` can write a translation
back without touching anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

__all__ = ["Unit", "SourceSpan", "segment", "FRONT_MATTER_RE", "front_matter_message"]


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


# --------------------------------------------------------------------------
# Lines: a view of one source line with a container prefix removed.


class _Line(NamedTuple):  # a tuple: made for every line and every cut, often
    no: int      # 1-based line number
    off: int     # absolute offset of text[0] in the source
    text: str    # line content without the newline and without the prefixes
    # a blank line where Python-Markdown starts a new parse of the same
    # container (two ">" blocks): processors that look at the remaining
    # blocks (footnotes) stop here, those that look at the previous sibling
    # (lists, admonitions) go on
    chunk_break: bool = False

    def dedent(self, columns: int) -> _Line:
        """Drop up to *columns* columns of leading whitespace (tab = 4)."""
        col = i = 0
        while i < len(self.text) and col < columns and self.text[i] in " \t":
            col = col + 1 if self.text[i] == " " else (col // 4 + 1) * 4
            i += 1
        return _Line(self.no, self.off + i, self.text[i:], self.chunk_break)

    def cut(self, i: int) -> _Line:
        return _Line(self.no, self.off + i, self.text[i:], self.chunk_break)

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


def _indented(line: _Line) -> bool:
    return not line.blank and line.indent >= 4


# --------------------------------------------------------------------------
# Patterns (copied from the Python-Markdown / pymdownx processors they mirror)

class FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML where a date that does not exist (``2026-13-25``) stays a string, so one bad
    value never hides the page's other keys (title, description, sources)."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


_YAML_RESOLVER = yaml.resolver.Resolver()


def _plain_text_scalar(raw: str) -> bool:
    """Whether YAML reads the one-line value *raw* (a mapping value, stripped) as the string
    *raw* itself: a plain scalar that starts with a letter, holds no comment or mapping
    indicator, and that YAML's implicit rules do not take for a boolean, null or number."""
    return (raw[:1].isalpha() and "#" not in raw and ":" not in raw
            and _YAML_RESOLVER.resolve(yaml.ScalarNode, raw, (True, False))
            == "tag:yaml.org,2002:str")


def load_front_matter(text: str) -> Any:
    """Parse front matter YAML (raises ``yaml.YAMLError`` when it is not YAML)."""
    return yaml.load(text, Loader=FrontMatterLoader)  # noqa: S506 - a safe loader


def front_matter_message(value: str) -> str:
    """The message of a front-matter ``title`` or ``description`` value as YAML read it: the
    catalogs hold it and the MkDocs adapter looks it up with this one rule. Line breaks of a
    folded value become spaces, a block scalar (ending in a newline) keeps them; spaces inside
    a line are kept ("A  B" stays "A  B")."""
    return value.strip() if value.endswith("\n") else " ".join(value.split("\n")).strip()


FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.S)
_ATX = re.compile(r"^(#{1,6})(?P<text>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*$")
_SETEXT_UNDERLINE = re.compile(r"^(?:=+|-+)[ ]*$")
_HR = re.compile(r"^[ ]{0,3}(?=(?P<g>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))(?P=g)[ ]*$")
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:\d+\.|[*+-])[ ]+")
_LIST_NESTED = re.compile(r"^[ ]{4,7}(?:\d+\.|[*+-])[ ]+")
_QUOTE = re.compile(r"^[ ]{0,3}>[ ]?")
_ADMONITION = re.compile(r'^!!! ?(?P<type>[\w\-]+(?: +[\w\-]+)*)(?: +"(?P<title>.*?)")? *$')
_DETAILS = re.compile(r'^\?{3}(\+)? ?(?:(?P<type>[\w\-]+(?: +[\w\-]+)*?)?(?: +"(?P<title>.*?)")'
                      r'|(?P<type2>[\w\-]+(?: +[\w\-]+)*?)) *$')
_TAB = re.compile(r'^={3}(?:\+|\+!|!\+|!)? +"(?P<title>.*?)" *$')
_FOOTNOTE = re.compile(r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*")
_ABBR = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*(?P<title>.*?)[ ]*$")
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]]*\]:[ ]*\S")
_END_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|$")
_DEFINITION = re.compile(r"^[ ]{0,3}:[ ]{1,3}")
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
_MATH = re.compile(r"^\$\$")
_HTML_OPEN = re.compile(r"^[ ]{0,3}<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s[^>]*)?)/?>?")
_HTML_COMMENT = re.compile(r"^[ ]{0,3}<!--")
_I18N_CONTEXT = re.compile(r"^<!--\s*i18n-context:\s*(?P<ctx>.*?)\s*-->\s*$")
_I18N_SKIP = re.compile(r"^<!--\s*i18n-skip\s*-->\s*$")
_ATTR_LINE = re.compile(r"^[ ]*\{:?[ ]*([^\}\n ][^\n]*)\}[ ]*$")
_TRAILING_ATTR_RE = re.compile(r"[ ]+(\{:?[ ]*([^\}\n ][^\n]*)\})[ ]*$")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_IMAGE_ONLY = re.compile(
    r'^!\[(?P<alt>(?:\\.|[^\]\\])*)\]'
    r'(?:\((?P<src>[^\s)]*)(?:\s+(?P<q>["\'])(?P<title>.*?)(?P=q))?\s*\)|\[[^\]]*\])'
    r'(?:\{[^}]*\})?$')
_MD_ATTR = re.compile(r"""\smarkdown(?:\s*=\s*(?:"(?:1|block|span)"|'(?:1|block|span)'|1|block|span))?(?=[\s/>]|$)""")

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section",
    "table", "ul", "canvas", "colgroup", "dd", "body", "dt", "group", "html", "iframe",
    "li", "legend", "math", "map", "noscript", "output", "object", "option",
    "progress", "script", "style", "summary", "tbody", "td", "textarea", "tfoot",
    "th", "thead", "tr", "video", "center",
}

# What is left once markup, code, links' URLs, placeholders and footnote
# references are removed must contain a letter to be worth translating.
# (what a match must contain, pattern): a text without it is left as it is
_NOT_TEXT = [
    ("`", re.compile(r"(`+)(?:.+?)\1", re.S)),        # inline code
    ("{{", re.compile(r"\{\{.*?\}\}")),                 # {{ figure }} placeholders
    ("[^", re.compile(r"\[\^[^\]]*\]")),                # footnote references
    ("](", re.compile(r"\]\([^)]*\)")),                 # link / image targets
    ("<", re.compile(r"<[^>]*>")),                     # inline HTML tags
    ("&", re.compile(r"&#?\w+;")),                     # entities
    ("{", re.compile(r"\{:?[^}]*\}")),                 # attribute lists
    ("http", re.compile(r"https?://\S+")),            # bare URLs
]
_LETTER = re.compile(r"[^\W\d_]")


def _valid_attrs(inner: str) -> bool:
    """attr_list applies a list only if nothing but "}" is left after parsing it."""
    from markdown.extensions.attr_list import get_attrs_and_remainder

    return not get_attrs_and_remainder(inner)[1]


class _TrailingAttr:
    """A trailing ``{ ... }`` attribute list that attr_list would apply."""

    @staticmethod
    def search(text: str) -> re.Match | None:
        m = _TRAILING_ATTR_RE.search(text)
        return m if m and _valid_attrs(m.group(2)) else None


_TRAILING_ATTR = _TrailingAttr()


def is_translatable(text: str) -> bool:
    """True if *text* has words once markup, numbers and punctuation are ignored."""
    for needed, pattern in _NOT_TEXT:
        if needed in text:  # the pattern cannot match a text without it
            text = pattern.sub(" ", text)
    return bool(_LETTER.search(text))


# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
    """What the blocks being parsed are inside of, for kinds and comments."""

    paragraph_kind: str = "paragraph"
    comment: str = "paragraph"


class _Container:
    """Parse state of one container (page, list item, admonition body, ...).

    Python-Markdown attaches an indented block to the previous sibling
    element (a list, an admonition, a definition list) whatever lies between
    them that leaves no element (footnote or abbreviation definitions), so
    each container remembers its last such child.
    """

    def __init__(self, where: _Where, *, kind: str = "box", context: str | None = None,
                 skip: bool = False) -> None:
        self.where = where
        self.kind = kind              # "li", "dd" (continued like lists), "box", "quote"
        self.lazy = kind in ("li", "dd")  # continuation keeps unindented lines
        self.context = context        # msgctxt from <!-- i18n-context -->
        self.skip = skip              # under <!-- i18n-skip -->
        self.last: _Container | None = None
        self.last_paragraph: tuple[int, list[_Line]] | None = None
        self.started = False          # an element was written in it (Python-Markdown's sibling)


class _Segmenter:
    def __init__(self, source: str) -> None:
        self.source = source
        self.units: list[Unit] = []
        self.context: str | None = None
        self.skip = False
        # Python-Markdown's "detabbed" state: inside a block that continued a
        # list item, an indented block no longer continues a list
        self.detabbed = False
        self.in_footnote = False

    # ---- units -----------------------------------------------------------

    def _prefix_of(self, line: _Line) -> str:
        start = self.source.rfind("\n", 0, line.off) + 1
        prefix = self.source[start:line.off]
        return "".join(ch if ch in "> \t" else " " for ch in prefix)

    def add(self, lines: list[_Line], kind: str, comment: str, *, style: str = "inline",
            **span_fields) -> Unit | None:
        """Add a unit made of *lines* (soft breaks joined, hard breaks kept)."""
        parts: list[str] = []
        first: _Line | None = None
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
        self.add([_Line(no, off, text)], kind, comment, style=style)

    # ---- front matter ----------------------------------------------------

    def front_matter(self) -> int:
        """Add title/description units; return the offset where Markdown starts."""
        m = FRONT_MATTER_RE.match(self.source)
        if not m:
            return 0
        body = m.group(1) or ""
        body_off = m.start(1) if m.group(1) else m.end()
        try:
            data = load_front_matter(body)
        except (yaml.YAMLError, ValueError, RecursionError):  # not YAML: no units from it
            data = None
        if not isinstance(data, dict):
            return m.end()
        lines = body.split("\n")
        offs = []
        pos = body_off
        for text in lines:
            offs.append(pos)
            pos += len(text) + 1
        for key in ("title", "description"):
            value = data.get(key)
            if not isinstance(value, str) or not value.strip():
                continue
            for i, text in enumerate(lines):
                km = re.match(rf"^{key}[ \t]*:[ \t]*", text)
                if not km:
                    continue
                start = offs[i] + km.end()
                stop = i + 1
                while stop < len(lines) and (not lines[stop].strip() or lines[stop][:1] in " \t"):
                    stop += 1
                while stop - 1 > i and not lines[stop - 1].strip():
                    stop -= 1
                end = offs[stop - 1] + len(lines[stop - 1].rstrip())
                if end <= start:
                    break
                value = front_matter_message(value)
                span = SourceSpan(start, end, "", "yaml")
                self.units.append(Unit(value, f"front matter {key}", i + 2,
                                       f"page {key} (front matter)", None, span))
                break
        self.front_matter_sources(data, lines, offs)
        return m.end()

    def front_matter_sources(self, data: dict, lines: list[str], offs: list[int]) -> None:
        """Add the title and note of each legal source listed under ``sources:``.

        The page shows them in the reader's language, so they are messages too. Only
        one-line scalars are extracted; the span is the value after ``title:``/``note:``.
        """
        sources = data.get("sources")
        if not isinstance(sources, list):
            return
        wanted = {(key, entry[key]) for entry in sources if isinstance(entry, dict)
                  for key in ("title", "note") if isinstance(entry.get(key), str) and entry[key].strip()}
        inside = False
        for i, text in enumerate(lines):
            if re.match(r"^sources[ \t]*:", text):
                inside = True
                continue
            if inside and text[:1] not in (" ", "\t", "-", ""):
                break
            km = inside and re.match(r"^[ \t]*(?:-[ \t]+)?(title|note)[ \t]*:[ \t]*", text)
            if not km:
                continue
            raw = text[km.end():].rstrip()
            if (km.group(1), raw) in wanted and _plain_text_scalar(raw):
                value = raw  # what YAML reads it as: no need to ask it
            else:
                try:
                    value = load_front_matter(raw)
                except (yaml.YAMLError, ValueError, RecursionError):
                    continue
            if not isinstance(value, str) or (km.group(1), value) not in wanted:
                continue
            span = SourceSpan(offs[i] + km.end(), offs[i] + km.end() + len(raw), "", "yaml")
            self.units.append(Unit(value, f"front matter source {km.group(1)}", i + 2,
                                   f"legal source {km.group(1)} (front matter)", None, span))

    # ---- block level -----------------------------------------------------

    def run(self) -> list[Unit]:
        start = self.front_matter()
        line_no = self.source.count("\n", 0, start) + 1
        lines = []
        off = start
        for no, text in enumerate(self.source[start:].split("\n"), start=line_no):
            lines.append(_Line(no, off, text.rstrip("\r")))
            off += len(text) + 1
        self.parse(lines, _Container(_Where()))
        return self.units

    def parse(self, lines: list[_Line], container: _Container) -> None:
        """Parse (a chunk of) a container's content: cut into blocks, process each."""
        saved = self.context, self.skip
        self.context, self.skip = container.context, container.skip
        blocks = self.blocks(lines)
        while blocks:
            self.block(blocks, container)
        self.context, self.skip = saved

    def child(self, where: _Where, kind: str = "box") -> _Container:
        return _Container(where, kind=kind, context=self.context, skip=self.skip)

    def blocks(self, lines: list[_Line]) -> list[list[_Line]]:
        """Cut lines into blank-separated blocks; fences, HTML and math stay whole."""
        blocks: list[list[_Line]] = []
        current: list[_Line] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            if line.chunk_break:
                if current:
                    blocks.append(current)
                    current = []
                blocks.append([])  # sentinel, see _Line.chunk_break
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
    def _fence_end(lines: list[_Line], i: int, fence: str) -> int | None:
        prefix_len = len(lines[i].text) - len(lines[i].text.lstrip(" \t>"))
        closing = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        for j in range(i + 1, len(lines)):
            text = lines[j].text
            body = text[prefix_len:] if len(text) >= prefix_len else text
            if closing.match(body.lstrip(" \t>")) and len(text) - len(text.lstrip(" \t>")) <= prefix_len + 3:
                return j + 1
        return None  # never closed: not a fence

    def _at_line_start(self, line: _Line) -> bool:
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

    def _opaque_end(self, lines: list[_Line], i: int) -> int:
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

    def take_indented(self, blocks: list[list[_Line]]) -> list[_Line]:
        """Pop the indented blocks that follow a footnote definition.

        Like Python-Markdown's ``detectTabbed``: each block ends at its first
        unindented line, which starts a new block, and the search stops at a
        new parse (``_Line.chunk_break``).
        """
        body: list[_Line] = []
        while blocks and blocks[0] and _indented(blocks[0][0]):
            block = blocks.pop(0)
            n = 0
            while n < len(block) and _indented(block[n]):
                n += 1
            if n < len(block):
                blocks.insert(0, block[n:])
                block = block[:n]
            if body:
                body.append(_Line(block[0].no, block[0].off, ""))
            body.extend(block)
        return [line.dedent(4) for line in body]

    def block(self, blocks: list[list[_Line]], container: _Container) -> None:
        block = blocks.pop(0)
        if not block:
            return
        where = container.where
        sibling, paragraph = container.last, container.last_paragraph
        # most blocks leave an element that is not a list, admonition or
        # definition list; the handlers below set these when they do
        container.last = container.last_paragraph = None
        first = block[0]
        text = first.text
        empty, container.started = not container.started, True

        # author directives: <!-- i18n-context: x --> / <!-- i18n-skip -->
        directive = _I18N_SKIP.match(text.strip()) or _I18N_CONTEXT.match(text.strip())
        if len(block) == 1 and directive:
            if blocks and blocks[0]:
                saved = self.context, self.skip
                if "ctx" in directive.groupdict():
                    self.context = directive.group("ctx")
                else:
                    self.skip = True
                self.block(blocks, container)
                self.context, self.skip = saved
            return

        if _indented(first):
            if sibling is None or sibling.kind == "quote" or (sibling.lazy and self.detabbed):
                return  # indented code
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
                while n < len(block) and (block[n].blank or block[n].indent >= indent):
                    n += 1
                if n < len(block):
                    blocks.insert(0, block[n:])
                self.parse([line.dedent(indent) for line in block[:n]], target)
                return
            # ListIndentProcessor: each 4 spaces go one list deeper, as far
            # as the last items nest
            target, level = sibling, 1
            nestable = ("li",) if sibling.kind == "li" else ("li", "dd")
            while first.indent // 4 > level and target.last is not None \
                    and target.last.kind in nestable:
                target, level = target.last, level + 1
            saved, self.detabbed = self.detabbed, True
            self.parse([line.dedent(4 * level) for line in block], target)
            self.detabbed = saved
            return

        stripped = text.lstrip(" \t>")
        fence = _FENCE.match(stripped)
        if fence and self._fence_end(block, 0, fence.group("fence")) is not None:
            if _QUOTE.match(text):
                # a fence inside a quote: the quote goes on (a later "> " block
                # continues it, and whatever the fence sits in, a list item say)
                same = sibling if sibling is not None and sibling.kind == "quote" else None
                container.last = self.blockquote(block, where, same)
            return
        at_line_start = self._at_line_start(first)
        if (at_line_start and _HTML_COMMENT.match(text)) or _MATH.match(text.lstrip()):
            return
        if at_line_start and self._html_tag(text):
            self.html_block(block, where)
            return
        # The constructs below are each recognised by the first character of a line (after
        # up to three spaces): a block without that character anywhere skips the search.
        firsts = {line.text.lstrip()[:1] for line in block}
        # processors that search the whole block, in Python-Markdown's order
        for i, line in enumerate(block if not firsts.isdisjoint("!?=") else ()):
            for pattern, handler in ((_ADMONITION, self.admonition), (_DETAILS, self.details),
                                     (_TAB, self.tab)):
                m = pattern.match(line.text)
                if m:
                    self._before(block[:i], blocks, container)
                    rest = block[i + 1:]
                    body = [l for l in rest if _indented(l)]
                    n = 0
                    while n < len(rest) and _indented(rest[n]):
                        n += 1
                    body, after = rest[:n], rest[n:]
                    if after:
                        blocks.insert(0, after)
                    body = [l.dedent(4) for l in body]
                    container.last = handler(line, m, body, where)
                    return
        if self.table(block, blocks, where):
            return
        for i, line in enumerate(block if "#" in firsts else ()):
            m = _ATX.match(line.text)
            if m:
                self._before(block[:i], blocks, container)
                if block[i + 1:]:
                    blocks.insert(0, block[i + 1:])
                self.atx_heading(line, m)
                return
        if len(block) > 1 and _SETEXT_UNDERLINE.match(block[1].text):
            if block[2:]:
                blocks.insert(0, block[2:])
            self.heading(block[0], block[0].text.rstrip(), 1 if block[1].text.startswith("=") else 2)
            return
        for i, line in enumerate(block if not firsts.isdisjoint("-_*") else ()):
            if _HR.match(line.text):
                self._before(block[:i], blocks, container)
                if block[i + 1:]:
                    blocks.insert(0, block[i + 1:])
                return
        if _LIST_ITEM.match(text):
            container.last = self.list(block, where)
            return
        for i, line in enumerate(block if ">" in firsts else ()):
            if _QUOTE.match(line.text):
                self._before(block[:i], blocks, container)
                # a block that starts with ">" right after a quote continues it
                same = sibling if not i and sibling is not None and sibling.kind == "quote" \
                    else None
                container.last = self.blockquote(block[i:], where, same)
                return
        for i, line in enumerate(block if "[" in firsts else ()):
            if _FOOTNOTE.match(line.text):
                self._before(block[:i], blocks, container)
                if not i:  # a footnote definition leaves no element here
                    container.last, container.last_paragraph = sibling, paragraph
                    container.started = not empty
                self.footnote(block[i:], blocks)
                return
        for i, line in enumerate(block if "*" in firsts else ()):
            m = _ABBR.match(line.text)
            if m:
                self._before(block[:i], blocks, container)
                if not i:  # nor does an abbreviation
                    container.last, container.last_paragraph = sibling, paragraph
                    container.started = not empty
                if block[i + 1:]:
                    blocks.insert(0, block[i + 1:])
                self.add_text(m.group("title"), line.off + m.start("title"), line.no,
                              "abbreviation", f'abbreviation "{m.group("abbr")}" (expansion)')
                return
        for i, line in enumerate(block if ":" in firsts else ()):
            if _DEFINITION.match(line.text):
                if not i and empty:
                    break  # no term and nothing before it: a paragraph (DefListProcessor)
                container.last = self.definition(block, i, blocks, where,
                                                 None if i else paragraph)
                return
        for i, line in enumerate(block if "[" in firsts else ()):
            if _REFERENCE.match(line.text):
                self._before(block[:i], blocks, container)
                if not i:  # nor does a link reference definition
                    container.last, container.last_paragraph = sibling, paragraph
                    container.started = not empty
                if block[i + 1:]:
                    blocks.insert(0, block[i + 1:])
                return
        container.last_paragraph = self.paragraph(block, where)

    def _before(self, lines: list[_Line], blocks: list[list[_Line]],
                container: _Container) -> None:
        """Process the lines of a block that come before a splitting construct."""
        if lines:
            self.block([lines], container)

    # ---- leaf blocks -----------------------------------------------------

    def paragraph(self, block: list[_Line], where: _Where) -> tuple[int, list[_Line]] | None:
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

    def atx_heading(self, line: _Line, m: re.Match) -> None:
        text = m.group("text")
        lead = len(text) - len(text.lstrip())
        self.heading(line.cut(m.start("text") + lead), text.strip(), len(m.group(1)))

    def heading(self, line: _Line, text: str, level: int) -> None:
        attrs = None
        heading_id = None
        am = _TRAILING_ATTR.search(text)
        if am:
            attrs = (line.off + am.start(1), line.off + am.end(1))
            idm = _ATTR_ID.search(am.group(2))
            heading_id = idm.group(1) if idm else None
            text = text[:am.start()]
        self.add([_Line(line.no, line.off, text)], "heading", f"heading {level}",
                 heading_level=level, heading_id=heading_id, heading_attrs=attrs,
                 in_footnote=self.in_footnote)

    def table(self, block: list[_Line], blocks: list[list[_Line]], where: _Where) -> bool:
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

    # ---- containers ------------------------------------------------------

    def admonition(self, line: _Line, m: re.Match, body: list[_Line],
                   where: _Where) -> _Container:
        kind = m.group("type").split()[0].lower()
        if m.group("title"):
            self.add_text(m.group("title"), line.off + m.start("title"), line.no,
                          "admonition title", f"admonition: {kind} (title)")
        inner = self.child(_Where("admonition", f"admonition: {kind}"))
        self.parse(body, inner)
        return inner

    def details(self, line: _Line, m: re.Match, body: list[_Line], where: _Where) -> _Container:
        kind = (m.group("type") or m.group("type2") or "note").split()[0].lower()
        if m.group("title"):
            self.add_text(m.group("title"), line.off + m.start("title"), line.no,
                          "details title", f"details: {kind} (title)")
        inner = self.child(_Where("admonition", f"details: {kind}"))
        self.parse(body, inner)
        return inner

    def tab(self, line: _Line, m: re.Match, body: list[_Line], where: _Where) -> _Container:
        self.add_text(m.group("title"), line.off + m.start("title"), line.no,
                      "tab label", "tab label")
        inner = self.child(where)
        self.parse(body, inner)
        return inner

    def blockquote(self, block: list[_Line], where: _Where,
                   quote: _Container | None) -> _Container:
        inner = []
        for line in block:
            m = _QUOTE.match(line.text)
            if line.text.strip() == ">":
                inner.append(_Line(line.no, line.off + len(line.text), ""))
            elif m:
                inner.append(line.cut(m.end()))
            else:
                inner.append(line)  # lazy continuation
        saved, self.detabbed = self.detabbed, False
        if quote is None:
            quote = self.child(_Where("blockquote", "blockquote"), "quote")
        self.parse(inner, quote)
        self.detabbed = saved
        return quote

    def list(self, block: list[_Line], where: _Where) -> _Container:
        # Python-Markdown's OListProcessor.get_items: a marker line starts an
        # item, a marker indented 4-7 spaces nests, anything else continues.
        items: list[list[_Line]] = []
        for line in block:
            if _LIST_NESTED.match(line.text) and items:
                # a nested item is parsed apart from the item's own text
                # (Python-Markdown hands it to ListIndentProcessor)
                items[-1].append(_Line(line.no, line.off, "", True))
                items[-1].append(line)
            elif _LIST_ITEM.match(line.text):
                m = _LIST_ITEM.match(line.text)
                items.append([line.cut(m.end())])
            elif items:
                items[-1].append(line)
        item_where = _Where("list item", "list item" if where.comment == "paragraph"
                            else f"list item ({where.comment})")
        inner = None
        saved, self.detabbed = self.detabbed, False
        for item in items:
            lines = [item[0]] + [l.dedent(4) if _indented(l) else l for l in item[1:]]
            inner = self.child(item_where, kind="li")
            self.parse(lines, inner)
        self.detabbed = saved
        return inner  # blocks indented 4+ after the list belong to its last item

    def footnote(self, block: list[_Line], blocks: list[list[_Line]]) -> None:
        line = block[0]
        m = _FOOTNOTE.match(line.text)
        rest = block[1:]
        n = 0
        while n < len(rest) and not _FOOTNOTE.match(rest[n].text):
            n += 1
        body_lines, after = rest[:n], rest[n:]
        if after:
            blocks.insert(0, after)
        first = [line.cut(m.end())] + [l.dedent(4) if _indented(l) else l for l in body_lines]
        # the following indented blocks are part of the footnote, and
        # Python-Markdown parses them together with its first paragraph
        more = self.take_indented(blocks) if not after else []
        if more:
            first = first + [_Line(more[0].no, more[0].off, "")] + more
        saved, self.in_footnote = self.in_footnote, True
        self.parse(first, self.child(_Where("footnote", "footnote")))
        self.in_footnote = saved

    def definition(self, block: list[_Line], i: int, blocks: list[list[_Line]],
                   where: _Where, paragraph: tuple[int, list[_Line]] | None) -> _Container:
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
        while n < len(rest) and _indented(rest[n]):
            n += 1
        body, after = rest[:n], rest[n:]
        if after:
            blocks.insert(0, after)
        lines = [line.cut(m.end())] + [l.dedent(4) for l in body]
        inner = self.child(_Where("definition", "definition of term"), kind="dd")
        self.parse(lines, inner)
        return inner

    def term(self, line: _Line) -> None:
        text = line.text.rstrip()
        am = _TRAILING_ATTR.search(text)
        if am:
            text = text[:am.start()]
        self.add([_Line(line.no, line.off, text)], "term", "definition list term")

    def html_block(self, block: list[_Line], where: _Where) -> None:
        """Skip raw HTML, but parse the content of md_in_html ``markdown`` blocks."""
        first = block[0]
        m = _HTML_OPEN.match(first.text)
        if not m or not _MD_ATTR.search(m.group("attrs") or ""):
            return
        tag = m.group("tag")
        open_end = first.text.find(">", m.end("tag"))
        if open_end < 0:
            return
        inner: list[_Line] = []
        rest = first.cut(open_end + 1)
        if rest.text.strip():
            inner.append(rest)
        inner.extend(block[1:])
        if inner:
            last = inner[-1]
            close = re.search(rf"</{tag}\s*>\s*$", last.text, re.I)
            if close:
                cut = _Line(last.no, last.off, last.text[:close.start()])
                inner[-1] = cut
        self.parse(inner, self.child(where))


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


def segment(source: str) -> list[Unit]:
    """Return the translatable units of *source* in document order.

    *source* is expected in the normal form every reader gives (:mod:`mdbabel.textnorm`:
    LF line ends, NFC): the units' spans are offsets into it, and their texts are msgids,
    so a page saved with CRLF or in NFD gives the same units only through that form."""
    units = _Segmenter(source).run()
    return sorted(units, key=lambda u: u.span.start)
