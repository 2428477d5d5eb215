"""What a translation must keep: links, inline code, HTML, placeholders, structure."""

from __future__ import annotations

import re

__all__ = ["check_translation"]

_LINK_TARGET = re.compile(r"\]\(([^)]*)\)")


def check_translation(msgid: str, msgstr: str, kind: str) -> list[str]:
    """Return the problems of *msgstr* as "what is wrong; how to fix it" texts."""
    problems = []
    for target in _LINK_TARGET.findall(msgid):
        if f"]({target})" not in msgstr:
            problems.append(f'translation drops link "({target})"; keep the link target '
                            "unchanged or leave the entry untranslated")
    return problems
