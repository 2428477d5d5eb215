"""The MkDocs adapter: the plugin ``mdbabel`` (entry point ``mdbabel.mkdocs_plugin:MdBabelPlugin``)
applies the gettext catalogs to each language build. One module per job:

- ``plugin``: the plugin class, the build's state and the events that drive it (its docstring
  has the table of events and priorities); ``on_startup``/``on_shutdown`` keep it across the
  rebuilds of ``mkdocs serve``
- ``config``: the plugin's options; mkdocs.yml's texts in the normal form
- ``catalog_access``: the catalogs a build reads, the translated page kept per catalog version
- ``pages``: one page translated (body, title, description), notices, figures, table of contents
- ``interface``: ``_site.po`` along the fallback chain (templates' gettext, the plugin's sentences)
- ``environment``: the theme's Jinja environment (i18n, autoescape, compiled templates, nav)
- ``status``: the translation status page
- ``not_found``: each language's 404 page
- ``publishing``: published and preview languages, the language menu and hreflang links
- ``pdf_booklets``: the printed booklets of a language build
- ``share``: Open Graph data and share cards
- ``policy``: each page's Content-Security-Policy
- ``nav_html``: the navigation's items written in Python
- ``converter``: one Python-Markdown converter per language build

The work itself is done by plain functions of the core (translate, figures, catalogs), which
imports no MkDocs. The names below are the package's public face (and older import paths).
"""

from mdbabel.mkdocs_plugin.config import MdBabelConfig
from mdbabel.mkdocs_plugin.interface import ChainGettext, language_name
from mdbabel.mkdocs_plugin.pages import PageExtras, PageTranslation
from mdbabel.mkdocs_plugin.plugin import MdBabelPlugin
from mdbabel.mkdocs_plugin.policy import _template_sources
from mdbabel.mkdocs_plugin.publishing import LanguageLink
from mdbabel.mkdocs_plugin.status import STATUS_PLACEHOLDER

__all__ = ["STATUS_PLACEHOLDER", "ChainGettext", "LanguageLink", "MdBabelConfig", "MdBabelPlugin",
           "PageExtras", "PageTranslation", "_template_sources", "language_name"]
