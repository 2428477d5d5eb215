"""A catalog's usable translations, as the site build and ``mdbabel translate`` read them.

Owns :func:`load_translations` (``{(msgctxt, msgid): Translation}``, fuzzy and empty entries
left out, each with its ``file:line`` origin; kept per file until it changes, and in the
build's store by content), :func:`fuzzy_count` and :func:`make_lookup`. A catalog in the
regular layout is read in one pass by :func:`read_translations_fast` (with the results the
full reader gives); any other goes through :func:`mdbabel.po.read.read_po_file`.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from ..build_cache import text_digest
from ..po.entries import Key, active_messages, is_translated, key_of
from ..po.fast import Irregular, is_fuzzy, is_reorder, regular_entries
from ..po.headers import header_value, language_problem, parse_header, says_utf8
from ..po.read import PoFile, read_po_file
from ..po.syntax import msgstr_text, string_text
from ..problems import CatalogError
from ..project import language_of, located_under
from ..textnorm import decode_normal
from ..translate import Lookup, Translation
from .stats import catalog_stats

__all__ = ["load_translations", "LoadedTranslations", "fuzzy_count", "make_lookup",
           "translations_of", "read_translations_fast"]


def read_translations_fast(path: Path, shown: str, language: str | None,
                            data: bytes | None = None
                            ) -> tuple[dict[Key, Translation], int] | None:
    """What :func:`load_translations` gets from Babel's parser: the usable translations and
    the number of fuzzy messages of the catalog at *path* (or of its bytes *data*, read by
    the caller), for a catalog in the regular layout that :func:`read_po_file` accepts;
    ``None`` for anything else (irregular or wrong), which only Babel's parser then reads
    and explains."""
    if data is None:
        data = path.read_bytes()
    try:
        text = decode_normal(data)
    except UnicodeDecodeError:
        return None
    translations: dict[Key, Translation] = {}
    fuzzy = 0
    try:
        entries = regular_entries(text)
        _, _, header_lines, _, _, header_line = next(entries)
        for comments, key, msgstr, obsolete, _, line in entries:
            if obsolete:
                continue
            if "fuzzy" in comments and is_fuzzy(comments):
                fuzzy += 1
                continue
            string = msgstr_text(msgstr)
            if string:
                translations[key] = Translation(string, f"{shown}:{line}",
                                                "mdbabel-reorder" in comments
                                                and is_reorder(comments))
    except Irregular:
        return None

    # The header checks of read_po_file, in its order.
    try:
        headers = parse_header(string_text(header_lines), shown, header_line)
    except CatalogError:
        return None
    if not says_utf8(header_value(headers, "Content-Type") or ""):
        return None
    if language_problem(shown, header_line, header_value(headers, "Language"),
                         language or language_of(path)):
        return None
    return translations, fuzzy


_TRANSLATIONS_CACHE: dict[Path, tuple[tuple[int, int, int, str], dict[Key, Translation], int, str]] = {}


def load_translations(po_path: str | Path, *, root: str | Path | None = None,
                      language: str | None = None, store=None) -> dict[Key, Translation]:
    """Usable translations of a catalog: ``{(msgctxt, msgid): Translation}``.

    Fuzzy and empty entries are left out: they are never published. Each translation's
    origin is ``<path relative to root>:<line of its msgstr>``. Results are cached by
    (path, mtime, size), so a long-running ``mkdocs serve`` sees a saved catalog at once.
    Raises :class:`CatalogError` for a malformed catalog.

    A catalog in the layout gettext tools write is read by a fast reader with the same
    results as :func:`read_po_file`; any other file (or error) is left to :func:`read_po_file`.
    With a :class:`mdbabel.build_cache.TranslationStore` as *store*, a catalog whose bytes an
    earlier build read is not parsed again (a malformed one is never stored).
    """
    path = Path(po_path)
    resolved, shown = _located(os.fspath(po_path), os.fspath(root) if root is not None
                               else os.getcwd())
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise CatalogError(f"{shown}: catalog not found; run `make catalogs` or "
                           "`mdbabel init LANG` to create it") from None
    stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino, f"{shown}|{language}")
    cached = _TRANSLATIONS_CACHE.get(resolved)
    if cached is not None and cached[0] == stamp:
        return LoadedTranslations(cached[1], cached[3])
    try:
        data = path.read_bytes()  # read once: the digest is of the bytes the readers parse
    except OSError:
        data = None  # read_po_file says what is wrong
    digest = text_digest(data)
    found = stored_key = None
    if store is not None and data is not None:
        stored_key = ("catalog", shown, language, digest)
        found = store.get(stored_key)
    if found is None:
        found = read_translations_fast(path, shown, language, data)
        if found is None:
            po = read_po_file(path, shown=shown, language=language, data=data)
            found = translations_of(po), catalog_stats(po.catalog).fuzzy
        if stored_key is not None:
            store.put(stored_key, found)
    translations, fuzzy = found
    _TRANSLATIONS_CACHE[resolved] = (stamp, translations, fuzzy, digest)
    return LoadedTranslations(translations, digest)


class LoadedTranslations(dict):
    """What :func:`load_translations` returns: ``{(msgctxt, msgid): Translation}``, and in
    ``digest`` the :func:`mdbabel.build_cache.text_digest` of the bytes they were read from
    (the catalog's part of the key of a page translation kept between builds)."""

    def __init__(self, translations: dict[Key, Translation], digest: str) -> None:
        super().__init__(translations)
        self.digest = digest


def fuzzy_count(po_path: str | Path, *, root: str | Path | None = None,
                language: str | None = None) -> int:
    """Number of fuzzy messages of a catalog, read (and cached) with :func:`load_translations`:
    a build that needs both parses the file once."""
    load_translations(po_path, root=root, language=language)
    resolved, _ = _located(os.fspath(po_path), os.fspath(root) if root is not None
                           else os.getcwd())
    return _TRANSLATIONS_CACHE[resolved][2]


@functools.lru_cache(maxsize=65536)
def _located(po_path: str, root: str) -> tuple[Path, str]:
    """(resolved path, path shown in messages) of a catalog: a build asks for each catalog
    several times, and resolving a path costs a system call per component."""
    return located_under(Path(po_path), Path(root))


def translations_of(po: PoFile) -> dict[Key, Translation]:
    translations: dict[Key, Translation] = {}
    for message in active_messages(po.catalog):
        if isinstance(message.id, (list, tuple)) or not is_translated(message):
            continue
        key = key_of(message)
        translations[key] = Translation(message.string,
                                        f"{po.shown}:{po.msgstr_lines.get(key, message.lineno)}",
                                        "mdbabel-reorder" in message.flags)
    return translations


def make_lookup(translations: dict[Key, Translation]) -> Lookup:
    """A :data:`mdbabel.translate.Lookup` over the result of :func:`load_translations`."""

    def lookup(msgid: str, msgctxt: str | None = None) -> Translation | None:
        return translations.get((msgctxt, msgid))

    return lookup
