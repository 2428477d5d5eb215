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
on_page_markdown      -10       body, title and description through the page catalog
                                (``translate_markdown``, or the store's result for the
                                same page and catalog bytes), notices, translation
                                status table, then ``{{ figures }}`` for the page's
                                language
on_env                0         all pages are read: in strict mode fail with every
                                catalog problem at once; install ``jinja2.ext.i18n``
                                with ``_site.po`` (templates use ``{% trans %}``)
on_page_context       0         after i18n (50): ``mdbabel_page`` (notice),
                                ``mdbabel_extras`` (review date, sources),
                                ``mdbabel_alternates`` (language menu, hreflang)
on_template_context   0         language roots for the 404 page
on_post_build         -10       before i18n (-100) starts the next language: save the
                                store, write this language's 404 page under ``/<lang>/``
on_build_error        0         hand the set-aside objects back to the collector
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
from urllib.parse import urljoin

from babel import Locale
from babel.numbers import format_percent
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mdbabel import mkdocs_converter
from mdbabel import figures as figures_module
from mdbabel.build_cache import CACHE_FILE, TranslationStore, text_digest
from mdbabel import interface_strings as ui
from mdbabel import review_state
from mdbabel.catalogs import (SITE_DOMAIN, CatalogError, check_interface_translation, fuzzy_count,
                              load_translations)
from mdbabel.checks import check_translation
from mdbabel.nav_html import NavRenderer
from mdbabel.template_cache import TEMPLATE_CACHE_DIR, TemplateCodeCache
from mdbabel.translate import Translation, TranslationResult, translate_markdown

log = logging.getLogger("mkdocs.plugins.mdbabel")

#: Written by authors in docs/status.md; replaced by the generated translation status tables.
STATUS_PLACEHOLDER = "<!-- mdbabel:translation-status -->"

TranslationMap = dict[tuple[str | None, str], Translation]


# --------------------------------------------------------------------------- catalogs


class CatalogGettext(gettext.NullTranslations):
    """gettext interface over a translation map (fuzzy entries are never in the map)."""

    def __init__(self, translations: TranslationMap | None = None):
        super().__init__()
        self._translations = translations or {}

    def gettext(self, message: str) -> str:
        found = self._translations.get((None, message))
        return found.text if found else message

    def has(self, message: str) -> bool:
        """Whether *message* has a usable translation."""
        return (None, message) in self._translations

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self._translations.get((None, singular))
        if found:
            return found.text
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        found = self._translations.get((context, message))
        return found.text if found else message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        found = self._translations.get((context, singular))
        if found:
            return found.text
        return singular if n == 1 else plural


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
    # keep page translations between builds in .cache/mdbabel/ (mdbabel.build_cache)
    cache = c.Type(bool, default=True)
    # write the navigation's items in Python instead of Material's macros (mdbabel.nav_html)
    fast_nav = c.Type(bool, default=True)


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
        self._site_gettext = CatalogGettext()
        self._page_data: dict[str, PageTranslation] = {}
        self._not_found_context: tuple | None = None
        self._nav = None
        self._site_texts: dict[str, str | None] | None = None
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

    def _checked_site_translations(self) -> TranslationMap:
        """``_site.po`` without the translations that fail the checks (reported as problems):
        nav labels and interface strings are written into the pages unescaped, and a lost
        ``%(name)s`` placeholder would stop the build with a traceback."""
        usable: TranslationMap = {}
        for key, translation in self.translations(self.language, SITE_DOMAIN).items():
            found = check_interface_translation(key[1], translation.text)
            if found:
                self._report([f"{translation.origin}: {p}" for p in found], "the interface")
            else:
                usable[key] = translation
        return usable

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

    @event_priority(-110)  # after i18n (-100), which sets current_language for this build
    def on_config(self, config):
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
        self._site_gettext = CatalogGettext(
            {} if self.is_source_build else self._checked_site_translations()
        )
        # site name and description are _site messages too; keep the source text for rebuilds
        if self._site_texts is None:
            self._site_texts = {"site_name": config.site_name, "site_description": config.site_description}
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
        key = tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
        if key == self._figures_key:
            return
        try:
            self.figures = figures_module.load_figures(data_dir, relative_to=self._root)
        except figures_module.FigureError as error:
            raise PluginError(str(error)) from None
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
            self._write_review_notice(info, domain)
        self._page_data[page.file.src_uri] = info

        if STATUS_PLACEHOLDER in markdown:
            status = self.status_markdown(files, page.file,
                                          heading_ids="attr_list" in config.markdown_extensions)
            if "md_in_html" in config.markdown_extensions:
                # the tables are interface text: mark their language even on a fallback page
                writing = self.language if self._site_gettext.has(ui.STATUS_COLUMN_PAGE) else source
                status = f'<div class="mdbabel-status" lang="{writing}" markdown="1">\n\n{status}\n\n</div>'
            markdown = markdown.replace(STATUS_PLACEHOLDER, status)
        # Text shown in Vietnamese gets Vietnamese numbers ("46.800.000 đồng"): the whole
        # page when it falls back, else each unit left untranslated (<span lang="vi">).
        figures_locale = info.content_language or self.language
        try:
            if figures_locale != source:
                markdown = _substitute_in_spans(markdown, source, self.figures,
                                                path=source_path, first_line=first_line)
            markdown = figures_module.substitute(markdown, self.figures, figures_locale,
                                                 path=source_path, first_line=first_line)
            for key in ("title", "description"):
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = figures_module.substitute(page.meta[key], self.figures, figures_locale,
                                                               path=f"{source_path} (front matter {key})")
        except figures_module.FigureError as error:
            raise PluginError(str(error)) from None

        return markdown

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
        writing = self.language if self._site_gettext.has(message) else self.config.source_language
        locale = writing.replace("-", "_")
        values = {
            "language": _in_sentence(language_name(self.language, writing, capitalise=False), writing),
            "source_language": _in_sentence(
                language_name(self.config.source_language, writing, capitalise=False), writing),
            "share": format_percent(share, locale=locale) if share is not None else "",
        }
        return self._site_gettext.gettext(message) % values, writing

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
            found = _checked(" ".join(value.split()), lookup, f"front matter {key}", problems)
            if found is not None:
                done += 1
                if apply:
                    page.meta[key] = found.text
        return total, done

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
        translated = self._site_gettext.gettext(ui.PERMALINK_TITLE)
        if translated == ui.PERMALINK_TITLE or source_title not in html:
            return html
        return html.replace(source_title, f'title="{escape(translated, quote=True)}"')

    @event_priority(0)
    def on_env(self, env, config, files):
        # Every page has been read: in strict mode, stop before anything is written.
        if self.strict and self.problems:
            listing = "\n  ".join(dict.fromkeys(self.problems))
            raise PluginError(
                f"{len(self.problems)} translation problem(s) in the {self.language} catalogs "
                f"(strict mode):\n  {listing}"
            )
        self._not_found_context = (self._nav, files)
        self._env = env
        return self._install_env(env, config)

    def _install_env(self, env, config):
        if "jinja2.ext.i18n" not in env.extensions:
            env.add_extension("jinja2.ext.i18n")
        # msgids are extracted with trimmed whitespace (catalogs._template_strings)
        env.policies["ext.i18n.trimmed"] = True
        env.install_gettext_translations(self._site_gettext, newstyle=True)
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
            "home_url": "" if self.language == self.default_language else f"{self.language}/",
        }

    def _mark_untranslated_toc(self, html: str, page: Page) -> None:
        """Give the table-of-contents entry of each heading kept in the source language (the
        whole heading is one ``<span lang>``, see translate_markdown) that ``lang`` too, so
        that screen readers read it in the right language there as well."""
        marker = f'<span lang="{self.config.source_language}">'
        if marker not in html or not page.toc:
            return
        kept = {match.group("id") for match in _UNTRANSLATED_HEADING.finditer(html)
                if match.group("body").startswith(marker)
                and match.group("body").endswith("</span>")}
        if not kept:
            return
        stack = list(page.toc)
        while stack:
            anchor = stack.pop()
            stack.extend(anchor.children)
            if anchor.id in kept and not anchor.title.startswith("<span lang="):
                anchor.title = f"{marker}{anchor.title}</span>"

    @event_priority(0)
    def on_page_context(self, context, page, config, nav):
        info = self._page_data.get(page.file.src_uri)
        context["mdbabel_page"] = info
        context["mdbabel_extras"] = self._extras(page)
        context["mdbabel_alternates"] = self.alternates(page, config)
        return context

    def on_template_context(self, context, template_name, config):
        if template_name == "404.html":
            context["mdbabel_alternates"] = [
                LanguageLink(code, name, "" if code == self.default_language else f"{code}/",
                             urljoin(config.site_url or "/", "" if code == self.default_language else f"{code}/"),
                             code == self.language)
                for code, name in ((code, language_name(code)) for code in self.languages)
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
            links.append(LanguageLink(code, language_name(code), url,
                                      urljoin(config.site_url or "/", url), code == self.language))
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
                                 "front matter title")
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
            return self.gettext(ui.STATUS_NO_OTHER_LANGUAGE)
        locale = self.language.replace("-", "_")
        pages = self._source_pages(files)
        tables = self._status_tables.setdefault(status_file.src_uri, {})
        out = [self.gettext(ui.STATUS_EXPLANATION), ""]
        for code in others:
            heading = self.gettext(ui.STATUS_LANGUAGE_HEADING, language=language_name(code, self.language))
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
                done += _checked(" ".join(meta[key].split()), lookup, f"front matter {key}") is not None
        title, title_lang = meta.get("title"), None
        if not isinstance(title, str) or not title.strip():
            title = file.src_uri  # a path: no language
        elif not self.is_source_build:
            reader_catalog = self.translations(self.language, domain)
            reader = _checked(" ".join(title.split()),
                              lambda msgid, context: reader_catalog.get((context, msgid)), "front matter title")
            title, title_lang = (reader.text, None) if reader else (title, self.config.source_language)
        return title, title_lang, total, done, self._count_fuzzy(language, domain)

    def _translate_page(self, markdown: str, language: str, domain: str,
                        catalog: TranslationMap) -> TranslationResult:
        """The page translated into *language* (untranslated units marked), computed once per
        source text and catalog version."""
        # the digest of the bytes *catalog* was read from (load_translations; none: no catalog)
        catalog_digest = getattr(catalog, "digest", text_digest(None))
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
                                            mark_untranslated=True)
                if self._store is not None:
                    self._store.put(stored_key, result)
            self._translated[(language, domain)] = (key, result)
        # the caller gets the page's own final newlines and a list of problems of its own
        return TranslationResult(result.markdown + markdown[len(key[1]):], result.total,
                                 result.translated, list(result.problems),
                                 list(result.untranslated_units))

    def _count_fuzzy(self, language: str, domain: str) -> int:
        path = self.catalog_path(language, domain)
        if not path.is_file():
            return 0
        try:
            # parsed once with the translations (load_translations' cache)
            return fuzzy_count(path, root=self._root, language=language)
        except CatalogError as error:
            raise PluginError(str(error)) from None

    def on_build_error(self, error):
        gc.unfreeze()  # see on_nav
        mkdocs_converter.uninstall()

    # ----------------------------------------------------------------- 404 pages

    @event_priority(-10)
    def on_post_build(self, config):
        gc.unfreeze()
        mkdocs_converter.uninstall()  # installed again by the next language's on_config
        if self._store is not None:
            self._store.save()
        if self.language == self.default_language:
            return
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


def _checked(msgid: str, lookup, kind: str, problems: list[str] | None = None) -> Translation | None:
    """The translation of *msgid*, unless it fails the checks (then its problems go to *problems*).

    Text outside the Markdown body (front matter title and description, source names) is
    written into the page's <title>, <meta> and templates: the same checks as for the body
    keep a translation from adding e.g. <script> or an event attribute there.
    """
    found = lookup(msgid, None)
    if found is None:
        return None
    found_problems = check_translation(msgid, found.text, kind)
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
    raw = Path(abs_src_path).read_text(encoding="utf-8-sig")
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
