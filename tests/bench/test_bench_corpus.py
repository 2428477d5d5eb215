"""The benchmark's corpus generator writes a valid site: pages the segmenter reads, catalogs
made by the project's own extraction, every msgstr filled and passing ``mdbabel check``.
No timing here (that is ``make bench``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_corpus  # noqa: E402
from mdbabel import catalogs  # noqa: E402
from mdbabel.checks import check_translation  # noqa: E402
from mdbabel.segments import segment  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return bench_corpus.make_project(tmp_path_factory.mktemp("bench") / "site", 25)


def test_page_plan_counts_and_sections():
    plans = bench_corpus.plan_pages(45)
    assert len(plans) == 45
    assert len({p.path for p in plans}) == 45
    assert plans[0].path == "index.md" and plans[1].path == "status.md"
    # sections of SECTION_SIZE pages, each opened by its index page
    assert [p.path for p in plans if p.path.endswith("index.md")][1:] == [
        "chu-de-001/index.md", "chu-de-002/index.md", "chu-de-003/index.md"]


def test_pages_are_deterministic_and_rich():
    plans = bench_corpus.plan_pages(30)
    page = plans[5]
    text = bench_corpus.page_text(page, plans)
    assert text == bench_corpus.page_text(page, plans)
    assert text.startswith("---\ntitle: ")
    kinds = {unit.kind for plan in plans[2:] for unit in segment(bench_corpus.page_text(plan, plans))}
    for kind in ("heading", "paragraph", "list item", "table cell", "admonition",
                 "admonition title", "front matter title", "front matter description"):
        assert kind in kinds
    assert "](../chu-de-" in "".join(bench_corpus.page_text(p, plans) for p in plans[2:])


def test_project_has_the_real_site_shape(corpus):
    root = corpus.root
    assert corpus.pages == 25
    config_text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    real = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0]
    assert config_text.startswith(real)
    # parts of PART_SIZE sections, each a nested section of its pages
    assert '  - "Phần 1: ' in config_text
    assert "          - chu-de-001/trang-01.md" in config_text
    assert (root / "overrides" / "main.html").is_file()
    assert (root / "docs" / "_data" / "figures.yml").is_file()
    config = catalogs.load_site_config(root)
    assert len(config.pages()) == 25


def test_catalogs_filled_and_pass_checks(corpus):
    config = catalogs.load_site_config(corpus.root)
    assert corpus.messages > 25 * 20
    assert corpus.identity == 0
    for domain in config.domains():
        assert config.template_path(domain).is_file()
        po = catalogs.read_po_file(config.catalog_path("en", domain), language="en")
        stats = catalogs.catalog_stats(po.catalog)
        assert stats.untranslated == 0 and stats.fuzzy == 0, domain
    report = catalogs.check_project(config)
    assert report.problems == []
    # rerunning the extraction changes nothing: the catalogs are what `mdbabel update` keeps
    assert catalogs.plan_update(config).content_changes == []


def test_english_like_keeps_markup():
    msgid = ("Xem trang [bảo hiểm](../a/b.md), mức {{ base_salary }}, mã `TK1-TS`[^2] "
             "<abbr>BHXH</abbr> { #id }")
    text = bench_corpus.english_like(msgid)
    assert text != msgid
    for kept in ("](../a/b.md)", "{{ base_salary }}", "`TK1-TS`", "[^2]", "<abbr>", "BHXH", "{ #id }"):
        assert kept in text
    assert check_translation(msgid, text, "paragraph") == []
    assert bench_corpus.english_like(msgid) == text


def test_remove_plugin_drops_only_that_entry():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    without = bench_corpus.remove_plugin(text, "mdbabel")
    assert "  - mdbabel:\n" not in without and "locales_dir" not in without
    assert "  - mdbabel-search\n" in without and "  - i18n:\n" in without
    assert "\nwatch:\n" in without


def test_a_reused_corpus_and_its_baseline_get_the_templates_of_this_commit(tmp_path, monkeypatch):
    """The generator's key leaves the templates out: a reused corpus must not keep old ones
    (it once measured a template change on two of the three sizes only)."""
    import benchmark

    monkeypatch.setattr(benchmark, "WORK", tmp_path)
    monkeypatch.setattr(benchmark, "_generator_key", lambda pages: f"key {pages}")
    ours = benchmark.corpus(25)
    base = benchmark.baseline(ours, 25)
    nav = ours / "overrides" / "partials" / "nav.html"
    css = base / "overrides" / "assets" / "site.css"
    assert nav.read_bytes() == (ROOT / "overrides" / "partials" / "nav.html").read_bytes()
    nav.unlink()  # as an older commit left it
    css.write_text("/* old */\n", encoding="utf-8")
    (ours / "overrides" / "partials" / "stale.html").write_text("old\n", encoding="utf-8")
    again = benchmark.corpus(25)
    assert again == ours
    assert benchmark.baseline(again, 25) == base
    assert nav.read_bytes() == (ROOT / "overrides" / "partials" / "nav.html").read_bytes()
    assert not (ours / "overrides" / "partials" / "stale.html").exists()
    assert css.read_bytes() == (ROOT / "overrides" / "assets" / "site.css").read_bytes()
