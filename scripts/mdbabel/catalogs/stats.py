"""``mdbabel stats``: how much of each catalog is usable (fuzzy counts as not translated).

Owns :class:`CatalogStats` and the counts per language and page, from the catalogs on disk
(a missing catalog counts its template's messages as untranslated).
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.messages.catalog import Catalog

from ..po.entries import active_messages, is_translated
from ..po.read import read_po_file
from ..project import SiteConfig
from .extract import extract_templates

__all__ = ["CatalogStats", "catalog_stats", "project_stats"]


@dataclass(frozen=True)
class CatalogStats:
    """How much of a catalog is usable: fuzzy entries count as not translated."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    @property
    def translated_share(self) -> float:
        return 1.0 if self.total == 0 else self.translated / self.total

    def __add__(self, other: CatalogStats) -> CatalogStats:
        return CatalogStats(self.total + other.total, self.translated + other.translated,
                            self.fuzzy + other.fuzzy)

    def as_dict(self) -> dict:
        return {"total": self.total, "translated": self.translated, "fuzzy": self.fuzzy,
                "untranslated": self.untranslated,
                "translated_share": round(self.translated_share, 4)}


def catalog_stats(catalog: Catalog) -> CatalogStats:
    """Counts of the active (not obsolete) messages of *catalog*."""
    messages = active_messages(catalog)
    translated = sum(1 for m in messages if is_translated(m))
    fuzzy = sum(1 for m in messages if m.fuzzy)
    return CatalogStats(len(messages), translated, fuzzy)


def project_stats(config: SiteConfig) -> dict[str, dict[str, CatalogStats]]:
    """``{language: {domain: stats}}`` for every target language and domain, from the
    catalogs on disk (a missing catalog counts its template's messages as untranslated)."""
    templates = extract_templates(config)
    result: dict[str, dict[str, CatalogStats]] = {}
    for language in config.languages:
        per_domain = {}
        for domain, template in templates.items():
            path = config.catalog_path(language, domain)
            if path.exists():
                po = read_po_file(path, shown=config.shown(path), language=language)
                per_domain[domain] = catalog_stats(po.catalog)
            else:
                per_domain[domain] = CatalogStats(len(active_messages(template)), 0, 0)
        result[language] = per_domain
    return result
