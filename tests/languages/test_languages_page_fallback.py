"""Page text falls back along the configured chain (ko, then en, then vi) on a built site, each
fallback text with its own lang, while the page's translated share counts Korean only.

The small site of test_languages_site (Korean falling back to English) with two more pages
whose Korean catalogs lack some messages that the English one has, or that only the Vietnamese
source has: every text node of every Korean page is under a ``lang`` of the language of the
message actually shown, read from the catalogs."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import html5lib
import pytest
from babel.messages.pofile import read_po

from mdbabel.segments import segment
from test_languages_site import catalog, project
from test_site_translation import REPO, build, po, read

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


# every kind of text a reader meets, each in Korean, only in English or only in Vietnamese
EVERY = """\
    ---
    title: Trang mọi loại chỉ tiếng Việt
    description: Mô tả mọi loại tiếng Hàn.
    ---

    # Tiêu đề mọi loại tiếng Hàn

    Đoạn mọi loại tiếng Hàn.

    !!! warning "Cảnh báo chỉ tiếng Việt"

        Thân cảnh báo tiếng Hàn.

    !!! note "Lưu ý mọi loại chỉ tiếng Anh"

        Thân lưu ý chỉ tiếng Việt.

    ??? info "Chi tiết chỉ tiếng Việt"

        Thân chi tiết tiếng Hàn.

    ??? tip "Chi tiết chỉ tiếng Anh"

        Thân chi tiết chỉ tiếng Anh.

    | Cột tiếng Hàn | Cột chỉ tiếng Anh | Cột chỉ tiếng Việt |
    |---|---|---|
    | Ô tiếng Hàn | Ô chỉ tiếng Anh | Ô chỉ tiếng Việt |

    ![Ảnh chỉ tiếng Anh](anh.png)

    ![Ảnh chỉ tiếng Việt](anh.png)

    Xem [liên kết](https://example.com/ "Tiêu đề liên kết") chỉ tiếng Anh.

    Đoạn có chú thích[^1] chỉ tiếng Việt.

    === "Thẻ chỉ tiếng Anh"

        Nội dung thẻ tiếng Hàn.

    === "Thẻ chỉ tiếng Việt"

        Nội dung thẻ hai tiếng Hàn.

    - Mục tiếng Hàn
    - Mục chỉ tiếng Anh
    - Mục chỉ tiếng Việt

    [^1]: Chú thích chỉ tiếng Anh.
    """

EVERY_ENGLISH = po(
    ("Mô tả mọi loại tiếng Hàn.", "Every kind description."),
    ("Tiêu đề mọi loại tiếng Hàn", "Every kind heading"),
    ("Lưu ý mọi loại chỉ tiếng Anh", "Note of every kind only English has"),
    ("Chi tiết chỉ tiếng Anh", "Details only English has"),
    ("Thân chi tiết chỉ tiếng Anh.", "Details body only English has."),
    ("Cột chỉ tiếng Anh", "Column only English has"),
    ("Ô chỉ tiếng Anh", "Cell only English has"),
    ("Ảnh chỉ tiếng Anh", "Image only English has"),
    ('Xem [liên kết](https://example.com/ \\"Tiêu đề liên kết\\") chỉ tiếng Anh.',
     'See [the link](https://example.com/ \\"Link title\\") only English has.'),
    ("Chú thích chỉ tiếng Anh.", "Footnote only English has."),
    ("Thẻ chỉ tiếng Anh", "Tab only English has"),
    ("Mục chỉ tiếng Anh", "Item only English has"),
)

EVERY_KOREAN = catalog(
    "ko",
    ("Mô tả mọi loại tiếng Hàn.", "모든 종류 설명."),
    ("Tiêu đề mọi loại tiếng Hàn", "모든 종류 제목"),
    ("Đoạn mọi loại tiếng Hàn.", "모든 종류 문단."),
    ("Thân cảnh báo tiếng Hàn.", "경고 본문."),
    ("Thân chi tiết tiếng Hàn.", "세부 본문."),
    ("Cột tiếng Hàn", "한국어 열"),
    ("Ô tiếng Hàn", "한국어 칸"),
    ("Nội dung thẻ tiếng Hàn.", "탭 내용."),
    ("Nội dung thẻ hai tiếng Hàn.", "두 번째 탭 내용."),
    ("Mục tiếng Hàn", "한국어 항목"),
)

# the extensions of the site (admonition, details, tabs, footnotes) and its search box
EXTENSIONS = ("  - footnotes\n  - pymdownx.details\n  - pymdownx.superfences\n"
              "  - pymdownx.tabbed:\n      alternate_style: true\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = project(tmp_path_factory.mktemp("page-fallback"), threshold=0.2)
    (root / "docs" / "chain.md").write_text(textwrap.dedent(PAGE), encoding="utf-8")
    (root / "docs" / "every.md").write_text(textwrap.dedent(EVERY), encoding="utf-8")
    for language, domain, text in (("en", "chain", ENGLISH), ("ko", "chain", KOREAN),
                                   ("en", "every", EVERY_ENGLISH), ("ko", "every", EVERY_KOREAN)):
        (root / "locales" / language / "LC_MESSAGES" / f"{domain}.po").write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert all(line in text for line in ("      - little.md\n", "      threshold: 0.8\n", "  - tables\n",
                                         "  - mdbabel:\n"))
    # a page 25 % translated into Korean is shown translated (partly) from 0.25 on
    text = text.replace("      - little.md\n", "      - little.md\n      - chain.md\n      - every.md\n")
    text = text.replace("      threshold: 0.8\n", "      threshold: 0.25\n")
    text = text.replace("  - tables\n", "  - tables\n" + EXTENSIONS)
    text = text.replace("  - mdbabel:\n", "  - mdbabel-search\n  - mdbabel:\n")
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


def test_page_title_from_english_in_the_navigation_and_title_with_lang(site):
    html = read(site, "ko/chain/index.html")
    # <title> cannot hold an element: the English title it begins with gives it its lang
    assert '<title lang="en">Chain fallback page - 사회보험</title>' in html
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


# ------------------------------------------------------------------- the lang of every text

_NOT_TEXT = re.compile(r"%\([a-z_]+\)s|\{\{[^}]*\}\}|\{[a-z]+\}|\]\([^)]*\)|[\[\]*_`]")


def _pieces(message: str) -> list[str]:
    """The stretches of *message* that a text node may hold whole: split at placeholders and
    Markdown, without surrounding spaces and punctuation."""
    return [p.strip(" .,;:") for p in _NOT_TEXT.split(message) if sum(c.isalpha() for c in p) >= 3]


def _languages_of_texts(project_root: Path) -> dict[str, set[str]]:
    """Text -> the languages whose message it is: a Korean or English msgstr of the project's
    catalogs, a Vietnamese unit of its pages, or a Vietnamese interface message (the
    repository's _site msgids)."""
    found: dict[str, set[str]] = {}

    def add(message: str, language: str) -> None:
        for piece in _pieces(message):
            found.setdefault(piece, set()).add(language)

    for path in sorted((project_root / "locales").glob("*/LC_MESSAGES/*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id and message.string and not message.fuzzy:
                    add(message.string, path.parts[-3])
                    add(message.id, "vi")
    with (REPO / "locales" / "en" / "LC_MESSAGES" / "_site.po").open("rb") as handle:
        for message in read_po(handle):
            if message.id:
                add(message.id, "vi")
    for page in (project_root / "docs").rglob("*.md"):
        for unit in segment(page.read_text(encoding="utf-8")):
            add(unit.text, "vi")
    return found


def _text_nodes(html: str):
    """(text, lang of its nearest element with one, element) of every text node of *html*."""
    document = html5lib.parse(html, namespaceHTMLElements=False)

    def walk(element, language):
        language = element.get("lang", language)
        if element.text:
            yield element.text, language, element
        for child in element:
            if isinstance(child.tag, str):
                yield from walk(child, language)
            if child.tail:
                yield child.tail, language, element
    yield from walk(document, None)


@pytest.fixture(scope="module")
def judged(site) -> dict[str, list[tuple[str, str, str | None, str]]]:
    """Korean page -> [(text, the one language of its message, lang it is under, element)]
    for every text node that is wholly one message (or a piece of one) of a single language."""
    languages = _languages_of_texts(site.parent)
    out = {}
    for path in sorted((site / "ko").rglob("*.html")):
        rows = []
        for text, under, element in _text_nodes(path.read_text(encoding="utf-8")):
            text = " ".join(text.split()).strip(" .,;:")
            if len(languages.get(text, ())) == 1:
                rows.append((text, next(iter(languages[text])), under, element.tag))
        out[path.relative_to(site).as_posix()] = rows
    return out


def test_every_text_of_every_korean_page_is_under_the_lang_of_the_message_shown(judged):
    wrong = [f"{page}: <{tag}> {text!r} is {language}, under lang={under}"
             for page, rows in judged.items() for text, language, under, tag in rows if under != language]
    assert not wrong, "\n".join(wrong)
    # pages of every kind were judged, in all three languages
    for page in ("ko/every/index.html", "ko/404.html", "ko/status/index.html", "ko/little/index.html"):
        assert {language for _, language, _, _ in judged[page]} == {"ko", "en", "vi"}, page


def test_each_kind_of_text_of_the_page_is_among_the_judged_ones(judged):
    seen = {(text, language, tag) for text, language, _, tag in judged["ko/every/index.html"]}
    for expected in (("모든 종류 제목", "ko", "h1"), ("Cảnh báo chỉ tiếng Việt", "vi", "span"),
                     ("Note of every kind only English has", "en", "span"),
                     ("Chi tiết chỉ tiếng Việt", "vi", "span"), ("Details only English has", "en", "span"),
                     ("한국어 열", "ko", "th"), ("Column only English has", "en", "span"),
                     ("Cột chỉ tiếng Việt", "vi", "span"), ("Footnote only English has", "en", "span"),
                     ("Tab only English has", "en", "span"), ("Thẻ chỉ tiếng Việt", "vi", "span"),
                     ("Item only English has", "en", "span"), ("Mục chỉ tiếng Việt", "vi", "span"),
                     ("Trang mọi loại chỉ tiếng Việt", "vi", "span")):  # the navigation label
        assert expected in seen, expected


def test_titles_and_summaries_carry_the_lang_of_the_fallback_on_the_element_not_the_block(site):
    article = main(read(site, "ko/every/index.html"))
    assert '<p class="admonition-title"><span lang="vi">Cảnh báo chỉ tiếng Việt</span></p>\n<p>경고 본문.</p>' \
        in article
    assert '<summary><span lang="vi">Chi tiết chỉ tiếng Việt</span></summary>\n<p>세부 본문.</p>' in article
    assert '<summary><span lang="en">Details only English has</span></summary>' in article
    assert re.search(r'<div class="admonition warning">\s*<p class="admonition-title">', article)
    # an image's alt: the image has the lang of its text
    assert '<img lang="en" alt="Image only English has" src="anh.png" />' in article
    assert '<img lang="vi" alt="Ảnh chỉ tiếng Việt" src="anh.png" />' in article
    # a link's title is part of its paragraph's text, under the paragraph's lang
    assert '<span lang="en">See <a href="https://example.com/" title="Link title">the link</a>' in article


def test_a_title_no_language_of_the_chain_has_is_vietnamese_with_its_lang_everywhere(site):
    html = read(site, "ko/every/index.html")
    assert '<title lang="vi">Trang mọi loại chỉ tiếng Việt - 사회보험</title>' in html
    assert '<meta name="description" content="모든 종류 설명.">' in html
    # and the English edition gives its own untranslated titles their lang the same way
    english = main(read(site, "en/every/index.html"))
    assert '<p class="admonition-title"><span lang="vi">Cảnh báo chỉ tiếng Việt</span></p>' in english
    assert '<p class="admonition-title">Note of every kind only English has</p>' in english
    assert '<img alt="Image only English has" src="anh.png" />' in english


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
