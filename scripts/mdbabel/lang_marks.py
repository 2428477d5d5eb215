"""Interface text in another language than the page, marked so that it gets its own ``lang``.

An interface string that falls back (``mdbabel.languages``) is in another language than the
page around it, and screen readers need to know: every such text carries its own ``lang``.
Where it goes is only known once the page is written (a template may put it in an element,
an attribute, ``<title>`` or JSON), so the text is *marked* with three characters of Unicode's
private use area, which no escaping changes::

    U+E0F0 LANG U+E0F1 TEXT U+E0F2

and :func:`resolve` turns each mark in the finished HTML into ``<span lang="LANG">TEXT</span>``
where a ``span`` may stand (element content, the mark's start and end in the same element).
An image (``<img>``, ``<area>``: no content) whose text attributes (``alt``, ``title``,
``aria-label``) are each wholly marked with one same language gets that ``lang`` itself;
``<title>`` gets the language of its first letter when that is a marked one (a page title
that fell back, which the site name follows). Everywhere else, in other attribute values
(a field's, whose ``lang`` would be that of what the reader types), ``<script>``,
``<style>``, ``<textarea>`` or a comment, only the marks are
dropped: HTML cannot give an attribute a language of its own, so there the text stays as it
is and the element's ``lang`` stands. :func:`strip` drops every mark (text that is not HTML).
"""

from __future__ import annotations

import re

OPEN, SEPARATOR, CLOSE = "\ue0f0", "\ue0f1", "\ue0f2"

_LANG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")
_ANY_MARK = re.compile(f"{OPEN}[^{SEPARATOR}{OPEN}{CLOSE}<>]{{0,40}}{SEPARATOR}|{CLOSE}|{OPEN}")

# A comment, an element whose content is raw text (no child elements), a tag (attribute
# values may hold ">"), or text.
_TOKENS = re.compile(
    r"<!--.*?-->"
    r"|<(?P<raw>script|style|title|textarea)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>.*?</(?P=raw)\s*>"
    r"|<[A-Za-z/!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|[^<]+|<", re.S | re.I)
_MARK_IN_TEXT = re.compile(f"{OPEN}([^{SEPARATOR}{OPEN}{CLOSE}<>]{{0,40}}){SEPARATOR}|{CLOSE}")
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def mark(text: str, language: str) -> str:
    """*text* marked as written in *language* (a language code; anything else is not marked)."""
    if not _LANG.fullmatch(language):
        return text
    return f"{OPEN}{language}{SEPARATOR}{text}{CLOSE}"


def strip(text: str) -> str:
    """*text* without marks."""
    if OPEN not in text and CLOSE not in text:
        return text
    return _ANY_MARK.sub("", text)


def language_of(text: str) -> str | None:
    """The language of *text* when it is marked as a whole (one mark around all of it)."""
    if not (text.startswith(OPEN) and text.endswith(CLOSE)):
        return None
    language, _, rest = text[1:-1].partition(SEPARATOR)
    if not _LANG.fullmatch(language) or OPEN in rest or CLOSE in rest:
        return None
    return language


def resolve(html: str) -> str:
    """The marks of a finished HTML page as ``<span lang>`` where one may stand, else dropped.

    A mark becomes a span when its end is in the same element as its start (its text may
    hold whole elements, such as ``<time>``); a mark whose end is in another element, or that
    has no end, is dropped, so the result is never worse nested than the input.
    """
    if OPEN not in html and CLOSE not in html:
        return html
    out: list[str] = []
    # open marks: [index of their placeholder in out, language, element depth, still valid]
    stack: list[list] = []
    depth = 0
    for match in _TOKENS.finditer(html):
        token = match.group(0)
        if token.startswith("<") and len(token) > 1:
            if OPEN in token or CLOSE in token:
                token = _resolve_tag(token, match.group("raw"))
            if token.startswith("</"):
                depth -= 1
                for entry in stack:
                    if depth < entry[2]:
                        entry[3] = False
            elif not (match.group("raw") or token.startswith(("<!", "<?")) or token.endswith("/>")):
                name = _START_TAG.match(token)
                if name and name.group(1).lower() not in _VOID:
                    depth += 1
            out.append(token)
            continue
        if OPEN not in token and CLOSE not in token:
            out.append(token)
            continue
        position = 0
        for found in _MARK_IN_TEXT.finditer(token):
            out.append(token[position:found.start()])
            position = found.end()
            if found.group(0) == CLOSE:
                if not stack:
                    continue
                index, language, opened_at, valid = stack.pop()
                if valid and depth == opened_at and _LANG.fullmatch(language):
                    out[index] = f'<span lang="{language}">'
                    out.append("</span>")
            else:
                stack.append([len(out), found.group(1), depth, True])
                out.append("")
        rest = token[position:]
        out.append(rest.replace(OPEN, "") if OPEN in rest else rest)
    return "".join(out)


_TEXT_ATTRIBUTE = re.compile(r"""\s(?:alt|title|aria-label)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""", re.I)
_HAS_LANG = re.compile(r"""^<[A-Za-z][A-Za-z0-9-]*"""
                       r"""(?:\s+(?:[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?))*?\s+lang\s*=""", re.I)
_TITLE = re.compile(r"(<title\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)(</title\s*>)", re.S | re.I)
# elements without content whose text is all in attributes; not <input>, whose lang would
# also be the language of what the reader types
_CONTENTLESS = frozenset(("img", "area"))


def _resolve_tag(token: str, raw: str | None) -> str:
    """A tag (or a raw text element) holding marks, without them, with the ``lang`` they give
    it where one applies to all its text (see the module's docstring)."""
    if raw is not None:
        found = _TITLE.fullmatch(token) if raw.lower() == "title" else None
        if found is None or _HAS_LANG.match(token):
            return strip(token)
        language = _main_language(found.group(2))
        return (found.group(1) + (f' lang="{language}"' if language else "") + ">"
                + strip(found.group(2)) + found.group(3))
    name = _START_TAG.match(token)
    if name is None or name.group(1).lower() not in _CONTENTLESS or _HAS_LANG.match(token):
        return strip(token)
    languages = {language_of(found.group(1).strip("\"'")) for found in _TEXT_ATTRIBUTE.finditer(token)}
    if len(languages) != 1 or None in languages:
        return strip(token)
    at = name.end()
    return strip(token[:at]) + f' lang="{languages.pop()}"' + strip(token[at:])


def _main_language(text: str) -> str | None:
    """The language of the first letter of *text* when that letter is in a mark (a title
    begins with the page's own title, before the site name); None when it is not."""
    stack: list[str | None] = [None]
    position = 0
    for found in _MARK_IN_TEXT.finditer(text):
        if any(c.isalpha() for c in text[position:found.start()]):
            return stack[-1]
        position = found.end()
        if found.group(0) == CLOSE:
            if len(stack) > 1:
                stack.pop()
        else:
            stack.append(found.group(1) if _LANG.fullmatch(found.group(1)) else None)
    return stack[-1] if any(c.isalpha() for c in text[position:]) else None
