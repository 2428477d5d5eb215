"""The pre-commit hooks of .pre-commit-config.yaml, run by pre-commit on a copy of the project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from workflow_support import ROOT, copy_project, run, tool

CONFIG = ROOT / ".pre-commit-config.yaml"


def test_hooks_are_local_and_use_the_project_venv():
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "hooks must not download anything"
    ids = {hook["id"] for hook in hooks}
    assert {"mdbabel-check", "front-matter-and-links", "yaml-syntax"} <= ids
    for hook in hooks:
        assert hook["language"] in {"system", "pygrep"}, hook
        if hook["language"] == "system":
            executable = hook["entry"].split()[0]
            assert executable.startswith(".venv/bin/"), hook
            assert (ROOT / executable).exists() or not (ROOT / ".venv").exists(), f"{executable} missing"


def _git(project: Path, *args: str) -> None:
    run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", *args], project)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    assert Path(tool("pre-commit")).exists() or shutil.which("pre-commit"), (
        "pre-commit is missing: it is in the test extras of pyproject.toml (make setup)")
    project = copy_project(tmp_path / "project")
    # A clone with its own venv: the hooks call .venv/bin/... relative to the clone.
    os.symlink(Path(tool("python")).parent.parent, project / ".venv")
    # Catalogs as `make catalogs` writes them, so that the copy starts clean.
    run([tool("mdbabel"), "update"], project)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "start", "--no-verify")
    return project


def _pre_commit(project: Path, *args: str, check: bool = False):
    return run([tool("pre-commit"), *args], project, check=check,
               env={"PRE_COMMIT_HOME": str(project.parent / "pre-commit-home"), "SKIP": ""})


def test_all_hooks_pass_on_a_clean_copy(repo):
    result = _pre_commit(repo, "run", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("catalogs up to date", "front matter", "YAML files parse", "merge conflict"):
        assert name in result.stdout


def test_a_page_without_review_date_is_stopped(repo):
    page = repo / "docs" / "faq.md"
    text = page.read_text(encoding="utf-8")
    page.write_text("\n".join(line for line in text.split("\n") if not line.startswith("reviewed:")),
                    encoding="utf-8")
    _git(repo, "add", "docs/faq.md")
    result = _pre_commit(repo, "run")
    assert result.returncode == 1
    assert "docs/faq.md:1: missing `reviewed` date in the front matter; add `reviewed: YYYY-MM-DD`" in result.stdout


def test_a_changed_page_without_make_catalogs_is_stopped(repo):
    page = repo / "docs" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMột đoạn mới cần dịch.\n", encoding="utf-8")
    _git(repo, "add", "docs/faq.md")
    result = _pre_commit(repo, "run")
    assert result.returncode == 1
    assert "locales/templates/faq.pot: out of date with the sources; run `make catalogs`" in result.stdout
    # The fix the message names makes the hook pass.
    run([tool("mdbabel"), "update"], repo)
    _git(repo, "add", "-A")
    result = _pre_commit(repo, "run")
    assert result.returncode == 0, result.stdout


def test_invalid_yaml_and_conflict_markers_are_stopped(repo):
    (repo / "docs" / "_data" / "broken.yml").write_text("a: [1\n", encoding="utf-8")
    (repo / "notes.txt").write_text("<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> other\n", encoding="utf-8")
    _git(repo, "add", "docs/_data/broken.yml", "notes.txt")
    result = _pre_commit(repo, "run")
    assert result.returncode == 1
    assert "docs/_data/broken.yml:2: not valid YAML" in result.stdout
    assert "notes.txt:1:<<<<<<< HEAD" in result.stdout
