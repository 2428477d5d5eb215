"""The catalogs as one language build reads them: which file holds a page's translations, reading
it (a malformed one stops the build with its place), the page's fallback catalogs, its review
state, and the translated page computed once per source text and catalog version (kept in
memory and in the store of earlier builds, ``mdbabel.build_cache``). Also the source pages as
MkDocs splits them (body, front matter, first line of the body), read once per file version."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from mdbabel import project, review_state
from mdbabel.build_cache import text_digest
from mdbabel.catalogs import SITE_DOMAIN, CatalogError, fuzzy_count, load_translations
from mdbabel.checks import check_translation
from mdbabel.page_source import read_page_source
from mdbabel.translate import Translation, TranslationResult, translate_markdown


TranslationMap = dict[tuple[str | None, str], Translation]


class CatalogAccess:
    """The plugin's catalog lookups (a part of :class:`mdbabel.mkdocs_plugin.plugin.MdBabelPlugin`)."""

    @property
    def locales_dir(self) -> Path:
        return self._root / self.config.locales_dir

    def _shown(self, path: Path) -> str:
        try:
            return path.relative_to(self._root).as_posix()
        except ValueError:
            return path.as_posix()

    def catalog_path(self, language: str, domain: str) -> Path:
        """``locales/<lang>/LC_MESSAGES/<domain>.po``; *domain* is a page path without ``.md``.
        (Kept per build: a build asks for each path several times, and joining a path costs
        more than the lookups it serves.)"""
        key = (language, domain)
        path = self._catalog_paths.get(key)
        if path is None:
            path = self._catalog_paths[key] = project.catalog_path(self.locales_dir, language, domain)
        return path

    def translations(self, language: str, domain: str) -> TranslationMap:
        """Usable translations of one catalog (no catalog yet: none).

        ``load_translations`` keeps each catalog until its file changes (mtime, size), so
        ``mkdocs serve`` shows a saved .po file on the next rebuild without a restart.
        """
        path = self.catalog_path(language, domain)
        if not path.is_file():
            return {}
        try:
            return load_translations(path, root=self._root, language=language, store=self._store)
        except CatalogError as error:
            # A malformed catalog fails the build in every mode: nothing sensible can be shown.
            raise PluginError(str(error)) from None

    def _page_fallbacks(self, language: str, domain: str) -> list[tuple[str, Any]]:
        """``[(language, lookup)]`` of one page's catalogs along *language*'s fallback chain,
        between the language and the source (mdbabel.translate: fallbacks)."""
        chain = self._chains.get(language) or (language, self.config.source_language)
        return [(code, functools.partial(_catalog_get, self.translations(code, domain)))
                for code in chain[1:-1]]

    def _read_catalogs(self, files) -> None:
        """Read the catalog of every page in every other language before any page is built
        (each is read once anyway: the status page counts them all), so that a malformed one
        stops the build with its own file and line, not as an error in whichever page first
        needed it."""
        others = [code for code in self.languages if code != self.config.source_language]
        for code in others:
            # the interface catalogs too: the first build then reads (and the store of page
            # translations saves) every catalog the later builds use
            self.translations(code, SITE_DOMAIN)
        for file in self._source_pages(files):
            if not file.abs_src_path or not file.src_uri.endswith(".md"):
                continue
            domain = file.src_uri.rsplit(".", 1)[0]
            for code in others:
                self.translations(code, domain)

    def _source_pages(self, files) -> list:
        """The source-language pages of this build (every page in the default language's),
        in path order: the rows of the status table, and the catalogs they count."""
        source = self.config.source_language
        return sorted((f for f in files.documentation_pages()
                       if getattr(f, "locale", source) == source
                       or self.language == self.default_language),
                      key=lambda f: f.src_uri)

    def _shown_source(self, src_uri: str) -> str:
        """``docs/foo/bar.md``: a source page as messages name it (docs folder + src_uri)."""
        return f"{self._docs_name}/{src_uri}"

    def review_state(self, language: str, domain: str | None = None) -> str | None:
        """The review state of *language* (its ``_site.po`` header), or of one page when that
        page's catalog has its own header (mdbabel.review_state)."""
        try:
            if domain is not None:
                path = self.catalog_path(language, domain)
                state = review_state.catalog_state(path, self._shown(path))
                if state is not None:
                    return state
            path = self.catalog_path(language, SITE_DOMAIN)
            return review_state.catalog_state(path, self._shown(path))
        except CatalogError as error:
            raise PluginError(str(error)) from None

    def _translate_page(self, markdown: str, language: str, domain: str,
                        catalog: TranslationMap) -> TranslationResult:
        """The page translated into *language* (untranslated units marked), computed once per
        source text and catalog version."""
        # the digest of the bytes *catalog* was read from (load_translations; none: no catalog)
        catalog_digest = getattr(catalog, "digest", text_digest(None))
        fallbacks = self._page_fallbacks(language, domain)
        if fallbacks:  # the fallback catalogs' bytes are part of the result too
            catalog_digest = "+".join([catalog_digest, *(
                f"{code}:{getattr(lookup.args[0], 'digest', text_digest(None))}" for code, lookup in fallbacks)])
        key = (catalog_digest, markdown.rstrip("\n"))
        cached = self._translated.get((language, domain))
        if cached is not None and cached[0] == key:
            result = cached[1]
        else:
            # an earlier build's result for the same two texts (build_cache); the catalog's
            # folder is part of the problems' messages
            stored_key = (language, domain, self.config.source_language, self.config.locales_dir,
                          catalog_digest, text_digest(key[1]))
            result = self._store.get(stored_key) if self._store is not None else None
            if result is None:
                lookup = lambda msgid, context: catalog.get((context, msgid))  # noqa: E731
                result = translate_markdown(key[1], lookup, source_lang=self.config.source_language,
                                            mark_untranslated=True, mark_attributes=True, language=language,
                                            fallbacks=fallbacks)
                if self._store is not None:
                    self._store.put(stored_key, result)
            self._translated[(language, domain)] = (key, result)
        # the caller gets the page's own final newlines and a list of problems of its own
        return TranslationResult(result.markdown + markdown[len(key[1]):], result.total,
                                 result.translated, list(result.problems),
                                 list(result.untranslated_units), result.fallback_units)

    def _count_fuzzy(self, language: str, domain: str) -> int:
        path = self.catalog_path(language, domain)
        if not path.is_file():
            return 0
        try:
            # parsed once with the translations (load_translations' cache)
            return fuzzy_count(path, root=self._root, language=language)
        except CatalogError as error:
            raise PluginError(str(error)) from None


def _catalog_get(catalog: TranslationMap, msgid: str, context: str | None) -> Translation | None:
    return catalog.get((context, msgid))


def _checked(msgid: str, lookup, kind: str, problems: list[str] | None = None,
             language: str | None = None) -> Translation | None:
    """The translation of *msgid*, unless it fails the checks (then its problems go to *problems*).

    Text outside the Markdown body (front matter title and description, source names) is
    written into the page's <title>, <meta> and templates: the same checks as for the body
    keep a translation from adding e.g. <script> or an event attribute there.
    """
    found = lookup(msgid, None)
    if found is None:
        return None
    found_problems = check_translation(msgid, found.text, kind, reorder=found.reorder,
                                       language=language)
    if found_problems:
        if problems is not None:
            problems.extend(f"{found.origin}: {problem}" for problem in found_problems)
        return None
    return found


def _body_first_line(abs_src_path: str | None) -> int:
    """Line of the source file where the Markdown body (after the front matter) starts."""
    if not abs_src_path:
        return 1
    try:
        return _source_page(abs_src_path)[2]
    except OSError:
        return 1


_SOURCE_CACHE: dict[str, tuple[tuple[int, int], tuple[str, dict, int]]] = {}


def _source_page(abs_src_path: str) -> tuple[str, dict, int]:
    """(body, front matter, line where the body starts) of a source page, as MkDocs splits it.

    Each language build reads every page for the status table and for error lines; the
    result is kept until the file changes (mtime, size), so ``mkdocs serve`` sees edits.
    """
    from mkdocs.utils.meta import get_data

    stat = os.stat(abs_src_path)
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _SOURCE_CACHE.get(abs_src_path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    raw = read_page_source(abs_src_path, abs_src_path, rules=False)[0]  # as the build reads it
    body, meta = get_data(raw)
    # line numbers: MkDocs' own split of the text with Unix line ends (the body given to
    # plugins may already be reformatted)
    unix = raw.replace("\r\n", "\n")
    unix_body = body if unix == raw else get_data(unix)[0]
    first_line = 1
    if unix_body and unix.endswith(unix_body):
        first_line = unix[: len(unix) - len(unix_body)].count("\n") + 1
    result = (body, meta, first_line)
    _SOURCE_CACHE[abs_src_path] = (stamp, result)
    return result
