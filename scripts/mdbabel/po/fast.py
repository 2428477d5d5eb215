"""The fast path of the PO reader: catalogs in the regular layout, read by regular expressions.

Catalogs in the layout gettext tools and :func:`mdbabel.po.write.render_catalog` write are
read in one pass, with the results :class:`mdbabel.po.read` gets from Babel's parser. Any
other file (plurals, blank lines inside an entry, ``#-`` conflicts, an odd keyword or string,
a duplicate, a header problem...) makes it give up (:class:`Irregular`): Babel's parser then
reads it, gives the results of the odd cases and words every error. ``mdbabel update`` reads
every catalog through it, and the site build its translations
(:func:`mdbabel.catalogs.translations.load_translations`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from babel.messages.catalog import Catalog, Message

from .entries import Key
from .syntax import MANGLED_PREVIOUS, msgstr_text, parse_previous, string_text

__all__ = ["Parsed", "Irregular", "regular_entries", "parse_regular", "is_fuzzy", "is_reorder"]

#: What a parser makes of a PO file: the catalog, its header entry (msgstr, translator
#: comments, fuzzy, line of its msgstr) and the line of each active msgstr.
Parsed = tuple[Catalog, tuple[str, list[str], bool, int], dict[Key, int]]


# A well-formed string on one line: what QUOTED accepts there.
_LINE_STRING = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
# Lines between entries: comments (not "#~", not "#-" conflict markers), previous msgids
# of obsolete entries (#~|, which Babel skips) and empty lines.
_BETWEEN = r"(?:\#(?![~-])[^\n]*+\n|\#~\|[^\n]*+\n|\n)*+"
# Possessive quantifiers throughout: no line of an entry starts like the lines before it, so
# giving characters back could never lead to a match, and the engine need not try.
_REGULAR_ENTRY = re.compile(rf"""
    (?P<comments>{_BETWEEN})
    (?:
        (?:msgctxt\ (?P<msgctxt>{_LINE_STRING}(?:\n{_LINE_STRING})*+)\n)?
        msgid\ (?P<msgid>{_LINE_STRING}(?:\n{_LINE_STRING})*+)\n
        msgstr\ (?P<msgstr>{_LINE_STRING}(?:\n{_LINE_STRING})*+)\n
    |
        (?:\#~\ msgctxt\ (?P<obsolete_msgctxt>{_LINE_STRING}(?:\n\#~\ {_LINE_STRING})*+)\n)?
        \#~\ msgid\ (?P<obsolete_msgid>{_LINE_STRING}(?:\n\#~\ {_LINE_STRING})*+)\n
        \#~\ msgstr\ (?P<obsolete_msgstr>{_LINE_STRING}(?:\n\#~\ {_LINE_STRING})*+)\n
    )""", re.VERBOSE)
_REGULAR_END = re.compile(rf"{_BETWEEN}\Z")
# Babel rejects a "#:" line whose U+2068/U+2069 isolates (around file names with spaces) do
# not pair up; such lines are rare, so Babel checks them.
_ISOLATED_LOCATION = re.compile(r"^#:[^\n]*[\u2068\u2069]", re.MULTILINE)


def is_fuzzy(comments: str) -> bool:
    """Whether the comment lines of an entry flag it fuzzy (flags as Babel splits them)."""
    return any(line.startswith("#,") and "fuzzy" in [flag.strip() for flag in line[2:].split(",")]
               for line in comments.split("\n"))


def is_reorder(comments: str) -> bool:
    """Whether the comment lines of an entry carry the flag ``mdbabel-reorder`` (its
    placeholders and figures may come in another order than the source's)."""
    return any(line.startswith("#,") and "mdbabel-reorder" in
               [flag.strip() for flag in line[2:].split(",")] for line in comments.split("\n"))


def _entry_comments(comments: str) -> tuple[list, list[str], list[str], list[str], list[str]]:
    """Locations, flags, automatic and translator comments, and previous-msgid lines of the
    comment lines before an entry, as :class:`_CheckingParser` collects them."""
    locations: list[tuple[str, int | None]] = []
    flags: list[str] = []
    auto: list[str] = []
    user: list[str] = []
    previous: list[str] = []
    for line in comments.split("\n"):
        line = line.strip()
        if not line or line.startswith("#~"):  # "#~|": skipped (obsolete previous msgid)
            continue
        prefix = line[:2]
        if prefix == "#|" or MANGLED_PREVIOUS.match(line):
            previous.append(line[2:].strip() if prefix == "#|" else line[3:].strip())
        elif prefix == "#:":
            for location in line[2:].split():  # no isolates here: those go to Babel
                name, colon, number = location.rpartition(":")
                if not colon:
                    locations.append((location, None))
                    continue
                try:
                    locations.append((name, int(number)))
                except ValueError:
                    continue  # Babel drops a location whose line is not a number
        elif prefix == "#,":
            flags.extend(flag.strip() for flag in line[2:].lstrip().split(","))
        elif prefix == "#.":
            comment = line[2:].strip()
            if comment:
                auto.append(comment)
        else:
            user.append(line[1:].strip())
    return locations, flags, auto, user, previous


class Irregular(Exception):
    """Not the regular layout (or wrong): Babel's parser reads the file, and explains."""


def regular_entries(text: str) -> Iterator[tuple[str, Key, str, bool, int, int]]:
    """(comment lines, key, msgstr as written, obsolete, msgid line, msgstr line) of each
    entry of a catalog in the regular layout, the header entry first. Raises
    :class:`Irregular`, at the entry where it shows or at the end, for any other file: one
    without the header first, with an empty msgid, a duplicate, or lines these expressions
    do not take."""
    if ("\u2068" in text or "\u2069" in text) and _ISOLATED_LOCATION.search(text):
        raise Irregular
    if not text.endswith("\n"):
        text += "\n"  # Babel reads the last line the same with or without its line end
    seen: set[tuple[bool, Key]] = set()
    match = _REGULAR_ENTRY.match
    position = counted = 0
    line = 1                                # the line of text[counted]
    while (entry := match(text, position)) is not None:
        position = entry.end()
        comments, context, msgid, msgstr, obsolete_context, obsolete_msgid, obsolete_msgstr \
            = entry.groups()
        obsolete = msgid is None
        if obsolete:
            context = None if obsolete_context is None else obsolete_context.replace("\n#~ ", "\n")
            msgid = obsolete_msgid.replace("\n#~ ", "\n")
            msgstr = obsolete_msgstr.replace("\n#~ ", "\n")
            start = entry.start(6) - 9          # '#~ msgid '
        else:
            start = entry.start(3) - 6          # 'msgid '
        line += text.count("\n", counted, start)
        counted = start
        key = (None if context is None else string_text(context), string_text(msgid))
        if not seen:
            if obsolete or key != (None, ""):
                raise Irregular  # the header entry must come first
            seen.add((False, key))
        elif not key[1] or (obsolete, key) in seen:
            raise Irregular  # no empty msgid, no duplicate: Babel words those errors
        else:
            seen.add((obsolete, key))
        yield comments, key, msgstr, obsolete, line, line + msgid.count("\n") + 1
    if not seen or _REGULAR_END.match(text, position) is None:
        raise Irregular


def parse_regular(text: str) -> Parsed | None:
    """What :func:`mdbabel.po.read.parse_with_babel` makes of a catalog in the regular layout
    (the one :func:`regular_entries` takes); ``None`` for any other file, which Babel's parser
    then reads and, if wrong, explains. ``mdbabel update`` reads every catalog with it."""
    catalog = Catalog(locale=None, fuzzy=False, charset="utf-8")
    messages = catalog._messages  # noqa: SLF001 (Catalog.__setitem__ without the merging)
    obsolete_messages = catalog.obsolete
    msgstr_lines: dict[Key, int] = {}
    try:
        entries = regular_entries(text)
        comments, _, header_msgstr, _, _, header_line = next(entries)
        _, flags, _, user, _ = _entry_comments(comments)
        header = (string_text(header_msgstr), user, "fuzzy" in flags, header_line)
        for comments, key, msgstr, obsolete, msgid_line, msgstr_line in entries:
            locations, flags, auto, user, previous = _entry_comments(comments) if comments \
                else ([], [], [], [], [])
            message = Message(key[1], msgstr_text(msgstr), locations, flags, auto, user,
                              lineno=msgid_line, context=key[0])
            dict_key = key[1] if key[0] is None else (key[1], key[0])
            if obsolete:
                obsolete_messages[dict_key] = message
                continue
            if previous:
                message.previous_id = parse_previous(previous)
            messages[dict_key] = message
            msgstr_lines[key] = msgstr_line
    except Irregular:
        return None
    return catalog, header, msgstr_lines
