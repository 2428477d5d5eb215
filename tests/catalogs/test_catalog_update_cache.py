"""`mdbabel update` skips a page whose files are exactly what the last update left
(``.cache/mdbabel/update.json``); every edit, by an editor or a translator, must still give
the catalogs an update without that record gives."""

from __future__ import annotations

import shutil

import pytest

from catalog_site import make_site, po_path, po_text, translate_entry, write_page

from mdbabel import catalogs
from mdbabel.catalogs import update as catalog_update

PAGES = {"index.md": "# Trang chủ\n\nĐoạn đầu.\n", "guides/a.md": "# Hướng dẫn A\n\nĐoạn A.\n",
         "guides/b.md": "# Hướng dẫn B\n\nĐoạn B.\n"}


@pytest.fixture(autouse=True)
def _one_date(monkeypatch):
    # a catalog written again is dated now, to the minute: the two updates compared here could
    # fall on either side of a minute on a slow machine
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")


def tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "locales").rglob("*")) if p.is_file()}


def update(root, *, use_cache=True):
    return catalogs.update_catalogs(catalogs.load_site_config(root), use_cache=use_cache)


def twin_sites(tmp_path):
    cached, fresh = tmp_path / "cached", tmp_path / "fresh"
    for root in (cached, fresh):
        root.mkdir()
        make_site(root, PAGES, languages=("en", "fr"))
    return cached, fresh


def both(cached, fresh, edit):
    """Apply *edit* to both sites, update one with the record and one without."""
    edit(cached)
    edit(fresh)
    plan = update(cached)
    update(fresh, use_cache=False)
    assert tree(cached) == tree(fresh)
    return plan


def test_every_edit_gives_the_catalogs_of_an_update_without_the_record(tmp_path):
    cached, fresh = twin_sites(tmp_path)
    both(cached, fresh, lambda root: None)
    assert (cached / catalogs.UPDATE_CACHE).is_file()
    both(cached, fresh, lambda root: translate_entry(root, "Đoạn A.", "Paragraph A.", "guides/a"))
    plan = both(cached, fresh, lambda root: write_page(root, "guides/a.md",
                                                      "# Hướng dẫn A\n\nĐoạn A mới.\n"))
    assert any(w.changed and w.domain == "guides/a" for w in plan.writes)
    assert 'msgstr "Paragraph A."' in po_text(cached, "guides/a")  # kept (obsolete)
    both(cached, fresh, lambda root: po_path(root, "guides/b", "fr").unlink())
    assert po_path(cached, "guides/b", "fr").is_file()
    both(cached, fresh, lambda root: (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text(encoding="utf-8").replace("Trang thử", "Trang khác"),
        encoding="utf-8"))
    assert "Trang khác" in po_text(cached, "guides/b")


def test_an_unchanged_page_is_not_extracted_again(tmp_path, monkeypatch):
    cached, _ = twin_sites(tmp_path)
    update(cached)
    extracted = []
    original = catalogs.extract_page
    monkeypatch.setattr(catalog_update, "extract_page",  # where update reads it
                        lambda config, page: extracted.append(page) or original(config, page))
    write_page(cached, "guides/b.md", "# Hướng dẫn B\n\nĐoạn B khác.\n")
    plan = update(cached)
    assert extracted == ["guides/b.md"]
    assert {w.domain for w in plan.changes} == {"guides/b"}


def test_a_damaged_or_foreign_record_is_ignored(tmp_path):
    cached, fresh = twin_sites(tmp_path)
    update(cached)
    update(fresh, use_cache=False)
    (cached / catalogs.UPDATE_CACHE).write_text("{not json", encoding="utf-8")
    both(cached, fresh, lambda root: write_page(root, "index.md", "# Trang chủ\n\nĐoạn hai.\n"))
    shutil.copy(fresh / "locales" / "en" / "LC_MESSAGES" / "index.po",
                cached / "locales" / "en" / "LC_MESSAGES" / "index.po")
    (cached / catalogs.UPDATE_CACHE).write_text('{"key": "x", "domains": {"index": "y"}}',
                                                encoding="utf-8")
    both(cached, fresh, lambda root: translate_entry(root, "Đoạn hai.", "Second paragraph."))
