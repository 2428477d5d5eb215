"""Moved pages: their catalogs follow them, in every language, with their history.

After ``git mv docs/faq.md docs/questions.md`` the catalogs of ``faq`` have no page, and
``questions`` has none. :func:`detect_moves` pairs each catalog without a page with the page
whose messages it holds (at least :data:`MOVE_SHARE` of the messages of the larger of the two
shared); :func:`carry_moves` then moves the template and the catalog of every language to the
new page's name (``git mv`` when the file is tracked in a git work tree, so ``git log
--follow`` keeps its history; a plain rename otherwise). ``mdbabel update`` does both before
it merges as usual; ``mdbabel move OLD NEW`` carries the catalogs of a page that changed too
much to be recognised, and copies the translations of a page that moved and left a short
page at its old path (:func:`copy_translations`). If the new page has catalogs already (an update ran before the move
was seen), the old translations fill its untranslated entries and the others are kept as
obsolete entries: nothing is lost. No MkDocs import.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..po.entries import Key, active_messages, has_translation, key_of
from ..po.read import PoFile, read_po_file
from ..po.write import atomic_write, render_catalog
from ..problems import CatalogError
from ..project import (SITE_DOMAIN, SiteConfig, catalog_files, catalog_folder, domain_of,
                       page_domain, templates_folder)
from .extract import extract_page

__all__ = ["MOVE_SHARE", "Move", "orphan_domains", "detect_moves", "carry_moves",
           "copy_translations", "orphan_problem"]

#: Share of messages (of the larger message set) that a catalog and a page must have in
#: common for the page to be taken as the catalog's page, moved.
MOVE_SHARE = 0.6


@dataclass(frozen=True)
class Move:
    """The catalogs of domain *old* belong to the page of domain *new*."""

    old: str
    new: str
    share: float = 1.0


def orphan_domains(config: SiteConfig, languages: list[str] | None = None) -> list[str]:
    """Domains that have a template or a catalog but no page, sorted."""
    languages = list(config.languages if languages is None else languages)
    pages = {page_domain(page) for page in config.pages()}
    found = set()
    folders = [(templates_folder(config.locales_path), ".pot")]
    folders += [(catalog_folder(config.locales_path, language), ".po") for language in languages]
    for folder, suffix in folders:
        if folder.is_dir():
            for path in catalog_files(folder, suffix):
                domain = domain_of(path, folder)
                if domain != SITE_DOMAIN and domain not in pages:
                    found.add(domain)
    return sorted(found)


def _catalog_keys(config: SiteConfig, domain: str, languages: list[str]) -> set[Key]:
    """The messages of a domain without a page: its template's, else its catalogs'."""
    template = config.template_path(domain)
    paths = [(template, None)] if template.is_file() else \
        [(config.catalog_path(language, domain), language) for language in languages]
    keys: set[Key] = set()
    for path, language in paths:
        if not path.is_file():
            continue
        try:
            po = read_po_file(path, shown=config.shown(path), template=language is None,
                              language=language)
        except CatalogError:
            continue  # a malformed catalog is reported (and never moved) by the update
        keys |= {key_of(message) for message in active_messages(po.catalog)}
    return keys


def detect_moves(config: SiteConfig, languages: list[str] | None = None) -> list[Move]:
    """Each catalog without a page, paired with the page whose messages it holds."""
    languages = list(config.languages if languages is None else languages)
    orphans = {domain: _catalog_keys(config, domain, languages)
               for domain in orphan_domains(config, languages)}
    orphans = {domain: keys for domain, keys in orphans.items() if keys}
    if not orphans:
        return []
    pages = {page_domain(page): {key_of(m) for m in active_messages(extract_page(config, page))}
             for page in config.pages()}
    scored = []
    for old, old_keys in orphans.items():
        for new, new_keys in pages.items():
            shared = len(old_keys & new_keys) / max(len(old_keys), len(new_keys), 1)
            if shared >= MOVE_SHARE:
                scored.append((-shared, old, new))
    moves, taken_old, taken_new = [], set(), set()
    for negative, old, new in sorted(scored):
        if old not in taken_old and new not in taken_new:
            moves.append(Move(old, new, -negative))
            taken_old.add(old)
            taken_new.add(new)
    return sorted(moves, key=lambda move: move.old)


# --------------------------------------------------------------------------- files and git


def _git_root(root: Path) -> Path | None:
    if shutil.which("git") is None:
        return None
    result = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"],
                            capture_output=True, text=True)
    return Path(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None


def _tracked(git_root: Path | None, path: Path) -> bool:
    if git_root is None:
        return False
    result = subprocess.run(["git", "-C", str(git_root), "ls-files", "--error-unmatch", "--",
                             str(path.resolve())], capture_output=True, text=True)
    return result.returncode == 0


def _git(git_root: Path, *args: str) -> None:
    result = subprocess.run(["git", "-C", str(git_root), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise CatalogError(f"git {' '.join(args)}: {result.stderr.strip() or 'failed'}; "
                           "fix the work tree and run `make catalogs` again")


def _move_file(source: Path, target: Path, git_root: Path | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if _tracked(git_root, source):
        _git(git_root, "mv", "--", str(source.resolve()), str(target.resolve()))
    else:
        source.replace(target)


def _remove_file(path: Path, git_root: Path | None) -> None:
    if _tracked(git_root, path):
        _git(git_root, "rm", "-q", "-f", "--", str(path.resolve()))
    else:
        path.unlink()


def _translated(po: PoFile) -> bool:
    return any(has_translation(m) for m in (*active_messages(po.catalog), *po.catalog.obsolete.values()))


# --------------------------------------------------------------------------- carrying


def carry_moves(config: SiteConfig, moves: list[Move], languages: list[str] | None = None
                ) -> list[str]:
    """Move the template and the catalogs of each move to the new page's name; return what
    was done, one line per file (``moved a -> b`` or ``merged a into b``)."""
    languages = list(config.languages if languages is None else languages)
    git_root = _git_root(config.root)
    done: list[str] = []
    for move in moves:
        old_page = f"{config.docs_dir}/{move.old}.md"
        new_page = f"{config.docs_dir}/{move.new}.md"
        for language in languages:
            source = config.catalog_path(language, move.old)
            if not source.is_file():
                continue
            target = config.catalog_path(language, move.new)
            old = read_po_file(source, shown=config.shown(source), language=language)
            existing = read_po_file(target, shown=config.shown(target), language=language) \
                if target.is_file() else None
            if existing is None or not _translated(existing):
                if existing is not None:
                    _remove_file(target, git_root)  # no translation in it: made by an update
                _move_file(source, target, git_root)
                _rename_in_header(target, old_page, new_page)
                done.append(f"moved {config.shown(source)} -> {config.shown(target)}")
            else:
                _merge_into(old, existing, target)
                _remove_file(source, git_root)
                done.append(f"merged {config.shown(source)} into {config.shown(target)}")
        source = config.template_path(move.old)
        if source.is_file():
            target = config.template_path(move.new)
            if target.is_file():
                _remove_file(source, git_root)  # the new page's template is extracted anew
                done.append(f"removed {config.shown(source)}")
            else:
                _move_file(source, target, git_root)
                _rename_in_header(target, old_page, new_page)
                done.append(f"moved {config.shown(source)} -> {config.shown(target)}")
    return done


def copy_translations(config: SiteConfig, move: Move, languages: list[str] | None = None
                      ) -> list[str]:
    """The translations of the catalogs of *move.old* into those of *move.new*, when text of
    the page *move.old* (which still exists) moved to *move.new*: a short "this page moved"
    page left at the old path, a page split in two, a section moved. The old catalogs stay as
    they are (nothing leaves them); the new page's untranslated entries take their
    translations. One line per catalog that changed."""
    languages = list(config.languages if languages is None else languages)
    done: list[str] = []
    for language in languages:
        source = config.catalog_path(language, move.old)
        if not source.is_file():
            continue
        target = config.catalog_path(language, move.new)
        old = read_po_file(source, shown=config.shown(source), language=language)
        if not target.is_file():  # (the update makes it the new page's catalog, as for a move)
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, source.read_text(encoding="utf-8"))
            _rename_in_header(target, f"{config.docs_dir}/{move.old}.md",
                              f"{config.docs_dir}/{move.new}.md")
        else:
            new = read_po_file(target, shown=config.shown(target), language=language)
            if not _merge_into(old, new, target, keep_others=False):
                continue
        done.append(f"copied the translations of {config.shown(source)} into {config.shown(target)}")
    return done


def _rename_in_header(path: Path, old_page: str, new_page: str) -> None:
    """The header comments name the page (``English translation of docs/faq.md.``)."""
    text = path.read_text(encoding="utf-8")
    head, separator, rest = text.partition('\nmsgid ""')
    if separator and old_page in head:
        atomic_write(path, head.replace(old_page, new_page) + separator + rest)


def _merge_into(old: PoFile, existing: PoFile, target: Path, *, keep_others: bool = True) -> int:
    """The translations of *old* into *existing* (written to *target*): an entry that the
    existing catalog leaves untranslated takes the old translation; with *keep_others*, any
    other old translation is kept as an obsolete entry, which an update brings back if its
    text comes back. Gives the number of entries filled (without *keep_others*, the catalog
    is written only when there is one)."""
    catalog = existing.catalog
    active = {key_of(m): m for m in active_messages(catalog)}
    obsolete = {key_of(m): m for m in catalog.obsolete.values()}
    filled = 0
    for message in (*old.catalog.obsolete.values(), *active_messages(old.catalog)):
        if not has_translation(message):
            continue
        key = key_of(message)
        here = active.get(key)
        if here is not None:
            if not has_translation(here):
                here.string = message.string
                here.flags |= message.flags
                here.user_comments = list(message.user_comments)
                here.previous_id = list(message.previous_id)
                filled += 1
        elif keep_others and key not in obsolete:
            kept = message.clone()
            kept.locations, kept.auto_comments = [], []
            catalog.obsolete[key[1] if key[0] is None else (key[1], key[0])] = kept
            obsolete[key] = kept
    if keep_others or filled:
        atomic_write(target, render_catalog(catalog, existing.headers,
                                            header_comments=existing.header_comments,
                                            header_fuzzy=existing.header_fuzzy))
    return filled


# --------------------------------------------------------------------------- messages


def orphan_problem(config: SiteConfig, path: Path, domain: str, move: Move | None) -> str:
    """``path: what is wrong; how to fix it`` for a catalog whose page is gone: the command
    given works as written (tried by the tests)."""
    shown = config.shown(path)
    old_page = f"{config.docs_dir}/{domain}.md"
    if move is not None:
        return (f"{shown}: page {old_page} no longer exists; its messages are now in "
                f"{config.docs_dir}/{move.new}.md: run `make catalogs` to carry the "
                "catalogs there with their translations")
    remove = "git rm -q" if _tracked(_git_root(config.root), path) else "rm"
    return (f"{shown}: page {old_page} no longer exists and no page holds its messages; if it "
            f"moved, run `mdbabel move {old_page} {config.docs_dir}/NEW.md` (the new path), "
            f"else delete the catalog: `{remove} {shlex.quote(shown)}`")
