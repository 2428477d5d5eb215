"""Translators' everyday mistakes with the files. Translations typed into a template
(`locales/templates/*.pot`, which looks just like a catalog in a text editor). `make check`
said "out of date; run `make catalogs`", and `make catalogs` then wrote the template anew:
every such translation was gone. Now both stop with one line and write nothing. A
translation typed over the msgid (msgstr left empty) was dropped by `make catalogs` as an
untranslated entry; it is now kept as an obsolete entry."""

from __future__ import annotations

import pytest
from catalog_site import make_site, update

from mdbabel.catalogs import CatalogError
from mdbabel.cli import main

PAGE = "# Thuật ngữ\n\nBảo hiểm xã hội là gì?\n\nBảo hiểm y tế là gì?\n"


@pytest.fixture
def site(tmp_path):
    make_site(tmp_path, {"index.md": PAGE})
    update(tmp_path)
    template = tmp_path / "locales" / "templates" / "index.pot"
    text = template.read_text(encoding="utf-8")
    line = text[: text.index('msgid "Bảo hiểm xã hội là gì?"')].count("\n") + 2
    template.write_text(text.replace('msgid "Bảo hiểm xã hội là gì?"\nmsgstr ""',
                                     'msgid "Bảo hiểm xã hội là gì?"\nmsgstr "What is social insurance?"')
                        .replace('msgid "Bảo hiểm y tế là gì?"\nmsgstr ""',
                                 'msgid "Bảo hiểm y tế là gì?"\nmsgstr "What is health insurance?"'),
                        encoding="utf-8")
    return tmp_path, template, line


def _expected(line: int) -> str:
    return (f"locales/templates/index.pot:{line}: the template holds 2 translation(s), which "
            "`make catalogs` would overwrite (templates are generated); put them into the catalog "
            "of their language, locales/LANG/LC_MESSAGES/index.po, then restore the template "
            "(`git checkout -- locales/templates/index.pot`)")


def test_make_catalogs_keeps_translations_typed_into_a_template(site):
    root, template, line = site
    before = template.read_bytes()
    with pytest.raises(CatalogError) as caught:
        update(root)
    assert str(caught.value) == _expected(line)
    assert template.read_bytes() == before


def test_make_check_names_the_template_instead_of_asking_for_make_catalogs(site, capsys):
    root, _, line = site
    assert main(["check", "--catalogs-only", "--root", str(root)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert _expected(line) in err
    assert not any("out of date" in row for row in err)


def test_a_template_as_the_tools_write_it_is_updated_as_before(tmp_path):
    make_site(tmp_path, {"index.md": PAGE})
    update(tmp_path)
    (tmp_path / "docs" / "index.md").write_text(PAGE + "\nMột câu mới.\n", encoding="utf-8")
    update(tmp_path)
    assert 'msgid "Một câu mới."' in (tmp_path / "locales/templates/index.pot").read_text("utf-8")


def _catalog(root):
    return (root / "locales" / "en" / "LC_MESSAGES" / "index.po")


def test_a_translation_typed_over_the_msgid_is_kept(tmp_path):
    """The translator wrote the English over the Vietnamese msgid and left msgstr empty: the
    entry is no text of the page, and an untranslated entry was dropped without a word."""
    make_site(tmp_path, {"index.md": PAGE})
    update(tmp_path)
    path = _catalog(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgid "Bảo hiểm y tế là gì?"', 'msgid "What is health insurance?"'),
                    encoding="utf-8")
    update(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert '#~ msgid "What is health insurance?"\n#~ msgstr ""\n' in text
    assert 'msgid "Bảo hiểm y tế là gì?"\nmsgstr ""\n' in text  # the page's entry is back
    update(tmp_path)  # and it stays
    assert '#~ msgid "What is health insurance?"' in path.read_text(encoding="utf-8")


def test_an_untranslated_entry_of_a_changed_text_is_still_dropped(tmp_path):
    make_site(tmp_path, {"index.md": PAGE})
    update(tmp_path)
    (tmp_path / "docs" / "index.md").write_text(PAGE.replace("Bảo hiểm y tế là gì?",
                                                             "Bảo hiểm y tế dùng để làm gì?"),
                                                encoding="utf-8")
    update(tmp_path)
    text = _catalog(tmp_path).read_text(encoding="utf-8")
    assert "Bảo hiểm y tế là gì?" not in text and "#~" not in text


def test_an_editors_lock_file_beside_the_catalog_is_no_catalog(tmp_path, capsys):
    """Emacs keeps `.#index.po` (a link to nowhere) beside a catalog being edited: `make
    check` failed while the translator worked ("page docs/.#index.md no longer exists")."""
    make_site(tmp_path, {"index.md": PAGE})
    update(tmp_path)
    folder = tmp_path / "locales" / "en" / "LC_MESSAGES"
    (folder / ".#index.po").symlink_to("translator@host.4242:1700000000")
    (folder / ".backup").mkdir()
    (folder / ".backup" / "index.po").write_bytes((folder / "index.po").read_bytes())
    assert update(tmp_path).orphaned == []
    assert main(["check", "--catalogs-only", "--root", str(tmp_path)]) == 0
    assert "no longer exists" not in capsys.readouterr().err


def test_a_catalog_saved_one_folder_off_is_named(tmp_path, capsys):
    """Poedit's "Save as" one folder off (`locales/en/index.po`): no tool read it, the
    translations reached no page, and `make check` passed."""
    make_site(tmp_path, {"index.md": PAGE})
    update(tmp_path)
    folder = tmp_path / "locales" / "en"
    (folder / "index.po").write_bytes((folder / "LC_MESSAGES" / "index.po").read_bytes())
    assert main(["check", "--catalogs-only", "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "locales/en/index.po: not in the catalog folder, so no tool reads it and its translations "
        "reach no page; move it to locales/en/LC_MESSAGES/index.po (if that catalog exists, copy "
        "its translations into it instead)")
