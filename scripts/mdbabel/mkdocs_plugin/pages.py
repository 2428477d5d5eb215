"""One page in a language build: its source read in the normal form (front matter checked), its
body, title and description translated or shown in the source language below the threshold,
the notices above it, the figures for its language, the table of contents' ``lang`` of
headings kept in another language, and what the templates show under it (review date,
sources)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Any

from babel.numbers import format_percent
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mdbabel import figures as figures_module
from mdbabel import interface_strings as ui
from mdbabel import lang_marks, project, review_state
from mdbabel.catalogs import CatalogError
from mdbabel.figures import calculator as figure_calculator
from mdbabel.figures import changes as figure_changes
from mdbabel.mkdocs_plugin.catalog_access import _body_first_line, _checked
from mdbabel.mkdocs_plugin.status import STATUS_PLACEHOLDER
from mdbabel.page_source import read_page_source
from mdbabel.segments import front_matter_message
from mdbabel.site_checks.nav import check_nav
from mdbabel.textnorm import read_source_text
from mdbabel.translate import fallback_translation

log = logging.getLogger("mkdocs.plugins.mdbabel")


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


class Pages:
    """The page events (a part of :class:`mdbabel.mkdocs_plugin.plugin.MdBabelPlugin`)."""

    def on_pre_build(self, config):
        self._front_matter_problems: list[str] = []
        if self.strict:
            # a nav entry whose page is gone (moved): one line with its place in mkdocs.yml,
            # before MkDocs' own warning, which has neither place nor fix
            try:
                nav_problems = check_nav(project.load_site_config(self._root))
            except CatalogError:
                nav_problems = []  # (another name than mkdocs.yml: MkDocs' warning stands)
            if nav_problems:
                raise PluginError("\n".join(map(str, nav_problems)))

    def on_page_read_source(self, page: Page, config):
        """The page in the normal form, its front matter checked (:mod:`mdbabel.page_source`).

        (MkDocs 1.6 prefers setting ``File.content_string`` in ``on_files``, but that unsets
        ``abs_src_path``, which ``mkdocs serve`` and the status table use.) The source-language
        build reports the problems (once, not once per language); every build leaves out a
        front matter that does not read, so its raw YAML is never published.
        """
        if not page.file.abs_src_path:
            return None
        shown = self._shown_source(page.file.src_uri)
        try:
            text, problems = read_page_source(page.file.abs_src_path, shown,
                                              rules=self.config.front_matter_rules)
        except OSError:
            return None  # MkDocs reads the file again and words the error
        except UnicodeDecodeError:  # (MkDocs' own words end in a traceback)
            # the one reader of source files words it, with the line of the first bad byte
            read_source_text(Path(page.file.abs_src_path), shown, PluginError)
            raise
        if problems and self.language == self.default_language:
            if self.strict:
                self._front_matter_problems.extend(problems)
            else:
                for problem in problems:
                    log.warning(problem)
        return text

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

    def _write_review_notice(self, info: PageTranslation, domain: str) -> None:
        """On a page shown translated whose translation no native speaker has reviewed: a notice
        that the source text prevails, with the link to the source page."""
        if info.state == "fallback" or self.review_state(self.language, domain) != review_state.MACHINE_ASSISTED:
            return
        info.review_notice, info.review_notice_language = self.sentence(ui.REVIEW_NOTICE_MACHINE)
        if not info.original_link:
            info.original_link, info.original_link_language = self.sentence(ui.NOTICE_ORIGINAL_LINK)

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


def _substitute_in_spans(markdown: str, language: str, figures, *, path: str, first_line: int) -> str:
    """Format the figures inside ``<span lang="LANGUAGE">…</span>`` for that language."""
    opening = f'<span lang="{language}">'

    def replace(match: re.Match) -> str:
        line = first_line + markdown.count("\n", 0, match.start())
        return figures_module.substitute(match.group(0), figures, language, path=path, first_line=line)

    return re.sub(re.escape(opening) + r".*?</span>", replace, markdown, flags=re.S)


def _alternate_url(page: Page, language: str) -> str | None:
    alternate = (getattr(page.file, "alternates", None) or {}).get(language)
    if alternate is None:
        return None
    return "" if alternate.url in ("./", ".") else alternate.url


# A heading as Python-Markdown writes it; its body without toc's permalink.
_UNTRANSLATED_HEADING = re.compile(
    r'<h(?P<level>[1-6]) id="(?P<id>[^"]+)"[^>]*>(?P<body>.*?)'
    r'(?:<a class="headerlink"[^>]*>[^<]*</a>)?</h(?P=level)>', re.S)


# The opening of a heading written wholly in another language (source or fallback).
_WHOLE_SPAN = re.compile(r'<span lang="[A-Za-z0-9_-]{2,40}">')
