"""The Babel catalogs of a Markdown site: extract, update and merge, moves, stats, check.

Layout (one catalog per page, plus the ``_site`` domain for navigation and interface text;
the rule is :func:`mdbabel.project.catalog_path`)::

    docs/guides/x.md  ->  locales/templates/guides/x.pot
                          locales/<lang>/LC_MESSAGES/guides/x.po

- :mod:`~mdbabel.catalogs.extract`: a page's (or ``_site``'s) template catalog;
- :mod:`~mdbabel.catalogs.merge`: a language's catalog for a new template, nothing lost;
- :mod:`~mdbabel.catalogs.update`, :mod:`~mdbabel.catalogs.update_cache`: ``mdbabel update``
  planned then written, skipping pages unchanged since the last one;
- :mod:`~mdbabel.catalogs.moves`: catalogs that follow a moved page; catalogs without a page;
- :mod:`~mdbabel.catalogs.translations`: a catalog's usable translations, for the build;
- :mod:`~mdbabel.catalogs.stats`, :mod:`~mdbabel.catalogs.check`: ``mdbabel stats``, ``check``.

Reading and writing PO files is :mod:`mdbabel.po`; the site's settings :mod:`mdbabel.project`.
Pure functions over files: no MkDocs import.

This module re-exports the public names (``from mdbabel.catalogs import load_translations``
works, as it did when the package was one module). They are plain imports: to replace a
function in a test, patch the module that calls it (``monkeypatch.setattr(update,
"extract_page", ...)`` with ``from mdbabel.catalogs import update``).
"""

from __future__ import annotations

from ..po.entries import FORMAT_FLAGS, Key
from ..po.headers import TEMPLATE_DATE_PLACEHOLDER
from ..po.read import PoFile, read_po_file
from ..po.write import WIDTH, atomic_write, render_catalog
from ..problems import CatalogError
from ..project import (SITE_DOMAIN, SiteConfig, load_site_config, page_domain, read_mkdocs_yaml,
                       read_text_file)
from .check import CheckReport, check_interface_translation, check_project
from .extract import extract_page, extract_site, extract_templates
from .merge import FUZZY_CUTOFF, FUZZY_SHORT_CUTOFF, FUZZY_SHORT_LENGTH, merge_catalog
from .stats import CatalogStats, catalog_stats, project_stats
from .translations import LoadedTranslations, fuzzy_count, load_translations, make_lookup
from .update import (PARALLEL_MIN_DOMAINS, RUNS_PER_PROCESS, PlannedWrite, UpdatePlan, apply_plan,
                     plan_update, update_catalogs)
from .update_cache import UPDATE_CACHE

__all__ = [
    "WIDTH", "SITE_DOMAIN", "CatalogError", "SiteConfig", "PoFile", "CatalogStats",
    "PlannedWrite", "UpdatePlan", "load_site_config", "read_mkdocs_yaml", "page_domain",
    "extract_page", "extract_site", "extract_templates", "merge_catalog", "read_po_file",
    "render_catalog", "atomic_write", "plan_update", "apply_plan", "load_translations",
    "make_lookup", "catalog_stats", "project_stats", "update_catalogs", "check_project",
    "CheckReport", "FORMAT_FLAGS", "Key", "LoadedTranslations", "fuzzy_count",
    "check_interface_translation", "read_text_file", "TEMPLATE_DATE_PLACEHOLDER",
    "UPDATE_CACHE", "PARALLEL_MIN_DOMAINS", "RUNS_PER_PROCESS", "FUZZY_CUTOFF",
    "FUZZY_SHORT_CUTOFF", "FUZZY_SHORT_LENGTH",
]
