"""Translated headings keep the ids toc gives their source headings, on pages whose
headings repeat, carry explicit ids or sit beside attribute-list ids (the cases where
toc's uniqueness rule adds ``_1``, ``_2`` suffixes)."""

from __future__ import annotations

import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from mdbabel.translate import Translation, markdown_config, translate_markdown

WORDS = ["Đóng bảo hiểm", "Mức hưởng", "Hồ sơ", "Câu hỏi", "muc", "1", "Thủ tục"]
EXPLICIT = ["muc", "muc_1", "muc_2", "ho-so", "ho-so_1", "x"]


def ids(html: str) -> list[str]:
    return re.findall(r'<h[1-6][^>]*\bid="([^"]*)"', html)


def render(source: str) -> str:
    return markdown.Markdown(**markdown_config()).convert(source)


def english(msgid, msgctxt):
    return Translation("In English " + "x" * len(msgid), "en.po:1")


block = st.one_of(
    st.builds(lambda level, text: "#" * level + " " + text,
              st.integers(1, 4), st.sampled_from(WORDS)),
    st.builds(lambda level, text, explicit: f"{'#' * level} {text} {{ #{explicit} }}",
              st.integers(1, 4), st.sampled_from(WORDS), st.sampled_from(EXPLICIT)),
    st.builds(lambda explicit: f"Đoạn văn.\n{{: #{explicit} }}", st.sampled_from(EXPLICIT)),
    st.just("Một đoạn văn thường."),
    st.builds(lambda text: f"## {text} *nhấn mạnh*", st.sampled_from(WORDS)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(block, min_size=1, max_size=12))
def test_translated_headings_render_with_the_ids_of_their_source(blocks):
    source = "\n\n".join(blocks)
    translated = translate_markdown(source, english).markdown
    assert ids(render(translated)) == ids(render(source))


def test_repeated_heading_beside_an_explicit_suffixed_id_keeps_the_source_ids():
    source = "## Mức hưởng\n\n## Mức hưởng { #muc-huong_1 }\n\n## Mức hưởng"
    assert ids(render(source)) == ["muc-huong", "muc-huong_1", "muc-huong_2"]
    translated = translate_markdown(source, english).markdown
    assert ids(render(translated)) == ["muc-huong", "muc-huong_1", "muc-huong_2"]
