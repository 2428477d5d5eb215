"""Publishing and interface fallback on a built site: the tiny project of
test_site_translation with two more languages, Korean (half translated, published, its
interface falling back to English then Vietnamese) and German (no catalog: a preview)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_site_translation import CATALOGS, PO_HEADER, SITE_URL, build, make_project, po, read

LANGUAGES = """\
        - locale: en
          name: English
"""
MORE_LANGUAGES = LANGUAGES + """\
        - locale: ko
          name: 한국어
        - locale: de
          name: Deutsch
"""


def catalog(language: str, *entries) -> str:
    return po(*entries).replace(PO_HEADER, PO_HEADER.replace("Language: en", f"Language: {language}"))


KOREAN = {  # index and partly: 12 of the 23 page messages (52 %)
    "_site": catalog("ko", ("Bảo hiểm xã hội", "사회보험")),
    "index": catalog("ko", ("Trang chủ bảo hiểm", "보험 홈"), ("Mô tả trang chủ.", "홈 설명."),
                     ("Đóng bảo hiểm", "보험료 납부"),
                     ("Người lao động đóng {{ rate }} tiền lương, tối đa {{ cap }}.",
                      "근로자는 임금의 {{ rate }}, 최대 {{ cap }}를 냅니다."),
                     ("Quyền lợi", "혜택"), ("Xem [trang khác](partly.md).", "[다른 페이지](partly.md)를 보세요."),
                     ("Điều 2", "제2조")),
    "partly": catalog("ko", ("Trang dịch một phần", "일부 번역된 페이지"), ("Tiêu đề một phần", "일부 제목"),
                      ("Đoạn một đã dịch.", "첫째 문단."), ("Đoạn hai đã dịch.", "둘째 문단."),
                      ("Đoạn ba đã dịch.", "셋째 문단.")),
}


def project(root: Path, *, threshold: float = 0.5, fallback: str = "{ko: [en], de: [en]}") -> Path:
    make_project(root, {**CATALOGS, "_site": CATALOGS["_site"].rstrip("\n") + '\n\nmsgid "bản xem trước"\n'
                        'msgstr "preview"\n'})
    for domain, text in KOREAN.items():
        path = root / "locales" / "ko" / "LC_MESSAGES" / f"{domain}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(LANGUAGES, MORE_LANGUAGES)
    text = re.sub(r"publish_threshold: [0-9.]+.*", f"publish_threshold: {threshold}\n      fallback: {fallback}",
                  text)
    config.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = project(tmp_path_factory.mktemp("languages"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def hreflangs(html: str) -> set[str]:
    return set(re.findall(r'<link rel="alternate " hreflang="([^"]+)"', html))


NOINDEX = '<meta name="robots" content="noindex">'


def test_a_language_below_the_threshold_is_a_preview_everywhere(site):
    for page in ("de/index.html", "de/partly/index.html", "de/404.html"):
        assert NOINDEX in read(site, page), page
    assert hreflangs(read(site, "de/partly/index.html")) == set()  # not in any cluster
    for page in ("index.html", "en/partly/index.html", "ko/partly/index.html"):
        html = read(site, page)
        assert NOINDEX not in html, page
        assert hreflangs(html) == {"vi", "en", "ko", "x-default"}, page
    sitemap = read(site, "sitemap.xml")
    assert f"<loc>{SITE_URL}ko/partly/</loc>" in sitemap and 'hreflang="ko"' in sitemap
    assert f"{SITE_URL}de/" not in sitemap and 'hreflang="de"' not in sitemap


def test_the_language_menu_marks_a_preview_in_its_own_words_or_its_fallback(site):
    for page in ("partly/index.html", "ko/partly/index.html", "de/partly/index.html"):
        html = read(site, page)
        assert re.search(r'hreflang="de" lang="de" class="md-select__link"[^>]*>\s*'
                         r'Deutsch \(<span lang="en">preview</span>\)\s*</a>', html), page
        assert re.search(r'hreflang="ko" lang="ko" class="md-select__link"[^>]*>\s*한국어\s*</a>', html), page


def test_interface_strings_fall_back_along_the_chain_each_with_its_lang(site):
    html = read(site, "ko/partly/index.html")
    assert '<html lang="ko"' in html
    nav = html.split('class="md-nav md-nav--primary"', 1)[1]
    assert '<span lang="en">Guides</span>' in nav  # ko lacks it: English, marked
    assert '<span lang="en">Draft page</span>' in nav
    assert "사회보험" in html  # the site name ko has
    # the notice of a partly translated page: the English sentence, its lang on the aside
    assert re.search(r'mdbabel-notice--partial" role="note" lang="en">\s*<p>\d+% of this page is '
                     r'translated into Korean', html)


def test_page_titles_left_in_vietnamese_carry_lang_and_translated_ones_do_not(site):
    nav = read(site, "ko/partly/index.html").split('class="md-nav md-nav--primary"', 1)[1]
    assert '<span lang="vi">Trang dịch rất ít</span>' in nav  # no Korean: the Vietnamese title
    assert re.search(r'<span class="md-ellipsis">\s*보험 홈\s*</span>', nav)  # translated: no mark
    assert re.search(r'<span class="md-ellipsis">\s*일부 번역된 페이지\s*</span>', nav)
    assert "<title>일부 번역된 페이지 - 사회보험</title>" in read(site, "ko/partly/index.html")
    # a title left in Vietnamese begins <title>: the element has its lang
    assert '<title lang="vi">Trang dịch rất ít - 사회보험</title>' in read(site, "ko/little/index.html")


def test_notice_and_not_found_page_fall_back_with_their_lang_in_title_too(site):
    little = read(site, "ko/little/index.html")  # not translated into Korean: shown in Vietnamese
    assert re.search(r'role="note" lang="en">\s*<p>This page is not yet translated into Korean; '
                     r'it is shown in Vietnamese\.', little)
    not_found = read(site, "ko/404.html")
    assert '<html lang="ko"' in not_found
    # <title> cannot hold an element: it takes the lang of the fallback title it begins with
    assert '<title lang="en">Page not found - 사회보험</title>' in not_found
    assert '<h1><span lang="en">Page not found</span></h1>' in not_found
    assert '<span lang="vi">Về trang chủ</span>' in not_found  # in no catalog of the chain



def test_status_page_headings_fall_back_whole_with_their_lang(site):
    html = read(site, "ko/status/index.html")
    # no Korean catalog has the heading: the Vietnamese sentence, with the name in Vietnamese
    assert '<h2 id="translation-status-en"><span lang="vi">Ngôn ngữ: Tiếng Anh</span>' in html
    toc = html.split('data-md-component="toc"', 1)[1]
    assert re.search(r'href="#translation-status-en" class="md-nav__link">\s*<span class="md-ellipsis">\s*'
                     r'<span lang="vi">Ngôn ngữ: Tiếng Anh</span>', toc)


def test_no_mark_is_left_in_any_file(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js"):
            assert not re.search("[\ue0f0-\ue0f2]", path.read_text(encoding="utf-8")), path


def test_the_threshold_decides(tmp_path):
    root = project(tmp_path, threshold=0.53)  # Korean has 52 %
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert NOINDEX in read(root / "site", "ko/index.html")
    assert "ko is built as a preview: 52% of its page messages are translated" in result.stderr
    assert 'hreflang="ko"' not in read(root / "site", "sitemap.xml")


def test_a_wrong_fallback_stops_the_build_in_one_line(tmp_path):
    root = project(tmp_path, fallback="{ko: [ja]}")
    result = build(root)
    assert result.returncode != 0
    assert ("mkdocs.yml: plugins: mdbabel: fallback: ko: 'ja' is not a language of the site "
            "(vi, en, ko, de); use one of them") in result.stderr
    assert "Traceback" not in result.stderr
