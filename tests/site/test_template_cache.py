"""Compiled templates are reused across environments and builds only while the template's
source and the environment's compile settings are the same (mdbabel.template_cache)."""

from __future__ import annotations

import jinja2
import pytest

from mdbabel.template_cache import TemplateCodeCache


def environment(folder, cache, **settings) -> tuple[jinja2.Environment, list[str]]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), auto_reload=False,
                             **settings)
    env.bytecode_cache = cache
    compiled: list[str] = []
    original = env.compile

    def counting(source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return original(source, name, filename, *args, **kwargs)

    env.compile = counting
    return env, compiled


@pytest.fixture
def folder(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text(
        "{% for x in items %}\n<li>{{ x }}</li>\n{% endfor %}\n{% include 'part.html' %}",
        encoding="utf-8")
    (templates / "part.html").write_text("<p>{{ title }}</p>", encoding="utf-8")
    return templates


def render(env) -> str:
    return env.get_template("page.html").render(items=[1, 2], title="T")


def test_a_second_environment_reuses_the_code_and_renders_the_same(folder):
    cache = TemplateCodeCache()
    first, compiled_first = environment(folder, cache)
    second, compiled_second = environment(folder, cache)
    assert render(first) == render(second) == "\n<li>1</li>\n\n<li>2</li>\n\n<p>T</p>"
    assert sorted(compiled_first) == ["page.html", "part.html"]
    assert compiled_second == []


def test_an_edited_template_is_compiled_again(folder):
    cache = TemplateCodeCache()
    first, _ = environment(folder, cache)
    render(first)
    (folder / "part.html").write_text("<p>new {{ title }}</p>", encoding="utf-8")
    second, compiled = environment(folder, cache)
    assert render(second).endswith("<p>new T</p>")
    assert compiled == ["part.html"]


@pytest.mark.parametrize("settings", [{"trim_blocks": True}, {"autoescape": True},
                                      {"extensions": ["jinja2.ext.i18n"]}])
def test_environments_that_compile_differently_do_not_share_code(folder, settings):
    cache = TemplateCodeCache()
    plain, _ = environment(folder, cache)
    render(plain)
    other, compiled = environment(folder, cache, **settings)
    if "extensions" in settings:
        other.install_null_translations()
    expected = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), **settings)
    if "extensions" in settings:
        expected.install_null_translations()
    assert render(other) == render(expected)
    assert sorted(compiled) == ["page.html", "part.html"]


def test_the_next_process_takes_the_code_from_disk(folder, tmp_path):
    store = tmp_path / "cache"
    env, _ = environment(folder, TemplateCodeCache(store))
    expected = render(env)
    assert len(list(store.glob("*.jinja"))) == 2
    again, compiled = environment(folder, TemplateCodeCache(store))  # a new process
    assert render(again) == expected and compiled == []
    for file in store.glob("*.jinja"):  # damaged files: compiled again, nothing worse
        file.write_bytes(file.read_bytes()[:20])
    damaged, compiled = environment(folder, TemplateCodeCache(store))
    assert render(damaged) == expected
    assert sorted(compiled) == ["page.html", "part.html"]


def test_an_unwritable_folder_is_not_an_error(folder, tmp_path):
    blocked = tmp_path / "file-in-the-way"
    blocked.write_text("not a folder", encoding="utf-8")
    env, compiled = environment(folder, TemplateCodeCache(blocked / "templates"))
    assert render(env).endswith("<p>T</p>")
    assert sorted(compiled) == ["page.html", "part.html"]
