"""One Python-Markdown converter per language build, instead of one per page (MkDocs adapter).

MkDocs' ``Page.render`` builds a new ``markdown.Markdown`` for every page: each of the site's
eleven extensions is imported, configured and registered again, about 1 ms per page and 3 to
5 % of a language's build. Python-Markdown documents the other way: build one converter and
call ``reset()`` between documents, which clears the references, the HTML stash and every
extension's state (footnotes, abbreviations, toc, tab groups, the superfences stash).

While a build runs, :func:`install` puts a stand-in for the ``markdown`` module into
``mkdocs.structure.pages``: its ``Markdown(...)`` hands back the converter already built
with the same arguments, reset, and otherwise builds and keeps a new one. MkDocs goes on
registering its own per-page processors on it (same names, so they replace the previous
page's). :func:`uninstall` puts the module back. Nothing else in MkDocs changes; the pages'
HTML is byte for byte what one converter per page gives (``tests/site/test_site_converter_reuse.py``).
"""

from __future__ import annotations

import types

import markdown
from mkdocs.structure import pages as _pages  # an adapter: the core never imports MkDocs


class _ReusingMarkdownModule(types.ModuleType):
    """The ``markdown`` module, except that ``Markdown(**same arguments)`` is reused."""

    def __init__(self) -> None:
        super().__init__("markdown")
        self._converters: dict[str, markdown.Markdown] = {}

    def __getattr__(self, name: str):
        return getattr(markdown, name)

    def Markdown(self, **kwargs) -> markdown.Markdown:  # noqa: N802 - the module's own name
        # the arguments are the config's extension names and their options: repr tells them
        # apart (an option that is a function, such as toc's slugify, by its identity)
        key = repr(sorted(kwargs.items()))
        md = self._converters.get(key)
        if md is None:
            md = self._converters[key] = markdown.Markdown(**kwargs)
        else:
            md.reset()
        return md


def install() -> bool:
    """Reuse converters in ``Page.render`` until :func:`uninstall`; False if MkDocs differs."""
    if getattr(_pages, "markdown", None) is not markdown:
        # MkDocs no longer names the module there (or we are installed already): leave it
        return isinstance(getattr(_pages, "markdown", None), _ReusingMarkdownModule)
    _pages.markdown = _ReusingMarkdownModule()
    return True


def uninstall() -> None:
    if isinstance(getattr(_pages, "markdown", None), _ReusingMarkdownModule):
        _pages.markdown = markdown
