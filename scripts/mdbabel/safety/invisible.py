"""Invisible characters in a translation: zero-width, bidirectional controls, soft hyphens.

They change what a reader sees (a right-to-left override reverses digits; a zero-width space
inside "2530000" hides a changed figure from a search) without showing themselves. A
translation may not add one that its source does not have, whether it writes the character
itself (:func:`invisible_problems`) or a character reference that the page's reader decodes
into it, ``&#x202E;``, ``&shy;`` (:func:`referenced_problems`, over the decoded rendering).
Linear: one pass over the text.
"""

from __future__ import annotations

import unicodedata

__all__ = ["invisible_problems", "referenced_problems", "INVISIBLE"]

#: The characters reported, with the name a translator can search for.
INVISIBLE = {
    **{chr(code): unicodedata.name(chr(code)) for code in range(0x200B, 0x2010)},
    **{chr(code): unicodedata.name(chr(code)) for code in range(0x202A, 0x202F)},
    **{chr(code): unicodedata.name(chr(code)) for code in range(0x2066, 0x206A)},
    "\u2060": "WORD JOINER", "\u2061": "FUNCTION APPLICATION", "\u2062": "INVISIBLE TIMES",
    "\u2063": "INVISIBLE SEPARATOR", "\u2064": "INVISIBLE PLUS", "\u061C": "ARABIC LETTER MARK",
    "\uFEFF": "ZERO WIDTH NO-BREAK SPACE (byte order mark)", "\u00AD": "SOFT HYPHEN",
    "\u180E": "MONGOLIAN VOWEL SEPARATOR",
    # the private-use marks of mdbabel.lang_marks: the finished page turns them into
    # <span lang> (an element and a language the source's rendering lacks)
    "\uE0F0": "PRIVATE USE (mdbabel language mark)", "\uE0F1": "PRIVATE USE (mdbabel language mark)",
    "\uE0F2": "PRIVATE USE (mdbabel language mark)",
}


def invisible_problems(msgid: str, msgstr: str) -> list[str]:
    """One problem per invisible character of *msgstr* that *msgid* does not have (its line
    within the msgstr and its position are named when the msgstr has several lines)."""
    problems = []
    reported: set[str] = set()
    line, column = 1, 0
    for i, ch in enumerate(msgstr):
        if ch == "\n":
            line, column = line + 1, 0
            continue
        column += 1
        if ch in INVISIBLE and ch not in reported and ch not in msgid:
            reported.add(ch)
            digits = i and msgstr[i - 1:i].isdigit() or msgstr[i + 1:i + 2].isdigit()
            where = f"line {line} of the translation, character {column}" \
                if "\n" in msgstr else f"character {column}"
            problems.append(
                f"translation contains the invisible character U+{ord(ch):04X} {INVISIBLE[ch]} "
                f"({where}{', next to a digit' if digits else ''}); delete it (a bidirectional "
                "or zero-width character can hide or reorder what the reader sees)")
    return problems


def referenced_problems(source_text: str, target_text: str, msgstr: str) -> list[str]:
    """One problem per invisible character of *target_text* (the translation's rendering as
    a browser decodes it: text and attribute values) that *source_text* (the source's) lacks
    and *msgstr* does not write as itself (that one is reported by
    :func:`invisible_problems`): it was written as a character reference."""
    problems = []
    for ch in dict.fromkeys(ch for ch in target_text if ch in INVISIBLE):
        if ch not in source_text and ch not in msgstr:
            problems.append(
                f"translation writes the invisible character U+{ord(ch):04X} {INVISIBLE[ch]} as "
                f'a character reference (e.g. "&#x{ord(ch):X};"); delete the reference (a '
                "bidirectional or zero-width character can hide or reorder what the reader sees)")
    return problems
