"""Judge a translation by what it renders to, compared with what its source renders to.

:func:`check_translation` compares a msgstr with its msgid and returns one text per problem,
each naming the thing and saying how to fix it, e.g. ``translation drops link "../contacts.md";
keep the link target unchanged or leave the entry untranslated``. :mod:`mdbabel.translate` (the
build) and ``mdbabel check`` prefix them with the catalog file and line and keep the source
text for that unit. The rules, in order:

1. no invisible character (zero-width, bidirectional control, soft hyphen) the source lacks
   (:mod:`mdbabel.safety.invisible`), written as itself or, found in the rendering, as a
   character reference;
2. a complexity budget, so that rendering stays fast (:mod:`mdbabel.safety.budget`);
3. the same ``{{ placeholders }}``, in the source's order unless the entry carries the flag
   ``#, mdbabel-reorder``;
4. the same figures as typed values (:mod:`mdbabel.safety.figures_compare`), and no web
   address in the text that the source does not name (:mod:`mdbabel.safety.text_hosts`);
5. both texts rendered by the site's Markdown converter in the construct they sit in
   (:mod:`mdbabel.safety.render`) and compared as HTML trees (:mod:`mdbabel.safety.compare`):
   no new element, attribute, URL, host, scheme, block or definition; and as tags
   (:mod:`mdbabel.safety.balance`): nothing that closes, stays open into or changes the
   page around the unit (``</div>``, an unclosed ``<a>``, ``<body onload=...>``);
6. what the construct around the unit cannot hold (a line break in a heading, a ``|`` in a
   table cell, a ``"`` in a quoted title);
7. some text to show where the source's rendering has text (not a msgstr of spaces);
8. no "&#" that starts no character reference: the converter's HTML reader loses its place at
   one for the rest of the page, which rendering the unit alone does not show.

Text that never goes through Markdown (front matter values, interface strings) is judged as
the HTML it would make if a template printed it unescaped. Nothing here runs a backtracking
pattern on the translation.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from markdown import htmlparser as markdown_htmlparser

from .safety import balance, budget, compare, figures_compare, invisible, render, text_hosts

__all__ = ["check_translation", "reference_labels", "footnote_labels"]

_FIX = "or leave the entry untranslated"

# units written on a single source line (headings, cells, titles, ...)
_ONE_LINE_KINDS = {"heading", "table cell", "term", "admonition title", "details title",
                   "tab label", "image alt", "image title", "abbreviation"}
# units placed by templates as text, never rendered as Markdown
_TEXT_KINDS = ("front matter", "interface")
# units written between double quotes in the source (a " in them ends the title)
_QUOTED_KINDS = ("image title", "admonition title", "details title", "tab label")


def check_translation(msgid: str, msgstr: str, kind: str, *,
                      references: frozenset[str] = frozenset(),
                      footnotes: frozenset[str] = frozenset(),
                      reorder: bool = False, language: str | None = None) -> list[str]:
    """Return the problems of *msgstr* as "what is wrong; how to fix it" texts.

    *kind* is the unit kind from :mod:`mdbabel.segments` ("paragraph", "table cell",
    "heading", "front matter title", "interface", ...). *references* and *footnotes* are the
    reference labels and footnote labels the page defines (:func:`reference_labels`,
    :func:`footnote_labels`); *reorder* is the entry's ``mdbabel-reorder`` flag; *language*
    the translation's (its month names are read in dates).
    """
    problems = invisible.invisible_problems(msgid, msgstr)
    over = budget.budget_problems(msgid, msgstr)
    if over:
        return problems + over
    problems += _placeholder_problems(msgid, msgstr, reorder)
    problems += _context_problems(msgid, msgstr, kind)
    if "&#" in msgstr and not kind.startswith(_TEXT_KINDS):
        problems += _reference_problems(msgid, msgstr)
    if kind.startswith(_TEXT_KINDS):
        found, texts = _rendering_problems(msgid, msgstr, kind, raw=True)
    else:
        found, texts = _rendering_problems(msgid, msgstr, kind, references=references,
                                           footnotes=footnotes)
    if not found and _shows_nothing(msgid, msgstr, texts):
        # (" " or "&nbsp;" would publish an empty paragraph, heading or cell, counted as done)
        problems.append("translation shows no text (white space only); write the translation, "
                        'or leave the msgstr empty ("") so that the source text is shown')
    elif texts is not None and not found:  # figures as the reader sees them, not in URLs
        problems += figures_compare.compare_figures(
            _without_placeholders(texts[0]), _without_placeholders(texts[1]),
            ordered=not reorder, language=language)
        problems += text_hosts.host_problems(_without_placeholders(texts[0]),
                                             _without_placeholders(texts[1]), msgid)
    return problems + found


def _shows_nothing(msgid: str, msgstr: str, texts: tuple[str, str] | None) -> bool:
    """Whether the translation shows no text where its source shows some: white space (or
    character references to it), or a rendering whose text is white space (a comment alone).
    (A unit in a stand-in construct has the construct's text too: there the first test.)"""
    if not html.unescape(msgstr).strip():
        return bool(html.unescape(msgid).strip())
    return texts is not None and bool(texts[0].strip()) and not texts[1].strip()


# --------------------------------------------------------------------------- rendering


def _written(text: str, kind: str) -> str:
    from .translate import written_lines  # translate imports this module

    return written_lines(text, kind, escape_markers=False).replace("\n", "  \n")


# Characters that can make Markdown or HTML markup anywhere in a line, and what may start a
# block at the start of a text: a text with none of them renders as one paragraph of text.
_MARKUP = frozenset("\n\r<>&[]!*_`\\{}#|~")
_BLOCK_START = frozenset("-+:=>?")


def _plain(text: str) -> bool:
    """Whether *text* renders as its own characters, escaped, in one paragraph (so that two
    such texts render to the same elements, attributes and URLs: none)."""
    if "{{" in text:
        text = _without_placeholders(text)  # "{{ name }}" renders as text
    if not _MARKUP.isdisjoint(text):
        return False
    head = text.lstrip(" \t")
    if head[:1] in _BLOCK_START:
        return False
    digits = len(head) - len(head.lstrip("0123456789"))
    return not (digits and head[digits:digits + 1] in (".", ")"))


def _rendering_problems(msgid: str, msgstr: str, kind: str, *, raw: bool = False,
                        references: frozenset[str] = frozenset(),
                        footnotes: frozenset[str] = frozenset()
                        ) -> tuple[list[str], tuple[str, str] | None]:
    """Problems of the rendered translation, and the text of both renderings (None when the
    translation cannot be rendered)."""
    if _plain(msgid) and _plain(msgstr):
        return [], (msgid, msgstr)  # both one paragraph of text: nothing to compare but words
    if raw:
        source_html, target_html = msgid, msgstr
        made: list[str] = []
    else:
        labels = references | _full_reference_labels(msgid) | _full_reference_labels(msgstr)
        notes = footnotes | _footnote_refs(msgid) | _footnote_refs(msgstr)
        # A paragraph unit that opens with an HTML tag sits in a container on its page (at the
        # top level that line would be a raw HTML block, never a unit): judged inside one, where
        # Python-Markdown reads the tag as the paragraph's text, as on the page
        if render.opens_with_tag(msgid, kind):
            kind = render.CONTAINED_PARAGRAPH
        try:
            source = render.render(_written(msgid, kind), kind, labels, notes)
        except render.RenderError as error:  # nothing to judge the translation against
            return [f"the source text cannot be rendered ({error}), so no translation of it "
                    "can be checked; simplify the source text or leave the entry "
                    "untranslated"], None
        try:
            target = render.render(_written(msgstr, kind), kind, labels, notes)
        except render.RenderError as error:
            return [f"translation cannot be rendered ({error}); simplify its Markdown {_FIX}"], \
                None
        source_html, target_html = source.html, target.html
        made = _definition_problems(source, target)
    src, dst = compare.summarise(source_html), compare.summarise(target_html)
    problems = made + (_literal_delimiters(src, dst) if not raw else [])
    if "&" in msgstr:  # an invisible character written as a reference: what the reader gets
        problems += invisible.referenced_problems(_decoded(src), _decoded(dst), msgstr)
    problems += compare.compare(src, dst, line_breaks=kind not in _ONE_LINE_KINDS,
                                target_html=target_html, blocks=not raw)
    if not problems and "<" in msgstr:  # (without a "<" the converter writes no tag unmatched)
        problems += balance.balance_problems(balance.balance(source_html),
                                             balance.balance(target_html))
    return problems, ("".join(src.text), "".join(dst.text))


def _decoded(summary: compare.Summary) -> str:
    """The text and attribute values of a rendering, character references decoded."""
    values = (value for found in summary.attributes.values() for value in found)
    return "".join(summary.text) + "".join(values)


def _definition_problems(source: render.Rendering, target: render.Rendering) -> list[str]:
    problems = []
    for label, url in set(target.references) - set(source.references):
        problems.append(f'translation defines the link reference "[{label}]: {url}", which '
                        "would change the links of the whole page; remove the definition "
                        + _FIX)
    for label in set(target.footnotes) - set(source.footnotes):
        problems.append(f'translation defines the footnote "[^{label}]:", which would change '
                        f"the footnotes of the whole page; remove the definition {_FIX}")
    if target.footnote_refs != source.footnote_refs and not problems:
        # e.g. "[^1]" in an image's text: no link shows, but the page's footnote gets a
        # second back-reference to nowhere
        problems.append("translation changes the footnote references of the source ("
                        + (", ".join(f"[^{ref.split(':', 1)[-1]}]" for ref, _ in
                                     target.footnote_refs) or "none")
                        + "); keep the footnote references of the source " + _FIX)
    for abbr, title in set(target.abbreviations) - set(source.abbreviations):
        problems.append(f'translation defines the abbreviation "*[{abbr}]: {title}", which '
                        f"would change the text of the whole page; remove the definition {_FIX}")
    return problems


def _literal_delimiters(source: compare.Summary, target: compare.Summary) -> list[str]:
    """Emphasis or code markers that render as text in the translation (left unclosed)."""
    src, dst = "".join(source.text), "".join(target.text)
    problems = []
    for marker, what in (("**", "emphasis"), ("__", "emphasis"), ("`", "inline code")):
        if marker in dst and marker not in src:
            problems.append(f'translation has an unbalanced "{marker}"; close the {what} as in '
                            "the source")
    return problems


# --------------------------------------------------------------------------- labels


def _label(text: str) -> str:
    """A reference label as Python-Markdown compares them."""
    return " ".join(text.lower().split())


def reference_labels(page: str) -> frozenset[str]:
    """The labels of the link reference definitions (``[label]: url``) of a page."""
    labels = set()
    for line in page.split("\n") if "]:" in page else ():
        stripped = line.lstrip(" ")
        if len(line) - len(stripped) > 3 or not stripped.startswith("[") \
                or stripped.startswith("[^"):
            continue
        end = stripped.find("]:")
        if end > 1:
            labels.add(_label(stripped[1:end]))
    return frozenset(labels)


def footnote_labels(page: str) -> frozenset[str]:
    """The labels of the footnote definitions (``[^label]: text``) of a page."""
    labels = set()
    for line in page.split("\n") if "[^" in page else ():
        stripped = line.lstrip(" \t>")
        if stripped.startswith("[^"):
            end = stripped.find("]:")
            if end > 2:
                labels.add(stripped[2:end])
    return frozenset(labels)


def _bracketed_after(text: str, marker: str, limit: int = 200) -> set[str]:
    """The texts between *marker* and the next "]" (at most *limit* characters, no "[")."""
    found = set()
    start = text.find(marker)
    while start >= 0:
        begin = start + len(marker)
        end = text.find("]", begin, begin + limit + 1)
        if end >= 0 and "[" not in text[begin:end]:
            found.add(text[begin:end])
        start = text.find(marker, begin)
    return found


def _full_reference_labels(text: str) -> frozenset[str]:
    """Labels of ``[text][label]`` and ``[text][]`` links written in *text*: they are links on
    the page only if the page defines the label, and are treated as links here."""
    if "][" not in text:
        return frozenset()
    labels = set()
    for label in _bracketed_after(text, "]["):
        if label.strip():
            labels.add(_label(label))
    # [text][]: labelled by its text
    position = text.find("][]")
    while position >= 0:
        begin = text.rfind("[", max(0, position - 200), position)
        if begin >= 0:
            labels.add(_label(text[begin + 1:position]))
        position = text.find("][]", position + 3)
    return frozenset(labels)


def _footnote_refs(text: str) -> frozenset[str]:
    return frozenset(label for label in _bracketed_after(text, "[^", 100) if label.strip())


# --------------------------------------------------------------------------- placeholders


def _placeholders(text: str) -> list[str]:
    """The ``{{ name }}`` placeholders of *text*, in order (one scan, no pattern)."""
    found = []
    start = text.find("{{")
    while start >= 0:
        end = text.find("}}", start + 2)
        if end < 0:
            break
        inner = text[start + 2:end]
        if "{" in inner:
            start = text.find("{{", start + 1)
            continue
        found.append(inner.strip())
        start = text.find("{{", end + 2)
    return found


def _without_placeholders(text: str) -> str:
    if "{{" not in text:
        return text
    out, position = [], 0
    start = text.find("{{")
    while start >= 0:
        end = text.find("}}", start + 2)
        if end < 0:
            break
        out.append(text[position:start] + " ")
        position = end + 2
        start = text.find("{{", position)
    out.append(text[position:])
    return "".join(out)


def _placeholder_problems(msgid: str, msgstr: str, reorder: bool) -> list[str]:
    if "{{" not in msgid and "{{" not in msgstr:
        return []
    wanted, written = _placeholders(msgid), _placeholders(msgstr)
    missing = Counter(wanted) - Counter(written)
    extra = Counter(written) - Counter(wanted)
    problems = [f'translation drops placeholder "{{{{ {name} }}}}"; keep the placeholder '
                f"exactly as in the source (it is replaced by a figure) {_FIX}"
                for name in missing]
    problems += [f'translation adds placeholder "{{{{ {name} }}}}" that the source does not '
                 "have; use only the placeholders of the source" for name in extra]
    if not problems and not reorder and wanted != written:
        problems.append("translation puts the placeholders in another order ("
                        + ", ".join(f"{{{{ {name} }}}}" for name in written)
                        + ") than the source; keep the source's order, or add the flag "
                        "`#, mdbabel-reorder` to the entry if the language needs another order")
    return problems


# --------------------------------------------------------------------------- context


def _context_problems(msgid: str, msgstr: str, kind: str) -> list[str]:
    """What the construct around the unit cannot hold (it is not part of the rendering of the
    unit alone)."""
    problems = []
    if kind in _ONE_LINE_KINDS and "\n" in msgstr.strip("\n").replace("\r", "\n"):
        problems.append(f"translation contains a line break, which a {kind} cannot hold; "
                        "keep it on one line")
    if kind == "table cell" and _unescaped(msgstr, "|"):
        problems.append('translation contains an unescaped "|", which splits the table cell; '
                        'write "\\|" instead')
    if kind == "table cell" and _escapes_what_follows(msgstr) and not _escapes_what_follows(msgid):
        # (the stand-in cell has a space after the text; a row written "|a|b|" has none)
        problems.append('translation ends with a backslash, which escapes the "|" that ends the '
                        'table cell (the cell takes in the next one); remove it or write "\\\\"')
    if kind == "image alt" and msgstr.count("[") != msgstr.count("]"):
        problems.append('translation has unbalanced "[" "]" in the image text; remove them')
    if kind in _QUOTED_KINDS and '"' in msgstr and '"' not in msgid:
        problems.append(f"translation contains a double quote, which ends the {kind}; "
                        "use typographic quotes “ ” instead")
    return problems


# ----------------------------------------------------------- what the converter cannot read

# Python-Markdown reads raw HTML with (a copy of) Python's html.parser over the whole page. At a
# "&#" that starts no numeric character reference ("&#;", "&#x;", "&#12a") that parser stops and
# keeps only the rest of the text, and Python-Markdown's positions no longer match it: for the
# rest of the page, the text and tags of other units are cut or repeated (an untranslated
# unit's <span lang> loses its end, a cell gets another cell's words). How depends on where the
# unit is on the page, so rendering the unit alone shows none of it: such a "&#" is refused.
_CHARREF = getattr(getattr(markdown_htmlparser, "htmlparser", None), "charref", None) \
    or re.compile("&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")


def _broken_references(text: str) -> list[str]:
    """Each "&#" of *text* that the HTML parser does not read as a character reference."""
    text += "\n"  # (the parser needs the character after the reference)
    found, position = [], text.find("&#")
    while position >= 0:
        if not _CHARREF.match(text, position):
            found.append(text[position:position + 6].split()[0] if text[position + 2:position + 3].strip()
                         else "&#")
        position = text.find("&#", position + 2)
    return found


def _reference_problems(msgid: str, msgstr: str) -> list[str]:
    broken = _broken_references(msgstr)
    if len(broken) <= len(_broken_references(msgid)):
        return []
    return [f'translation has "{broken[0]}", a "&#" that starts no character reference, which '
            "makes the Markdown converter lose its place for the rest of the page (text and "
            'tags of other paragraphs are cut or repeated); write "&amp;#", or a whole '
            'reference such as "&#8470;"']


def _escapes_what_follows(text: str) -> bool:
    """Whether *text*, as write-back puts it (stripped), ends with an odd run of backslashes:
    the last one escapes the character after the unit on the page."""
    text = text.strip()
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def _unescaped(text: str, ch: str) -> bool:
    position = text.find(ch)
    while position >= 0:
        backslashes = 0
        while position - backslashes > 0 and text[position - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return True
        position = text.find(ch, position + 1)
    return False
