"""Moving a page keeps every translation (issue 19): `git mv`, nav and links updated, then
`make catalogs` carries the catalogs of every language to the new name, with their history;
messages on other pages whose only change is the link target stay translated, not fuzzy;
`make check` names the catalog left behind, and the fix it gives works as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from edits_support import (build, config, fuzzy_counts, git, git_project, links_to, make,
                           mdbabel, notice_state, replace_links, translated)

pytestmark = pytest.mark.slow

OLD, NEW = "faq", "questions"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return git_project(tmp_path)


def _move_page(project: Path) -> list[Path]:
    """The editor's part: `git mv`, then every link and the nav entry updated."""
    linking = [p for p in links_to(project, f"{OLD}.md") if p.name != f"{OLD}.md"]
    git(project, "mv", f"docs/{OLD}.md", f"docs/{NEW}.md")
    replace_links(linking, f"{OLD}.md", f"{NEW}.md")
    return linking


def test_a_moved_page_keeps_its_translations_in_every_language(project, tmp_path):
    site = config(project)
    languages = site.languages
    assert languages, "the project has no target language"
    before = {language: translated(project, language, OLD) for language in languages}
    assert all(before.values()), "the page to move has no translation to keep"
    fuzzy_before = fuzzy_counts(project)
    linking = _move_page(project)
    assert any(p.suffix == ".md" for p in linking), "no page links to the moved page"

    # make check fails, naming the catalog left behind and the command that fixes it
    checked = make(project, "check", check=False)
    assert checked.returncode != 0
    for language in languages:
        shown = site.shown(site.catalog_path(language, OLD))
        assert re.search(rf"^{re.escape(shown)}: page docs/{OLD}\.md no longer exists; its messages "
                         rf"are now in docs/{NEW}\.md: run `make catalogs`", checked.stderr, re.M), checked.stderr

    updated = make(project, "catalogs")
    for language in languages:
        assert not site.catalog_path(language, OLD).exists()
        # every translation is there, under the new name
        assert translated(project, language, NEW) == before[language]
    assert not site.template_path(OLD).exists() and site.template_path(NEW).is_file()
    assert "moved locales/" in updated.stdout

    # git sees renames (history kept: `git log --follow`)
    git(project, "add", "-A")
    status = git(project, "status", "--porcelain", "-M").stdout
    for language in languages:
        old_po = site.shown(site.catalog_path(language, OLD))
        new_po = site.shown(site.catalog_path(language, NEW))
        assert f"R  {old_po} -> {new_po}" in status, status

    # no message of another page went fuzzy; their links now name the new page
    fuzzy_after = fuzzy_counts(project)
    for (language, domain), count in fuzzy_before.items():
        if domain != OLD:
            assert fuzzy_after[(language, domain)] == count, (language, domain)
    for language in languages:
        for path in linking:
            if path.suffix != ".md":
                continue
            domain = path.relative_to(site.docs_path).as_posix()[:-3]
            strings = translated(project, language, domain)
            assert not any(f"{OLD}.md" in text for text in strings.values()), domain
            assert any(f"{NEW}.md" in text for text in strings.values()), domain

    make(project, "check")
    result = build(project, tmp_path / "site")
    for language in languages:
        assert notice_state(tmp_path / "site", f"{language}/{NEW}") is None, result.stderr


def test_catalogs_made_before_the_move_was_seen_are_filled(project):
    """An update that ran while the old catalogs were away (or by an older mdbabel) made
    empty catalogs for the new name: the old translations fill them, the old files go."""
    site = config(project)
    language = site.languages[0]
    before = translated(project, language, OLD)
    _move_page(project)
    aside = project.parent / "aside.po"
    site.catalog_path(language, OLD).rename(aside)
    mdbabel(project, "update")
    assert translated(project, language, NEW) == {}
    aside.rename(site.catalog_path(language, OLD))
    make(project, "catalogs")
    assert translated(project, language, NEW) == before
    assert not site.catalog_path(language, OLD).exists()
    make(project, "check")


def test_a_deleted_page_gets_a_delete_command_that_works(project):
    site = config(project)
    git(project, "rm", "-q", f"docs/{OLD}.md")
    checked = mdbabel(project, "check", "--catalogs-only", check=False)
    assert checked.returncode == 1
    for language in site.languages:
        shown = site.shown(site.catalog_path(language, OLD))
        line = next(line for line in checked.stderr.splitlines() if line.startswith(f"{shown}: "))
        assert "no page holds its messages" in line
        command = re.search(r"else delete the catalog: `([^`]+)`", line).group(1)
        git(project, *shlex.split(command)[1:])  # `git rm -q <catalog>`, as written
    make(project, "catalogs")
    mdbabel(project, "check", "--catalogs-only")


def test_a_page_that_moved_and_changed_much_is_carried_by_mdbabel_move(project):
    site = config(project)
    language = site.languages[0]
    before = translated(project, language, OLD)
    _move_page(project)
    page = site.docs_path / f"{NEW}.md"
    count = len(before) * 2  # more new messages than old ones: not recognised as a move
    page.write_text(page.read_text("utf-8") + "".join(f"\nĐoạn mới số {n}.\n" for n in range(count)),
                    encoding="utf-8")
    checked = mdbabel(project, "check", "--catalogs-only", check=False)
    shown = site.shown(site.catalog_path(language, OLD))
    line = next(line for line in checked.stderr.splitlines() if line.startswith(f"{shown}: "))
    command = re.search(r"if it moved, run `([^`]+)`", line).group(1)
    moved = mdbabel(project, *shlex.split(command.replace("NEW.md", f"{NEW}.md"))[1:])
    assert "moved" in moved.stdout
    assert translated(project, language, NEW) == before
    mdbabel(project, "check", "--catalogs-only")
