"""``mdbabel update``: every template extracted and every catalog merged, planned then written.

Owns :func:`plan_update` (what an update would write, computed in memory first: an existing
catalog that is malformed is never overwritten; large sites planned in worker processes, with
the same plan), :func:`apply_plan` (atomic writes) and :func:`update_catalogs` (moved pages'
catalogs carried first, :mod:`mdbabel.catalogs.moves`; pages unchanged since the last update
skipped, :mod:`mdbabel.catalogs.update_cache`). Catalogs of removed pages are listed, never
deleted.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from babel.core import Locale
from babel.messages.catalog import Catalog

from ..files import existing_bytes
from ..po.dates import existing_header, now, stable_text, without_dates
from ..po.entries import active_messages, key_of
from ..po.headers import catalog_headers, template_headers
from ..po.fast import Irregular, regular_entries
from ..po.read import PoFile, parse_with_babel, read_po_file
from ..po.syntax import string_text
from ..po.write import WIDTH, atomic_write, render_catalog
from ..problems import CatalogError
from ..project import (SITE_DOMAIN, SiteConfig, catalog_files, catalog_folder, domain_of,
                       page_domains, templates_folder)
from ..textnorm import normal_text
from .extract import extract_page, extract_site
from .merge import merge_catalog
from .moves import carry_moves, detect_moves, orphan_problem
from .update_cache import (UPDATE_CACHE, domain_files, files_digest, read_update_cache, update_key,
                           write_update_cache)

__all__ = ["PlannedWrite", "UpdatePlan", "plan_update", "apply_plan", "update_catalogs",
           "PARALLEL_MIN_DOMAINS", "RUNS_PER_PROCESS"]


@dataclass
class PlannedWrite:
    """One file an update would write (``text``) or delete (``text is None``)."""

    path: Path
    shown: str
    text: str | None
    changed: bool
    created: bool = False
    domain: str = ""
    language: str | None = None                                     # None for a template
    existing: PoFile | None = field(default=None, repr=False)       # the catalog as read


@dataclass
class UpdatePlan:
    """Everything ``mdbabel update`` would do, computed in memory first."""

    writes: list[PlannedWrite] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)   # "path: why; what to do" notices
    moved: list[str] = field(default_factory=list)      # catalogs carried to a moved page

    @property
    def changes(self) -> list[PlannedWrite]:
        return [w for w in self.writes if w.changed]

    @property
    def content_changes(self) -> list[PlannedWrite]:
        """Changes other than the date headers (a SOURCE_DATE_EPOCH different from the one
        the catalogs were written with does not make them stale)."""
        return [w for w in self.changes if w.text is None or w.created
                or without_dates(w.text) != without_dates(_read_text(w.path) or "")]


def _read_text(path: Path, data: bytes | None = None) -> str | None:
    """A file's text in the normal form (:mod:`mdbabel.textnorm`), ``None`` if it does not
    exist; bytes that are not UTF-8 are replaced (an update rewrites such a template, and
    read_po_file rejects such a catalog first). A file that differs from what an update
    writes only in its form (CRLF, NFD, BOM) is not out of date; the update rewrites it
    (see :func:`_differs`), keeping its dates."""
    if data is None:
        data = existing_bytes(path)
        if data is None:
            return None
    return normal_text(data.decode("utf-8", "replace"))


def _differs(text: str, data: bytes | None) -> bool:
    """Whether writing *text* changes the file whose bytes are *data* (None: no file)."""
    return data is None or text.encode("utf-8") != data


def _header_comments_for(config: SiteConfig, domain: str, language: str | None) -> list[str]:
    source = "the site navigation and interface" if domain == SITE_DOMAIN else \
        f"{config.docs_dir}/{domain}.md"
    if language is None:
        lines = [f"Messages of {source}, extracted by mdbabel.",
                 "Generated file: run `make catalogs` instead of editing it."]
    else:
        name = Locale.parse(language.replace("-", "_")).english_name or language
        lines = [f"{name} translation of {source}.",
                 "Translators fill in msgstr; `make catalogs` keeps it when the source changes."]
    return [part for line in lines for part in textwrap.wrap(line, WIDTH - 2)]


def plan_update(config: SiteConfig, languages: Iterable[str] | None = None, *,
                malformed: list[str] | None = None, workers: int | None = None,
                keep_existing: bool = True, unchanged: dict[str, str] | None = None,
                moves: list | None = None) -> UpdatePlan:
    """Compute the templates and catalogs an update writes, without writing anything.

    Raises :class:`CatalogError` if an existing catalog is malformed: it is never
    overwritten. With a *malformed* list, the error is appended there and the catalog skipped.
    Large sites are planned in *workers* processes (default: one per available core); the
    plan is the same as from one process. Without *keep_existing*, the writes do not carry
    the catalogs as read (``PlannedWrite.existing``), which only ``mdbabel check`` needs.
    *unchanged* maps domains to the digest of their files as the last update left them
    (:func:`update_catalogs`): a domain whose files still have that digest is planned as is.
    """
    languages = list(config.languages if languages is None else languages)
    plan = UpdatePlan()
    project = config.site_name or config.root.resolve().name
    domains = [(SITE_DOMAIN, None), *page_domains(config)]
    jobs = _planning_jobs(len(domains), workers)
    if jobs > 1:
        import concurrent.futures
        import multiprocessing

        # Each domain is planned on its own (page, template, catalogs). Contiguous runs keep
        # the order of the writes, of the malformed catalogs and of the first error raised;
        # several runs per process even out pages of different lengths.
        size = -(-len(domains) // (jobs * RUNS_PER_PROCESS))
        runs = [domains[i:i + size] for i in range(0, len(domains), size)]
        with concurrent.futures.ProcessPoolExecutor(
                jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(pool.map(_plan_run, [(config, run, languages, project,
                                               malformed is not None, keep_existing, unchanged)
                                              for run in runs]))
        for writes, errors in parts:
            plan.writes.extend(writes)
            if malformed is not None:
                malformed.extend(errors)
    else:
        for domain, page in domains:
            plan.writes.extend(_plan_domain(config, domain, page, languages, project, malformed,
                                            unchanged))
    _plan_orphans(config, {domain for domain, _ in domains}, languages, plan, moves or [])
    return plan


#: Below this many domains, starting worker processes costs more than it saves.
PARALLEL_MIN_DOMAINS = 64
#: Runs of domains per worker process (see :func:`plan_update`).
RUNS_PER_PROCESS = 6


def _planning_jobs(domains: int, workers: int | None) -> int:
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else (os.cpu_count() or 1)
    if workers <= 1 or domains < PARALLEL_MIN_DOMAINS:
        return 1
    import multiprocessing

    # workers inherit the loaded configuration by fork (not offered on Windows)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(workers, 8)


def _plan_run(job) -> tuple[list[PlannedWrite], list[str]]:
    """Worker process: the writes of a run of domains, and its malformed catalogs."""
    config, domains, languages, project, collect, keep_existing, unchanged = job
    errors: list[str] = []
    writes = []
    for domain, page in domains:
        planned = _plan_domain(config, domain, page, languages, project,
                               errors if collect else None, unchanged)
        if not keep_existing:
            for write in planned:
                write.existing = None  # not kept (less for the collector), nor sent back
        writes += planned
    return writes, errors


def _plan_domain(config: SiteConfig, domain: str, page: str | None, languages: list[str],
                 project: str, malformed: list[str] | None,
                 unchanged: dict[str, str] | None = None) -> list[PlannedWrite]:
    """The template of *domain* (a page, or ``_site`` when *page* is None) and its catalog in
    every language, as an update writes them."""
    if page == f"{domain}.md" and unchanged and domain in unchanged:
        files = domain_files(config, domain, languages)
        contents = [existing_bytes(path) for path, _ in files]
        if None not in contents[1:] and files_digest(contents) == unchanged[domain]:
            # byte for byte what the last update wrote for this very page: nothing to do
            return [PlannedWrite(path, config.shown(path), data.decode("utf-8"), False, False,
                                 domain, language)
                    for (path, language), data in zip(files[1:], contents[1:])]
    template = extract_site(config) if page is None else extract_page(config, page)
    pot_path = config.template_path(domain)
    old_bytes = existing_bytes(pot_path)
    old_text = None if old_bytes is None else _read_text(pot_path, old_bytes)
    old_date = existing_header(old_text, "POT-Creation-Date")
    comments = _header_comments_for(config, domain, None)
    pot_text = stable_text(
        lambda date: render_catalog(template, template_headers(project, date),
                                    header_comments=comments, header_fuzzy=True),
        old_text, old_date)
    if old_text is not None and _differs(pot_text, old_bytes):
        # translations typed into the template (it looks like a catalog): never overwritten
        problem = translated_template(old_text, config.shown(pot_path), config.locales_dir, domain)
        if problem is not None:
            if malformed is None:
                raise CatalogError(problem)
            malformed.append(problem)
            return []
    pot_date = existing_header(pot_text, "POT-Creation-Date") or now()
    writes = [PlannedWrite(pot_path, config.shown(pot_path), pot_text,
                           _differs(pot_text, old_bytes), old_text is None, domain)]
    known = _template_keys(old_text)
    if known is not None:
        known |= {key_of(message) for message in active_messages(template)}
    for language in languages:
        try:
            writes.append(_plan_catalog(config, domain, template, language, project, pot_date,
                                        known))
        except CatalogError as error:
            if malformed is None:
                raise
            malformed.append(str(error))
    return writes


def translated_template(text: str, shown: str, locales_dir: str, domain: str) -> str | None:
    """``file:line: what; fix`` when the template *text* holds a translation (a msgstr filled
    in, the header's aside), which an update would overwrite; None otherwise (a template that
    does not read is overwritten as before)."""
    try:
        found = [(line, msgstr) for _, _, msgstr, obsolete, _, line in list(regular_entries(text))[1:]
                 if not obsolete and string_text(msgstr)]
    except Irregular:
        try:
            catalog, _, lines = parse_with_babel(text, shown)
        except CatalogError:
            return None
        found = [(lines.get((m.context, m.id), m.lineno or 1), m.string)
                 for m in catalog if m.id and m.string and isinstance(m.string, str)]
    if not found:
        return None
    return (f"{shown}:{min(found)[0]}: the template holds {len(found)} translation(s), which "
            "`make catalogs` would overwrite (templates are generated); put them into the "
            f"catalog of their language, {locales_dir}/LANG/LC_MESSAGES/{domain}.po, then "
            f"restore the template (`git checkout -- {shown}`)")


def _template_keys(text: str | None) -> set | None:
    """The messages of the template as the last update wrote it (None: none, or not in the
    regular layout): what a catalog's untranslated entries may hold without a hand in it."""
    if text is None:
        return None
    try:
        return {key for _, key, _, obsolete, _, _ in regular_entries(text) if not obsolete}
    except Irregular:
        return None


def _plan_catalog(config: SiteConfig, domain: str, template: Catalog, language: str,
                  project: str, pot_date: str, known: set | None = None) -> PlannedWrite:
    path = config.catalog_path(language, domain)
    shown = config.shown(path)
    data = existing_bytes(path)
    # read once; a catalog that is not UTF-8 is reported by read_po_file, with its line
    existing = None if data is None else read_po_file(path, shown=shown, language=language,
                                                       data=data)
    old_text = None if data is None else _read_text(path, data)
    merged = merge_catalog(existing.catalog if existing else None, template, language, known)
    comments = existing.header_comments if existing and existing.header_comments else \
        _header_comments_for(config, domain, language)
    if existing is None:
        text = stable_text(lambda date: render_catalog(
            merged, catalog_headers(None, project, language, pot_date, date),
            header_comments=comments), None, None)
        return PlannedWrite(path, shown, text, True, True, domain, language)
    old_pot_date = existing.header("POT-Creation-Date") or pot_date
    text = stable_text(
        lambda date: render_catalog(
            merged, catalog_headers(existing, project, language, pot_date, date),
            header_comments=comments),
        old_text, existing.header("PO-Revision-Date"),
        lambda date: render_catalog(
            existing.catalog, catalog_headers(existing, project, language, old_pot_date, date),
            header_comments=comments))
    return PlannedWrite(path, shown, text, _differs(text, data), False, domain, language, existing)


def _plan_orphans(config: SiteConfig, domains: set[str], languages: list[str],
                  plan: UpdatePlan, moves: list) -> None:
    moved_to = {move.old: move for move in moves}
    templates_dir = templates_folder(config.locales_path)
    if templates_dir.is_dir():
        for path in catalog_files(templates_dir, ".pot"):
            domain = domain_of(path, templates_dir)
            if domain not in domains:
                plan.writes.append(PlannedWrite(path, config.shown(path), None, True))
    for language in languages:
        folder = catalog_folder(config.locales_path, language)
        if not folder.is_dir():
            continue
        for path in catalog_files(folder, ".po"):
            domain = domain_of(path, folder)
            if domain not in domains:
                plan.orphaned.append(orphan_problem(config, path, domain, moved_to.get(domain)))


def apply_plan(plan: UpdatePlan) -> list[PlannedWrite]:
    """Write (atomically) or delete what *plan* changes; return those changes."""
    for write in plan.changes:
        if write.text is None:
            write.path.unlink(missing_ok=True)
        else:
            atomic_write(write.path, write.text)
    return plan.changes


def update_catalogs(config: SiteConfig, languages: Iterable[str] | None = None, *,
                    use_cache: bool = True) -> UpdatePlan:
    """Extract every template and update every catalog (what ``make catalogs`` runs).

    A page whose source, template and catalogs are byte for byte what the last update left
    (with the same toolchain and ``mkdocs.yml``) is not extracted and merged again: its
    files are already what an update writes. The record is ``.cache/mdbabel/update.json``
    under the site root (not versioned); without it, or with *use_cache* false, every page
    is planned.
    """
    languages = list(config.languages if languages is None else languages)
    # a page that moved takes its catalogs along first (every language: they move together)
    moved = carry_moves(config, detect_moves(config))
    cache_path = config.root / UPDATE_CACHE
    key = update_key(config, languages) if use_cache else ""
    recorded = read_update_cache(cache_path, key) if use_cache else {}
    plan = plan_update(config, languages, keep_existing=False, unchanged=recorded)
    plan.moved = moved
    apply_plan(plan)
    if use_cache:
        write_update_cache(cache_path, key, config, languages, plan)
    return plan
