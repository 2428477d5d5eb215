"""Reproducible output: the same commit gives byte-identical sites and catalogs.

Two builds with the same SOURCE_DATE_EPOCH, from two different folders and with different
hash seeds, must give the same site/ tree byte for byte (sitemap, search index, Material's
assets, gzip headers...). `mdbabel update` (`make catalogs`) run twice must change nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mdbabel.site_checks import check_built_site
from workflow_support import copy_project, run, tool, tree_differences, tree_hashes

pytestmark = pytest.mark.slow

EPOCH = "1764028800"  # 2025-11-25 00:00:00 UTC


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("repro") / "project")
    run([tool("mdbabel"), "update"], project)
    _translate_some(project)
    return project


def _translate_some(project: Path) -> None:
    """Translate every message of one page (identity) so that translated pages are built too."""
    from babel.messages.pofile import read_po, write_po

    for po in sorted((project / "locales").glob("*/LC_MESSAGES/faq.po"))[:1]:
        with po.open("rb") as stream:
            catalog = read_po(stream)
        for message in catalog:
            if message.id and not message.string:
                message.string = message.id
        with po.open("wb") as stream:
            write_po(stream, catalog, width=79)
        run([tool("mdbabel"), "update"], project)  # back to the project's own catalog format


def _build(project: Path, site: Path, seed: str) -> None:
    run([tool("mkdocs"), "build", "--strict", "--site-dir", str(site)], project,
        env={"SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed, "MDBABEL_STRICT": "true"})


def test_two_builds_of_the_same_commit_are_byte_identical(project, tmp_path):
    other = copy_project(tmp_path / "elsewhere" / "checkout")   # another folder, same files
    shutil.rmtree(other / "locales")
    shutil.copytree(project / "locales", other / "locales")
    first, second = tmp_path / "site-1", tmp_path / "site-2"
    _build(project, first, seed="1")
    _build(other, second, seed="2")
    files = tree_hashes(first)
    assert len(files) > 20 and "index.html" in files and "en/index.html" in files
    assert tree_differences(first, second) == []
    assert [str(p) for p in check_built_site(first)] == []


def _quiet_epoch(project: Path, first: str, days: int = 40) -> str:
    """An epoch up to *days* after *first* with no figure changing in between (the pages show
    the figures valid on the build date: a change would rightly change them)."""
    import datetime as dt

    from mdbabel.figures import load_figures

    start = dt.datetime.fromtimestamp(int(first), dt.UTC).date()
    changes = sorted({value.start for figure in load_figures(project / "docs" / "_data").values()
                      for value in figure.history if value.start and value.start > start})
    later = min([start + dt.timedelta(days=days), *(day - dt.timedelta(days=1) for day in changes[:1])])
    return str(int(first) + 86400 * (later - start).days)


def test_the_build_date_comes_only_from_source_date_epoch(project, tmp_path):
    """With another SOURCE_DATE_EPOCH (and the same figures) only date-carrying files may change."""
    first, second = tmp_path / "site-1", tmp_path / "site-2"
    _build(project, first, seed="0")
    run([tool("mkdocs"), "build", "--strict", "--site-dir", str(second)], project,
        env={"SOURCE_DATE_EPOCH": _quiet_epoch(project, EPOCH), "PYTHONHASHSEED": "0",
             "MDBABEL_STRICT": "true"})
    changed = {line.split(": ", 1)[1] for line in tree_differences(first, second)}
    allowed = {"sitemap.xml", "sitemap.xml.gz", "en/sitemap.xml", "en/sitemap.xml.gz"}
    assert changed <= allowed, f"files that depend on the build date: {sorted(changed - allowed)}"


def test_make_catalogs_twice_changes_nothing(project):
    before = tree_hashes(project / "locales")
    assert any(name.endswith(".po") for name in before)
    for _ in range(2):
        result = run([tool("mdbabel"), "update"], project)
        assert "catalogs are up to date" in result.stdout
        assert tree_hashes(project / "locales") == before
    assert run([tool("mdbabel"), "check"], project).returncode == 0


def test_catalogs_written_under_source_date_epoch_are_stable(tmp_path):
    """CI may export SOURCE_DATE_EPOCH: two runs with the same value write the same bytes."""
    project = copy_project(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    run([tool("mdbabel"), "update"], project, env=env)
    before = tree_hashes(project / "locales")
    result = run([tool("mdbabel"), "update"], project, env=env)
    assert "catalogs are up to date" in result.stdout
    assert tree_hashes(project / "locales") == before
