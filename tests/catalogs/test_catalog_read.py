"""Specifications of reading catalogs: validation errors name the file and line, and only
real translations (not fuzzy, not empty) are ever loaded."""

import os

import pytest
from catalog_site import make_site, po_path, translate_entry, update

from mdbabel import catalogs
from mdbabel.catalogs import CatalogError, load_translations, read_po_file

HEADER = ('msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n')


def write_po(tmp_path, body, lang="en", header=None):
    path = tmp_path / "locales" / lang / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((HEADER.format(lang=lang) if header is None else header) + body,
                    encoding="utf-8")
    return path


def error_of(path, **options):
    with pytest.raises(CatalogError) as caught:
        read_po_file(path, shown="locales/en/LC_MESSAGES/x.po", **options)
    return str(caught.value)


def test_duplicate_message_names_file_line_and_fix(tmp_path):
    path = write_po(tmp_path, '\nmsgid "Một"\nmsgstr "One"\n\nmsgid "Một"\nmsgstr "Uno"\n')
    assert error_of(path) == ('locales/en/LC_MESSAGES/x.po:9: duplicate message "Một" '
                              "(first at line 6); remove one of the two entries")


def test_same_msgid_with_another_msgctxt_is_not_a_duplicate(tmp_path):
    path = write_po(tmp_path, '\nmsgid "Mở"\nmsgstr "Open"\n\n'
                              'msgctxt "nút"\nmsgid "Mở"\nmsgstr "Open"\n')
    assert len(read_po_file(path).catalog) == 2


def test_syntax_error_names_the_line(tmp_path):
    path = write_po(tmp_path, '\nmsgid "Một"\nmsgstr "One"\nbogus "x"\n')
    assert error_of(path).startswith("locales/en/LC_MESSAGES/x.po:8: unknown keyword")


def test_unterminated_string_names_the_line(tmp_path):
    path = write_po(tmp_path, '\nmsgid "Một"\nmsgstr "One\n')
    assert error_of(path).startswith("locales/en/LC_MESSAGES/x.po:7: malformed string")


def test_entry_without_msgstr_is_an_error(tmp_path):
    path = write_po(tmp_path, '\nmsgid "Một"\n\nmsgid "Hai"\nmsgstr ""\n')
    assert error_of(path).startswith("locales/en/LC_MESSAGES/x.po:6:")


def test_missing_header_is_an_error(tmp_path):
    path = write_po(tmp_path, 'msgid "Một"\nmsgstr "One"\n', header="")
    assert error_of(path).startswith('locales/en/LC_MESSAGES/x.po:1: missing header entry')


def test_header_line_without_colon_is_an_error(tmp_path):
    header = 'msgid ""\nmsgstr ""\n"Language en\\n"\n'
    path = write_po(tmp_path, "", header=header)
    assert 'header line "Language en" is not "Name: value"' in error_of(path).replace("'", '"')


def test_language_header_must_match_the_folder(tmp_path):
    path = write_po(tmp_path, "", lang="en", header=HEADER.format(lang="fr"))
    assert error_of(path) == ('locales/en/LC_MESSAGES/x.po:2: Language header "fr" does not '
                              'match the folder "en"; set "Language: en\\n" or move the file')


def test_unknown_language_is_an_error(tmp_path):
    path = write_po(tmp_path, "", lang="en", header=HEADER.format(lang="xx-nowhere"))
    assert "unknown language \"xx-nowhere\"" in error_of(path)


def test_charset_must_be_utf8(tmp_path):
    header = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=latin-1\\n"\n'
    path = write_po(tmp_path, "", header=header)
    assert "charset=UTF-8" in error_of(path)


def test_bytes_that_are_not_utf8_name_their_line(tmp_path):
    path = write_po(tmp_path, '\nmsgid "x"\nmsgstr "caf\xe9"\n')
    path.write_bytes(path.read_bytes().replace("é".encode(), b"\xe9"))
    assert error_of(path).startswith("locales/en/LC_MESSAGES/x.po:7: not UTF-8 text")


def test_previous_msgid_is_read_back(tmp_path):
    path = write_po(tmp_path, '\n#, fuzzy\n#| msgid "Cũ "\n#| "hơn"\nmsgid "Mới"\nmsgstr "New"\n')
    message = read_po_file(path).catalog.get("Mới")
    assert message.previous_id == ["Cũ hơn"] and message.fuzzy


def test_loaded_translations_skip_fuzzy_and_empty_entries(tmp_path):
    path = write_po(tmp_path, '\nmsgid "Một"\nmsgstr "One"\n\n#, fuzzy\nmsgid "Hai"\nmsgstr "Two"\n'
                              '\nmsgid "Ba"\nmsgstr ""\n')
    assert set(load_translations(path)) == {(None, "Một")}


def test_translation_origin_is_the_line_of_its_msgstr(tmp_path):
    path = write_po(tmp_path, '\nmsgctxt "số"\nmsgid "Một"\nmsgstr ""\n"One"\n')
    [(key, translation)] = load_translations(path, root=tmp_path).items()
    assert key == ("số", "Một")
    assert (translation.text, translation.origin) == ("One", "locales/en/LC_MESSAGES/x.po:8")


def test_saved_catalog_is_seen_without_restart(tmp_path):
    path = write_po(tmp_path, '\nmsgid "Một"\nmsgstr "One"\n')
    assert load_translations(path)[(None, "Một")].text == "One"
    path.write_text(path.read_text(encoding="utf-8").replace('"One"', '"Uno"'), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_translations(path)[(None, "Một")].text == "Uno"


def test_lookup_answers_by_msgid_and_msgctxt(tmp_path):
    path = write_po(tmp_path, '\nmsgctxt "nút"\nmsgid "Mở"\nmsgstr "Open"\n')
    lookup = catalogs.make_lookup(load_translations(path))
    assert lookup("Mở", "nút").text == "Open"
    assert lookup("Mở", None) is None


def test_fuzzy_carried_translation_is_never_loaded(tmp_path):
    make_site(tmp_path, {"index.md": "Người lao động đóng 8% tiền lương.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Người lao động đóng 8% tiền lương.", "Employees pay 8% of pay.")
    (tmp_path / "docs/index.md").write_text("Người lao động đóng 10,5% tiền lương.\n",
                                            encoding="utf-8")
    update(tmp_path)
    assert load_translations(po_path(tmp_path)) == {}
