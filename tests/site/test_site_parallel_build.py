"""`make site` builds the languages in one process per core: the output must be the very same
bytes as `mkdocs build --strict`, whether each language has its own process or a process
builds several one after the other (more languages than cores)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mdbabel.parallel_build import language_groups
from repo_data import REPO, languages, prefix  # the repository under test (MDBABEL_TEST_REPO)

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
       "MDBABEL_STRICT": "true"}


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_languages_are_dealt_out_in_turn_to_at_most_the_jobs():
    assert language_groups(["vi", "en", "ko"], 2) == [["vi", "ko"], ["en"]]
    assert language_groups(["vi", "en", "ko"], 8) == [["vi"], ["en"], ["ko"]]
    assert language_groups(["vi", "en", "ko", "de", "ja"], 2) == [["vi", "ko", "ja"], ["en", "de"]]
    assert language_groups(["vi"], 0) == [["vi"]]


@pytest.fixture(scope="module")
def sequential(tmp_path_factory) -> dict[str, bytes]:
    site = tmp_path_factory.mktemp("sequential")  # (not named "site": the suite of
    # tests/edits/test_edits_repo_changes.py looks for the site its inner run built by that name)
    one = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                         cwd=REPO, env=ENV, capture_output=True, text=True)
    assert one.returncode == 0, one.stderr
    return files(site)


# one process per language, and fewer processes than languages (at least one builds two)
@pytest.mark.parametrize("jobs", [len(languages()), max(1, len(languages()) - 1)])
def test_parallel_build_gives_the_same_bytes_as_mkdocs_build(tmp_path, sequential, jobs):
    parallel = tmp_path / "parallel"
    two = subprocess.run([sys.executable, "-m", "mdbabel.parallel_build", "--site-dir", str(parallel),
                          "--jobs", str(jobs)], cwd=REPO, env=ENV, capture_output=True, text=True)
    assert two.returncode == 0, two.stderr
    left, right = sequential, files(parallel)
    assert sorted(left) == sorted(right)
    assert [name for name in left if left[name] != right[name]] == []
    assert all(f"{prefix(code)}index.html" in right for code in languages())
