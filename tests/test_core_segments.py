"""Specifications of mdbabel.segments: which text of a page becomes a message."""

from mdbabel.segments import segment


def texts(source):
    return [(u.kind, u.text) for u in segment(source)]


def test_paragraph_soft_breaks_are_joined_with_one_space():
    assert texts("Một đoạn\nhai dòng.\n") == [("paragraph", "Một đoạn hai dòng.")]


def test_atx_heading_is_one_unit_with_its_level_in_the_comment():
    [unit] = segment("## Tiêu đề\n")
    assert (unit.kind, unit.text, unit.comment, unit.line) == ("heading", "Tiêu đề", "heading 2", 1)


def test_each_list_item_is_one_unit():
    assert texts("- một\n- hai\n") == [("list item", "một"), ("list item", "hai")]
