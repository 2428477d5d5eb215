"""What a language added by catalogs gets on the built site (issue 22, the Korean edition):
the review notice and status line its catalogs' X-Review-State asks for, 404 pages that
offer every language, pages that fit a 375 px phone, and, for Hangul languages, Korean line
breaking and figures formatted by Babel.

Languages come from mkdocs.yml, texts from the catalogs and figures from docs/_data; none
is written down here. The site is built once per session (tests/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from mdbabel import interface_strings as ui
from mdbabel import review_state
from mdbabel.catalogs import SITE_DOMAIN, load_site_config, load_translations
from mdbabel.figures import format_long_date, format_value, load_figures

REPO = Path(__file__).resolve().parents[2]
CONFIG = load_site_config(REPO)
SOURCE = CONFIG.source_language
TARGETS = list(CONFIG.languages)
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def prefix(code: str) -> str:
    return "" if code == SOURCE else f"{code}/"


def hangul_languages() -> list[str]:
    """Target languages whose glossary terms are written in Hangul (locales/glossary.yml)."""
    glossary = yaml.safe_load((REPO / "locales" / "glossary.yml").read_text(encoding="utf-8"))
    return [code for code in TARGETS if any(HANGUL.search(str(e.get(code, ""))) for e in glossary)]


def language_pages(site: Path, code: str) -> list[Path]:
    """The built content pages of one language (no 404, no other language's folder)."""
    root = site / prefix(code).rstrip("/") if prefix(code) else site
    others = {site / c for c in TARGETS if c != code}
    return sorted(p for p in root.rglob("index.html")
                  if "assets" not in p.parts and "search" not in p.parts
                  and not any(o in p.parents for o in others))


def site_text(code: str, msgid: str) -> str | None:
    path = CONFIG.catalog_path(code, SITE_DOMAIN)
    found = load_translations(path, root=REPO, language=code).get((None, msgid)) if path.is_file() else None
    return found.text if found else None


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


REVIEW_ASIDE = re.compile(r'<aside class="mdbabel-notice mdbabel-notice--review" role="note" '
                          r'lang="(?P<lang>[^"]+)">(?P<body>.*?)</aside>', re.S)


@pytest.mark.parametrize("code", TARGETS)
def test_a_machine_assisted_language_says_so_on_every_translated_page(built_site, code):
    state = review_state.catalog_state(CONFIG.catalog_path(code, SITE_DOMAIN))
    notice = site_text(code, ui.REVIEW_NOTICE_MACHINE)
    pages = language_pages(built_site, code)
    assert len(pages) > 10
    wrong = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = REVIEW_ASIDE.search(html)
        fallback = "mdbabel-notice--fallback" in html
        if state == review_state.MACHINE_ASSISTED and not fallback:
            # the notice in the reader's language, from its _site.po, before the link
            expected = (notice or ui.REVIEW_NOTICE_MACHINE).split("%(")[0].strip()
            if not found or found["lang"] != (code if notice else SOURCE) \
                    or not text_of(found["body"]).startswith(expected):
                wrong.append(str(path.relative_to(built_site)))
        elif found:
            wrong.append(f"{path.relative_to(built_site)} (no notice expected)")
    assert wrong == []


def test_source_language_pages_have_no_review_notice(built_site):
    pages = language_pages(built_site, SOURCE)
    assert pages and not any(REVIEW_ASIDE.search(p.read_text(encoding="utf-8")) for p in pages)


def test_a_bad_review_state_is_reported_with_its_file_and_the_fix(tmp_path):
    po = tmp_path / "ko" / "LC_MESSAGES" / "_site.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: ko\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"X-Review-State: checked by a friend\\n"\n', encoding="utf-8")
    with pytest.raises(Exception) as error:
        review_state.catalog_state(po, "locales/ko/LC_MESSAGES/_site.po")
    message = str(error.value)
    assert message.startswith("locales/ko/LC_MESSAGES/_site.po:1: ")
    assert all(state in message for state in review_state.STATES)


def test_the_review_state_header_survives_catalog_updates(tmp_path):
    """A translator sets the header once; `mdbabel update` (make catalogs) keeps it when the
    page changes and the catalog is rewritten."""
    from catalog_site import make_site, po_path, update, write_page

    make_site(tmp_path, {"index.md": "# Trang chủ\n\nMột đoạn.\n"}, languages=("ko",))
    update(tmp_path)
    path = po_path(tmp_path, lang="ko")
    header = '"X-Review-State: native-reviewed; checked by a Korean reviewer\\n"\n'
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Plural-Forms:', header + '"Plural-Forms:', 1), encoding="utf-8")
    assert review_state.catalog_state(path) == review_state.NATIVE_REVIEWED
    write_page(tmp_path, "index.md", "# Trang chủ\n\nMột đoạn khác.\n")
    update(tmp_path)
    assert "Một đoạn khác." in path.read_text(encoding="utf-8")
    assert review_state.catalog_state(path) == review_state.NATIVE_REVIEWED


@pytest.mark.parametrize("reader", [SOURCE, *TARGETS])
def test_status_page_shows_the_review_state_of_each_language(built_site, reader):
    html = (built_site / prefix(reader) / "status" / "index.html").read_text(encoding="utf-8")
    labels = {review_state.MACHINE_ASSISTED: ui.REVIEW_STATE_MACHINE,
              review_state.TEAM_REVIEWED: ui.REVIEW_STATE_TEAM,
              review_state.NATIVE_REVIEWED: ui.REVIEW_STATE_NATIVE, None: ui.REVIEW_STATE_UNKNOWN}
    for code in TARGETS:
        state = review_state.catalog_state(CONFIG.catalog_path(code, SITE_DOMAIN))
        start = html.index(f'id="translation-status-{code}"')
        section = text_of(html[start:html.index("<table", start)])
        label = (site_text(reader, labels[state]) if reader != SOURCE else None) or labels[state]
        assert label in section, (code, section)


@pytest.mark.parametrize("code", [SOURCE, *TARGETS])
def test_every_not_found_page_offers_every_language(built_site, code):
    html = (built_site / prefix(code) / "404.html").read_text(encoding="utf-8")
    listing = re.search(r'<ul class="mdbabel-languages">(.*?)</ul>', html, re.S)
    assert listing, "no language list on the 404 page"
    links = re.findall(r'<a href="[^"]+" hreflang="([^"]+)" lang="([^"]+)"', listing.group(1))
    assert [hreflang for hreflang, _ in links] == [SOURCE, *TARGETS]
    assert all(hreflang == lang for hreflang, lang in links)


@pytest.mark.parametrize("code", hangul_languages())
def test_figures_of_a_hangul_language_are_formatted_by_babel(code):
    figures = load_figures(REPO / CONFIG.docs_dir / "_data", relative_to=REPO)
    patterns = {"date": r"\d{4}년 \d{1,2}월 \d{1,2}일", "money": r"\d{1,3}(,\d{3})*동",
                "percent": r"\d+(\.\d+)?%", "number": r"\d{1,3}(,\d{3})*(\.\d+)?"}
    checked = 0
    for name, figure in figures.items():
        if figure.type in patterns:
            checked += 1
            assert re.fullmatch(patterns[figure.type], format_value(figure, code)), (name, format_value(figure, code))
    assert checked
    assert format_long_date(dt.date(2026, 7, 1), code) == "2026년 7월 1일"


def test_a_page_shown_in_the_source_language_is_not_indexed_for_its_sources_heading():
    """A page that falls back to Vietnamese under /ko/ has only the sources' heading in
    Korean (interface text): it does not belong in the Korean search index."""
    from mdbabel.search_index import extract_page

    fallback = ('<div lang="vi"><h1 id="x">Tiêu đề</h1><p>Nội dung tiếng Việt.</p></div>'
                '<footer class="mdbabel-facts"><h2 id="mdbabel-sources">출처</h2>'
                '<ul class="mdbabel-sources"><li><span lang="vi">Luật số 41</span></li></ul></footer>')
    assert extract_page(fallback, "ko").shown_in_other_language
    # a translated page whose title alone stayed Vietnamese keeps its place
    translated = fallback.replace('<p>Nội dung tiếng Việt.</p></div>', '</div><p>한국어 내용.</p>')
    assert not extract_page(translated, "ko").shown_in_other_language


# ---------------------------------------------------------------- in Chromium

NO_SIDEWAYS_SCROLL = """() => {
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    const width = document.documentElement.clientWidth;
    const wide = [];
    for (const el of document.querySelectorAll('.md-content *')) {
        if (el.closest('.md-typeset__scrollwrap, pre, .tabbed-labels')) continue;
        const box = el.getBoundingClientRect();
        if (box.width && box.right > width + 1) {
            wide.push(el.tagName + ': ' + (el.textContent || '').trim().slice(0, 40));
        }
    }
    return {scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5)};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("code", TARGETS)
def test_pages_fit_a_375_px_phone(browser, built_site, served_site, code):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    overflowing = {}
    try:
        for path in language_pages(built_site, code):
            address = str(path.parent.relative_to(built_site)).replace(".", "")
            page.goto(served_site + (address + "/" if address else ""), wait_until="load")
            result = page.evaluate(NO_SIDEWAYS_SCROLL)
            if result["scroll"] > 0 or result["wide"]:
                overflowing[address] = result
    finally:
        context.close()
    assert overflowing == {}


@pytest.mark.browser
@pytest.mark.parametrize("code", hangul_languages())
def test_hangul_text_breaks_between_words_in_a_hangul_font(browser, served_site, code):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    try:
        page.goto(served_site + prefix(code), wait_until="load")
        style = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.md-content p'));
                                         return {wordBreak: s.wordBreak, font: s.fontFamily}; }""")
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.reload(wait_until="networkidle")
    finally:
        context.close()
    assert style["wordBreak"] == "keep-all"
    assert any(name in style["font"] for name in ("Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans CJK KR"))
    assert not any(re.search(r"\.(woff2?|ttf|otf)(\?|$)", url) for url in requests)


@pytest.mark.browser
def test_root_not_found_page_has_no_unlabelled_control_without_its_styles(browser, served_site):
    """A 404 page is served at any address; where its styles cannot load, Material's hidden
    toggles show. None of them may be a control without a name (axe: label)."""
    axe = (REPO / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    try:
        page.route("**/*.css", lambda route: route.abort())
        page.goto(served_site + "404.html", wait_until="load")
        page.add_script_tag(content=axe)
        violations = page.evaluate("""async () => (await axe.run(document, {runOnly: {type: 'rule',
            values: ['label', 'button-name', 'link-name', 'select-name']}})).violations.map(v => v.id)""")
    finally:
        context.close()
    assert violations == []
