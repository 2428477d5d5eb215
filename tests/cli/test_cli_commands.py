"""Specifications of the `mdbabel` command line: what each command prints and its exit status
(0 fine, 1 problems found, 2 usage or configuration error)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from catalog_site import make_site, po_path, po_text, translate_entry, update, write_page

from mdbabel.cli import main


def run(capsys, *args):
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_update_creates_the_catalogs_and_says_so(tmp_path, capsys):
    make_site(tmp_path)
    status, out, _ = run(capsys, "update", "--root", str(tmp_path))
    assert status == 0
    assert "created locales/en/LC_MESSAGES/index.po" in out.splitlines()


def test_root_option_is_accepted_before_the_command(tmp_path, capsys):
    make_site(tmp_path)
    assert run(capsys, "--root", str(tmp_path), "update")[0] == 0
    assert po_path(tmp_path).exists()


def test_second_update_reports_nothing_to_do(tmp_path, capsys):
    make_site(tmp_path)
    run(capsys, "update", "--root", str(tmp_path))
    assert run(capsys, "update", "--root", str(tmp_path))[1] == "catalogs are up to date\n"


def test_extract_writes_templates_only(tmp_path, capsys):
    make_site(tmp_path)
    assert run(capsys, "extract", "--root", str(tmp_path))[0] == 0
    assert (tmp_path / "locales/templates/index.pot").exists()
    assert not (tmp_path / "locales/en").exists()


def test_init_creates_the_catalogs_of_a_listed_language(tmp_path, capsys):
    make_site(tmp_path, {"index.md": "Một.\n"}, languages=("en", "fr"))
    status, out, _ = run(capsys, "init", "fr", "--root", str(tmp_path))
    assert status == 0
    assert 'msgid "Một."' in po_text(tmp_path, lang="fr")
    assert '"Language: fr\\n"' in po_text(tmp_path, lang="fr")
    assert not (tmp_path / "locales/en").exists()


def test_init_of_an_unlisted_language_explains_the_mkdocs_yml_line_to_add(tmp_path, capsys):
    make_site(tmp_path)
    status, _, err = run(capsys, "init", "fr", "--root", str(tmp_path))
    assert status == 2
    assert err.startswith("mkdocs.yml:9: language 'fr' is not listed under plugins: i18n: languages")
    assert "- locale: fr" in err
    assert not (tmp_path / "locales").exists()


def test_translate_prints_the_translated_markdown_and_problems_on_stderr(tmp_path, capsys):
    make_site(tmp_path, {"index.md": "# Tiêu đề\n\nXem [đây](a.md).\n\nChưa dịch.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Tiêu đề", "Title")
    translate_entry(tmp_path, "Xem [đây](a.md).", "See [here](b.md).")
    status, out, err = run(capsys, "translate", str(tmp_path / "docs/index.md"),
                           "--catalog", str(po_path(tmp_path)), "--root", str(tmp_path))
    assert out.startswith("# Title")
    assert "Xem [đây](a.md)." in out and "Chưa dịch." in out and "<span" not in out
    assert 'locales/en/LC_MESSAGES/index.po:' in err and 'drops link "(a.md)"' in err
    assert status == 1


def test_translate_works_on_any_markdown_file_and_catalog(tmp_path, capsys):
    source = tmp_path / "notes.md"
    source.write_text("Xin chào.\n", encoding="utf-8")
    catalog = tmp_path / "notes.po"
    catalog.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                       'msgid "Xin chào."\nmsgstr "Hello."\n', encoding="utf-8")
    status, out, err = run(capsys, "translate", str(source), "--catalog", str(catalog),
                           "--root", str(tmp_path))
    assert (status, out) == (0, "Hello.\n")
    assert "1 of 1 messages translated (100%)" in err


def test_translate_with_figures_formats_them_for_the_catalog_language(tmp_path, capsys):
    make_site(tmp_path, {"index.md": "Lương cơ sở là {{ base_salary }}.\n",
                         "_data/figures.yml": ""})
    (tmp_path / "docs/_data/figures.yml").write_text(
        "base_salary:\n  value: 2340000\n  type: money\n", encoding="utf-8")
    update(tmp_path)
    translate_entry(tmp_path, "Lương cơ sở là {{ base_salary }}.", "The base salary is {{ base_salary }}.")
    status, out, _ = run(capsys, "translate", str(tmp_path / "docs/index.md"), "--catalog",
                         str(po_path(tmp_path)), "--figures", "--root", str(tmp_path))
    assert (status, out) == (0, "The base salary is VND 2,340,000.\n")


def test_stats_prints_a_table_per_language_and_page(tmp_path, capsys):
    make_site(tmp_path, {"index.md": "Một.\n\nHai.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Một.", "One.")
    status, out, _ = run(capsys, "stats", "--root", str(tmp_path))
    assert status == 0
    assert out.splitlines()[0].split() == ["language", "catalog", "total", "translated",
                                           "fuzzy", "untranslated", "share"]
    assert ["en", "index", "2", "1", "0", "1", "50%"] in [line.split() for line in out.splitlines()]


def test_stats_json_gives_numbers_per_language_and_page(tmp_path, capsys):
    make_site(tmp_path, {"index.md": "Một.\n\nHai.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Một.", "One.")
    data = json.loads(run(capsys, "stats", "--json", "--root", str(tmp_path))[1])
    assert data["en"]["domains"]["index"] == {"total": 2, "translated": 1, "fuzzy": 0,
                                              "untranslated": 1, "translated_share": 0.5}


def test_check_passes_on_fresh_catalogs(tmp_path, capsys):
    make_site(tmp_path)
    update(tmp_path)
    assert run(capsys, "check", "--catalogs-only", "--root", str(tmp_path))[0] == 0


def test_check_fails_on_stale_catalogs_and_says_to_run_make_catalogs(tmp_path, capsys):
    make_site(tmp_path)
    update(tmp_path)
    write_page(tmp_path, "index.md", "# Trang chủ mới\n")
    status, _, err = run(capsys, "check", "--catalogs-only", "--root", str(tmp_path))
    assert status == 1
    assert ("locales/en/LC_MESSAGES/index.po: out of date with the sources; run `make catalogs`"
            in err.splitlines())


def test_check_changes_no_file(tmp_path, capsys):
    make_site(tmp_path)
    update(tmp_path)
    write_page(tmp_path, "index.md", "# Trang chủ mới\n")
    before = {p: p.read_bytes() for p in (tmp_path / "locales").rglob("*.po*")}
    run(capsys, "check", "--catalogs-only", "--root", str(tmp_path))
    assert {p: p.read_bytes() for p in (tmp_path / "locales").rglob("*.po*")} == before


def test_check_reports_a_malformed_catalog_with_file_and_line(tmp_path, capsys):
    make_site(tmp_path)
    update(tmp_path)
    path = po_path(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "Trang chủ"\nmsgstr ""\n',
                    encoding="utf-8")
    status, _, err = run(capsys, "check", "--catalogs-only", "--root", str(tmp_path))
    assert status == 1
    assert "locales/en/LC_MESSAGES/index.po:21: duplicate message \"Trang chủ\" (first at line 18)" in err


def test_check_reports_a_translation_that_breaks_a_rule(tmp_path, capsys):
    make_site(tmp_path, {"index.md": "Xem [đây](a.md).\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Xem [đây](a.md).", "See here.")
    status, _, err = run(capsys, "check", "--catalogs-only", "--root", str(tmp_path))
    assert status == 1
    assert 'locales/en/LC_MESSAGES/index.po:' in err and 'drops link "(a.md)"' in err


def test_missing_mkdocs_yml_is_a_configuration_error(tmp_path, capsys):
    status, _, err = run(capsys, "update", "--root", str(tmp_path))
    assert status == 2
    assert err.startswith("mkdocs.yml: not found")


def test_help_documents_the_exit_status(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    assert "0 everything is fine; 1 problems were found" in out and "2 usage" in out


def test_console_script_prints_errors_without_traceback(tmp_path):
    script = Path(sys.executable).with_name("mdbabel")
    command = [str(script)] if script.exists() else [shutil.which("mdbabel") or "mdbabel"]
    make_site(tmp_path)
    update(tmp_path)
    po_path(tmp_path).write_text("msgid \"x\nmsgstr \"\"\n", encoding="utf-8")
    result = subprocess.run([*command, "stats", "--root", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("locales/en/LC_MESSAGES/index.po:1: malformed string")
    assert "Traceback" not in result.stderr


def test_check_also_applies_the_site_page_rules_unless_catalogs_only(tmp_path, capsys):
    make_site(tmp_path, {"index.md": "# Trang chủ\n\nXem [trang](khong-co.md).\n"})
    update(tmp_path)
    status, _, err = run(capsys, "check", "--root", str(tmp_path))
    assert status == 1
    assert "docs/index.md:1: no front matter" in err
    assert "khong-co.md" in err
