"""Helpers for the everyday-edit tests (tests/edits/test_edits_*.py; not a test module).

A copy of the project as a fresh clone has it, with its own git repository (so that moves
can be seen by git), whose catalogs were written by this checkout's ``make catalogs`` (the
state the tests start from). Languages and pages are read from the copy, never listed here.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from mdbabel import catalogs
from mdbabel.catalogs.translations import translations_of
from workflow_support import copy_project, run, tool

STAMP = ".venv/.installed-stamp"


def git(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                "-c", "commit.gpgsign=false", *args], project, check=check)


def make(project: Path, target: str, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    """A target of the copy's Makefile, with the venv running the tests (not reinstalled)."""
    return run(["make", "-o", STAMP, "--no-print-directory", target], project, check=check,
               env=env or None, timeout=900)


def mdbabel(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return run([tool("mdbabel"), *args], project, check=check)


def git_project(tmp_path: Path) -> Path:
    """A copy of the project with up-to-date catalogs, committed in a new git repository."""
    project = copy_project(tmp_path / "clone")
    os.symlink(Path(tool("python")).parent.parent, project / ".venv")
    make(project, "catalogs")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "start", "--no-verify")
    return project


def config(project: Path) -> catalogs.SiteConfig:
    return catalogs.load_site_config(project)


def catalog(project: Path, language: str, domain: str) -> catalogs.PoFile:
    site = config(project)
    path = site.catalog_path(language, domain)
    return catalogs.read_po_file(path, shown=site.shown(path), language=language)


def translated(project: Path, language: str, domain: str) -> dict[tuple, str]:
    """``{(msgctxt, msgid): msgstr}`` of the translated, not fuzzy, messages of a catalog."""
    return {key: t.text for key, t in translations_of(catalog(project, language, domain)).items()}


def fuzzy_counts(project: Path) -> dict[tuple[str, str], int]:
    """Fuzzy messages of every catalog: ``{(language, domain): count}``."""
    site = config(project)
    return {(language, domain): catalogs.catalog_stats(catalog(project, language, domain).catalog).fuzzy
            for language in site.languages for domain in site.domains()
            if site.catalog_path(language, domain).is_file()}


def links_to(project: Path, page: str) -> list[Path]:
    """The pages (and mkdocs.yml) whose text names *page* (``faq.md``) as a link or nav entry."""
    pattern = re.compile(rf"(?<![\w.-]){re.escape(page)}\b")
    found = [path for path in sorted((project / "docs").rglob("*.md")) if pattern.search(path.read_text("utf-8"))]
    if pattern.search((project / "mkdocs.yml").read_text("utf-8")):
        found.append(project / "mkdocs.yml")
    return found


def replace_links(paths: list[Path], old: str, new: str) -> None:
    """``old`` -> ``new`` wherever it is a whole file name (``faq.md``, ``../faq.md#x``)."""
    pattern = re.compile(rf"(?<![\w.-]){re.escape(old)}\b")
    for path in paths:
        path.write_text(pattern.sub(new, path.read_text("utf-8")), encoding="utf-8")


def notice_state(site: Path, url_path: str) -> str | None:
    """``fallback``/``partial`` when the built page shows a translation notice, else None."""
    html = (site / url_path / "index.html").read_text(encoding="utf-8")
    # (the review-state notice of a machine-assisted language says nothing of this page)
    match = re.search(r'class="mdbabel-notice mdbabel-notice--(fallback|partial)"', html)
    return match.group(1) if match else None


def tool_lines(output: str) -> list[str]:
    """The lines a command printed, without make's own (``make: *** ...``) and blank ones."""
    return [line for line in output.splitlines() if line.strip() and not line.startswith("make")]


def build(project: Path, site_dir: Path, check: bool = True, strict: bool = True
          ) -> subprocess.CompletedProcess[str]:
    """What ``make site`` runs (every language in its own process) into *site_dir*."""
    env = {"MDBABEL_STRICT": "true" if strict else "false", "SOURCE_DATE_EPOCH": "1700000000"}
    return run([tool("python"), "-m", "mdbabel.parallel_build", "--site-dir", str(site_dir)],
               project, check=check, env=env, timeout=900)
