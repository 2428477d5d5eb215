"""A source page as the site build reads it: normal form, and its front matter judged first.

MkDocs takes a front matter it cannot parse (an unclosed quote, a bad indentation) for
content: the page is published with the raw YAML at its top, without title, date or sources.
:func:`read_page_source` reads the page in the normal form (:mod:`mdbabel.textnorm`), checks
its front matter with the rules of ``make check`` (:func:`mdbabel.site_checks.check_front_matter`:
syntax, unknown keys, ``reviewed``, ``sources``) and, when the block cannot be read, leaves it
out of the text given to MkDocs, so raw YAML is never published (nor is a front matter closed
on the page's last line without a line end, which MkDocs does not take for one). A git merge
conflict left in the page is always a problem. The caller decides whether the problems fail
the build (strict) or are warnings. No MkDocs import.
"""

from __future__ import annotations

import re
from pathlib import Path

from .site_checks import (_FRONT_MATTER, check_conflict_markers, check_front_matter,
                          front_matter_syntax)
from .textnorm import read_normal

__all__ = ["read_page_source"]

_OPENING = re.compile(r"---[ \t]*\n")


def read_page_source(path: str | Path, shown: str, *, rules: bool = True
                     ) -> tuple[str, list[str]]:
    """(text of the page for the build, problems ``shown:line: what; how to fix``).

    A merge conflict and a front matter that does not read are always problems; with *rules*,
    so is anything else ``make check`` requires of one (known keys, ``reviewed``, ``sources``):
    the site's own rules, which a site turns on with the plugin option ``front_matter_rules``.
    Raises ``OSError`` and ``UnicodeDecodeError`` as reading does (MkDocs words those).
    """
    text = read_normal(path)
    if not text.endswith("\n") and text.startswith("---"):
        # MkDocs reads a front matter only when a line end follows its closing `---`: a page
        # that ends there would show its YAML as text. A final line end changes nothing else.
        text += "\n"
    syntax = front_matter_syntax(text)
    conflicts = check_conflict_markers(shown, text)
    if conflicts:  # (the rest of what is wrong comes from the conflict: one line for it)
        problems = [str(problem) for problem in conflicts]
    elif rules:
        problems = [str(problem) for problem in check_front_matter(shown, text)]
    else:
        problems = [] if syntax is None else [f"{shown}:{syntax.line}: {syntax.message}"]
    if syntax is not None:
        text = _without_front_matter(text)
    return text, problems


def _without_front_matter(text: str) -> str:
    """*text* without a front matter block that does not read: the whole ``---`` block when
    it is closed, else up to the first blank line (where a YAML block would end)."""
    match = _FRONT_MATTER.match(text)
    if match:
        end = match.end()
    else:
        opening = _OPENING.match(text)
        blank = text.find("\n\n", opening.end() if opening else 0)
        end = len(text) if blank < 0 else blank + 1
    # keep the line count: the page's lines still have their numbers in messages
    return "\n" * text.count("\n", 0, end) + text[end:]
