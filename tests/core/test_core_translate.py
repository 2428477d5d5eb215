"""Specifications of mdbabel.translate: writing translations back into a page."""

import markdown

from mdbabel import slugs
from mdbabel.translate import Translation, markdown_config, translate_markdown


def catalog(entries, origin="locales/en/LC_MESSAGES/page.po:7"):
    def lookup(msgid, msgctxt):
        text = entries.get((msgctxt, msgid), entries.get(msgid))
        return Translation(text, origin) if text is not None else None
    return lookup


def translate(source, entries, **options):
    return translate_markdown(source, catalog(entries), **options)


def html(source):
    return markdown.Markdown(**markdown_config()).convert(source)


def test_translation_replaces_only_the_unit_text():
    result = translate("- Một\n- Hai\n", {"Một": "One", "Hai": "Two"})
    assert result.markdown == "- One\n- Two\n"


def test_multi_line_unit_becomes_one_line():
    assert translate("Một\nhai\n", {"Một hai": "One two"}).markdown == "One two\n"


def test_hard_break_is_written_with_the_container_prefix():
    source = "> Một  \n> hai\n"
    result = translate(source, {"Một\nhai": "One\ntwo"})
    assert result.markdown == "> One  \n> two\n"


def test_indentation_of_admonition_body_is_kept():
    source = '!!! note "Ghi chú"\n    Nội dung.\n'
    result = translate(source, {"Ghi chú": "Note", "Nội dung.": "Content."})
    assert result.markdown == '!!! note "Note"\n    Content.\n'


def test_table_pipes_are_kept():
    source = "| Tên | Tỷ lệ |\n|---|---|\n| Ốm đau | 3% |\n"
    result = translate(source, {"Tên": "Name", "Tỷ lệ": "Rate", "Ốm đau": "Sickness"})
    assert result.markdown == "| Name | Rate |\n|---|---|\n| Sickness | 3% |\n"


def test_translated_heading_keeps_the_source_id():
    result = translate("## Bảo hiểm\n", {"Bảo hiểm": "Insurance"})
    assert result.markdown == "## Insurance { #bao-hiem }\n"


def test_repeated_headings_get_toc_suffixes():
    result = translate("# Mục\n\n# Mục\n", {"Mục": "Section"})
    assert result.markdown == "# Section { #muc }\n\n# Section { #muc_1 }\n"


def test_explicit_heading_id_is_not_duplicated():
    result = translate("## Bảo hiểm { #bh .x }\n", {"Bảo hiểm": "Insurance"})
    assert result.markdown == "## Insurance { #bh .x }\n"


def test_heading_attr_list_without_id_gets_the_id():
    result = translate("## Bảo hiểm { .x }\n", {"Bảo hiểm": "Insurance"})
    assert '<h2 class="x" id="bao-hiem">Insurance</h2>' in html(result.markdown)


def test_untranslated_paragraph_is_marked_with_the_source_language():
    result = translate("Một đoạn.\n", {})
    assert html(result.markdown) == '<p><span lang="vi">Một đoạn.</span></p>'


def test_untranslated_heading_is_marked_and_keeps_its_id():
    result = translate("## Bảo hiểm\n", {})
    assert html(result.markdown) == '<h2 id="bao-hiem"><span lang="vi">Bảo hiểm</span></h2>'


def test_untranslated_list_item_and_table_cell_are_marked():
    out = html(translate("- Mục\n\n| Tên |\n|---|\n| Ô |\n", {}).markdown)
    assert '<li><span lang="vi">Mục</span></li>' in out
    assert '<td><span lang="vi">Ô</span></td>' in out


def test_untranslated_admonition_title_is_left_plain():
    result = translate('!!! note "Ghi chú"\n    Nội dung.\n', {})
    assert '!!! note "Ghi chú"' in result.markdown


def test_marking_can_be_turned_off():
    assert translate("Một đoạn.\n", {}, mark_untranslated=False).markdown == "Một đoạn.\n"


def test_rejected_translation_is_reported_with_origin_and_falls_back():
    result = translate("Xem [liên hệ](../contacts.md).\n", {"Xem [liên hệ](../contacts.md).":
                                                          "See contacts."})
    assert result.problems == [
        'locales/en/LC_MESSAGES/page.po:7: translation drops link "(../contacts.md)"; '
        "keep the link target unchanged or leave the entry untranslated"]
    assert "[liên hệ](../contacts.md)" in result.markdown
    assert result.translated == 0


def test_coverage_counts_units():
    result = translate("Một.\n\nHai.\n", {"Một.": "One."})
    assert (result.total, result.translated, result.translated_share) == (2, 1, 0.5)
    assert [u.text for u in result.untranslated_units] == ["Hai."]


def test_empty_page_is_fully_translated():
    assert translate("", {}).translated_share == 1.0


def test_front_matter_title_is_quoted_safely():
    source = "---\ntitle: Trang chủ\nhide:\n  - toc\n---\n\nNội dung.\n"
    result = translate(source, {"Trang chủ": 'Home: "start"', "Nội dung.": "Content."})
    assert result.markdown == ('---\ntitle: "Home: \\"start\\""\nhide:\n  - toc\n---\n\n'
                               "Content.\n")


def test_context_is_passed_to_the_lookup():
    source = "<!-- i18n-context: button -->\nMở\n\nMở\n"
    result = translate(source, {("button", "Mở"): "Open", "Mở": "Opened"})
    assert "Open\n\nOpened" in result.markdown


def test_image_alt_and_title_are_translated_in_place():
    result = translate('![Ảnh](a.png "Tiêu đề")\n', {"Ảnh": "Picture", "Tiêu đề": "Title"})
    assert result.markdown == '![Picture](a.png "Title")\n'


def test_paragraph_before_a_rule_does_not_become_a_setext_heading():
    source = "Một\nhai\n---\n"
    result = translate(source, {"Một hai": "One two"})
    assert "<hr />" in html(result.markdown)


def test_slugify_folds_vietnamese_to_ascii():
    assert slugs.slugify("Đăng ký Bảo hiểm xã hội!", "-") == "dang-ky-bao-hiem-xa-hoi"


def test_slugify_uses_the_separator():
    assert slugs.slugify("Thất nghiệp 2024", "_") == "that_nghiep_2024"


def test_spaces_around_a_translation_are_not_written():
    assert translate("Một.\n", {"Một.": "    One.  "}).markdown == "One.\n"


def test_joined_lines_do_not_start_a_list():
    result = translate("-\nbảo\n", {"- bảo": "- word"})
    assert html(result.markdown) == "<p>- word</p>"


def test_heading_text_ending_in_hash_or_brace_survives_the_id():
    assert '<h2 id="a">B #</h2>' in html(translate("## A\n", {"A": "B #"}).markdown)
    assert '<h2 id="a">B {</h2>' in html(translate("## A\n", {"A": "B {"}).markdown)


def test_inline_attr_list_in_a_heading_is_kept():
    out = html(translate("## [A](a.md){ .x }\n", {"[A](a.md){ .x }": "[B](a.md){ .x }"}).markdown)
    assert '<a class="x" href="a.md">B</a>' in out


def test_translated_shortcut_reference_link_is_refused():
    """[Luật BHXH] is a link only because the page defines that label: a translation that
    translates the text would print plain brackets, so it is refused and named."""
    source = ("Xem [Luật BHXH] để biết thêm.\n\n"
              "[Luật BHXH]: https://vbpl.vn/luat-bhxh\n")
    result = translate(source, {"Xem [Luật BHXH] để biết thêm.":
                                "See [the Social Insurance Law] for more."})
    assert result.translated == 0
    assert result.problems == [
        'locales/en/LC_MESSAGES/page.po:7: translation drops the reference link "[luật bhxh]", '
        'defined on the page; keep "[luật bhxh]" or write "[translated text][luật bhxh]" '
        "or leave the entry untranslated"]
    assert '<a href="https://vbpl.vn/luat-bhxh">Luật BHXH</a>' in html(result.markdown)
    # naming the label keeps the link, in any case and spacing
    result = translate(source, {"Xem [Luật BHXH] để biết thêm.":
                                "See [the Social Insurance Law][luật  bhxh] for more."})
    assert result.problems == [] and result.translated == 1
    assert '<a href="https://vbpl.vn/luat-bhxh">the Social Insurance Law</a>' in html(result.markdown)
    # brackets that are no link on this page are text like any other
    plain = translate("Ông ấy nói [sic] như vậy.\n", {"Ông ấy nói [sic] như vậy.":
                                                     "He said [thus] so."})
    assert plain.problems == [] and plain.translated == 1


# --------------------------------------------------------------------------- fallback chain

def test_a_unit_the_language_lacks_comes_from_the_first_fallback_with_its_lang():
    from mdbabel import lang_marks

    source = '# Tiêu đề\n\nMột.\n\nHai.\n\n!!! note "Lưu ý"\n    Ba.\n'
    english = catalog({"Hai.": "Two.", "Lưu ý": "Note", "Ba.": "Three.", "Tiêu đề": "Title"},
                      origin="locales/en/LC_MESSAGES/page.po:3")
    result = translate(source, {"Tiêu đề": "제목", "Ba.": "셋."}, language="ko",
                       fallbacks=[("en", english)])
    assert result.markdown == (f'# 제목 {{ #tieu-de }}\n\n<span lang="vi">Một.</span>\n\n'
                               f'<span lang="en">Two.</span>\n\n'
                               f'!!! note "{lang_marks.mark("Note", "en")}"\n    셋.\n')
    # only the language's own translations count
    assert (result.total, result.translated, result.fallback_units) == (5, 2, 2)
    assert lang_marks.resolve(html(result.markdown)).count('<span lang="en">') == 2


def test_a_fallback_that_fails_the_checks_is_skipped_for_the_next_one_or_the_source():
    source = "Một.\n\nHai.\n"
    bad = catalog({"Một.": "[One](https://example.com/).", "Hai.": "<b>Two</b>."})
    good = catalog({"Một.": "Un."})
    result = translate(source, {"Một.": "<i>하나</i>."}, fallbacks=[("en", bad), ("fr", good)])
    assert result.markdown == '<span lang="fr">Un.</span>\n\n<span lang="vi">Hai.</span>\n'
    assert result.translated == 0
    # the reader's language's own problems are reported, a fallback's are not
    assert len(result.problems) >= 1 and all("page.po" in p for p in result.problems)


def test_without_fallbacks_nothing_changes():
    source = "Một.\n\nHai.\n"
    assert (translate(source, {"Một.": "One."}, fallbacks=[]).markdown
            == translate(source, {"Một.": "One."}).markdown == 'One.\n\n<span lang="vi">Hai.</span>\n')


def test_untranslated_titles_labels_and_alt_are_marked_vietnamese_only_when_asked():
    from mdbabel import lang_marks

    source = ('!!! note "Lưu ý"\n    Ba.\n\n??? tip "Chi tiết"\n    Bốn.\n\n=== "Thẻ"\n\n    Năm.\n\n'
              '![Ảnh](a.png)\n')
    own = {"Ba.": "셋.", "Bốn.": "넷.", "Năm.": "다섯."}
    marked = translate(source, own, language="ko", mark_attributes=True)
    assert marked.markdown == source.replace("Ba.", "셋.").replace("Bốn.", "넷.").replace(
        "Năm.", "다섯.").replace('"Lưu ý"', f'"{lang_marks.mark("Lưu ý", "vi")}"').replace(
        '"Chi tiết"', f'"{lang_marks.mark("Chi tiết", "vi")}"').replace(
        '"Thẻ"', f'"{lang_marks.mark("Thẻ", "vi")}"').replace("[Ảnh]", f"[{lang_marks.mark('Ảnh', 'vi')}]")
    rendered = lang_marks.resolve(html(marked.markdown))
    assert '<p class="admonition-title"><span lang="vi">Lưu ý</span></p>' in rendered
    assert '<summary><span lang="vi">Chi tiết</span></summary>' in rendered
    assert '<img lang="vi" alt="Ảnh" src="a.png"' in rendered
    assert (marked.total, marked.translated) == (7, 3)
    # Markdown meant to be read as Markdown (mdbabel translate): no marks
    assert lang_marks.OPEN not in translate(source, own, language="ko").markdown
