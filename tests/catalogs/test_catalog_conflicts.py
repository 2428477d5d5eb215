"""A catalog with a git merge conflict left in it (two translators, or Weblate and a hand
edit): every tool says so in one line, with the line of the conflict and how to resolve it.
`mdbabel check` printed Babel's own ``WARNING:`` lines besides (the lenient reader of the
link check), and the one line said "unknown keyword"."""

from __future__ import annotations

import pytest
from catalog_site import make_site, po_path, translate_entry, update

from mdbabel.catalogs import CatalogError, read_po_file
from mdbabel.cli import main
from mdbabel.po.read import read_po_lenient

HEADER = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
CONFLICTED = HEADER + ('\nmsgid "Một"\n<<<<<<< HEAD\nmsgstr "One"\n=======\nmsgstr "One."\n'
                       '>>>>>>> weblate/main\n')


def test_the_reader_names_the_conflict_and_its_fix(tmp_path):
    path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True)
    path.write_text(CONFLICTED, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_po_file(path, shown="locales/en/LC_MESSAGES/x.po")
    assert str(caught.value) == ("locales/en/LC_MESSAGES/x.po:7: unresolved git merge conflict; "
                                 "keep the entry you want and delete the `<<<<<<<`, `=======` "
                                 "and `>>>>>>>` lines")


def test_the_lenient_reader_prints_nothing(tmp_path, capsys):
    path = tmp_path / "x.po"
    path.write_text(CONFLICTED, encoding="utf-8")
    read_po_lenient(path)
    assert capsys.readouterr() == ("", "")


def test_check_prints_one_line_for_a_conflicted_catalog(tmp_path, capsys):
    make_site(tmp_path, {"index.md": "# Trang chủ\n\n[Một](index.md) câu.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Trang chủ", "Home")
    path = po_path(tmp_path)
    text = path.read_text(encoding="utf-8")
    line = text[: text.index('msgstr "Home"')].count("\n") + 1
    path.write_text(text.replace('msgstr "Home"\n', '<<<<<<< HEAD\nmsgstr "Home"\n=======\n'
                                 'msgstr "Start"\n>>>>>>> other\n'), encoding="utf-8")
    status = main(["check", "--root", str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 1
    assert "WARNING" not in out + err
    assert [row for row in err.splitlines() if "x.po" in row or "index.po" in row] == [
        f"locales/en/LC_MESSAGES/index.po:{line}: unresolved git merge conflict; keep the entry "
        "you want and delete the `<<<<<<<`, `=======` and `>>>>>>>` lines"]


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff"])
def test_an_emptied_catalog_says_how_to_get_it_back(tmp_path, text):
    """An editor that crashed while saving leaves an empty file: the fix is not to "add the
    header entry" (what the reader said), but to restore it or make a new one."""
    path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "x.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_po_file(path, shown="locales/en/LC_MESSAGES/x.po")
    assert str(caught.value) == ("locales/en/LC_MESSAGES/x.po:1: the catalog is empty; restore it "
                                 "(`git checkout -- locales/en/LC_MESSAGES/x.po`), or delete it "
                                 "and run `make catalogs` for a new one")
