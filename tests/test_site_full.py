"""The real site (mkdocs.yml at the repository top), built once per test session."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

# Attributes and CSS constructs that make a browser fetch something.
RESOURCE_IN_HTML = re.compile(
    r'<(?:link|script|img|iframe|source|video|audio|embed|object)\b[^>]*?\s(?:href|src|srcset|data)="([^"]+)"', re.I)
RESOURCE_IN_CSS = re.compile(r'(?:url\(\s*["\']?|@import\s+["\'])([^"\')\s]+)', re.I)


# built_site and site_url come from conftest.py (one build per test session).


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_site_builds_in_both_languages(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "en" / "index.html").is_file()
    assert (built_site / "en" / "foreign-workers" / "contributions" / "index.html").is_file()


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site, site_url):
    own = urlsplit(site_url).netloc
    offenders = []
    for path in [*pages(built_site), *built_site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        pattern = RESOURCE_IN_CSS if path.suffix == ".css" else RESOURCE_IN_HTML
        for url in pattern.findall(text):
            host = urlsplit(url).netloc if url.startswith(("http:", "https:", "//")) else ""
            if host and host != own:
                offenders.append(f"{path.relative_to(built_site)}: {url}")
    assert offenders == []


def test_no_reference_to_google_fonts(built_site):
    for path in [*pages(built_site), *built_site.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


def _site_languages() -> set[str]:
    """Every language of mkdocs.yml."""
    from mdbabel.catalogs import load_site_config
    config = load_site_config(REPO)
    return {config.source_language, *config.languages}


def test_every_page_has_absolute_hreflang_for_each_language_and_x_default(built_site, site_url):
    for path in pages(built_site):
        if path.name == "404.html":
            continue
        html = path.read_text(encoding="utf-8")
        found = dict(re.findall(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">', html))
        assert set(found) == {*_site_languages(), "x-default"}, path
        assert all(url.startswith(site_url) for url in found.values()), path
        assert found["x-default"] == found["vi"]


def test_the_one_sitemap_lists_every_page_in_every_language(built_site, site_url):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for path in pages(built_site):
        if path.name != "index.html":
            continue
        relative = path.parent.relative_to(built_site).as_posix()
        url = site_url if relative == "." else f"{site_url}{relative}/"
        assert url in locs, url
    assert sitemap.count('hreflang="x-default"') == len(locs)
    assert not (built_site / "en" / "sitemap.xml").exists()


def test_robots_txt_names_the_absolute_sitemap(built_site, site_url):
    assert f"Sitemap: {site_url}sitemap.xml" in (built_site / "robots.txt").read_text(encoding="utf-8")


def test_not_found_page_exists_for_each_language(built_site):
    assert '<html lang="vi"' in (built_site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (built_site / "en" / "404.html").read_text(encoding="utf-8")


def test_every_page_links_the_print_stylesheet(built_site):
    for path in pages(built_site):
        assert "assets/print.css" in path.read_text(encoding="utf-8"), path


def test_translation_status_page_has_a_table_per_language(built_site):
    html = (built_site / "status" / "index.html").read_text(encoding="utf-8")
    assert "<table data-search-exclude>" in html and "foreign-workers/contributions/" in html


def test_status_tables_are_left_out_of_the_search_index(built_site):
    for index, status in (("search/vi.json", "status/"), ("en/search/en.json", "en/status/")):
        pages = json.loads((built_site / index).read_text(encoding="utf-8"))["pages"]
        entry = next(page for page in pages if page["url"] == status)
        text = " ".join(section["text"] for section in entry["sections"])
        assert entry["title"] and text  # still found by its title and its explanation
        for page in pages:  # but no longer a hit for the title of every other page
            if page["url"] != status:
                assert page["title"] not in text, page["title"]


def test_review_date_is_on_every_page_but_not_in_the_search_index(built_site):
    # the same sentence on every page would make any date or "checked" a hit for all of them
    for index, page, sentence in (("search/vi.json", "faq/index.html", "Nội dung được kiểm tra lần cuối"),
                                  ("en/search/en.json", "en/faq/index.html", "Content last checked")):
        assert sentence in (built_site / page).read_text(encoding="utf-8")
        entries = json.loads((built_site / index).read_text(encoding="utf-8"))["pages"]
        text = " ".join(section["text"] for entry in entries for section in entry["sections"])
        assert sentence not in text
        assert "41/2024/QH15" in text  # the sources under each page stay searchable


def test_english_glossary_marks_its_vietnamese_headwords_with_lang(built_site):
    html = (built_site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert '<dt lang="vi">bảo hiểm xã hội (BHXH)</dt>' in html


def test_heading_permalinks_are_titled_in_the_page_language(built_site):
    vietnamese = (built_site / "faq" / "index.html").read_text(encoding="utf-8")
    english = (built_site / "en" / "faq" / "index.html").read_text(encoding="utf-8")
    assert 'class="headerlink"' in vietnamese and 'title="Liên kết đến mục này"' in vietnamese
    assert 'title="Link to this section"' in english and "Liên kết đến mục này" not in english
