"""One thing to fix in the site's sources or built site (:class:`Problem`), and the list of
them as printed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix: ``path:line: message`` (path relative to the project root)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def format_problems(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)
