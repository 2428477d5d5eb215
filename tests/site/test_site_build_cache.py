"""A build keeps its page translations in ``.cache/mdbabel/translations.pickle`` and the next
build reuses a page's result only while the page's source and its catalog are byte for byte
the same (mdbabel.build_cache). An edit by an editor or a translator, even one that keeps the
file's date, must show on the next build; a damaged or foreign store is ignored."""

from __future__ import annotations

import os
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from test_site_translation import build, make_project

from mdbabel.build_cache import CACHE_FILE, toolchain_key
from mdbabel.template_cache import TEMPLATE_CACHE_DIR

MARK = "Planted by the test in the store"


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def built(root: Path) -> dict[str, bytes]:
    result = build(root)
    assert result.returncode == 0, result.stderr
    return tree(root / "site")


def plant(root: Path) -> None:
    """Rewrite the stored English translation of index.md so that its use is visible."""
    store = root / CACHE_FILE
    data = pickle.loads(store.read_bytes())
    keys = [k for k in data["entries"] if k[0] == "en" and k[1] == "index"]
    assert len(keys) == 1, keys
    entry = data["entries"][keys[0]]
    entry.markdown = entry.markdown.replace("Benefits", MARK)
    assert MARK in entry.markdown
    store.write_bytes(pickle.dumps(data))


def english_index(root: Path) -> str:
    return (root / "site" / "en" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    root = make_project(tmp_path / "site-project")
    built(root)
    return root


def test_second_build_is_the_same_site_and_uses_the_store(project, tmp_path):
    first = tree(project / "site")
    assert (project / CACHE_FILE).is_file()
    assert built(project) == first
    fresh = make_project(tmp_path / "fresh")  # no store at all
    assert built(fresh) == first
    plant(project)
    built(project)
    assert MARK in english_index(project)  # the stored result was used, not recomputed


def test_a_stored_catalog_is_not_parsed_again(project):
    store = project / CACHE_FILE
    data = pickle.loads(store.read_bytes())
    # the page's own result goes, so the page is translated again, from the stored catalog
    del data["entries"][next(k for k in data["entries"] if k[:2] == ("en", "index"))]
    key = next(k for k in data["entries"]
               if k[0] == "catalog" and k[1] == "locales/en/LC_MESSAGES/index.po")
    translations, fuzzy = data["entries"][key]
    found = translations[(None, "Quyền lợi")]
    assert found.text == "Benefits"
    translations[(None, "Quyền lợi")] = replace(found, text=MARK)
    store.write_bytes(pickle.dumps(data))
    built(project)
    assert MARK in english_index(project)


def test_a_catalog_edit_that_keeps_the_file_date_is_translated_again(project):
    plant(project)
    catalog = project / "locales" / "en" / "LC_MESSAGES" / "index.po"
    stat = catalog.stat()
    text = catalog.read_text(encoding="utf-8")
    # same size, same inode, same date: only the bytes tell
    catalog.write_text(text.replace('msgstr "Benefits"', 'msgstr "Payments"'), encoding="utf-8")
    os.utime(catalog, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = catalog.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    built(project)
    html = english_index(project)
    assert MARK not in html and "Payments" in html


def test_a_page_edit_is_translated_again(project):
    plant(project)
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nĐoạn mới.\n", encoding="utf-8")
    built(project)
    html = english_index(project)
    assert MARK not in html and "Benefits" in html and "Đoạn mới." in html


@pytest.mark.parametrize("damage", ["truncated", "garbage", "other toolchain", "empty"])
def test_a_damaged_or_foreign_store_is_ignored(project, damage):
    expected = tree(project / "site")
    store = project / CACHE_FILE
    if damage == "truncated":
        plant(project)
        store.write_bytes(store.read_bytes()[:200])
    elif damage == "garbage":
        store.write_bytes(b"not a pickle at all")
    elif damage == "other toolchain":
        plant(project)
        data = pickle.loads(store.read_bytes())
        assert data["key"] == toolchain_key()
        data["key"] = "an older mdbabel"
        store.write_bytes(pickle.dumps(data))
    else:
        store.write_bytes(b"")
    assert built(project) == expected
    assert pickle.loads(store.read_bytes())["key"] == toolchain_key()  # written afresh


def test_the_store_keeps_only_what_the_last_build_used(project):
    def english_domains() -> set[str]:
        data = pickle.loads((project / CACHE_FILE).read_bytes())
        return {k[1] for k in data["entries"] if k[0] == "en"}

    store = project / CACHE_FILE
    assert "partly" in english_domains()
    before = store.read_bytes()
    built(project)  # nothing new translated: the file is left as it is
    assert store.read_bytes() == before
    (project / "docs" / "partly.md").unlink()
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text(encoding="utf-8").replace("      - partly.md\n", ""),
        encoding="utf-8")
    page = project / "docs" / "little.md"  # and an edit: this build translates something
    page.write_text(page.read_text(encoding="utf-8") + "\nĐoạn mới.\n", encoding="utf-8")
    built(project)
    assert "partly" not in english_domains() and {"index", "little"} <= english_domains()


def test_cache_false_writes_no_store(tmp_path):
    root = make_project(tmp_path / "no-cache")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - mdbabel:\n", "  - mdbabel:\n      cache: false\n"), encoding="utf-8")
    assert "cache: false" in config.read_text(encoding="utf-8")
    built(root)
    assert not (root / CACHE_FILE).exists()
    assert not (root / TEMPLATE_CACHE_DIR).exists()


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(project):
    kept = sorted((project / TEMPLATE_CACHE_DIR).glob("*.jinja"))
    assert len(kept) > 10  # the theme's templates and ours, compiled by the first build
    first = tree(project / "site")
    assert built(project) == first  # the kept code renders the same site
    partial = project / "overrides" / "partials" / "mdbabel-page-facts.html"
    partial.write_text(partial.read_text(encoding="utf-8") + "<!-- edited partial -->\n",
                       encoding="utf-8")
    built(project)
    assert "<!-- edited partial -->" in english_index(project)
    assert "<!-- edited partial -->" in (project / "site" / "index.html").read_text(
        encoding="utf-8")


def test_a_read_only_cache_folder_is_not_an_error(project):
    if os.geteuid() == 0:
        # root writes anyway: make the folder a file instead, which nobody can write into
        shutil.rmtree(project / ".cache" / "mdbabel")
        (project / ".cache" / "mdbabel").write_text("in the way\n", encoding="utf-8")
    else:
        os.chmod(project / ".cache" / "mdbabel", 0o500)
    built(project)
    assert "Benefits" in english_index(project)
