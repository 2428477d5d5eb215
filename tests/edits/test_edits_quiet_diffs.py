"""Quiet diffs (issue 19): catalog references name the file only, so a one-line edit near the
top of a page changes one entry of each of its catalogs, and `mdbabel where` finds the line
of a message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from edits_support import config, git, git_project, make, mdbabel

pytestmark = pytest.mark.slow

PAGE = "faq"
NEW_TEXT = "Một câu mới ở đầu trang."


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return git_project(tmp_path)


def _changed_entries(diff: str) -> dict[str, list[str]]:
    """Changed lines per file of a `git diff -U0`, without the date headers."""
    changed: dict[str, list[str]] = {}
    current = None
    for line in diff.splitlines():
        if line.startswith("+++ b/"):
            current = line[6:]
            changed[current] = []
        elif line.startswith(("+++", "---")):
            continue
        elif (line[:1] in "+-" and current is not None
              and not re.match(r'^[+-]"(POT-Creation-Date|PO-Revision-Date): ', line)):
            changed[current].append(line)
    return changed


def _entry_changes(project: Path, path: str) -> tuple[set[str], set[str]]:
    """(entries only before, entries only after) of a catalog, the header entry left out:
    an entry is its block of lines (comments, reference, msgid, msgstr)."""
    def entries(text: str) -> set[str]:
        return set(text.strip("\n").split("\n\n")[1:])

    before = git(project, "show", f"HEAD:{path}").stdout
    after = (project / path).read_text("utf-8")
    return entries(before) - entries(after), entries(after) - entries(before)


def _body_start(text: str) -> int:
    """Index (in lines) of the first heading after the front matter."""
    lines = text.split("\n")
    return next(i for i, line in enumerate(lines) if i > 0 and line.startswith("# "))


def test_a_line_added_near_the_top_changes_one_entry_per_catalog(project):
    site = config(project)
    page = site.docs_path / f"{PAGE}.md"
    lines = page.read_text("utf-8").split("\n")
    heading = _body_start("\n".join(lines))
    lines[heading + 1: heading + 1] = ["", NEW_TEXT]
    page.write_text("\n".join(lines), encoding="utf-8")
    make(project, "catalogs")
    changed = _changed_entries(git(project, "diff", "-U0", "--", "locales").stdout)
    expected = {site.shown(site.template_path(PAGE)),
                *(site.shown(site.catalog_path(code, PAGE)) for code in site.languages)}
    assert set(changed) == expected
    for name in changed:
        removed, added = _entry_changes(project, name)
        assert not removed and len(added) == 1, (name, removed, added)
    for name, lines in changed.items():
        # one new entry: its comment, reference, msgid and msgstr; nothing removed
        assert not [line for line in lines if line.startswith("-")], (name, lines)
        assert [line for line in lines if line.startswith("+msgid")] == [f'+msgid "{NEW_TEXT}"'], name
        assert len(lines) <= 5, (name, lines)  # with the blank line between entries
        assert f"+#: docs/{PAGE}.md" in lines

    # where is it? the line is found from the page, not from the catalog
    found = mdbabel(project, "where", NEW_TEXT).stdout
    assert found.startswith(f"docs/{PAGE}.md:{heading + 3}: "), found


def test_a_one_word_edit_changes_one_entry(project):
    site = config(project)
    page = site.docs_path / f"{PAGE}.md"
    text = page.read_text("utf-8")
    lines = text.split("\n")
    index = next(i for i in range(_body_start(text) + 1, len(lines))
                 if lines[i].strip()[:1].isalpha() and lines[i].rstrip().endswith(".")
                 and len(lines[i]) > 40)
    lines[index] = lines[index].rstrip(".") + " (đã sửa)."
    page.write_text("\n".join(lines), encoding="utf-8")
    make(project, "catalogs")
    changed = _changed_entries(git(project, "diff", "-U0", "--", "locales").stdout)
    for code in site.languages:
        lines = changed[site.shown(site.catalog_path(code, PAGE))]
        assert not any("#:" in line for line in lines), lines
        removed, added = _entry_changes(project, site.shown(site.catalog_path(code, PAGE)))
        # exactly one entry changed: it became fuzzy, with its previous msgid
        assert len(removed) == 1 and len(added) == 1, (removed, added)
        assert "#, fuzzy" in next(iter(added)) and "(đã sửa)" in next(iter(added))
