"""Specifications of mdbabel.checks: what a translation must keep."""

from mdbabel.checks import check_translation


def problems(msgid, msgstr, kind="paragraph"):
    return check_translation(msgid, msgstr, kind)


def test_faithful_translation_has_no_problems():
    assert problems("Xem [liên hệ](../contacts.md) và `pip` {{ base_salary }}[^1].",
                    "See [contacts](../contacts.md) and `pip` {{ base_salary }}[^1].") == []


def test_dropped_link_is_named_with_its_target():
    assert problems("Xem [liên hệ](../contacts.md).", "See contacts.") == [
        'translation drops link "(../contacts.md)"; keep the link target unchanged '
        "or leave the entry untranslated"]


def test_changed_link_target_is_reported():
    found = problems("Xem [liên hệ](a.md).", "See [contacts](b.md).")
    assert any('drops link "(a.md)"' in p for p in found)
    assert any('"(b.md)"' in p for p in found)


def test_reordered_links_are_fine():
    assert problems("[a](1.md) rồi [b](2.md)", "[b](2.md) after [a](1.md)") == []


def test_changed_reference_link_label_is_reported():
    assert any('drops the reference link "[ref]"' in p
               for p in problems("Xem [a][ref]", "See [a][other]"))


def test_dropped_image_is_reported():
    assert any('drops image "(a.png)"' in p for p in problems("![ảnh](a.png) đây", "here"))


def test_changed_inline_code_is_reported():
    assert any('inline code `pip`' in p for p in problems("Chạy `pip`", "Run `pipx`"))


def test_dropped_footnote_reference_is_reported():
    assert any('footnote reference "[^1]"' in p for p in problems("Chữ[^1]", "Text"))


def test_renamed_placeholder_is_reported():
    found = problems("Lương {{ base_salary }}", "Salary {{ salary }}")
    assert any('drops placeholder "{{ base_salary }}"' in p for p in found)
    assert any('adds placeholder "{{ salary }}"' in p for p in found)


def test_placeholder_spacing_does_not_matter():
    assert problems("Lương {{ base_salary }}", "Salary {{base_salary}}") == []


def test_changed_html_tag_is_reported():
    found = problems("Chữ <b>đậm</b>", "Text <strong>bold</strong>")
    assert any('"<strong>" element' in p for p in found)


def test_script_absent_from_source_is_reported():
    assert any('"<script>"' in p for p in problems("Chữ", "Text <script>x()</script>"))


def test_event_attribute_absent_from_source_is_reported():
    found = problems('Chữ <img src="x">', 'Text <img src="x" onerror="y()">')
    assert any('attribute "onerror"' in p for p in found)


def test_javascript_url_is_reported():
    assert any("javascript:" in p for p in problems("Chữ", "[x](javascript:alert(1))"))


def test_new_heading_line_inside_a_message_is_reported():
    assert any('"<h1>"' in p for p in problems("Chữ", "Text\n# heading"))
    assert any('"<h1>"' in p for p in problems("Chữ", "Text\n==="))


def test_message_that_would_start_a_list_is_reported():
    """Write-back would escape the "-"; a translation that starts a block is refused anyway,
    rather than published with a stray "-"."""
    assert any('"<ul>"' in p for p in problems("Chữ", "- item"))
    # the empty line alone makes a second block
    assert any("renders as p, p" in p for p in problems("Chữ", "Text\n\nmore words"))


def test_hard_break_is_allowed():
    assert problems("Dòng\nhai", "Line\ntwo") == []


def test_empty_line_that_splits_a_paragraph_is_reported():
    assert any("new block" in p for p in problems("Chữ", "Text\n\nmore"))


def test_unbalanced_strong_emphasis_is_reported():
    assert any('unbalanced "**"' in p for p in problems("**Chữ**", "**Text"))


def test_unbalanced_backtick_is_reported():
    assert any('unbalanced "`"' in p for p in problems("Chữ", "Text `x"))


def test_unescaped_pipe_in_table_cell_is_reported():
    assert any('"|"' in p for p in problems("Chữ", "a | b", "table cell"))


def test_escaped_pipe_in_table_cell_is_fine():
    assert problems("Chữ", r"a \| b", "table cell") == []


def test_added_heading_attribute_list_is_reported():
    assert any('"id" of "<h1>"' in p for p in problems("Chữ", "Text { #id }", "heading"))
    assert any('attribute "onclick"' in p
               for p in problems("Chữ", "Text\n{: x onclick=alert(1) }"))


def test_front_matter_text_may_contain_markdown_characters():
    assert problems("Tiêu đề", "# Title: a | b", "front matter title") == []


def test_line_break_in_a_table_cell_is_reported():
    assert any("line break" in p for p in problems("Chữ", "Text\nmore", "table cell"))


def test_line_break_in_a_heading_is_reported():
    assert any("line break" in p for p in problems("Chữ", "Text\nmore", "heading"))


def test_a_figure_typed_differently_in_the_translation_is_reported():
    problems = check_translation("Tỷ lệ là 8% từ năm 2024.", "The rate is 9% from 2024.", "paragraph")
    assert any('percentage "9%"' in p for p in problems)


def test_a_dropped_year_is_reported_but_a_month_may_become_a_name():
    assert check_translation("Số liệu tháng 6/2024", "Figures for June 2024", "paragraph") == []
    problems = check_translation("Số liệu tháng 6/2024", "Figures for June", "paragraph")
    assert any('drops the month "tháng 6/2024"' in p for p in problems)


def test_translated_text_of_a_collapsed_reference_link_is_reported():
    """[text][] takes its label from its text: translating the text breaks the link."""
    found = problems("Xem [Luật BHXH][] để biết thêm.", "See [Social Insurance Law][] for more.")
    assert any('drops the reference link "[luật bhxh]"' in p
               and "[translated text][luật bhxh]" in p
               for p in found), found
    # the label kept explicitly: fine, as is any spacing or case Python-Markdown ignores
    assert problems("Xem [Luật BHXH][] để biết thêm.",
                    "See [Social Insurance Law][luật  BHXH] for more.") == []
    assert problems("Xem [a][Nhãn  Một].", "See [b][nhãn một].") == []
