"""The Content-Security-Policy of the built pages (mdbabel.csp): unit tests, and every page of
the real site checked as written (the browser test is tests/site/test_site_csp_browser.py)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path


from mdbabel.csp import META_START, ScriptAllowlist, add_policy, inline_hashes, policy

SCRIPT = 'var a = "</scrip" + "t>";\n  document.title = a'
PAGE = f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <title>x</title>
    <script>{SCRIPT}</script>
    <script id="__config" type="application/json">{{"a": 1}}</script>
    <script src="assets/x.js"></script>
    <link rel="stylesheet" href="a.css">
  </head>
  <body>
    <table><tr><td style="text-align: right;">1</td></tr></table>
    <SCRIPT type="module">import "./m.js"</SCRIPT>
  </body>
</html>
"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def directives(page: str) -> dict[str, list[str]]:
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
    return {name: values for name, *values in (part.split() for part in content.split("; "))}


def test_inline_scripts_are_hashed_as_written_and_data_and_files_are_not():
    scripts, styles, attributes = inline_hashes(PAGE)
    assert scripts == sorted([sha(SCRIPT), sha('import "./m.js"')])
    assert styles == [sha("text-align: right;")] and attributes


def test_the_policy_allows_the_site_and_its_own_inline_code_only():
    found = directives(add_policy(PAGE))
    assert found["default-src"] == ["'self'"]
    assert found["script-src"] == ["'self'", *sorted([sha(SCRIPT), sha('import "./m.js"')])]
    assert found["style-src"] == ["'self'", "'unsafe-hashes'", sha("text-align: right;")]
    assert found["img-src"] == ["'self'", "data:"]
    assert found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'self'"] and found["form-action"] == ["'self'"]
    assert not any("unsafe-inline" in v or "*" in v or "http" in v
                   for values in found.values() for v in values)


def test_no_style_attribute_no_unsafe_hashes():
    assert "unsafe-hashes" not in policy("<head></head><body><p>x</p></body>")
    assert "style-src 'self' " + sha("p{}") in policy("<head><style>p{}</style></head>")


def test_line_ends_are_hashed_as_the_browser_reads_them():
    assert inline_hashes("<script>a\r\nb\rc</script>")[0] == [sha("a\nb\nc")]


def test_the_meta_follows_the_charset_before_anything_else():
    out = add_policy(PAGE)
    head = out.split("<head>", 1)[1]
    tags = re.findall(r"<(\w+)[^>]*>", head)
    assert tags[:2] == ["meta", "meta"] and head.index(META_START) < head.index("<meta name=")
    assert re.search(r'<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"', out)
    assert out.replace(re.search(r"\n *<meta http-equiv=[^>]*>", out).group(0), "") == PAGE


def test_without_charset_the_meta_opens_the_head_and_without_head_nothing_changes():
    assert add_policy("<html><head><script>x</script></head></html>").startswith(
        f"<html><head>{META_START}")
    assert add_policy("<p>fragment</p>") == "<p>fragment</p>"


def test_writing_the_policy_again_gives_the_same_page():
    once = add_policy(PAGE)
    assert add_policy(once) == once
    # a page changed after its policy was written gets the policy of its new content
    changed = once.replace("</body>", "<script>late()</script></body>")
    assert sha("late()") in directives(add_policy(changed))["script-src"]
    assert add_policy(changed).count(META_START) == 1


# --------------------------------------------------------------------------- the real site


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_built_page_has_the_policy_of_its_own_inline_scripts(built_site):
    pages = html_pages(built_site)
    assert pages and any(p.name == "404.html" for p in pages)
    for path in pages:
        text = path.read_text(encoding="utf-8")
        head = text.split("<head>", 1)[1]
        # first after <meta charset>, before any script, style or stylesheet
        assert re.match(r'\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy"',
                        head), path
        assert text.count(META_START) == 1, path
        found = directives(text)
        scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
        assert scripts, path  # Material's inline scripts are there to be hashed
        assert sorted({sha(s) for s in scripts}) == found["script-src"][1:], path


# --------------------------------------------------------------------------- template scripts


TEMPLATES = [
    '<script>__md_scope=new URL("{{ config.extra.scope | d(base_url) }}",location)</script>',
    "{% if x %}<script>var target=1</script>{% endif %}<script src=\"{{ 'a.js' | url }}\"></script>",
    "<script>var n = {{ count }};</script>",                 # an expression outside a string
    '<script>{% if a %}run(){% endif %}</script>',           # statements: text unknown
    '<script type="application/json">{{ data | tojson }}</script>',
]


def test_the_allowlist_holds_the_scripts_templates_write():
    allowlist = ScriptAllowlist(TEMPLATES)
    assert allowlist.allows('__md_scope=new URL("../..",location)')
    assert allowlist.allows('__md_scope=new URL("/guide/",location)')
    assert allowlist.allows("var target=1")
    # nothing that leaves the string, nothing a template does not write
    assert not allowlist.allows('__md_scope=new URL("",alert(1),"",location)')
    assert not allowlist.allows('__md_scope=new URL("\\\\",location)')
    assert not allowlist.allows("var n = 1;alert(1);")
    assert not allowlist.allows("run()") and not allowlist.allows("alert(1)")


def test_an_inline_script_no_template_writes_gets_no_hash_and_is_reported():
    allowlist = ScriptAllowlist(TEMPLATES)
    page = ('<html><head><meta charset="utf-8"><script>var target=1</script></head><body>'
            '<h1>How much <script>alert(22)</script></h1></body></html>')
    refused: list[str] = []
    found = directives(add_policy(page, allowlist, refused))
    assert found["script-src"] == ["'self'", sha("var target=1")]
    assert refused == ["alert(22)"]


def test_the_real_templates_write_every_inline_script_of_the_built_site(built_site):
    """The allowlist read from the theme's templates (overrides/ first, then Material's)."""
    from mkdocs.config import load_config

    from mdbabel.mkdocs_plugin import _template_sources

    config = load_config(config_file=str(Path(__file__).resolve().parents[2] / "mkdocs.yml"))
    allowlist = ScriptAllowlist(_template_sources(config.theme.get_env()))
    for path in html_pages(built_site):
        for body in re.findall(r"<script>(.*?)</script>", path.read_text(encoding="utf-8"), re.S):
            assert allowlist.allows(body), (path, body[:80])


def test_the_plugin_writes_the_policy_in_a_build_and_not_under_mkdocs_serve():
    """`mkdocs serve` adds its own inline live-reload script to every page it serves."""
    from types import SimpleNamespace

    from mdbabel.mkdocs_plugin import MdBabelPlugin

    page = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))
    for command, written in (("build", True), ("serve", False), ("gh-deploy", True)):
        plugin = MdBabelPlugin()
        plugin.on_startup(command=command, dirty=False)
        out = plugin._page_policy(PAGE, page=page, config=None)
        assert (META_START in out) is written, command
