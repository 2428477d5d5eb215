"""Interface text in another language than the page, marked so that it gets its own ``lang``.

An interface string that falls back (``mdbabel.languages``) is in another language than the
page around it, and screen readers need to know: every such text carries its own ``lang``.
Where it goes is only known once the page is written (a template may put it in an element,
an attribute, ``<title>`` or JSON), so the text is *marked* with three characters of Unicode's
private use area, which no escaping changes::

    U+E0F0 LANG U+E0F1 TEXT U+E0F2

and :func:`resolve` turns each mark in the finished HTML into ``<span lang="LANG">TEXT</span>``
where a ``span`` may stand (element content, the mark's start and end in the same element).
Everywhere else, in an attribute value, in ``<title>``, ``<script>``, ``<style>``,
``<textarea>`` or a comment, only the marks are dropped: HTML cannot give an attribute or the
document title a language of its own, so there the text stays as it is and the document's
``lang`` (the page's) stands. :func:`strip` drops every mark (text that is not HTML).
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
                token = strip(token)
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
