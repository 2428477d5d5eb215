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
package only adapts them to MkDocs events. This module holds the build's state and the events
that drive it (on_startup, on_shutdown, on_config, on_nav, on_env, on_page_context,
on_post_build at -10 and -200, on_build_error); the other handlers live with their job:
on_pre_build, on_page_read_source, on_page_markdown and on_page_content in ``pages``;
on_post_page at -40 and on_post_template in ``interface``, at -1000 in ``policy``;
on_template_context and on_post_build at -30 in ``not_found``; on_serve in ``publishing``.
"""

from __future__ import annotations

import gc
import logging
import os
from datetime import date
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from mdbabel import csp, offline, share_cards
from mdbabel import figures as figures_module
from mdbabel import languages as languages_module
from mdbabel.build_cache import CACHE_FILE, TranslationStore
from mdbabel.escaping import escape_titles
from mdbabel.mkdocs_plugin import converter as mkdocs_converter
from mdbabel.mkdocs_plugin.catalog_access import CatalogAccess
from mdbabel.mkdocs_plugin.config import MdBabelConfig, _normal_config
from mdbabel.mkdocs_plugin.environment import ThemeEnvironment
from mdbabel.mkdocs_plugin.interface import ChainGettext, InterfaceStrings
from mdbabel.mkdocs_plugin.not_found import NotFoundPages
from mdbabel.mkdocs_plugin.pages import PageTranslation, Pages
from mdbabel.mkdocs_plugin.pdf_booklets import Booklets
from mdbabel.mkdocs_plugin.policy import ContentPolicy, _template_sources
from mdbabel.mkdocs_plugin.publishing import Publishing
from mdbabel.mkdocs_plugin.share import ShareCards
from mdbabel.mkdocs_plugin.status import StatusPage
from mdbabel.template_cache import TEMPLATE_CACHE_DIR, TemplateCodeCache
from mdbabel.translate import TranslationResult

log = logging.getLogger("mkdocs.plugins.mdbabel")


class MdBabelPlugin(CatalogAccess, InterfaceStrings, Pages, StatusPage, Publishing, Booklets,
                    ShareCards, ContentPolicy, NotFoundPages, ThemeEnvironment,
                    BasePlugin[MdBabelConfig]):
    """Translate pages, titles, nav and interface strings from gettext catalogs.

    Each part of the work is a class of its own module in this package (its docstring says
    which); this class holds the build's state and the events that drive the build."""

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
        self._booklet_extras: dict = {}  # each page's PageExtras, taken once for the booklets and the page
        self._booklet_day = None
        # `mkdocs serve` injects an inline live-reload script: no Content-Security-Policy there
        self._serving = False
        self._scripts: csp.ScriptAllowlist | None = None  # the templates' inline scripts
        self._cards: share_cards.CardCache | None = None

    @property
    def strict(self) -> bool:
        value = self.config.strict
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)

    @property
    def is_source_build(self) -> bool:
        return self.language == self.config.source_language

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

    @event_priority(0)
    def on_env(self, env, config, files):
        # Every page has been read: in strict mode, stop before anything is written.
        front_matter = list(dict.fromkeys(getattr(self, "_front_matter_problems", [])))
        if self.strict and (front_matter or self.problems):
            parts = [f"{len(front_matter)} page problem(s) (strict mode):\n  "
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

    @event_priority(0)
    def on_page_context(self, context, page, config, nav):
        info = self._page_data.get(page.file.src_uri)
        context["mdbabel_page"] = info
        context["mdbabel_extras"] = self._booklet_extras.pop(page.file.src_uri, None) or self._extras(page)
        context["mdbabel_alternates"] = self.alternates(page, config)
        context["mdbabel_booklets"] = self._booklet_context(page) if self._booklets else []
        if self.config.share_cards:
            context["mdbabel_share"] = self.share(page, config)
        return context

    def on_build_error(self, error):
        gc.unfreeze()  # see on_nav
        mkdocs_converter.uninstall()

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

    # two steps at their own priorities: the marks before the search index, the policy last
    on_post_page = CombinedEvent(InterfaceStrings._page_lang_marks, ContentPolicy._page_policy)
    on_post_build = CombinedEvent(_on_post_build, NotFoundPages._not_found_policy,
                                  _write_offline_manifests)
