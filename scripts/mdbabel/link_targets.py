"""Link destinations in a message: a translation survives a change of link targets only.

When a page moves (``faq.md`` -> ``questions.md``) or a heading's id changes (``#old-id`` ->
``#new-id``), every message that links there changes, though no word of it did. Such a message
keeps its translation, not as fuzzy: :func:`carry_translation` sees that the new msgid is the
old one with other link destinations, and writes the new destinations into the translation,
where the old ones were.

Destinations are those of inline links and images (``](dest)``, ``](<dest>)``), reference
definitions (``[x]: dest``) and HTML ``href``/``src`` attributes. Every pattern runs in time
linear in the text (no nested quantifiers). No MkDocs import.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["destinations", "skeleton", "carry_translation"]

# ](dest  or  ](<dest>   (the destination is group 1 or 2)
_INLINE = re.compile(r"\]\([ \t]*(?:<([^<>\n]*)>|([^\s()<>]+))")
# [label]: dest   at the start of a line
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(?:<([^<>\n]*)>|(\S+))", re.MULTILINE)
# href="dest" / src='dest'
_ATTRIBUTE = re.compile(r"""\b(?:href|src)[ \t]*=[ \t]*(?:"([^"\n]*)"|'([^'\n]*)')""", re.IGNORECASE)

_MARK = "\x00"  # stands for a destination in a skeleton (never in a catalog string)


def _spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each link destination of *text*, in text order."""
    spans = []
    for pattern in (_INLINE, _REFERENCE, _ATTRIBUTE):
        if pattern is _INLINE and "](" not in text:
            continue
        if pattern is _ATTRIBUTE and "=" not in text:
            continue
        for match in pattern.finditer(text):
            group = 1 if match.start(1) >= 0 else 2
            spans.append((match.start(group), match.end(group)))
    return sorted(set(spans))


def destinations(text: str) -> list[str]:
    """The link destinations of *text*, in text order."""
    return [text[start:end] for start, end in _spans(text)]


def skeleton(text: str) -> tuple[str, list[str]]:
    """*text* with each link destination replaced by one mark, and the destinations."""
    parts, found, position = [], [], 0
    for start, end in _spans(text):
        parts += [text[position:start], _MARK]
        found.append(text[start:end])
        position = end
    parts.append(text[position:])
    return "".join(parts), found


def carry_translation(old_msgid: str, new_msgid: str, msgstr: str) -> str | None:
    """*msgstr* (the translation of *old_msgid*) for *new_msgid*, if the two msgids differ in
    link destinations only: each old destination that changed is replaced by its new one in
    the translation. ``None`` when they differ otherwise, when one old destination became two
    different ones, or when the translation does not hold the changed destinations exactly
    as often as the old msgid did (it then needs a translator: fuzzy)."""
    if _MARK in old_msgid or _MARK in new_msgid or _MARK in msgstr:
        return None
    old_skeleton, old = skeleton(old_msgid)
    new_skeleton, new = skeleton(new_msgid)
    if old_skeleton != new_skeleton or old == new:
        return None
    mapping: dict[str, str] = {}
    for before, after in zip(old, new):
        if mapping.get(before, after) != after:
            return None
        mapping[before] = after
    mapping = {before: after for before, after in mapping.items() if before != after}
    string_skeleton, written = skeleton(msgstr)
    wanted, have = Counter(old), Counter(written)
    if any(have[before] != wanted[before] for before in mapping):
        return None
    replaced = iter([mapping.get(target, target) for target in written])
    return "".join(next(replaced) if piece == _MARK else piece
                   for piece in re.split(f"({_MARK})", string_skeleton))
