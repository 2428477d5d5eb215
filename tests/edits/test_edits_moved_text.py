"""Text that moves from one page to another that already exists (a section moved, a page
split in two): its translations went to obsolete entries of the old page's catalog, the new
place showed it untranslated in every language, and `make check` said nothing. Now `make
check` names the catalog and the command, and `mdbabel move OLD NEW` copies what fills the
new page's untranslated entries, adding nothing else to it. Small projects in tmp_path."""

from __future__ import annotations

from catalog_site import make_site, po_path, po_text, translate_entry, update, write_page

from mdbabel.cli import main

SECTION = "## Thẻ bảo hiểm y tế\n\nThẻ dùng khi đi khám.\n\nThẻ có mã số riêng.\n"
A = "# Trang A\n\nMột đoạn của A.\n\n" + SECTION
B = "# Trang B\n\nMột đoạn của B.\n"
ENGLISH = {"Trang A": "Page A", "Một đoạn của A.": "A paragraph of A.",
           "Thẻ bảo hiểm y tế": "Health insurance card", "Thẻ dùng khi đi khám.":
           "The card is used at the doctor's.", "Thẻ có mã số riêng.": "The card has its own number.",
           "Trang B": "Page B", "Một đoạn của B.": "A paragraph of B."}


def _translated_site(root):
    make_site(root, {"index.md": "# Trang chủ\n", "a.md": A, "b.md": B})
    update(root)
    for domain in ("a", "b"):
        text = po_text(root, domain)
        for msgid, msgstr in ENGLISH.items():
            if f'msgid "{msgid}"\nmsgstr ""\n' in text:
                translate_entry(root, msgid, msgstr, domain=domain)
    update(root)


def test_a_section_moved_to_another_page_keeps_its_translations(tmp_path, capsys):
    _translated_site(tmp_path)
    write_page(tmp_path, "a.md", A.replace(SECTION, ""))
    write_page(tmp_path, "b.md", B + "\n" + SECTION)
    update(tmp_path)
    assert 'msgid "Thẻ dùng khi đi khám."\nmsgstr ""' in po_text(tmp_path, "b")
    assert main(["check", "--catalogs-only", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert ("locales/en/LC_MESSAGES/b.po: 3 of its 5 messages are untranslated here while "
            "locales/en/LC_MESSAGES/a.po keeps their translations as obsolete entries (text moved "
            "from docs/a.md?); run `mdbabel move docs/a.md docs/b.md` to copy them") in err

    assert main(["move", "docs/a.md", "docs/b.md", "--root", str(tmp_path)]) == 0
    capsys.readouterr()
    text = po_text(tmp_path, "b")
    for msgid in ("Thẻ bảo hiểm y tế", "Thẻ dùng khi đi khám.", "Thẻ có mã số riêng."):
        assert f'msgid "{msgid}"\nmsgstr "{ENGLISH[msgid]}"\n' in text
    assert "#~" not in text and "Page A" not in text  # nothing else of a.po was added
    assert "A paragraph of A." in po_text(tmp_path, "a")  # and a.po is as it was
    assert main(["check", "--catalogs-only", "--root", str(tmp_path)]) == 0


def test_a_new_untranslated_page_is_no_moved_text(tmp_path, capsys):
    """A page that is new, and not yet translated, says nothing (no obsolete translation in
    another catalog has its text)."""
    _translated_site(tmp_path)
    write_page(tmp_path, "c.md", "# Trang C\n\nMột đoạn của C.\n\nThêm một đoạn.\n")
    update(tmp_path)
    assert po_path(tmp_path, "c").is_file()
    assert main(["check", "--catalogs-only", "--root", str(tmp_path)]) == 0
