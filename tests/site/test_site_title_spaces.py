"""A front-matter title or description with two spaces in a row ("A  B") is one message, the
same in the catalogs (segments) and in the built page (the MkDocs adapter): once translated,
the English <title> and description are English. They used to be looked up with the spaces
collapsed, so they stayed Vietnamese while `mdbabel stats` counted them translated."""

from __future__ import annotations

import html
import re

from mkdocs.commands.build import build
from mkdocs.config import load_config

from catalog_site import translate_entry
from mdbabel import catalogs
from mdbabel.segments import front_matter_message, segment
from small_site import build_in_process, mkdocs_yml

MKDOCS_YML = mkdocs_yml(mdbabel_options="cache: false\nstrict: true")
PAGE = ("---\ntitle: Bảo hiểm  xã hội\ndescription: Thông tin  dễ hiểu\n---\n\n"
        "# Trang chủ\n\nMột đoạn văn.\n")


def test_title_with_two_spaces_is_translated_in_the_page(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    catalogs.update_catalogs(catalogs.load_site_config(tmp_path))
    for msgid, msgstr in (("Bảo hiểm  xã hội", "Social insurance"),
                          ("Thông tin  dễ hiểu", "Plain information"),
                          ("Trang chủ", "Home"), ("Một đoạn văn.", "A paragraph.")):
        translate_entry(tmp_path, msgid, msgstr)
    build_in_process(tmp_path)
    english = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    title = html.unescape(re.search(r"<title>(.*?)</title>", english, re.S).group(1))
    assert title.startswith("Social insurance"), title
    description = re.search(r'<meta name="description" content="([^"]*)"', english).group(1)
    assert html.unescape(description) == "Plain information"
    vietnamese = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Bảo hiểm  xã hội" in vietnamese


def test_one_rule_for_the_catalog_and_the_lookup():
    """The units segments writes into the catalogs are the adapter's lookup keys."""
    values = {"title": "A  B", "description": "C\tD  E"}
    source = "---\n" + "".join(f'{key}: "{value}"\n' for key, value in values.items()) + "---\n"
    units = {unit.kind: unit.text for unit in segment(source)}
    for key, value in values.items():
        assert units[f"front matter {key}"] == front_matter_message(value) == value
    assert front_matter_message("A\nB") == "A B"      # a folded value
    assert front_matter_message("A\nB\n") == "A\nB"   # a block scalar keeps its line breaks
