"""The printed booklets in a language build (option ``booklets``): each booklet's pages and
labels handed to ``mdbabel.booklets`` (which knows no MkDocs), and the download links on the
pages that offer them. The PDFs are written into the site in ``on_post_build``."""

from __future__ import annotations

import functools
import logging
from urllib.parse import urljoin

from babel.numbers import format_decimal
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from mdbabel import figures as figures_module
from mdbabel import interface_strings as ui
from mdbabel.mkdocs_plugin.catalog_access import _source_page
from mdbabel.mkdocs_plugin.interface import language_name
from mdbabel.mkdocs_plugin.status import STATUS_PLACEHOLDER

log = logging.getLogger("mkdocs.plugins.mdbabel")


class Booklets:
    """The booklets of a build (a part of :class:`mdbabel.mkdocs_plugin.plugin.MdBabelPlugin`)."""

    def _make_booklets(self, config) -> None:
        """The printed booklets of this language (mdbabel.booklets), from every page's
        article HTML; written into the site in on_post_build, linked in on_page_context."""
        self._booklets, self._booklet_links, self._booklet_extras = [], {}, {}
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
            extras = self._booklet_extras[page.file.src_uri] = self._extras(page)
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
        # each page's "read it online" line, made here: the booklets may be rendered in other
        # processes (mdbabel.booklets.batch), which get this mapping, not the plugin
        online = {page.url: self._booklet_text(ui.BOOKLET_ONLINE, url=page.url)
                  for _, pages in planned for page in pages}
        requests = []
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
            requests.append(booklets.BookletRequest(spec, pages, self.language, labels, online.__getitem__,
                                                    home, built))
        try:
            made_all = booklets.build_booklets(requests, cache)
        except booklets.render.BookletError as error:
            raise PluginError(f"mdbabel: {error}") from None
        for made in made_all:
            self._booklets.append(made)
            if made.size > booklets.render.SIZE_LIMIT:
                log.warning(f"booklet {self.language}/{made.filename}: {made.size / 1e6:.2f} MB, over the "
                            f"{booklets.render.SIZE_LIMIT / 1e6:.0f} MB limit; give its audience two booklets "
                            "(mdbabel/booklets/plan.py: BOOKLETS) or shorten its pages")
            log.info(f"booklet {self.language}/{made.filename}: {made.size / 1e6:.2f} MB, "
                     f"{len(made.pages)} pages of the site, {made.seconds:.1f} s"
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
