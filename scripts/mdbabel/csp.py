"""A Content-Security-Policy for each built page, as a ``<meta http-equiv>`` (static hosts).

The policy lets a page load what the site itself serves and nothing else:

- ``default-src 'self'``: styles, scripts, fonts, the search index, everything from the
  site's own origin; no other host (the site makes no outside request: no web font, CDN or
  analytics);
- ``script-src 'self'`` plus the SHA-256 hash of each inline script of this page that a
  template of the theme writes (Material's few inline scripts, the project's print script),
  computed from the page as written: no other inline script, no event-handler attribute
  (``onload=``), no ``javascript:`` URL. Which scripts the templates write is read from the
  templates themselves (:class:`ScriptAllowlist`): an inline ``<script>`` that reached a page
  some other way (Markdown, or catalog text that escaped its escaping) gets no hash, so the
  browser does not run it, and the build reports it;
- ``style-src 'self'`` plus the hash of each ``<style>`` element and, with
  ``'unsafe-hashes'``, of each ``style`` attribute of the page. Style attributes are written
  by Python-Markdown's ``tables`` extension for aligned columns (``style="text-align:
  right;"``, the translation status tables too); ``'unsafe-hashes'`` allows exactly those
  values, not ``'unsafe-inline'``'s any style. (Material's script sets styles through the
  CSSOM, which the policy does not restrict.)
- ``img-src 'self' data:``: Material's stylesheet draws its icons (admonitions, lists,
  navigation arrows) as ``data:`` SVG images; without ``data:`` they disappear;
- ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``.

``frame-ancestors`` (who may frame the site) cannot be set from a ``<meta>`` element: browsers
ignore it there; a host that can send headers adds it (README, Deploying).

The meta element is written right after ``<meta charset>`` (which must stay in the first
1,024 bytes), before any script or stylesheet: a policy applies only to what follows it. The
hashes and their order depend only on the page's bytes, so builds stay reproducible. A page
that has a policy already gets the new one in its place (the 404 pages are written twice).
Nothing here imports MkDocs.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

__all__ = ["add_policy", "policy", "inline_hashes", "ScriptAllowlist"]

META_START = '<meta http-equiv="Content-Security-Policy" content="'

# script types a browser runs (or, for importmap and speculationrules, reads under
# script-src): anything else (application/json, ld+json, templates) is data, not hashed
_EXECUTED_TYPES = frozenset({
    "", "module", "importmap", "speculationrules", "text/javascript", "application/javascript",
    "text/ecmascript", "application/ecmascript", "application/x-javascript",
    "application/x-ecmascript", "text/x-javascript", "text/x-ecmascript", "text/jscript",
    "text/livescript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5",
})

_SCRIPT_OPEN = re.compile(r"<(script|style)(?=[\s/>])([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_EXISTING = re.compile(r'[ \t]*<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?', re.I)
_CHARSET = re.compile(r"([ \t]*)<meta charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


def _hash(text: str) -> str:
    # the browser hashes the element's text as parsed: line ends are LF by then
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _attributes(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(raw):
        name = match.group(1).lower()
        if name not in found:
            value = next((v for v in match.group(2, 3, 4) if v is not None), "")
            found[name] = html.unescape(value)
    return found


def _elements(text: str):
    """(tag, attributes, body) of each ``<script>`` and ``<style>`` element of *text*."""
    position = 0
    while True:
        match = _SCRIPT_OPEN.search(text, position)
        if match is None:
            return
        tag = match.group(1).lower()
        closing = re.compile(rf"</{tag}(?=[\s/>])", re.I).search(text, match.end())
        end = closing.start() if closing else len(text)
        yield tag, _attributes(match.group(2)), text[match.end():end]
        position = end


def _in_tag(page: str, position: int) -> bool:
    """Whether *position* is inside a start tag (after a ``<`` not yet closed by ``>``)."""
    opening = page.rfind("<", 0, position)
    return opening > page.rfind(">", 0, position) and page[opening + 1:opening + 2].isalpha()


def _executed(attributes: dict[str, str]) -> bool:
    """An inline script the browser runs (not a file, not a data block)."""
    return "src" not in attributes and attributes.get("type", "").strip().lower() in _EXECUTED_TYPES


# In a template's script, a Jinja expression (Material: {{ base_url }}) may stand for any text
# that cannot leave a JavaScript string: no quote, backslash, angle bracket or line break.
_JINJA_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.S)
_EXPRESSION_VALUE = r"""[^"'`<>\\\n]*"""


class ScriptAllowlist:
    """The inline scripts that the theme's templates write, read from their sources.

    A script of a template without Jinja in it is allowed as written; one whose expressions
    (``{{ ... }}``) are each the whole of a string literal is allowed with any value there
    that stays inside the string (see ``_EXPRESSION_VALUE``); any other (an expression
    outside a string, Jinja statements in its body) is not allowed: the site's templates
    have none.
    """

    def __init__(self, template_sources) -> None:
        self.literal: set[str] = set()
        patterns: set[str] = set()
        for source in template_sources:
            source = source.replace("\r\n", "\n").replace("\r", "\n")
            for tag, attributes, body in _elements(source):
                if tag != "script" or not _executed(attributes) or not body.strip():
                    continue
                parts = _JINJA_TAG.split(body)
                if len(parts) == 1:
                    self.literal.add(body)
                elif all(self._quoted(parts, index) for index in range(1, len(parts), 2)):
                    patterns.add(self._pattern(parts))
        self.patterns = [re.compile(pattern, re.S) for pattern in sorted(patterns)]

    @staticmethod
    def _quoted(parts: list[str], index: int) -> bool:
        """Whether the Jinja tag *parts[index]* is an expression written inside a string
        literal (``"{{ base_url }}"``): any other could write code."""
        before, after = parts[index - 1], parts[index + 1] if index + 1 < len(parts) else ""
        return (parts[index].startswith("{{") and not parts[index].startswith("{{-")
                and not parts[index].endswith("-}}") and before[-1:] in ("'", '"')
                and after[:1] == before[-1:])

    @staticmethod
    def _pattern(parts: list[str]) -> str:
        return "".join(_EXPRESSION_VALUE if index % 2 else re.escape(part)
                       for index, part in enumerate(parts))

    def allows(self, body: str) -> bool:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        return body in self.literal or any(p.fullmatch(body) for p in self.patterns)


def inline_hashes(page: str, allowlist: ScriptAllowlist | None = None,
                  refused: list[str] | None = None) -> tuple[list[str], list[str], bool]:
    """(script hashes, style hashes, whether a style attribute was hashed) of *page*, each
    list sorted and without repeats. With *allowlist*, only the inline scripts it allows
    are hashed; the others are added to *refused* (when given)."""
    scripts: set[str] = set()
    styles: set[str] = set()
    for tag, attributes, body in _elements(page):
        if tag == "style":
            styles.add(_hash(body))
        elif _executed(attributes):
            if allowlist is None or allowlist.allows(body):
                scripts.add(_hash(body))
            elif refused is not None:
                refused.append(body)
    attribute_hashes = {_hash(html.unescape(next(v for v in m.groups() if v is not None)))
                        for m in _STYLE_ATTRIBUTE.finditer(page) if _in_tag(page, m.start())}
    return sorted(scripts), sorted(styles | attribute_hashes), bool(attribute_hashes)


def policy(page: str, allowlist: ScriptAllowlist | None = None,
           refused: list[str] | None = None) -> str:
    """The policy for *page* (see the module docstring); *allowlist* and *refused* as in
    :func:`inline_hashes`."""
    scripts, styles, style_attributes = inline_hashes(page, allowlist, refused)
    style_source = ["'self'"] + (["'unsafe-hashes'"] if style_attributes else []) + styles
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        " ".join(["style-src", *style_source]),
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_policy(page: str, allowlist: ScriptAllowlist | None = None,
               refused: list[str] | None = None) -> str:
    """*page* with its policy as the first element after ``<meta charset>`` (or, without one,
    first in ``<head>``). A page without ``<head>`` is returned as it is. *allowlist* and
    *refused* as in :func:`inline_hashes` (without an allowlist every inline script of the
    page is hashed: for pages whose every script is known to be the site's own)."""
    page = _EXISTING.sub("", page, count=1)
    head = _HEAD.search(page)
    if head is None:
        return page
    meta = META_START + html.escape(policy(page, allowlist, refused), quote=False) + '">'
    charset = _CHARSET.search(page, head.end())
    if charset is not None and not page[head.end():charset.start()].strip():
        return f"{page[:charset.end()]}\n{charset.group(1)}{meta}{page[charset.end():]}"
    return f"{page[:head.end()]}{meta}{page[head.end():]}"
