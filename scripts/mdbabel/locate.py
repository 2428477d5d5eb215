"""Where a message comes from: ``mdbabel where "text"`` prints ``file:line`` of each source.

Catalog references (``#:``) name the file only, so that an edit that moves lines changes no
other entry; the line is found here by extracting the sources again. A message matches when
its msgid is the text given (spaces collapsed), else when it contains it (any case).
No MkDocs import.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .catalogs.extract import extract_page, extract_site
from .po.entries import active_messages
from .project import SiteConfig

__all__ = ["Found", "find_message"]


@dataclass(frozen=True)
class Found:
    """One source of a message."""

    path: str
    line: int | None
    msgid: str
    context: str | None
    comment: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        context = f" [msgctxt {self.context}]" if self.context else ""
        text = self.msgid if len(self.msgid) <= 70 else self.msgid[:69] + "…"
        return f"{where}: {self.comment or 'message'}{context}: {text!r}"


def _folded(text: str) -> str:
    """*text* as searched: spaces collapsed, case folded, NFC (a terminal or a copy from a
    file in another form may give decomposed Vietnamese; the msgids are NFC)."""
    return unicodedata.normalize("NFC", " ".join(text.split()).casefold())


def find_message(config: SiteConfig, text: str) -> list[Found]:
    """Every source location of the messages whose msgid is *text* (or, if none is, that
    contain it), in page order: the ``_site`` sources first, then the pages."""
    wanted = _folded(text)
    exact: list[Found] = []
    partial: list[Found] = []
    catalogs = [extract_site(config), *(extract_page(config, page) for page in config.pages())]
    for catalog in catalogs:
        for message in active_messages(catalog):
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            folded = _folded(msgid)
            if wanted not in folded:
                continue
            found = exact if folded == wanted else partial
            comment = "; ".join(message.auto_comments)
            for path, line in sorted(message.locations, key=lambda loc: (loc[0], loc[1] or 0)):
                found.append(Found(path, line, msgid, message.context, comment))
    return exact or partial
