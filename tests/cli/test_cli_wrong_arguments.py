"""The command line given wrong arguments the way people give them: one line and status 2,
never a traceback, never a silent success."""

from __future__ import annotations

import subprocess
import sys

from catalog_site import make_site, po_path, translate_entry, update, write_page

from mdbabel.catalogs import read_po_file
from mdbabel.cli import main


def run(capsys, *args):
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_translate_with_an_unknown_figures_language_is_a_usage_error(tmp_path, capsys):
    """It ended in Babel's UnknownLocaleError traceback."""
    make_site(tmp_path, {"index.md": "# Trang chủ\n"})
    update(tmp_path)
    (tmp_path / "docs" / "_data").mkdir()
    args = ["translate", str(tmp_path / "docs" / "index.md"), "--catalog",
            str(tmp_path / "locales" / "en" / "LC_MESSAGES" / "index.po"), "--figures",
            "--language", "zz", "--root", str(tmp_path)]
    status, out, err = run(capsys, *args)
    assert status == 2 and out == ""
    assert err == "--language zz: unknown language; give a code Babel knows, such as en or ko\n"
    # and the console script, as a user runs it
    result = subprocess.run([sys.executable, "-m", "mdbabel.cli", *args], capture_output=True,
                            text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_move_from_a_path_that_has_no_catalogs_says_so(tmp_path, capsys):
    """A typo in the old path (docs/fqa.md for docs/faq.md) printed "catalogs are up to date"
    with status 0: the catalogs of the moved page stayed behind and the user was told all was
    well."""
    make_site(tmp_path, {"index.md": "# Trang chủ\n", "faq.md": "# Câu hỏi\n\nMột câu hỏi.\n"})
    update(tmp_path)
    (tmp_path / "docs" / "faq.md").rename(tmp_path / "docs" / "questions.md")
    write_page(tmp_path, "questions.md", "# Câu hỏi thường gặp\n\nMột câu hỏi khác.\n")
    status, out, err = run(capsys, "move", "docs/fqa.md", "docs/questions.md", "--root", str(tmp_path))
    assert status == 2 and out == ""
    assert err == ("docs/fqa.md: no catalog of this page in locales/; give the page's old path "
                   "(catalogs without a page: docs/faq.md)\n")
    assert (tmp_path / "locales" / "en" / "LC_MESSAGES" / "faq.po").is_file()
    # the right path carries them
    assert run(capsys, "move", "docs/faq.md", "docs/questions.md", "--root", str(tmp_path))[0] == 0
    assert (tmp_path / "locales" / "en" / "LC_MESSAGES" / "questions.po").is_file()


def test_root_that_is_a_file_is_a_configuration_error(tmp_path, capsys):
    """`--root mkdocs.yml` (the file, not its folder) said "mkdocs.yml/mkdocs.yml: Not a
    directory; check the path and its permissions" with status 1 (problems found)."""
    make_site(tmp_path)
    status, _, err = run(capsys, "check", "--root", str(tmp_path / "mkdocs.yml"))
    assert status == 2
    assert err == "mkdocs.yml: not found; run in the site folder or pass --root DIR\n"


def test_a_page_that_moved_and_left_a_short_page_behind_keeps_its_translations(tmp_path, capsys):
    """`git mv docs/faq.md docs/questions.md`, then a new docs/faq.md that says "this page
    moved": no catalog is without a page, so `make catalogs` made the moved page's catalogs
    anew (untranslated) and kept its translations as obsolete entries of faq.po, and
    `mdbabel move` refused ("this page still exists"). It now copies them."""
    make_site(tmp_path, {"index.md": "# Trang chủ\n",
                         "faq.md": "# Câu hỏi\n\nCâu hỏi thứ nhất.\n\nCâu hỏi thứ hai.\n"})
    update(tmp_path)
    for msgid, msgstr in (("Câu hỏi", "Questions"), ("Câu hỏi thứ nhất.", "The first question."),
                          ("Câu hỏi thứ hai.", "The second question.")):
        translate_entry(tmp_path, msgid, msgstr, domain="faq")
    (tmp_path / "docs" / "faq.md").rename(tmp_path / "docs" / "questions.md")
    write_page(tmp_path, "faq.md", "# Trang đã chuyển\n\nXem [câu hỏi](questions.md).\n")
    update(tmp_path)  # as `make catalogs` runs before anyone notices
    questions = read_po_file(po_path(tmp_path, "questions"))
    assert not any(message.string for message in questions.catalog if message.id)
    # make check says so, and how to fix it
    status, _, err = run(capsys, "check", "--catalogs-only", "--root", str(tmp_path))
    assert status == 1
    assert ("locales/en/LC_MESSAGES/questions.po: 3 of its 3 messages are untranslated here while "
            "locales/en/LC_MESSAGES/faq.po keeps their translations as obsolete entries (text "
            "moved from docs/faq.md?); run `mdbabel move docs/faq.md docs/questions.md` to copy "
            "them") in err.splitlines()
    status, out, _ = run(capsys, "move", "docs/faq.md", "docs/questions.md", "--root", str(tmp_path))
    assert status == 0
    assert "copied the translations of locales/en/LC_MESSAGES/faq.po into " \
           "locales/en/LC_MESSAGES/questions.po" in out.splitlines()
    questions = read_po_file(po_path(tmp_path, "questions"))
    assert {message.id: message.string for message in questions.catalog if message.id} == {
        "Câu hỏi": "Questions", "Câu hỏi thứ nhất.": "The first question.",
        "Câu hỏi thứ hai.": "The second question."}
    assert not any(message.fuzzy for message in questions.catalog if message.id)
    # the short page keeps its own catalog, and an update changes nothing more
    assert po_path(tmp_path, "faq").is_file()
    assert run(capsys, "update", "--root", str(tmp_path))[1] == "catalogs are up to date\n"
    assert run(capsys, "check", "--catalogs-only", "--root", str(tmp_path))[0] == 0


def test_where_finds_a_message_typed_in_decomposed_vietnamese(tmp_path, capsys):
    """A terminal (or a copy from a file saved in NFD) may give decomposed Vietnamese: the
    msgids are NFC, and `mdbabel where` found nothing."""
    import unicodedata

    make_site(tmp_path, {"index.md": "# Trang chủ\n\nQuỹ nào trả cho từng chế độ?\n"})
    typed = unicodedata.normalize("NFD", "quỹ nào TRẢ")
    assert typed != unicodedata.normalize("NFC", typed)
    status, out, _ = run(capsys, "where", typed, "--root", str(tmp_path))
    assert status == 0
    assert out == "docs/index.md:3: paragraph: 'Quỹ nào trả cho từng chế độ?'\n"


def test_make_site_with_a_source_date_epoch_that_is_no_number_is_one_line(tmp_path):
    """`SOURCE_DATE_EPOCH=yesterday make site` ended in MkDocs' ValueError traceback (make
    catalogs already said it in one line)."""
    import os

    make_site(tmp_path)
    result = subprocess.run([sys.executable, "-m", "mdbabel.parallel_build", "--site-dir",
                             str(tmp_path / "site")], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "yesterday"}, timeout=300)
    assert result.returncode != 0
    assert result.stderr == ("SOURCE_DATE_EPOCH='yesterday' is not a number of seconds; unset it "
                             "or give an integer\n")


def test_serve_on_an_address_in_use_is_one_line_before_any_build(tmp_path, capsys):
    """`make serve` while another one runs: MkDocs built the whole site, then stopped with an
    OSError traceback. `make serve` runs `mdbabel check-config --serve-addr` first."""
    import socket

    make_site(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, _, err = run(capsys, "check-config", "--serve-addr", f"127.0.0.1:{port}",
                             "--root", str(tmp_path))
    assert status == 2
    assert err.startswith(f"127.0.0.1:{port}: cannot serve there (")
    assert err.endswith(f"; stop it, or use another port: `make serve SERVE_ADDR=127.0.0.1:{port + 1}`\n")
    # the same address, free again
    assert run(capsys, "check-config", "--serve-addr", f"127.0.0.1:{port}", "--root", str(tmp_path))[0] == 0
    assert run(capsys, "check-config", "--serve-addr", "8000", "--root", str(tmp_path))[0] == 2


def test_make_serve_checks_its_address_first():
    from repo_data import REPO

    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "check-config --serve-addr $(SERVE_ADDR)" in serve.split("mkdocs serve")[0]
