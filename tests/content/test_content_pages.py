"""The explainers themselves: enough pages, complete front matter, figures from the data
file, a complete English translation that uses the glossary's terms."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from mdbabel.catalogs import load_site_config, project_stats, read_po_file
from mdbabel.figures import load_figures, placeholders

from repo_data import REPO as ROOT  # the repository under test (MDBABEL_TEST_REPO)
DOCS = ROOT / "docs"
GENERATED_PAGES = {"status.md"}  # filled in by the plugin, not an explainer
CONTENT_PAGES = sorted(p for p in DOCS.rglob("*.md")
                       if "_data" not in p.parts and p.relative_to(DOCS).as_posix() not in GENERATED_PAGES)
ENGLISH = "en"


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path}: no front matter"
    return yaml.safe_load(text.split("---\n", 2)[1])


def page_id(path: Path) -> str:
    return path.relative_to(DOCS).as_posix()


def test_there_are_at_least_eighteen_content_pages():
    assert len(CONTENT_PAGES) >= 18, [page_id(p) for p in CONTENT_PAGES]


@pytest.mark.parametrize("path", CONTENT_PAGES, ids=page_id)
def test_every_page_has_the_required_front_matter(path):
    meta = front_matter(path)
    for key in ("title", "description", "audience", "reviewed", "sources"):
        assert meta.get(key), f"{page_id(path)}: front matter lacks {key!r}"
    assert isinstance(meta["reviewed"], dt.date)
    assert meta["audience"] in {"foreign-workers", "working-abroad", "employers", "everyone"}
    assert all(isinstance(s, dict) and s.get("title") for s in meta["sources"])


@pytest.mark.parametrize("path", CONTENT_PAGES, ids=page_id)
def test_every_page_opens_with_a_summary_after_its_title(path):
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    blocks = [b for b in re.split(r"\n\s*\n", body.strip()) if b.strip()]
    assert blocks[0].startswith("# "), f"{page_id(path)}: first block is not the H1"
    assert len(blocks) > 1 and not blocks[1].startswith("#"), f"{page_id(path)}: no summary"


# A rate or an amount typed in the text instead of a {{ figure }}: "8%", "4,5 %",
# "2.340.000", "46,800,000", "100.000 đồng".
TYPED_FIGURE = re.compile(r"\d+(?:[.,]\d+)?\s?%|\d{1,3}(?:[.,]\d{3})+|\d+\s?(?:đồng|VND)")


@pytest.mark.parametrize("path", CONTENT_PAGES, ids=page_id)
def test_rates_and_amounts_come_from_the_figures_file(path):
    text = path.read_text(encoding="utf-8")
    without_placeholders = re.sub(r"\{\{.*?\}\}", "", text)
    assert not TYPED_FIGURE.findall(without_placeholders), (
        f"{page_id(path)}: write these figures as {{{{ name }}}} from docs/_data: "
        f"{TYPED_FIGURE.findall(without_placeholders)}")


def test_every_placeholder_names_a_figure_with_a_source():
    figures = load_figures(DOCS / "_data")
    for path in CONTENT_PAGES:
        for name in placeholders(path.read_text(encoding="utf-8")):
            assert name in figures, f"{page_id(path)}: unknown figure {name!r}"
            figure = figures[name]
            assert figure.source or figure.formula, f"{name}: no legal source"


def test_english_is_complete_with_nothing_fuzzy():
    stats = project_stats(load_site_config(ROOT))[ENGLISH]
    incomplete = {domain: s.as_dict() for domain, s in stats.items()
                  if s.translated != s.total or s.fuzzy}
    assert not incomplete


def _english_messages():
    for path in sorted((ROOT / "locales" / ENGLISH / "LC_MESSAGES").rglob("*.po")):
        for message in read_po_file(path).catalog:
            if message.id and message.string and not message.fuzzy:
                yield path.relative_to(ROOT).as_posix(), message


def _glossary():
    entries = yaml.safe_load((ROOT / "locales" / "glossary.yml").read_text(encoding="utf-8"))
    return sorted(entries, key=lambda e: -len(e["vi"]))


def required_terms(msgid: str, glossary, language: str = "en") -> list[str]:
    """Terms in *language* a translation of *msgid* must use: longest Vietnamese term first,
    each span of the source matched once. An entry without a term in *language* still takes
    its span (a shorter term inside it is not required) but requires nothing."""
    taken = [False] * len(msgid)
    needed = []
    lowered = msgid.lower()
    for entry in glossary:
        start = lowered.find(entry["vi"].lower())
        while start != -1:
            end = start + len(entry["vi"])
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                if entry.get(language):
                    needed.append(entry[language])
            start = lowered.find(entry["vi"].lower(), end)
    return needed


def test_required_terms_prefer_the_longest_vietnamese_term():
    glossary = [{"vi": "bảo hiểm xã hội", "en": "social insurance"},
                {"vi": "sổ bảo hiểm xã hội", "en": "social insurance book"}]
    assert required_terms("Giữ sổ bảo hiểm xã hội", sorted(glossary, key=lambda e: -len(e["vi"]))) \
        == ["social insurance book"]


def test_english_catalogs_use_the_glossary_terms():
    glossary = _glossary()
    wrong = []
    for where, message in _english_messages():
        if message.string == message.id and "definition list term" in message.auto_comments:
            continue  # a glossary headword kept in Vietnamese (marked lang="vi" on the page)
        for term in required_terms(message.id, glossary):
            if term.lower() not in message.string.lower():
                wrong.append(f"{where}: {message.id[:50]!r} needs {term!r}")
    assert not wrong, "\n".join(wrong)


def _glossary_languages() -> list[str]:
    """Languages other than English that the glossary gives terms for (e.g. ko), each one a
    language of the site (mkdocs.yml)."""
    keys = {key for entry in _glossary() for key in entry} - {"vi", "en"}
    return sorted(keys)


def test_glossary_languages_are_languages_of_the_site():
    site_languages = set(load_site_config(ROOT).languages)
    assert set(_glossary_languages()) <= site_languages


@pytest.mark.parametrize("language", _glossary_languages())
def test_catalogs_use_the_glossary_terms_of_their_language(language):
    """Like English: a translated msgstr whose msgid has a glossary term uses that term's
    translation in *language* (only for entries that give one)."""
    glossary = _glossary()
    wrong = []
    for path in sorted((ROOT / "locales" / language / "LC_MESSAGES").rglob("*.po")):
        where = path.relative_to(ROOT).as_posix()
        for message in read_po_file(path).catalog:
            if not message.id or not message.string or message.fuzzy:
                continue
            if message.string == message.id and "definition list term" in message.auto_comments:
                continue  # a glossary headword kept in Vietnamese
            for term in required_terms(message.id, glossary, language):
                if term.lower() not in message.string.lower():
                    wrong.append(f"{where}: {message.id[:50]!r} needs {term!r}")
    assert not wrong, "\n".join(wrong)


def test_required_terms_in_another_language_skip_entries_without_that_language():
    glossary = sorted([{"vi": "bảo hiểm xã hội", "en": "social insurance", "ko": "사회보험"},
                       {"vi": "sổ bảo hiểm xã hội", "en": "social insurance book"}],
                      key=lambda e: -len(e["vi"]))
    assert required_terms("Giữ sổ bảo hiểm xã hội", glossary, "ko") == []
    assert required_terms("Đóng bảo hiểm xã hội", glossary, "ko") == ["사회보험"]


CATALOGS = sorted((ROOT / "locales").rglob("*.po")) + sorted((ROOT / "locales").rglob("*.pot"))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_gnu_gettext_accepts_every_catalog_of_the_site(path):
    import shutil
    import subprocess
    assert shutil.which("msgfmt"), "GNU gettext is missing: apt-get install gettext"
    checked = subprocess.run(["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(path)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    concatenated = subprocess.run(["msgcat", str(path)], capture_output=True, text=True)
    assert concatenated.returncode == 0, concatenated.stderr


def test_the_repository_passes_mdbabel_check():
    """What `make check` reports for the site itself: catalogs up to date with the pages and
    templates (a moved template line changes a catalog reference), every translation keeping
    the rules, front matter, code fences and links. A change that forgets `make catalogs`
    fails here, not in a translator's next update."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "mdbabel.cli", "check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
