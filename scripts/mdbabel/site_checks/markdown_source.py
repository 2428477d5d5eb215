"""Checks of a page's Markdown source as written: a git merge conflict left in it, a code fence
never closed, an admonition without a title, text in a raw HTML block (none of them reach the
translators as meant)."""

from __future__ import annotations

import re

from mdbabel.segments import _BLOCK_TAGS, _HTML_OPEN, _I18N_SKIP, _MD_ATTR

from .problem import Problem


# A code fence line: up to the quote markers and indentation of any container, three or more
# backticks or tildes, then the info string (language, attributes) or, closing, nothing.
_FENCE_LINE = re.compile(r"^(?P<prefix>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def _fences(text: str) -> tuple[list[tuple[int, str]], tuple[int, str] | None]:
    """The lines outside closed fenced code and the front matter, as (line number, line), and
    the fence left open at the end of the page, as (line number, fence), if any."""
    lines = text.split("\n")
    start = _front_matter_end(lines)
    outside: list[tuple[int, str]] = []
    open_fence: tuple[int, str] | None = None
    for number, line in enumerate(lines[start:], start=start + 1):
        m = _FENCE_LINE.match(line.rstrip("\r"))
        if open_fence is None:
            # ```a``` on one line is inline code, not a fence
            if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
                open_fence = (number, m.group("fence"))
            else:
                outside.append((number, line))
        elif m and m.group("fence")[0] == open_fence[1][0] \
                and len(m.group("fence")) >= len(open_fence[1]) and not m.group("info").strip():
            open_fence = None
    return outside, open_fence


# The lines git writes around the two sides of a conflict (``=======`` alone is a heading's
# underline in Markdown, so only the opening and closing lines are looked for).
_CONFLICT_OPEN = re.compile(r"^<{7}(?: |$)")
_CONFLICT_CLOSE = re.compile(r"^>{7}(?: |$)")


def check_conflict_markers(rel_path: str, text: str) -> list[Problem]:
    """A git merge conflict left in the page (``<<<<<<<`` ... ``>>>>>>>``, the front matter
    included, code blocks not): the site would show both sides and the marker lines as text.
    One problem per conflict, at its first line."""
    lines = text.split("\n")
    inside_code = {number for number in range(1, len(lines) + 1)} - \
        {number for number, _ in _fences(text)[0]} - set(range(1, _front_matter_end(lines) + 1))
    problems = []
    opened: int | None = None
    for number, line in enumerate(lines, start=1):
        if number in inside_code:
            continue
        if _CONFLICT_OPEN.match(line):
            opened = opened or number
        elif _CONFLICT_CLOSE.match(line):
            problems.append(Problem(
                rel_path, opened or number,
                f"unresolved git merge conflict (lines {opened or number} to {number}); keep the "
                "text you want and delete the `<<<<<<<`, `=======` and `>>>>>>>` lines"))
            opened = None
    if opened is not None:
        problems.append(Problem(
            rel_path, opened, "unresolved git merge conflict (`<<<<<<<` here, its `>>>>>>>` "
            "missing); keep the text you want and delete the conflict's marker lines"))
    return problems


def _front_matter_end(lines: list[str]) -> int:
    """The number of the line that closes the front matter (0: the page has none)."""
    if lines and lines[0].rstrip() == "---":
        return next((i + 1 for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
    return 0


def check_fences(rel_path: str, text: str) -> list[Problem]:
    """A code fence that is never closed. Python-Markdown does not take it for code: the fence,
    the code and everything after it are shown as text, and translated as text."""
    open_fence = _fences(text)[1]
    if open_fence is None:
        return []
    number, fence = open_fence
    return [Problem(rel_path, number,
                    f"the code block opened by `{fence}` here is never closed, so the site shows it "
                    f"and the rest of the page as text; add a line `{fence}` where the code ends")]


# An admonition or collapsible block with a type and no title in quotes: Python-Markdown and
# pymdownx.details write the type, capitalised, as its title ("Note", "Warning").
_UNTITLED_BLOCK = re.compile(r'^(?P<prefix>[ \t>]*)(?P<marker>!!!|\?\?\?\+?) ?(?P<type>[\w\-]+(?: +[\w\-]+)*) *$')


def check_admonition_titles(rel_path: str, text: str) -> list[Problem]:
    """An admonition (``!!! note``) or collapsible block (``??? tip``) without a title: the site
    shows its type in English ("Note") on the page of every language, and no catalog has it."""
    problems = []
    for number, line in _fences(text)[0]:
        m = _UNTITLED_BLOCK.match(line.rstrip("\r"))
        if m:
            kind, marker = m.group("type"), m.group("marker")
            problems.append(Problem(
                rel_path, number,
                f"`{marker} {kind}` has no title, so every language shows the English word "
                f"\"{kind.split()[0].capitalize()}\" as its title; write one in quotes, "
                f"`{marker} {kind} \"Lưu ý\"`, or `{marker} {kind} \"\"` for none"))
    return problems


_RAW_CONTENT_TAGS = {"pre", "script", "style", "iframe", "canvas", "math", "svg", "textarea"}
_TAG_OR_COMMENT = re.compile(r"<!--.*?(?:-->|$)|</?[A-Za-z][^>]*>?", re.S)


def check_html_text(rel_path: str, text: str) -> list[Problem]:
    """Text inside a raw HTML block: Python-Markdown passes the block through as it is, so
    its words are not messages, and every language shows them in the source language.
    A block with the ``markdown`` attribute (md_in_html) is Markdown inside, and a block
    after ``<!-- i18n-skip -->`` is left in the source language on purpose."""
    problems = []
    lines = _fences(text)[0]
    i = 0
    while i < len(lines):
        number, line = lines[i]
        m = _HTML_OPEN.match(line)
        previous = lines[i - 1][1].strip() if i else ""
        before = lines[i - 2][1].strip() if i > 1 and not previous else previous
        at_block_start = not previous or _I18N_SKIP.match(previous)
        if not (m and at_block_start and m.group("tag").lower() in _BLOCK_TAGS):
            i += 1
            continue
        block = []
        while i < len(lines) and lines[i][1].strip() and lines[i][0] == number + len(block):
            block.append(lines[i][1])
            i += 1
        tag = m.group("tag").lower()
        if tag in _RAW_CONTENT_TAGS or _MD_ATTR.search(m.group("attrs") or "") \
                or _I18N_SKIP.match(previous) or _I18N_SKIP.match(before):
            continue
        words = _TAG_OR_COMMENT.sub(" ", "\n".join(block))
        if re.search(r"[^\W\d_]{2,}", words):
            problems.append(Problem(
                rel_path, number,
                f"the text in this HTML block (<{tag}>) is not sent to the translators, so every "
                f"language shows it as written here; write it in Markdown, or add `markdown` to "
                f"the tag (`<{tag} markdown>`) to make its content Markdown"))
    return problems
