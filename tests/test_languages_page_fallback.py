"""Page text falls back along the configured chain (ko, then en, then vi) on a built site, each
fallback text with its own lang, while the page's translated share counts Korean only.

The small site of test_languages_site (Korean falling back to English) with one more page
whose Korean catalog lacks some messages that the English one has."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from test_languages_site import catalog, project
from test_site_translation import build, po, read

PAGE = """\
    ---
    title: Trang chuỗi dự phòng
    description: Mô tả chỉ có tiếng Anh.
    ---

    # Tiêu đề chuỗi

    Đoạn có bản tiếng Hàn.

    Đoạn chỉ có bản tiếng Anh.

    !!! note "Lưu ý chỉ có tiếng Anh"

        Nội dung lưu ý có bản tiếng Hàn.

    ## Mục chỉ có tiếng Anh

    Đoạn không có bản dịch nào.

    Đoạn tiếng Hàn bị từ chối.

    Đoạn tiếng Hàn còn nháp, tỷ lệ {{ rate }}.

    Đoạn tiếng Anh bị từ chối.
    """

ENGLISH = po(
    ("Trang chuỗi dự phòng", "Chain fallback page"),
    ("Mô tả chỉ có tiếng Anh.", "Description only English has."),
    ("Tiêu đề chuỗi", "Chain heading"),
    ("Đoạn có bản tiếng Hàn.", "Paragraph Korean has."),
    ("Đoạn chỉ có bản tiếng Anh.", "Paragraph only English has."),
    ("Lưu ý chỉ có tiếng Anh", "Note only English has"),
    ("Nội dung lưu ý có bản tiếng Hàn.", "Note body Korean has."),
    ("Mục chỉ có tiếng Anh", "Section only English has"),
    ("Đoạn tiếng Hàn bị từ chối.", "Paragraph whose Korean is rejected."),
    ("Đoạn tiếng Hàn còn nháp, tỷ lệ {{ rate }}.", "Paragraph whose Korean is a draft, rate {{ rate }}."),
    # fails the checks (an element the source does not have): never shown
    ("Đoạn tiếng Anh bị từ chối.", "Rejected <img src=x onerror=alert(1)> English."),
)

KOREAN = catalog(
    "ko",
    ("Tiêu đề chuỗi", "연쇄 제목"),
    ("Đoạn có bản tiếng Hàn.", "한국어 문단."),
    ("Nội dung lưu ý có bản tiếng Hàn.", "한국어 알림 내용."),
    # fails the checks (a link the source does not have): the English text is shown
    ("Đoạn tiếng Hàn bị từ chối.", "[거부된](https://example.com/) 문단."),
    ("Đoạn tiếng Hàn còn nháp, tỷ lệ {{ rate }}.", "초안 문단, {{ rate }}.", True),
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = project(tmp_path_factory.mktemp("page-fallback"), threshold=0.2)
    (root / "docs" / "chain.md").write_text(textwrap.dedent(PAGE), encoding="utf-8")
    for language, text in (("en", ENGLISH), ("ko", KOREAN)):
        (root / "locales" / language / "LC_MESSAGES" / "chain.po").write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      - little.md\n" in text and "      threshold: 0.8\n" in text
    # a page 25 % translated into Korean is shown translated (partly) from 0.25 on
    text = text.replace("      - little.md\n", "      - little.md\n      - chain.md\n")
    text = text.replace("      threshold: 0.8\n", "      threshold: 0.25\n")
    config.write_text(text, encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def main(html: str) -> str:
    return html.split('<article', 1)[1].split("</article>", 1)[0]


def test_paragraphs_missing_in_korean_come_from_english_with_their_lang(site):
    article = main(read(site, "ko/chain/index.html"))
    assert "<p>한국어 문단.</p>" in article  # Korean's own: no mark
    assert '<p><span lang="en">Paragraph only English has.</span></p>' in article
    # a Korean translation that fails the checks, or a fuzzy one, is not used: English is
    assert '<p><span lang="en">Paragraph whose Korean is rejected.</span></p>' in article
    assert "거부된" not in article and "example.com" not in article
    assert re.search(r'<p><span lang="en">Paragraph whose Korean is a draft, rate 4[.,]5\s?%\.</span></p>',
                     article)
    assert "초안" not in article


def test_a_message_no_language_of_the_chain_has_stays_vietnamese_with_its_lang(site):
    article = main(read(site, "ko/chain/index.html"))
    assert '<p><span lang="vi">Đoạn không có bản dịch nào.</span></p>' in article
    # English fails the checks: the Vietnamese source, never the English text
    assert '<p><span lang="vi">Đoạn tiếng Anh bị từ chối.</span></p>' in article
    assert "onerror" not in read(site, "ko/chain/index.html")


def test_admonition_title_and_heading_from_english_carry_lang_in_page_and_toc(site):
    html = read(site, "ko/chain/index.html")
    article = main(html)
    assert re.search(r'<p class="admonition-title"><span lang="en">Note only English has</span></p>', article)
    assert "<p>한국어 알림 내용.</p>" in article
    assert re.search(r'<h2 id="muc-chi-co-tieng-anh"><span lang="en">Section only English has</span>', article)
    toc = html.split('data-md-component="toc"', 1)[1]
    assert re.search(r'href="#muc-chi-co-tieng-anh" class="md-nav__link">\s*<span class="md-ellipsis">\s*'
                     r'<span lang="en">Section only English has</span>', toc)


def test_page_title_from_english_in_the_navigation_with_lang_and_plain_in_title(site):
    html = read(site, "ko/chain/index.html")
    # <title> cannot hold an element: the English title as it is
    assert "<title>Chain fallback page - 사회보험</title>" in html
    nav = html.split('class="md-nav md-nav--primary"', 1)[1]
    assert '<span lang="en">Chain fallback page</span>' in nav
    # <meta> cannot either: the English description as it is
    assert '<meta name="description" content="Description only English has.">' in html
    assert '<meta property="og:title" content="Chain fallback page">' in html
    # on another Korean page the navigation shows it the same way
    other = read(site, "ko/partly/index.html").split('class="md-nav md-nav--primary"', 1)[1]
    assert '<span lang="en">Chain fallback page</span>' in other


def test_the_translated_share_counts_only_korean_translations(site):
    # 3 of the 12 messages (title, description, 2 headings, admonition title and body,
    # 6 paragraphs) are Korean's own; with the English fallbacks it would be 83 %
    html = read(site, "ko/chain/index.html")
    assert re.search(r'mdbabel-notice--partial" role="note" lang="en">\s*<p>25\s?% of this page is '
                     r'translated into Korean', html)
    # the status page's Korean table says the same
    status = read(site, "ko/status/index.html").split('id="translation-status-ko"', 1)[1]
    row = re.search(r'<a href="../chain/"[^>]*>[^<]*</a></td>\s*<td[^>]*>([^<]*)</td>', status)
    assert row and re.fullmatch(r"25\s?%", row.group(1)), row


def test_english_and_vietnamese_pages_are_unchanged_by_the_korean_chain(site):
    english = main(read(site, "en/chain/index.html"))
    assert "<p>Paragraph only English has.</p>" in english
    assert '<p><span lang="vi">Đoạn tiếng Anh bị từ chối.</span></p>' in english
    assert 'lang="ko"' not in english and "한국어" not in english
    assert "<p>Đoạn chỉ có bản tiếng Anh.</p>" in main(read(site, "chain/index.html"))


def test_no_mark_is_left_in_any_file(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js"):
            assert not re.search("[\ue0f0-\ue0f2]", path.read_text(encoding="utf-8")), path


def _og(html: str) -> dict[str, list[str]]:
    from test_share_cards import _Head

    found = _Head()
    found.feed(html)
    return found.meta


def test_the_share_description_is_in_the_page_language_or_absent(site):
    """og:description never shows another language's text under the page's og:locale: the
    Korean page's description fell back to English, so its first Korean paragraph is used
    (not the English description, not a paragraph that fell back); the title, which has no
    Korean text, is the one the page shows."""
    meta = _og(read(site, "ko/chain/index.html"))
    assert meta["og:locale"] == ["ko_KR"]
    assert meta["og:description"] == ["한국어 문단."]
    assert meta["og:title"] == ["Chain fallback page"]
    # the English page: its own description
    english = _og(read(site, "en/chain/index.html"))
    assert english["og:description"] == ["Description only English has."]
    assert english["og:locale"] == ["en_US"]


def test_a_page_shown_in_the_source_language_says_so_in_its_share_data(site):
    """A page too little translated is shown in Vietnamese: its og:locale is vi_VN and its
    description the Vietnamese one, not a Korean or English label on Vietnamese text."""
    from mdbabel import share_cards

    pages = []
    for path in sorted(site.glob("ko/**/index.html")):
        html = read(site, path.relative_to(site).as_posix())
        if "mdbabel-notice--fallback" in html:
            pages.append(_og(html))
    assert pages, "no Korean page is shown in Vietnamese in this project"
    for meta in pages:
        assert meta["og:locale"] == [share_cards.og_locale("vi")]
        assert share_cards.og_locale("ko") in meta["og:locale:alternate"]
        assert share_cards.og_locale("vi") not in meta["og:locale:alternate"]
