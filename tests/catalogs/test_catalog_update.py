"""Specifications of `mdbabel update` (catalogs.update_catalogs): never lose a translation,
and write the same bytes when nothing changed."""

from catalog_site import (entry_block, make_site, po_path, po_text, translate_entry, update,
                          write_page)

from mdbabel import catalogs
from mdbabel.catalogs import merge
from mdbabel.po import write as po_write


def test_each_page_gets_a_template_and_a_catalog_per_language(tmp_path):
    make_site(tmp_path, {"index.md": "# Trang chủ\n", "guides/x.md": "Đoạn.\n"},
              languages=("en", "fr"))
    update(tmp_path)
    for path in ("locales/templates/index.pot", "locales/templates/guides/x.pot",
                 "locales/templates/_site.pot", "locales/en/LC_MESSAGES/guides/x.po",
                 "locales/fr/LC_MESSAGES/guides/x.po", "locales/fr/LC_MESSAGES/_site.po"):
        assert (tmp_path / path).is_file(), path


def test_locations_are_repo_relative_files_without_line_numbers(tmp_path):
    # File only (issue 19, quiet diffs): with line numbers, a line added at the top of a page
    # rewrote the reference of every entry below it. The entries keep the page's order.
    make_site(tmp_path, {"guides/x.md": "# Tiêu đề\n\nĐoạn một.\n\nĐoạn hai.\n"})
    update(tmp_path)
    text = po_text(tmp_path, "guides/x")
    assert "#: docs/guides/x.md\nmsgid \"Đoạn một.\"" in text
    assert "docs/guides/x.md:" not in text
    assert text.index("Tiêu đề") < text.index("Đoạn một.") < text.index("Đoạn hai.")


def test_unit_comment_becomes_the_extracted_comment(tmp_path):
    make_site(tmp_path, {"index.md": "## Tiêu đề\n"})
    update(tmp_path)
    assert entry_block(po_text(tmp_path), "Tiêu đề").startswith("#. heading 2\n")


def test_author_context_becomes_msgctxt(tmp_path):
    make_site(tmp_path, {"index.md": "<!-- i18n-context: nút bấm -->\nMở\n\nMở\n"})
    update(tmp_path)
    text = po_text(tmp_path)
    assert 'msgctxt "nút bấm"\nmsgid "Mở"' in text
    assert text.count('msgid "Mở"') == 2


def test_changed_message_keeps_the_translation_as_fuzzy_with_previous_msgid(tmp_path):
    make_site(tmp_path, {"index.md": "Người lao động đóng 8% tiền lương.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Người lao động đóng 8% tiền lương.", "Employees pay 8% of pay.")
    write_page(tmp_path, "index.md", "Người lao động đóng 10,5% tiền lương.\n")
    update(tmp_path)
    block = entry_block(po_text(tmp_path), "Người lao động đóng 10,5% tiền lương.")
    assert "#, fuzzy\n" in block
    assert '#| msgid "Người lao động đóng 8% tiền lương."\n' in block
    assert block.endswith('msgstr "Employees pay 8% of pay."')


def test_removed_message_is_kept_as_obsolete_entry(tmp_path):
    make_site(tmp_path, {"index.md": "# Trang chủ\n\nĐoạn sẽ bị xoá.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Đoạn sẽ bị xoá.", "A paragraph to be removed.")
    write_page(tmp_path, "index.md", "# Trang chủ\n")
    update(tmp_path)
    text = po_text(tmp_path)
    assert '#~ msgid "Đoạn sẽ bị xoá."\n#~ msgstr "A paragraph to be removed."\n' in text


def test_message_that_comes_back_gets_its_translation_back(tmp_path):
    make_site(tmp_path, {"index.md": "# Trang chủ\n\nĐoạn tạm thời.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Đoạn tạm thời.", "A temporary paragraph.")
    write_page(tmp_path, "index.md", "# Trang chủ\n")
    update(tmp_path)
    write_page(tmp_path, "index.md", "# Trang chủ\n\nĐoạn tạm thời.\n")
    update(tmp_path)
    text = po_text(tmp_path)
    assert 'msgid "Đoạn tạm thời."\nmsgstr "A temporary paragraph."\n' in text
    assert "#~" not in text


def test_message_still_in_the_page_is_not_a_fuzzy_source_for_a_new_one(tmp_path):
    make_site(tmp_path, {"index.md": "- Chọn tất cả\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Chọn tất cả", "Select all")
    write_page(tmp_path, "index.md", "- Chọn tất cả\n- Bỏ chọn tất cả\n")
    update(tmp_path)
    assert entry_block(po_text(tmp_path), "Bỏ chọn tất cả").endswith('msgstr ""')


def test_short_texts_are_not_fuzzy_matched_on_a_loose_resemblance(tmp_path):
    make_site(tmp_path, {"index.md": "## Mức đóng\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Mức đóng", "Contribution rates")
    write_page(tmp_path, "index.md", "## Mức hưởng\n")
    update(tmp_path)
    block = entry_block(po_text(tmp_path), "Mức hưởng")
    assert "fuzzy" not in block and block.endswith('msgstr ""')
    assert '#~ msgstr "Contribution rates"' in po_text(tmp_path)


def test_fuzzy_entry_stays_fuzzy_with_its_previous_msgid_on_later_updates(tmp_path):
    make_site(tmp_path, {"index.md": "Người lao động đóng 8% tiền lương.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Người lao động đóng 8% tiền lương.", "Employees pay 8% of pay.")
    write_page(tmp_path, "index.md", "Người lao động đóng 10,5% tiền lương.\n")
    update(tmp_path)
    write_page(tmp_path, "index.md", "# Mới\n\nNgười lao động đóng 10,5% tiền lương.\n")
    update(tmp_path)
    block = entry_block(po_text(tmp_path), "Người lao động đóng 10,5% tiền lương.")
    assert "#, fuzzy\n" in block and '#| msgid "Người lao động đóng 8% tiền lương."' in block


def test_translator_comments_are_kept(tmp_path):
    make_site(tmp_path, {"index.md": "Đoạn.\n"})
    update(tmp_path)
    path = po_path(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        '#. paragraph\n', '# checked by Lan\n#. paragraph\n'), encoding="utf-8")
    write_page(tmp_path, "index.md", "# Mới\n\nĐoạn.\n")
    update(tmp_path)
    assert entry_block(po_text(tmp_path), "Đoạn.").startswith("# checked by Lan\n#. paragraph")


def test_second_update_changes_no_byte(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    make_site(tmp_path, {"index.md": "# Trang chủ\n\n- 50% do người lao động đóng\n",
                         "a/b.md": "Đoạn rất dài " * 20 + "\n"})
    update(tmp_path)
    before = {p: p.read_bytes() for p in (tmp_path / "locales").rglob("*.po*")}
    plan = update(tmp_path)
    assert plan.changes == []
    assert {p: p.read_bytes() for p in (tmp_path / "locales").rglob("*.po*")} == before


def test_source_date_epoch_sets_the_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    make_site(tmp_path)
    update(tmp_path)
    text = po_text(tmp_path)
    assert '"POT-Creation-Date: 2023-11-14 22:13+0000\\n"' in text
    assert '"PO-Revision-Date: 2023-11-14 22:13+0000\\n"' in text


def test_headers_name_the_language_and_its_plural_forms(tmp_path):
    make_site(tmp_path, languages=("en", "ja"))
    update(tmp_path)
    assert '"Language: en\\n"' in po_text(tmp_path)
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in po_text(tmp_path)
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in po_text(tmp_path, lang="ja")
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in po_text(tmp_path)


def test_percent_text_gets_no_python_format_flag(tmp_path):
    make_site(tmp_path, {"index.md": "Chiếm 50% do người lao động đóng, {x} còn lại.\n"})
    update(tmp_path)
    for path in (tmp_path / "locales").rglob("*.po*"):
        assert "python-format" not in path.read_text(encoding="utf-8")
        assert "python-brace-format" not in path.read_text(encoding="utf-8")


def test_lines_are_wrapped_at_79_characters(tmp_path):
    make_site(tmp_path, {"index.md": "Một câu dài về bảo hiểm xã hội bắt buộc. " * 6 + "\n"})
    update(tmp_path)
    text = po_text(tmp_path)
    assert 'msgid ""\n"Một câu dài' in text
    assert max(len(line) for line in text.splitlines()) <= 79


def test_messages_are_ordered_by_first_location(tmp_path):
    make_site(tmp_path, {"index.md": "Ba.\n\nMột.\n\nHai.\n\nMột.\n"})
    update(tmp_path)
    text = po_text(tmp_path)
    assert text.index('"Ba."') < text.index('"Một."') < text.index('"Hai."')
    # one reference per file, without line numbers (quiet diffs, issue 19)
    assert entry_block(text, "Một.").count("#: docs/index.md\n") == 1


def test_removed_page_keeps_its_catalog_and_is_reported(tmp_path):
    make_site(tmp_path, {"index.md": "# Trang chủ\n", "old.md": "Cũ.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Cũ.", "Old.", domain="old")
    (tmp_path / "docs" / "old.md").unlink()
    plan = update(tmp_path)
    assert 'msgstr "Old."' in po_text(tmp_path, "old")
    assert not (tmp_path / "locales/templates/old.pot").exists()
    [notice] = plan.orphaned
    assert notice.startswith("locales/en/LC_MESSAGES/old.po: page docs/old.md no longer exists")


def test_update_never_overwrites_a_malformed_catalog(tmp_path):
    make_site(tmp_path, {"index.md": "Đoạn.\n"})
    update(tmp_path)
    good = po_text(tmp_path)
    assert good.endswith('msgstr ""\n')
    broken = good[: -len('msgstr ""\n')] + 'msgstr "unterminated\n'

    po_path(tmp_path).write_text(broken, encoding="utf-8")
    write_page(tmp_path, "index.md", "Đoạn khác.\n")
    try:
        update(tmp_path)
    except catalogs.CatalogError as error:
        assert str(error).startswith("locales/en/LC_MESSAGES/index.po:")
    else:
        raise AssertionError("update accepted a malformed catalog")
    assert po_text(tmp_path) == broken


def test_update_reports_a_catalog_that_is_not_utf8_and_keeps_it(tmp_path):
    make_site(tmp_path, {"index.md": "Đoạn.\n"})
    update(tmp_path)
    latin1 = po_text(tmp_path).encode("utf-8") + "\n# ghi chú: café\n".encode("latin-1")
    po_path(tmp_path).write_bytes(latin1)
    write_page(tmp_path, "index.md", "Đoạn khác.\n")
    try:
        update(tmp_path)
    except catalogs.CatalogError as error:
        lines = latin1.count(b"\n")
        assert str(error).startswith(f"locales/en/LC_MESSAGES/index.po:{lines}: not UTF-8 text")
    else:
        raise AssertionError("update accepted a catalog that is not UTF-8")
    assert po_path(tmp_path).read_bytes() == latin1


def test_translation_follows_as_fuzzy_when_the_author_adds_a_context(tmp_path):
    make_site(tmp_path, {"index.md": "Mở\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Mở", "Open")
    write_page(tmp_path, "index.md", "<!-- i18n-context: nút bấm -->\nMở\n")
    update(tmp_path)
    block = entry_block(po_text(tmp_path), "Mở")
    assert 'msgctxt "nút bấm"' in block and "#, fuzzy" in block
    assert block.endswith('msgstr "Open"')


def test_long_lines_never_break_inside_a_figure_placeholder(tmp_path):
    make_site(tmp_path, {"index.md": "Bạn đóng {{ employee_si_rate }} tiền lương vào bảo hiểm "
                                     "xã hội và {{ hi_employee_rate }} vào bảo hiểm y tế.\n"})
    update(tmp_path)
    assert '"Bạn đóng {{ employee_si_rate }} tiền lương vào bảo hiểm xã hội và "\n' \
           '"{{ hi_employee_rate }} vào bảo hiểm y tế."\n' in po_text(tmp_path)


def test_update_after_fuzzy_and_obsolete_entries_is_byte_identical_the_second_time(tmp_path):
    long_text = "Người lao động nước ngoài đóng bảo hiểm xã hội bắt buộc theo mức lương. " * 3
    make_site(tmp_path, {"index.md": f"{long_text.strip()}\n\nĐoạn bỏ.\n\n"
                                     "<!-- i18n-context: nút -->\nMở\n"})
    update(tmp_path)
    path = po_path(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgstr ""\n', 'msgstr "Translated."\n')
                    .replace('msgid ""\nmsgstr "Translated."\n', 'msgid ""\nmsgstr ""\n', 1),
                    encoding="utf-8")
    write_page(tmp_path, "index.md", long_text.replace("mức lương", "tiền lương").strip() + "\n")
    update(tmp_path)
    text = po_text(tmp_path)
    assert "#, fuzzy\n#| msgid \"\"\n#| \"Người lao động" in text and "#~ msgid" in text
    assert update(tmp_path).changes == []
    assert po_text(tmp_path) == text


def test_catalog_rewrapped_by_an_editor_keeps_its_revision_date(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    make_site(tmp_path, {"index.md": "Một câu khá dài về bảo hiểm xã hội bắt buộc. " * 3 + "\n"})
    update(tmp_path)
    path = po_path(tmp_path)
    po = catalogs.read_po_file(path)
    headers = [(name, "2001-02-03 04:05+0000" if name == "PO-Revision-Date" else value)
               for name, value in po.headers]
    with monkeypatch.context() as editor:  # an editor that saves without wrapping
        editor.setattr(po_write, "WIDTH", 1000)  # where render_catalog reads it
        path.write_text(catalogs.render_catalog(po.catalog, headers), encoding="utf-8")
    update(tmp_path)
    text = po_text(tmp_path)
    assert '"PO-Revision-Date: 2001-02-03 04:05+0000\\n"' in text
    assert max(len(line) for line in text.splitlines()) <= 79


def test_flags_added_by_translation_tools_are_kept(tmp_path):
    make_site(tmp_path, {"index.md": "Xem [đây](a.md).\n"})
    update(tmp_path)
    path = po_path(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "#: docs/index.md\n", "#: docs/index.md\n#, md-text\n"), encoding="utf-8")
    write_page(tmp_path, "index.md", "# Mới\n\nXem [đây](a.md).\n")
    update(tmp_path)
    assert "#: docs/index.md\n#, md-text\nmsgid" in entry_block(po_text(tmp_path),
                                                                "Xem [đây](a.md).")


def test_language_with_a_region_gets_the_gettext_spelling_in_its_header(tmp_path):
    make_site(tmp_path, languages=("pt-BR",))
    update(tmp_path)
    text = po_text(tmp_path, lang="pt-BR")
    assert '"Language: pt_BR\\n"' in text
    # the plural rule is Babel's (CLDR's) for pt_BR; it changed between Babel releases
    from babel.messages.plurals import get_plural

    from mdbabel.catalogs import read_po_file

    po = read_po_file(tmp_path / "locales" / "pt-BR" / "LC_MESSAGES" / "index.po", language="pt-BR")
    assert po.header("Plural-Forms") == str(get_plural("pt_BR"))
    assert update(tmp_path).changes == []


def test_previous_msgid_survives_an_edit_through_babels_own_reader_and_writer(tmp_path):
    from babel.messages.pofile import read_po, write_po

    make_site(tmp_path, {"index.md": "Người lao động đóng 8% tiền lương.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Người lao động đóng 8% tiền lương.", "Employees pay 8% of pay.")
    write_page(tmp_path, "index.md", "Người lao động đóng 10,5% tiền lương.\n")
    update(tmp_path)
    with po_path(tmp_path).open("rb") as stream:
        catalog = read_po(stream)  # keeps "#| msgid" as the comment "| msgid ..."
    with po_path(tmp_path).open("wb") as stream:
        write_po(stream, catalog, width=76)
    update(tmp_path)
    block = entry_block(po_text(tmp_path), "Người lao động đóng 10,5% tiền lương.")
    assert '#, fuzzy\n#| msgid "Người lao động đóng 8% tiền lương."\n' in block
    assert "# |" not in block


# ------------------------------------------------------------------ building blocks, exactly

from babel.messages.catalog import Catalog, Message  # noqa: E402
from babel.messages.pofile import escape  # noqa: E402
from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_texts = st.lists(st.sampled_from(list("ab đ%s{x}()\n\t\"\\") + ["%(n)d", "{{ fig }}", "{0}",
                                                                "%%"]), max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(msgid=_texts, plural=st.none() | _texts, context=st.none() | _texts,
       comments=st.lists(st.sampled_from(["page title", "table cell", "page title"]), max_size=3))
def test_merged_messages_start_as_babel_would_make_them(msgid, plural, context, comments):
    """merge_catalog copies a template message without calling Message() again: same fields."""
    template = Catalog(fuzzy=True)
    msgid = (msgid or "x", plural) if plural is not None else (msgid or "x")
    template.add(msgid, None, [("docs/a.md", 3), ("docs/a.md", 3), ("docs/b.md", 1)],
                 auto_comments=comments, context=context)
    [new] = [m for m in template if m.id]
    expected = Message(new.id, locations=new.locations, auto_comments=new.auto_comments,
                       context=new.context)
    copy = merge._fresh_copy(new)
    assert vars(copy) == vars(expected)
    copy.locations.append(("docs/c.md", 9))
    copy.flags.add("fuzzy")
    assert ("docs/c.md", 9) not in new.locations and "fuzzy" not in new.flags


_wrap_texts = st.lists(st.sampled_from(list("ab ăđ \n\t\"\\{}") + ["{{ fig }}", "{{x", "  ",
                                                                   "word" * 25, "ab ", "cd",
                                                                   "ăđ "]),
                      max_size=150).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_wrap_texts, prefix=st.sampled_from(["", "#~ ", "#| "]))
# lines exactly as wide as allowed, and one character wider
@example(text="ab " * 25 + "c y", prefix="")
@example(text="ab " * 25 + "cd y", prefix="")
@example(text="ab " * 24 + "c y", prefix="#~ ")
@example(text="ab " * 25 + "\n" + "y", prefix="")
@example(text="ab " * 25 + "c\ny", prefix="")
@example(text="ab " * 24 + 'c" y', prefix="")
@example(text="ab " * 25 + "{{ x }} y", prefix="")
def test_po_lines_are_filled_greedily_and_say_the_text(text, prefix):
    """GNU's layout: one line if it fits, else lines broken after spaces and newlines, each
    as full as it can be (a chunk too wide for any line gets one to itself)."""
    from babel.messages.pofile import unescape

    lines = po_write._wrap("msgid", text, prefix)
    assert all(line.startswith(prefix) for line in lines)
    body = [line[len(prefix):] for line in lines]
    if len(body) == 1:
        assert body[0] == "msgid " + escape(text)
        assert len(lines[0]) <= catalogs.WIDTH and "\n" not in text[:-1]
        return
    assert body[0] == 'msgid ""'
    strings = [unescape(string) for string in body[1:]]
    assert "".join(strings) == text
    for index, (line, string) in enumerate(zip(lines[1:], strings)):
        chunks = po_write._CHUNK.findall(string)
        assert len(line) <= catalogs.WIDTH or len(chunks) == 1
        assert "\n" not in string[:-1]
        following = strings[index + 1] if index + 1 < len(strings) else None
        if following is not None and not string.endswith("\n"):
            first = po_write._CHUNK.findall(following)[0]
            assert len(line) + len(escape(first)) - 2 > catalogs.WIDTH, (line, first)
