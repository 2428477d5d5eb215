"""The real site (mkdocs.yml at the repository top), built once per test session."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from repo_data import (interface_text, languages, prefix, preview_languages, published_languages,
                       search_index, source_language)

pytestmark = pytest.mark.slow

# Attributes and CSS constructs that make a browser fetch something.
RESOURCE_IN_HTML = re.compile(
    r'<(?:link|script|img|iframe|source|video|audio|embed|object)\b[^>]*?\s(?:href|src|srcset|data)="([^"]+)"', re.I)
RESOURCE_IN_CSS = re.compile(r'(?:url\(\s*["\']?|@import\s+["\'])([^"\')\s]+)', re.I)


# built_site and site_url come from conftest.py (one build per test session).


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_site_builds_in_every_language(built_site):
    for language in languages():
        assert (built_site / prefix(language) / "index.html").is_file(), language
        assert (built_site / prefix(language) / "foreign-workers" / "contributions" / "index.html").is_file()


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


def language_of(site: Path, path: Path) -> str:
    first = path.relative_to(site).parts[0]
    return first if first in languages() else source_language()


def test_every_page_has_absolute_hreflang_for_each_published_language_and_x_default(built_site, site_url):
    """A preview language (below the publishing threshold) is in no page's alternates, and its
    own pages, marked noindex, have none."""
    for path in pages(built_site):
        if path.name == "404.html":
            continue
        html = path.read_text(encoding="utf-8")
        found = dict(re.findall(r'<link rel="alternate " hreflang="([^"]+)" href="([^"]+)">', html))
        if language_of(built_site, path) in preview_languages():
            assert found == {} and '<meta name="robots" content="noindex">' in html, path
            continue
        assert '<meta name="robots" content="noindex">' not in html, path
        assert set(found) == {*published_languages(), "x-default"}, path
        assert all(url.startswith(site_url) for url in found.values()), path
        assert found["x-default"] == found[source_language()]


def test_the_one_sitemap_lists_every_page_in_every_language(built_site, site_url):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    for path in pages(built_site):
        if path.name != "index.html":
            continue
        relative = path.parent.relative_to(built_site).as_posix()
        url = site_url if relative == "." else f"{site_url}{relative}/"
        # a preview language is left out (noindex)
        assert (url in locs) == (language_of(built_site, path) not in preview_languages()), url
    assert sitemap.count('hreflang="x-default"') == len(locs)
    for language in preview_languages():
        assert f'hreflang="{language}"' not in sitemap
    for language in languages()[1:]:
        assert not (built_site / language / "sitemap.xml").exists()


def test_robots_txt_names_the_absolute_sitemap(built_site, site_url):
    assert f"Sitemap: {site_url}sitemap.xml" in (built_site / "robots.txt").read_text(encoding="utf-8")


def test_not_found_page_exists_for_each_language(built_site):
    for language in languages():
        html = (built_site / prefix(language) / "404.html").read_text(encoding="utf-8")
        assert f'<html lang="{language}"' in html


def test_every_page_links_the_print_stylesheet(built_site):
    for path in pages(built_site):
        assert "assets/print.css" in path.read_text(encoding="utf-8"), path


def test_translation_status_page_has_a_table_per_language(built_site):
    html = (built_site / "status" / "index.html").read_text(encoding="utf-8")
    assert "<table data-search-exclude>" in html and "foreign-workers/contributions/" in html


def test_status_tables_are_left_out_of_the_search_index(built_site):
    indexed = 0
    for language in languages():
        status = f"{prefix(language)}status/"
        pages = json.loads((built_site / search_index(language)).read_text(encoding="utf-8"))["pages"]
        entry = next((page for page in pages if page["url"] == status), None)
        if entry is None:  # shown in Vietnamese (not translated enough): not in this index
            assert "mdbabel-notice--fallback" in (built_site / status / "index.html").read_text(encoding="utf-8")
            continue
        indexed += 1
        text = " ".join(section["text"] for section in entry["sections"])
        assert entry["title"] and text  # still found by its title and its explanation
        for page in pages:  # but no longer a hit for the title of every other page
            if page["url"] != status:
                assert page["title"] not in text, page["title"]
    assert indexed >= 1


REVIEWED = "Nội dung được kiểm tra lần cuối: %(date)s"  # overrides/partials/mdbabel-page-facts.html


def test_review_date_is_on_every_page_but_not_in_the_search_index(built_site):
    # the same sentence on every page would make any date or "checked" a hit for all of them
    for language in languages():
        sentence = interface_text(language, REVIEWED)[0].split("%(date)s")[0].strip(" :")
        page = f"{prefix(language)}faq/index.html"
        assert sentence in (built_site / page).read_text(encoding="utf-8")
        entries = json.loads((built_site / search_index(language)).read_text(encoding="utf-8"))["pages"]
        text = " ".join(section["text"] for entry in entries for section in entry["sections"])
        assert sentence not in text
        if "mdbabel-notice--fallback" not in (built_site / page).read_text(encoding="utf-8"):
            assert "41/2024/QH15" in text  # the sources under each page stay searchable


def test_english_glossary_marks_its_vietnamese_headwords_with_lang(built_site):
    html = (built_site / "en" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert '<dt lang="vi">bảo hiểm xã hội (BHXH)</dt>' in html


PERMALINK = "Liên kết đến mục này"  # mdbabel/interface_strings.py PERMALINK_TITLE


def test_heading_permalinks_are_titled_in_the_page_language(built_site):
    for language in languages():
        html = (built_site / prefix(language) / "faq" / "index.html").read_text(encoding="utf-8")
        title = interface_text(language, PERMALINK)[0]  # its own, or its fallback chain's
        assert 'class="headerlink"' in html and f'title="{title}"' in html, language
        if title != PERMALINK:
            assert PERMALINK not in html, language
