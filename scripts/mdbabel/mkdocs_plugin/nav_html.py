"""The items of Material for MkDocs' primary navigation, rendered in Python (MkDocs adapter).

Material renders the navigation of every page with recursive Jinja macros
(``partials/nav-item.html``): with ``navigation.prune`` that is still every item of the open
section, the open part and the top level, each through half a dozen macro calls, and it was
the largest single cost of a build (18 % of the CPU time of a 400-page site, more than
Python-Markdown's block parser). ``overrides/partials/nav.html`` asks this renderer for the
list items instead. It writes the same elements with the same classes, attributes and text as
Material's macros, in the same order (``tests/site/test_site_nav_html.py`` compares both on every
page of several sites), without the theme's runs of blank lines; the table of contents of the
current page is still Material's own partial, rendered by the template.

Only what this renderer knows is rendered by it: the features ``navigation.indexes`` and
``navigation.prune`` (on or off), pages, sections and links. When a site turns on a feature
that changes the markup (tabs, sections, expand, toc.integrate) or a nav item has an icon, a
subtitle, a status or typeset title, ``supported`` is false and Material's macros render the
navigation as before. So does the plugin option ``fast_nav: false``.

Titles are text: a title that is ``Markup`` already (the mdbabel plugin gives the theme every
title escaped, see ``mdbabel.escaping``) is written as it is, any other is escaped, in text
and in attributes alike (``&``, ``<``, ``>``, ``"``, ``'``). The items are returned as
``Markup``, so the project's templates (autoescape on) do not escape them again.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from markupsafe import Markup
from mkdocs.utils import normalize_url

#: Theme features that change the navigation's markup; with any of them on, Material renders it.
MARKUP_FEATURES = frozenset({"navigation.tabs", "navigation.sections", "navigation.expand",
                             "toc.integrate"})

#: Page metadata that Material's macros render next to a title (icons, subtitles, statuses).
_META_KEYS = ("icon", "subtitle", "status")


def _text(value: Any) -> str:
    # Markup (the plugin's escaped titles) as it is, as Material writes it; anything else is
    # text (catalog text never reaches a page as markup)
    if isinstance(value, Markup):
        return str(value)
    return escape(str(value), quote=True)


def _plain(item: Any) -> bool:
    """Whether Material would render *item* with nothing but its title (and the item is one
    of MkDocs' own kinds: a blog plugin's views have ``pages``)."""
    if getattr(item, "pages", None) or getattr(item, "typeset", None):
        return False
    meta = getattr(item, "meta", None)
    if meta and (getattr(item, "encrypted", None) or any(meta.get(key) for key in _META_KEYS)):
        return False
    return all(_plain(child) for child in (getattr(item, "children", None) or ()))


class NavRenderer:
    """The ``<li>`` items of a build's navigation, for one page at a time."""

    def __init__(self, features: list[str] | tuple[str, ...] | None) -> None:
        features = set(features or ())
        self.indexes = "navigation.indexes" in features
        self.prune = "navigation.prune" in features
        self.features_supported = not features & MARKUP_FEATURES
        self._checked: tuple[Any, bool] | None = None

    def supports(self, nav: Any, page: Any) -> bool:
        """Whether this renderer writes *nav* for *page* as Material would (a built page, the
        features and every item known to it). The items are checked once per navigation."""
        if not self.features_supported or getattr(page, "toc", None) is None:
            return False
        if self._checked is None or self._checked[0] is not nav:
            self._checked = (nav, all(_plain(item) for item in nav.items))
        return self._checked[1]

    def render(self, nav: Any, page: Any, caller: Callable[[], str] | None = None) -> Markup:
        """The items of *nav* for *page*; *caller* renders the page's table of contents (the
        body of the template's ``{% call %}`` block), asked for at most once."""
        out: list[str] = []
        state = {"page": page, "caller": caller, "toc": None}
        for number, item in enumerate(nav.items, 1):
            self._item(item, f"__nav_{number}", 1, state, out)
        return Markup("\n".join(out))

    # The branches below follow partials/nav-item.html's `render` macro without tabs,
    # sections and expand: a section (open, pruned or, without prune, closed), the current
    # page (with its table of contents), any other page or link.

    def _item(self, item: Any, path: str, level: int, state: dict, out: list[str]) -> None:
        page = state["page"]
        active = bool(getattr(item, "active", False))
        classes = "md-nav__item md-nav__item--active" if active else "md-nav__item"
        children = getattr(item, "children", None)
        if children:
            self._section(item, children, classes, active, path, level, state, out)
        elif item == page:
            self._current(item, classes, state, out)
        else:
            out.append(f'<li class="{classes}"><a href="{self._url(item.url, page)}" '
                       f'class="md-nav__link">{self._content(item)}</a></li>')

    def _section(self, item: Any, children: list, classes: str, active: bool, path: str,
                 level: int, state: dict, out: list[str]) -> None:
        page = state["page"]
        index = None
        if self.indexes:
            index = next((child for child in children if getattr(child, "is_index", False)),
                         None)
        if self.prune and not active:
            out.append(f'<li class="{classes} md-nav__item--pruned md-nav__item--nested">'
                       f'{self._pruned(item, item, page)}</li>')
            return
        checked = " checked" if active else ""
        out.append(f'<li class="{classes} md-nav__item--nested">')
        out.append(f'<input class="md-nav__toggle md-toggle" type="checkbox" id="{path}"'
                   f'{checked}>')
        if index is None:
            out.append(f'<label class="md-nav__link" for="{path}" id="{path}_label" '
                       f'tabindex="0">{self._content(item)}'
                       '<span class="md-nav__icon md-icon"></span></label>')
        else:
            link_class = "md-nav__link md-nav__link--active" if index == page else "md-nav__link"
            out.append('<div class="md-nav__link md-nav__container">')
            out.append(f'<a href="{self._url(index.url, page)}" class="{link_class}">'
                       f'{self._content(item)}</a>')
            if len(children) > 1:
                out.append(f'<label class="{link_class}" for="{path}" id="{path}_label" '
                           'tabindex="0"><span class="md-nav__icon md-icon"></span></label>')
            out.append("</div>")
        expanded = "true" if active else "false"
        out.append(f'<nav class="md-nav" data-md-level="{level}" aria-labelledby="{path}_label" '
                   f'aria-expanded="{expanded}">')
        out.append(f'<label class="md-nav__title" for="{path}">'
                   f'<span class="md-nav__icon md-icon"></span>{_text(item.title)}</label>')
        out.append('<ul class="md-nav__list" data-md-scrollfix>')
        for number, child in enumerate(children, 1):
            if index is None or child != index:
                self._item(child, f"{path}_{number}", level + 1, state, out)
        out.append("</ul>")
        out.append("</nav>")
        out.append("</li>")

    def _pruned(self, item: Any, ref: Any, page: Any) -> str:
        """A closed section as one link to its first page (Material's ``render_pruned``)."""
        first = item.children[0]
        if getattr(first, "children", None):
            return self._pruned(first, ref, page)
        return (f'<a href="{self._url(first.url, page)}" class="md-nav__link">'
                f'{self._content(ref)}<span class="md-nav__icon md-icon"></span></a>')

    def _current(self, item: Any, classes: str, state: dict, out: list[str]) -> None:
        page = state["page"]
        toc = page.toc
        first = next(iter(toc), None) if toc else None
        if first is not None and getattr(first, "level", None) == 1:
            toc = first.children
        content = self._content(item)
        out.append(f'<li class="{classes}">')
        out.append('<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">')
        if toc:
            out.append('<label class="md-nav__link md-nav__link--active" for="__toc">'
                       f'{content}<span class="md-nav__icon md-icon"></span></label>')
        out.append(f'<a href="{self._url(item.url, page)}" '
                   f'class="md-nav__link md-nav__link--active">{content}</a>')
        if toc:
            if state["toc"] is None:
                caller = state["caller"]
                state["toc"] = str(caller()) if caller is not None else ""
            out.append(state["toc"])
        out.append("</li>")

    @staticmethod
    def _content(item: Any) -> str:
        return f'<span class="md-ellipsis">{_text(item.title)}</span>'

    @staticmethod
    def _url(url: Any, page: Any) -> str:
        return escape(normalize_url(str(url), page=page))
