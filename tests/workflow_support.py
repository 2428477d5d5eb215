"""Helpers for the workflow tests: copy the project, run its tools, compare trees."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from repo_data import REPO as ROOT  # the repository under test (MDBABEL_TEST_REPO)
BIN = Path(sys.executable).parent          # the venv that runs pytest (.venv/bin)

# Not part of a fresh clone (or rebuilt by the tools under test).
EXCLUDED = {".git", ".venv", "site", "node_modules", ".pytest_cache", ".hypothesis", "__pycache__",
            "build", "bench-out", ".site-new", ".site-old", ".cache"}


def _ignore(directory: str, names: list[str]) -> set[str]:
    ignored = {n for n in names if n in EXCLUDED or n.endswith((".egg-info", ".mo", ".tmp"))}
    if Path(directory).resolve() == ROOT:
        ignored |= {n for n in names if n.startswith(".site-")}
    return ignored


def copy_project(destination: Path) -> Path:
    """Copy the working tree (as a fresh clone would have it) to *destination*."""
    try:
        shutil.copytree(ROOT, destination, ignore=_ignore, symlinks=True)
    except shutil.Error as error:
        # a temporary file that another process removed while we copied is not part of a clone
        real = [entry for entry in error.args[0] if Path(entry[0]).exists()]
        if real:
            raise shutil.Error(real) from None
    return destination


def tool(name: str) -> str:
    """Path of a console script of the venv (mkdocs, mdbabel, pre-commit, ...)."""
    path = BIN / name
    return str(path) if path.exists() else name


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, check: bool = True,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run *args* in *cwd*; on an unexpected exit code the assertion shows the output."""
    full_env = dict(os.environ)
    full_env["NO_MKDOCS_2_WARNING"] = "1"
    full_env.pop("SOURCE_DATE_EPOCH", None)
    full_env.update(env or {})
    result = subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)
    if check:
        assert result.returncode == 0, (
            f"{' '.join(map(str, args))} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}")
    return result


def build_site(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of *project* into *site_dir* (as ``make site`` does)."""
    return run([tool("mkdocs"), "build", "--strict", "--site-dir", str(site_dir)], project,
               env={"MDBABEL_STRICT": "true", **(env or {})})


def tree_hashes(directory: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of every file under *directory*."""
    hashes = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            hashes[path.relative_to(directory).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def tree_differences(first: Path, second: Path) -> list[str]:
    """Human-readable list of files that are missing on one side or differ."""
    a, b = tree_hashes(first), tree_hashes(second)
    problems = [f"only in the first: {p}" for p in sorted(a.keys() - b.keys())]
    problems += [f"only in the second: {p}" for p in sorted(b.keys() - a.keys())]
    problems += [f"differs: {p}" for p in sorted(a.keys() & b.keys()) if a[p] != b[p]]
    return problems
