"""The PO reader: a ``.po`` or ``.pot`` file -> a Babel :class:`~babel.messages.catalog.Catalog`
checked as GNU gettext checks it, with every error as ``file:line: what; fix``.

Owns :class:`PoFile` (the catalog plus what Babel's model does not keep: the header fields
in file order, the header's comments and fuzzy flag, the line of each msgstr) and
:func:`read_po_file`, the reader the catalog tools and the build use. A file in the regular
layout is read by :mod:`mdbabel.po.fast` with the same results; any other goes through
Babel's parser. :func:`read_po_lenient` is the other way in, for a check that looks at every
translation a catalog holds even when the build rejects the catalog (the site checks: links a
translation changes): Babel's parser as its public ``read_po`` runs it, without the checks and
without the file's header (whose ``Plural-Forms`` Babel would obey).

Why Babel's parser and not its public ``read_po``: ``read_po`` gives no line for a msgstr
(only for its msgid), merges a duplicate entry into the first without a word, drops a
malformed entry, reads ``#|`` previous msgids as translator comments and replaces the header
with its own defaults. The project must report each of those with its line, and keep
previous msgids (the fuzzy ``#|`` a translator sees). So :class:`_CheckingParser` extends
Babel's ``PoFileParser`` at the smallest number of its hooks: ``_process_comment`` (``#|``
lines), ``_process_message_line`` (a malformed string, an unknown keyword),
``_process_keyword_line`` (an entry without msgstr; the msgstr's line) and ``_add_message``
(the header entry, duplicates, empty msgids). Those hooks are private: a Babel upgrade is
checked by ``tests/catalogs/test_catalog_read.py`` and ``tests/catalogs/test_catalog_fast_reader.py`` (pinned in
``requirements/lock.txt``).
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, PoFileParser

from ..problems import CatalogError
from ..project import language_of
from ..textnorm import decode_normal, read_normal, undecodable_line
from .entries import Key
from .fast import Parsed, parse_regular
from .headers import header_value, language_problem, parse_header, says_utf8
from .syntax import MANGLED_PREVIOUS, QUOTED, normal_strings, parse_previous

__all__ = ["PoFile", "read_po_file", "read_po_lenient", "parse_with_babel"]


@dataclass
class PoFile:
    """A catalog read from disk, with what Babel's model does not keep."""

    catalog: Catalog
    shown: str                                   # path shown in messages
    headers: list[tuple[str, str]]               # header fields in file order
    header_comments: list[str]                   # "# ..." lines above the header, without "# "
    header_fuzzy: bool
    msgstr_lines: dict[Key, int]                 # 1-based line of each active msgstr

    def header(self, name: str) -> str | None:
        return header_value(self.headers, name)


class _CheckingParser(PoFileParser):
    """Babel's PO parser, plus what GNU gettext enforces and Babel lets through:
    malformed strings, duplicate entries, a missing header; and it keeps ``#|`` previous msgids
    and the line of each msgstr."""

    def __init__(self, catalog: Catalog, shown: str) -> None:
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=True)
        self.shown = shown
        self.previous_lines: list[str] = []
        self.msgstr_line: int | None = None
        self.msgstr_lines: dict[Key, int] = {}
        self.entry_lines: dict[tuple[bool, Key], int] = {}
        self.header: tuple[str, list[str], bool, int] | None = None

    def fail(self, line: int, what: str) -> None:
        raise CatalogError(f"{self.shown}:{line}: {what}")

    def _process_comment(self, line) -> None:
        if line.startswith("#|") or MANGLED_PREVIOUS.match(line):
            self._finish_current_message()
            self.previous_lines.append(line[2:].strip() if line.startswith("#|") else
                                       line[3:].strip())
            return
        super()._process_comment(line)

    def _process_message_line(self, lineno, line, obsolete=False) -> None:
        if not line or (obsolete and line.startswith("|")):
            return  # "#~|": previous msgid of an obsolete entry, history of history
        if _CONFLICT_MARKER.match(line):
            self.fail(lineno + 1, "unresolved git merge conflict; keep the entry you want and "
                                  "delete the `<<<<<<<`, `=======` and `>>>>>>>` lines")
        if line and line[0] != '"' and line.split(None, 1)[0] not in (
                "msgid", "msgstr", "msgctxt", "msgid_plural") and not line.startswith("msgstr["):
            self.fail(lineno + 1, f"unknown keyword in {line[:40]!r}; entries are made of "
                                  "msgctxt, msgid and msgstr lines")
        quoted = line if line.startswith('"') else line.partition(" ")[2].strip()
        if not QUOTED.fullmatch(quoted):
            self.fail(lineno + 1, f"malformed string {quoted[:40]!r}; write text in double quotes "
                                  'and escape quotes inside as \\"')
        super()._process_message_line(lineno, line, obsolete)

    def _process_keyword_line(self, lineno, line, obsolete=False) -> None:
        keyword = line.partition(" ")[0]
        if keyword.startswith("msgstr["):
            # Babel reads the index with int(): "msgstr[x]", "msgstr[0", "msgstr[1]x" or a run
            # of 5,000 digits raised a ValueError that no caller expects
            index = keyword[len("msgstr["):-1]
            if not keyword.endswith("]") or not (index.isascii() and index.isdecimal()) \
                    or len(index) > 3:
                self.fail(lineno + 1, f"malformed plural index in {line[:40]!r}; write "
                                      'msgstr[0] "...", msgstr[1] "..." for the plural forms')
        if keyword in ("msgid", "msgctxt") and self.messages and not self.translations:
            self.fail(self.offset + 1, "entry without msgstr; add `msgstr \"\"` after the msgid")
        super()._process_keyword_line(lineno, line, obsolete)
        if keyword.startswith("msgstr") and self.msgstr_line is None:
            self.msgstr_line = lineno + 1

    def _add_message(self) -> None:
        msgid = self.messages[0].denormalize()
        context = self.context.denormalize() if self.context else None
        line = self.offset + 1
        previous = parse_previous(self.previous_lines)
        msgstr_line = self.msgstr_line or line
        self.previous_lines = []
        self.msgstr_line = None
        if msgid == "" and context is None and not self.obsolete:
            if self.header is not None:
                self.fail(line, f'second header entry (msgid ""); the first is at line '
                                f"{self.header[3]}; remove one of the two entries")
            if self.counter:
                self.fail(line, 'the header entry (msgid "") must be the first entry; move it up')
            self.header = (self.translations[0][1].denormalize(), list(self.user_comments),
                           "fuzzy" in self.flags, msgstr_line)
            self.counter += 1
            self._reset_message_state()
            return
        if msgid == "":
            self.fail(line, 'empty msgid; the empty msgid is reserved for the header entry')
        entry = (self.obsolete, (context, msgid))
        if entry in self.entry_lines:
            kind = "obsolete message" if self.obsolete else "message"
            self.fail(line, f"duplicate {kind} {_short(msgid)} (first at line "
                            f"{self.entry_lines[entry]}); remove one of the two entries")
        self.entry_lines[entry] = line
        obsolete = self.obsolete
        super()._add_message()
        if not obsolete:
            message = self.catalog.get(msgid, context)
            if message is not None and previous:
                message.previous_id = previous
            self.msgstr_lines[(context, msgid)] = msgstr_line


# The lines git writes around the two sides of a merge conflict.
_CONFLICT_MARKER = re.compile(r"(?:<{7}|={7}|>{7})(?: |$)")


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "\\n")
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


def read_po_file(path: str | Path, *, shown: str | None = None, template: bool = False,
                 language: str | None = None, data: bytes | None = None) -> PoFile:
    """Read and validate a ``.po`` (or, with *template*, ``.pot``) file.

    Checks what would make the catalog unusable or ambiguous: PO syntax, a missing or
    malformed header, a charset other than UTF-8, duplicate entries, and a ``Language``
    header that is unknown to Babel or differs from *language* (default: the
    ``<lang>/LC_MESSAGES`` folder the file is in). Raises :class:`CatalogError` naming the
    file and line.
    """
    path = Path(path)
    shown = shown or path.as_posix()
    if data is None:  # (else the file's bytes, read by the caller)
        data = path.read_bytes()
    try:
        text = decode_normal(data)  # CRLF, CR, NFD, BOM: read as LF, NFC (mdbabel.textnorm)
    except UnicodeDecodeError as error:
        line = undecodable_line(data, error)
        raise CatalogError(f"{shown}:{line}: not UTF-8 text; save the file as UTF-8 "
                           "(e.g. `msgconv -t UTF-8`)") from None
    if not text.strip():  # an editor that crashed, a copy that failed: not a header to add
        raise CatalogError(f"{shown}:1: the catalog is empty; restore it (`git checkout -- "
                           f"{shown}`), or delete it and run `make catalogs` for a new one")
    catalog, header, msgstr_lines = parse_regular(text) or parse_with_babel(text, shown)
    header_text, header_comments, header_fuzzy, header_line = header
    headers = parse_header(header_text, shown, header_line)
    po = PoFile(catalog, shown, headers, header_comments, header_fuzzy, msgstr_lines)
    content_type = po.header("Content-Type") or ""
    if not says_utf8(content_type):
        raise CatalogError(f"{shown}:{header_line}: header Content-Type must say charset=UTF-8 "
                           f"(found {content_type!r}); set \"Content-Type: text/plain; "
                           "charset=UTF-8\\n\" and save the file as UTF-8")
    if not template:
        _check_language(po, path, header_line, language)
    return po


def parse_with_babel(text: str, shown: str) -> Parsed:
    """Babel's parser, checking what GNU gettext checks (:class:`_CheckingParser`)."""
    catalog = Catalog(locale=None, fuzzy=False, charset="utf-8")
    parser = _CheckingParser(catalog, shown)
    try:
        parser.parse(text.split("\n"))  # not splitlines(): U+2028 may be inside a string
    except PoFileError as error:
        what = str(error).rsplit(" on ", 1)[0]
        raise CatalogError(f"{shown}:{error.lineno + 1}: {what}; fix the PO syntax "
                           "(`msgfmt --check` shows the same problem)") from None
    if parser.header is None:
        raise CatalogError(f'{shown}:1: missing header entry (msgid ""); add it first, with at '
                           'least "Language: xx\\n" and "Content-Type: text/plain; '
                           'charset=UTF-8\\n"')
    normal_strings(catalog)
    return catalog, parser.header, parser.msgstr_lines


def _check_language(po: PoFile, path: Path, line: int, expected: str | None) -> None:
    value = po.header("Language")
    problem = language_problem(po.shown, line, value, expected or language_of(path))
    if problem:
        raise CatalogError(problem)
    if value:
        po.catalog.locale = value.replace("-", "_")


class _Messages(Catalog):
    """A Babel catalog that takes no field of the file's header.

    Babel reads the header into the catalog: its ``Plural-Forms`` sets the number of plural
    forms, and the parser then builds a list that long for every plural entry (a header
    ``nplurals=1000000000`` asks for gigabytes), and a date it cannot read raises. The
    lenient reader needs the messages only (plural entries included, in two forms)."""

    mime_headers = property(Catalog.mime_headers.fget, lambda self, headers: None)


def read_po_lenient(path: Path) -> Catalog | None:
    """The messages of the catalog at *path* as Babel's public ``read_po`` reads them (its
    header left out: :class:`_Messages`), in the normal form (:mod:`mdbabel.textnorm`: LF,
    NFC) and without the checks of :func:`read_po_file`; ``None`` if even that cannot read
    it. Only for checks that must see the translations of a catalog the build rejects (the
    catalog check reports why)."""
    try:
        catalog = _Messages(charset="utf-8")
        with contextlib.redirect_stdout(io.StringIO()):  # Babel prints a WARNING per bad line
            PoFileParser(catalog, ignore_obsolete=False, abort_invalid=False).parse(
                io.StringIO(read_normal(path)))
        return catalog
    except (OSError, UnicodeDecodeError, PoFileError, UnknownLocaleError, ValueError):
        return None
