"""The catalogs we write are accepted by GNU gettext, and `pybabel extract` works with our
Markdown extraction method. These tests fail (never skip) when gettext is not installed."""

import subprocess
import sys
from pathlib import Path

from catalog_site import gettext_tool, make_site, po_path, run_tool, translate_entry, update

PERCENT_PAGE = ("# Mức đóng\n\n"
                "50% do người lao động đóng.\n\n"
                "| Khoản | Tỷ lệ |\n|---|---|\n| Hưu trí | 8% |\n\n"
                "Xem [trang chủ](index.md) và `{{ base_salary }}`.\n")


def test_msgfmt_check_accepts_every_generated_catalog(tmp_path):
    msgfmt = gettext_tool("msgfmt")
    make_site(tmp_path, {"index.md": PERCENT_PAGE, "a/b.md": "Một câu dài. " * 30 + "\n"},
              languages=("en", "ja", "pt-BR"))
    update(tmp_path)
    paths = sorted((tmp_path / "locales").rglob("*.po*"))
    assert len(paths) == 3 * 4
    for path in paths:
        result = run_tool(msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(path))
        assert result.returncode == 0, f"{path}: {result.stderr}"
        if path.suffix == ".po":
            assert result.stderr == "", f"{path}: {result.stderr}"


def test_msgfmt_accepts_a_translation_of_percent_text(tmp_path):
    # With Babel's automatic python-format flag, "Paid 50% by" fails --check-format.
    msgfmt = gettext_tool("msgfmt")
    make_site(tmp_path, {"index.md": PERCENT_PAGE})
    update(tmp_path)
    translate_entry(tmp_path, "50% do người lao động đóng.", "Paid 50% by the employee.")
    result = run_tool(msgfmt, "--check-format", "--check-header", "-o", "/dev/null",
                      str(po_path(tmp_path)))
    assert (result.returncode, result.stderr) == (0, "")


def test_msgcat_reads_every_generated_catalog(tmp_path):
    msgcat = gettext_tool("msgcat")
    make_site(tmp_path, {"index.md": PERCENT_PAGE})
    update(tmp_path)
    translate_entry(tmp_path, "50% do người lao động đóng.", "Paid 50% by the employee.")
    (tmp_path / "docs/index.md").write_text(PERCENT_PAGE.replace("50%", "40%"), encoding="utf-8")
    update(tmp_path)  # leaves a fuzzy entry with a previous msgid
    for path in sorted((tmp_path / "locales").rglob("*.po*")):
        result = run_tool(msgcat, "-o", "/dev/null", str(path))
        assert (result.returncode, result.stderr) == (0, ""), path


def test_pybabel_extract_with_babel_cfg_gives_file_and_line_locations(tmp_path):
    make_site(tmp_path, {"index.md": "# Tiêu đề\n\nĐoạn một.\n",
                         "guides/x.md": "<!-- i18n-context: nút -->\nMở\n"})
    repo_cfg = Path(__file__).resolve().parents[2] / "babel.cfg"
    (tmp_path / "babel.cfg").write_text(repo_cfg.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-o", "messages.pot", "docs"],
        cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    pot = (tmp_path / "messages.pot").read_text(encoding="utf-8")
    assert "#. heading 1\n#: docs/index.md:1\nmsgid \"Tiêu đề\"" in pot
    assert "#: docs/index.md:3\nmsgid \"Đoạn một.\"" in pot
    assert '#: docs/guides/x.md:2\nmsgctxt "nút"\nmsgid "Mở"' in pot


def test_extractor_yields_comment_context_and_no_funcname(tmp_path):
    from io import BytesIO

    from babel.messages.extract import DEFAULT_KEYWORDS

    from mdbabel.extractor import extract_markdown

    source = "## Tiêu đề\n\n<!-- i18n-context: nút -->\nMở\n".encode()
    found = list(extract_markdown(BytesIO(source), DEFAULT_KEYWORDS.keys(), (), {}))
    assert found == [(1, None, "Tiêu đề", ["heading 2"]),
                     (4, "pgettext", ("nút", "Mở"), ["paragraph"])]


def test_plain_pybabel_flags_percent_text_as_python_format_as_documented(tmp_path):
    # Documents why our writer exists (see mdbabel.extractor): if Babel ever stops guessing,
    # this test tells us the workaround can go.
    make_site(tmp_path, {"index.md": "50% do người lao động đóng.\n"})
    (tmp_path / "babel.cfg").write_text("[markdown: **.md]\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    "babel.cfg", "-o", "messages.pot", "docs"], cwd=tmp_path, check=True,
                   capture_output=True)
    pot = (tmp_path / "messages.pot").read_text(encoding="utf-8")
    assert '#, python-format\nmsgid "50% do người lao động đóng."' in pot
    update(tmp_path)
    assert "python-format" not in (tmp_path / "locales/templates/index.pot").read_text(
        encoding="utf-8")
