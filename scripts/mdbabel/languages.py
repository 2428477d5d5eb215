"""Which target languages a site publishes, and where a missing interface string comes from.

Publishing. A target language is *published* when the share of its page messages that are
translated reaches the publishing threshold (``publish_threshold`` of the ``mdbabel``
plugin in mkdocs.yml; default :data:`DEFAULT_PUBLISH_THRESHOLD`). The share is counted over
every page catalog of the language (``_site`` is left out: interface strings fall back, see
below), against the messages of the page templates in ``locales/templates/`` (a page whose
template is not written yet is extracted on the spot): a translation counts when it is not
fuzzy and its message is still in the template, so a stale catalog counts for no more than
what the pages still say, and a language without catalogs counts nothing. Below the threshold the language is a
*preview*: it is built, but its pages say ``noindex``, and no sitemap or hreflang link
names them (the adapter and the templates do that with :class:`LanguageState`).

Fallback chain. An interface string (``_site`` domain) that the reader's catalog lacks is
looked up in the languages of the chain, in order, and in the end is the source text (the
msgid). The chain is configured per language (``fallback: {ko: [en]}``); the source
language always closes it. Page messages follow the same chain (``fallbacks`` of
:func:`mdbabel.translate.translate_markdown`) and never count as translated.

No MkDocs here: the MkDocs adapter (:mod:`mdbabel.mkdocs_plugin`) and the tests use these
functions with the site's own catalogs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .catalogs.extract import extract_page
from .catalogs.translations import load_translations
from .po.read import read_po_file
from .problems import CatalogError
from .project import SITE_DOMAIN, SiteConfig

#: A language is published from this share of translated page messages on.
DEFAULT_PUBLISH_THRESHOLD = 0.8

Key = tuple[str | None, str]


class LanguageConfigError(ValueError):
    """The publishing or fallback options cannot be used (the message says how to fix them)."""


@dataclass(frozen=True)
class LanguageState:
    """Whether one language is published, and the counts that decided it."""

    code: str
    translated: int
    total: int
    published: bool
    source: bool = False

    @property
    def share(self) -> float:
        return 1.0 if self.total == 0 else self.translated / self.total

    @property
    def preview(self) -> bool:
        return not self.published


# --------------------------------------------------------------------------- publishing


def check_threshold(value: object, *, name: str = "publish_threshold") -> float:
    """*value* as a share between 0 and 1, or :class:`LanguageConfigError`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
        raise LanguageConfigError(f"{name} must be a number between 0 and 1 (got {value!r}); "
                                  f"write e.g. `{name}: 0.8`")
    return float(value)


def decide(counts: Mapping[str, tuple[int, int]], source: str, threshold: float) -> dict[str, LanguageState]:
    """:class:`LanguageState` of the source language (always published) and of every language
    in *counts* (``{code: (translated, total)}``), in the order given."""
    states = {source: LanguageState(source, 0, 0, True, source=True)}
    for code, (translated, total) in counts.items():
        if code == source:
            continue
        share = 1.0 if total == 0 else translated / total
        states[code] = LanguageState(code, translated, total, share >= threshold)
    return states


_TEMPLATE_KEYS: dict[str, tuple[tuple[int, int], frozenset[Key]]] = {}


def template_keys(path: Path, shown: str) -> frozenset[Key]:
    """The messages of one template (``.pot``), kept until the file changes; none when the
    template does not exist (the page's catalogs are not extracted yet: ``make check`` says
    so). Raises :class:`CatalogError` for a malformed template."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return frozenset()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _TEMPLATE_KEYS.get(os.fspath(path))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    po = read_po_file(path, shown=shown, template=True)
    keys = frozenset((m.context, m.id[0] if isinstance(m.id, (list, tuple)) else m.id)
                     for m in po.catalog if m.id)
    _TEMPLATE_KEYS[os.fspath(path)] = (stamp, keys)
    return keys


def page_messages(config: SiteConfig, domain: str) -> frozenset[Key]:
    """The messages of one page: its template, or the page extracted when there is none yet."""
    path = config.template_path(domain)
    keys = template_keys(path, config.shown(path))
    if keys or path.exists():
        return keys
    page = f"{domain}.md"
    if not (config.docs_path / page).is_file():
        return frozenset()
    return frozenset((m.context, m.id[0] if isinstance(m.id, (list, tuple)) else m.id)
                     for m in extract_page(config, page) if m.id)


def count_translated(domains: Iterable[str], languages: Iterable[str],
                     templates: Callable[[str], frozenset[Key]],
                     translations: Callable[[str, str], Mapping[Key, object]]) -> dict[str, tuple[int, int]]:
    """``{language: (translated, total)}`` over the page *domains* (``_site`` left out):
    *templates(domain)* gives a page's messages, *translations(language, domain)* the usable
    translations of its catalog (none when it has no catalog)."""
    keys = {domain: templates(domain) for domain in domains if domain != SITE_DOMAIN}
    total = sum(len(k) for k in keys.values())
    counts = {}
    for language in languages:
        done = 0
        for domain, wanted in keys.items():
            if wanted:
                done += len(wanted & translations(language, domain).keys())
        counts[language] = (done, total)
    return counts


def site_states(config: SiteConfig, threshold: float = DEFAULT_PUBLISH_THRESHOLD) -> dict[str, LanguageState]:
    """The publishing state of every language of the site in *config*, from its catalogs on
    disk (what the site build decides for the same files)."""

    def translations(language: str, domain: str) -> Mapping[Key, object]:
        path = config.catalog_path(language, domain)
        if not path.is_file():
            return {}
        return load_translations(path, root=config.root, language=language)

    domains = config.domains()
    counts = count_translated(domains, config.languages, lambda domain: page_messages(config, domain),
                              translations)
    return decide(counts, config.source_language, threshold)


def plugin_options(config: SiteConfig) -> dict:
    """The ``mdbabel`` plugin's options as written in mkdocs.yml (``{}`` if none)."""
    plugins = config.raw.get("plugins") or []
    items = plugins.items() if isinstance(plugins, dict) else (
        (next(iter(p.items())) if isinstance(p, dict) and p else (p, {})) for p in plugins)
    for name, options in items:
        if name == "mdbabel":
            return options if isinstance(options, dict) else {}
    return {}


# --------------------------------------------------------------------------- fallback chain


def fallback_chains(configured: object, languages: Sequence[str], source: str) -> dict[str, tuple[str, ...]]:
    """``{language: chain}`` for the source and every language in *languages*: the language
    itself, the languages configured for it (``{ko: [en]}``; a string is a chain of one) and
    the source language last. Raises :class:`LanguageConfigError` for an unknown language,
    a language that is not built, or a chain that is not a list."""
    known = [source, *(code for code in languages if code != source)]
    if configured is None:
        configured = {}
    if not isinstance(configured, Mapping):
        raise LanguageConfigError("fallback must map a language to the languages its interface "
                                  f"falls back to (got {configured!r}); write e.g. "
                                  "`fallback: {ko: [en]}`")
    for code in configured:
        if code not in known:
            raise LanguageConfigError(f"fallback: {code!r} is not a language of the site "
                                      f"({', '.join(known)}); list it under plugins: i18n: "
                                      "languages or remove it from fallback")
    chains = {}
    for code in known:
        wanted = configured.get(code) or []
        if isinstance(wanted, str):
            wanted = [wanted]
        if not isinstance(wanted, (list, tuple)) or not all(isinstance(w, str) for w in wanted):
            raise LanguageConfigError(f"fallback: {code}: must be a list of languages (got "
                                      f"{wanted!r}); write e.g. `{code}: [en]`")
        for other in wanted:
            if other not in known:
                raise LanguageConfigError(f"fallback: {code}: {other!r} is not a language of the "
                                          f"site ({', '.join(known)}); use one of them")
        chain = [code]
        for other in [*wanted, source]:
            if other not in chain:
                chain.append(other)
        chains[code] = tuple(chain)
    return chains


class FallbackLookup:
    """Interface strings along a fallback chain: ``find(msgid)`` gives the text and the
    language it is in (the last language, the source, gives the msgid itself).

    *catalogs* are the usable translations of each language of the chain but the last,
    ``{(msgctxt, msgid): translation}`` whose values have a ``text`` attribute.
    """

    def __init__(self, chain: Sequence[str], catalogs: Mapping[str, Mapping[Key, object]]) -> None:
        self.chain = tuple(chain)
        self.language = self.chain[0]
        self._catalogs = [(code, catalogs.get(code) or {}) for code in self.chain[:-1]]

    def find(self, message: str, context: str | None = None) -> tuple[str, str]:
        for code, catalog in self._catalogs:
            found = catalog.get((context, message))
            if found is not None:
                return found.text, code
        return message, self.chain[-1]

    def has(self, message: str, context: str | None = None) -> bool:
        """Whether the reader's own catalog translates *message*."""
        return self.find(message, context)[1] == self.language


def load_fallback_lookup(chain: Sequence[str],
                         translations: Callable[[str], Mapping[Key, object]]) -> FallbackLookup:
    """A :class:`FallbackLookup` with *translations(language)* read for each language of
    *chain* but the last (the source language needs no catalog)."""
    return FallbackLookup(chain, {code: translations(code) for code in chain[:-1]})


__all__ = ["DEFAULT_PUBLISH_THRESHOLD", "CatalogError", "FallbackLookup", "LanguageConfigError",
           "LanguageState", "check_threshold", "count_translated", "decide", "fallback_chains",
           "load_fallback_lookup", "page_messages", "plugin_options", "site_states", "template_keys"]
