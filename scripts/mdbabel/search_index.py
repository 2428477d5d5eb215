"""Per-language search index: plain text from rendered HTML, index entries, accent folding.

Pure: no MkDocs import. The MkDocs adapter is ``search_plugin.py``; the browser side is
``assets/search.js``, which folds text with the same rule as :func:`fold`.

Index file (one per language, e.g. ``search/vi.json``)::

    {"version": 1, "lang": "vi",
     "pages": [{"url": "guides/x/", "title": "Bảo hiểm thất nghiệp",
                "sections": [{"title": "", "anchor": "", "text": "intro ..."},
                             {"title": "Mức hưởng", "anchor": "muc-huong", "text": "..."}]}]}

``url`` is relative to the site root (the same form as MkDocs' ``page.url``); the first
section is the text before the first sub-heading, with an empty anchor (top of the page).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

INDEX_FORMAT_VERSION = 1

#: Default caps: enough to find a page by what it is about while keeping the index of an
#: 800-page language well under a megabyte compressed.
DEFAULT_MAX_SECTION_CHARS = 1500
DEFAULT_MAX_PAGE_CHARS = 6000


# The combining-diacritics blocks (U+0300-036F and its supplements). Written out rather than
# unicodedata.combining() so that search.js can use the very same class in a RegExp.
COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Fold text for accent-insensitive matching.

    NFD, drop combining marks, đ/Đ -> d, lowercase: ``"Đóng bảo hiểm"`` -> ``"dong bao hiem"``.
    ``assets/search.js`` applies the same rule to the index and to the query.
    """
    without_marks = COMBINING_MARKS.sub("", unicodedata.normalize("NFD", text))
    return without_marks.replace("đ", "d").replace("Đ", "d").lower()


@dataclass
class Section:
    """A part of a page under one heading (the first one has no heading: the page top)."""

    title: str = ""
    anchor: str = ""
    text: str = ""


# Tags whose text never belongs in the index.
_SKIPPED_TAGS = frozenset({"script", "style", "svg", "template", "noscript", "button", "head"})
# Inline tags: their boundaries do not separate words ("bảo <b>hiểm</b>" stays one phrase).
_INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i",
        "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
        "time", "u", "var",
    }
)
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SPACES = re.compile(r"\s+")


def _lang_matches(element_lang: str, page_lang: str) -> bool:
    element_lang = element_lang.strip().lower().replace("_", "-")
    page_lang = page_lang.lower().replace("_", "-")
    if not element_lang:
        return True
    return element_lang.split("-")[0] == page_lang.split("-")[0]


#: Elements with one of these classes are left out: Material's heading permalinks ("¶") and
#: the translation notice of the mdbabel templates (the same sentence on many pages).
DEFAULT_SKIP_CLASSES = frozenset({"headerlink", "mdbabel-notice"})


class _SectionParser(HTMLParser):
    """Collects sections from rendered page content; see :func:`extract_sections`."""

    def __init__(self, lang: str | None, skip_classes=DEFAULT_SKIP_CLASSES):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.skip_classes = frozenset(skip_classes)
        self.h1_seen = False
        self.h1_text: str | None = None
        self.sections: list[Section] = [Section()]
        self._text: list[list[str]] = [[]]
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self._heading: tuple[str, str, list[str]] | None = None  # (tag, anchor, parts)

    @property
    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def _is_skipped(self, tag: str, attrs: dict[str, str | None]) -> bool:
        classes = (attrs.get("class") or "").split()
        if tag in _SKIPPED_TAGS or self.skip_classes.intersection(classes):
            return True
        if "data-search-exclude" in attrs:
            return True
        # Text left in another language (untranslated paragraph marked lang="vi" on an
        # English page) must not make the page a hit for a query in that language.
        lang = attrs.get("lang")
        return self.lang is not None and lang is not None and not _lang_matches(lang, self.lang)

    def _emit(self, text: str) -> None:
        if self._heading is not None:
            self._heading[2].append(text)
        else:
            self._text[-1].append(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in _VOID_TAGS:
            if not self._skipping and tag not in ("wbr",):
                self._emit(" ")
            return
        skipped = self._skipping or self._is_skipped(tag, attributes)
        self._stack.append((tag, skipped))
        if tag == "h1":
            self.h1_seen = True
        if skipped:
            return
        if tag in _HEADING_TAGS and self._heading is None:
            self._heading = (tag, attributes.get("id") or "", [])
        elif tag not in _INLINE_TAGS:
            self._emit(" ")

    def handle_startendtag(self, tag, attrs):
        if not self._skipping and tag not in _INLINE_TAGS:
            self._emit(" ")

    def handle_endtag(self, tag):
        if not any(open_tag == tag for open_tag, _ in self._stack):
            return  # stray end tag
        while self._stack:
            open_tag, skipped = self._stack.pop()
            if open_tag == tag:
                break
        else:
            skipped = True
        if skipped:
            return
        if self._heading is not None and tag == self._heading[0]:
            heading_tag, anchor, parts = self._heading
            self._heading = None
            title = _clean("".join(parts))
            if heading_tag == "h1":
                # The page title: kept apart (the entry's title), not repeated in the text.
                if self.h1_text is None:
                    self.h1_text = title
            elif not anchor:
                self._emit(" " + title + " ")  # a heading nobody can link to stays text
            else:
                self.sections.append(Section(title=title, anchor=anchor))
                self._text.append([])
        elif tag not in _INLINE_TAGS:
            self._emit(" ")

    def handle_data(self, data):
        if not self._skipping:
            self._emit(data)

    def result(self) -> list[Section]:
        for section, parts in zip(self.sections, self._text):
            section.text = _clean("".join(parts))
        return self.sections


# A tokenizer for the markup MkDocs writes, several times faster than HTMLParser's. It takes
# only what it can read exactly as HTMLParser does (this Python's and later ones): start and
# end tags with plain names and attributes, comments without "--" inside, and text with no
# "<" in it. Anything else (a stray "<", a doctype, CDATA, a script or another element whose
# content is raw text in HTML) makes it give up on the page, which HTMLParser then reads.
_WS = "[ \t\n\r\f]"
# one attribute: name, then the value double-quoted, single-quoted or bare (groups 1 to 4)
_ATTRIBUTE = (f"{_WS}+([a-zA-Z_:][-a-zA-Z0-9_:.]*)"
              f"(?:{_WS}*={_WS}*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`/]+)))?")
_TOKEN = re.compile(
    f"<!--(?![->])(?:(?!--).)*-->"
    f"|<(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:{_ATTRIBUTE})*){_WS}*(?P<closed>/?)>"
    f"|</(?P<end>[a-zA-Z][a-zA-Z0-9-]*){_WS}*>",
    re.S,
)
_ATTRIBUTE_PARTS = re.compile(_ATTRIBUTE)
_RAW_TEXT_TAGS = frozenset({"script", "style", "textarea", "title", "iframe", "noembed",
                            "noframes", "xmp", "plaintext"})


def _attributes(text: str) -> list[tuple[str, str | None]]:
    """Name and value of each attribute (None: no value), as HTMLParser gives them."""
    result = []
    for match in _ATTRIBUTE_PARTS.finditer(text):
        name, double, single, bare = match.groups()
        value = double if double is not None else single if single is not None else bare
        result.append((name.lower(), unescape(value) if value else value))
    return result


def _html_events(html: str) -> list[tuple] | None:
    """The calls HTMLParser (convert_charrefs=True) would make for *html*, or None when it
    has something this tokenizer does not read (see above)."""
    events: list[tuple] = []
    position = 0
    for match in _TOKEN.finditer(html):
        start = match.start()
        if start > position:
            text = html[position:start]
            if "<" in text:
                return None
            events.append(("data", unescape(text) if "&" in text else text))
        position = match.end()
        tag = match.group("tag")
        if tag is not None:
            tag = tag.lower()
            # raw text is read by HTMLParser's own rules; an empty element (a script that
            # only names its file) has none, and its end tag comes next
            if tag in _RAW_TEXT_TAGS and not html.startswith(f"</{tag}>", match.end()):
                return None
            attrs = _attributes(match.group("attrs")) if match.group("attrs") else []
            events.append(("startend" if match.group("closed") else "start", tag, attrs))
        elif match.group("end") is not None:
            events.append(("end", match.group("end").lower()))
        # else a comment: HTMLParser calls handle_comment, which the section parser ignores
    rest = html[position:]
    if rest:
        if "<" in rest:
            return None
        events.append(("data", unescape(rest) if "&" in rest else rest))
    return events


def _feed(parser: HTMLParser, html: str) -> None:
    """Feed *html* to *parser*: through the fast tokenizer when it can, else HTMLParser."""
    events = _html_events(html)
    if events is None:
        parser.feed(html)
        parser.close()
        return
    for event in events:
        kind = event[0]
        if kind == "data":
            parser.handle_data(event[1])
        elif kind == "start":
            parser.handle_starttag(event[1], event[2])
        elif kind == "end":
            parser.handle_endtag(event[1])
        else:
            parser.handle_startendtag(event[1], event[2])


def _clean(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _truncate(text: str, limit: int) -> str:
    """Cut at a word boundary at most ``limit`` characters long."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


@dataclass
class PageText:
    """What the index keeps of one rendered page."""

    title: str | None  # text of the page's h1 in the page language; None when there is none
    sections: list[Section]
    title_in_other_language: bool  # an h1 exists but none of it is in the page language

    @property
    def shown_in_other_language(self) -> bool:
        """Nothing of the page is in the page language: neither its h1 nor any text.

        (A translated page whose title alone is untranslated keeps its place in the index.)
        The site's own blocks under the content (``mdbabel-`` anchors: the sources' heading)
        are interface text in the reader's language on every page, not the page's text.
        """
        return self.title_in_other_language and not any(
            s.title or s.text for s in self.sections if not s.anchor.startswith("mdbabel-"))


def extract_page(
    html: str,
    lang: str | None = None,
    *,
    max_section_chars: int = DEFAULT_MAX_SECTION_CHARS,
    max_page_chars: int = DEFAULT_MAX_PAGE_CHARS,
    skip_classes=DEFAULT_SKIP_CLASSES,
) -> PageText:
    """Title and sections of rendered page content; see :func:`extract_sections`.

    ``shown_in_other_language`` tells that the page is shown in another language (e.g. an
    untranslated page published under /en/ inside ``<div lang="vi">``): such a page does not
    belong in the index of ``lang``.
    """
    parser = _SectionParser(lang, skip_classes)
    _feed(parser, html)
    sections = parser.result()
    budget = max_page_chars
    for section in sections:
        section.text = _truncate(section.text, max(0, min(max_section_chars, budget)))
        budget -= len(section.text)
    sections = [s for i, s in enumerate(sections) if i == 0 or s.title or s.text]
    title = parser.h1_text or None
    return PageText(title, sections, parser.h1_seen and title is None)


def extract_sections(
    html: str,
    lang: str | None = None,
    *,
    max_section_chars: int = DEFAULT_MAX_SECTION_CHARS,
    max_page_chars: int = DEFAULT_MAX_PAGE_CHARS,
) -> list[Section]:
    """Split rendered page content into sections of plain text.

    A heading with an ``id`` (h2-h6) starts a section; the h1 (the page title, which the
    entry holds anyway) is left out. Skipped: scripts, styles, SVG, buttons, header permalinks (``¶``),
    elements with ``data-search-exclude``, and, when ``lang`` is given, elements whose ``lang``
    attribute names another language. Whitespace is collapsed and text NFC-normalised; each
    section's text is capped at ``max_section_chars`` and the page's at ``max_page_chars``
    (later sections keep their heading but lose their text once the page cap is reached).
    Sections with neither heading nor text are dropped, except the first.
    """
    return extract_page(
        html, lang, max_section_chars=max_section_chars, max_page_chars=max_page_chars
    ).sections


_ARTICLE = re.compile(
    r'<article\b[^>]*class="[^"]*\bmd-content__inner\b[^"]*"[^>]*>([\s\S]*)</article>'
)


def article_html(page_html: str) -> str | None:
    """The content part of a page rendered by Material (``<article class="md-content__inner">``).

    Taken from the finished page rather than from the Markdown output so that what templates
    add around the content (a ``lang`` wrapper on an untranslated page, the sources list)
    is seen as the reader sees it. None when the page has no such element.
    """
    match = _ARTICLE.search(page_html)
    return match.group(1) if match else None


@dataclass
class PageEntry:
    """One page of the index."""

    url: str
    title: str
    sections: list[Section] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "url": self.url,
            "title": _clean(self.title),
            "sections": [
                {"title": s.title, "anchor": s.anchor, "text": s.text} for s in self.sections
            ],
        }


def build_index(lang: str, pages: list[PageEntry]) -> dict:
    """The JSON-ready index of one language, pages in the given order."""
    return {
        "version": INDEX_FORMAT_VERSION,
        "lang": lang,
        "pages": [page.as_json() for page in pages],
    }


def dump_index(index: dict) -> str:
    """Compact, deterministic JSON (UTF-8 text, no ASCII escapes: smaller for Vietnamese)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
