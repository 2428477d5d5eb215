"""Property: a translation the check accepts changes nothing on the page but its own unit.

The check judges a unit rendered alone; the page renders it among the others, with the
``<span lang>`` of the units left untranslated. Hypothesis writes msgstrs from Markdown and HTML
pieces (entities, tag openings and closings, comments, code, escapes) for each unit of a small
page; each accepted msgstr goes through the real path (:func:`mdbabel.translate.translate_markdown`
writes it, the site's Markdown dialect renders the page), and every line of the page's HTML
that is not the unit's own is the same as with a plain translation of that unit. This found a
bare ``&#`` that garbled every later unit (the converter's HTML reader loses its place).
"""

from __future__ import annotations

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdbabel.segments import segment
from mdbabel.translate import Translation, markdown_config, translate_markdown
from sample_pages import BLOCKS_PAGE

PAGE = BLOCKS_PAGE
UNITS = [unit.text for unit in segment(PAGE)]
MARK = "Intro"  # every line with the unit's own HTML has it
PIECES = ["&#", "&#;", "&#x", "&", "&a", "&amp;", ";", "<", "</", "<!", "<!--", "-->", "<?", "?>",
          "<a", "</a>", "<b>", "</b>", "<p>", "</p>", "</div>", "</td>", "</li>", "<span lang=\"vi\">",
          "</span>", "<![CDATA[", "]]>", "<kbd>", "</kbd>", "'", '"', ">", "/>", "`", "\\", "*", "_",
          "[", "](", "]", "{", "}", "{:", "|", "\\|", "#", "&lt;", "&#60;", " ", "x"]

_MD = markdown.Markdown(**markdown_config())


def _page(unit: str, msgstr: str) -> tuple[list[str], list[str]]:
    result = translate_markdown(PAGE, lambda text, context: Translation(msgstr, "page.po:1")
                                if text == unit else None)
    html = _MD.reset().convert(result.markdown)
    return result.problems, [line for line in html.split("\n") if MARK not in line]


BASELINE = {unit: _page(unit, f"{MARK} text.")[1] for unit in UNITS}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(unit=st.sampled_from(UNITS),
       middle=st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join))
def test_an_accepted_translation_leaves_the_rest_of_the_page_as_it_was(unit, middle):
    problems, lines = _page(unit, f"{MARK} {middle} text.")
    if not problems:
        assert lines == BASELINE[unit], middle
