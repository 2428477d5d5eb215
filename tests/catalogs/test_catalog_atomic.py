"""Catalogs are written atomically: a failed write leaves the previous file as it was."""

import os

import pytest
from catalog_site import make_site, po_path, translate_entry, update, write_page

from mdbabel import catalogs


def test_failed_replace_leaves_the_original_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "x.po"
    target.write_text("original\n", encoding="utf-8")

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        catalogs.atomic_write(target, "new\n")
    assert target.read_text(encoding="utf-8") == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]


def test_failed_write_in_an_update_keeps_the_translated_catalog(tmp_path, monkeypatch):
    make_site(tmp_path, {"index.md": "Đoạn.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Đoạn.", "Paragraph.")
    before = po_path(tmp_path).read_bytes()
    write_page(tmp_path, "index.md", "# Mới\n\nĐoạn.\n")

    def fail(*_args):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        update(tmp_path)
    assert po_path(tmp_path).read_bytes() == before
    assert not [p for p in (tmp_path / "locales").rglob("*.tmp")]


def test_written_catalog_keeps_the_file_mode(tmp_path):
    target = tmp_path / "x.po"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o664)
    catalogs.atomic_write(target, "new\n")
    assert (target.read_text(encoding="utf-8"), target.stat().st_mode & 0o777) == ("new\n", 0o664)
