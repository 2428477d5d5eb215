"""The header entry of a catalog: reading and checking its fields, and the fields we write.

Owns how a header's ``Name: value`` lines are read (a malformed line is a ``file:line``
error), the checks that make a catalog usable (charset UTF-8, a ``Language`` Babel knows and
that matches the catalog's folder), and the fields of the templates and catalogs an update
writes, in GNU's order (``Plural-Forms`` from Babel's CLDR data, whatever an editor wrote).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog

from ..problems import CatalogError

if TYPE_CHECKING:
    from .read import PoFile

__all__ = ["TEMPLATE_DATE_PLACEHOLDER", "header_value", "parse_header", "says_utf8",
           "language_problem", "template_headers", "catalog_headers"]

TEMPLATE_DATE_PLACEHOLDER = "YEAR-MO-DA HO:MI+ZONE"


def header_value(headers: list[tuple[str, str]], name: str) -> str | None:
    """The first header field called *name* (any case), as :meth:`PoFile.header` reads it."""
    for key, value in headers:
        if key.lower() == name.lower():
            return value
    return None


def parse_header(text: str, shown: str, line: int) -> list[tuple[str, str]]:
    headers = []
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        name, colon, value = raw.partition(":")
        if not colon or not name.strip() or " " in name.strip():
            raise CatalogError(f'{shown}:{line}: header line {raw!r} is not "Name: value"; '
                               'fix it, e.g. "Language: en\\n"')
        headers.append((name.strip(), value.strip()))
    return headers


def _same_language(a: str, b: str) -> bool:
    return a.replace("-", "_").lower() == b.replace("-", "_").lower()


def says_utf8(content_type: str) -> bool:
    """Whether a Content-Type header value declares the UTF-8 charset."""
    charset = re.search(r"charset=([\w.-]+)", content_type)
    return bool(charset) and charset.group(1).lower() in ("utf-8", "utf8")


def language_problem(shown: str, line: int, value: str | None,
                      expected: str | None) -> str | None:
    """What is wrong with the Language header *value* of a catalog meant for *expected*
    (``None``: any language), as a complete message; ``None`` if nothing is."""
    if not value:
        if expected is None:
            return None
        return (f'{shown}:{line}: header has no Language; add "Language: '
                f'{expected}\\n" to the header entry')
    if not _known_language(value):
        return (f'{shown}:{line}: unknown language "{value}" in the Language '
                "header; use a language code Babel knows, such as en or fr")
    if expected is not None and not _same_language(value, expected):
        return (f'{shown}:{line}: Language header "{value}" does not match the '
                f'folder "{expected}"; set "Language: {expected}\\n" or move the file')
    return None


@functools.cache
def _known_language(value: str) -> bool:
    """Whether Babel knows the language code *value* (``pt-BR`` or ``pt_BR``); cached,
    since all the catalogs of a site name a few languages and parsing a code is slow."""
    try:
        Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


_HEADER_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
                 "PO-Revision-Date", "Last-Translator", "Language-Team", "Language",
                 "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")


def _ordered_headers(values: dict[str, str], extra: list[tuple[str, str]]) -> list[tuple[str, str]]:
    known = {name.lower() for name in _HEADER_ORDER}
    ordered = [(name, values[name]) for name in _HEADER_ORDER if name in values]
    seen = {name.lower() for name, _ in ordered}
    for name, value in extra:
        if name.lower() not in known and name.lower() not in seen and name != "Generated-By":
            ordered.append((name, value))
            seen.add(name.lower())
    return ordered


def template_headers(project: str, date: str) -> list[tuple[str, str]]:
    return _ordered_headers({
        "Project-Id-Version": project,
        "POT-Creation-Date": date,
        "PO-Revision-Date": TEMPLATE_DATE_PLACEHOLDER,
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }, [])


def catalog_headers(existing: PoFile | None, project: str, language: str, pot_date: str,
                     revision_date: str) -> list[tuple[str, str]]:
    old = {name: value for name, value in existing.headers} if existing else {}
    locale = Locale.parse(language.replace("-", "_"))
    plural = Catalog(locale=locale).plural_forms
    return _ordered_headers({
        "Project-Id-Version": project,
        "POT-Creation-Date": pot_date,
        "PO-Revision-Date": revision_date,
        "Last-Translator": old.get("Last-Translator", ""),
        "Language-Team": old.get("Language-Team", locale.english_name or language),
        "Language": language.replace("-", "_"),  # gettext spelling: pt_BR
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural,  # from Babel (CLDR), whatever an editor wrote
    }, existing.headers if existing else [])
