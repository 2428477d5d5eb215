"""What a translation must keep: links, inline code, HTML, placeholders, structure.

:func:`check_translation` compares a msgstr with its msgid and returns one
text per problem, each naming the thing and saying how to fix it, e.g.
``translation drops link "(../contacts.md)"; keep the link target unchanged
or leave the entry untranslated``. :mod:`mdbabel.translate` prefixes them
with the catalog file and line and falls back to the source text.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["check_translation"]

_FIX = "or leave the entry untranslated"

_CODE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)
_INLINE_LINK = re.compile(r"(?=[!\[])(!?)\[(?:\\.|[^\]\\])*\]\(\s*<?([^\s)>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_REFERENCE_LINK = re.compile(r"(?=[!\[])(!?)\[((?:\\.|[^\]\\])*)\]\[((?:\\.|[^\]\\])*)\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\](?!:)")
_PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
_ATTR_LIST = re.compile(r"\{:?[ ]*(?:[#.][^\s}]+|[\w-]+=)[^}\n]*\}")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>")
_DANGEROUS_TAG = re.compile(r"<\s*(script|iframe|object|embed|style|form|base|meta|link)\b", re.I)
_EVENT_ATTR = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
_JS_URL = re.compile(r"javascript\s*:", re.I)
_DIGIT = re.compile(r"\d")
_STARTS_BLOCK = re.compile(
    r"(?:#{1,6}(?:\s|$)|[-*+][ \t]|\d+\.[ \t]|\||>|!!!|\?\?\?|===|```|~~~|:[ \t]|\[\^[^\]]*\]:|"
    r"(?:-[ \t]*){3,}$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$|={2,}[ \t]*$|<!--)")


def _without_code(text: str) -> str:
    return _CODE.sub(" ", text)


def check_translation(msgid: str, msgstr: str, kind: str) -> list[str]:
    """Return the problems of *msgstr* as "what is wrong; how to fix it" texts.

    *kind* is the unit kind from :mod:`mdbabel.segments` ("paragraph",
    "table cell", "heading", ...); some checks depend on it.
    """
    # Each check runs only when a character its patterns need occurs in either text: most
    # messages are plain prose, and a check that cannot match finds nothing to compare.
    both = msgid + msgstr
    problems: list[str] = []
    if "`" in both:
        problems += _check_code(msgid, msgstr)
        source, target = _without_code(msgid), _without_code(msgstr)
    else:
        source, target = msgid, msgstr
    both = source + target
    if "[" in both or "<" in both:
        problems += _check_links(source, target)
    if "[^" in both:
        problems += _check_multiset(
            _FOOTNOTE_REF.findall(source), _FOOTNOTE_REF.findall(target),
            'translation drops footnote reference "[^{}]"; keep the reference ' + _FIX,
            'translation adds footnote reference "[^{}]" that the source does not have; '
            "remove it")
    if "{" in both:
        problems += _check_multiset(
            _PLACEHOLDER.findall(source), _PLACEHOLDER.findall(target),
            'translation drops placeholder "{{{{ {} }}}}"; keep the placeholder exactly as in '
            "the source (it is replaced by a figure) " + _FIX,
            'translation adds placeholder "{{{{ {} }}}}" that the source does not have; use '
            "only the placeholders of the source")
        problems += _check_multiset(
            _ATTR_LIST.findall(source), _ATTR_LIST.findall(target),
            'translation drops or changes attribute list "{}"; keep it unchanged ' + _FIX,
            'translation adds attribute list "{}"; remove it (heading ids are kept '
            "automatically)")
    if "<" in both or ":" in target:
        problems += _check_html(source, target)
    if _DIGIT.search(both):
        problems += _check_numbers(source, target)
    if not kind.startswith("front matter"):  # YAML scalars are written quoted
        problems += _check_structure(source, target, kind)
    return problems


# Figures belong in {{ placeholders }}; a number typed in a translation must come from its
# source. Month numbers may become month names ("6/2024" -> "June 2024"), so only numbers of
# three or more digits (years, document numbers, amounts) must be kept.
_NUMBER = re.compile(r"\d+")
_IGNORED_FOR_NUMBERS = re.compile(r"\{\{.*?\}\}|\]\([^)]*\)|<[^>]*>|\{[:#.][^}]*\}")


def _check_numbers(source: str, target: str) -> list[str]:
    source_numbers = _NUMBER.findall(_IGNORED_FOR_NUMBERS.sub(" ", source))
    target_numbers = _NUMBER.findall(_IGNORED_FOR_NUMBERS.sub(" ", target))
    if sorted(source_numbers) == sorted(target_numbers):
        return []
    problems = [f'translation has the number "{number}", which the source does not have; a '
                "figure must be the same as in the source (figures come from {{ placeholders }})"
                for number in dict.fromkeys(target_numbers) if number not in source_numbers]
    kept = Counter(target_numbers)
    problems += [f'translation drops the number "{number}"; keep it as in the source'
                 for number, count in Counter(source_numbers).items()
                 if len(number) >= 3 and kept[number] < count]
    return problems


def _check_code(msgid: str, msgstr: str) -> list[str]:
    spans = lambda text: [m.group(0) for m in _CODE.finditer(text)]  # noqa: E731
    return _check_multiset(
        spans(msgid), spans(msgstr),
        "translation drops or changes inline code {}; copy the code span exactly " + _FIX,
        "translation adds inline code {} that the source does not have; remove it " + _FIX)


def _links(text: str) -> tuple[list[str], list[str], list[str]]:
    """(inline targets, image targets, reference labels) of *text*."""
    targets, images, labels = [], [], []
    for m in _INLINE_LINK.finditer(text):
        (images if m.group(1) else targets).append(m.group(2))
    for m in _REFERENCE_LINK.finditer(text):
        # "[text][]" is labelled by its text, so translating that text breaks the link
        labels.append(_label(m.group(3) or m.group(2)))
    targets += _AUTOLINK.findall(text)
    return targets, images, labels


def _check_links(source: str, target: str) -> list[str]:
    src_links, src_images, src_refs = _links(source)
    dst_links, dst_images, dst_refs = _links(target)
    if dst_refs and "[" in source:
        # [label] written [translated text][label]: the same link (if the page defines it)
        surplus = Counter(dst_refs) - Counter(src_refs)
        shortcuts = Counter(_label(m.group(1)) for m in _SHORTCUT.finditer(source))
        for label, count in surplus.items():
            src_refs = src_refs + [label] * min(count, shortcuts[label])
    problems = []
    problems += _check_multiset(
        src_links, dst_links,
        'translation drops link "({})"; keep the link target unchanged ' + _FIX,
        'translation has link "({})" that the source does not have; keep the link targets '
        "of the source " + _FIX)
    problems += _check_multiset(
        src_images, dst_images,
        'translation drops image "({})"; keep the image and its source unchanged ' + _FIX,
        'translation has image "({})" that the source does not have; keep the images '
        "of the source " + _FIX)
    problems += _check_multiset(
        src_refs, dst_refs,
        'translation drops reference link "[{}]"; keep the reference label unchanged (a '
        "link written [text][] is labelled by its text: write [translated text][source text]) "
        + _FIX,
        'translation has reference link "[{}]" that the source does not have; keep the '
        "reference labels of the source " + _FIX)
    return problems


# [label] alone: not the text of [text](url) or [text][label], not the label of the latter,
# not a footnote reference [^x]
_SHORTCUT = re.compile(r"(?<![\]\\])!?\[(?!\^)((?:\\.|[^\]\\\[])+)\](?![\[(:])")
_DEFINITION = re.compile(r"^[ ]{0,3}\[(?!\^)((?:\\.|[^\]\\])+)\]:", re.MULTILINE)


def _label(text: str) -> str:
    """A reference label as Python-Markdown compares them."""
    return " ".join(text.lower().split())


def reference_labels(page: str) -> frozenset[str]:
    """The labels of the link reference definitions (``[label]: url``) of a page."""
    if "]:" not in page:
        return frozenset()
    return frozenset(_label(m.group(1)) for m in _DEFINITION.finditer(page))


def check_shortcut_references(msgid: str, msgstr: str, labels: frozenset[str]) -> list[str]:
    """A shortcut reference link ``[label]`` is a link only while its text is a label the
    page defines: a translated text silently turns the link into plain brackets. The
    translation must keep ``[label]``, or name the label: ``[translated text][label]``."""
    if not labels or "[" not in msgid:
        return []
    written: dict[str, str] = {}  # label -> as the source writes it
    wanted = []
    for m in _SHORTCUT.finditer(msgid):
        if (label := _label(m.group(1))) in labels:
            wanted.append(label)
            written.setdefault(label, m.group(1))
    if not wanted:
        return []
    kept = Counter(_label(m.group(1)) for m in _SHORTCUT.finditer(msgstr))
    kept.update(_links(msgstr)[2])
    return [f'translation drops the reference link "[{written[label]}]", defined on the page; '
            f'keep "[{written[label]}]" or write "[translated text][{written[label]}]" ' + _FIX
            for label, count in Counter(wanted).items() if kept[label] < count]


def _tag_key(tag: str) -> str:
    return re.sub(r"\s+", " ", tag.strip())


def _check_html(source: str, target: str) -> list[str]:
    problems = []
    for pattern, what in ((_DANGEROUS_TAG, "a raw HTML element"),
                          (_EVENT_ATTR, "an event attribute"), (_JS_URL, "a javascript: URL")):
        found = pattern.search(target)
        if found and not pattern.search(source):
            problems.append(f'translation adds {what} "{found.group(0).strip()}" that the source '
                            "does not have; remove it")
    src_tags = [_tag_key(t) for t in _HTML_TAG.findall(source) if not _AUTOLINK.fullmatch(t)]
    dst_tags = [_tag_key(t) for t in _HTML_TAG.findall(target) if not _AUTOLINK.fullmatch(t)]
    problems += _check_multiset(
        src_tags, dst_tags,
        'translation drops or changes HTML tag "{}"; keep every tag of the source unchanged '
        + _FIX,
        'translation adds HTML tag "{}" that the source does not have; remove it ' + _FIX)
    return problems


def _check_structure(source: str, target: str, kind: str) -> list[str]:
    problems = []
    if "\n\n" in target.strip("\n") and "\n\n" not in source:
        problems.append("translation contains an empty line, which splits the text into "
                        "separate blocks; keep it as one paragraph")
    target_starts = _block_starts(target)
    src_starts = {m.group(0)[:3] for m in _block_starts(source)} if target_starts else set()
    for m in target_starts:
        if m.group(0)[:3] not in src_starts:
            marker = m.group(0).strip() or m.group(0)
            where = "a line" if m.start() else "the text"
            problems.append(f'translation starts {where} with "{marker}", which Markdown reads '
                            "as a new block (heading, list, table, quote, admonition or code); "
                            "reword it or escape the character with a backslash")
    for marker in ("**", "__"):
        if source.count(marker) % 2 == 0 and target.count(marker) % 2 == 1:
            problems.append(f'translation has an unbalanced "{marker}"; close the emphasis '
                            "as in the source")
    if source.count("`") % 2 == 0 and target.count("`") % 2 == 1:
        problems.append('translation has an unbalanced "`"; close the inline code as in the '
                        "source")
    if "\n" in target.strip("\n") and kind in _ONE_LINE_KINDS:
        problems.append(f"translation contains a line break, which a {kind} cannot hold; "
                        "keep it on one line")
    if kind == "table cell" and re.search(r"(?<!\\)\|", target):
        problems.append('translation contains an unescaped "|", which splits the table cell; '
                        'write "\\|" instead')
    if kind == "image alt" and target.count("[") != target.count("]"):
        problems.append('translation has unbalanced "[" "]" in the image text; remove them')
    if kind in ("image title", "admonition title", "details title", "tab label") \
            and '"' in target and '"' not in source:
        problems.append(f'translation contains a double quote, which ends the {kind}; '
                        "use typographic quotes “ ” instead")
    return problems


# units written on a single source line (headings, cells, titles, ...)
_ONE_LINE_KINDS = {"heading", "table cell", "term", "admonition title", "details title",
                   "tab label", "image alt", "image title", "abbreviation"}


_LINE_START = re.compile(r"(?:^|\n)[ \t]*")


def _block_starts(text: str) -> list[re.Match]:
    """Matches of block markers at the start of the text or of a line."""
    found = []
    for m in _LINE_START.finditer(text):
        start = m.end()
        b = _STARTS_BLOCK.match(text, start)
        if b:
            found.append(b)
    return found


def _check_multiset(source: list[str], target: list[str], dropped: str, added: str) -> list[str]:
    if sorted(source) == sorted(target):  # the common case, without Counters
        return []
    missing = Counter(source) - Counter(target)
    extra = Counter(target) - Counter(source)
    return [dropped.format(item) for item in missing] + [added.format(item) for item in extra]
