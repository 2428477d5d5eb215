"""``mkdocs serve`` keeps the plugin's state from one rebuild to the next.

On each change, MkDocs' serve (mkdocs/commands/serve.py) calls ``load_config`` again and
builds with the new configuration; ``on_startup`` ran once, on the first one. MkDocs keeps a
plugin object across these loads only if the plugin defines ``on_startup`` or
``on_shutdown``: without them each rebuild got a new object, and the page translations kept
in memory (the store, used without a cache file here) never served a rebuild.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import mdbabel.mkdocs_plugin.catalog_access as catalog_access  # where the page is translated
from mdbabel import catalogs
from small_site import mkdocs_yml

MKDOCS_YML = mkdocs_yml(mdbabel_options="cache: false",
                        site_lines="site_description: Một trang để thử.\n")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Trang chủ\n\nMột đoạn văn.\n", encoding="utf-8")
    catalogs.update_catalogs(catalogs.load_site_config(tmp_path))
    po = tmp_path / "locales" / "en" / "LC_MESSAGES" / "_site.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Trang thử"\nmsgstr ""', 'msgid "Trang thử"\nmsgstr "Test page"'), encoding="utf-8")
    return tmp_path


def test_serve_rebuild_keeps_the_plugin_and_its_translations(project, tmp_path, monkeypatch):
    site = tmp_path / "site"
    translated = []
    original = catalog_access.translate_markdown

    def counting(*args, **kwargs):
        translated.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(catalog_access, "translate_markdown", counting)

    def get_config():  # what serve's get_config does on each rebuild
        return load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        first = config.plugins["mdbabel"]
        assert translated, "the first build translates the page"
        translated.clear()
        rebuilt = get_config()
        build(rebuilt)
        second = rebuilt.plugins["mdbabel"]
    finally:
        config.plugins.on_shutdown()
    assert second is first
    # the rebuild's page came from the translation the first build kept in memory
    assert translated == []
    # the site name, translated from _site.po, is read from the reloaded configuration
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Test page" in english
    vietnamese = (site / "index.html").read_text(encoding="utf-8")
    assert "Test page" not in vietnamese and "Trang thử" in vietnamese


def test_reloaded_configuration_gives_its_own_site_name(project, tmp_path):
    """A site name edited while serving shows on the next rebuild."""
    site = tmp_path / "site"
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        yml = project / "mkdocs.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace("Trang thử", "Trang mới"),
                       encoding="utf-8")
        build(load_config(config_file=str(yml), site_dir=str(site)))
    finally:
        config.plugins.on_shutdown()
    assert "Trang mới" in (site / "index.html").read_text(encoding="utf-8")
