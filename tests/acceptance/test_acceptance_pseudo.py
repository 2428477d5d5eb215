"""Acceptance: a pseudo-translation of the whole real site leaves no Vietnamese on English pages.

A copy of the site gets every English msgstr replaced by its msgid with each word wrapped in
⟦ ⟧ (links, code, placeholders and markup kept, so every check passes) and is built with
``mkdocs build --strict`` (MDBABEL_STRICT). On every English page, each visible text node of
the page title and of the body (article, headings, navigation labels, table of contents,
header, notices, footer) must then be marked: text without a mark did not go through a catalog.

Allowed without a mark, each for a stated reason:
- code and preformatted text (never translated);
- text made only of digits, punctuation and whitespace;
- figures substituted from ``{{ name }}``, every value of their history and the dates those
  apply from (``{{ name.from }}``, the calculator, "What has changed"), and the review date
  (values formatted by Babel for English, not catalog text);
- the figures' sources on "What has changed" (document names from docs/_data, shown as the
  data write them and marked ``lang="vi"``);
- language names (Babel display names, e.g. "English" in the language line of the status page);
- Material's own interface labels, translated by the theme's language files (THEME_LABELS).

The titles and notes of the front matter ``sources`` list were a known gap (not extracted)
until commit 63cbce2; they are checked like everything else.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date

from acceptance_support import (
    OPEN, copy_site, english_pages, find_all, has_letters, mkdocs_build, parse_html,
    pseudo, pseudo_translate_catalog, unmarked,
)
from mdbabel import figures as figures_module
from repo_data import languages

#: Material's interface labels (theme language files, not our catalogs), with where they show.
THEME_LABELS = {
    "Table of contents": "title of the table of contents in the narrow layout (Material, en)",
    "Skip to content": "skip link for keyboard users (Material, en)",
    "Back to top": "navigation.top button (Material, en)",
    "Previous": "navigation.footer label (Material, en)",
    "Next": "navigation.footer label (Material, en)",
    "Made with": "generator line of the footer (Material, en)",
    "Material for MkDocs": "product name in the generator line of the footer",
}
#: Language names written by the plugin (Babel display names), not catalog text.


def _language_names() -> set[str]:
    """Each language of mkdocs.yml named in each of them, as the language menu and the status
    page name them (the menu in the language's own words): names, not catalog text."""
    from mdbabel.mkdocs_plugin import language_name

    codes = languages()
    return {language_name(code, shown_in) for code in codes for shown_in in codes}


LANGUAGE_NAMES = _language_names()
_NAME_IN_SENTENCE = re.compile(r"[\W\d_]*(?:" + "|".join(map(re.escape, sorted(LANGUAGE_NAMES, key=len, reverse=True)))
                               + r")[\W\d_]*")

_SKIP_TAGS = {"code", "pre", "script", "style", "svg", "kbd"}


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory):
    project = copy_site(tmp_path_factory.mktemp("pseudo") / "project")
    count = 0
    for po in sorted((project / "locales" / "en").rglob("*.po")):
        text, n = pseudo_translate_catalog(po.read_text(encoding="utf-8"))
        po.write_text(text, encoding="utf-8")
        count += n
    assert count > 500, "the pseudo-translation must cover the real catalogs"
    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, (
        "the pseudo-translated site must build in strict mode (every pseudo msgstr keeps "
        f"links, code, placeholders and markup):\n{result.stderr[-6000:]}")
    return project, site


def _figure_values(project: Path) -> list[str]:
    figures = figures_module.load_figures(project / "docs" / "_data")
    values = {figures_module.format_value(f, "en") for f in figures.values()}
    for figure in figures.values():
        for value in figure.history:
            values.add(figures_module.format_value(value, "en", figure.type))
            values |= {figures_module.format_long_date(value.start, "en")} if value.start else set()
            values |= {value.source} if value.source else set()
    return sorted(values, key=len, reverse=True)   # longest first: "VND 2,340,000" before "2"


def _front_matter(project: Path, page: Path, site: Path) -> dict:
    relative = page.relative_to(site / "en").as_posix()
    stem = relative[: -len("/index.html")] if relative.endswith("/index.html") else relative[:-5]
    stem = stem or "index"
    for candidate in (project / "docs" / f"{stem}.md", project / "docs" / stem / "index.md"):
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8")
            match = re.match(r"---\n(.*?)\n---\n", text, re.S)
            return yaml.safe_load(match.group(1)) if match else {}
    return {}


def _skipped(node) -> bool:
    while node is not None:
        if node.tag in _SKIP_TAGS:
            return True
        node = node.parent
    return False


def _region_of(node) -> str:
    names = []
    while node is not None:
        if node.tag == "article":
            return "article"
        if node.tag == "nav" and "md-nav--secondary" in node.classes():
            return "table of contents"
        if node.tag == "nav" and "md-nav" in node.classes():
            names.append("nav")
        elif node.tag in ("header", "footer"):
            names.append(node.tag)
        node = node.parent
    return names[0] if names else "body"


def _regions(root):
    """The page title and the whole body (article, nav, table of contents, header, footer)."""
    yield from (("title", n) for n in find_all(root, lambda n: n.tag == "title"))
    yield from (("body", n) for n in find_all(root, lambda n: n.tag == "body"))


def _text_nodes(region):
    for node in region.iter():
        if _skipped(node):
            continue
        for child in node.children:
            if isinstance(child, str) and child.strip():
                yield node, child


def _classify(project: Path, site: Path):
    """(leaks, checked) over every English page."""
    figure_values = _figure_values(project)
    leaks: dict[str, set[str]] = {}
    checked = 0
    for page in english_pages(site):
        shown = page.relative_to(site).as_posix()
        meta = _front_matter(project, page, site)
        reviewed = meta.get("reviewed")
        dates = {format_date(reviewed, format="long", locale="en")} if isinstance(reviewed, date) else set()
        root = parse_html(page.read_text(encoding="utf-8"))
        for region_name, region in _regions(root):
            for node, text in _text_nodes(region):
                checked += 1
                rest = unmarked(text)
                for value in sorted((*figure_values, *dates), key=len, reverse=True):
                    rest = rest.replace(value, " ")
                if not has_letters(rest):
                    continue
                stripped = " ".join(text.split())
                if stripped in THEME_LABELS or stripped in LANGUAGE_NAMES:
                    continue
                if _NAME_IN_SENTENCE.fullmatch(rest.strip()):
                    continue  # a language name inside a marked sentence ("⟦Ngôn⟧ ⟦ngữ⟧: English")
                where = region_name if region_name == "title" else _region_of(node)
                leaks.setdefault(f"{where}: {stripped[:120]!r}", set()).add(shown)
    return leaks, checked


def test_pseudo_translation_passes_every_check():
    samples = {
        "Xem [trang liên hệ](contacts.md#bhxh) và `mdbabel update`.":
            "⟦Xem⟧ [⟦trang⟧ ⟦liên⟧ ⟦hệ⟧](contacts.md#bhxh) ⟦và⟧ `mdbabel update`.",
        "**Mức** {{ base_salary }} [^1] <br>": "**⟦Mức⟧** {{ base_salary }} [^1] <br>",
        "Đọc bản gốc bằng %(source_language)s": "⟦Đọc⟧ ⟦bản⟧ ⟦gốc⟧ ⟦bằng⟧ %(source_language)s",
        "{n} kết quả": "{n} ⟦kết⟧ ⟦quả⟧",
    }
    for msgid, expected in samples.items():
        assert pseudo(msgid) == expected


def test_every_visible_text_of_every_english_page_comes_from_a_catalog(pseudo_site):
    project, site = pseudo_site
    leaks, checked = _classify(project, site)
    assert checked > 1000
    listing = "\n".join(f"  {where} on {', '.join(sorted(pages)[:3])}"
                        f"{' …' if len(pages) > 3 else ''}" for where, pages in sorted(leaks.items()))
    assert not leaks, f"text on English pages that no catalog translated ({len(leaks)}):\n{listing}"


def test_sources_under_the_content_come_from_the_catalog(pseudo_site):
    """The titles and notes of the front matter sources (extracted since 63cbce2)."""
    _, site = pseudo_site
    seen = 0
    for page in english_pages(site):
        root = parse_html(page.read_text(encoding="utf-8"))
        for block in find_all(root, lambda n: "mdbabel-sources" in n.classes() and n.tag == "ul"):
            for item in find_all(block, lambda n: n.tag == "li"):
                seen += 1
                assert OPEN in item.text(), f"{page.relative_to(site)}: source {item.text()!r}"
                assert not find_all(item, lambda n: n.attrs.get("lang") == "vi"), \
                    f"{page.relative_to(site)}: translated source still marked lang=vi"
    assert seen > 50


def test_every_english_page_has_marked_title_nav_and_content(pseudo_site):
    _, site = pseudo_site
    for page in english_pages(site):
        root = parse_html(page.read_text(encoding="utf-8"))
        title = find_all(root, lambda n: n.tag == "title")[0].text()
        assert OPEN in title, f"{page}: <title> {title!r} is not from a catalog"
        if page.name == "404.html":
            continue
        articles = find_all(root, lambda n: n.tag == "article")
        assert articles and OPEN in articles[0].text(), f"{page}: no translated content"
        headings = [n for n in articles[0].iter() if re.fullmatch(r"h[1-6]", n.tag)]
        assert headings and all(OPEN in h.text() for h in headings
                                if "mdbabel-sources__title" not in h.classes() or OPEN in h.text())
        primary = find_all(root, lambda n: n.tag == "nav" and "md-nav--primary" in n.classes())
        assert primary and OPEN in primary[0].text(), f"{page}: nav labels are not from a catalog"


def test_english_meta_description_comes_from_a_catalog(pseudo_site):
    _, site = pseudo_site
    for page in english_pages(site):
        root = parse_html(page.read_text(encoding="utf-8"))
        for meta in find_all(root, lambda n: n.tag == "meta" and n.attrs.get("name") == "description"):
            content = meta.attrs.get("content") or ""
            assert OPEN in content or not has_letters(content), \
                f"{page.relative_to(site)}: description {content[:80]!r} is not from a catalog"


#: Material's own labels in attributes (theme language files): aria-labels of its landmarks,
#: the title of toc's permalinks, and the "Next: "/"Previous: " prefix of the footer links.
THEME_ATTRIBUTE_LABELS = {"Permanent link", "Footer", "Header", "Navigation", "Table of contents"}
THEME_ATTRIBUTE_PREFIXES = ("Next: ", "Previous: ")


def test_text_in_attributes_comes_from_a_catalog(pseudo_site):
    """alt, title, aria-label and placeholder texts, and the meta description."""
    _, site = pseudo_site
    leaks: dict[str, set[str]] = {}
    for page in english_pages(site):
        for node in parse_html(page.read_text(encoding="utf-8")).iter():
            for attribute in ("alt", "title", "aria-label", "placeholder"):
                value = node.attrs.get(attribute)
                if not value or value in THEME_ATTRIBUTE_LABELS:
                    continue
                for prefix in THEME_ATTRIBUTE_PREFIXES:
                    value = value.removeprefix(prefix)
                if has_letters(unmarked(value)):
                    leaks.setdefault(f"<{node.tag} {attribute}={value[:80]!r}>", set()).add(
                        page.relative_to(site).as_posix())
    assert not leaks, "attribute text that no catalog translated:\n" + "\n".join(
        f"  {k} on {sorted(v)[:3]}" for k, v in sorted(leaks.items()))
