"""The offline set of each language (issue 25, point 2, first part: mdbabel.offline).

Read from the real built site: each language's set has every page of that language and none
of another, its search index and the files its pages load; no share card, sitemap or large
download; the manifest is keyed by content, so one changed page changes one entry.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mdbabel import offline

from test_a11y_axe import languages as site_languages
from test_a11y_axe import pages_of


def page_file(address: str) -> str:
    return address + "index.html" if address == "" or address.endswith("/") else address


@pytest.fixture(scope="module")
def site_copy(built_site, tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("offline") / "site"
    shutil.copytree(built_site, copy)
    return copy


def test_languages_are_read_from_the_site(built_site):
    assert offline.languages(built_site) == site_languages(built_site)


def test_each_language_keeps_its_pages_its_index_and_what_they_load(built_site, site_url):
    prefixes = offline.languages(built_site)
    assert len(prefixes) >= 2
    for language, prefix in prefixes.items():
        found = offline.offline_set(built_site, language, prefixes)
        pages = {page_file(address) for address in pages_of(built_site, site_url, language)}
        kept_pages = {path for path in found.files if path.endswith(".html")}
        assert kept_pages == pages, language
        assert f"{prefix}search/{language}.json" in found.files
        others = [p for code, p in prefixes.items() if p and code != language]
        assert not [path for path in found.files if others and path.startswith(tuple(others))]
        assert not [path for path in found.files if "assets/cards/" in path or "sitemap" in path]
        # every style sheet and script the home page loads
        home = (built_site / prefix / "index.html").read_text(encoding="utf-8")
        for reference in ("assets/site.css", "assets/print.css", "assets/mdbabel/search.js"):
            assert reference in home
            assert reference in found.files, (language, reference)
        assert any(p.startswith("assets/javascripts/bundle.") for p in found.files)
        assert found.gzip_bytes < found.raw_bytes


def test_the_manifest_is_the_same_bytes_twice_and_names_each_file_by_content(built_site):
    for language in offline.languages(built_site):
        first = offline.offline_set(built_site, language).manifest()
        assert offline.offline_set(built_site, language).manifest() == first
        data = json.loads(first)
        assert data["language"] == language and len(data["version"]) == 16
        assert all(len(digest) == 16 for digest in data["files"].values())


def test_a_changed_page_changes_its_entry_and_the_version_only(site_copy):
    language, prefix = next(iter(offline.languages(site_copy).items()))
    before = offline.offline_set(site_copy, language)
    page = site_copy / prefix / "faq" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>new</p></article>", 1),
                    encoding="utf-8")
    after = offline.offline_set(site_copy, language)
    changed = {path for path in before.files if before.files[path] != after.files.get(path)}
    assert changed == {f"{prefix}faq/index.html"}
    assert after.version != before.version


def test_large_downloads_and_removed_pages_are_not_kept(site_copy):
    language, prefix = next(iter(offline.languages(site_copy).items()))
    (site_copy / prefix / "faq" / "form.pdf").write_bytes(b"%PDF-1.4 small")
    (site_copy / prefix / "faq" / "big.json").write_bytes(b"0" * (offline.MAX_FILE_BYTES + 1))
    (site_copy / prefix / "faq" / "small.json").write_bytes(b"{}")
    shutil.rmtree(site_copy / prefix / "glossary")
    found = offline.offline_set(site_copy, language)
    assert f"{prefix}faq/small.json" in found.files
    assert f"{prefix}faq/form.pdf" not in found.files
    assert f"{prefix}faq/big.json" not in found.files
    assert not [path for path in found.files if path.startswith(f"{prefix}glossary/")]


def test_the_report_gives_each_language_size_against_the_budget(built_site):
    result = subprocess.run([sys.executable, "-m", "mdbabel.offline", str(built_site)],
                            capture_output=True, text=True)
    lines = result.stdout.splitlines()
    assert len(lines) == len(offline.languages(built_site)), result.stdout
    for line, language in zip(lines, offline.languages(built_site)):
        assert line.startswith(f"{language}: ") and "KB gzip (budget 400 KB)" in line
    assert result.returncode == (1 if any(offline.offline_set(built_site, code).gzip_bytes
                                          > offline.BUDGET_BYTES for code in offline.languages(built_site))
                                 else 0)


def test_no_site_is_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mdbabel.offline", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
