"""MkDocs adapter for the per-language, accent-folding search (entry point ``mdbabel-search``).

With mkdocs-static-i18n every event below runs once per language build (vi first, then
i18n's ``on_post_build`` runs the en build), so the plugin collects the pages of the build
in progress and writes that language's index at the end of it:

- vi (default language): ``site/search/vi.json``
- en: ``site/en/search/en.json``

Each page gets, in ``on_post_page``: a stylesheet link in ``<head>``, the search box in
Material's header (before the repository link, else at the end of the header bar), and a
deferred script; the 404 pages get the same with absolute links. The index is fetched by the
script only when the reader opens or focuses the search box. Material's own ``search``
plugin must be disabled.

The box comes from the theme's ``partials/search.html`` (overrides/) when Jinja has gettext
installed (the mdbabel plugin installs ``_site.po``), so its strings are ``_site`` messages;
otherwise from :func:`search_box_html` with the strings below. Either way the strings are
Vietnamese msgids translated by the ``_site`` catalog (the mdbabel plugin's); a site without
catalogs gives its texts per language in the ``strings`` option (``{en: {label: ...}}``).
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from importlib import resources
from urllib.parse import urlsplit

from jinja2 import TemplateNotFound
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import get_relative_url

from mdbabel import interface_strings as ui
from mdbabel.escaping import plain_text
from mdbabel.lang_marks import language_of
from mdbabel.lang_marks import strip as strip_marks
from mdbabel.search_index import (
    DEFAULT_MAX_PAGE_CHARS,
    DEFAULT_MAX_SECTION_CHARS,
    DEFAULT_SKIP_CLASSES,
    PageEntry,
    article_html,
    build_index,
    dump_index,
    extract_page,
)

log = logging.getLogger("mkdocs.plugins.mdbabel.search")

ASSET_DIR = "assets/mdbabel"
ASSETS = ("search.js", "search.css")


# Interface strings: Vietnamese msgids of the _site domain (mdbabel.interface_strings, and
# the same in overrides/partials/search.html). A build translates them with the mdbabel
# plugin's _site catalog; what it does not translate is shown as written (Vietnamese).
UI_STRINGS = {
    "label": ui.SEARCH_LABEL,
    "placeholder": ui.SEARCH_LABEL,
    "open": ui.SEARCH_OPEN,
    "close": ui.SEARCH_CLOSE,
    "results": ui.SEARCH_RESULTS,
    "loading": ui.SEARCH_LOADING,
    "error": ui.SEARCH_ERROR,
    "none": ui.SEARCH_NONE,
    "one": ui.SEARCH_ONE,
    "other": ui.SEARCH_OTHER,
    "partial": ui.SEARCH_PARTIAL,
}

_MAGNIFY_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" '
    'focusable="false"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79'
    "l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 "
    '3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>'
)
_CLOSE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" '
    'focusable="false"><path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 '
    '19 12 13.41 17.59 19 19 17.59 13.41 12z"/></svg>'
)

_HEADER_NAV_END = re.compile(r'(<header\b[^>]*class="md-header[^"]*"[\s\S]*?)(</nav>)')
_HEADER_SOURCE = re.compile(r'<div class="md-header__source">')


class _SearchConfig(base.Config):
    max_section_chars = c.Type(int, default=DEFAULT_MAX_SECTION_CHARS)
    max_page_chars = c.Type(int, default=DEFAULT_MAX_PAGE_CHARS)
    # Classes of elements left out of the index, besides headerlink and mdbabel-notice
    # (elements with a data-search-exclude attribute are always left out).
    skip_classes = c.Type(list, default=[])
    # Per-language overrides of interface strings: {en: {label: "Search", ...}}
    strings = c.Type(dict, default={})


class SearchPlugin(BasePlugin[_SearchConfig]):
    """Per-language search index + search box; see the module docstring."""

    def __init__(self):
        super().__init__()
        self._strings: dict[str, str] = dict(UI_STRINGS)
        self._partial = None  # overrides/partials/search.html, when the theme has it
        self._pages: list[PageEntry] = []
        self._boxes: dict[tuple[str, str], str] = {}
        self._lang = "en"
        self._root_prefix = ""  # "" for the default language, "en/" for en

    # -- language of the build in progress -------------------------------------------------
    def _detect_language(self, config) -> None:
        i18n = config.plugins.get("i18n")
        if i18n is not None:
            current = getattr(i18n, "current_language", None) or getattr(
                i18n, "default_language", None
            )
            default = getattr(i18n, "default_language", None)
            self._lang = current or "en"
            self._root_prefix = "" if current == default else f"{current}/"
        else:
            self._lang = config.theme.get("language") or "en"
            self._root_prefix = ""

    @property
    def index_path(self) -> str:
        """Index of the language being built, relative to the site root."""
        return f"{self._root_prefix}search/{self._lang}.json"

    # -- events ------------------------------------------------------------------------------
    def on_pre_build(self, *, config) -> None:
        # i18n sets its current language in on_config (priority -100, after ours), so the
        # language is read here, once per language build.
        self._detect_language(config)
        self._pages = []
        self._strings = self._ui_strings(config)

    @event_priority(-120)  # after the mdbabel plugin has installed _site.po translations
    def on_env(self, env, *, config, files):
        self._partial = _search_partial(env)
        # box markup per (index URL, root URL): the same for every page at one depth
        self._boxes = {}
        return env

    @event_priority(-50)  # after plugins that change the page, before i18n (-100)
    def on_post_page(self, output, *, page, config):
        self._collect(output, page, config)
        return inject(
            output,
            page_url=page.url,
            index_path=self.index_path,
            lang=self._lang,
            strings=self._strings,
            partial=self._partial,
            localize=self._localize,
            boxes=self._boxes,
        )

    @event_priority(-20)  # after the mdbabel plugin (-10) wrote /<lang>/404.html, before i18n
    def on_post_build(self, *, config) -> None:
        self._add_box_to_404(config)
        index_file = os.path.join(config.site_dir, *self.index_path.split("/"))
        os.makedirs(os.path.dirname(index_file), exist_ok=True)
        data = dump_index(build_index(self._lang, self._pages))
        with open(index_file, "w", encoding="utf-8") as out:
            out.write(data)
        log.info(
            "mdbabel-search: %s pages in %s (%.1f KB)",
            len(self._pages),
            self.index_path,
            len(data.encode("utf-8")) / 1024,
        )
        asset_dir = os.path.join(config.site_dir, *ASSET_DIR.split("/"))
        os.makedirs(asset_dir, exist_ok=True)
        package_assets = resources.files("mdbabel") / "assets"
        for name in ASSETS:
            source = (package_assets / name).read_text(encoding="utf-8")
            with open(os.path.join(asset_dir, name), "w", encoding="utf-8") as out:
                out.write(light_minify(source))

    # -- helpers ------------------------------------------------------------------------------
    def _add_box_to_404(self, config) -> None:
        """The 404 page is served at any depth, so it gets absolute links (from site_url)."""
        not_found = os.path.join(config.site_dir, *f"{self._root_prefix}404.html".split("/"))
        if not os.path.isfile(not_found):
            # Without the mdbabel plugin every language build writes the one root 404.html.
            not_found = os.path.join(config.site_dir, "404.html")
        if not config.site_url or not os.path.isfile(not_found):
            return
        with open(not_found, encoding="utf-8") as source:
            output = source.read()
        if "data-mdb-search" in output or f'<html lang="{self._lang}"' not in output:
            return
        output = inject(
            output,
            page_url="",
            index_path=self.index_path,
            lang=self._lang,
            strings=self._strings,
            partial=self._partial,
            localize=self._localize,
            base_path=urlsplit(config.site_url).path.rstrip("/") + "/",
        )
        with open(not_found, "w", encoding="utf-8") as out:
            out.write(output)

    def _collect(self, output: str, page, config) -> None:
        """Add the page to the index of the language being built, if it is in that language."""
        if _excluded(page) or not self._page_in_build_language(page, config):
            return
        content = article_html(output)
        if content is None:
            content = page.content or ""
        text = extract_page(
            content,
            self._lang,
            max_section_chars=self.config.max_section_chars,
            max_page_chars=self.config.max_page_chars,
            skip_classes=DEFAULT_SKIP_CLASSES | set(self.config.skip_classes),
        )
        if text.shown_in_other_language:
            log.debug("mdbabel-search: %s is not in %s, left out", page.url, self._lang)
            return
        title = text.title or plain_text(strip_marks(page.title or ""))  # no lang mark in the index
        self._pages.append(PageEntry(url=page.url, title=title, sections=text.sections))

    def _page_in_build_language(self, page, config) -> bool:
        """Leave out i18n fallback copies (a Vietnamese file published under /en/).

        When the ``mdbabel`` plugin is active it translates those pages, so they are kept;
        untranslated paragraphs it marks with ``lang`` are dropped by the text extraction.
        """
        file_locale = getattr(page.file, "locale", None)
        if file_locale is None or file_locale == self._lang:
            return True
        return "mdbabel" in config.plugins

    def _localize(self, translated: dict) -> dict[str, str]:
        """Strings of the partial (translated there with _site.po), then the ``strings`` option.

        The partial's _() gives escaped Markup (autoescape): the strings are text here, escaped
        again where the partial writes them (attributes, JSON). A string that fell back to
        another language (mdbabel.lang_marks) goes in without its mark; the language of the
        label becomes the box's ``lang`` (``lang`` in the result, absent when it is the build's)."""
        result = {}
        label_lang = None
        for key, text in translated.items():
            raw = str(text)
            if key == "label":
                label_lang = language_of(raw)
            result[key] = strip_marks(plain_text(text))
        result.update(self.config.strings.get(self._lang, {}))
        if label_lang and "label" not in self.config.strings.get(self._lang, {}):
            result["lang"] = label_lang
        return result

    def _ui_strings(self, config) -> dict[str, str]:
        """The box's strings in the language being built: the mdbabel plugin's ``_site``
        translations (a string without one stays as written), then the ``strings`` option."""
        translate = getattr(config.plugins.get("mdbabel"), "gettext", None)
        # the plugin's gettext gives escaped text (for pages): the strings are text here, escaped
        # where the box writes them; a fallback mark is dropped (attributes and JSON)
        strings = {key: strip_marks(plain_text(translate(msgid))) if translate else msgid
                   for key, msgid in UI_STRINGS.items()}
        strings.update(self.config.strings.get(self._lang, {}))
        return strings


_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*(?:(?!\*/)[\s\S])*\*/[ \t]*$", re.MULTILINE)


def light_minify(source: str) -> str:
    """Drop whole-line comments, indentation and blank lines of search.js / search.css.

    Only whole lines are touched (a comment after code stays), so string and RegExp
    literals cannot be damaged; line breaks are kept, so automatic semicolons still hold.
    """
    source = _BLOCK_COMMENT.sub("", source)
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def _excluded(page) -> bool:
    """Front matter ``search: {exclude: true}`` (as in Material) keeps a page out."""
    search_meta = (page.meta or {}).get("search")
    return isinstance(search_meta, dict) and bool(search_meta.get("exclude"))


def search_box_html(*, index_url: str, root_url: str, lang: str, strings: dict[str, str]) -> str:
    """The search box markup; hidden until search.js runs (no dead control without script)."""
    e = html.escape
    return (
        f'<div class="mdb-search" data-mdb-search hidden lang="{e(lang)}" '
        f'data-index="{e(index_url)}" data-root="{e(root_url)}" '
        f"data-strings='{e(json.dumps(strings, ensure_ascii=False), quote=True)}'>"
        f'<button type="button" class="md-header__button md-icon mdb-search__open" '
        f'aria-label="{e(strings["open"])}" aria-expanded="false" '
        f'aria-controls="mdb-search-panel">{_MAGNIFY_SVG}</button>'
        f'<div class="mdb-search__panel" id="mdb-search-panel">'
        f'<form class="mdb-search__form" role="search" aria-label="{e(strings["label"])}" '
        f'action="#" autocomplete="off">'
        f'<label class="mdb-search__label" for="mdb-search-input">{e(strings["label"])}</label>'
        f'<span class="mdb-search__icon">{_MAGNIFY_SVG}</span>'
        f'<input class="mdb-search__input" id="mdb-search-input" type="search" name="q" '
        f'placeholder="{e(strings["placeholder"])}" autocomplete="off" autocapitalize="off" '
        f'spellcheck="false" enterkeyhint="search" aria-describedby="mdb-search-status">'
        f'<button type="button" class="mdb-search__close" '
        f'aria-label="{e(strings["close"])}">{_CLOSE_SVG}</button>'
        f"</form>"
        f'<div class="mdb-search__output">'
        f'<p class="mdb-search__status" id="mdb-search-status" role="status" '
        f'aria-live="polite"></p>'
        f'<ol class="mdb-search__results" id="mdb-search-results" '
        f'aria-label="{e(strings["results"])}"></ol>'
        f"</div></div></div>"
    )


def _search_partial(env):
    """The theme's ``partials/search.html`` when it is ours and can be translated, else None.

    Ours = it holds ``data-mdb-search`` (Material ships a ``partials/search.html`` of its own);
    translated = ``jinja2.ext.i18n`` is installed (the mdbabel plugin does it with _site.po).
    Without it the box is built by :func:`search_box_html` from the strings in this module.
    """
    # install_gettext_translations() puts gettext in the globals (and needs the extension)
    if "gettext" not in env.globals:
        return None
    if env.loader is None:
        return None
    try:
        source, _, _ = env.loader.get_source(env, "partials/search.html")
    except TemplateNotFound:
        return None
    if "data-mdb-search" not in source:
        return None
    return env.get_template("partials/search.html")


def inject(
    output: str,
    *,
    page_url: str,
    index_path: str,
    lang: str,
    strings: dict[str, str],
    partial=None,
    localize=None,
    base_path: str | None = None,
    boxes: dict | None = None,
) -> str:
    """Add stylesheet, search box and script to one rendered page.

    Links are relative to ``page_url``, or absolute under ``base_path`` ("/guide/") if given.

    ``partial``: a Jinja template (overrides/partials/search.html) rendering the box with
    ``mdb_search`` = {index_url, root_url, lang, localize}; None to use :func:`search_box_html`.

    ``boxes``: a dict kept by the caller for one language build (same partial, strings and
    translations), in which the box markup is kept per pair of URLs instead of rendered for
    every page.
    """
    # page_url "" is the home page; get_relative_url wants a path for both sides.
    here = page_url or "."
    css = get_relative_url(f"{ASSET_DIR}/search.css", here)
    js = get_relative_url(f"{ASSET_DIR}/search.js", here)
    index_url = get_relative_url(index_path, here)
    root_url = get_relative_url(".", here).rstrip("/") + "/"
    if root_url == "./":
        root_url = ""
    if base_path is not None:
        css, js = base_path + f"{ASSET_DIR}/search.css", base_path + f"{ASSET_DIR}/search.js"
        index_url, root_url = base_path + index_path, base_path
    key = (index_url, root_url)
    box = None if boxes is None else boxes.get(key)
    if box is None:
        if partial is not None:
            box = partial.render(
                mdb_search={
                    "index_url": index_url,
                    "root_url": root_url,
                    "lang": lang,
                    "localize": localize or (lambda translated: {k: plain_text(v) for k, v in translated.items()}),
                }
            )
        else:
            box = search_box_html(index_url=index_url, root_url=root_url, lang=lang, strings=strings)
        if boxes is not None:
            boxes[key] = box

    if "</head>" in output:
        output = output.replace(
            "</head>", f'<link rel="stylesheet" href="{html.escape(css)}">\n</head>', 1
        )
    if _HEADER_SOURCE.search(output):
        output = _HEADER_SOURCE.sub(lambda m: box + m.group(0), output, count=1)
    elif _HEADER_NAV_END.search(output):
        output = _HEADER_NAV_END.sub(lambda m: m.group(1) + box + m.group(2), output, count=1)
    else:
        output = re.sub(r"(<body\b[^>]*>)", lambda m: m.group(1) + box, output, count=1)
    script = f'<script src="{html.escape(js)}" defer></script>\n'
    if "</body>" in output:
        output = output.replace("</body>", script + "</body>", 1)
    else:
        output += script
    return output
