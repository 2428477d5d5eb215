"""Specifications of mdbabel.segments: which text of a page becomes a message."""

from hypothesis import given, settings
from hypothesis import strategies as st

from mdbabel.segments import segment


def texts(source):
    return [(u.kind, u.text) for u in segment(source)]


def only(source):
    [unit] = segment(source)
    return unit


# --- paragraphs and inline text -------------------------------------------

def test_paragraph_soft_breaks_are_joined_with_one_space():
    assert texts("Một đoạn\nhai dòng.\n") == [("paragraph", "Một đoạn hai dòng.")]


def test_hard_break_becomes_a_newline_in_the_msgid():
    assert only("Dòng một  \ndòng hai\n").text == "Dòng một\ndòng hai"


def test_inline_markup_stays_in_the_msgid_as_written():
    text = 'Xem **[liên hệ](../contacts.md "x")**, `mã`, <b>đậm</b> và {{ base_salary }}.'
    assert only(text + "\n").text == text


def test_entities_and_escapes_are_kept():
    assert only("A&nbsp;b \\*c\\*\n").text == "A&nbsp;b \\*c\\*"


def test_text_without_words_is_not_extracted():
    for source in ("2024\n", "—\n", "**1.**\n", "`code`\n", "[^1]\n", "01/07/2024\n",
                   "{{ base_salary }}\n"):
        assert segment(source) == [], source


def test_line_numbers_are_one_based_and_exact():
    assert [u.line for u in segment("Một.\n\n\nHai\nba.\n")] == [1, 4]


def test_attribute_list_line_is_not_part_of_the_paragraph():
    assert texts("Đoạn văn.\n{: .lead }\n") == [("paragraph", "Đoạn văn.")]


def test_attribute_list_alone_is_not_a_message():
    assert segment("{: .only }\n") == []


def test_empty_link_and_empty_blockquote_do_not_crash():
    assert texts("[x]() đây\n\n>\n") == [("paragraph", "[x]() đây")]


def test_image_alone_gives_alt_and_title_units():
    assert texts('![Ảnh minh họa](a.png "Tiêu đề ảnh")\n') == [
        ("image alt", "Ảnh minh họa"), ("image title", "Tiêu đề ảnh")]


def test_image_inside_text_stays_in_the_paragraph():
    assert texts("Xem ![ảnh](a.png) này.\n") == [("paragraph", "Xem ![ảnh](a.png) này.")]


# --- headings ---------------------------------------------------------------

def test_atx_heading_is_one_unit_with_its_level_in_the_comment():
    unit = only("## Tiêu đề\n")
    assert (unit.kind, unit.text, unit.comment, unit.line) == ("heading", "Tiêu đề", "heading 2", 1)


def test_heading_attr_list_and_closing_hashes_are_excluded():
    assert only("### Tiêu đề { #rieng .x } ###\n").text == "Tiêu đề"
    assert only("## Tiêu đề ##\n").text == "Tiêu đề"


def test_setext_headings():
    assert texts("Một\n===\n\nHai\n---\n") == [("heading", "Một"), ("heading", "Hai")]
    assert only("Hai\n---\n").comment == "heading 2"


def test_heading_line_splits_a_paragraph():
    assert texts("Đoạn\n# Tiêu đề\n") == [("paragraph", "Đoạn"), ("heading", "Tiêu đề")]


# --- lists ------------------------------------------------------------------

def test_each_list_item_is_one_unit():
    assert texts("- một\n- hai\n") == [("list item", "một"), ("list item", "hai")]


def test_ordered_list_items():
    assert texts("1. một\n2. hai\n") == [("list item", "một"), ("list item", "hai")]


def test_nested_list_at_four_spaces():
    assert texts("- một\n    - hai\n") == [("list item", "một"), ("list item", "hai")]


def test_lazy_continuation_joins_the_item():
    assert texts("- một\nhai\n") == [("list item", "một hai")]


def test_list_needs_a_blank_line_after_a_paragraph():
    # Python-Markdown, unlike CommonMark, keeps "- b" in the paragraph
    assert texts("a chữ\n- b chữ\n") == [("paragraph", "a chữ - b chữ")]


def test_indented_paragraph_after_item_belongs_to_it():
    assert texts("- một\n\n    hai\n") == [("list item", "một"), ("list item", "hai")]


def test_code_inside_a_list_item_is_skipped():
    assert texts("- một\n\n    ```\n    mã\n\n    mã\n    ```\n\n    hai\n") == [
        ("list item", "một"), ("list item", "hai")]


# --- blockquotes ------------------------------------------------------------

def test_blockquote_prefixes_are_stripped():
    assert texts("> một\n> hai\n") == [("blockquote", "một hai")]


def test_nested_blockquote():
    assert texts("> một\n>\n> > hai\n") == [("blockquote", "một"), ("blockquote", "hai")]


# --- tables -----------------------------------------------------------------

def test_each_table_cell_is_a_unit_with_its_column_in_the_comment():
    units = segment("| Chế độ | Tỷ lệ |\n|---|---|\n| Ốm đau | 3% |\n")
    assert [(u.text, u.comment) for u in units] == [
        ("Chế độ", "table column header"), ("Tỷ lệ", "table column header"),
        ("Ốm đau", 'table column "Chế độ"')]


def test_cells_of_numbers_dates_punctuation_or_markup_are_skipped():
    source = "| A chữ |\n|---|\n| 3% |\n| 01/07/2024 |\n| — |\n| `x` |\n"
    assert [u.text for u in segment(source)] == ["A chữ"]


def test_escaped_pipe_and_code_pipe_stay_in_the_cell():
    source = "| a chữ | b chữ |\n|---|---|\n| x \\| y | `p|q` z |\n"
    assert [u.text for u in segment(source)][2:] == ["x \\| y", "`p|q` z"]


def test_table_without_outer_pipes():
    assert [u.text for u in segment("Tên | Mô tả\n--- | ---\nMột | Hai\n")] == [
        "Tên", "Mô tả", "Một", "Hai"]


# --- admonitions, details, tabs ---------------------------------------------

def test_admonition_title_and_body():
    units = segment('!!! warning "Chú ý"\n    Nội dung.\n')
    assert [(u.kind, u.text, u.comment) for u in units] == [
        ("admonition title", "Chú ý", "admonition: warning (title)"),
        ("admonition", "Nội dung.", "admonition: warning")]


def test_admonition_body_is_not_code():
    assert texts("!!! note\n\n    Nội dung.\n") == [("admonition", "Nội dung.")]


def test_table_inside_admonition():
    units = segment('!!! note\n    | A chữ |\n    |---|\n    | b chữ |\n')
    assert [(u.kind, u.text) for u in units] == [("table cell", "A chữ"), ("table cell", "b chữ")]


def test_details_title_and_body():
    assert texts('???+ info "Chi tiết"\n    Thân.\n') == [
        ("details title", "Chi tiết"), ("admonition", "Thân.")]


def test_tab_label_and_body():
    assert texts('=== "Người lao động"\n\n    Nội dung.\n') == [
        ("tab label", "Người lao động"), ("paragraph", "Nội dung.")]


# --- code, html, math, references -------------------------------------------

def test_fenced_code_of_any_length_and_tilde_is_skipped():
    assert segment("````\n# chữ\n```\n````\n\n~~~\nchữ\n~~~\n") == []


def test_unclosed_fence_is_text_as_python_markdown_renders_it():
    # Python-Markdown shows "```\nchữ" and "chữ nữa" as two paragraphs: both are messages
    assert [u.text for u in segment("```\nchữ\n\nchữ nữa\n")] == ["``` chữ", "chữ nữa"]


def test_indented_code_is_skipped():
    assert segment("    mã chữ\n") == []


def test_html_block_is_skipped():
    assert segment("<div>\n<p>Chữ</p>\n</div>\n") == []


def test_html_comment_is_skipped():
    assert segment("<!-- chữ\nchữ -->\n") == []


def test_md_in_html_block_is_parsed():
    assert texts("<div markdown>\n## Tiêu đề\n\nĐoạn.\n</div>\n") == [
        ("heading", "Tiêu đề"), ("paragraph", "Đoạn.")]


def test_math_block_is_skipped():
    assert segment("$$\nE = mc^2\n$$\n") == []


def test_link_reference_definition_is_skipped():
    assert segment('[ref]: https://example.com "Tiêu đề"\n') == []


# --- footnotes, definitions, abbreviations -----------------------------------

def test_footnote_definition_with_continuation():
    assert texts("[^1]: Chú thích\n    tiếp.\n\n    Đoạn hai.\n") == [
        ("footnote", "Chú thích tiếp."), ("footnote", "Đoạn hai.")]


def test_definition_list_term_and_definition():
    units = segment("Thuật ngữ\n:   Định nghĩa.\n")
    assert [(u.kind, u.text, u.comment) for u in units] == [
        ("term", "Thuật ngữ", "definition list term"),
        ("definition", "Định nghĩa.", "definition of term")]


def test_definition_after_blank_line_turns_the_paragraph_into_a_term():
    assert texts("Thuật ngữ\n\n:   Định nghĩa.\n") == [
        ("term", "Thuật ngữ"), ("definition", "Định nghĩa.")]


def test_abbreviation_expansion_is_the_unit():
    unit = only("*[BHXH]: Bảo hiểm xã hội\n")
    assert (unit.kind, unit.text) == ("abbreviation", "Bảo hiểm xã hội")


# --- front matter and author directives --------------------------------------

def test_front_matter_title_and_description_only():
    source = "---\ntitle: Trang\ndescription: Mô tả.\ntags: [a chữ]\n---\n\nĐoạn.\n"
    assert texts(source) == [("front matter title", "Trang"),
                             ("front matter description", "Mô tả."), ("paragraph", "Đoạn.")]


def test_i18n_context_comment_gives_msgctxt_to_the_next_block():
    units = segment("<!-- i18n-context: nút bấm -->\nMở\n\nMở\n")
    assert [(u.text, u.context) for u in units] == [("Mở", "nút bấm"), ("Mở", None)]


def test_i18n_skip_comment_excludes_the_next_block():
    assert texts("<!-- i18n-skip -->\nBỏ qua.\n\nGiữ.\n") == [("paragraph", "Giữ.")]


def test_math_block_inside_an_admonition_is_skipped():
    assert texts("!!! note\n    $$\n    E = mc^2\n    $$\n") == []


def test_front_matter_sources_give_one_message_per_title_and_note():
    source = ("---\ntitle: Trang\nsources:\n  - title: Luật số 41/2024/QH15\n    note: Điều 2\n"
              "    url: https://example.org/\n---\n\n# Trang\n")
    units = [(u.kind, u.text, u.line) for u in segment(source) if "source" in u.kind]
    assert units == [("front matter source title", "Luật số 41/2024/QH15", 4),
                     ("front matter source note", "Điều 2", 5)]


def test_an_impossible_date_in_front_matter_does_not_hide_the_title():
    units = segment("---\ntitle: Trang\nreviewed: 2026-13-25\n---\n\nNội dung.\n")
    assert [u.text for u in units] == ["Trang", "Nội dung."]


@settings(max_examples=400, deadline=None)
@given(raw=st.lists(st.sampled_from(["a", "Đ", "y", "n", "yes", "No", "null", "on", "1", "2024",
                                     "-01", "e", ".", " ", ",", "'", '"', "[", "]", "{", "}",
                                     "&", "*", "!", "|", ">", "%", "@", "`", "~", "#", ":",
                                     "/", "_", "inf", "nan", "0x", "Luật số 41/2024/QH15"]),
                    min_size=1, max_size=6).map("".join).map(str.strip).filter(bool))
def test_a_source_title_taken_as_written_is_what_yaml_reads(raw):
    """The segmenter skips YAML for a one-line title it can take as written: only when YAML
    would read the very same string, as a value in the front matter."""
    from mdbabel.segments import _plain_text_scalar, load_front_matter

    if _plain_text_scalar(raw):
        assert load_front_matter(f"sources:\n  - title: {raw}\n")["sources"][0]["title"] == raw


def test_the_block_rules_are_tried_in_the_order_of_their_priorities():
    """Python-Markdown's order: admonitions before tables, tables before headings, headings
    before lists and quotes, the paragraph last (it takes whatever is left)."""
    from mdbabel.segments import BLOCK_RULES

    names = BLOCK_RULES.names()
    assert names[-1] == "paragraph"
    assert names.index("admonition") < names.index("table") < names.index("atx heading") \
        < names.index("list") < names.index("blockquote") < names.index("definition")
    # the order decides: a table whose header row starts with "#" stays a table
    assert [u.kind for u in segment("#a | b\n--|--\nc | d\n")] == ["table cell"] * 4


def test_a_block_rule_is_added_by_registering_it():
    """A newcomer's construct: a block whose first line starts with "%%" is a comment."""
    from mdbabel.segments import BLOCK_RULES

    def comment(seg, block):
        return block.text.startswith("%%")

    source = "%% a note to editors\n\nVăn bản.\n"
    assert [u.text for u in segment(source)] == ["%% a note to editors", "Văn bản."]
    BLOCK_RULES.register(comment, "editor comment", 52)
    try:
        assert BLOCK_RULES.names().index("editor comment") == BLOCK_RULES.names().index("list") - 1
        assert [u.text for u in segment(source)] == ["Văn bản."]
        # the rules parse the blocks of every container too
        assert [u.text for u in segment("- %% mục\n- Mục\n")] == ["Mục"]
    finally:
        BLOCK_RULES.deregister("editor comment")
    assert [u.text for u in segment(source)] == ["%% a note to editors", "Văn bản."]


def test_the_registry_keeps_the_order_of_registration_for_equal_priorities():
    from mdbabel.segments.registry import Registry

    rules = Registry()
    for name, priority in (("b", 5), ("a", 5), ("c", 9), ("d", 1)):
        rules.register(name.upper(), name, priority)
    assert list(rules) == ["C", "B", "A", "D"]
    rules.register("A2", "a", 10)  # registering a name again replaces it
    assert list(rules) == ["A2", "C", "B", "D"] and "a" in rules and len(rules) == 4
