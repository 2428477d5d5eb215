"""`make site` builds each language in its own process: the output must be the very same
bytes as `mkdocs build --strict`, and a failure in one language must fail the whole build."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from repo_data import REPO, languages, prefix  # the repository under test (MDBABEL_TEST_REPO)

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
       "MDBABEL_STRICT": "true"}


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_parallel_build_gives_the_same_bytes_as_mkdocs_build(tmp_path):
    sequential, parallel = tmp_path / "sequential", tmp_path / "parallel"
    one = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(sequential)],
                         cwd=REPO, env=ENV, capture_output=True, text=True)
    assert one.returncode == 0, one.stderr
    two = subprocess.run([sys.executable, "-m", "mdbabel.parallel_build", "--site-dir", str(parallel)],
                         cwd=REPO, env=ENV, capture_output=True, text=True)
    assert two.returncode == 0, two.stderr
    left, right = files(sequential), files(parallel)
    assert sorted(left) == sorted(right)
    assert [name for name in left if left[name] != right[name]] == []
    assert all(f"{prefix(code)}index.html" in right for code in languages())
