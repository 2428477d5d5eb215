"""MkDocs adapter (entry point ``mdbabel``): applies the gettext catalogs to each language build.

mkdocs-static-i18n builds the whole site once per language (the source language first, then
one nested build per extra language from its ``on_post_build``) and keeps the language being
built in ``config.plugins["i18n"].current_language``. Every event below therefore runs once
per language; the pipeline of one build is:

====================  ========  =====================================================
event                 priority  what happens
====================  ========  =====================================================
on_config             -110      after i18n (-100): language of this build, figures,
                                per-language 404 page, rendered robots.txt; the first
                                language opens the store of the last build's page
                                translations (``build_cache``)
on_nav                -110      after i18n: section and nav titles from ``_site.po``;
                                every catalog read; what lives until the end of the
                                build is set aside from the garbage collector
on_page_read_source   0         the page in the normal form (LF, NFC); its front
                                matter checked (``page_source``): strict fails in
                                on_env, else a warning; unreadable YAML left out
on_page_markdown      -10       body, title and description through the page catalog
                                (``translate_markdown``, or the store's result for the
                                same page and catalog bytes), notices, translation
                                status table, then ``{{ figures }}`` for the page's
                                language
on_env                0         all pages are read: in strict mode fail with every
                                catalog problem at once; which languages are published
                                (``mdbabel.languages``); install ``jinja2.ext.i18n``
                                with ``_site.po`` along the fallback chain (templates
                                use ``{% trans %}``), autoescape for overrides/, escaped
                                titles and site name for the theme (``escaping``); read
                                the inline scripts the templates write (``csp``)
on_page_context       0         after i18n (50): ``mdbabel_page`` (notice),
                                ``mdbabel_extras`` (review date, sources),
                                ``mdbabel_alternates`` (language menu, hreflang)
on_post_page          -40       interface text that fell back gets its ``lang``
                                (``mdbabel.lang_marks``), before mdbabel-search (-50)
on_template_context   0         language roots for the 404 page
on_post_page          -1000     last: the page's Content-Security-Policy (``csp``;
                                not under ``mkdocs serve``, see on_startup)
on_post_template      0         the same ``lang`` marks in the 404 pages, none elsewhere
on_post_build         -10       before i18n (-100) starts the next language: save the
                                store, write this language's 404 page under ``/<lang>/``
                      -30       after search (-20): the 404 page's CSP
on_post_build         -200      after the last language and the search indexes: the
                                offline manifests (``offline``), in the outermost build
on_build_error        0         hand the set-aside objects back to the collector
on_serve              0         ``mkdocs serve``: print each language's address
====================  ========  =====================================================

The work itself is done by plain functions in the core (translate, figures, catalogs); this
module only adapts them to MkDocs events.
"""

from __future__ import annotations

import functools
import gc
import gettext
import logging
import os
import re
from dataclasses import dataclass, field
from html import escape
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from babel import Locale
from babel.numbers import format_decimal, format_percent
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mdbabel import csp, lang_marks, mkdocs_converter
from mdbabel import languages as languages_module
from mdbabel import figures as figures_module
from mdbabel.figures import calculator as figure_calculator, changes as figure_changes
from mdbabel.build_cache import CACHE_FILE, TranslationStore, text_digest
from mdbabel import interface_strings as ui
from mdbabel import review_state
from mdbabel.catalogs import (SITE_DOMAIN, CatalogError, check_interface_translation, fuzzy_count,
                              load_site_config, load_translations)
from mdbabel.checks import check_translation
from mdbabel.escaping import (ProjectAutoescape, escape_titles, install_escaped_gettext,
                              markdown_text, plain_text)
from mdbabel.nav_html import NavRenderer
from mdbabel.segments import front_matter_message
from mdbabel.page_source import read_page_source
from mdbabel.textnorm import normal_text
from mdbabel import offline, share_cards
from mdbabel.template_cache import TEMPLATE_CACHE_DIR, TemplateCodeCache
from mdbabel.translate import Translation, TranslationResult, fallback_translation, translate_markdown

log = logging.getLogger("mkdocs.plugins.mdbabel")

#: Written by authors in docs/status.md; replaced by the generated translation status tables.
STATUS_PLACEHOLDER = "<!-- mdbabel:translation-status -->"

TranslationMap = dict[tuple[str | None, str], Translation]


# --------------------------------------------------------------------------- catalogs


class ChainGettext(gettext.NullTranslations):
    """gettext interface over a fallback chain (:class:`mdbabel.languages.FallbackLookup`):
    a text found in another language than the build's is marked with its language
    (:mod:`mdbabel.lang_marks`), and gets its own ``lang`` in the finished page."""

    def __init__(self, lookup: languages_module.FallbackLookup):
        super().__init__()
        self.lookup = lookup

    # MkDocs reads mkdocs.yml itself (nav labels, site name), in NFD if it was saved so: every
    # lookup is made in the normal form, as the catalogs are read
    def plain(self, message: str, context: str | None = None) -> tuple[str, str]:
        """(text, its language), unmarked: for attributes and sentences the caller marks."""
        return self.lookup.find(normal_text(message), context)

    def has(self, message: str) -> bool:
        """Whether the build language's own catalog translates *message*."""
        return self.lookup.has(normal_text(message))

    def _marked(self, text: str, language: str) -> str:
        return text if language == self.lookup.language else lang_marks.mark(text, language)

    def gettext(self, message: str) -> str:
        return self._marked(*self.plain(message))

    def pgettext(self, context: str, message: str) -> str:
        return self._marked(*self.lookup.find(message, context))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        text, language = self.lookup.find(singular)
        if language == self.lookup.chain[-1]:  # the source text
            text = singular if n == 1 else plural
        return self._marked(text, language)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        text, language = self.lookup.find(singular, context)
        if language == self.lookup.chain[-1]:
            text = singular if n == 1 else plural
        return self._marked(text, language)


# --------------------------------------------------------------------------- per page data


@dataclass
class PageTranslation:
    """What the templates need to know about the translation of the page being shown."""

    language: str                 # language of the build (reader's language)
    source_language: str
    state: str                    # "source" | "translated" | "partial" | "fallback"
    total: int = 0
    translated: int = 0
    share_text: str = ""          # Babel-formatted translated share, e.g. "83%"
    source_url: str | None = None  # the page in the source language (site-relative url)
    content_language: str = ""    # lang of the content block: source language when "fallback"
    notice: str = ""              # the notice above the content, in the reader's language
    notice_language: str = ""     # its lang (the source language while _site.po lacks it)
    original_link: str = ""       # text of the link to the source page
    original_link_language: str = ""
    review_notice: str = ""       # "machine-assisted, not reviewed" notice (mdbabel.review_state)
    review_notice_language: str = ""

    @property
    def translated_share(self) -> float:
        return 1.0 if self.total == 0 else self.translated / self.total


@dataclass
class PageExtras:
    """Review date and sources for the block under the content."""

    reviewed: str | None = None
    reviewed_iso: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class LanguageLink:
    code: str
    name: str          # in its own language: "Tiếng Việt", "English"
    url: str           # site-relative url of the same page in that language
    absolute_url: str  # for hreflang
    current: bool
    preview: bool = False  # below the publishing threshold: no hreflang, marked in the menu


@functools.lru_cache(maxsize=256)  # asked for every page and every language link
def language_name(code: str, in_language: str | None = None, *, capitalise: bool = True) -> str:
    """Display name of *code* in *in_language* (default: its own): "Tiếng Việt", "English".

    Capitalised for menus; ``capitalise=False`` keeps Babel's form for use inside a sentence
    ("tiếng Anh", "anglais").
    """
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name((in_language or code).replace("-", "_"))
    except (ValueError, LookupError):
        name = None
    name = name or code
    return name[:1].upper() + name[1:] if capitalise else name


# --------------------------------------------------------------------------- plugin


class MdBabelConfig(base.Config):
    locales_dir = c.Type(str, default="locales")
    source_language = c.Type(str, default="vi")
    threshold = c.Type((int, float), default=0.8)
    strict = c.Type((bool, str), default=False)
    figures_dir = c.Type(str, default="_data")  # inside docs_dir
    # the site's front matter rules in the build (mdbabel.site_checks: known keys, reviewed,
    # sources); a front matter that does not parse is a problem either way
    front_matter_rules = c.Type(bool, default=False)
    # keep page translations between builds in .cache/mdbabel/ (mdbabel.build_cache)
    cache = c.Type(bool, default=True)
    # write the navigation's items in Python instead of Material's macros (mdbabel.nav_html)
    fast_nav = c.Type(bool, default=True)
    # a language below this share of translated page messages is built as a preview
    # (noindex, out of the sitemap and hreflang); see mdbabel.languages
    publish_threshold = c.Type((int, float), default=languages_module.DEFAULT_PUBLISH_THRESHOLD)
    # where a missing interface string (_site.po) comes from: {ko: [en]}; the source last
    fallback = c.Type(dict, default={})
    # Open Graph data and a 1200 x 630 card per page (mdbabel.share_cards), drawn with the
    # fonts of this folder (relative to mkdocs.yml; default: the package's own, mdbabel/fonts)
    share_cards = c.Type(bool, default=True)
    card_fonts_dir = c.Optional(c.Type(str))
    # the printed booklets (mdbabel.booklets): made by `make site` (MDBABEL_BOOKLETS=true)
    booklets = c.Type((bool, str), default=False)


class MdBabelPlugin(BasePlugin[MdBabelConfig]):
    """Translate pages, titles, nav and interface strings from gettext catalogs."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.language = "vi"
        self.languages: list[str] = []
        self.default_language = "vi"
        self.problems: list[str] = []
        self.figures: dict[str, figures_module.Figure] = {}
        self._figures_key: tuple | None = None
        self._figures_date: date | None = None  # the build date of the figures (_load_figures)
        self._site_gettext = ChainGettext(languages_module.FallbackLookup(["vi"], {}))
        self._chains: dict[str, tuple[str, ...]] = {}
        self._menu_names: dict[str, str] = {}
        self._states: dict[str, languages_module.LanguageState] = {}
        self._page_data: dict[str, PageTranslation] = {}
        self._not_found_context: tuple | None = None
        self._nav = None
        self._site_texts: dict[str, str | None] | None = None
        self._site_texts_of = None  # the configuration they were read from
        self._root = Path.cwd()
        self._catalog_paths: dict[tuple[str, str], Path] = {}
        self._env = None
        self._docs_name = "docs"
        # (language, domain) -> ((catalog digest, source text), result): the status table
        # translates every page of every language in the first build; that language's own
        # build then reuses the result instead of translating the page again
        self._translated: dict[tuple[str, str], tuple[tuple, TranslationResult]] = {}
        # the same results kept on disk between builds, keyed by content (see on_config)
        self._store: TranslationStore | None = None
        self._template_cache: tuple[Path | None, TemplateCodeCache] | None = None
        # status page src_uri -> {marker comment: table HTML}, for on_page_content
        self._status_tables: dict[str, dict[str, str]] = {}
        # this build's booklets (on_env) and the pages that link to them
        self._booklets: list = []
        self._booklet_links: dict[str, list[str]] = {}
        self._booklet_day = None
        # `mkdocs serve` injects an inline live-reload script: no Content-Security-Policy there
        self._serving = False
        self._scripts: csp.ScriptAllowlist | None = None  # the templates' inline scripts
        self._cards: share_cards.CardCache | None = None

    # ----------------------------------------------------------------- helpers

    @property
    def strict(self) -> bool:
        value = self.config.strict
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)

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
            path = self._catalog_paths[key] = self.locales_dir / language / "LC_MESSAGES" / f"{domain}.po"
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

    def _checked_site_translations(self, language: str | None = None) -> TranslationMap:
        """``_site.po`` without the translations that fail the checks: nav labels and
        interface strings are written into the pages unescaped, and a lost ``%(name)s``
        placeholder would stop the build with a traceback. The problems of the build
        language's catalog are reported; another language's (a fallback) are left out
        silently, its own build reports them."""
        language = language or self.language
        usable: TranslationMap = {}
        for key, translation in self.translations(language, SITE_DOMAIN).items():
            found = check_interface_translation(key[1], translation.text, translation.reorder,
                                                language)
            if not found:
                usable[key] = translation
            elif language == self.language:
                self._report([f"{translation.origin}: {p}" for p in found], "the interface")
        return usable

    def _interface_lookup(self, language: str) -> languages_module.FallbackLookup:
        """Interface strings of *language* along its fallback chain."""
        return languages_module.load_fallback_lookup(
            self._chains.get(language) or (language, self.config.source_language),
            self._checked_site_translations)

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

    def gettext(self, message: str, **variables: Any) -> str:
        text = self._site_gettext.gettext(message)
        return text % variables if variables else text

    @property
    def is_source_build(self) -> bool:
        return self.language == self.config.source_language

    # ----------------------------------------------------------------- events

    def on_startup(self, *, command, dirty):
        """Its presence makes MkDocs (>= 1.4) keep this object for the whole run: without it,
        each rebuild of ``mkdocs serve`` loads the configuration with a new plugin object,
        and the page translations, catalogs and compiled templates kept in memory would never
        serve a rebuild. Per-build state is reset in on_config."""
        self._serving = command == "serve"

    def on_shutdown(self):
        """End of the run (``mkdocs serve`` stopped): write what the store has not yet."""
        if self._store is not None:
            self._store.save()

    @event_priority(-1000)  # after every plugin that changes the page (search: -50, i18n: -100)
    def _page_policy(self, output, page, config):
        """The page's Content-Security-Policy, with the hashes of its inline scripts (csp)."""
        return output if self._serving else self._with_policy(output, self._shown_source(page.file.src_uri))

    def _with_policy(self, output: str, where: str) -> str:
        refused: list[str] = []
        output = csp.add_policy(output, self._scripts, refused)
        for script in dict.fromkeys(refused):
            log.warning(f"{where}: an inline script that no template writes is not allowed by the "
                        f"Content-Security-Policy, so browsers will not run it "
                        f"({' '.join(script.split())[:60]!r}); put the script in a .js file "
                        "(extra_javascript in mkdocs.yml) or in a template under overrides/")
        return output

    @event_priority(-110)  # after i18n (-100), which sets current_language for this build
    def on_config(self, config):
        _normal_config(config)
        self._root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self._catalog_paths: dict[tuple[str, str], Path] = {}
        self._docs_name = Path(config.docs_dir).name
        i18n = config.plugins.get("i18n")
        source = self.config.source_language
        if i18n is not None:
            self.language = i18n.current_language or i18n.default_language or source
            self.languages = list(i18n.build_languages)
            self.default_language = i18n.default_language or source
        else:
            self.language, self.languages, self.default_language = source, [source], source
        if not 0 <= float(self.config.threshold) <= 1:
            raise PluginError(f"mdbabel: threshold must be between 0 and 1 (got {self.config.threshold})")
        try:
            languages_module.check_threshold(self.config.publish_threshold)
            self._chains = languages_module.fallback_chains(self.config.fallback, self.languages, source)
        except languages_module.LanguageConfigError as error:
            raise PluginError(f"{self._shown(Path(config.config_file_path or 'mkdocs.yml'))}: "
                              f"plugins: mdbabel: {error}") from None
        self._states = {}
        self._menu_names: dict[str, str] = {}
        self.problems = []
        self._page_data = {}
        mkdocs_converter.install()  # one Markdown converter for this language's pages
        if self._store is None or self.language == self.default_language:
            # once per site build: i18n builds the default language first, and so does
            # mkdocs serve on each change (which keeps the store it has in memory)
            store_path = self._root / CACHE_FILE if self.config.cache else None
            if self._store is not None and self._store.path == store_path:
                self._store.start_build()
            else:
                if self._store is not None:
                    self._store.save()
                self._store = TranslationStore(store_path)
            template_dir = self._root / TEMPLATE_CACHE_DIR if self.config.cache else None
            if self._template_cache is None or self._template_cache[0] != template_dir:
                self._template_cache = (template_dir, TemplateCodeCache(template_dir))
        self._load_figures(Path(config.docs_dir) / self.config.figures_dir)
        self._site_gettext = ChainGettext(
            languages_module.FallbackLookup([source], {}) if self.is_source_build
            else self._interface_lookup(self.language))
        # site name and description are _site messages too; keep the source text for rebuilds
        # (a configuration loaded again, as by each rebuild of `mkdocs serve`, has its own)
        if self._site_texts is None or self._site_texts_of is not config:
            self._site_texts = {"site_name": config.site_name, "site_description": config.site_description}
            self._site_texts_of = config
        for key, text in self._site_texts.items():
            config[key] = self._site_gettext.gettext(text) if text else text
        # The theme renders 404.html into site_dir/404.html in every language build; only the
        # default language keeps that place, the others are written under /<lang>/ afterwards.
        templates = config.theme.static_templates
        if self.language == self.default_language:
            templates.add("404.html")
        else:
            templates.discard("404.html")
        # robots.txt names the one sitemap with the absolute site_url (see overrides/robots.txt).
        if config.site_url and Path(self._root / (config.theme.custom_dir or "overrides") / "robots.txt").exists():
            templates.add("robots.txt")
        return config

    def _load_figures(self, data_dir: Path) -> None:
        paths = sorted([*data_dir.glob("*.yml"), *data_dir.glob("*.yaml")]) if data_dir.is_dir() else []
        try:
            # the value of each figure valid on the build date (SOURCE_DATE_EPOCH, else today)
            on = figures_module.build_date()
            key = (on, *((p, p.stat().st_mtime_ns, p.stat().st_size) for p in paths))
            if key == self._figures_key:
                return
            self.figures = figures_module.load_figures(data_dir, relative_to=self._root, on=on)
        except figures_module.FigureError as error:
            raise PluginError(str(error)) from None
        self._figures_date = on
        self._figures_key = key

    @event_priority(-110)  # after i18n (-100), which applies its own nav_translations first
    def on_nav(self, nav, config, files):
        self._nav = nav
        self._read_catalogs(files)
        # What exists now (the config, the files, the catalogs just read, the theme) lives
        # until the build ends: the garbage collector's full passes would walk it again and
        # again while the pages are built. Set aside until on_post_build (or a failed build)
        # hands it back, so a long `mkdocs serve` still frees the builds it has done.
        gc.freeze()
        if self.is_source_build:
            return nav

        def walk(items):
            for item in items:
                # Page titles not written in mkdocs.yml come from the page's own catalog.
                explicit = item.__dict__.get("title") if isinstance(item, Page) else getattr(item, "title", None)
                if explicit:
                    item.title = self._site_gettext.gettext(explicit)
                if isinstance(item, Section):
                    walk(item.children)

        walk(nav.items)
        return nav

    @event_priority(-10)
    def on_page_markdown(self, markdown: str, page: Page, config, files):
        source_path = self._shown_source(page.file.src_uri)
        first_line = _body_first_line(page.file.abs_src_path)
        domain = page.file.src_uri.rsplit(".", 1)[0]
        source = self.config.source_language
        # a page written by hand in this language (foo.en.md) is not translated again
        localized = getattr(page.file, "locale", source) == self.language and not self.is_source_build

        if self.is_source_build or localized:
            info = PageTranslation(self.language, source, "source", content_language=self.language)
        else:
            source_title = page.meta.get("title")  # before the translation replaces it
            source_meta = {key: page.meta.get(key) for key in ("title", "description")}
            catalog = self.translations(self.language, domain)
            lookup = lambda msgid, context: catalog.get((context, msgid))  # noqa: E731
            result = self._translate_page(markdown, self.language, domain, catalog)
            meta_problems: list[str] = []
            meta_total, meta_done = self._translate_meta(page, lookup, apply=False, problems=meta_problems)
            total, done = result.total + meta_total, result.translated + meta_done
            share = 1.0 if total == 0 else done / total
            self._report(result.problems + meta_problems, source_path)
            info = PageTranslation(
                self.language, source, "translated", total=total, translated=done,
                share_text=format_percent(share, locale=self.language.replace("-", "_")),
                source_url=_alternate_url(page, source), content_language=self.language,
            )
            if share < float(self.config.threshold):
                # Too little is translated to read well: show the source page as it is.
                info.state, info.content_language = "fallback", source
            else:
                markdown = result.markdown
                self._translate_meta(page, lookup, apply=True)
                if done < total:
                    info.state = "partial"
            self._write_notice(info, share)
            # a title left in the source language keeps its lang wherever it is shown (the
            # navigation of every page, the header, the footer links; <title> drops the mark)
            if (isinstance(source_title, str) and source_title.strip()
                    and page.meta.get("title") == source_title and (
                        info.state == "fallback"
                        or _checked(" ".join(source_title.split()), lookup, "front matter title") is None)):
                page.meta["title"] = lang_marks.mark(source_title, source)
            if info.state == "partial":  # what the language lacks, from its fallback chain
                self._fallback_meta(page, domain, source_meta, lookup)
            self._write_review_notice(info, domain)
        self._page_data[page.file.src_uri] = info

        if STATUS_PLACEHOLDER in markdown:
            status = self.status_markdown(files, page.file,
                                          heading_ids="attr_list" in config.markdown_extensions)
            if "md_in_html" in config.markdown_extensions:
                # the tables are interface text: mark their language even on a fallback page
                # (a string that falls back carries its own, see ChainGettext)
                writing = self.language
                status = f'<div class="mdbabel-status" lang="{writing}" markdown="1">\n\n{status}\n\n</div>'
            markdown = markdown.replace(STATUS_PLACEHOLDER, status)
        # Text shown in Vietnamese gets Vietnamese numbers ("46.800.000 đồng"): the whole
        # page when it falls back, else each unit left untranslated (<span lang="vi">).
        figures_locale = info.content_language or self.language
        try:
            self._figure_pages(markdown, page, figures_locale, source_path)
            if figures_locale != source:  # and text from a fallback language gets its numbers
                for writing in (self._chains.get(self.language) or (self.language, source))[1:]:
                    markdown = _substitute_in_spans(markdown, writing, self.figures,
                                                    path=source_path, first_line=first_line)
            markdown = figures_module.substitute(markdown, self.figures, figures_locale,
                                                 path=source_path, first_line=first_line,
                                                 gettext=self._figure_note if figures_locale == self.language
                                                 else None)
            for key in ("title", "description"):
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = figures_module.substitute(page.meta[key], self.figures, figures_locale,
                                                               path=f"{source_path} (front matter {key})")
        except figures_module.FigureError as error:
            raise PluginError(str(error)) from None

        return markdown

    def _ui_text(self, message: str) -> tuple[str, str | None]:
        """A ``_site`` message for the reader, and its language while it is untranslated."""
        if self.is_source_build or self._site_gettext.has(message):
            return self._site_gettext.gettext(message), None
        return message, self.config.source_language

    def _figure_note(self, message: str) -> str:
        """``{{ name.check }}``: the sentence as Markdown-safe HTML, marked while untranslated."""
        return figure_changes.phrase(self._ui_text, message)

    def _figure_pages(self, markdown: str, page: Page, locale: str, where: str) -> None:
        """The calculator and the "What has changed" table (mdbabel.figures): HTML that
        on_page_content puts in place of their comment, like the status tables."""
        if figure_changes.MARKER not in markdown and figure_calculator.MARKER not in markdown:
            return
        tables = self._status_tables.setdefault(page.file.src_uri, {})
        if figure_changes.MARKER in markdown:
            source = self.config.source_language
            tables[figure_changes.MARKER] = figure_changes.changes_table(
                self.figures, locale, self._ui_text, data_language=None if locale == source else source)
        if figure_calculator.MARKER in markdown:
            tables[figure_calculator.MARKER] = figure_calculator.calculator_html(
                self.figures, locale, self._ui_text, on=self._figures_date, where=where,
                script_url=get_relative_url("assets/calculator.js", page.url))

    def _write_notice(self, info: PageTranslation, share: float) -> None:
        """Notice and link text of a fallback or partly translated page."""
        if info.state not in ("fallback", "partial"):
            return
        message = ui.NOTICE_FALLBACK if info.state == "fallback" else ui.NOTICE_PARTIAL
        info.notice, info.notice_language = self.sentence(message, share=share)
        info.original_link, info.original_link_language = self.sentence(ui.NOTICE_ORIGINAL_LINK)

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

    def _write_review_notice(self, info: PageTranslation, domain: str) -> None:
        """On a page shown translated whose translation no native speaker has reviewed: a notice
        that the source text prevails, with the link to the source page."""
        if info.state == "fallback" or self.review_state(self.language, domain) != review_state.MACHINE_ASSISTED:
            return
        info.review_notice, info.review_notice_language = self.sentence(ui.REVIEW_NOTICE_MACHINE)
        if not info.original_link:
            info.original_link, info.original_link_language = self.sentence(ui.NOTICE_ORIGINAL_LINK)

    def sentence(self, message: str, *, share: float | None = None) -> tuple[str, str]:
        """*message* from ``_site.po`` with language names and share filled in, and its language.

        While the reader's catalog lacks the message, the Vietnamese text is shown, with the
        language names in Vietnamese too (never "được dịch sang English").
        """
        text, writing = self._site_gettext.plain(message)
        locale = writing.replace("-", "_")
        values = {
            "language": _in_sentence(language_name(self.language, writing, capitalise=False), writing),
            "source_language": _in_sentence(
                language_name(self.config.source_language, writing, capitalise=False), writing),
            "share": format_percent(share, locale=locale) if share is not None else "",
        }
        return text % values, writing

    def _translate_meta(self, page: Page, lookup, *, apply: bool,
                        problems: list[str] | None = None) -> tuple[int, int]:
        """Count (and with *apply*, replace) the translatable front matter values.

        A translation that fails the checks is not used (the value stays in the source
        language); its problems are added to *problems*.
        """
        total = done = 0
        for key in ("title", "description"):
            value = page.meta.get(key)
            if not isinstance(value, str) or not value.strip():
                continue
            total += 1
            found = _checked(front_matter_message(value), lookup, f"front matter {key}", problems,
                             self.language)
            if found is not None:
                done += 1
                if apply:
                    page.meta[key] = found.text
        if problems is not None:  # legal sources: reported here, applied with the page context
            for entry in page.meta.get("sources") or []:
                for key in ("title", "note"):
                    text = entry.get(key) if isinstance(entry, dict) else None
                    if text:
                        _checked(str(text), lookup, f"front matter source {key}", problems,
                                 self.language)
        return total, done

    def _fallback_meta(self, page: Page, domain: str, sources: dict[str, Any], lookup) -> None:
        """Front matter title and description (*sources*: their source values) that the page's
        language lacks, from the next language of its fallback chain that has them, marked
        with that language: the navigation label gets its ``lang``; ``<title>`` and
        ``<meta>`` cannot have one, and show the text only (mdbabel.lang_marks)."""
        fallbacks = None
        for key, value in sources.items():
            if (not isinstance(value, str) or not value.strip()
                    or _checked(front_matter_message(value), lookup, f"front matter {key}",
                                language=self.language) is not None):
                continue
            if fallbacks is None:
                fallbacks = self._page_fallbacks(self.language, domain)
            found = fallback_translation(front_matter_message(value), None, f"front matter {key}",
                                         fallbacks)
            if found is not None:
                page.meta[key] = lang_marks.mark(found[0].text, found[1])
            elif key == "description":  # left in the source language: said so (as the title)
                page.meta[key] = lang_marks.mark(value, self.config.source_language)

    def _report(self, problems: list[str], source_path: str) -> None:
        for problem in problems:
            self.problems.append(problem)
            if not self.strict:
                log.warning(f"{problem} (kept the Vietnamese text in {source_path})")

    @event_priority(0)
    def on_page_content(self, html: str, page: Page, config, files):
        """The heading permalinks' title is written by toc in the source language, and the
        table of contents lists an untranslated heading without its ``lang``. The status
        page gets its tables (see status_markdown)."""
        tables = self._status_tables.pop(page.file.src_uri, None)
        for marker, table in (tables or {}).items():
            html = html.replace(marker, table, 1)
        if self.is_source_build:
            return html
        self._mark_untranslated_toc(html, page)
        source_title = f'title="{ui.PERMALINK_TITLE}"'
        translated = self._site_gettext.plain(ui.PERMALINK_TITLE)[0]  # an attribute: no lang
        if translated == ui.PERMALINK_TITLE or source_title not in html:
            return html
        return html.replace(source_title, f'title="{escape(translated, quote=True)}"')

    @event_priority(0)
    def on_env(self, env, config, files):
        # Every page has been read: in strict mode, stop before anything is written.
        front_matter = list(dict.fromkeys(getattr(self, "_front_matter_problems", [])))
        if self.strict and (front_matter or self.problems):
            parts = [f"{len(front_matter)} front matter problem(s) (strict mode):\n  "
                     + "\n  ".join(front_matter)] if front_matter else []
            if self.problems:
                listing = "\n  ".join(dict.fromkeys(self.problems))
                parts.append(f"{len(self.problems)} translation problem(s) in the {self.language} "
                             f"catalogs (strict mode):\n  {listing}")
            raise PluginError("\n".join(parts))
        self._not_found_context = (self._nav, files)
        self._env = env
        self._decide_publishing(files)
        self._make_booklets(config)  # before the titles are escaped for the theme
        # the theme writes titles and the site name unescaped: give it escaped values
        escape_titles(config, self._nav.items if self._nav is not None else (),
                      [file.page for file in files.documentation_pages() if file.page is not None])
        self._scripts = csp.ScriptAllowlist(_template_sources(env))
        return self._install_env(env, config)

    # ----------------------------------------------------------------- booklets

    def _make_booklets(self, config) -> None:
        """The printed booklets of this language (mdbabel.booklets), from every page's
        article HTML; written into the site in on_post_build, linked in on_page_context."""
        self._booklets, self._booklet_links = [], {}
        enabled = self.config.booklets
        if isinstance(enabled, str):
            enabled = enabled.strip().lower() in ("1", "true", "yes", "on")
        if not enabled or self._nav is None or not self.is_published(self.language):
            return  # a preview language (mdbabel.languages) gets its booklets once published
        from mdbabel import booklets

        site_url = config.site_url or "/"
        home = urljoin(site_url, "" if self.language == self.default_language else f"{self.language}/")
        try:
            built = booklets.render.build_date()
        except booklets.render.BookletError as error:
            raise PluginError(f"mdbabel: booklets: {error}") from None
        inputs = []
        for page in self._nav.pages:
            info = self._page_data.get(page.file.src_uri)
            extras = self._extras(page)
            reviewed = (self._booklet_text(ui.BOOKLET_REVIEWED, date=extras.reviewed)
                        if extras.reviewed else None)
            body = _source_page(page.file.abs_src_path)[0] if page.file.abs_src_path else ""
            inputs.append(booklets.PageInput(
                key=page.file.src_uri, title=page.title or "", url=urljoin(site_url, page.url),
                html=page.content or "", lang=(info.content_language if info else "") or self.language,
                audience=page.meta.get("audience"), is_home=page.is_top_level and page.is_index,
                printable=STATUS_PLACEHOLDER not in body, sources=extras.sources,
                reviewed=reviewed, reviewed_iso=extras.reviewed_iso,
                notice=(info.notice, info.notice_language) if info and info.notice else None))
        cache = self._root / booklets.render.CACHE_DIR if self.config.cache else None
        # the build date in the language of the text that shows it
        day = self._booklet_day = functools.partial(figures_module.format_long_date, built)
        planned = booklets.plan_booklets(inputs)
        for spec, pages in planned:
            title = self._booklet_text(spec.title)
            if spec.parts > 1:
                title = self._booklet_text(ui.BOOKLET_PART, title=title[0], part=str(spec.part),
                                           parts=str(spec.parts))
            labels = booklets.Labels(
                kind=self._booklet_text(ui.BOOKLET_KIND), title=title,
                language=self._booklet_text(ui.BOOKLET_LANGUAGE,
                                            language=language_name(self.language, self.language)),
                valid_as_of=self._booklet_text(ui.BOOKLET_VALID_AS_OF, date=day),
                site=self._booklet_text(ui.BOOKLET_SITE, url=home),
                contents=self._booklet_text(ui.BOOKLET_CONTENTS), sources=self._booklet_text(ui.BOOKLET_SOURCES))
            try:
                made = booklets.build_booklet(
                    spec, pages, language=self.language, labels=labels, site_url=home, built=built,
                    online=lambda url: self._booklet_text(ui.BOOKLET_ONLINE, url=url), cache_dir=cache)
            except booklets.render.BookletError as error:
                raise PluginError(f"mdbabel: booklet '{spec.name}' ({self.language}): {error}") from None
            self._booklets.append(made)
            if made.size > booklets.render.SIZE_LIMIT:
                log.warning(f"booklet {self.language}/{made.filename}: {made.size / 1e6:.2f} MB, over the "
                            f"{booklets.render.SIZE_LIMIT / 1e6:.0f} MB limit; give its audience two booklets "
                            "(mdbabel/booklets/plan.py: BOOKLETS) or shorten its pages")
            log.info(f"booklet {self.language}/{made.filename}: {made.size / 1e6:.2f} MB, "
                     f"{len(pages)} pages of the site, {made.seconds:.1f} s"
                     + (" (unchanged, from the cache)" if made.cached else ""))
        self._booklet_links = booklets.plan.first_pages(inputs, planned)

    def _booklet_text(self, message: str, **values) -> tuple[str, str]:
        """(*message* from _site.po with *values*, its language): from the language's fallback
        chain while its catalog lacks it. A value may be a function of the text's language."""
        text, writing = self._site_gettext.plain(message)  # along the language's fallback chain
        if not values:
            return text, writing
        try:
            return text % {k: v(writing) if callable(v) else v for k, v in values.items()}, writing
        except (KeyError, ValueError, TypeError) as error:
            # e.g. a lone "%" in the translation: the checks only compare the placeholders
            log.warning(f"{self.language}/_site.po: the translation of {message!r} cannot be filled in "
                        f"({error}); write %% for a percent sign. The Vietnamese text is used")
            source = self.config.source_language
            return message % {k: v(source) if callable(v) else v for k, v in values.items()}, source

    def _booklet_context(self, page) -> list[dict[str, str]]:
        """The download links shown on *page* (home page, an audience's first page)."""
        names = self._booklet_links.get(page.file.src_uri, [])
        links = []
        for booklet in self._booklets:
            if booklet.name not in names:
                continue
            megabytes = max(round(booklet.size / 1e6, 1), 0.1)
            size = lambda writing, mb=megabytes: format_decimal(mb, "0.0", locale=writing.replace("-", "_")) + " MB"  # noqa: E731
            text, lang = self._booklet_text(ui.BOOKLET_DOWNLOAD, size=size, date=self._booklet_day)
            title, title_lang = booklet.title
            links.append({"href": get_relative_url(f"{self._language_root()}booklets/{booklet.filename}", page.url),
                          "title": title, "title_lang": title_lang, "text": text, "lang": lang})
        return links

    def _language_root(self) -> str:
        return "" if self.language == self.default_language else f"{self.language}/"

    def _decide_publishing(self, files) -> None:
        """Which languages are published (:mod:`mdbabel.languages`), from the catalogs every
        build of the site reads: each language's build decides the same for all of them."""
        domains = [f.src_uri.rsplit(".", 1)[0] for f in self._source_pages(files)
                   if f.abs_src_path and f.src_uri.endswith(".md")]
        site: list = []  # the catalog tools' view of the site, read if a template is missing

        def templates(domain: str):
            path = self.locales_dir / "templates" / f"{domain}.pot"
            try:
                keys = languages_module.template_keys(path, self._shown(path))
                if keys or path.exists():
                    return keys
                if not site:
                    site.append(load_site_config(self._root))
                return languages_module.page_messages(site[0], domain)
            except CatalogError as error:
                raise PluginError(str(error)) from None

        others = [code for code in self.languages if code != self.config.source_language]
        counts = languages_module.count_translated(domains, others, templates, self.translations)
        self._states = languages_module.decide(counts, self.config.source_language,
                                               float(self.config.publish_threshold))
        for code, state in self._states.items():
            if state.preview and code == self.language:
                log.info(f"mdbabel: {code} is built as a preview: {state.share:.0%} of its page "
                         f"messages are translated (publish_threshold "
                         f"{float(self.config.publish_threshold):.0%})")

    def is_published(self, code: str) -> bool:
        state = self._states.get(code)
        return state is None or state.published

    def _menu_name(self, code: str) -> str:
        """A language's name in the menu, in its own language; a preview gets the word for
        it from its own catalog or its fallback chain (marked when that is another language)."""
        name = self._menu_names.get(code)
        if name is None:
            name = language_name(code)
            if not self.is_published(code):
                word, writing = self._interface_lookup(code).find(ui.LANGUAGE_PREVIEW)
                if writing != code:
                    word = lang_marks.mark(word, writing)
                name = f"{name} ({word})"
            self._menu_names[code] = name
        return name

    def _install_env(self, env, config):
        if "jinja2.ext.i18n" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        # msgids are extracted with trimmed whitespace (catalogs._template_strings)
        env.policies["ext.i18n.trimmed"] = True
        # the project's templates escape everything, translations too (mdbabel.escaping)
        if not isinstance(env.autoescape, ProjectAutoescape):
            env.autoescape = ProjectAutoescape([config.theme.custom_dir] if config.theme.custom_dir else [])
            if env.cache is not None:
                env.cache.clear()  # a template compiled before (another plugin's) is compiled again
        install_escaped_gettext(env, self._site_gettext)
        env.globals["mdbabel"] = self._site_context(config)
        # the theme compiled once, not once per language and per rebuild (mdbabel.template_cache)
        env.bytecode_cache = self._template_cache[1]
        env.globals["mdbabel_nav"] = (NavRenderer(config.theme.get("features"))
                                      if self.config.fast_nav else None)
        return env

    def _site_context(self, config) -> dict[str, Any]:
        return {
            "language": self.language,
            "language_name": language_name(self.language, self.language),
            "source_language": self.config.source_language,
            "source_language_name": language_name(self.config.source_language, self.language),
            "default_language": self.default_language,
            "languages": [(code, language_name(code)) for code in self.languages],
            # publishing (mdbabel.languages): a preview language's pages say noindex
            "preview": not self.is_published(self.language),
            "published": [code for code in self.languages if self.is_published(code)],
            "home_url": "" if self.language == self.default_language else f"{self.language}/",
        }

    def _mark_untranslated_toc(self, html: str, page: Page) -> None:
        """Give the table-of-contents entry of each heading kept in the source language (the
        whole heading is one ``<span lang>``, see translate_markdown; on a page shown in the
        source language, every heading) that ``lang`` too, so that screen readers read it in
        the right language there as well."""
        marker = f'<span lang="{self.config.source_language}">'
        info = self._page_data.get(page.file.src_uri)
        everything = info is not None and info.state == "fallback"  # a page shown in the source
        if not page.toc or ('<span lang="' not in html and not everything):
            return
        # (a heading from a fallback language of the chain is one <span lang> of its own)
        kept = {match.group("id"): opening.group(0) for match in _UNTRANSLATED_HEADING.finditer(html)
                if (opening := _WHOLE_SPAN.match(match.group("body")))
                and match.group("body").endswith("</span>")}
        if not kept and not everything:
            return
        stack = list(page.toc)
        while stack:
            anchor = stack.pop()
            stack.extend(anchor.children)
            if (everything or anchor.id in kept) and not anchor.title.startswith(("<span lang=", lang_marks.OPEN)):
                anchor.title = f"{marker if everything else kept[anchor.id]}{anchor.title}</span>"

    @event_priority(0)
    def on_page_context(self, context, page, config, nav):
        info = self._page_data.get(page.file.src_uri)
        context["mdbabel_page"] = info
        context["mdbabel_extras"] = self._extras(page)
        context["mdbabel_alternates"] = self.alternates(page, config)
        context["mdbabel_booklets"] = self._booklet_context(page) if self._booklets else []
        if self.config.share_cards:
            context["mdbabel_share"] = self.share(page, config)
        return context

    @event_priority(-40)  # before mdbabel-search (-50) reads the page for its index
    def _page_lang_marks(self, output, page, config):
        """Interface text that fell back gets its own ``lang`` (mdbabel.lang_marks)."""
        return lang_marks.resolve(output)

    # two steps at their own priorities: the marks before the search index, the policy last
    on_post_page = CombinedEvent(_page_lang_marks, _page_policy)

    def on_post_template(self, output_content, template_name, config):
        if template_name.endswith(".html"):
            return lang_marks.resolve(output_content)
        return lang_marks.strip(output_content)

    def published_languages(self) -> list[str]:
        """The languages offered to readers: every built language but the previews."""
        return [code for code in self.languages if self.is_published(code)]

    def _card_origins(self, card: share_cards.CardText, page: Page) -> dict[str, str]:
        """{field: catalog line} for the card's texts that are translations (page catalog
        for the title, _site.po for the section and site name), so that a character the
        font lacks is reported where the translator can fix it."""
        if self.is_source_build:
            return {}
        domain = page.file.src_uri.rsplit(".", 1)[0]
        found = {}
        for name, text, catalog in (("title", card.title, domain), ("section", card.section, SITE_DOMAIN),
                                    ("site name", card.site_name, SITE_DOMAIN)):
            for translation in self.translations(self.language, catalog).values():
                if text and " ".join(translation.text.split()) == text:
                    found[name] = translation.origin
                    break
        return found

    def share(self, page: Page, config) -> dict[str, Any]:
        """Open Graph values of *page* (plain text: the template escapes them), and its card
        written into the site (``assets/cards/<page url>/card.png``)."""
        # (titles, site name and description reach here escaped for the theme, as Markup:
        # their plain text is drawn and given to the template, which escapes it once)
        title = page.meta.get("title") if isinstance(page.meta.get("title"), str) else page.title
        # a title from another language carries its lang mark (mdbabel.lang_marks): not drawn
        title = " ".join(lang_marks.strip(plain_text(title or config.site_name or "")).split())
        section = page.parent
        while section is not None and section.parent is not None:
            section = section.parent
        card = share_cards.CardText(title, " ".join(plain_text(getattr(section, "title", "") or "").split()),
                                    " ".join(plain_text(config.site_name or "").split()))
        fonts_dir = (self._root / self.config.card_fonts_dir if self.config.card_fonts_dir
                     else share_cards.FONTS_DIR)
        where = self._shown_source(page.file.src_uri)
        if self._cards is None:
            self._cards = share_cards.CardCache(
                self._root / share_cards.CARDS_CACHE_DIR if self.config.cache else None)
        path = "assets/cards/" + (page.url[:-5] + "/" if page.url.endswith(".html") else page.url) + "card.png"
        target = Path(config.site_dir) / path
        try:
            if not self._cards.place(card, fonts_dir, target):  # (a kept card was checked when it was drawn)
                share_cards.check_card_text(card, fonts_dir, where=where, language=self.language,
                                            origins=self._card_origins(card, page))
                self._cards.place(card, fonts_dir, target, self._cards.draw(card, fonts_dir))
        except share_cards.CardError as error:
            raise PluginError(str(error)) from None
        except OSError as error:
            raise PluginError(f"{where}: the share card's font cannot be read ({error}); "
                              f"restore it, or set card_fonts_dir to a folder that has the fonts "
                              f"its {share_cards.card_fonts.CHAIN_FILE} names (else "
                              f"{' and '.join(share_cards.FONTS)})") from None
        base = config.site_url or ""
        own = "" if self.language == self.default_language else f"{self.language}/"
        home = page.url in (own, own + "index.html", own or "./")
        alt = " — ".join(part for part in (card.title, card.section, card.site_name) if part)
        # in the language the page is shown in (its source's when too little is translated)
        writing = getattr(self._page_data.get(page.file.src_uri), "content_language", "") or self.language
        description = plain_text(page.meta["description"]) if isinstance(page.meta.get("description"), str) else None
        return {
            "title": title,
            "description": share_cards.page_description(
                description and lang_marks.strip(description), page.content, writing,
                description and lang_marks.language_of(description)),
            "url": page.canonical_url,
            "type": "website" if home else "article",
            "locale": share_cards.og_locale(writing),
            "alternate_locales": [share_cards.og_locale(code) for code in self.published_languages()
                                  if code != writing],
            "site_name": card.site_name,
            "image": urljoin(base, path) if base else None,
            "image_alt": alt,
            "image_width": share_cards.CARD_SIZE[0],
            "image_height": share_cards.CARD_SIZE[1],
        }

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":
            context["mdbabel_alternates"] = [
                LanguageLink(code, name, "" if code == self.default_language else f"{code}/",
                             urljoin(config.site_url or "/", "" if code == self.default_language else f"{code}/"),
                             code == self.language, not self.is_published(code))
                for code, name in ((code, self._menu_name(code)) for code in self.languages)
            ]
        return context

    def alternates(self, page: Page, config) -> list[LanguageLink]:
        """The same page in every built language (i18n's alternates), with absolute urls."""
        files = getattr(page.file, "alternates", None) or {}
        links = []
        for code in self.languages:
            alternate = files.get(code)
            if alternate is None and code == self.language:
                alternate = page.file
            if alternate is None:
                continue
            url = alternate.url if alternate.url not in ("./", ".") else ""
            links.append(LanguageLink(code, self._menu_name(code), url,
                                      urljoin(config.site_url or "/", url), code == self.language,
                                      not self.is_published(code)))
        return links

    def _extras(self, page: Page) -> PageExtras:
        extras = PageExtras()
        reviewed = page.meta.get("reviewed")
        if isinstance(reviewed, str):
            try:
                reviewed = date.fromisoformat(reviewed)
            except ValueError:
                log.warning(f"{page.file.src_uri}: reviewed must be a date YYYY-MM-DD (got {reviewed!r})")
                reviewed = None
        if isinstance(reviewed, datetime):
            reviewed = reviewed.date()
        if isinstance(reviewed, date):
            extras.reviewed = figures_module.format_long_date(reviewed, self.language)
            extras.reviewed_iso = reviewed.isoformat()
        domain = page.file.src_uri.rsplit(".", 1)[0]
        catalog = {} if self.is_source_build else self.translations(self.language, domain)
        for entry in page.meta.get("sources") or []:
            if isinstance(entry, str):
                entry = {"title": entry}
            if not isinstance(entry, dict) or not entry.get("title"):
                continue
            item: dict[str, Any] = {"url": entry.get("url") or entry.get("link")}
            for key in ("title", "note"):
                text = entry.get(key)
                if not text:
                    continue
                found = _checked(str(text), lambda msgid, context: catalog.get((context, msgid)),
                                 "front matter title", language=self.language)
                # Untranslated source names stay Vietnamese and are marked as such.
                item[key] = found.text if found else str(text)
                item[f"{key}_lang"] = None if found or self.is_source_build else self.config.source_language
            extras.sources.append(item)
        return extras

    # ----------------------------------------------------------------- status page

    def status_markdown(self, files, status_file, *, heading_ids: bool = False) -> str:
        """Per language, a table of the pages: translated share, fuzzy and missing units.

        The headings and the explanation are Markdown; each table is an HTML comment
        (``<!-- mdbabel:status-table:<code> -->``) that ``on_page_content`` replaces with the
        table's HTML, written here: a site of 1,600 pages would otherwise make Python-Markdown
        parse a 1,600-row table and check its 1,600 links in every language. The HTML is what
        the ``tables`` extension and MkDocs' links give for the same table, except that page
        titles are shown as text, not read as Markdown; one left in the source language is
        marked with its ``lang`` and gets that language's figures. The tables carry
        ``data-search-exclude``: their rows repeat every page title, which would make the
        status page a hit for any title searched.

        With *heading_ids* (attr_list enabled) each language heading gets the id
        ``translation-status-<code>`` in every build, so ``status/#translation-status-en``
        works on every language's page (the slug of the translated heading would differ).
        """
        others = [code for code in self.languages if code != self.config.source_language]
        if not others:
            return markdown_text(self.gettext(ui.STATUS_NO_OTHER_LANGUAGE))
        locale = self.language.replace("-", "_")
        pages = self._source_pages(files)
        tables = self._status_tables.setdefault(status_file.src_uri, {})
        # interface strings written into Markdown: literal text (mdbabel.escaping)
        out = [markdown_text(self.gettext(ui.STATUS_EXPLANATION)), ""]
        for code in others:
            # the language's name in the language of the sentence (which may fall back)
            text, writing = self._site_gettext.plain(ui.STATUS_LANGUAGE_HEADING)
            heading = markdown_text(text % {"language": language_name(code, writing)})
            if writing != self.language:
                heading = lang_marks.mark(heading, writing)
            out += [f"## {heading}" + (f" {{ #translation-status-{code} }}" if heading_ids else ""), ""]
            state = self.review_state(code)
            label = {review_state.MACHINE_ASSISTED: ui.REVIEW_STATE_MACHINE,
                     review_state.TEAM_REVIEWED: ui.REVIEW_STATE_TEAM,
                     review_state.NATIVE_REVIEWED: ui.REVIEW_STATE_NATIVE}.get(state, ui.REVIEW_STATE_UNKNOWN)
            out += [_text(self.gettext(ui.REVIEW_STATE_LINE, state=self.gettext(label))), ""]
            marker = f"<!-- mdbabel:status-table:{code} -->"
            out += [marker, ""]
            head = [_text(self.gettext(h)) for h in (
                ui.STATUS_COLUMN_PAGE, ui.STATUS_COLUMN_TRANSLATED, ui.STATUS_COLUMN_FUZZY,
                ui.STATUS_COLUMN_MISSING, ui.STATUS_COLUMN_SHOWN)]
            rows = ["<table data-search-exclude>", "<thead>", *_table_row(head, "th"), "</thead>",
                    "<tbody>"]
            sums = [0, 0, 0]
            for file in pages:
                row = self.page_status(file, code)
                if row is None:
                    continue
                title, title_lang, total, done, fuzzy = row
                missing = max(total - done - fuzzy, 0)
                sums = [sums[0] + total, sums[1] + done, sums[2] + fuzzy]
                share = 1.0 if total == 0 else done / total
                shown = (ui.STATUS_SHOWN_SOURCE if share < float(self.config.threshold)
                         else ui.STATUS_SHOWN_PARTLY if done < total else ui.STATUS_SHOWN_TRANSLATED)
                where = f"{self._shown_source(file.src_uri)} (front matter title)"
                try:  # a title left in Vietnamese gets Vietnamese numbers, as on its page
                    title = figures_module.substitute(title, self.figures, title_lang or self.language,
                                                      path=where)
                except figures_module.FigureError as error:
                    raise PluginError(str(error)) from None
                target = files.get_file_from_path(file.src_uri) or file
                href = get_relative_url(target.url, status_file.url)
                lang = f' lang="{title_lang}"' if title_lang else ""
                rows += _table_row([f'<a href="{_attribute(href)}"{lang}>{_text(title)}</a>',
                                    _text(format_percent(share, locale=locale)), str(fuzzy),
                                    str(missing), _text(self.gettext(shown))])
            total, done, fuzzy = sums
            share = 1.0 if total == 0 else done / total
            rows += _table_row([f"<strong>{cell}</strong>" for cell in (
                _text(self.gettext(ui.STATUS_TOTAL)), _text(format_percent(share, locale=locale)),
                fuzzy, max(total - done - fuzzy, 0))] + [""])
            rows += ["</tbody>", "</table>"]
            tables[marker] = "\n".join(rows)
        return "\n".join(out)

    def page_status(self, file, language: str) -> tuple[str, str | None, int, int, int] | None:
        """(title, its language if not the reader's, units, translated, fuzzy) of one source
        page in *language*. The title is the reader's translation, else the source title."""
        if not file.abs_src_path or not file.src_uri.endswith(".md"):
            return None
        body, meta = _source_page(file.abs_src_path)[:2]
        if STATUS_PLACEHOLDER in body:
            body = body.replace(STATUS_PLACEHOLDER, "")
        domain = file.src_uri.rsplit(".", 1)[0]
        catalog = self.translations(language, domain)
        lookup = lambda msgid, context: catalog.get((context, msgid))  # noqa: E731
        result = self._translate_page(body, language, domain, catalog)
        total, done = result.total, result.translated
        for key in ("title", "description"):
            if isinstance(meta.get(key), str) and meta[key].strip():
                total += 1
                done += _checked(front_matter_message(meta[key]), lookup, f"front matter {key}",
                                 language=language) is not None
        title, title_lang = meta.get("title"), None
        if not isinstance(title, str) or not title.strip():
            title = file.src_uri  # a path: no language
        elif not self.is_source_build:
            reader_catalog = self.translations(self.language, domain)
            reader = _checked(front_matter_message(title),
                              lambda msgid, context: reader_catalog.get((context, msgid)), "front matter title",
                              language=self.language)
            title, title_lang = (reader.text, None) if reader else (title, self.config.source_language)
        return title, title_lang, total, done, self._count_fuzzy(language, domain)

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
                                            mark_untranslated=True, language=language,
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

    def on_serve(self, server, config, builder):
        """``mkdocs serve`` mounts the site under the path of site_url (``/guide/``): say where
        each language is, so that nobody looks for ``/en/`` at the root."""
        address = config.dev_addr
        base = f"http://{address.host}:{address.port}{urlsplit(config.site_url or '/').path or '/'}"
        for code in self.languages:
            where = base if code == self.default_language else f"{base}{code}/"
            preview = "" if self.is_published(code) else " (preview: below publish_threshold)"
            log.info(f"mdbabel: {language_name(code)} ({code}) is at {where}{preview}")
        return server

    def on_pre_build(self, config):
        self._front_matter_problems: list[str] = []

    def on_page_read_source(self, page: Page, config):
        """The page in the normal form, its front matter checked (:mod:`mdbabel.page_source`).

        (MkDocs 1.6 prefers setting ``File.content_string`` in ``on_files``, but that unsets
        ``abs_src_path``, which ``mkdocs serve`` and the status table use.) The source-language
        build reports the problems (once, not once per language); every build leaves out a
        front matter that does not read, so its raw YAML is never published.
        """
        if not page.file.abs_src_path:
            return None
        try:
            text, problems = read_page_source(page.file.abs_src_path,
                                              self._shown_source(page.file.src_uri),
                                              rules=self.config.front_matter_rules)
        except (OSError, UnicodeDecodeError):
            return None  # MkDocs reads the file again and words the error
        if problems and self.language == self.default_language:
            if self.strict:
                self._front_matter_problems.extend(problems)
            else:
                for problem in problems:
                    log.warning(problem)
        return text

    def on_build_error(self, error):
        gc.unfreeze()  # see on_nav
        mkdocs_converter.uninstall()

    # ----------------------------------------------------------------- 404 pages

    @event_priority(-10)
    def _on_post_build(self, config):
        gc.unfreeze()
        mkdocs_converter.uninstall()  # installed again by the next language's on_config
        if self._store is not None:
            self._store.save()
        for booklet in self._booklets:
            target = Path(config.site_dir) / self._language_root() / "booklets" / booklet.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(booklet.pdf)
        if self._cards is not None and self.language == self.default_language:
            self._cards.prune()  # cards no build has read for 30 days
        if self.language != self.default_language:
            self._write_not_found_page(config)

    @event_priority(-200)
    def _write_offline_manifests(self, config):
        """After the last file of the site is written: i18n (-100) builds the other languages
        from the first one's on_post_build, the search plugin (-20) writes each language's
        index and 404 page. The nested builds (and parallel_build's processes, which write
        the manifests themselves at the end) leave it to the outermost one."""
        i18n = config.plugins.get("i18n")
        if getattr(i18n, "building", False) or os.environ.get(offline.ONE_LANGUAGE_ENV):
            return
        try:
            sets = offline.write_manifests(Path(config.site_dir))
        except OSError as error:
            raise PluginError(f"{config.site_dir}: the offline manifests cannot be written "
                              f"({error})") from None
        for found in sets:
            log.info(f"offline copy of {found.language}: {len(found.files)} files, "
                     f"{found.gzip_bytes / 1024:.0f} KB compressed")

    def _write_not_found_page(self, config) -> None:
        # 404 page of this language at /<lang>/404.html (the theme only renders the root one).
        from mkdocs.commands.build import _build_template  # the theme's own 404 rendering path

        # the build's own environment: its templates are compiled already (a new one from
        # config.theme.get_env() compiles them all again)
        env = self._install_env(self._env or config.theme.get_env(), config)
        template = env.get_template("404.html")
        nav, files = self._not_found_context or (None, None)
        if files is None:
            return
        output = _build_template("404.html", template, files, config, nav)
        target = Path(config.site_dir) / self.language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")

    @event_priority(-30)  # after the search plugin (-20) added its box to the 404 pages
    def _not_found_policy(self, config):
        """The Content-Security-Policy of this language's 404 page (rendered outside the
        pages, so on_post_page never saw it)."""
        if self._serving:
            return
        name = "404.html" if self.language == self.default_language else f"{self.language}/404.html"
        target = Path(config.site_dir) / name
        if target.is_file():
            text = target.read_text(encoding="utf-8")
            target.write_text(self._with_policy(text, name), encoding="utf-8")

    on_post_build = CombinedEvent(_on_post_build, _not_found_policy, _write_offline_manifests)


def _template_sources(env):
    """The source of every HTML template the theme's loader finds (the project's first).

    The theme's folders are walked without their hidden folders (Material's ``.icons`` holds
    some 14,000 SVG files and no template): a tenth of the time of ``list_templates``."""
    from jinja2 import FileSystemLoader, TemplateNotFound

    loader = env.loader
    if not isinstance(loader, FileSystemLoader):
        names = env.list_templates(extensions=["html"])
    else:
        found = set()
        for folder in loader.searchpath:
            for directory, subfolders, files in os.walk(folder):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                relative = os.path.relpath(directory, folder).replace(os.sep, "/")
                found.update(name if relative == "." else f"{relative}/{name}"
                             for name in files if name.endswith(".html"))
        names = sorted(found)
    for name in names:
        try:
            yield loader.get_source(env, name)[0]
        except TemplateNotFound:
            continue


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


def _text(text: str) -> str:
    """Text content escaped as Python-Markdown writes it (&, <, >)."""
    return escape(text, quote=False)


def _attribute(text: str) -> str:
    """An attribute value escaped as Python-Markdown writes it (not ``'``, unlike escape)."""
    return escape(text, quote=False).replace('"', "&quot;")


def _table_row(cells: list[str], tag: str = "td") -> list[str]:
    """One row of a status table, as the ``tables`` extension writes it (cells already HTML);
    the count columns are right-aligned (``---:``)."""
    return ["<tr>", *(f"<{tag}{align}>{cell}</{tag}>" for align, cell in zip(_STATUS_ALIGN, cells)),
            "</tr>"]


_STATUS_ALIGN = ("", *(' style="text-align: right;"',) * 3, "")


def _substitute_in_spans(markdown: str, language: str, figures, *, path: str, first_line: int) -> str:
    """Format the figures inside ``<span lang="LANGUAGE">…</span>`` for that language."""
    opening = f'<span lang="{language}">'

    def replace(match: re.Match) -> str:
        line = first_line + markdown.count("\n", 0, match.start())
        return figures_module.substitute(match.group(0), figures, language, path=path, first_line=line)

    return re.sub(re.escape(opening) + r".*?</span>", replace, markdown, flags=re.S)


def _in_sentence(name: str, language: str) -> str:
    # Babel capitalises Vietnamese language names ("Tiếng Anh"); inside a sentence
    # Vietnamese writes "tiếng Anh".
    if language.split("-")[0].split("_")[0] == "vi" and name.startswith("Tiếng "):
        return "t" + name[1:]
    return name


def _alternate_url(page: Page, language: str) -> str | None:
    alternate = (getattr(page.file, "alternates", None) or {}).get(language)
    if alternate is None:
        return None
    return "" if alternate.url in ("./", ".") else alternate.url


def _body_first_line(abs_src_path: str | None) -> int:
    """Line of the source file where the Markdown body (after the front matter) starts."""
    if not abs_src_path:
        return 1
    try:
        return _source_page(abs_src_path)[2]
    except OSError:
        return 1


# A heading as Python-Markdown writes it; its body without toc's permalink.
_UNTRANSLATED_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="(?P<id>[^"]+)"[^>]*>(?P<body>.*?)'
    r'(?:<a class="headerlink"[^>]*>[^<]*</a>)?</h(?P=level)>', re.S)
# The opening of a heading written wholly in another language (source or fallback).
_WHOLE_SPAN = re.compile(r'<span lang="[A-Za-z0-9_-]{2,40}">')

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


def _normal(value):
    """*value* with every string (dict keys too) in the normal form (mdbabel.textnorm)."""
    if isinstance(value, str):
        return normal_text(value)
    if isinstance(value, list):
        return [_normal(item) for item in value]
    if isinstance(value, dict):
        return {_normal(key): _normal(item) for key, item in value.items()}
    return value


def _normal_config(config) -> None:
    """The texts MkDocs read from mkdocs.yml (site name, nav labels, toc's permalink title,
    ``extra``) in the normal form, as they were extracted: an NFD mkdocs.yml gives the same
    site. (MkDocs reads the file itself, before any plugin runs.)"""
    for key in ("site_name", "site_description", "site_author", "copyright"):
        if isinstance(config.get(key), str):
            config[key] = normal_text(config[key])
    for key in ("nav", "extra", "mdx_configs"):
        value = config.get(key)
        if isinstance(value, (list, dict)):
            normal = _normal(value)
            if normal != value:
                if isinstance(value, dict):  # keep the config's own mapping type
                    value.clear()
                    value.update(normal)
                else:
                    config[key] = normal
