"""A message whose only change is a link target or an anchor keeps its translation, with the
target rewritten, and is not fuzzy (issue 19); any other change still makes it fuzzy."""

from __future__ import annotations

from catalog_site import entry_block, make_site, po_text, translate_entry, update, write_page

from mdbabel.link_targets import carry_translation


def _site(tmp_path, text: str, translation: str) -> None:
    make_site(tmp_path, {"index.md": text + "\n"})
    update(tmp_path)
    translate_entry(tmp_path, text, translation)


def test_a_changed_anchor_keeps_the_translation_with_the_new_anchor(tmp_path):
    _site(tmp_path, "Xem [mức đóng](b.md#muc-cu).", "See [the rates](b.md#muc-cu).")
    write_page(tmp_path, "index.md", "Xem [mức đóng](b.md#muc-moi).\n")
    update(tmp_path)
    block = entry_block(po_text(tmp_path), "Xem [mức đóng](b.md#muc-moi).")
    assert 'msgstr "See [the rates](b.md#muc-moi)."' in block
    assert "fuzzy" not in block
    assert "muc-cu" not in po_text(tmp_path)  # not kept as an obsolete entry either


def test_a_moved_target_in_a_reference_and_in_html_is_rewritten():
    old = 'Xem [đây][r] và <a href="../faq.md#a">đó</a>.\n\n[r]: ../faq.md'
    new = old.replace("faq.md", "questions.md")
    assert carry_translation(old, new, 'See [here][r] and <a href="../faq.md#a">there</a>.\n\n'
                                       '[r]: ../faq.md') == \
        'See [here][r] and <a href="../questions.md#a">there</a>.\n\n[r]: ../questions.md'


def test_a_changed_word_and_target_is_fuzzy(tmp_path):
    _site(tmp_path, "Xem [mức đóng](b.md#muc-cu).", "See [the rates](b.md#muc-cu).")
    write_page(tmp_path, "index.md", "Xem [mức đóng mới](b.md#muc-moi).\n")
    update(tmp_path)
    block = entry_block(po_text(tmp_path), "Xem [mức đóng mới](b.md#muc-moi).")
    assert "#, fuzzy" in block
    assert 'msgstr "See [the rates](b.md#muc-cu)."' in block  # for the translator to review


def test_a_translation_without_the_old_target_is_fuzzy(tmp_path):
    # the translation does not hold the old target: there is nothing sure to rewrite
    _site(tmp_path, "Xem [mức đóng](b.md#muc-cu).", "See the rates.")
    write_page(tmp_path, "index.md", "Xem [mức đóng](b.md#muc-moi).\n")
    update(tmp_path)
    assert "#, fuzzy" in entry_block(po_text(tmp_path), "Xem [mức đóng](b.md#muc-moi).")


def test_one_target_that_became_two_is_not_guessed():
    assert carry_translation("[a](x.md) [b](x.md)", "[a](y.md) [b](x.md)",
                             "[A](x.md) [B](x.md)") is None
    assert carry_translation("[a](x.md) [b](x.md)", "[a](y.md) [b](y.md)",
                             "[B](x.md) [A](x.md)") == "[B](y.md) [A](y.md)"
