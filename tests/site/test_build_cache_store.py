"""mdbabel.build_cache.TranslationStore on its own: what a build may reuse, what it writes."""

from __future__ import annotations

import pickle

from mdbabel.build_cache import TranslationStore, text_digest, toolchain_key


def test_a_new_store_reads_what_the_last_one_saved(tmp_path):
    path = tmp_path / "store.pickle"
    first = TranslationStore(path)
    assert first.get("a") is None
    first.put("a", ["result a"])
    first.save()
    second = TranslationStore(path)
    assert second.get("a") == ["result a"] and second.get("b") is None
    assert (second.hits, second.misses) == (1, 1)


def test_a_build_that_made_nothing_new_leaves_the_file_alone(tmp_path):
    path = tmp_path / "store.pickle"
    store = TranslationStore(path)
    store.put("a", 1)
    store.put("b", 2)
    store.save()
    before = path.read_bytes()
    again = TranslationStore(path)
    assert again.get("a") == 1  # "b" is not used by this build
    again.save()
    assert path.read_bytes() == before
    again.put("c", 3)  # something new: the file holds what this build used
    again.save()
    assert set(pickle.loads(path.read_bytes())["entries"]) == {"a", "c"}


def test_a_second_build_in_the_same_process_reuses_the_last_build_without_the_file(tmp_path):
    path = tmp_path / "store.pickle"
    store = TranslationStore(path)
    store.put("a", 1)
    store.save()
    path.unlink()
    store.start_build()  # mkdocs serve, after a change
    assert store.get("a") == 1
    store.save()
    assert not path.exists()  # nothing new: nothing written
    store.put("b", 2)
    store.save()
    assert set(pickle.loads(path.read_bytes())["entries"]) == {"a", "b"}


def test_without_a_path_nothing_is_read_or_written(tmp_path):
    store = TranslationStore(None)
    store.put("a", 1)
    store.save()
    assert store.get("a") == 1 and list(tmp_path.iterdir()) == []


def test_a_store_of_another_toolchain_is_empty(tmp_path):
    path = tmp_path / "store.pickle"
    path.write_bytes(pickle.dumps({"key": "other", "entries": {"a": 1}}))
    assert TranslationStore(path).get("a") is None
    path.write_bytes(pickle.dumps({"key": toolchain_key(), "entries": {"a": 1}}))
    assert TranslationStore(path).get("a") == 1


def test_digests_are_of_the_text():
    assert text_digest("Trang chủ") == text_digest("Trang chủ".encode())
    assert text_digest("Trang chủ") != text_digest("Trang chu")
    assert text_digest(None) != text_digest("") and text_digest(None) == "-"


def test_the_toolchain_digest_covers_every_module_of_the_package_subpackages_included(tmp_path):
    """A change in any module, also one in a subpackage (the package is being split into
    subpackages), is a new toolchain: no result of the old code is reused."""
    from mdbabel.build_cache import sources_digest

    package = tmp_path / "pkg"
    (package / "sub" / "deeper").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    nested = package / "sub" / "deeper" / "rules.py"
    nested.write_text("RULE = 1\n", encoding="utf-8")
    (package / "notes.txt").write_text("not code", encoding="utf-8")
    before = sources_digest(package)
    nested.write_text("RULE = 2\n", encoding="utf-8")
    changed = sources_digest(package)
    assert changed != before
    (package / "notes.txt").write_text("still not code", encoding="utf-8")
    assert sources_digest(package) == changed
    # the same bytes under another module path are another toolchain
    nested.rename(package / "sub" / "rules.py")
    assert sources_digest(package) != changed


def test_the_update_and_build_caches_use_the_whole_package(monkeypatch):
    import mdbabel
    from mdbabel import build_cache

    calls = []
    monkeypatch.setattr(build_cache, "sources_digest",
                        lambda package: calls.append(package) or "x")
    build_cache.package_digest.cache_clear()
    try:
        assert build_cache.package_digest() == "x"
        from pathlib import Path
        assert calls == [Path(mdbabel.__file__).parent]
    finally:
        build_cache.package_digest.cache_clear()


def test_a_store_of_another_version_whose_classes_are_gone_is_empty(tmp_path):
    """After a module split, a pickled result names a class that no longer exists there."""
    path = tmp_path / "store.pickle"
    # a pickle of {"key": ..., "entries": {"a": mdbabel_gone.Result()}} written by hand
    path.write_bytes(b"\x80\x04}(\x8c\x03key\x8c\x01k\x8c\x07entries}\x8c\x01a"
                     b"\x8c\x0cmdbabel_gone\x8c\x06Result\x93)\x81su.")
    assert TranslationStore(path).get("a") is None
    path.write_bytes(b"\x80\x04}(\x8c\x03key\x8c\x01k\x8c\x07entries}\x8c\x01a"
                     b"\x8c\x0fmdbabel.figures\x8c\x0bNoSuchClass\x93)\x81su.")
    assert TranslationStore(path).get("a") is None
    path.write_bytes(b"\x80\x04}(\x8c\x03key")  # truncated
    assert TranslationStore(path).get("a") is None
