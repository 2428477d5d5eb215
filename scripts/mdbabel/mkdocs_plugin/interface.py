"""Interface strings (``_site.po``) in a language build: the gettext of the templates along the
language's fallback chain, the sentences the plugin writes itself (notices, figure notes) with
language names filled in, and the ``lang`` of interface text that fell back to another
language (``mdbabel.lang_marks``)."""

from __future__ import annotations

import functools
import gettext
from typing import Any

from babel import Locale
from babel.numbers import format_percent
from mkdocs.plugins import event_priority

from mdbabel import lang_marks
from mdbabel import languages as languages_module
from mdbabel.catalogs import SITE_DOMAIN, check_interface_translation
from mdbabel.figures import changes as figure_changes
from mdbabel.mkdocs_plugin.catalog_access import TranslationMap
from mdbabel.textnorm import normal_text


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


def _in_sentence(name: str, language: str) -> str:
    # Babel capitalises Vietnamese language names ("Tiếng Anh"); inside a sentence
    # Vietnamese writes "tiếng Anh".
    if language.split("-")[0].split("_")[0] == "vi" and name.startswith("Tiếng "):
        return "t" + name[1:]
    return name


class InterfaceStrings:
    """The plugin's ``_site.po`` lookups (a part of :class:`mdbabel.mkdocs_plugin.plugin.MdBabelPlugin`)."""

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

    def gettext(self, message: str, **variables: Any) -> str:
        text = self._site_gettext.gettext(message)
        return text % variables if variables else text

    def _ui_text(self, message: str) -> tuple[str, str | None]:
        """A ``_site`` message for the reader, and its language while it is untranslated."""
        if self.is_source_build or self._site_gettext.has(message):
            return self._site_gettext.gettext(message), None
        return message, self.config.source_language

    def _figure_note(self, message: str) -> str:
        """``{{ name.check }}``: the sentence as Markdown-safe HTML, marked while untranslated."""
        return figure_changes.phrase(self._ui_text, message)

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

    @event_priority(-40)  # before mdbabel-search (-50) reads the page for its index
    def _page_lang_marks(self, output, page, config):
        """Interface text that fell back gets its own ``lang`` (mdbabel.lang_marks)."""
        return lang_marks.resolve(output)

    def on_post_template(self, output_content, template_name, config):
        if template_name.endswith(".html"):
            return lang_marks.resolve(output_content)
        return lang_marks.strip(output_content)
