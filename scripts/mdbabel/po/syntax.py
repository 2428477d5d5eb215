"""PO string syntax shared by the readers: quoted strings, ``#|`` previous msgids, line breaks.

Owns what a well-formed string is (:data:`QUOTED`), the text of a string written over
several ``"..."`` lines, the previous msgid of a fuzzy entry (``#|``, and the ``# |`` that
Babel's own writer turns it into), and the normal form of translations' line breaks.
"""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog
from babel.messages.pofile import unescape

__all__ = ["QUOTED", "MANGLED_PREVIOUS", "parse_previous", "string_text", "msgstr_text",
           "normal_strings"]

QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
# Babel's read_po/write_po turn "#| msgid ..." into the translator comment "# | msgid ...";
# read those back as the previous msgid they were.
MANGLED_PREVIOUS = re.compile(r'# \| (?:msgctxt |msgid |msgid_plural )?"')


def parse_previous(lines: list[str]) -> list[str]:
    """``#| msgid "a" / #| "b"`` lines -> ``["ab"]`` (plus the plural, if any)."""
    found: dict[str, str] = {}
    keyword = None
    for line in lines:
        if line and line[0] != '"':
            keyword, _, line = line.partition(" ")
            line = line.strip()
        if keyword and QUOTED.fullmatch(line or '""'):
            found[keyword] = found.get(keyword, "") + unescape(line or '""')
    return [found[k] for k in ("msgid", "msgid_plural") if k in found]


def msgstr_text(lines: str) -> str:
    """A msgstr's text, its line breaks in the normal form (see :func:`normal_strings`)."""
    text = string_text(lines)
    return text if "\r" not in text else text.replace("\r\n", "\n").replace("\r", "\n")


def normal_strings(catalog: Catalog) -> None:
    """A translation written with ``\\r`` escapes gets ``\\n`` line breaks: Python-Markdown
    reads a carriage return as a new line, which the checks (that look for ``\\n``) and the
    source's msgid never have. (The file's own line ends are normalised before parsing.)"""
    for message in (*catalog._messages.values(), *catalog.obsolete.values()):  # noqa: SLF001
        string = message.string
        if isinstance(string, str):
            if "\r" in string:
                message.string = string.replace("\r\n", "\n").replace("\r", "\n")
        elif isinstance(string, (list, tuple)) and any("\r" in part for part in string):
            message.string = type(string)(part.replace("\r\n", "\n").replace("\r", "\n")
                                          for part in string)


def string_text(lines: str) -> str:
    """The text of a string written on the ``"..."`` *lines* (joined by ``\\n``), unescaped
    line by line like Babel's ``denormalize``."""
    if "\\" in lines:
        return "".join(map(unescape, lines.split("\n")))
    # Without escapes no line holds a quote inside: '"\n"' only joins two lines.
    return lines[1:-1].replace('"\n"', "")
