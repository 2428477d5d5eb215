"""Catalog text reaching templates is text (mdbabel.escaping, mdbabel.mkdocs_plugin.nav_html).

Unit tests of the escaping helpers, of the autoescape setting and the escaping gettext in a
real Jinja environment, of the navigation renderer with hostile titles, and of the status
page's Markdown escaping rendered with the site's own Markdown extensions (mkdocs.yml).
"""

from __future__ import annotations

import functools
import gettext
import html
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import jinja2
import markdown
import pytest
from markupsafe import Markup

from mdbabel.escaping import (ProjectAutoescape, escape_titles, install_escaped_gettext,
                              markdown_text, plain_text, text_html, title_html)

REPO = Path(__file__).resolve().parents[2]

HOSTILE = [
    "<svg/onload=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)",
    "<img/src/onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "<script>alert(1)</script>",
    "R&D &amp; Q&A",
]


class _Elements(HTMLParser):
    """Start tags and their attributes, and the text, as a browser's tokenizer reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


def parsed(fragment: str) -> _Elements:
    parser = _Elements()
    parser.feed(str(fragment))  # a Markup would escape what is added to it
    parser.close()
    return parser


# --------------------------------------------------------------------------- helpers


@pytest.mark.parametrize("value", HOSTILE)
def test_text_is_escaped_for_text_and_attributes(value):
    out = text_html(value)
    assert isinstance(out, Markup)
    for character in "<>\"'":
        assert character not in out
    # read back by an HTML parser, in an attribute and as text: the value itself
    element = parsed(f'<a title="{out}" data-x=\'{out}\'>{out}</a>')
    assert element.tags == [("a", [("title", value), ("data-x", value)])]
    assert element.text == value
    assert plain_text(out) == value


def test_escaped_text_is_not_escaped_twice():
    once = text_html("a & b")
    assert text_html(once) == once == "a &amp; b"
    assert title_html(once) == once
    assert str(jinja2.Environment(autoescape=True).from_string("{{ v }}|{{ v | e }}").render(v=once)) \
        == "a &amp; b|a &amp; b"


@pytest.mark.parametrize("title, shown", [
    ("Q &amp; A", "Q & A"),                 # MkDocs keeps a heading's character references
    ("Q & A", "Q & A"),                     # a title from mkdocs.yml or front matter
    ("a < b", "a < b"),
    ("&lt;script&gt;", "<script>"),
    ("<svg/onload=alert(1)>", "<svg/onload=alert(1)>"),
    ('x" onmouseover="alert(1)', 'x" onmouseover="alert(1)'),
])
def test_a_title_shows_the_text_it_shows_in_material_and_never_makes_markup(title, shown):
    out = title_html(title)
    element = parsed(f'<span title="{out}">{out}</span>')
    assert element.tags == [("span", [("title", shown)])]
    assert element.text == shown


def test_escape_titles_gives_the_theme_escaped_values():
    config = {"site_name": '" onmouseover="alert(1)', "site_description": "<b>x</b>"}
    page = SimpleNamespace(title="<svg/onload=alert(1)>",
                           meta={"title": "<script>", "description": "a \" b", "reviewed": 1})
    child = SimpleNamespace(title="Q &amp; A", children=None)
    section = SimpleNamespace(title="<img/src/onerror=alert(1)>", children=[child, page])
    escape_titles(config, [section], [page])
    assert config["site_name"] == "&#34; onmouseover=&#34;alert(1)"
    assert config["site_description"] == "&lt;b&gt;x&lt;/b&gt;"
    assert section.title == "&lt;img/src/onerror=alert(1)&gt;"
    assert child.title == "Q &amp; A"
    assert page.title == "&lt;svg/onload=alert(1)&gt;"
    assert page.meta == {"title": "&lt;script&gt;", "description": "a &#34; b", "reviewed": 1}
    assert all(isinstance(v, Markup) for v in (config["site_name"], section.title, page.title))
    escape_titles(config, [section], [page])  # a second pass changes nothing
    assert page.title == "&lt;svg/onload=alert(1)&gt;" and child.title == "Q &amp; A"


# --------------------------------------------------------------------------- Markdown text


@functools.lru_cache(maxsize=1)
def _site_extensions() -> tuple[list, dict]:
    from mkdocs.config import load_config

    config = load_config(config_file=str(REPO / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def site_markdown() -> markdown.Markdown:
    """A converter with the Markdown extensions of mkdocs.yml (read, not copied)."""
    extensions, configs = _site_extensions()
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


MARKDOWN_HOSTILE = [
    "<svg/onload=alert(1)>", "[click](https://evil.example/)", "<HTTPS://evil.example/>",
    "x {: onclick=alert(1) }", "!!! danger\n    boo", "??? note", '=== "Tab"', "1. first",
    "- item", "# heading", "> quote", "*[HTML]: Hyper", "a[^1]", ": definition",
    "`code` **bold** _em_", "line\r\n\r\nnew block", "a | b\n--|--\nc | d", "&#x3C;svg&#x3E;",
    "![img](https://evil.example/x.png)", "\\*not em\\*", "R&D", "    indented code",
]


@pytest.mark.parametrize("text", MARKDOWN_HOSTILE)
@pytest.mark.parametrize("prefix, tag", [("", "p"), ("## ", "h2")])
def test_interface_text_in_markdown_renders_to_that_text_only(text, prefix, tag):
    md = site_markdown()
    rendered = md.convert(prefix + markdown_text(text))
    element = parsed(rendered)
    if tag == "h2":  # toc's permalink after the heading's text
        permalink = element.tags.pop()
        assert permalink[0] == "a" and ("class", "headerlink") in permalink[1], rendered
        element.text = element.text[:-1]
    assert [t for t, _ in element.tags] == [tag], rendered
    assert element.text.strip() == " ".join(text.split()), rendered


def test_honest_interface_text_renders_as_without_escaping():
    md = site_markdown()
    for text in ("Tỷ lệ tính theo số đoạn văn (tiêu đề, đoạn, mục danh sách, ô bảng). "
                 "Bản dịch cần xem lại (fuzzy) không bao giờ được đăng.",
                 "Language: English", "The website is currently available in Vietnamese only."):
        assert md.convert(markdown_text(text)) == md.reset().convert(text)


# --------------------------------------------------------------------------- Jinja


def test_autoescape_is_on_for_the_projects_templates_only(tmp_path):
    (tmp_path / "partials").mkdir()
    for name in ("main.html", "partials/nav.html", "sitemap.xml", "robots.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    autoescape = ProjectAutoescape([tmp_path])
    assert autoescape("main.html") and autoescape("partials/nav.html") and autoescape("sitemap.xml")
    assert not autoescape("robots.txt")              # not markup: nothing to escape
    assert not autoescape("base.html")               # the theme's own template
    assert not autoescape("../escape/main.html") and not autoescape(None)
    # the compiled-template cache keys code by the repr: the same in every process
    assert repr(autoescape) == repr(ProjectAutoescape([tmp_path]))
    assert "0x" not in repr(autoescape)


class _Catalog(gettext.NullTranslations):
    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message):
        return self.messages.get(message, message)


def environment(tmp_path: Path, templates: dict[str, str], messages: dict[str, str]):
    own = tmp_path / "overrides"
    for name, source in templates.items():
        (own / name).parent.mkdir(parents=True, exist_ok=True)
        (own / name).write_text(source, encoding="utf-8")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "base.html").write_text("<title>{{ title }}</title>{% block body %}{% endblock %}",
                                     encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(own), str(theme)]),
                             extensions=["jinja2.ext.i18n"])
    env.autoescape = ProjectAutoescape([own])
    env.policies["ext.i18n.trimmed"] = True
    install_escaped_gettext(env, _Catalog(messages))
    return env


def test_translations_in_the_projects_templates_are_escaped(tmp_path):
    templates = {
        "page.html": ('{% extends "base.html" %}{% block body %}'
                      '<h2>{% trans %}Nguồn{% endtrans %}</h2>'
                      '{% set date %}<time datetime="2026-01-02">{{ day }}</time>{% endset %}'
                      '<p>{% trans %}Kiểm tra: {{ date }}{% endtrans %}</p>'
                      '<button aria-label="{{ _("Mở") }}">{{ name }}</button>{% endblock %}'),
    }
    messages = {"Nguồn": "<svg/onload=alert(1)>", "Kiểm tra: %(date)s": "<b>Checked</b> %(date)s",
                "Mở": '" onmouseover="alert(1)'}
    env = environment(tmp_path, templates, messages)
    out = env.get_template("page.html").render(day="<2 Jan>", name="<i>x</i>",
                                               title="<b>theme</b>")
    element = parsed(out)
    # the theme's template is left as Material expects (autoescape off)...
    assert out.startswith("<title><b>theme</b></title>")
    # ...ours escape every translation and value; the template's own markup stays markup
    assert [t for t, _ in element.tags] == ["title", "b", "h2", "p", "time", "button"]
    assert ("time", [("datetime", "2026-01-02")]) in element.tags
    assert ("button", [("aria-label", '" onmouseover="alert(1)')]) in element.tags
    assert "<svg/onload=alert(1)>" in element.text and "<b>Checked</b> <2 Jan>" in element.text
    assert "<i>x</i>" in element.text


def test_untranslated_and_honest_strings_are_unchanged(tmp_path):
    env = environment(tmp_path, {"p.html": "{% trans %}Về trang chủ{% endtrans %}|{{ _('100%%') }}"},
                      {"Về trang chủ": "Go to the home page"})
    assert env.get_template("p.html").render() == "Go to the home page|100%"


# --------------------------------------------------------------------------- navigation


def test_the_navigation_renderer_escapes_titles_it_is_given_as_text():
    from mdbabel.mkdocs_plugin.nav_html import NavRenderer

    page = SimpleNamespace(title="Trang", url="a/", toc=[], active=True, children=None)
    link = SimpleNamespace(title='" onmouseover="alert(1)', url="https://example.org/?a=1&b=2",
                           active=False, children=None)
    escaped = SimpleNamespace(title=Markup("Q &amp; A"), url="b/", active=False, children=None)
    section = SimpleNamespace(title="<svg/onload=alert(1)>", children=[page, link, escaped],
                              active=True, url=None)
    nav = SimpleNamespace(items=[section])
    out = NavRenderer(["navigation.indexes"]).render(nav, page)
    assert isinstance(out, Markup)
    element = parsed(out)
    assert all(not name.startswith("on") for _, attrs in element.tags for name, _ in attrs)
    assert "<svg/onload=alert(1)>" in element.text and '" onmouseover="alert(1)' in element.text
    assert "Q & A" in element.text and "&amp;amp;" not in out
    assert ("a", [("href", "https://example.org/?a=1&b=2"), ("class", "md-nav__link")]) \
        in element.tags
    # in a template with autoescape on, the items are not escaped again
    env = jinja2.Environment(autoescape=True)
    assert env.from_string("{{ items }}").render(items=out) == str(out)
    assert html.unescape(str(out)).count("<svg/onload=alert(1)>") == 2  # label + section title
