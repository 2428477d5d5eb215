"""Specifications of what the catalogs cover: languages and pages from mkdocs.yml, and the
`_site` domain (site name, navigation labels, template strings)."""

from pathlib import Path

import pytest
from catalog_site import make_site, update

from mdbabel import catalogs
from mdbabel.catalogs import CatalogError, load_site_config

I18N = """\
plugins:
  - i18n:
      languages:
        - locale: en
          name: English
        - locale: vi
          default: true
          name: Tiếng Việt
        - locale: fr
          name: Français
"""


def write_config(tmp_path, text):
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)


def test_languages_are_the_i18n_languages_except_the_default(tmp_path):
    write_config(tmp_path, I18N)
    config = load_site_config(tmp_path)
    assert (config.source_language, config.languages) == ("vi", ("en", "fr"))


def test_python_and_env_tags_in_mkdocs_yml_are_ignored(tmp_path):
    write_config(tmp_path, "site_name: X\nmarkdown_extensions:\n  - toc:\n"
                           "      slugify: !!python/name:mdbabel.slugs.slugify\n"
                           "extra:\n  url: !ENV [SITE_URL, 'https://x']\n" + I18N)
    assert load_site_config(tmp_path).languages == ("en", "fr")


def test_invalid_yaml_names_the_line(tmp_path):
    write_config(tmp_path, "site_name: X\nnav: [\n")
    with pytest.raises(CatalogError, match=r"^mkdocs.yml:3: invalid YAML"):
        load_site_config(tmp_path)


def test_missing_mkdocs_yml_says_where_to_run(tmp_path):
    with pytest.raises(CatalogError, match=r"^mkdocs.yml: not found; run in the site folder"):
        load_site_config(tmp_path)


def test_unknown_language_in_mkdocs_yml_names_the_languages_line(tmp_path):
    write_config(tmp_path, I18N.replace("locale: fr", "locale: xx-nowhere"))
    with pytest.raises(CatalogError, match=r"^mkdocs.yml:3: unknown language 'xx-nowhere'"):
        load_site_config(tmp_path)


def test_pages_exclude_data_dot_files_and_exclude_docs(tmp_path):
    make_site(tmp_path, {"index.md": "A\n", "_data/notes.md": "B\n", ".hidden.md": "C\n",
                         "drafts/d.md": "D\n", "guide/x.md": "E\n"})
    with (tmp_path / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("exclude_docs: |\n  drafts/\n")
    assert load_site_config(tmp_path).pages() == ["guide/x.md", "index.md"]


def test_pages_written_in_a_target_language_are_not_sources(tmp_path):
    make_site(tmp_path, {"index.md": "A\n", "index.en.md": "B\n", "en/x.md": "C\n"})
    assert load_site_config(tmp_path).pages() == ["en/x.md", "index.md"]
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "docs_structure: suffix", "docs_structure: folder"), encoding="utf-8")
    assert load_site_config(tmp_path).pages() == ["index.en.md", "index.md"]


def test_site_catalog_has_site_name_and_navigation_labels_with_locations(tmp_path):
    make_site(tmp_path)
    site = catalogs.extract_site(load_site_config(tmp_path))
    found = [(m.id, m.locations, m.auto_comments) for m in site
             if m.id and m.locations[0][0] == "mkdocs.yml"]
    assert found == [("Trang thử", [("mkdocs.yml", 1)], ["site name"]),
                     ("Trang chủ", [("mkdocs.yml", 16)], ["navigation label"])]


def test_site_catalog_has_strings_of_override_templates(tmp_path):
    make_site(tmp_path)
    partial = tmp_path / "overrides" / "partials" / "notice.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('{# Translators: banner above a page #}\n<p>{{ _("Trang này chưa có bản dịch") }}</p>\n'
                       "{% trans %}\n  Bản gốc\n{% endtrans %}\n", encoding="utf-8")
    site = catalogs.extract_site(load_site_config(tmp_path))
    found = {m.id: (m.locations, m.auto_comments) for m in site if m.id}
    assert found["Trang này chưa có bản dịch"] == ([("overrides/partials/notice.html", 2)],
                                  ["banner above a page", "interface text"])
    assert found["Bản gốc"][0] == [("overrides/partials/notice.html", 3)]


def test_template_syntax_error_names_the_template_and_line(tmp_path):
    make_site(tmp_path)
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "bad.html").write_text("<p>\n{% if %}\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"^overrides/bad.html:2: template syntax error"):
        catalogs.extract_site(load_site_config(tmp_path))


def test_site_catalog_has_the_plugin_interface_strings(tmp_path):
    make_site(tmp_path)
    update(tmp_path)
    text = (tmp_path / "locales/templates/_site.pot").read_text(encoding="utf-8")
    assert "#: mdbabel/interface_strings.py\n" in text  # the file only (quiet diffs)


def test_page_that_is_not_utf8_names_the_page_and_line(tmp_path):
    make_site(tmp_path, {"index.md": "# Trang chủ\n"})
    (tmp_path / "docs" / "old.md").write_bytes(b"Mot\nHai caf\xe9\n")
    with pytest.raises(CatalogError, match=r"^docs/old.md:2: not UTF-8 text"):
        update(tmp_path)


def test_paths_are_shown_relative_to_the_site_after_a_change_of_folder(tmp_path, monkeypatch):
    """One process working on two sites in turn (a test run, an editor's tool): the root
    "." of each is the folder of the moment, not the first one resolved."""
    for name in ("first", "second"):
        site = tmp_path / name
        (site / "docs").mkdir(parents=True)
        monkeypatch.chdir(site)
        config = catalogs.SiteConfig(root=Path("."), source_language="vi", languages=("en",))
        assert config.shown(Path("docs/a.md")) == "docs/a.md"
        assert config.shown(site / "docs" / "a.md") == "docs/a.md"
        assert config.shown(tmp_path / "elsewhere.md") == (tmp_path / "elsewhere.md").as_posix()
