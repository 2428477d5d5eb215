"""Plain-language measures (mdbabel.readability) on small pages made here, not on the site's."""
from __future__ import annotations

import pytest

from mdbabel import readability
from mdbabel.readability import (built_path, format_report, measure_page, prose_blocks,
                                 reading_ease, sentences, site_report, syllables,
                                 syllables_per_sentence)


def page(article: str, around: str = "") -> str:
    return (f"<html><body><nav><p>Menu item that is not prose</p></nav>{around}"
            f"<article class='md-content__inner'>{article}</article>"
            "<footer><p>Theme footer</p></footer></body></html>")


def test_only_the_article_is_prose():
    blocks = prose_blocks(page("<p>Inside.</p>", around="<p>Outside the article.</p>"))
    assert blocks == ["Inside."]


def test_tables_code_and_preformatted_text_are_left_out():
    html = page("<p>Kept.</p><table><tr><td>A cell</td></tr></table>"
                "<pre><code>print('no')</code></pre><p>Run <code>make</code> now.</p>")
    assert prose_blocks(html) == ["Kept.", "Run now."]


def test_admonition_and_tab_labels_and_heading_anchors_are_left_out():
    html = page('<h2 id="a">Who pays?<a class="headerlink" href="#a">&para;</a></h2>'
                '<div class="admonition warning"><p class="admonition-title">Warning</p>'
                '<p>Check first.</p></div>'
                '<div class="tabbed-labels"><label>First tab</label></div>')
    assert prose_blocks(html) == ["Who pays?", "Check first."]


def test_the_facts_footer_inside_the_article_is_left_out():
    html = page('<p>Body.</p><footer class="mdbabel-facts"><p>Last checked</p>'
                '<ul><li>Law 41/2024/QH15</li></ul></footer>')
    assert prose_blocks(html) == ["Body."]


def test_every_block_ends_a_sentence():
    html = page("<h2>A heading</h2><ul><li>first item;</li><li>second item</li></ul>"
                "<p>Lead-in:</p><details><summary>Is it a question?</summary><p>Yes</p></details>")
    assert prose_blocks(html) == ["A heading.", "first item.", "second item.", "Lead-in.",
                                  "Is it a question?", "Yes."]


def test_nested_blocks_give_separate_sentences():
    html = page("<ol><li><p>Step one.</p><ul><li>detail</li></ul></li></ol>")
    assert prose_blocks(html) == ["Step one.", "detail."]


def test_blocks_without_letters_are_not_sentences():
    assert prose_blocks(page("<p>2.340.000</p><p>Words.</p>")) == ["Words."]


def test_a_page_without_article_is_read_whole():
    assert prose_blocks("<p>Just this.</p>") == ["Just this."]


def test_vietnamese_syllables_are_tokens_made_of_letters():
    assert syllables("Mức đóng là 8% của 2.340.000 đồng.") == 5  # Mức đóng là của đồng
    assert syllables("Luật 41/2024/QH15 (Điều 28).") == 2         # Luật Điều
    assert syllables("BHXH, “một lần”!") == 3


def test_vietnamese_syllables_count_decomposed_letters():
    decomposed = "Vie\u0302\u0323t Nam"  # Việt written with combining marks
    assert syllables(decomposed) == 2


def test_sentences_split_after_stops_but_not_inside_numbers():
    assert sentences(["Một câu. Câu hai? Số 2.340.000 ở đây!"]) == [
        "Một câu.", "Câu hai?", "Số 2.340.000 ở đây!"]


def test_syllables_per_sentence_is_the_mean_over_sentences():
    # 4 and 2 syllables: mean 3
    assert syllables_per_sentence(["Tôi đóng bảo hiểm. Rất tốt."]) == 3


def test_syllables_per_sentence_of_nothing_is_zero():
    assert syllables_per_sentence([]) == 0.0


def test_shorter_sentences_and_words_read_more_easily():
    hard = ["Notwithstanding the aforementioned considerations, contributions administered "
            "institutionally necessitate comprehensive documentation."]
    easy = ["You pay each month. The firm pays too. Keep your book."]
    assert reading_ease(easy) > readability.MIN_READING_EASE > reading_ease(hard)


def test_reading_ease_is_textstat_flesch_on_the_joined_blocks():
    import textstat  # pinned in pyproject.toml (test extra)

    blocks = ["The cat sat.", "It was warm in the sun all day."]
    assert reading_ease(blocks) == textstat.flesch_reading_ease(" ".join(blocks))


def test_measure_page_uses_syllables_for_vietnamese_and_flesch_otherwise():
    vietnamese = measure_page(page("<p>Bạn đóng tiền. Công ty đóng thêm.</p>"), "vi", "a.md")
    assert (vietnamese.measure, vietnamese.value, vietnamese.meets_target) == \
        ("syllables/sentence", 3.5, True)
    english = measure_page(page("<p>You pay. The firm pays.</p>"), "en", "a.md")
    assert english.measure == "reading ease" and english.meets_target


def test_a_long_vietnamese_sentence_misses_the_target():
    long_sentence = " ".join(["từ"] * 25) + "."
    assert not measure_page(page(f"<p>{long_sentence}</p>"), "vi", "a.md").meets_target


@pytest.mark.parametrize("source, language, expected", [
    ("index.md", "vi", "index.html"),
    ("faq.md", "vi", "faq/index.html"),
    ("faq.md", "en", "en/faq/index.html"),
    ("abroad/index.md", "en", "en/abroad/index.html"),
    ("abroad/korea.md", "vi", "abroad/korea/index.html"),
])
def test_built_path_follows_directory_urls_and_language_folders(tmp_path, source, language, expected):
    assert built_path(tmp_path, source, language, "vi") == tmp_path / expected


def test_site_report_measures_built_pages_and_lists_missing_ones(tmp_path):
    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "index.html").write_text(page("<p>Bạn đóng tiền.</p>"), encoding="utf-8")
    results, missing = site_report(tmp_path, ["faq.md"], ["vi", "en"], "vi")
    assert [(r.language, r.page) for r in results] == [("vi", "faq.md")]
    assert missing == ["en: faq.md"]


def test_report_shows_each_page_the_median_and_what_misses_the_target():
    results = [readability.PageReadability("en", "a.md", "reading ease", 50.0, False),
               readability.PageReadability("en", "b.md", "reading ease", 90.0, True),
               readability.PageReadability("vi", "a.md", "syllables/sentence", 20.0, False)]
    text = "\n".join(format_report(results, ["en: c.md"]))
    assert "en  a.md" in text and "50.0  (under target)" in text
    median_line = next(line for line in text.splitlines() if "(median)" in line)
    assert median_line.rstrip().endswith("70.0")  # median of 50 and 90, on the target
    assert "20.0  (over target)" in text
    assert "not built: en: c.md" in text


def test_omitted_end_tags_inside_a_left_out_table_do_not_hide_the_rest():
    html = page("<table><tr><td>cell<td>cell</table><p>After the table.</p>")
    assert prose_blocks(html) == ["After the table."]


def test_nested_left_out_elements_of_the_same_name_end_at_the_outer_one():
    html = page("<nav><nav><p>menu</p></nav><p>still menu</p></nav><p>Prose.</p>")
    assert prose_blocks(html) == ["Prose."]


def test_only_the_first_article_is_read():
    html = ("<article><p>First.</p><article><p>Nested.</p></article></article>"
            "<article><p>Second.</p></article>")
    assert prose_blocks(html) == ["First.", "Nested."]


def test_korean_is_measured_in_hangul_syllables_per_sentence_without_a_target():
    korean = measure_page(page("<p>국민연금은 연금입니다. 사회보험 2025년.</p>"), "ko", "a.md")
    assert (korean.measure, korean.value, korean.meets_target) == ("syllables/sentence", 7.5, True)
    assert korean.value == readability.hangul_syllables_per_sentence(["국민연금은 연금입니다. 사회보험 2025년."])
