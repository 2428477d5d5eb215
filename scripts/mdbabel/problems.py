"""What the toolchain tells a user when something is wrong: one line, ``file:line: what is
wrong; how to fix it``.

Owns :class:`Problem` (a finding of a check: file, line, message, fix, severity, rendered as
that one line) and :class:`CatalogError` (the exception that stops a command, whose text is
such a line, ready to print: no traceback reaches a user). No MkDocs import.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "CatalogError", "ERROR", "NOTICE"]

#: A problem that fails a check (``mdbabel check`` exits with 1).
ERROR = "error"
#: A problem reported without failing the check.
NOTICE = "notice"


@dataclass(frozen=True)
class Problem:
    """One thing to fix, found by a check.

    *file* is the path as shown to the user (relative to the site root, with ``/``); *line*
    is 1-based, or ``None`` when the problem is the file as a whole; *message* says what is
    wrong and *fix* how to fix it (empty when the message already says it).
    """

    file: str
    line: int | None
    message: str
    fix: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}" + (f"; {self.fix}" if self.fix else "")


class CatalogError(Exception):
    """A catalog or the site configuration cannot be used.

    The message is complete and ready for a user:
    ``locales/en/LC_MESSAGES/x.po:12: duplicate message "..."; remove one of the two entries``.
    """
