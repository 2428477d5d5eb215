"""Plain-language figures of built pages: the prose a reader reads, and how hard it is.

One job: from a page's built HTML, take its prose and measure it, per language.

- English (and any language that is neither Vietnamese nor Korean): Flesch reading ease, as
  computed by textstat (pinned in pyproject.toml, because the figure moves between its versions).
- Korean: average Hangul syllables per sentence (each Hangul block is one syllable; Flesch's
  English syllable rules would give a meaningless figure). No target is set for it.
- Vietnamese: average syllables per sentence. Vietnamese writes one syllable per
  space-separated word, so a syllable is a space-separated token made of letters only
  (numbers, codes such as ``41/2024/QH15`` and figures are not counted).

What counts as prose (decided here once, so that every page is measured the same way):

- only the page's ``<article>`` (no navigation, header, search or footer of the theme);
- paragraphs, list items, headings, definition terms and definitions, quotes, and the
  questions of collapsible blocks (``<summary>``);
- left out: tables (a row is not a sentence), code and preformatted text, the labels of
  admonitions and tabs ("Summary", "Warning": the theme's labels, not sentences), heading
  anchors, scripts, and the page's facts footer (review date and list of legal sources);
- every block ends a sentence: a heading or a list item without a full stop is one
  sentence, not the start of the next block's first sentence.

Pure module (HTML in, figures out): no MkDocs import; :func:`site_report` reads a built site.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

#: Thresholds of issue 18 (shown in the report; the report never fails).
MIN_READING_EASE = 60.0
MIN_MEDIAN_READING_EASE = 70.0
MAX_VIETNAMESE_SYLLABLES = 18.0

VIETNAMESE = "vi"
KOREAN = "ko"
_HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")
_BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "summary", "figcaption", "td", "th", "div", "ul", "ol", "dl", "details", "table"}
_SKIPPED = {"table", "pre", "code", "script", "style", "footer", "nav", "svg", "kbd"}
_SKIPPED_CLASSES = {"headerlink", "admonition-title", "tabbed-labels", "mdbabel-facts"}
_INLINE = {"code", "kbd", "svg", "a", "span", "label", "abbr", "em", "strong"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base"}
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_EDGE_PUNCTUATION = "\"'“”‘’()[]{}«»<>.,;:!?…–—-*/"


class _ProseParser(HTMLParser):
    """Collects the text blocks of the first ``<article>`` (the whole document if none).

    A left-out element is skipped up to its own end tag, counting only tags of its name, so
    that end tags HTML lets authors omit (``</td>``, ``</li>``, ``</p>``) inside it cannot
    make the rest of the page disappear.
    """

    def __init__(self, whole_document: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._inside = whole_document
        self._article_depth = 0
        self._done = False
        self._skipping: str | None = None  # name of the element being left out
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._skipping:
            if tag == self._skipping:
                self._skip_depth += 1
            return
        if tag == "article":
            if not self._done:
                self._inside = True
                self._article_depth += 1
            return
        if not self._inside:
            return
        if tag in _VOID:
            if tag == "br":
                self._current.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in _SKIPPED or classes & _SKIPPED_CLASSES:
            if tag not in _INLINE:  # inline code leaves the sentence around it whole
                self._flush()
            self._skipping, self._skip_depth = tag, 1
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping:
                self._skip_depth -= 1
                if not self._skip_depth:
                    self._skipping = None
            return
        if not self._inside:
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
            if not self._article_depth:
                self._flush()
                self._inside, self._done = False, True  # only the first article is read

    def handle_data(self, data: str) -> None:
        if self._inside and not self._skipping:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        self._current = []
        if text:
            self.blocks.append(text)


def prose_blocks(html: str) -> list[str]:
    """The prose of a built page, one string per block, each ending a sentence."""
    parser = _ProseParser(whole_document="<article" not in html)
    parser.feed(html)
    parser.close()
    parser._flush()
    return [_end_sentence(block) for block in parser.blocks
            if any(character.isalpha() for character in block)]


def _end_sentence(block: str) -> str:
    block = block.rstrip(" :;,–—-")
    return block if block.endswith((".", "!", "?", "…")) else block + "."


# --------------------------------------------------------------------------- measures


def reading_ease(blocks: list[str]) -> float:
    """Flesch reading ease of the blocks (English), by textstat."""
    import textstat

    textstat.set_lang("en_US")
    return float(textstat.flesch_reading_ease(" ".join(blocks)))


def sentences(blocks: list[str]) -> list[str]:
    """The sentences of the blocks: a block is split after ``.``, ``!``, ``?`` and a space."""
    return [part for block in blocks for part in _SENTENCE_END.split(block) if part.strip()]


def syllables(sentence: str) -> int:
    """Vietnamese syllables of *sentence*: space-separated tokens made of letters only."""
    count = 0
    for token in unicodedata.normalize("NFC", sentence).split():
        word = token.strip(_EDGE_PUNCTUATION)
        if word and all(character.isalpha() or unicodedata.category(character) == "Mn"
                        for character in word):
            count += 1
    return count


def syllables_per_sentence(blocks: list[str]) -> float:
    """Average Vietnamese syllables per sentence (sentences without a syllable left out)."""
    counts = [count for count in map(syllables, sentences(blocks)) if count]
    return sum(counts) / len(counts) if counts else 0.0


# --------------------------------------------------------------------------- site report


@dataclass(frozen=True)
class PageReadability:
    """One built page's figure: Flesch reading ease, or syllables per sentence."""

    language: str
    page: str          # docs-relative source path, e.g. "faq.md"
    measure: str       # "reading ease" or "syllables/sentence"
    value: float
    meets_target: bool


def built_path(site_dir: Path, page: str, language: str, default_language: str) -> Path:
    """Where MkDocs (directory URLs, mkdocs-static-i18n) writes *page* for *language*."""
    stem = page[:-len(".md")]
    parts = stem.split("/")
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    base = site_dir if language == default_language else site_dir / language
    return base.joinpath(*parts, "index.html")


def hangul_syllables_per_sentence(blocks: list[str]) -> float:
    """Average Hangul syllables per sentence (sentences without Hangul left out)."""
    counts = [n for n in (len(_HANGUL_SYLLABLE.findall(s)) for s in sentences(blocks)) if n]
    return sum(counts) / len(counts) if counts else 0.0


def measure_page(html: str, language: str, page: str) -> PageReadability:
    blocks = prose_blocks(html)
    if language.split("-")[0] == KOREAN:
        return PageReadability(language, page, "syllables/sentence",
                               hangul_syllables_per_sentence(blocks), True)
    if language == VIETNAMESE:
        value = syllables_per_sentence(blocks)
        return PageReadability(language, page, "syllables/sentence", value,
                               value <= MAX_VIETNAMESE_SYLLABLES)
    value = reading_ease(blocks)
    return PageReadability(language, page, "reading ease", value, value >= MIN_READING_EASE)


def site_report(site_dir: Path, pages: list[str], languages: list[str],
                default_language: str) -> tuple[list[PageReadability], list[str]]:
    """Figures of every built page of every language, and the pages not found built."""
    results, missing = [], []
    for language in languages:
        for page in pages:
            path = built_path(site_dir, page, language, default_language)
            try:
                html = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                missing.append(f"{language}: {page}")
                continue
            results.append(measure_page(html, language, page))
    return results, missing


def format_report(results: list[PageReadability], missing: list[str]) -> list[str]:
    """The report as lines: one per page, then each language's median or mean."""
    lines = ["", "plain language (prose of each built page; a report, not a check)",
             f"  targets: reading ease >= {MIN_READING_EASE:g} per page and median >= "
             f"{MIN_MEDIAN_READING_EASE:g} (English); <= {MAX_VIETNAMESE_SYLLABLES:g} "
             "syllables per sentence (Vietnamese); Korean: Hangul syllables per sentence, no target"]
    width = max((len(result.page) for result in results), default=4)
    for language in dict.fromkeys(result.language for result in results):
        rows = [result for result in results if result.language == language]
        for result in rows:
            mark = "" if result.meets_target else "  (over target)" \
                if result.measure != "reading ease" else "  (under target)"
            lines.append(f"  {language}  {result.page.ljust(width)}  {result.measure} "
                         f"{result.value:6.1f}{mark}")
        values = [result.value for result in rows]
        if rows[0].measure == "reading ease":
            median = statistics.median(values)
            note = "" if median >= MIN_MEDIAN_READING_EASE else "  (under target)"
            lines.append(f"  {language}  {'(median)'.ljust(width)}  reading ease "
                         f"{median:6.1f}{note}")
        else:
            lines.append(f"  {language}  {'(mean)'.ljust(width)}  syllables/sentence "
                         f"{statistics.fmean(values):6.1f}")
    lines += [f"  not built: {where}" for where in missing]
    return lines
