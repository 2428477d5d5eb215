"""Acceptance: an identity translation of the whole site renders the Vietnamese content again.

The core contract says an identity translation (msgstr == msgid for every unit) gives the same
rendered HTML. At site level: a copy of the site whose English catalogs all hold msgstr = msgid,
built strict, has on every English page an article equal to the Vietnamese page's, apart from
- figures and the dates their values apply from (formatted for English: "VND 2,340,000" vs
  "2.340.000 đồng", "July 1, 2026" vs "1 tháng 7 năm 2026") and the review date, all
  normalised to FIG;
- the facts block under the content (review date and sources, formatted per language);
- the generated tables of the status page (interface text from _site.po, language names), of
  the "What has changed" page and the calculator (figures formatted per language).
"""

from __future__ import annotations

import difflib
import re

import pytest

from acceptance_support import copy_site, english_pages, mkdocs_build, po_entries, set_msgstr
from mdbabel import figures as figures_module

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_FACTS = re.compile(r'<footer class="mdbabel-facts">.*?</footer>', re.S)
_STATUS_TABLES = re.compile(r'<div class="mdbabel-status".*', re.S)
_FIGURE_TABLES = re.compile(r'<table class="mdbabel-figure-table" data-figure-changes>.*?</table>|'
                            r'<div class="mdbabel-calculator".*?</script>',
                            re.S)


@pytest.fixture(scope="module")
def identity_site(tmp_path_factory):
    project = copy_site(tmp_path_factory.mktemp("identity") / "project")
    for po in sorted((project / "locales" / "en").rglob("*.po")):
        text = po.read_text(encoding="utf-8")
        for entry in reversed(po_entries(text)):
            if entry.msgid and not entry.obsolete:
                text = set_msgstr(text, entry, entry.msgid)
        po.write_text(text, encoding="utf-8")
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, f"identity catalogs must pass every check:\n{result.stderr[-4000:]}"
    figures = figures_module.load_figures(project / "docs" / "_data")
    values = {figures_module.format_value(f, lang) for f in figures.values() for lang in ("vi", "en")}
    values |= {text for f in figures.values() for v in f.history for lang in ("vi", "en")
               for text in (figures_module.format_value(v, lang, f.type),
                            figures_module.format_long_date(v.start, lang) if v.start else "")}
    return site, sorted((v for v in values if len(v) > 1), key=len, reverse=True)


_OFFLINE_CONTROL = re.compile(r'(<div class="mdbabel-offline") data-language="[^"]*" data-root="[^"]*"')


def _article(path, values) -> str:
    html = path.read_text(encoding="utf-8")
    article = _ARTICLE.search(html).group(1)
    article = _FIGURE_TABLES.sub("", _STATUS_TABLES.sub("", _FACTS.sub("", article)))
    # the offline control names its language and the language's root: the only attributes
    # of an article that differ by language by design
    article = _OFFLINE_CONTROL.sub(r"\1", article)
    for value in values:
        article = article.replace(value, "FIG")
    return article


def test_identity_translation_renders_every_article_like_the_vietnamese_page(identity_site):
    site, values = identity_site
    differences = []
    pages = [p for p in english_pages(site) if p.name != "404.html"]
    assert len(pages) >= 20
    for english in pages:
        vietnamese = site / english.relative_to(site / "en")
        source, translated = _article(vietnamese, values), _article(english, values)
        if source != translated:
            diff = difflib.unified_diff(source.splitlines(), translated.splitlines(), lineterm="", n=0)
            differences.append(f"{english.relative_to(site)}:\n" + "\n".join(list(diff)[2:14]))
    assert not differences, "\n\n".join(differences)


def test_identity_translated_pages_are_fully_translated(identity_site):
    """No unit is marked as Vietnamese (lang="vi") beyond what the source itself marks (the
    glossary's headwords; the figures' sources in the generated table), and no notice is shown."""
    site, _ = identity_site
    for english in english_pages(site):
        article = _ARTICLE.search(english.read_text(encoding="utf-8"))
        if article:
            source_article = _ARTICLE.search(
                (site / english.relative_to(site / "en")).read_text(encoding="utf-8"))
            source_marks = source_article.group(1).count('lang="vi"') if source_article else 0
            # the sources in the "What has changed" table are Vietnamese names from the data
            own = _FIGURE_TABLES.sub("", article.group(1))
            assert own.count('lang="vi"') <= source_marks, english
        assert "mdbabel-notice" not in english.read_text(encoding="utf-8"), english
