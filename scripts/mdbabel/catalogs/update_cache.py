"""The record of what the last ``mdbabel update`` left (``.cache/mdbabel/update.json``).

Owns the digest of a page's files (its source, template and catalogs) as the update left
them, and the key of everything else they depend on (the toolchain's code, Babel's version,
the languages and ``mkdocs.yml``): a page whose files still have that digest is not extracted
and merged again. A missing, damaged or foreign record plans every page.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..build_cache import package_digest
from ..files import existing_bytes
from ..po.write import atomic_write
from ..project import SITE_DOMAIN, SiteConfig

if TYPE_CHECKING:
    from .update import UpdatePlan

__all__ = ["UPDATE_CACHE", "update_key", "domain_files", "files_digest", "read_update_cache",
           "write_update_cache"]

#: What the last ``mdbabel update`` left, per page (see :func:`update_catalogs`).
UPDATE_CACHE = ".cache/mdbabel/update.json"


def update_key(config: SiteConfig, languages: list[str]) -> str:
    """Everything besides a page's own files that its planned catalogs depend on."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update(package_digest().encode())  # the extraction and writer: every module
    digest.update(repr((version("babel"), languages, config.site_name, config.docs_dir,
                        config.source_language)).encode())
    config_file = config.root / config.config_name
    digest.update(config_file.read_bytes() if config_file.is_file() else b"")
    return digest.hexdigest()


def domain_files(config: SiteConfig, domain: str, languages: list[str]
                  ) -> list[tuple[Path, str | None]]:
    """A page's source, template and catalogs: (path, language; None for the other two)."""
    return [(config.docs_path / f"{domain}.md", None), (config.template_path(domain), None),
            *((config.catalog_path(language, domain), language) for language in languages)]


def files_digest(contents: Iterable[bytes | None]) -> str:
    """Digest of a page's files, in :func:`domain_files` order (None: no such file)."""
    digest = hashlib.sha256()
    for data in contents:
        digest.update(b"-" if data is None else hashlib.sha256(data).digest())
    return digest.hexdigest()


def read_update_cache(path: Path, key: str) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != key:
        return {}
    domains = data.get("domains")
    return domains if isinstance(domains, dict) else {}


def write_update_cache(path: Path, key: str, config: SiteConfig, languages: list[str],
                        plan: UpdatePlan) -> None:
    # the files as the plan leaves them: its texts, and the pages as they are on disk
    written = {write.path: None if write.text is None else write.text.encode("utf-8")
               for write in plan.writes}
    domains = dict.fromkeys(write.domain for write in plan.writes
                            if write.domain and write.domain != SITE_DOMAIN)
    record = {"key": key, "domains": {
        domain: files_digest(written[p] if p in written else existing_bytes(p)
                              for p, _ in domain_files(config, domain, languages))
        for domain in domains}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(record, indent=0, sort_keys=True) + "\n")
    except OSError:
        pass  # a read-only checkout plans every page every time, nothing worse
