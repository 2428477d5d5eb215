"""The front matter of a page: where it is, how it reads, the keys a page may use and the
ones it must have (``reviewed``, ``sources``); :func:`page_paths` lists a folder's pages."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

import yaml

from mdbabel.segments import load_front_matter

from .problem import Problem


_FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n)(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def page_paths(docs_dir: Path) -> list[Path]:
    """Markdown pages of *docs_dir*, sorted; folders and files starting with ``_`` or ``.`` are skipped."""
    pages = []
    for path in docs_dir.rglob("*.md"):
        rel = path.relative_to(docs_dir)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        pages.append(path)
    return sorted(pages)


def read_front_matter(text: str) -> tuple[dict[str, Any] | None, str, int, str | None]:
    """Split *text* into ``(front matter, body, body's first line, YAML error)``.

    Front matter is ``None`` when the page has none (or it is not a mapping).
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1, None
    body = text[match.end():]
    body_line = text.count("\n", 0, match.end()) + 1
    try:
        data = load_front_matter(match.group(2) or "")
    except yaml.YAMLError as exc:
        return None, body, body_line, str(exc).replace("\n", " ")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, body, body_line, "the front matter is not a mapping of keys to values"
    return data, body, body_line, None


def _key_line(text: str, key: str) -> int:
    match = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _as_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


#: Front matter keys a page may use: those the pages of this project use (title,
#: description, audience, reviewed, sources), those the mdbabel plugin and templates read
#: (reviewed, sources), MkDocs (title, template) and Material for MkDocs (description, hide,
#: search, status, icon, subtitle, tags) read. Any other key is a typo until added here.
KNOWN_KEYS = ("title", "description", "audience", "reviewed", "sources", "hide", "template",
              "search", "status", "icon", "subtitle", "tags")
#: Keys of one entry of ``sources`` (the plugin reads title, note and url or link).
SOURCE_KEYS = ("title", "url", "link", "note")


def front_matter_syntax(text: str) -> Problem | None:
    """What keeps the front matter of *text* from being read (``Problem`` with an empty path):
    a ``---`` block that is not closed, YAML that does not parse (at the line of the error),
    or YAML that is not a mapping. ``None`` if it reads (or if there is none)."""
    if not re.match(r"---[ \t]*\n", text):
        return None
    match = _FRONT_MATTER.match(text)
    if not match:
        # a rule (hr) at the top of a page is not a front matter: only `key:` lines are
        if re.match(r"---[ \t]*\n[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)", text, re.M):
            return Problem("", 1, "the front matter is not closed; add a line `---` after "
                                  "its last key")
        return None
    try:
        data = load_front_matter(match.group(2) or "")
    except yaml.MarkedYAMLError as exc:
        if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
            # the quote that is never closed: its own line, not the end of the block
            return Problem("", 2 + exc.context_mark.line,
                           "front matter value has an unclosed quote; close the quote at the "
                           "end of the value (or remove the opening one)")
        mark = exc.problem_mark or exc.context_mark
        line = 2 + (mark.line if mark else 0)
        source_line = text.split("\n")[line - 1] if mark else ""
        if "\t" in source_line[: len(source_line) - len(source_line.lstrip(" \t"))]:
            # (what YAML says, "found character that cannot start any token", names no tab)
            return Problem("", line, "front matter line is indented with a tab; YAML indents "
                                     "with spaces only: replace the tab with spaces")
        what = exc.problem or exc.context or "not YAML"
        if exc.context_mark is not None and exc.problem_mark is not None and \
                exc.context_mark.line != exc.problem_mark.line:
            what += f" (in the part that starts at line {2 + exc.context_mark.line})"
        return Problem("", line, f"front matter is not valid YAML: {what}; fix the YAML "
                                 "between the `---` lines (quote a value that holds `: ` and "
                                 "close every quote)")
    except yaml.YAMLError as exc:
        return Problem("", 2, f"front matter is not valid YAML ({exc}); fix the YAML between "
                              "the `---` lines")
    if isinstance(data, list):  # (a plain text between two rules is a setext heading)
        return Problem("", 2, "the front matter is not a mapping of keys to values; write one "
                              "`key: value` per line")
    return None


def _unknown_keys(rel_path: str, text: str, data: dict) -> list[Problem]:
    import difflib

    problems = []
    for key in data:
        if key in KNOWN_KEYS:
            continue
        close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1, cutoff=0.6)
        fix = f"rename it to `{close[0]}`" if close else \
            f"remove it, or use one of {', '.join(KNOWN_KEYS)}"
        problems.append(Problem(rel_path, _key_line(text, str(key)),
                                f"unknown front matter key `{key}`; {fix}"))
    for number, source in enumerate(data.get("sources") or [], start=1):
        if not isinstance(source, dict):
            continue
        for key in source:
            if key not in SOURCE_KEYS:
                problems.append(Problem(rel_path, _key_line(text, "sources"),
                                        f"source {number} in `sources` has an unknown key `{key}`; "
                                        f"use {', '.join(SOURCE_KEYS)}"))
    return problems


#: libyaml's composer when PyYAML has it (a tenth of the pure-Python one's time per page)
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _duplicate_keys(rel_path: str, text: str) -> list[Problem]:
    """A key written twice in one mapping of the front matter: YAML keeps the last value
    without a word, so an edit of the first one would change nothing on the site."""
    match = _FRONT_MATTER.match(text)
    try:
        root = yaml.compose(match.group(2) or "", Loader=_COMPOSER) if match else None
    except yaml.YAMLError:
        return []  # (front_matter_syntax says what is wrong)
    problems = []
    nodes = [root]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                nodes.append(value)
                if not isinstance(key, yaml.ScalarNode):
                    continue
                line = 2 + key.start_mark.line
                if key.value in first:
                    problems.append(Problem(
                        rel_path, line, f"front matter key `{key.value}` is written twice (first "
                        f"at line {first[key.value]}), and the site uses only this last one; keep "
                        "one of the two"))
                else:
                    first[key.value] = line
    return sorted(problems)


def check_front_matter(rel_path: str, text: str) -> list[Problem]:
    """Problems of the front matter of one page: YAML that does not read (with the line of the
    error), unknown keys, a missing or wrong ``reviewed`` date, missing ``sources``."""
    syntax = front_matter_syntax(text)
    if syntax is not None:
        return [Problem(rel_path, syntax.line, syntax.message)]
    data, _body, _line, error = read_front_matter(text)
    if error:
        return [Problem(rel_path, 1, f"front matter is not valid YAML ({error}); fix the YAML between the `---` lines")]
    if data is None:
        return [Problem(rel_path, 1, "no front matter; start the page with `---`, the fields title, description, "
                                     "audience, reviewed (YYYY-MM-DD) and sources, then `---`")]
    problems: list[Problem] = _duplicate_keys(rel_path, text) + _unknown_keys(rel_path, text, data)
    if "reviewed" not in data or data["reviewed"] in (None, ""):
        problems.append(Problem(rel_path, 1, "missing `reviewed` date in the front matter; add `reviewed: YYYY-MM-DD`"))
    elif _as_date(data["reviewed"]) is None:
        problems.append(Problem(rel_path, _key_line(text, "reviewed"),
                                f"`reviewed: {data['reviewed']}` is not a date; write it as `reviewed: YYYY-MM-DD`"))
    sources = data.get("sources")
    if not sources:
        problems.append(Problem(rel_path, _key_line(text, "sources") if "sources" in data else 1,
                                "missing `sources` in the front matter; add `sources:` with at least one "
                                "`- title: ...` (and `url:` when there is one)"))
    elif not isinstance(sources, list):
        problems.append(Problem(rel_path, _key_line(text, "sources"),
                                "`sources` must be a list; write each source as `- title: ...`"))
    else:
        for number, source in enumerate(sources, start=1):
            title = source.get("title") if isinstance(source, dict) else None
            if not isinstance(title, str) or not title.strip():
                problems.append(Problem(rel_path, _key_line(text, "sources"),
                                        f"source {number} in `sources` has no `title`; write it as `- title: ...`"))
    return problems
