"""The patterns of the Markdown dialect's blocks (copied from the Python-Markdown / pymdownx
processors they mirror), and what counts as text worth translating (:func:`is_translatable`)."""

from __future__ import annotations

import re

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

