"""`make properdocs-check` (scripts/properdocs_check.py) tells an explained difference between
the MkDocs and the ProperDocs build from any other, and fails on the other."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "properdocs_check.py"
spec = importlib.util.spec_from_file_location("properdocs_check", SCRIPT)
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)

PAGE = '<head><meta name="generator" content="mkdocs-{}, mkdocs-material, mdbabel"></head><p>{}</p>'


def page(engine: str, text: str = "Nội dung") -> bytes:
    return PAGE.format(engine, text).encode("utf-8")


def test_the_generator_meta_is_the_only_explained_difference():
    reference = {"index.html": page("1.6.1"), "sitemap.xml": b"<urlset/>"}
    other = {"index.html": page("ProperDocs 1.6.7"), "sitemap.xml": b"<urlset/>"}
    problems, counts = check.compare(reference, other, explained=True)
    assert problems == [] and sum(counts.values()) == 1


def test_any_other_difference_fails_and_is_shown():
    reference = {"index.html": page("1.6.1"), "a.json": b"{}", "gone.html": b""}
    other = {"index.html": page("ProperDocs 1.6.7", "Khác"), "a.json": b"[]", "new.html": b""}
    problems, _ = check.compare(reference, other, explained=True)
    assert problems == ["only in the reference: gone.html", "only in the other build: new.html",
                        "differs: a.json",
                        "differs: index.html: -<head></head><p>Nội dung</p> | +<head></head><p>Khác</p>"]
    # without explanations (two ProperDocs builds) even the generator line counts
    problems, _ = check.compare(reference | {"index.html": page("1.6.1")},
                                reference | {"index.html": page("ProperDocs 1.6.7")}, explained=False)
    assert problems == ["differs: index.html"]


def _manifest(hashes: dict[str, str], version: str) -> bytes:
    import json

    return json.dumps({"files": hashes, "language": "vi", "prefix": "", "version": version}).encode()


def test_an_offline_manifest_follows_only_the_explained_pages():
    reference = {"index.html": page("1.6.1"), "a.css": b"x",
                 "offline/vi.json": _manifest({"index.html": "1", "a.css": "9"}, "v1")}
    other = {"index.html": page("ProperDocs 1.6.7"), "a.css": b"x",
             "offline/vi.json": _manifest({"index.html": "2", "a.css": "9"}, "v2")}
    problems, counts = check.compare(reference, other, explained=True)
    assert problems == [] and sum(counts.values()) == 2
    # a page that differs otherwise, or another hash in the manifest, is a difference
    other["index.html"] = page("ProperDocs 1.6.7", "Khác")
    problems, _ = check.compare(reference, other, explained=True)
    assert "differs: offline/vi.json" in problems
    other["index.html"] = page("ProperDocs 1.6.7")
    other["offline/vi.json"] = _manifest({"index.html": "2", "a.css": "8"}, "v2")
    problems, _ = check.compare(reference, other, explained=True)
    assert problems == ["differs: offline/vi.json"]
