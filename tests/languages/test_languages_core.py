"""mdbabel.languages (publishing decision, fallback chain) and mdbabel.lang_marks, without MkDocs."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from mdbabel import lang_marks
from mdbabel.languages import (FallbackLookup, LanguageConfigError, check_threshold, count_translated,
                               decide, fallback_chains)

# --------------------------------------------------------------------------- publishing


def test_a_language_is_published_from_the_threshold_on():
    states = decide({"en": (80, 100), "de": (79, 100), "fr": (0, 0)}, "vi", 0.8)
    assert states["vi"].published and states["vi"].source
    assert states["en"].published and states["en"].share == 0.8
    assert states["de"].preview and not states["de"].published
    assert states["fr"].published  # nothing to translate: nothing missing


def test_threshold_must_be_a_share():
    assert check_threshold(0.8) == 0.8 and check_threshold(1) == 1.0
    for bad in (1.5, -0.1, "0.8", True, None):
        with pytest.raises(LanguageConfigError, match=r"publish_threshold must be a number between 0 and 1"):
            check_threshold(bad)


def test_only_translations_of_messages_still_in_the_template_count():
    templates = {"a": frozenset({(None, "một"), (None, "hai")}), "b": frozenset({(None, "ba")}),
                 "_site": frozenset({(None, "giao diện")})}
    catalogs = {("en", "a"): {(None, "một"): 1, (None, "cũ"): 1},  # "cũ" left the page
                ("en", "_site"): {(None, "giao diện"): 1}}          # _site does not count
    counts = count_translated(["_site", "a", "b"], ["en", "de"], templates.__getitem__,
                              lambda language, domain: catalogs.get((language, domain), {}))
    assert counts == {"en": (1, 3), "de": (0, 3)}


# --------------------------------------------------------------------------- fallback chain


def test_chain_is_the_language_then_the_configured_ones_then_the_source():
    chains = fallback_chains({"ko": ["en"], "de": "en"}, ["vi", "en", "ko", "de"], "vi")
    assert chains == {"vi": ("vi",), "en": ("en", "vi"), "ko": ("ko", "en", "vi"), "de": ("de", "en", "vi")}
    assert fallback_chains({"ko": ["en", "vi", "en"]}, ["en", "ko"], "vi")["ko"] == ("ko", "en", "vi")
    assert fallback_chains(None, ["en"], "vi") == {"vi": ("vi",), "en": ("en", "vi")}


@pytest.mark.parametrize("configured, message", [
    ({"xx": ["en"]}, r"fallback: 'xx' is not a language of the site \(vi, en\); list it under plugins: i18n"),
    ({"en": ["fr"]}, r"fallback: en: 'fr' is not a language of the site \(vi, en\); use one of them"),
    ({"en": 3}, r"fallback: en: must be a list of languages \(got 3\); write e.g. `en: \[en\]`"),
    (["en"], r"fallback must map a language to the languages its interface falls back to"),
])
def test_a_wrong_chain_says_what_is_wrong_and_how_to_fix_it(configured, message):
    with pytest.raises(LanguageConfigError, match=message):
        fallback_chains(configured, ["en"], "vi")


def test_lookup_takes_the_first_language_of_the_chain_that_has_the_text():
    text = lambda value: SimpleNamespace(text=value)  # noqa: E731
    lookup = FallbackLookup(("ko", "en", "vi"), {
        "ko": {(None, "Nguồn"): text("출처")},
        "en": {(None, "Nguồn"): text("Sources"), (None, "Trang"): text("Page"),
               ("menu", "Trang"): text("Page (menu)")}})
    assert lookup.find("Nguồn") == ("출처", "ko") and lookup.has("Nguồn")
    assert lookup.find("Trang") == ("Page", "en") and not lookup.has("Trang")
    assert lookup.find("Trang", "menu") == ("Page (menu)", "en")
    assert lookup.find("Không có") == ("Không có", "vi")


# --------------------------------------------------------------------------- lang marks


def marked(text: str, language: str = "en") -> str:
    return lang_marks.mark(text, language)


def test_a_mark_in_element_content_becomes_a_span():
    html = f"<nav><a href='x'><span class=\"md-ellipsis\">{marked('Guides')}</span></a></nav>"
    assert lang_marks.resolve(html) == ("<nav><a href='x'><span class=\"md-ellipsis\">"
                                        '<span lang="en">Guides</span></span></a></nav>')


def test_a_mark_may_hold_whole_elements():
    html = f'<p>{marked("Last reviewed: <time datetime=" + chr(34) + "2026-01-01" + chr(34) + ">1 Jan</time>")}</p>'
    assert lang_marks.resolve(html) == ('<p><span lang="en">Last reviewed: '
                                        '<time datetime="2026-01-01">1 Jan</time></span></p>')


def test_where_no_span_may_stand_only_the_marks_go():
    html = (f'<head><title>Site: {marked("Page not found")}</title>'
            f'<script>var a = "{marked("x")}";</script><style>/* {marked("y")} */</style></head>'
            f'<button aria-label="{marked("Choose a language")}" title="a > {marked("b")}">'
            f'<!-- {marked("c")} --><textarea>{marked("d")}</textarea></button>')
    assert lang_marks.resolve(html) == (
        '<head><title>Site: Page not found</title><script>var a = "x";</script>'
        '<style>/* y */</style></head><button aria-label="Choose a language" title="a > b">'
        '<!-- c --><textarea>d</textarea></button>')


def test_a_title_begun_by_marked_text_gets_its_lang():
    assert lang_marks.resolve(f'<title>{marked("Page not found")} - 사회보험</title>') == \
        '<title lang="en">Page not found - 사회보험</title>'
    assert lang_marks.resolve(f'<title>2026 {marked("Rates")} - 사회보험</title>') == \
        '<title lang="en">2026 Rates - 사회보험</title>'
    # begun by the page's own words, or with a lang already: only the marks go
    assert lang_marks.resolve(f'<title>보험 - {marked("Social insurance")}</title>') == \
        '<title>보험 - Social insurance</title>'
    assert lang_marks.resolve(f'<title lang="ko">{marked("Rates")} - 사회보험</title>') == \
        '<title lang="ko">Rates - 사회보험</title>'


def test_an_image_whose_text_attributes_are_all_marked_alike_gets_their_lang():
    vi = lang_marks.mark("Ảnh", "vi")
    assert lang_marks.resolve(f'<p><img alt="{marked("Image")}" src="a.png"></p>') == \
        '<p><img lang="en" alt="Image" src="a.png"></p>'
    assert lang_marks.resolve(f'<img alt="{vi}" title="{vi}" />') == '<img lang="vi" alt="Ảnh" title="Ảnh" />'
    # text attributes in two languages, or one of them the page's: no lang, the marks go
    assert lang_marks.resolve(f'<img alt="{marked("Image")}" title="{vi}">') == '<img alt="Image" title="Ảnh">'
    assert lang_marks.resolve(f'<img alt="{marked("Image")}" title="사진">') == '<img alt="Image" title="사진">'
    assert lang_marks.resolve(f'<img alt="x {marked("Image")}">') == '<img alt="x Image">'
    # an element with content: its lang would cover the content too
    assert lang_marks.resolve(f'<abbr title="{marked("Social insurance")}">BHXH</abbr>') == \
        '<abbr title="Social insurance">BHXH</abbr>'


def test_a_mark_across_elements_or_without_end_is_dropped_never_misnested():
    start, end = marked("X").split("X")
    assert lang_marks.resolve(f"<p>{start}one</p><p>two{end}</p>") == "<p>one</p><p>two</p>"
    assert lang_marks.resolve(f"<p>{start}one</p>") == "<p>one</p>"
    assert lang_marks.resolve(f"<p>one{end}</p>") == "<p>one</p>"
    assert lang_marks.resolve(f"<div>{start}<p>a</p><p>b</p>{end}</div>") == \
        '<div><span lang="en"><p>a</p><p>b</p></span></div>'


def test_nested_marks_nest():
    html = f"<p>{marked('Read ' + marked('Tiếng Việt', 'vi') + ' here')}</p>"
    assert lang_marks.resolve(html) == ('<p><span lang="en">Read <span lang="vi">Tiếng Việt</span>'
                                        ' here</span></p>')


def test_no_mark_survives_strip_or_resolve():
    text = f"{marked('a')} {marked('b', 'ko')} <p>{marked('c')}"
    assert lang_marks.strip(text) == "a b <p>c"
    assert not re.search("[\ue0f0-\ue0f2]", lang_marks.resolve(text + "</p>"))
    assert lang_marks.mark("x", 'en" onclick="y') == "x"  # not a language code: no mark
    page = "<p>nothing marked</p>"
    assert lang_marks.resolve(page) is page


def test_the_search_box_takes_the_lang_of_its_label_and_no_mark():
    from mdbabel.search_plugin import UI_STRINGS, SearchPlugin

    plugin = SearchPlugin()
    plugin.load_config({})
    plugin._lang = "ko"  # noqa: SLF001 - the build language, as on_pre_build sets it
    strings = plugin._localize({"label": marked("Search"), "open": marked(UI_STRINGS["open"], "vi")})  # noqa: SLF001
    assert strings == {"label": "Search", "open": UI_STRINGS["open"], "lang": "en"}
    assert "lang" not in plugin._localize({"label": "검색"})  # noqa: SLF001 - the build's own


def test_a_field_keeps_the_pages_lang_for_what_the_reader_types():
    assert lang_marks.resolve(f'<input placeholder="{marked("Search")}">') == '<input placeholder="Search">'


def test_an_unquoted_attribute_value_counts_like_a_quoted_one():
    assert lang_marks.resolve(f'<img alt=사진 title="{marked("Image")}">') == '<img alt=사진 title="Image">'
