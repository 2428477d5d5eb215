"""A complexity budget for a translation, checked before it is rendered.

Python-Markdown (and an HTML parser after it) take time that grows faster than the length of
the text on some runs of delimiters: 16,000 characters of ``[](`` take about 4 s to render,
``<a `` about 2 s, 8,000 lines of ``=`` about 3 s (figures in dev/performance-safety.md). A
translation of an honest text has about as many of these characters and lines as its source,
so each is allowed up to twice its count in the source plus a margin; a translation over the
budget is rejected with a message rather than rendered. One pass over the text, no regular
expression.
"""

from __future__ import annotations

__all__ = ["budget_problems", "MAX_LENGTH"]

#: No unit of the site is near this; a translation this long is not rendered.
MAX_LENGTH = 20000
#: Characters whose runs make Python-Markdown or the HTML parser slower than linear.
_WATCHED = "[]<(`*_&\\{!^>"
_MARGIN = 40
_LINE_MARGIN = 20


def budget_problems(msgid: str, msgstr: str) -> list[str]:
    """A problem when *msgstr* is too long or has many more delimiters than *msgid*."""
    if len(msgstr) > max(MAX_LENGTH, 4 * len(msgid)):
        return [f"translation is {len(msgstr)} characters long, too long to check for a source "
                f"of {len(msgid)}; split the text in the source or shorten the translation"]
    problems = []
    lines = msgstr.count("\n") + msgstr.count("\r")
    allowed = 2 * (msgid.count("\n") + msgid.count("\r")) + _LINE_MARGIN
    if lines > allowed:
        # Python-Markdown's block parser searches the rest of a block once per line
        problems.append(f"translation has {lines} line breaks where its source has "
                        f"{msgid.count(chr(10))}; join the lines (at most {allowed} are checked)")
    for ch in _WATCHED:
        have, allowed = msgstr.count(ch), 2 * msgid.count(ch) + _MARGIN
        if have > allowed:
            problems.append(f'translation has {have} "{ch}" characters where its source has '
                            f"{msgid.count(ch)}; remove the extra ones (at most {allowed} are "
                            "checked)")
    return problems
