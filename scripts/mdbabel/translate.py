"""Apply translations to a Markdown page, unit by unit.

Extraction (:func:`mdbabel.segments.segment`) and application share one
definition of a unit: each unit knows the exact source characters it came
from, and write-back replaces those characters and nothing else.

A unit the page's language lacks may be taken from the languages of its
fallback chain (*fallbacks*, e.g. English for a Korean page), judged by the
same checks; such a text is written with its own ``lang`` and never counts as
translated.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from . import checks, lang_marks, slugs
from .project import markdown_dialect
from .segments import Unit, segment

__all__ = ["Translation", "Lookup", "TranslationResult", "translate_markdown", "fallback_translation",
           "markdown_config", "source_heading_ids"]


def markdown_config() -> dict:
    """Keyword arguments for ``markdown.Markdown`` that render like the site: the project's
    dialect (:func:`mdbabel.project.markdown_dialect`)."""
    return markdown_dialect().markdown_kwargs()


@dataclass(frozen=True)
class Translation:
    """A usable msgstr (non-fuzzy, non-empty) and where it was found."""

    text: str
    origin: str  # e.g. "locales/en/LC_MESSAGES/foo.po:48", used in problem reports
    reorder: bool = False  # the entry's flag "mdbabel-reorder": placeholders/figures reordered


Lookup = Callable[[str, "str | None"], "Translation | None"]


@dataclass
class TranslationResult:
    """The translated page and how much of it was translated."""

    markdown: str
    total: int
    translated: int
    problems: list[str] = field(default_factory=list)
    untranslated_units: list[Unit] = field(default_factory=list)
    fallback_units: int = 0  # units written from a fallback language (counted as untranslated)

    @property
    def translated_share(self) -> float:
        """Share of units replaced by a translation (1.0 for a page without units)."""
        return 1.0 if self.total == 0 else self.translated / self.total


def translate_markdown(source: str, lookup: Lookup, *, source_lang: str = "vi",
                       mark_untranslated: bool = True,
                       write_identical: bool = False,
                       language: str | None = None,
                       fallbacks: Sequence[tuple[str, Lookup]] = (),
                       mark_attributes: bool = False) -> TranslationResult:
    """Return *source* with every unit replaced by its translation from *lookup*.

    A unit without a translation, or whose translation fails
    :func:`mdbabel.checks.check_translation`, keeps its source text; with
    *mark_untranslated* it is wrapped in ``<span lang="...">`` where the
    context renders inline Markdown. Translated headings get the id of the
    source heading so that anchors are identical in every language.
    A translation equal to the source leaves the source characters as they
    are, unless *write_identical* (used by tests of the write-back itself).
    *language* is the translation's (dates are read with its month names).
    *fallbacks* (``[(language, lookup)]``, in the order of the fallback chain) give a unit
    left untranslated the first of their translations that passes the checks, written as
    ``<span lang="...">`` where the context renders inline Markdown, else marked with
    :func:`mdbabel.lang_marks.mark` (an admonition title gets its ``lang`` once the page is
    written; an attribute or a front matter value keeps only the text). Such a unit still
    counts as untranslated.
    With *mark_attributes* (output that passes :func:`mdbabel.lang_marks.resolve`), an
    untranslated unit that is not inline Markdown (an admonition or details title, a tab label,
    an image's alt) is marked as *source_lang* the same way, so that it gets its ``lang`` too.
    """
    body = source.rstrip("\n")
    if len(body) != len(source):
        # final newlines carry no unit: segment (and cache) the page without them, so the
        # same page read from disk or after a plugin re-joined its lines is one cache entry
        result = translate_markdown(body, lookup, source_lang=source_lang,
                                    mark_untranslated=mark_untranslated,
                                    write_identical=write_identical, language=language,
                                    fallbacks=fallbacks, mark_attributes=mark_attributes)
        result.markdown += source[len(body):]
        return result
    units = _segment(source)
    ids: dict[int, str] | None = None
    edits: list[tuple[int, int, str]] = []
    problems: list[str] = []
    untranslated: list[Unit] = []
    translated = fallen_back = 0
    labels: tuple[frozenset[str], frozenset[str]] | None = None  # the page's, read if needed
    no_labels = (frozenset(), frozenset())
    for unit in units:
        translation = lookup(unit.text, unit.context)
        text: str | None = None
        if translation is not None:
            page_labels = no_labels
            if "[" in unit.text or "[" in translation.text:
                if labels is None:
                    labels = (checks.reference_labels(source), checks.footnote_labels(source))
                page_labels = labels
            found = _check(unit.text, translation.text, unit.kind, page_labels,
                           translation.reorder, language)
            if found:
                problems.extend(f"{translation.origin}: {p}" for p in found)
            else:
                text = translation.text
        if text is None:
            untranslated.append(unit)
            found_elsewhere = None
            if fallbacks:
                if labels is None:  # a fallback's text may add a "[" the unit does not have
                    labels = (checks.reference_labels(source), checks.footnote_labels(source))
                found_elsewhere = fallback_translation(unit.text, unit.context, unit.kind, fallbacks,
                                                       labels)
            if found_elsewhere is not None:
                fallen_back += 1
                other, other_language = found_elsewhere
                text = (f'<span lang="{other_language}">{other.text}</span>'
                        if unit.span.style == "inline" else lang_marks.mark(other.text, other_language))
            elif mark_untranslated and unit.span.style == "inline":
                text = f'<span lang="{source_lang}">{unit.text}</span>'
            elif mark_untranslated and mark_attributes and unit.span.style == "attribute":
                text = lang_marks.mark(unit.text, source_lang)
            else:
                continue
        else:
            translated += 1
            if text == unit.text and not write_identical:
                continue
        edits.append(_edit(unit, text))
        if unit.kind == "heading" and unit.span.heading_id is None:
            if ids is None:
                ids = _heading_ids(source, units)
            edits.append(_heading_id_edit(source, unit, ids[id(unit)]))
    return TranslationResult(_apply(source, edits), len(units), translated, problems,
                             untranslated, fallen_back)


def fallback_translation(msgid: str, context: str | None, kind: str,
                         fallbacks: Sequence[tuple[str, Lookup]],
                         labels: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
                         ) -> tuple[Translation, str] | None:
    """The first translation of *msgid* along *fallbacks* (``[(language, lookup)]``) that
    passes :func:`mdbabel.checks.check_translation` for *kind*, and its language; None when
    no fallback language has one. A fallback's problems are not reported here: its own
    language's build reports them. *labels*: the page's reference and footnote labels."""
    for code, lookup in fallbacks:
        found = lookup(msgid, context)
        if found is not None and not _check(msgid, found.text, kind, labels, found.reorder, code):
            return found, code
    return None


# A page is translated several times per build (once per language, and again for the
# translation status table): segmenting, heading ids and checks depend only on their
# arguments, so they are computed once per distinct source text or message.
# (a full cache is emptied: a site larger than the limit is no slower than without it)
_SEGMENT_CACHE: dict[str, list[Unit]] = {}
_IDS_CACHE: dict[str, tuple[list[Unit], dict[int, str]]] = {}
_CHECK_CACHE: dict[tuple, tuple[str, ...]] = {}
_PAGE_LIMIT, _MESSAGE_LIMIT = 5000, 250000


def _remember(cache: dict, limit: int, key, value):
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value
    return value


def _segment(source: str) -> list[Unit]:
    units = _SEGMENT_CACHE.get(source)
    if units is None:
        units = _remember(_SEGMENT_CACHE, _PAGE_LIMIT, source, segment(source))
    return units


def _heading_ids(source: str, units: list[Unit]) -> dict[int, str]:
    """:func:`source_heading_ids`, cached with the units it was computed for (keyed by id)."""
    cached = _IDS_CACHE.get(source)
    if cached is None or cached[0] is not units:
        cached = _remember(_IDS_CACHE, _PAGE_LIMIT, source,
                           (units, source_heading_ids(source, units)))
    return cached[1]


def _check(msgid: str, msgstr: str, kind: str, labels: tuple[frozenset[str], frozenset[str]],
           reorder: bool, language: str | None) -> list[str]:
    key = (msgid, msgstr, kind, labels, reorder, language)
    found = _CHECK_CACHE.get(key)
    if found is None:
        found = _remember(_CHECK_CACHE, _MESSAGE_LIMIT, key, tuple(checks.check_translation(
            msgid, msgstr, kind, references=labels[0], footnotes=labels[1], reorder=reorder,
            language=language)))
    return list(found)


def _edit(unit: Unit, text: str) -> tuple[int, int, str]:
    span = unit.span
    if span.style == "yaml":
        written = json.dumps(text, ensure_ascii=False)
    else:
        text = written_lines(text, unit.kind)
        if span.keep_line_break and "\n" not in text and " " in text:
            head, _, tail = text.rpartition(" ")
            text = head + "\n" + tail  # a soft break: renders as a space
            written = text.replace("\n", "\n" + span.continuation_prefix)
        else:
            written = text.replace("\n", "  \n" + span.continuation_prefix)
    return span.start, span.end, written


def written_lines(text: str, kind: str, *, escape_markers: bool = True) -> str:
    """*text* as write-back puts it into the page, before the container prefix and the hard
    breaks ("  ") are added. :func:`mdbabel.checks.check_translation` judges this form without
    *escape_markers*: a translation that would start a block is refused, not silently escaped."""
    # Python-Markdown reads a lone carriage return as a line end: so does write-back
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # surrounding spaces could turn the text into code or a hard break
    text = "\n".join(line.strip() for line in text.strip().split("\n"))
    if kind == "heading":
        # attr_list strips "#"s at the end of a heading with "{ #id }",
        # and an unclosed "{" in the text would be read as part of the list
        text = _LONE_BRACE.sub(r"\\{", text)
        if text.endswith("#"):
            text = text[:-1] + "\\#"
    # a block marker at the start of a written line would start a block
    # ("-\nword" joined becomes a list item): escape it
    if not escape_markers:
        return text
    lines = text.split("\n")
    first = 0 if kind in _LINE_START_KINDS else 1
    text = "\n".join(_escape_marker(line) if i >= first else line
                     for i, line in enumerate(lines))
    # raw HTML at the start of a line would leave the paragraph; four
    # spaces keep it inline (a lazy continuation line)
    return text.replace("\n<", "\n    <")


_LONE_BRACE = re.compile(r"(?<![{\\])\{(?!\{)(?![^{}]*\})")  # a "{" never closed
# units whose text starts a source line, where a leading marker starts a block
_LINE_START_KINDS = {"paragraph", "list item", "blockquote", "admonition", "footnote",
                     "definition", "term"}
_BLOCK_MARKER = re.compile(r"^(?:[-*+](?=[ \t]|$)|(\d+)\.(?=[ \t]|$)|#|!!!|>|-(?=-*[ \t]*$))")


def _escape_marker(line: str) -> str:
    return _BLOCK_MARKER.sub(lambda m: "\\" + m.group(0) if m.group(1) is None
                             else m.group(1) + "\\.", line, count=1)


def _heading_id_edit(source: str, unit: Unit, heading_id: str) -> tuple[int, int, str]:
    """Give a rewritten heading the id toc gave its source (attr_list syntax)."""
    span = unit.span
    if span.heading_attrs is not None:
        start, end = span.heading_attrs
        at = start + 2 if source[start + 1:start + 2] == ":" else start + 1
        return at, at, f" #{heading_id} "
    return span.end, span.end, f" {{ #{heading_id} }}"


def source_heading_ids(source: str, units: list[Unit]) -> dict[int, str]:
    """Ids that toc gives the source headings, keyed by ``id(unit)``.

    The headings (with their explicit ids) are rendered by Python-Markdown
    with toc and :func:`mdbabel.slugs.slugify`, so the ids, including the
    ``_1``, ``_2`` suffixes of repeated titles, are exactly the source page's.
    """
    import markdown  # the core may use Python-Markdown, never MkDocs

    # footnotes (and the headings in them) are rendered at the end of the page
    headings = sorted((u for u in units if u.kind == "heading"),
                      key=lambda u: u.span.in_footnote)
    # ids set elsewhere with attr lists ("{: #x }") take part in toc's
    # uniqueness rule too
    heading_attr_starts = {u.span.heading_attrs[0] for u in headings if u.span.heading_attrs}
    elsewhere = [m.group(1) for m in _ATTR_LIST_ID.finditer(source)
                 if m.start() not in heading_attr_starts]
    plain = _plain_heading_ids(headings, elsewhere)
    if plain is not None:
        return plain
    parts = []
    for unit in headings:
        text = unit.text
        explicit = f" {{ #{unit.span.heading_id} }}" if unit.span.heading_id else ""
        parts.append("#" * unit.span.heading_level + " " + text + explicit)
    parts += [f"x\n{{: #{value} }}" for value in elsewhere]
    # footnote references render (and drop out of the id) only when defined; a heading's own
    # line that looks like a definition ("[^1]: x" over "===") defines nothing
    heading_lines = {u.line for u in headings}
    defined = (m.group(1) for m in _FOOTNOTE_DEFINITION.finditer(source)
               if source.count("\n", 0, m.start()) + 1 not in heading_lines)
    for label in dict.fromkeys(defined):
        parts.append(f"[^{label}]: x")
    global _MARKDOWN
    if _MARKDOWN is None:
        _MARKDOWN = markdown.Markdown(**markdown_config())
    md = _MARKDOWN.reset()
    html = md.convert("\n\n".join(parts))
    found = re.findall(r'<h[1-6][^>]*\bid="([^"]*)"', html)
    return {id(u): found[i] if i < len(found) else slugs.slugify(u.text, "-")
            for i, u in enumerate(headings)}


def _plain_heading_ids(headings: list[Unit], elsewhere: list[str]) -> dict[int, str] | None:
    """toc's ids without rendering, when every heading is plain text; else None.
    *elsewhere*: the ids attribute lists give other elements of the page.

    Plain text (no character that inline Markdown or HTML escaping would change) is what
    toc slugifies as it is, so toc's own uniqueness rule over the same ids gives the same
    result as rendering; most pages have only such headings.
    """
    from markdown.extensions.toc import unique

    if any(not _PLAIN_HEADING.fullmatch(u.text) for u in headings):
        return None
    explicit = [u.span.heading_id for u in headings if u.span.heading_id]
    if any(not _PLAIN_ID.fullmatch(value) for value in explicit + elsewhere):
        return None
    used_ids = set(explicit + elsewhere)
    ids = {}
    for unit in headings:
        ids[id(unit)] = unit.span.heading_id or unique(
            slugs.slugify(" ".join(unit.text.split()), "-"), used_ids)
    return ids


_PLAIN_HEADING = re.compile(r"[^\\`*_\[\]<>&!{}^~#|:=+]*")
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]+")
_MARKDOWN = None  # one converter, reset before each use (building one costs more than converting)
_ATTR_LIST_ID = re.compile(r"\{:?[^}\n]*?(?<![\w&])#([^\s}]+)[^}\n]*\}")
_FOOTNOTE_DEFINITION = re.compile(r"^[ \t>]*\[\^([^\]]+)\]:", re.M)


def _apply(source: str, edits: list[tuple[int, int, str]]) -> str:
    out = []
    position = 0
    for start, end, text in sorted(edits):
        out.append(source[position:start])
        out.append(text)
        position = end
    out.append(source[position:])
    return "".join(out)
