"""The project's PO writer: byte-stable catalogs with GNU's wrapping.

Owns :func:`render_catalog`: fixed width (:data:`WIDTH`), lines broken after spaces and
never inside a ``{{ figure }}`` placeholder, messages ordered by first location, obsolete
entries last, ``#:`` references without line numbers (an edit that moves lines changes no
other entry), no ``python-format`` flags (Markdown is not a format string); and
:func:`atomic_write`. Why our own writer and not Babel's ``write_po``:
``dev/decisions/own-po-writer.md``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import escape

from ..files import atomic_write_bytes
from .entries import FORMAT_FLAGS, active_messages, key_of

__all__ = ["WIDTH", "render_catalog", "atomic_write"]

#: Line width of every catalog we write (Babel's default is 76; GNU's is 79).
WIDTH = 79


# Break after spaces only, and never inside a {{ figure }} placeholder.
_CHUNK = re.compile(r"(?:\{\{[^}\n]*\}\}|\S)+\s*|\s+")
_ESCAPED = re.compile(r'[\\"\t\r\n]')  # characters escape() writes as two


@functools.lru_cache(maxsize=16384)
def _wrap(keyword: str, text: str, prefix: str = "") -> tuple[str, ...]:
    """``keyword "text"`` as PO lines of at most :data:`WIDTH` characters (GNU's layout:
    one line if it fits and has no inner newline, else ``keyword ""`` and one line per
    chunk, broken after spaces and after each ``\\n``).

    Cached: an update renders each msgid in the template and in every catalog, and each
    catalog twice when it is unchanged (see :func:`stable_text`)."""
    if len(prefix) + len(keyword) + len(text) + 3 <= WIDTH and "\n" not in text[:-1]:
        # (escaping only lengthens: a longer text cannot fit on one line)
        single = f"{prefix}{keyword} {escape(text)}"
        if len(single) <= WIDTH:
            return (single,)
    lines = [f'{prefix}{keyword} ""']
    room = WIDTH - len(prefix) - 2
    for piece in re.findall(r"[^\n]*\n|[^\n]+", text):
        newline = piece[-1] == "\n"
        if not _ESCAPED.search(piece, 0, len(piece) - newline):
            # Nothing to escape but a final newline: a chunk's width is its length (plus 1
            # for that "\n"), so each line is the longest run of chunks that fits, found
            # by bisecting the chunks' end offsets (at least one chunk per line).
            ends = list(itertools.accumulate(map(len, _CHUNK.findall(piece))))
            widths = ends if not newline else [*ends[:-1], ends[-1] + 1]
            start = taken = 0
            while taken < len(ends):
                until = max(bisect.bisect_right(widths, start + room, taken), taken + 1)
                lines.append(prefix + escape(piece[start:ends[until - 1]]))
                start, taken = ends[until - 1], until
            continue
        # escaping works character by character: the escaped width of a line is the sum
        # of its chunks' escaped widths (escape() adds 2 quotes)
        current, width = "", 0
        plain = not _ESCAPED.search(piece)
        for chunk in _CHUNK.findall(piece) or [piece]:
            chunk_width = len(chunk) if plain else len(escape(chunk)) - 2
            if current and width + chunk_width > room:
                lines.append(prefix + escape(current))
                current, width = chunk, chunk_width
            else:
                current, width = current + chunk, width + chunk_width
        if current:
            lines.append(prefix + escape(current))
    return tuple(lines)


def _message_lines(message: Message, num_plurals: int, prefix: str = "") -> list[str]:
    lines = []
    if message.context is not None:
        lines += _wrap("msgctxt", message.context, prefix)
    if isinstance(message.id, (list, tuple)):
        lines += _wrap("msgid", message.id[0], prefix)
        lines += _wrap("msgid_plural", message.id[1], prefix)
        strings = list(message.string) if isinstance(message.string, (list, tuple)) else []
        for index in range(num_plurals):
            lines += _wrap(f"msgstr[{index}]", strings[index] if index < len(strings) else "",
                           prefix)
    else:
        lines += _wrap("msgid", message.id, prefix)
        lines += _wrap("msgstr", message.string or "", prefix)
    return lines


def _location_sort_key(location: tuple[str, int | None]) -> tuple[str, int]:
    return location[0], location[1] or 0


def _message_sort_key(item: tuple[int, Message]) -> tuple:
    """Messages by their first location: file, then line when known (a template extracted
    now), then the order they came in (a catalog read from disk, whose references carry no
    line: the order it was written in)."""
    index, message = item
    first = min(map(_location_sort_key, message.locations)) if message.locations else ("", 0)
    return first, index


def _comment_lines(marker: str, texts: Iterable[str]) -> list[str]:
    lines = []
    for text in texts:
        # a comment never holds a line end of its own: "\r" would start a line when read
        for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            lines.append(f"{marker} {part}".rstrip())
    return lines


def _locations_lines(locations: Iterable[tuple[str, int | None]]) -> list[str]:
    """``#:`` references: the files only, without line numbers, so that an edit that moves
    the lines of a page changes no entry of its catalogs but the edited one (``mdbabel where``
    finds the line of a message)."""
    lines, current = [], "#:"
    for filename in sorted({filename for filename, _ in locations}):
        if " " in filename or "\t" in filename:
            filename = f"\u2068{filename}\u2069"
        item = filename
        if current != "#:" and len(current) + 1 + len(item) > WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + item
    if current != "#:":
        lines.append(current)
    return lines


def render_catalog(catalog: Catalog, headers: list[tuple[str, str]], *,
                   header_comments: Iterable[str] = (), header_fuzzy: bool = False) -> str:
    """The PO text of *catalog*: fixed width, messages by first location, obsolete last."""
    out = _comment_lines("#", header_comments)
    if header_fuzzy:
        out.append("#, fuzzy")
    out += _wrap("msgid", "")
    out += _wrap("msgstr", "".join(f"{name}: {value}\n" for name, value in headers))
    num_plurals = catalog.num_plurals
    for _, message in sorted(enumerate(active_messages(catalog)), key=_message_sort_key):
        out.append("")
        out += _comment_lines("#", message.user_comments)
        out += _comment_lines("#.", message.auto_comments)
        out += _locations_lines(message.locations)
        flags = sorted(message.flags - FORMAT_FLAGS)
        if flags:
            out.append("#, " + ", ".join(flags))
        if message.fuzzy and message.previous_id:
            out += _wrap("msgid", message.previous_id[0], "#| ")
            if len(message.previous_id) > 1:
                out += _wrap("msgid_plural", message.previous_id[1], "#| ")
        out += _message_lines(message, num_plurals)
    obsolete = sorted(catalog.obsolete.values(), key=lambda m: (m.context or "", key_of(m)[1]))
    for message in obsolete:
        out.append("")
        out += _comment_lines("#", message.user_comments)
        flags = sorted(message.flags - FORMAT_FLAGS)
        if flags:
            out.append("#, " + ", ".join(flags))
        out += _message_lines(message, num_plurals, "#~ ")
    return "\n".join(out) + "\n"


def atomic_write(path: str | Path, text: str) -> None:
    """Write *text* to *path* so that readers see the old or the new file, never half of one:
    a temporary file in the same folder, flushed, then ``os.replace``."""
    atomic_write_bytes(path, text.encode("utf-8"))
