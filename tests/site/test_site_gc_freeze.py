"""The plugin sets the objects that live through a build aside from the garbage collector
(``gc.freeze`` in on_nav) and must hand them back when the build ends, failed or not: a long
``mkdocs serve`` would otherwise keep every earlier build in memory."""

from __future__ import annotations

import gc

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from test_site_translation import make_project

import mdbabel.mkdocs_plugin as plugin_module


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = make_project(tmp_path / "gc-project")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("MDBABEL_STRICT", "false")
    gc.unfreeze()
    return root


def run_build(root):
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def test_a_build_hands_the_frozen_objects_back(project, monkeypatch):
    seen = []
    original = plugin_module.MdBabelPlugin.on_page_markdown

    def watch(self, *args, **kwargs):
        seen.append(gc.get_freeze_count())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(plugin_module.MdBabelPlugin, "on_page_markdown", watch)
    run_build(project)
    assert seen and min(seen) > 0  # set aside while the pages are built
    assert gc.get_freeze_count() == 0
    assert (project / "site" / "en" / "index.html").is_file()


def test_a_failed_build_hands_them_back_too(project, monkeypatch):
    def fail(self, *args, **kwargs):
        raise PluginError("a page that cannot be built")

    monkeypatch.setattr(plugin_module.MdBabelPlugin, "on_page_markdown", fail)
    with pytest.raises((PluginError, Abort)):
        run_build(project)
    assert gc.get_freeze_count() == 0
