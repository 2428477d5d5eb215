"""Property: a translation the check accepts never renders what its source's rendering lacks.

Hypothesis writes msgstrs from Markdown and HTML pieces (delimiters, tags, attributes, URLs,
entities, line breaks, carriage returns, attribute lists, definitions) for the units of a small
page. Each accepted msgstr goes through the real path: :func:`mdbabel.translate.translate_markdown`
writes it into the page, a fresh Python-Markdown converter with the site's dialect renders the
whole page, and justhtml (another HTML5 parser than the check's html5lib, no sanitising) reads it.
The translated page may have no element, attribute or URL that the source page lacks, and every
URL has an allowed scheme.
"""

from __future__ import annotations

from collections import Counter

import justhtml
import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdbabel.safety.urls import ALLOWED_SCHEMES, parse_url
from mdbabel.segments import segment
from mdbabel.translate import Translation, markdown_config, translate_markdown

PAGE = """\
# Tiêu đề trang

Xem [trang liên hệ](../contacts.md) và **chữ đậm** ở đây[^1].

- Mục có `mã` và <kbd>Ctrl</kbd>.

| Cột | Giá trị |
| --- | --- |
| Ô một | Ô hai |

!!! note "Ghi chú"
    Nội dung ghi chú.

> Trích dẫn văn bản.

Thuật ngữ
:   Định nghĩa của thuật ngữ.

=== "Thẻ"
    Nội dung thẻ.

![Ảnh minh họa](anh.png "Tiêu đề ảnh")

[^1]: Chú thích.
"""
UNITS = [unit.text for unit in segment(PAGE)]  # every construct's unit: cell, title, term...

PIECES = [
    "text", " ", "\n", "\r", "\n\n", "**", "*", "_", "`", "``", "[", "]", "(", ")", "<", ">", "!",
    "#", "-", "=", "|", ":", "{", "}", "{:", "\\", "&", "&#x61;", "&#106;", "\"", "'", "/",
    "[trang liên hệ](../contacts.md)", "[x](https://evil.example)", "<https://evil.example>",
    "<a@evil.example>", "[x](javascript:alert(1))", "[x](jav&#x61;script:alert(1))",
    "[x](<https://evil.example/a b>)", "[a [b]](//evil.example)", "[x](/\\evil.example)",
    "![i](https://evil.example/t.png)", "<img/src/onerror=alert(1)>", "<svg/onload=alert(1)>",
    "<kbd>", "</kbd>", '<kbd onclick="x">', "<a href=//evil.example>", "</a>", "<script>",
    "<style>", "<base href=//evil.example>", "<!--", "-->", "{: onclick=alert(1) }", "{: .x }",
    "{ #id }", "[x]: https://evil.example", "[^1]", "[^2]", "[^2]: x", "*[Mục]: x", "!!! note",
    "```", "    ", "> ", "1. ", "- ", "<div markdown>", "</div>", "javascript:", "`mã`",
    "**chữ đậm**", "<kbd>Ctrl</kbd>", "[^1]:", "<math>", "<noscript>", "style=", "onload=",
]

pieces = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)


def _render(page: str) -> justhtml.DocumentFragment:
    html = markdown.Markdown(**markdown_config()).convert(page)
    return justhtml.JustHTML(html, fragment=True, sanitize=False).root


def _inventory(root) -> tuple[set, set, Counter]:
    elements, attributes, urls = set(), set(), Counter()
    stack = [root]
    while stack:
        node = stack.pop()
        name = getattr(node, "name", "")
        attrs = getattr(node, "attrs", None)
        if attrs is not None and not name.startswith("#"):
            tag = f"{node.namespace}:{name}"
            elements.add(tag)
            for key, value in attrs.items():
                attributes.add((tag, key))
                if key in ("href", "src") or key.endswith("href"):
                    urls[(tag, key, value or "")] += 1
        stack.extend(getattr(node, "children", None) or [])
    return elements, attributes, urls


SOURCE = _inventory(_render(PAGE))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(UNITS), pieces, st.integers(min_value=-1, max_value=80))
def test_an_accepted_translation_renders_nothing_the_source_lacks(unit, inserted, at):
    # the pieces alone, or put into the source text (most honest-looking msgstrs are)
    msgstr = inserted if at < 0 else unit[:at] + inserted + unit[at:]
    catalog = {unit: Translation(msgstr, "x.po:1")}
    result = translate_markdown(PAGE, lambda msgid, context: catalog.get(msgid),
                                mark_untranslated=False)
    if result.problems:
        return  # refused: the source text is kept
    elements, attributes, urls = _inventory(_render(result.markdown))
    src_elements, src_attributes, src_urls = SOURCE
    assert elements <= src_elements | {"html:br"}, (msgstr, elements - src_elements)
    assert attributes <= src_attributes, (msgstr, attributes - src_attributes)
    # footnote back-references repeat with the references: compare the targets as a set too
    assert set(urls) <= set(src_urls), (msgstr, set(urls) - set(src_urls))
    for _, _, value in urls:
        assert parse_url(value).scheme in ALLOWED_SCHEMES, (msgstr, value)


def test_the_property_can_fail():
    """The inventory sees what a hostile msgstr would add (so the property is not empty)."""
    elements, attributes, urls = _inventory(_render(PAGE.replace(
        "Ô một", "<svg/onload=alert(1)> <b onclick=x>b</b> [x](https://evil.example)")))
    assert "svg:svg" in elements - SOURCE[0]
    assert ("html:b", "onclick") in attributes
    assert ("html:a", "href", "https://evil.example") in urls
