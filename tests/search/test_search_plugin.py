"""The mdbabel-search plugin on a built bilingual site (tests/fixtures/search-site)."""

import json
import re
from pathlib import Path

import pytest

from search_support import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("search-site") / "site")


def _index(site, path):
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_each_language_gets_its_own_index(site):
    vi = _index(site, "search/vi.json")
    en = _index(site, "en/search/en.json")
    assert vi["lang"] == "vi" and en["lang"] == "en"
    assert all(not p["url"].startswith("en/") for p in vi["pages"])
    assert all(p["url"].startswith("en/") for p in en["pages"])
    assert not (site / "search" / "en.json").exists()
    assert not (site / "search" / "search_index.json").exists()


def test_index_entries_have_title_section_anchors_and_text(site):
    pages = {p["url"]: p for p in _index(site, "en/search/en.json")["pages"]}
    page = pages["en/that-nghiep/"]
    assert page["title"] == "Unemployment insurance"
    assert [s["anchor"] for s in page["sections"]] == ["", "dieu-kien-huong", "muc-huong"]
    assert page["sections"][1]["title"] == "Who can claim"
    assert "12 of the 24 months" in page["sections"][1]["text"]


def test_vietnamese_fallback_page_is_not_in_the_english_index(site):
    # dong-thoi-gian.md has no .en.md: i18n publishes the Vietnamese text under /en/.
    assert (site / "en" / "dong-thoi-gian" / "index.html").exists()
    urls = [p["url"] for p in _index(site, "en/search/en.json")["pages"]]
    assert "en/dong-thoi-gian/" not in urls
    assert "dong-thoi-gian/" in [p["url"] for p in _index(site, "search/vi.json")["pages"]]


def test_every_page_links_the_assets_and_its_language_index_relatively(site):
    html = (site / "en" / "that-nghiep" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../../assets/mdbabel/search.css">' in html
    assert '<script src="../../assets/mdbabel/search.js" defer></script>' in html
    assert 'data-index="../search/en.json"' in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-index="search/vi.json"' in home
    assert (site / "assets" / "mdbabel" / "search.js").is_file()


def test_search_box_sits_in_the_material_header_with_a_search_landmark(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    header = re.search(r"<header[\s\S]*?</header>", html).group(0)
    assert "data-mdb-search" in header
    assert 'role="search"' in header
    assert '<label class="mdb-search__label" for="mdb-search-input">Tìm kiếm</label>' in header


def test_interface_strings_follow_the_page_language(site):
    vi = (site / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Mở ô tìm kiếm"' in vi
    assert 'aria-label="Open search"' in en
    assert "{n} results" in en.replace("&quot;", '"')


def test_the_index_is_named_only_in_the_search_box_not_preloaded(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert html.count("search/vi.json") == 1
    assert 'data-index="search/vi.json"' in html


def test_search_js_stays_small(site):
    size = (site / "assets" / "mdbabel" / "search.js").stat().st_size
    assert size < 11 * 1024, size  # as served (light_minify); about 3.8 KB gzip


def test_light_minify_drops_only_whole_line_comments_and_indentation():
    from mdbabel.search_plugin import light_minify

    source = "/* head\n   comment */\nvar a = 1; // keep\n  // gone\n\n  /* x */ var b = '/*';\n"
    assert light_minify(source) == "var a = 1; // keep\n/* x */ var b = '/*';\n"


# -- overrides/partials/search.html (used when the mdbabel plugin installs _site.po) -----------
REPO = Path(__file__).resolve().parents[2]


class _Catalog:
    """gettext stand-in: translates only the messages it is given."""

    def __init__(self, messages):
        self.messages = messages

    def gettext(self, message):
        return self.messages.get(message, message)

    def ngettext(self, singular, plural, n):
        return self.gettext(singular if n == 1 else plural)


def _theme_env(messages):
    import jinja2
    import material

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(
            [str(REPO / "overrides"), str(Path(material.__file__).parent / "templates")]
        ),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
    )
    env.install_gettext_translations(_Catalog(messages), newstyle=True)
    return env


def _structure(html):
    """(tag, id, class, role, for, aria-*) of every element: what search.js and CSS rely on."""
    from html.parser import HTMLParser

    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag in ("svg", "path"):
                return
            found.append((tag, a.get("id"), a.get("class"), a.get("role"), a.get("for"),
                          a.get("aria-controls"), a.get("aria-live"), a.get("type")))

    Collect().feed(html)
    return found


def _page():
    return "<html><head></head><body><header class=\"md-header\"><nav>x</nav></header></body></html>"


def test_partial_and_builtin_box_have_the_same_structure():
    from mdbabel.search_plugin import UI_STRINGS, _search_partial, inject

    env = _theme_env({})
    partial = _search_partial(env)
    assert partial is not None
    kwargs = dict(page_url="a/", index_path="search/vi.json", lang="vi", strings=UI_STRINGS)
    with_partial = inject(_page(), partial=partial, **kwargs)
    builtin = inject(_page(), **kwargs)
    assert _structure(with_partial) == _structure(builtin)


def test_partial_uses_site_catalog_and_keeps_untranslated_strings_as_written():
    from mdbabel.search_plugin import SearchPlugin, UI_STRINGS, _search_partial, inject

    env = _theme_env({"Tìm kiếm": "Find"})  # only this msgid is translated in _site.po
    plugin = SearchPlugin()
    plugin.load_config({})
    html = inject(_page(), page_url="en/a/", index_path="en/search/en.json", lang="en",
                  strings=UI_STRINGS, partial=_search_partial(env), localize=plugin._localize)
    assert '<label class="mdb-search__label" for="mdb-search-input">Find</label>' in html
    assert 'aria-label="Mở ô tìm kiếm"' in html  # no English written into the code
    assert 'data-index="../search/en.json"' in html


def test_builtin_box_strings_come_from_the_site_catalog():
    """Without the partial, the box's strings are the mdbabel plugin's _site translations."""
    from types import SimpleNamespace

    from mdbabel import interface_strings as ui
    from mdbabel.search_plugin import SearchPlugin, UI_STRINGS

    catalog = {ui.SEARCH_OPEN: "Open search", ui.SEARCH_OTHER: "{n} results"}
    mdbabel = SimpleNamespace(gettext=lambda message: catalog.get(message, message))
    plugin = SearchPlugin()
    plugin.load_config({"strings": {"en": {"close": "Close it"}}})
    plugin._lang = "en"
    strings = plugin._ui_strings(SimpleNamespace(plugins={"mdbabel": mdbabel}))
    assert strings["open"] == "Open search" and strings["other"] == "{n} results"
    assert strings["close"] == "Close it"  # the plugin's `strings` option wins
    assert strings["label"] == UI_STRINGS["label"] == "Tìm kiếm"  # untranslated: as written
    assert plugin._ui_strings(SimpleNamespace(plugins={}))["open"] == ui.SEARCH_OPEN


def test_search_strings_are_interface_strings_of_the_site_catalog():
    from mdbabel import interface_strings as ui
    from mdbabel.search_plugin import UI_STRINGS

    assert set(UI_STRINGS.values()) <= set(ui.ALL)


def test_material_own_search_partial_is_not_taken_for_ours():
    import jinja2
    import material

    from mdbabel.search_plugin import _search_partial

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(material.__file__).parent / "templates")),
        extensions=["jinja2.ext.i18n"],
    )
    env.install_null_translations(newstyle=True)
    assert _search_partial(env) is None


def test_404_page_gets_the_box_with_absolute_links(site):
    # served at any depth (/a/b/missing), so relative links would break
    # (with i18n alone the en build overwrites the root 404.html; it points at en.json then)
    html = (site / "404.html").read_text(encoding="utf-8")
    lang = re.search(r'<html lang="(\w+)"', html).group(1)
    index = "/search/vi.json" if lang == "vi" else f"/{lang}/search/{lang}.json"
    assert f'data-index="{index}"' in html
    assert '<script src="/assets/mdbabel/search.js" defer></script>' in html


def test_partial_and_plugin_have_the_same_msgids():
    from mdbabel.search_plugin import UI_STRINGS

    source = (REPO / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    assert set(re.findall(r'_\("([^"]+)"\)', source)) == set(UI_STRINGS.values())


def test_box_kept_per_depth_still_links_each_page_relatively():
    # a build keeps the rendered box per pair of URLs; every page must still get its own depth's
    from mdbabel.search_plugin import UI_STRINGS, _search_partial, inject

    partial = _search_partial(_theme_env({}))
    boxes: dict = {}
    kwargs = dict(index_path="search/vi.json", lang="vi", strings=UI_STRINGS, partial=partial)
    pages = {url: inject(_page(), page_url=url, boxes=boxes, **kwargs)
             for url in ("", "a/", "b/c/", "d/", "e/f/")}
    for url, html in pages.items():
        assert html == inject(_page(), page_url=url, **kwargs), url  # as if rendered alone
    assert 'data-index="search/vi.json"' in pages[""]
    assert 'data-index="../search/vi.json" data-root="../"' in pages["d/"]
    assert 'data-index="../../search/vi.json" data-root="../../"' in pages["e/f/"]
    assert len(boxes) == 3  # one per depth


def test_pages_at_every_depth_of_one_build_link_their_own_index(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    nested = (site / "that-nghiep" / "index.html").read_text(encoding="utf-8")
    assert 'data-index="search/vi.json"' in home
    assert 'data-index="../search/vi.json" data-root="../"' in nested
