"""Catalog text on its way into HTML: escaped once, at the place it is written.

Catalogs are untrusted input (see README, "Translations are untrusted input"). Everything a
catalog says that reaches a template (site name and description, navigation labels, page
titles and descriptions, legal-source titles, notices, search and other interface strings) is
text, never markup. This module holds the pieces that make it so:

- :func:`text_html` and :func:`title_html` turn a value into HTML (a ``markupsafe.Markup``,
  which Jinja and ``markupsafe.escape`` never escape again). A *title* follows the convention
  of MkDocs and Material, which write titles into pages as HTML: MkDocs keeps the character
  references of a title taken from a page's first heading (``Q &amp; A``), so a title is read
  as text in which character references count, and written back with every ``&``, ``<``,
  ``>``, ``"`` and ``'`` escaped: tags in a title become visible text.
- :func:`plain_text`: the text of such a value again (for JSON, search data, comparisons).
- :func:`markdown_text`: an interface string written into Markdown (the translation status
  page) as one line of literal text: no HTML, no Markdown syntax, no new block.
- :class:`ProjectAutoescape`: Jinja's ``autoescape`` setting that turns escaping on for the
  templates of the project (the theme's ``custom_dir``) and leaves the theme's own templates
  as their authors wrote them (Material expects autoescape off).
- :func:`install_escaped_gettext`: ``{% trans %}`` and ``_()`` for those templates. Jinja's
  i18n extension marks every translation safe when autoescape is on (it trusts catalogs);
  these callables escape the translation first, then fill in the placeholders (escaped
  unless the template made them markup, e.g. ``{% set date %}<time>…</time>{% endset %}``).

Nothing here imports MkDocs.
"""

from __future__ import annotations

import html
import os
import re
from typing import Any, Iterable

from jinja2 import pass_eval_context
from markupsafe import Markup, escape

from mdbabel import lang_marks

__all__ = ["text_html", "title_html", "plain_text", "markdown_text", "ProjectAutoescape",
           "install_escaped_gettext", "escape_titles"]


def text_html(value: Any) -> Markup:
    """Plain text as HTML (text content and attribute values alike); markup stays as it is."""
    return escape(value)  # & < > " ' (Markup as it is), as Jinja's `| e` writes them


def title_html(value: Any) -> Markup:
    """A title as HTML: its character references read, everything else text (see above)."""
    if isinstance(value, Markup):
        return value
    return escape(html.unescape(str(value)))


def plain_text(value: Any) -> str:
    """The text of *value*: a ``Markup`` unescaped, anything else as a string."""
    if isinstance(value, Markup):
        return html.unescape(str(value))
    return str(value)


# Characters that Python-Markdown reads as syntax and lets a backslash escape (its own list and
# the one of the tables extension): a backslash before any of them gives the character itself
# in the output, so escaping them changes nothing for honest text.
_MARKDOWN_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|")


def markdown_text(text: str) -> str:
    """*text* as one line of Markdown that renders to exactly that text.

    ``&``, ``<`` and ``>`` become character references (no raw HTML, no entity of the
    translator's), Markdown's escapable characters get a backslash, runs of white space
    (line breaks too) become one space, and a first character that could open a block
    (``?``, ``=``, ``:``, ``~``, ``^``, ``%``, ``@``, ``$``, a digit...) is written as a
    numeric character reference, so the line stays one paragraph or the heading's text.
    """
    line = " ".join(str(text).split())
    # a fallback language's mark (mdbabel.lang_marks) opening the text stays as it is: the
    # first-character rule applies to the text it marks
    opening = _LEADING_MARK.match(line)
    prefix = opening.group(0) if opening else ""
    line = line[len(prefix):]
    out = [prefix]
    for index, char in enumerate(line):
        if char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif char in _MARKDOWN_ESCAPABLE:
            out.append("\\" + char)
        elif index == 0 and not (char.isalpha() or char in "\"'"):
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


_LEADING_MARK = re.compile(f"{lang_marks.OPEN}[^{lang_marks.SEPARATOR}{lang_marks.OPEN}{lang_marks.CLOSE}<>]{{0,40}}"
                           f"{lang_marks.SEPARATOR}")


class ProjectAutoescape:
    """``Environment.autoescape`` for a theme with a project folder (MkDocs' ``custom_dir``).

    On for an ``.html``, ``.htm`` or ``.xml`` template found in one of *project_dirs* (the
    project's overrides, which may reach any catalog text), off for every other template (the
    theme's own, whose values the project feeds escaped, see :func:`escape_titles`). Jinja
    asks at compile time; the answer for a name is kept. The ``repr`` names the folders, so
    the compiled-template cache (``mdbabel.template_cache``) keys code by it across builds.
    """

    EXTENSIONS = (".html", ".htm", ".xml")

    def __init__(self, project_dirs: Iterable[str | os.PathLike]) -> None:
        self.dirs = tuple(os.fspath(d) for d in project_dirs if d)
        self._known: dict[str, bool] = {}

    def __call__(self, name: str | None) -> bool:
        if not name or not name.lower().endswith(self.EXTENSIONS):
            return False
        found = self._known.get(name)
        if found is None:
            parts = [part for part in name.split("/") if part not in ("", ".")]
            found = ".." not in parts and any(
                os.path.isfile(os.path.join(folder, *parts)) for folder in self.dirs)
            self._known[name] = found
        return found

    def __repr__(self) -> str:
        return f"mdbabel.escaping.ProjectAutoescape({sorted(self.dirs)!r})"


def _escaped(eval_ctx: Any, text: str) -> str:
    # In a template with autoescape on, the translation is text: escaped here, after which
    # Jinja's i18n marks it safe and fills in the placeholders (escaping them).
    return str(escape(text)) if eval_ctx.autoescape else text


def install_escaped_gettext(env: Any, translations: Any) -> None:
    """Install *translations* (a ``gettext.NullTranslations``) in *env* like
    ``env.install_gettext_translations(translations, newstyle=True)``, with every
    translation escaped in templates that have autoescape on."""

    @pass_eval_context
    def gettext(eval_ctx, message: str) -> str:
        return _escaped(eval_ctx, translations.gettext(message))

    @pass_eval_context
    def ngettext(eval_ctx, singular: str, plural: str, n: int) -> str:
        return _escaped(eval_ctx, translations.ngettext(singular, plural, n))

    @pass_eval_context
    def pgettext(eval_ctx, context: str, message: str) -> str:
        return _escaped(eval_ctx, translations.pgettext(context, message))

    @pass_eval_context
    def npgettext(eval_ctx, context: str, singular: str, plural: str, n: int) -> str:
        return _escaped(eval_ctx, translations.npgettext(context, singular, plural, n))

    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext,
                                  npgettext=npgettext)


def escape_titles(config: Any, items: Iterable[Any], pages: Iterable[Any]) -> None:
    """Give the theme escaped values: the site name and description (text) in *config*, the
    titles of the navigation *items* (sections, pages, links, recursively) and, for each
    page in *pages*, its title and its front matter ``title`` and ``description``.

    The theme writes these into its templates without escaping (Material: the header, the
    footer, the navigation, ``<title>``); as ``Markup`` they are escaped once, and templates
    that escape (``| e``, autoescape) leave them as they are.
    """
    for key in ("site_name", "site_description"):
        value = config.get(key) if hasattr(config, "get") else getattr(config, key, None)
        if value:
            config[key] = text_html(value)
    stack: list[Any] = list(items)
    while stack:
        item = stack.pop()
        title = getattr(item, "title", None)
        if title:
            item.title = title_html(title)
        stack.extend(getattr(item, "children", None) or ())
    for page in pages:
        meta = getattr(page, "meta", None)
        if isinstance(meta, dict):
            if isinstance(meta.get("title"), str) and meta["title"]:
                meta["title"] = title_html(meta["title"])
            if isinstance(meta.get("description"), str) and meta["description"]:
                meta["description"] = text_html(meta["description"])
        title = getattr(page, "title", None)
        if title:
            page.title = title_html(title)

