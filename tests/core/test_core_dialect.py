"""mkdocs.yml is read by one loader (mdbabel.project.read_mkdocs_yaml) and the Markdown dialect
is defined once (mdbabel.project.markdown_dialect): the safety judge, the heading ids, the
site checks and the site itself render with the same extensions and options."""

from __future__ import annotations

import re

import markdown
import pytest

from mdbabel import slugs
from mdbabel.problems import CatalogError
from mdbabel.project import (MKDOCS_BUILTIN_EXTENSIONS, load_site_config, markdown_dialect,
                             read_mkdocs_yaml)
from mdbabel.safety import render
from mdbabel.translate import markdown_config
from repo_data import REPO

_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')
# toc's options that only add the same anchor after every heading, whatever its text
_PERMALINK_OPTIONS = ("permalink", "permalink_title")


def _site_dialect():
    return markdown_dialect(read_mkdocs_yaml(REPO / "mkdocs.yml", resolve=True)[0])


def test_the_judge_renders_with_the_sites_extensions_and_options():
    site, judge = _site_dialect(), markdown_dialect()
    assert site.names == judge.names
    site_configs = {name: {key: value for key, value in options.items()
                           if not (name == "toc" and key in _PERMALINK_OPTIONS)}
                    for name, options in site.configs.items()}
    assert site_configs == judge.configs
    assert markdown_config() == judge.markdown_kwargs()
    assert render._converter().treeprocessors["toc"].slugify is slugs.slugify


def test_every_page_renders_as_on_the_site_but_for_the_permalinks():
    config = load_site_config(REPO)
    site = markdown.Markdown(**_site_dialect().markdown_kwargs())
    judge = markdown.Markdown(**markdown_config())
    for page in config.pages():
        text = (config.docs_path / page).read_text(encoding="utf-8")
        assert _HEADERLINK.sub("", site.reset().convert(text)) == judge.reset().convert(text), page


def test_mkdocs_builtins_come_first_each_name_once():
    dialect = markdown_dialect({"markdown_extensions": ["abbr", {"toc": {"permalink": True}},
                                                        "abbr", "tables"]})
    assert dialect.names == (*MKDOCS_BUILTIN_EXTENSIONS, "abbr")
    assert dialect.configs == {"toc": {"permalink": True}}
    assert markdown_dialect({"markdown_extensions": None}).names == MKDOCS_BUILTIN_EXTENSIONS
    assert markdown_dialect({"site_name": "x"}) == markdown_dialect()
    assert markdown_dialect({"markdown_extensions": "abbr"}).names[-1] == "abbr"


def test_fenced_code_is_mkdocs_and_superfences_replaces_it():
    fence = "```\n[a](b.md)\n```\n"
    plain = markdown.Markdown(**markdown_dialect({"markdown_extensions": []}).markdown_kwargs())
    assert "<code>[a](b.md)" in plain.convert(fence)  # fenced_code, which MkDocs always adds
    assert "<code>" in markdown.Markdown(**markdown_config()).convert("```python\nx = 1\n```\n")


def test_slugify_as_a_dotted_name_is_imported_and_one_that_is_no_function_dropped():
    named = markdown_dialect({"markdown_extensions": [{"toc": {"slugify": "mdbabel.slugs.slugify"}}]})
    assert named.configs["toc"]["slugify"] is slugs.slugify
    missing = markdown_dialect({"markdown_extensions": [{"toc": {"slugify": "no.such.thing"}}]})
    assert "slugify" not in missing.configs["toc"]


def test_tags_are_data_unless_resolved_as_mkdocs_does(tmp_path, monkeypatch):
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_url: !ENV [MDBABEL_TEST_URL, 'https://x/']\n"
                    "flag: !ENV MDBABEL_TEST_FLAG\n"
                    "markdown_extensions:\n  - toc:\n"
                    "      slugify: !!python/name:mdbabel.slugs.slugify\n"
                    "  - pymdownx.superfences:\n      custom_fences:\n        - name: x\n"
                    "          format: !!python/name:no_such_module.fence\n", encoding="utf-8")
    monkeypatch.delenv("MDBABEL_TEST_URL", raising=False)
    monkeypatch.setenv("MDBABEL_TEST_FLAG", "true")
    data, node = read_mkdocs_yaml(path)
    assert data["site_url"] == ["MDBABEL_TEST_URL", "https://x/"]
    assert data["markdown_extensions"][0]["toc"]["slugify"] == ""
    assert node is not None
    resolved, _ = read_mkdocs_yaml(path, resolve=True)
    assert resolved["site_url"] == "https://x/" and resolved["flag"] is True
    assert resolved["markdown_extensions"][0]["toc"]["slugify"] is slugs.slugify
    assert resolved["markdown_extensions"][1]["pymdownx.superfences"]["custom_fences"][0][
        "format"] is None
    monkeypatch.setenv("MDBABEL_TEST_URL", "https://y/")
    assert read_mkdocs_yaml(path, resolve=True)[0]["site_url"] == "https://y/"


@pytest.mark.parametrize("resolve", [False, True])
def test_invalid_yaml_is_one_line_with_its_place(tmp_path, resolve):
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: x\nsite_url: !ENV [A, 'b'\nnav: []\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_mkdocs_yaml(path, resolve=resolve)
    message = str(caught.value)
    assert re.match(r"mkdocs\.yml:\d+: invalid YAML \(.*\); fix", message), message
    assert "\n" not in message
