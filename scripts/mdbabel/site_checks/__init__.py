"""Checks over the site's sources and over a built site (no MkDocs import).

Two entry points, both returning a list of :class:`Problem`:

``check_pages(root)``
    Every page in ``docs/`` has front matter with a ``reviewed`` date and a
    non-empty ``sources`` list whose items each have a ``title``; every
    internal link (relative ``.md`` links, links to other files in ``docs/``,
    and ``#anchors``) resolves to an existing file and, for anchors, to an id
    of the target page. Links that translators wrote into the catalogs
    (``locales/<lang>/LC_MESSAGES/<page>.po``) are checked the same way, with
    the catalog entry as the location.

``check_built_site(site_dir)``
    Every ``href``/``src`` to a local path in every HTML file of a built site
    (every language) points at a file that exists, and ``#fragments`` of links
    to local pages name an element id of the target page.

Heading ids are computed by rendering the page with Python-Markdown in the site's dialect
(:func:`mdbabel.project.markdown_dialect` of ``mkdocs.yml``, so they match the build,
including ``toc: slugify: mdbabel.slugs.slugify`` and explicit ``{ #id }`` attributes).

The package's modules:

``problem``          :class:`Problem` (``path:line: message``)
``front_matter``     front matter: syntax, known keys, ``reviewed``, ``sources``; the pages
``markdown_source``  merge conflicts, unclosed code fences, untitled admonitions, text in raw HTML
``rendering``        mkdocs.yml (read by mdbabel.project) and a renderer in its dialect
``html_refs``        ids and links of an HTML document
``links``            links and anchors of the source pages and of the page catalogs
``nav``              the pages mkdocs.yml's ``nav:`` names exist
``built_site``       links and anchors of a built site
``run``              :func:`check_pages`, :func:`check_yaml_files`, :func:`main` (the command)
"""

from __future__ import annotations

from .built_site import check_built_site, site_url_of
from .front_matter import (
    _FRONT_MATTER,
    KNOWN_KEYS,
    SOURCE_KEYS,
    check_front_matter,
    front_matter_syntax,
    page_paths,
    read_front_matter,
)
from .links import check_catalog_links, check_links
from .markdown_source import (
    check_admonition_titles,
    check_conflict_markers,
    check_fences,
    check_html_text,
)
from .problem import Problem, format_problems
from .rendering import read_site_config
from .run import check_pages, check_yaml_files, main

__all__ = [
    "Problem",
    "check_pages",
    "check_front_matter",
    "check_fences",
    "check_conflict_markers",
    "check_admonition_titles",
    "check_html_text",
    "check_links",
    "check_catalog_links",
    "check_built_site",
    "check_yaml_files",
    "read_front_matter",
    "front_matter_syntax",
    "page_paths",
    "KNOWN_KEYS",
    "SOURCE_KEYS",
    "format_problems",
    "main",
    "read_site_config",
    "site_url_of",
    "_FRONT_MATTER",
]
