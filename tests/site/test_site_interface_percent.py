"""A ``_site.po`` translation with a ``%`` that is not a placeholder ("(% of it)": ``% o``
reads as one) used to pass the checks, and the plugin's ``text % values`` then stopped the
build with a traceback. Now the check refuses it with one line: a build falls back to the
source text with that line as a warning (the plugin's sentence is made from the Vietnamese
text; this small site has no template that shows it), a strict build fails with it."""

from __future__ import annotations

import logging
import re

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from catalog_site import translate_entry
from mdbabel import catalogs, interface_strings
from small_site import build_in_process, mkdocs_yml

MKDOCS_YML = mkdocs_yml(mdbabel_options="cache: false\nthreshold: 0.1\npublish_threshold: 0\n"
                                        "strict: !ENV [MDBABEL_STRICT, false]")
BAD = ("%(share)s of this page is in %(language)s (% of it checked), the rest in "
       "%(source_language)s.")
LINE = re.compile(r"locales/en/LC_MESSAGES/_site\.po:\d+: translation has a % that is not a "
                  r"placeholder[^\n]*; write %% for a percent sign")


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A page two thirds translated (its notice is the partial one), and that notice's
    English translation with a lone %."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Trang chủ\n\nMột.\n\nHai.\n", encoding="utf-8")
    config = catalogs.load_site_config(tmp_path)
    catalogs.update_catalogs(config)
    translate_entry(tmp_path, "Trang chủ", "Home")
    translate_entry(tmp_path, "Một.", "One.")
    path = config.catalog_path("en", catalogs.SITE_DOMAIN)
    po = catalogs.read_po_file(path)
    po.catalog[interface_strings.NOTICE_PARTIAL].string = BAD
    path.write_text(catalogs.render_catalog(po.catalog, po.headers), encoding="utf-8")
    catalogs.update_catalogs(config)  # the catalog as the tools write it
    assert [p for p in catalogs.check_project(config).problems if LINE.fullmatch(p)] == \
        catalogs.check_project(config).problems
    return tmp_path


def _build(root):
    build_in_process(root)


def test_the_build_warns_with_the_line_and_goes_on(site, monkeypatch, caplog):
    monkeypatch.setenv("MDBABEL_STRICT", "false")
    with caplog.at_level(logging.WARNING):
        _build(site)
    assert any(LINE.search(record.getMessage()) for record in caplog.records)
    english = (site / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert "One." in english and "of it checked" not in english


def test_a_strict_build_fails_with_the_line(site, monkeypatch, caplog):
    monkeypatch.setenv("MDBABEL_STRICT", "true")
    with caplog.at_level(logging.ERROR), pytest.raises((PluginError, Abort)) as caught:
        _build(site)
    said = [str(caught.value), *(record.getMessage() for record in caplog.records)]
    assert any(LINE.search(text) for text in said), said
    assert not any("Traceback" in text for text in said)
    assert not (site / "site" / "en" / "index.html").exists()
