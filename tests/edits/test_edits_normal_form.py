"""A page or a catalog saved with Windows or old Mac line ends, a byte order mark or
decomposed Vietnamese (NFD) gives the same catalogs and the same site (issue 19): every
reader goes through one normal form (mdbabel.textnorm); the pre-commit hook writes it."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from edits_support import build, config, git_project, mdbabel
from mdbabel.textnorm import normal_text
from workflow_support import ROOT, tree_differences

pytestmark = pytest.mark.slow

PAGE = "faq"


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def lone_cr(text: str) -> str:
    return text.replace("\n", "\r")


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def bom(text: str) -> str:
    return "\ufeff" + text


def everything(text: str) -> str:
    return bom(crlf(nfd(text)))


VARIANTS = {"crlf": crlf, "cr": lone_cr, "nfd": nfd, "bom": bom, "all": everything}


def hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> tuple[Path, Path]:
    """A project with up-to-date catalogs and its site, built once for the module."""
    project = git_project(tmp_path_factory.mktemp("baseline"))
    site = project.parent / "site"
    build(project, site)
    return project, site


@pytest.fixture
def project(baseline, tmp_path) -> Path:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(baseline[0], copy, symlinks=True)
    return copy


def test_the_sample_page_is_not_already_in_each_form(baseline):
    text = (config(baseline[0]).docs_path / f"{PAGE}.md").read_text("utf-8")
    for name, variant in VARIANTS.items():
        assert variant(text) != text, f"the {name} variant changes nothing: the test would prove nothing"
        assert normal_text(variant(text)) == text


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_page_in_another_form_gives_the_same_catalogs_and_site(baseline, project, variant):
    site = config(project)
    page = site.docs_path / f"{PAGE}.md"
    page.write_bytes(VARIANTS[variant](page.read_text("utf-8")).encode("utf-8"))
    locales_before = hashes(site.locales_path)
    mdbabel(project, "update")
    assert hashes(site.locales_path) == locales_before
    mdbabel(project, "check", "--catalogs-only")
    built = project.parent / "site"
    build(project, built)
    assert tree_differences(baseline[1], built) == []


@pytest.mark.parametrize("variant", ["crlf", "nfd", "all"])
def test_a_catalog_in_another_form_keeps_every_translation(baseline, project, variant):
    site = config(project)
    language = site.languages[0]
    po = site.catalog_path(language, PAGE)
    original = po.read_bytes()
    po.write_bytes(VARIANTS[variant](original.decode("utf-8")).encode("utf-8"))
    # the build reads it as it was: the same site
    built = project.parent / "site"
    build(project, built)
    assert tree_differences(baseline[1], built) == []
    # an update writes it back in the normal form, every translation and date kept
    mdbabel(project, "update")
    assert po.read_bytes() == original


def _hook(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "normalise_text.py"), *map(str, paths)],
                          capture_output=True, text=True)


def test_the_pre_commit_hook_writes_the_normal_form(tmp_path):
    text = "---\ntitle: Trang chủ\n---\n\nNgười lao động nước ngoài.\n"
    files = {name: tmp_path / f"{name}.md" for name in VARIANTS}
    for name, path in files.items():
        path.write_bytes(VARIANTS[name](text).encode("utf-8"))
    clean = tmp_path / "clean.po"
    clean.write_text(text, encoding="utf-8")
    result = _hook(clean, *files.values())
    assert result.returncode == 1
    assert str(clean) not in result.stdout
    for path in files.values():
        assert path.read_bytes() == text.encode("utf-8"), path.name
        assert f"{path}: rewritten" in result.stdout
    assert _hook(clean, *files.values()).returncode == 0  # nothing left to do


def test_the_pre_commit_hook_names_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("Dòng một.\nDòng hai: Đ.\n".encode()[:0] + "a\nb\xe9\n".encode("latin-1"))
    result = _hook(path)
    assert result.returncode == 2
    assert f"{path}:2: not UTF-8 text; save the file as UTF-8" in result.stderr


def test_git_stores_text_with_lf_and_leaves_images_alone():
    result = subprocess.run(["git", "check-attr", "eol", "text", "--", "docs/faq.md", "x.po", "a.png", "b.pdf"],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert "docs/faq.md: eol: lf" in lines and "x.po: eol: lf" in lines
    assert "a.png: text: unset" in lines and "b.pdf: text: unset" in lines


def test_a_carriage_return_in_a_translation_reads_as_a_line_break(tmp_path):
    """`\\r` written as an escape inside a msgstr (issue 17): a line break like the source's."""
    from catalog_site import make_site, po_path, translate_entry, update

    from mdbabel import catalogs
    from mdbabel.po import read as po_read

    make_site(tmp_path, {"index.md": "Dòng một.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Dòng một.", "Line one.\\r\\n\\r# Heading")
    fast = catalogs.load_translations(po_path(tmp_path), root=tmp_path)
    assert fast[(None, "Dòng một.")].text == "Line one.\n\n# Heading"
    # the same through Babel's parser (which reads the files outside the regular layout)
    parsed, _, _ = po_read.parse_with_babel(po_path(tmp_path).read_text("utf-8"), "x.po")
    assert parsed.get("Dòng một.").string == "Line one.\n\n# Heading"


def test_an_nfd_crlf_mkdocs_yml_gives_the_same_catalogs_and_site(baseline, project):
    """MkDocs reads mkdocs.yml itself (nav labels, site name): they are looked up in the
    normal form, as they were extracted."""
    path = project / "mkdocs.yml"
    path.write_bytes(everything(path.read_text("utf-8")).encode("utf-8"))
    site = config(project)
    locales_before = hashes(site.locales_path)
    mdbabel(project, "update")
    assert hashes(site.locales_path) == locales_before
    built = project.parent / "site"
    build(project, built)
    assert tree_differences(baseline[1], built) == []
