"""Translations whose HTML is harmless alone but acts on the page around it.

The check judges a unit's rendering as a fragment, where an HTML parser ignores an end tag with
nothing to close, closes what is left open at the end and drops ``<body>`` and ``<html>`` tags.
On the page the same tags close the article, a list, a table or an admonition (the rest of the
page moves out of place), keep an ``<a>`` or ``<strong>`` open into every following paragraph
(the rest of the page becomes a link, or bold), or give the page's own ``<body>`` an event
attribute or a background image from another host (mdbabel.safety.balance). A ``<p>`` left open
at the start of a paragraph is worse: Python-Markdown reads it as a raw HTML block that takes
the rest of the page, headings, lists and tables, as unrendered text.

Each case is refused with one line, and through the real path (translate_markdown writes the
page, Python-Markdown renders it, html5lib reads it inside a page as a browser does) the page
keeps its structure and its root elements their attributes. The same page written without the
check shows the damage, so the page-level assertions can fail.
"""

from __future__ import annotations

import html5lib
import pytest

import mdbabel.translate as translate_module
from mdbabel.checks import check_translation
from mdbabel.translate import Translation, markdown_config, translate_markdown
from sample_pages import BLOCKS_PAGE

PAGE = BLOCKS_PAGE
LINK_PARAGRAPH = "Xem [trang liên hệ](../contacts.md) và **chữ đậm** ở đây."

# (name, msgid, hostile msgstr, kind, a text the problem names)
HOSTILE = [
    ("end tags close the article", LINK_PARAGRAPH,
     "See [the contacts page](../contacts.md) and **bold** here.</div></article>", "paragraph",
     '"</article>"'),
    ("an <a> left open: the rest of the page is a link", LINK_PARAGRAPH,
     'See <a href="../contacts.md">the contacts page and **bold** here.', "paragraph",
     '"<a>" open'),
    ("a <strong> left open: the rest of the page is bold", LINK_PARAGRAPH,
     "See [the contacts page](../contacts.md) and <strong>bold here.", "paragraph",
     '"<strong>" open'),
    ("a self-closing <strong/> stays open", LINK_PARAGRAPH,
     "See [the contacts page](../contacts.md) and **bold** <strong/>here.", "paragraph",
     '"<strong>" open'),
    ("an opening <p> swallows the rest of the page as raw text", "Đoạn mở đầu.",
     "<p>Opening paragraph.", "paragraph", '"<p>" open'),
    ("white space empties the paragraph", "Đoạn mở đầu.", " ", "paragraph", "shows no text"),
    ("end tags close the list", "Mục một của danh sách.", "Item one.</li></ul>", "list item",
     '"</ul>"'),
    ("end tags close the table", "Ô một", "Cell one</td></tr></table>", "table cell",
     '"</table>"'),
    ("an end tag closes the admonition", "Nội dung ghi chú.", "The note.</div>", "admonition",
     '"</div>"'),
    ("<body onload> on the page's body", "Tiêu đề trang", "Page title <body onload=alert(1)>",
     "heading", '"<body>"'),
    ("<body background> from another host", LINK_PARAGRAPH,
     "See [the contacts page](../contacts.md) and **bold** here."
     "<body background=https://evil.example/t.png>", "paragraph", '"<body>"'),
    ("<html manifest> from another host", "Đoạn cuối trang.",
     "Last paragraph.<html manifest=https://evil.example/m>", "paragraph", '"<html>"'),
]

HONEST = [
    ("Nhấn <kbd>Ctrl</kbd> để chọn.", "Press <kbd>Ctrl</kbd> to select.", "paragraph"),
    ("Nhấn <kbd>Ctrl</kbd> để chọn.", "Press <KBD>Ctrl</KBD> to select.", "paragraph"),
    ("Dòng một\nDòng hai", "Line one<br>line two", "paragraph"),
    ("Dòng một\nDòng hai", "Line one<br/>line two", "paragraph"),
    ("Xem a < b và c > d.", "See a < b and c > d.", "paragraph"),
    ("Đoạn <span lang=\"en\">OK</span> ở đây.", "Paragraph <span lang=\"en\">OK</span> here.",
     "paragraph"),
    ("Đoạn văn.", "A paragraph. <!-- a translator's note -->", "paragraph"),
    ("Tiêu đề", "A title </b> as text", "front matter title"),
]


@pytest.mark.parametrize("name, msgid, msgstr, kind, what", HOSTILE, ids=[c[0] for c in HOSTILE])
def test_tags_that_act_on_the_page_are_refused_and_named(name, msgid, msgstr, kind, what):
    found = check_translation(msgid, msgstr, kind)
    assert any(what in problem for problem in found), found
    for problem in found:
        assert "\n" not in problem and ";" in problem, problem


@pytest.mark.parametrize("msgid, msgstr, kind", [c for c in HONEST if c[2] != "front matter title"],
                         ids=[c[1][:40] for c in HONEST if c[2] != "front matter title"])
def test_balanced_markup_passes(msgid, msgstr, kind):
    assert check_translation(msgid, msgstr, kind) == []


def test_a_stray_end_tag_in_text_a_template_escapes_is_still_refused():
    """Front matter and interface text are judged as the HTML they would make unescaped (the
    templates escape them: a second line of defence, as for elements)."""
    msgid, msgstr, kind = HONEST[-1]
    assert any('"</b>"' in p for p in check_translation(msgid, msgstr, kind))


# --------------------------------------------------------------------------- the page


def _page(markdown_text: str):
    """The page rendered by the site's dialect, inside a page skeleton, parsed as a browser."""
    import markdown

    body = markdown.Markdown(**markdown_config()).convert(markdown_text)
    document = ('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
                f'<div class="md-content"><article class="md-content__inner">{body}</article></div>'
                "<footer>footer</footer></body></html>")
    return html5lib.parse(document, treebuilder="etree", namespaceHTMLElements=False)


def _shape(root) -> dict:
    """What an attack on the page changes: the root elements' attributes, the body's children,
    the article's children, and the elements around the page's last paragraph."""
    body = root.find("body")
    article = root.find("body/div/article")
    last = [p for p in root.iter("p") if "".join(p.itertext()).strip() == "Đoạn cuối trang."]
    inside = [element.tag for element in last[0].iter()] if len(last) == 1 else None
    return {"html": dict(root.attrib), "body": dict(body.attrib),
            "body children": [child.tag for child in body],
            "article children": [child.tag for child in article] if article is not None else None,
            "table cells": len(list(root.iter("td"))),
            "last paragraph": inside,
            "in the admonition": [child.tag for child in root.iter("div")
                                  if "admonition" in child.get("class", "")]}


def _translated(msgid: str, msgstr: str) -> tuple[str, list[str]]:
    lookup = {msgid: Translation(msgstr, "locales/en/LC_MESSAGES/page.po:7")}
    result = translate_markdown(PAGE, lambda text, context: lookup.get(text),
                                mark_untranslated=False)
    return result.markdown, result.problems


@pytest.mark.parametrize("name, msgid, msgstr, kind, what",
                         [c for c in HOSTILE if c[1] in PAGE], ids=[c[0] for c in HOSTILE if c[1] in PAGE])
def test_the_page_keeps_its_structure_and_the_entry_is_named(name, msgid, msgstr, kind, what,
                                                             monkeypatch):
    expected = _shape(_page(PAGE))
    markdown_text, problems = _translated(msgid, msgstr)
    assert problems and all(p.startswith("locales/en/LC_MESSAGES/page.po:7: ") for p in problems)
    assert markdown_text == PAGE  # the source text is kept
    assert _shape(_page(markdown_text)) == expected

    # without the check, the same msgstr reaches the page and changes it
    monkeypatch.setattr(translate_module, "_check", lambda *args, **kwargs: [])
    unchecked, problems = _translated(msgid, msgstr)
    assert not problems and msgstr.split("<")[0].strip() in unchecked
    assert _shape(_page(unchecked)) != expected, name


# --------------------------------------------------------------------------- what follows the unit

UNPADDED_TABLE = "|Đối tượng|Tỷ lệ|\n|---|---|\n|Người lao động|8%|\n|Người sử dụng lao động|17,5%|\n"


def _cells(markdown_text: str) -> list[list[str]]:
    import markdown

    root = html5lib.parseFragment(markdown.Markdown(**markdown_config()).convert(markdown_text),
                                  treebuilder="etree", namespaceHTMLElements=False)
    return [["".join(cell.itertext()) for cell in row] for row in root.iter("tr")]


@pytest.mark.parametrize("msgstr", ["Worker\\", "Worker \\", "Worker\\\\\\"])
def test_a_cell_that_ends_with_a_backslash_is_refused_and_the_row_kept(msgstr, monkeypatch):
    """In a row written without spaces ("|a|b|"), a backslash at the end of a cell's
    translation escapes the "|" after it: the cell takes in the next one (a rate moves to
    another column)."""
    lookup = {"Người lao động": Translation(msgstr, "locales/en/LC_MESSAGES/page.po:9")}

    def translated():
        return translate_markdown(UNPADDED_TABLE, lambda text, context: lookup.get(text),
                                  mark_untranslated=False)

    result = translated()
    assert [p for p in result.problems if "ends with a backslash" in p], result.problems
    assert result.problems[0].startswith("locales/en/LC_MESSAGES/page.po:9: ")
    assert _cells(result.markdown) == _cells(UNPADDED_TABLE)

    monkeypatch.setattr(translate_module, "_check", lambda *args, **kwargs: [])
    assert _cells(translated().markdown)[1][1] != "8%"  # without the check: the rate moved


@pytest.mark.parametrize("msgstr", ["Worker", "Worker\\\\", "Worker \\| employee", "C:\\\\"])
def test_a_cell_without_a_trailing_escape_passes(msgstr):
    assert check_translation("Người lao động", msgstr, "table cell") == []


def test_language_marks_in_a_translation_are_refused(monkeypatch):
    """The finished page turns mdbabel.lang_marks' private-use marks into ``<span lang>``: in
    a msgstr they would make an element (and a language) that the source's rendering lacks."""
    import markdown

    from mdbabel import lang_marks

    msgstr = f"Last {lang_marks.mark('paragraph', 'ar')}."
    markdown_text, problems = _translated("Đoạn cuối trang.", msgstr)
    assert problems and "U+E0F0" in problems[0] and markdown_text == PAGE

    monkeypatch.setattr(translate_module, "_check", lambda *args, **kwargs: [])
    unchecked, _ = _translated("Đoạn cuối trang.", msgstr)
    page = lang_marks.resolve(markdown.Markdown(**markdown_config()).convert(unchecked))
    assert '<span lang="ar">paragraph</span>' in page


@pytest.mark.parametrize("msgstr", ["Opening &#; paragraph.", "Opening &#x; paragraph.",
                                    "Opening &# paragraph; the rest."])
def test_a_hash_reference_that_is_none_is_refused(msgstr, monkeypatch):
    """Python-Markdown reads raw HTML with Python's html.parser over the whole page; at a "&#"
    that starts no character reference that parser stops and keeps only the rest of the text,
    and Python-Markdown's positions no longer match it: every later unit's raw HTML (here the
    <span lang="vi"> of the units left untranslated) is cut or repeated. Rendered alone, the
    unit shows nothing of it."""
    import markdown

    def rendered(check=True):
        if not check:
            monkeypatch.setattr(translate_module, "_check", lambda *args, **kwargs: [])
        lookup = {"Đoạn mở đầu.": Translation(msgstr, "locales/en/LC_MESSAGES/page.po:7")}
        result = translate_markdown(PAGE, lambda text, context: lookup.get(text))
        html = markdown.Markdown(**markdown_config()).convert(result.markdown)
        return result.problems, [line for line in html.split("\n") if "Opening" not in line
                                 and "Đoạn mở đầu." not in line]

    problems, lines = rendered()
    assert problems and 'a "&#" that starts no character reference' in problems[0], problems
    unchecked_problems, unchecked = rendered(check=False)
    assert not unchecked_problems and unchecked != lines  # the rest of the page changed


@pytest.mark.parametrize("msgstr", ["Opening &#8470; paragraph.", "Opening &#x2116; paragraph.",
                                    "Opening &amp;# paragraph."])
def test_whole_references_pass(msgstr):
    assert check_translation("Đoạn mở đầu.", msgstr, "paragraph") == []
