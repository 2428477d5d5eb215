"""Search index core: accent folding, text extraction from rendered HTML, index shape."""

import json

import pytest

from mdbabel.search_index import (
    PageEntry,
    Section,
    article_html,
    build_index,
    dump_index,
    extract_page,
    extract_sections,
    fold,
)


# -- fold ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("bảo hiểm thất nghiệp", "bao hiem that nghiep"),
        ("Đóng bảo hiểm", "dong bao hiem"),
        ("đồng", "dong"),
        ("ĐỒNG", "dong"),
        ("dòng", "dong"),
        ("Người lao động", "nguoi lao dong"),
        ("Unemployment Insurance", "unemployment insurance"),
        ("", ""),
    ],
)
def test_fold_drops_diacritics_and_d_stroke_and_lowercases(text, folded):
    assert fold(text) == folded


def test_fold_gives_same_result_for_composed_and_decomposed_input():
    import unicodedata

    word = "nghiệp"
    assert fold(unicodedata.normalize("NFD", word)) == fold(unicodedata.normalize("NFC", word))


def test_fold_keeps_length_of_composed_vietnamese_text():
    # search.js relies on this to map folded match positions back onto the original text.
    alphabet = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
    for text in (alphabet, alphabet.upper()):
        assert len(fold(text)) == len(text)
        assert fold(text).isascii()


# -- extract_sections ------------------------------------------------------------------------
def test_headings_with_ids_start_sections_with_their_anchor():
    html = (
        '<h1 id="bao-hiem">Bảo hiểm</h1><p>Mở đầu.</p>'
        '<h2 id="muc-dong">Mức đóng<a class="headerlink" href="#muc-dong">¶</a></h2><p>8%.</p>'
    )
    sections = extract_sections(html)
    assert sections == [
        Section(title="", anchor="", text="Mở đầu."),
        Section(title="Mức đóng", anchor="muc-dong", text="8%."),
    ]


def test_page_title_h1_is_not_repeated_in_the_text():
    assert extract_sections('<h1 id="t">Lương hưu</h1><p>Văn bản.</p>')[0].text == "Văn bản."


def test_inline_markup_does_not_split_words_but_blocks_do():
    html = "<p>bảo <strong>hiểm</strong> thất ng<em>hiệp</em></p><ul><li>một</li><li>hai</li></ul>"
    assert extract_sections(html)[0].text == "bảo hiểm thất nghiệp một hai"


def test_scripts_styles_svg_buttons_and_excluded_elements_are_skipped():
    html = (
        "<p>giữ</p><script>var x = 1;</script><style>p{}</style>"
        '<svg><path d="M0"/><text>svg</text></svg><button>nút</button>'
        "<div data-search-exclude><p>bỏ</p></div><p>lại</p>"
    )
    assert extract_sections(html)[0].text == "giữ lại"


def test_elements_in_another_language_are_left_out_of_that_language_index():
    html = '<p>Paid monthly.</p><p><span lang="vi">Đóng hằng tháng.</span> Yes.</p>'
    assert extract_sections(html, "en")[0].text == "Paid monthly. Yes."
    assert extract_sections(html, "vi")[0].text == "Paid monthly. Đóng hằng tháng. Yes."


def test_entities_are_decoded_and_whitespace_collapsed():
    html = "<p>A&nbsp;&amp;\n\n   B</p>"
    assert extract_sections(html)[0].text == "A & B"


def test_text_is_nfc_normalised():
    import unicodedata

    html = "<p>" + unicodedata.normalize("NFD", "thất nghiệp") + "</p>"
    assert extract_sections(html)[0].text == unicodedata.normalize("NFC", "thất nghiệp")


def test_section_text_is_capped_at_a_word_boundary():
    html = "<p>" + "từ " * 100 + "</p>"
    text = extract_sections(html, max_section_chars=50)[0].text
    assert len(text) <= 50
    assert text.endswith("từ")


def test_page_cap_keeps_later_headings_but_not_their_text():
    html = '<p>aaaa bbbb cccc</p><h2 id="x">Sau</h2><p>dddd</p>'
    sections = extract_sections(html, max_section_chars=100, max_page_chars=9)
    assert sections[0].text == "aaaa bbbb"
    assert sections[1] == Section(title="Sau", anchor="x", text="")


def test_heading_without_id_stays_in_the_text():
    html = "<p>a</p><h3>Tiêu đề</h3><p>b</p>"
    assert extract_sections(html) == [Section(text="a Tiêu đề b")]


def test_stray_end_tags_and_unclosed_tags_do_not_lose_text():
    html = "<div><p>một</span> hai</div><p>ba"
    assert extract_sections(html)[0].text == "một hai ba"


def test_translation_notice_is_left_out():
    html = '<aside class="mdbabel-notice" role="note"><p>Not translated yet.</p></aside><p>Text.</p>'
    assert extract_sections(html, "en")[0].text == "Text."


# -- extract_page -------------------------------------------------------------------------------
def test_page_title_is_the_h1_in_the_page_language():
    page = extract_page('<h1 id="t">Unemployment insurance</h1><p>Text.</p>', "en")
    assert page.title == "Unemployment insurance"
    assert not page.title_in_other_language


def test_page_shown_in_another_language_is_recognised():
    html = '<aside class="mdbabel-notice"><p>Shown in Vietnamese.</p></aside>' \
        '<div lang="vi"><h1 id="t">Lương hưu</h1><p>Văn bản.</p></div>'
    page = extract_page(html, "en")
    assert page.title is None
    assert page.shown_in_other_language
    assert page.sections == [Section()]


def test_translated_page_with_untranslated_title_is_still_in_the_page_language():
    page = extract_page('<h1 id="t"><span lang="vi">Lương hưu</span></h1><p>Pension.</p>', "en")
    assert page.title is None and page.title_in_other_language
    assert not page.shown_in_other_language


def test_page_without_h1_is_not_taken_for_another_language():
    page = extract_page("<p>Text.</p>", "en")
    assert page.title is None and not page.shown_in_other_language


def test_extra_skip_classes():
    page = extract_page('<p>a</p><div class="ad"><p>b</p></div>', skip_classes={"ad"})
    assert page.sections[0].text == "a"


def test_article_html_takes_the_material_content_block():
    html = '<header>menu</header><article class="md-content__inner md-typeset"><h1>T</h1>' \
        '<p>x</p></article><footer>f</footer>'
    assert article_html(html) == "<h1>T</h1><p>x</p>"
    assert article_html("<p>no article</p>") is None


# -- index -------------------------------------------------------------------------------
def test_index_holds_language_and_pages_with_url_title_sections():
    page = PageEntry(
        url="that-nghiep/",
        title="Bảo hiểm thất nghiệp",
        sections=[Section(text="Mở đầu"), Section("Mức hưởng", "muc-huong", "60%")],
    )
    index = build_index("vi", [page])
    assert index == {
        "version": 1,
        "lang": "vi",
        "pages": [
            {
                "url": "that-nghiep/",
                "title": "Bảo hiểm thất nghiệp",
                "sections": [
                    {"title": "", "anchor": "", "text": "Mở đầu"},
                    {"title": "Mức hưởng", "anchor": "muc-huong", "text": "60%"},
                ],
            }
        ],
    }


def test_dumped_index_is_compact_utf8_json():
    data = dump_index(build_index("vi", [PageEntry("a/", "Đóng", [Section(text="đồng")])]))
    assert "Đóng" in data and "\\u" not in data and ", " not in data
    assert json.loads(data)["pages"][0]["title"] == "Đóng"
