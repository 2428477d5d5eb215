"""The normal form of every text the toolchain reads: pages, catalogs, ``mkdocs.yml``.

One function for every reader (extraction, the PO readers, the site build, the checks):
UTF-8 without a byte order mark, line ends ``\\n`` (a Windows ``\\r\\n`` and an old Mac ``\\r``
both become ``\\n``), Unicode NFC (Vietnamese typed as a base letter plus combining marks,
as some keyboards and editors write it, becomes the precomposed letters). A page or a catalog
saved in another form then gives the same messages and the same lookups, so no translation is
lost to a line end or to a keyboard.

Line numbers are kept: each ``\\r\\n`` or ``\\r`` is one line end before and after, and NFC
never adds or removes one. No MkDocs import.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

__all__ = ["normal_text", "decode_normal", "read_normal", "is_normal"]

_BOM = "\ufeff"


def normal_text(text: str) -> str:
    """*text* in the normal form: no leading BOM, ``\\n`` line ends, NFC."""
    if text.startswith(_BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def is_normal(text: str) -> bool:
    """Whether *text* is already in the normal form."""
    return normal_text(text) == text


def decode_normal(data: bytes) -> str:
    """UTF-8 *data* (a BOM allowed) as normal text; raises ``UnicodeDecodeError`` for other
    bytes (the caller words the error with its file and line)."""
    return normal_text(data.decode("utf-8-sig"))


def read_normal(path: str | Path) -> str:
    """The file at *path* as normal text (``OSError``, ``UnicodeDecodeError`` as raised)."""
    return decode_normal(Path(path).read_bytes())


def read_source_text(path: Path, shown: str, error: type[Exception]) -> str:
    """A UTF-8 source file (BOM allowed) in the normal form; any other encoding raises
    *error* naming the line of the first bad byte (``shown:line: not UTF-8 text; ...``)."""
    data = path.read_bytes()
    try:
        return decode_normal(data)
    except UnicodeDecodeError as bad:
        raise error(f"{shown}:{undecodable_line(data, bad)}: not UTF-8 text; save the file as "
                    "UTF-8") from None


def undecodable_line(data: bytes, error: UnicodeDecodeError) -> int:
    """The line (from 1) of *data* where the byte *error* could not decode is."""
    return data[: error.start].count(b"\n") + 1
