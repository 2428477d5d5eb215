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
works, as it did when the package was one module), and a few private ones the tests reach.
Setting one of them here (``monkeypatch.setattr(catalogs, "extract_page", ...)``) sets it in
every module of the toolchain that holds the same object, so that the code sees it too.
"""

from __future__ import annotations

import sys
import types

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

# The private names the tests reach, under the names they had in the one-module catalogs.py.
from ..po.entries import active_messages as _messages  # noqa: F401
from ..po.entries import has_translation as _has_translation  # noqa: F401
from ..po.entries import key_of as _key  # noqa: F401
from ..po.fast import parse_regular as _parse_regular  # noqa: F401
from ..po.read import parse_with_babel as _parse_with_babel  # noqa: F401
from ..po.write import _CHUNK, _wrap  # noqa: F401
from .extract import _template_strings  # noqa: F401
from .merge import _fresh_copy  # noqa: F401
from .translations import _TRANSLATIONS_CACHE  # noqa: F401
from .translations import read_translations_fast as _read_translations_fast  # noqa: F401
from .translations import translations_of as _translations_of  # noqa: F401

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

_UNSET = object()


class _Reexports(types.ModuleType):
    """This package's module object: a name set here is set where the code reads it."""

    def __setattr__(self, name: str, value) -> None:
        old = self.__dict__.get(name, _UNSET)
        if isinstance(old, (types.FunctionType, type)):
            for module_name, module in list(sys.modules.items()):
                if module_name.startswith("mdbabel.") and module is not self \
                        and isinstance(module, types.ModuleType):
                    for key, bound in list(vars(module).items()):
                        if bound is old:
                            setattr(module, key, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Reexports
