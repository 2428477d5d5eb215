"""Compare the HTML a translation renders to with the HTML its source renders to.

Both are parsed by html5lib, a parser that follows the WHATWG HTML standard (``<svg/onload=x>``
is an ``svg`` element with an ``onload`` attribute, as a browser reads it). The translation may
use only what the source's rendering has:

- the same block structure (block elements and their nesting);
- no element the source lacks (``br`` excepted where the unit may hold a line break);
- no attribute the source lacks on that element, and for attributes other than the free texts
  ``alt`` and ``title`` no value the source lacks;
- the same link and image targets, as multisets; every URL of an allowed scheme and of a host
  the source names;
- the same inline code, as a multiset.

As a last line, nh3 (ammonia) cleans the translation with an allow-list made of the source's
elements, attributes and schemes; anything it would remove is reported too (a second,
independent HTML parser over the same text).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from xml.etree import ElementTree

import html5lib
import nh3

from .urls import ALLOWED_SCHEMES, parse_url

__all__ = ["Summary", "summarise", "compare"]

#: Attributes whose value is free text (a translation rewrites it).
FREE_TEXT_ATTRIBUTES = frozenset({"alt", "title"})
#: Elements that do not make block structure.
INLINE_ELEMENTS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i", "img",
    "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
    "var", "wbr"})
_FIX = "or leave the entry untranslated"


@dataclass
class Summary:
    """What a rendering is made of."""

    elements: Counter = field(default_factory=Counter)        # tag -> count
    attributes: dict = field(default_factory=dict)            # (tag, name) -> set of values
    urls: list = field(default_factory=list)                  # (tag, name, value)
    code: list = field(default_factory=list)                  # texts of <code>
    blocks: tuple = ()                                        # nested (tag, children)
    text: list = field(default_factory=list)                  # text nodes, in order


def _parse(html: str) -> ElementTree.Element:
    return html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)


_NAMESPACES = {"http://www.w3.org/2000/svg": "svg", "http://www.w3.org/1998/Math/MathML": "math"}


def _tag(element: ElementTree.Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # a comment
        return "#comment"
    if tag.startswith("{"):  # svg or math: html5lib names the namespace
        namespace, _, local = tag[1:].partition("}")
        return f"{_NAMESPACES.get(namespace, namespace)}:{local}"
    return tag


#: Attributes whose value a browser reads as a URL (or a list of URLs).
URL_ATTRIBUTES = frozenset({
    "href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background",
    "longdesc", "ping", "icon", "manifest", "codebase", "usemap", "lowsrc", "dynsrc", "profile",
    "archive", "classid", "itemtype", "xmlns"})


def _is_url_attribute(name: str) -> bool:
    # foreign attributes come namespaced: "{http://www.w3.org/1999/xlink}href"
    return name.rsplit("}", 1)[-1].lower() in URL_ATTRIBUTES


def summarise(html: str) -> Summary:
    """Elements, attributes, URLs, code texts and block tree of *html*."""
    summary = Summary()
    root = _parse(html)
    # an explicit stack: a deeply nested rendering must not exhaust Python's recursion
    top: list = []
    stack = [(child, top) for child in reversed(list(root))]
    if root.text:
        summary.text.append(root.text)
    while stack:
        element, siblings = stack.pop()
        tag = _tag(element)
        if tag == "#comment":
            if element.tail:
                summary.text.append(element.tail)
            continue
        summary.elements[tag] += 1
        for name, value in element.attrib.items():
            name = name if isinstance(name, str) else str(name)
            summary.attributes.setdefault((tag, name), set()).add(value)
            if _is_url_attribute(name):
                summary.urls.append((tag, name, value))
        if tag == "code":
            summary.code.append("".join(element.itertext()))
        if tag in INLINE_ELEMENTS:
            children = siblings
        else:
            summary.text.append("\n")  # figures in two blocks are two figures
            children = []
            siblings.append((tag, children))
        if element.text:
            summary.text.append(element.text)
        # the tail comes after the children: pushed first
        if element.tail:
            stack.append((_Tail(element.tail), siblings))
        stack.extend((child, children) for child in reversed(list(element)))
    summary.blocks = _freeze(top)
    return summary


class _Tail:
    """Text after an element, visited in document order by :func:`summarise`."""

    tag = "#comment"
    attrib: dict = {}

    def __init__(self, text: str) -> None:
        self.tail = text


def _freeze(blocks: list) -> tuple:
    """The block tree as nested tuples, built without recursion."""
    # post-order: children frozen before their parent
    order, stack = [], [(None, blocks)]
    while stack:
        tag, children = stack.pop()
        order.append((tag, children))
        stack.extend(children)
    frozen: dict[int, tuple] = {}
    for _tag, children in reversed(order):
        frozen[id(children)] = tuple((t, frozen[id(c)]) for t, c in children)
    return frozen[id(blocks)]


def _shape(blocks: tuple) -> str:
    """A short description of a block tree: "p, ul(li, li)"."""
    out = [tag + ("(…)" if children else "") for tag, children in blocks[:6]]
    return ", ".join(out) + (", …" if len(blocks) > 6 else "")


def compare(source: Summary, target: Summary, *, line_breaks: bool,
            target_html: str, blocks: bool = True) -> list[str]:
    """Problems of the translation's rendering *target* against the source's *source*."""
    problems: list[str] = []
    allowed = set(source.elements) | ({"br"} if line_breaks else set())
    for tag in target.elements:
        if tag not in allowed:
            problems.append(f'translation makes a "<{tag}>" element, which the source does not '
                            f"have; remove the markup that makes it (HTML, Markdown syntax) {_FIX}")
    for (tag, name), values in target.attributes.items():
        if tag not in allowed:
            continue
        have = source.attributes.get((tag, name))
        if have is None:
            problems.append(f'translation gives "<{tag}>" an attribute "{name}", which the '
                            f"source does not have; remove it {_FIX}")
        elif name not in FREE_TEXT_ATTRIBUTES and not _is_url_attribute(name) \
                and not values <= have:
            value = sorted(values - have)[0]
            problems.append(f'translation sets "{name}" of "<{tag}>" to "{_short(value)}", '
                            f"which the source does not; keep the source's value {_FIX}")
    problems += _compare_urls(source, target)
    if blocks and not problems and source.blocks != target.blocks:
        problems.append(f"translation renders as {_shape(target.blocks)} where the source "
                        f"renders as {_shape(source.blocks)}: its Markdown makes a new block "
                        "(heading, list, table, quote, code, admonition) or splits one; reword "
                        "it, or escape the character that starts the block with a backslash")
    missing = Counter(source.code) - Counter(target.code)
    extra = Counter(target.code) - Counter(source.code)
    problems += [f'translation drops or changes inline code `{_short(code)}`; copy the code '
                 f"span exactly {_FIX}" for code in missing]
    problems += [f'translation adds inline code `{_short(code)}` that the source does not '
                 f"have; remove it {_FIX}" for code in extra if "mdbabel" not in code]
    if not problems:  # a dropped link or code is named above by its target or text
        for tag in source.elements:
            if tag not in target.elements and tag not in ("br", "#comment"):
                problems.append(f'translation drops the "<{tag}>" element of the source; keep '
                                f"the markup (HTML or Markdown) that makes it {_FIX}")
    if not problems:
        problems += _sanitiser(source, target, target_html)
    return problems


def _compare_urls(source: Summary, target: Summary) -> list[str]:
    problems = []
    hosts = {parse_url(value).host for _, _, value in source.urls}
    for _, _name, value in target.urls:
        url = parse_url(value)
        if not url.allowed:
            problems.append(f'translation has the URL "{_short(value)}" ({url.scheme}:), a '
                            "scheme that is not allowed (only http, https, mailto, tel, "
                            f"relative links and #fragments); remove it {_FIX}")
        elif url.host and url.host not in hosts:
            problems.append(f'translation points to "{_short(url.host)}", a host the source '
                            f"does not name; keep the links of the source {_FIX}")
    if problems:
        return problems
    src = Counter((name, value) for _, name, value in source.urls)
    dst = Counter((name, value) for _, name, value in target.urls)
    for (name, value), _count in (src - dst).items():
        what = _what(name, value)
        shown = _short(_shown(value))
        if what == "footnote reference":
            problems.append(f'translation drops footnote reference "{shown}"; keep the '
                            f"reference unchanged {_FIX}")
            continue
        if what == "image":
            problems.append(f'translation drops image "{shown}"; keep the image and its source '
                            f"unchanged {_FIX}")
            continue
        if what == "reference link":
            problems.append(f'translation drops the reference link "{shown}", defined on the '
                            f'page; keep "{shown}" or write "[translated text]{shown}" {_FIX}')
            continue
        problems.append(f'translation drops {what} "{shown}"; keep the {what} target '
                        f"unchanged {_FIX}")
    for (name, value), _count in (dst - src).items():
        what = _what(name, value)
        problems.append(f'translation has {what} "{_short(_shown(value))}" that the source does '
                        f"not have; keep the {what} targets of the source {_FIX}")
    return problems


def _what(name: str, value: str) -> str:
    from .render import reference_url

    if value.startswith("#fn:"):
        return "footnote reference"
    if value.startswith(reference_url("")):
        return "reference link"
    return "image" if name == "src" else "link"


def _shown(value: str) -> str:
    """A URL as a message shows it; a page's reference label as the reader wrote it."""
    from urllib.parse import unquote

    from .render import reference_url

    prefix = reference_url("")
    if value.startswith("#fn:"):
        return f"[^{value[4:]}]"
    return f"[{unquote(value[len(prefix):])}]" if value.startswith(prefix) else f"({value})"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _sanitiser(source: Summary, target: Summary, target_html: str) -> list[str]:
    """nh3 (ammonia, whose parser is html5ever) over the translation: allowed only what the
    source has, it must keep every element it would keep with its own broad allow-list, and
    as many elements and URLs as html5lib saw."""
    tags = {tag for tag in source.elements if ":" not in tag and tag != "#comment"} | {"br"}
    attributes: dict[str, set[str]] = {}
    for (tag, name) in source.attributes:
        if tag in tags and isinstance(name, str) and "}" not in name:
            attributes.setdefault(tag, set()).add(name)
    schemes = {scheme for scheme in ALLOWED_SCHEMES if scheme}
    broad_attributes = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag, names in attributes.items():
        broad_attributes.setdefault(tag, set()).update(names)
    restricted = nh3.clean(target_html, tags=tags, attributes=attributes, url_schemes=schemes,
                           link_rel=None, strip_comments=True, clean_content_tags=set())
    broad = nh3.clean(target_html, tags=set(nh3.ALLOWED_TAGS) | tags, attributes=broad_attributes,
                      link_rel=None, strip_comments=True, clean_content_tags=set())
    # ammonia keeps no SVG or MathML: only HTML elements are counted
    seen = sum(count for tag, count in target.elements.items()
               if tag != "#comment" and ":" not in tag)
    urls = sum(1 for tag, name, _ in target.urls if name in ("href", "src") and ":" not in tag)
    if not (_elements(restricted) == _elements(broad) == seen
            and _urls(restricted) == _urls(broad) == urls):
        return ["translation has markup that the HTML sanitiser removes (an element, attribute "
                f"or URL the source does not have); remove it {_FIX}"]
    return []


def _elements(cleaned: str) -> int:
    """Elements in ammonia's output: it escapes "<" in text and drops comments, so each "<"
    opens or closes an element."""
    return cleaned.count("<") - cleaned.count("</")


def _urls(cleaned: str) -> int:
    return cleaned.count(' href="') + cleaned.count(' src="')
