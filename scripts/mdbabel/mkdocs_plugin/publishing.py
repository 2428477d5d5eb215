"""Which languages a build publishes (``mdbabel.languages``: a language below publish_threshold
is a preview) and the links between them: the language menu, hreflang alternates, and the
addresses ``mkdocs serve`` prints."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from mdbabel import interface_strings as ui
from mdbabel import lang_marks, project
from mdbabel import languages as languages_module
from mdbabel.problems import CatalogError
from mdbabel.project import load_site_config
from mdbabel.mkdocs_plugin.interface import language_name

log = logging.getLogger("mkdocs.plugins.mdbabel")


@dataclass
class LanguageLink:
    code: str
    name: str          # in its own language: "Tiếng Việt", "English"
    url: str           # site-relative url of the same page in that language
    absolute_url: str  # for hreflang
    current: bool
    preview: bool = False  # below the publishing threshold: no hreflang, marked in the menu


class Publishing:
    """Published languages and language links (a part of :class:`mdbabel.mkdocs_plugin.plugin.MdBabelPlugin`)."""

    def _decide_publishing(self, files) -> None:
        """Which languages are published (:mod:`mdbabel.languages`), from the catalogs every
        build of the site reads: each language's build decides the same for all of them."""
        domains = [f.src_uri.rsplit(".", 1)[0] for f in self._source_pages(files)
                   if f.abs_src_path and f.src_uri.endswith(".md")]
        site: list = []  # the catalog tools' view of the site, read if a template is missing

        def templates(domain: str):
            path = project.template_path(self.locales_dir, domain)
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

    def published_languages(self) -> list[str]:
        """The languages offered to readers: every built language but the previews."""
        return [code for code in self.languages if self.is_published(code)]

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

    def _language_root(self) -> str:
        return "" if self.language == self.default_language else f"{self.language}/"

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
