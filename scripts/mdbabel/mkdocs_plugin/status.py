"""The translation status page: where authors put ``<!-- mdbabel:translation-status -->``, per
language a table of the pages (translated share, fuzzy and missing units, how the page is
shown), written as HTML and put in place after Markdown (``on_page_content``)."""

from __future__ import annotations

from html import escape

from babel.numbers import format_percent
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from mdbabel import figures as figures_module
from mdbabel import interface_strings as ui
from mdbabel import lang_marks, review_state
from mdbabel.escaping import markdown_text
from mdbabel.mkdocs_plugin.catalog_access import _checked, _source_page
from mdbabel.mkdocs_plugin.interface import language_name
from mdbabel.segments import front_matter_message


#: Written by authors in docs/status.md; replaced by the generated translation status tables.
STATUS_PLACEHOLDER = "<!-- mdbabel:translation-status -->"


class StatusPage:
    """The status tables (a part of :class:`mdbabel.mkdocs_plugin.plugin.MdBabelPlugin`)."""

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
