"""The guard rail (scripts/guard_rail.py) on a tiny throw-away site: it passes on identical
builds and reports a changed byte, a missing file and an extra file, and tells a content
edit (other inputs) from a code change (same inputs, other bytes)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from small_site import mkdocs_yml


ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import guard_rail  # noqa: E402

MKDOCS_YML = mkdocs_yml(pages=("index.md", "about.md"))
PAGES = {"index.md": "---\ntitle: Trang chủ\n---\n\n# Trang chủ\n\nMức đóng là 8%.\n",
         "about.md": "# Giới thiệu\n\nMột đoạn văn.\n"}


def make_site(root: Path, pages: dict[str, str]) -> None:
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs").mkdir(exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("guard") / "project"
    root.mkdir()
    make_site(root, PAGES)
    assert guard_rail.main(["--root", str(root), "--record"]) == 0
    return root


@pytest.fixture(scope="module")
def built(project, tmp_path_factory) -> tuple[Path, Path]:
    """The outputs of one more build of the same inputs."""
    return guard_rail.build(project, tmp_path_factory.mktemp("build"))


def _record(project: Path) -> tuple[dict[str, str], str]:
    hashes, digest = guard_rail.read_record(project / guard_rail.RECORD)
    assert digest is not None
    return hashes, digest


def _compare(project: Path, built, record: Path, digest: str) -> tuple[int, str]:
    site, locales = built
    status, lines = guard_rail.compare(project, record, site=site, locales=locales,
                                       digest=digest, keep=False)
    return status, "\n".join(lines)


def test_record_lists_every_site_file_and_catalog(project, built):
    hashes, digest = _record(project)
    site, locales = built
    assert {name for name in hashes if name.startswith("site/")} == \
        {f"site/{p.relative_to(site).as_posix()}" for p in site.rglob("*") if p.is_file()}
    catalogs = {name for name in hashes if name.startswith("locales/")}
    assert "locales/en/LC_MESSAGES/index.po" in catalogs
    assert "locales/templates/about.pot" in catalogs
    text = (project / guard_rail.RECORD).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines == sorted(lines, key=lambda line: line.split("  ", 1)[1])
    assert digest == guard_rail.inputs_digest(project)


def test_identical_build_passes(project, capsys):
    assert guard_rail.main(["--root", str(project)]) == 0
    assert "identical" in capsys.readouterr().out


def test_changed_byte_is_reported_with_a_diff(project, built, tmp_path):
    hashes, digest = _record(project)
    site, _ = built
    page = site / "about" / "index.html"
    original = page.read_bytes()
    try:
        page.write_bytes(original.replace("Một đoạn văn.".encode(), "Một đoạn văn!".encode(), 1))
        status, output = _compare(project, built, project / guard_rail.RECORD, digest)
    finally:
        page.write_bytes(original)
    assert status == 1
    assert "differs: site/about/index.html" in output
    assert "-<p>Một đoạn văn.</p>" in output and "+<p>Một đoạn văn!</p>" in output
    assert "the code changed the output" in output  # same inputs: not a content edit


def test_missing_and_extra_files_are_reported(project, built, tmp_path):
    hashes, digest = _record(project)
    record = tmp_path / "record.sha256"
    hashes = dict(hashes)
    hashes["site/gone.html"] = "0" * 64           # recorded, not built: missing
    del hashes["locales/en/LC_MESSAGES/about.po"]  # built, not recorded: extra
    guard_rail.write_record(record, hashes, digest)
    status, output = _compare(project, built, record, digest)
    assert status == 1
    assert "missing: site/gone.html" in output
    assert "extra: locales/en/LC_MESSAGES/about.po" in output
    assert "differs" not in output


def test_other_inputs_are_told_apart_and_skipped_in_ci(project, built, tmp_path, capsys):
    hashes, digest = _record(project)
    record = tmp_path / "record.sha256"
    changed = dict(hashes, **{"site/about/index.html": "1" * 64})
    guard_rail.write_record(record, changed, "f" * 64)  # as if recorded from other inputs
    status, output = _compare(project, built, record, digest)
    assert status == 1 and "make guard-record" in output and "inputs" in output
    assert "the code changed the output" not in output
    assert guard_rail.main(["--root", str(project), "--record-file", str(record),
                            "--if-inputs-match"]) == 0
    assert "skipped" in capsys.readouterr().out


def test_input_digest_follows_every_input(project, tmp_path):
    before = guard_rail.inputs_digest(project)
    page = project / "docs" / "about.md"
    original = page.read_bytes()
    try:
        page.write_bytes(original + b"\n")
        assert guard_rail.inputs_digest(project) != before
    finally:
        page.write_bytes(original)
    assert guard_rail.inputs_digest(project) == before


def test_no_record_is_one_line(tmp_path, capsys):
    root = tmp_path / "project"
    root.mkdir()
    make_site(root, PAGES)
    assert guard_rail.main(["--root", str(root), "--if-inputs-match"]) == 2
    err = capsys.readouterr().err
    assert "make guard-record" in err and "Traceback" not in err
