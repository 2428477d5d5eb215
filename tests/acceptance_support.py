"""Helpers for the site-level acceptance tests (tests/acceptance/test_acceptance_*.py; not a test module).

- ``copy_site``: the files a site build needs (docs/, locales/, overrides/, mkdocs.yml, ...)
  copied to a temporary folder; the copy builds with the venv of the repository.
- PO editing at the text level, so that a test knows the exact line of the entry it broke:
  ``PoEntry`` / ``po_entries`` / ``set_msgstr``.
- ``pseudo``: a marked English "translation" of a msgid (every word wrapped in ⟦ ⟧) that keeps
  links, code, placeholders, HTML and Markdown markup as they are, so every check passes.
- ``visible_blocks``: the text a reader sees in the regions of a built page (title, article,
  navigation, table of contents), with the code removed.
"""

from __future__ import annotations

import html.parser
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from repo_data import REPO, languages

VENV = Path(sys.executable).parent.parent          # the venv that runs pytest (.venv)
SITE_FILES = ("docs", "locales", "overrides", "mkdocs.yml", "babel.cfg", "Makefile", "pyproject.toml")
LANGUAGES = tuple(languages())                     # mkdocs.yml's, the source first
OPEN, CLOSE = "⟦", "⟧"


# --------------------------------------------------------------------------- project copies


def copy_site(destination: Path) -> Path:
    """Copy what a site build needs into *destination* (keeping modification times)."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name,
                            ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MDBABEL_STRICT", "SOURCE_DATE_EPOCH")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    return env


def mkdocs_build(project: Path, site_dir: Path, *, strict: bool = True,
                 timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``python -m mkdocs build`` of *project*; with *strict*, as ``make site`` runs it."""
    args = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    env = environment(MDBABEL_STRICT="true") if strict else environment()
    if strict:
        args.insert(4, "--strict")
    return subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=timeout)


def make_site(project: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The real ``make site`` target in *project*, with the repository's venv.

    ``VENV=`` points the Makefile at the existing venv and ``-o`` keeps make from
    (re)installing it: only the build-and-swap commands of the target run.
    """
    stamp = VENV / ".installed-stamp"
    return subprocess.run(["make", "--no-print-directory", "-o", str(stamp), "site", f"VENV={VENV}"],
                          cwd=project, env=environment(), capture_output=True, text=True,
                          timeout=timeout)


# --------------------------------------------------------------------------- PO text editing


@dataclass
class PoEntry:
    """One entry of a .po file as written: 1-based lines, decoded strings."""

    first_line: int          # first line of the entry (its first comment, or msgctxt/msgid)
    msgid_line: int
    msgstr_line: int
    last_line: int
    msgctxt: str | None
    msgid: str
    msgstr: str
    flags: list[str]
    obsolete: bool


_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unescape(quoted: str) -> str:
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(m.group(1), m.group(1)),
                  quoted)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")


def po_entries(text: str) -> list[PoEntry]:
    """Entries of a PO file (header included, msgid "")."""
    entries: list[PoEntry] = []
    lines = text.split("\n")
    start = None
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip() == "":
            if start is not None:
                entries.append(_entry(lines, start, number - 1))
                start = None
        elif start is None:
            start = number
    return entries


def _entry(lines: list[str], first: int, last: int) -> PoEntry:
    values: dict[str, str] = {}
    positions: dict[str, int] = {}
    flags: list[str] = []
    keyword = None
    obsolete = False
    for number in range(first, last + 1):
        line = lines[number - 1]
        if line.startswith("#~"):
            obsolete = True
            line = line[2:].strip()
        if line.startswith("#,"):
            flags += [f.strip() for f in line[2:].split(",")]
            continue
        if line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        if word in ("msgctxt", "msgid", "msgstr", "msgid_plural") or word.startswith("msgstr["):
            keyword = word
            positions[word] = number
            values[word] = ""
            line = rest
        match = _STRING.search(line)
        if keyword and match:
            values[keyword] += _unescape(match.group(1))
    return PoEntry(first, positions.get("msgid", first), positions.get("msgstr", first), last,
                   values.get("msgctxt"), values.get("msgid", ""), values.get("msgstr", ""),
                   flags, obsolete)


def find_entry(text: str, msgid: str, msgctxt: str | None = None) -> PoEntry:
    for entry in po_entries(text):
        if entry.msgid == msgid and entry.msgctxt == msgctxt and not entry.obsolete:
            return entry
    raise AssertionError(f"no entry {msgid!r} in the catalog")


def set_msgstr(text: str, entry: PoEntry, msgstr: str, *, keep_flags: bool = False) -> str:
    """*text* with the msgstr of *entry* replaced by one line ``msgstr "<msgstr>"``.

    The ``fuzzy`` flag is removed (the new text is a reviewed translation) unless *keep_flags*.
    """
    lines = text.split("\n")
    block = lines[entry.first_line - 1: entry.last_line]
    out = []
    in_msgstr = False
    for offset, line in enumerate(block):
        number = entry.first_line + offset
        if line.startswith("#,") and not keep_flags:
            rest = [f for f in (x.strip() for x in line[2:].split(",")) if f and f != "fuzzy"]
            if rest:
                out.append("#, " + ", ".join(rest))
            continue
        if number == entry.msgstr_line:
            out.append(f'msgstr "{escape(msgstr)}"')
            in_msgstr = True
            continue
        if in_msgstr and line.startswith('"'):
            continue
        in_msgstr = False
        out.append(line)
    lines[entry.first_line - 1: entry.last_line] = out
    return "\n".join(lines)


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line of *text* that contains *needle*."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


# --------------------------------------------------------------------------- pseudo-translation


# What a translator must copy as it is: code spans, {{ placeholders }}, {n} and %(name)s
# interface placeholders, attribute lists, HTML tags, autolinks, entities, link targets and
# reference labels, footnote references, backslash escapes.
_PROTECTED = re.compile(
    r"(`+).+?(?<!`)\1(?!`)"
    r"|\{\{.*?\}\}"
    r"|\{:?[^{}\n]*\}"
    r"|%\(\w+\)[sd]|%%"
    r"|</?[A-Za-z][^<>]*>"
    r"|<[a-z]+:[^<>\s]+>"
    r"|&(?:#\d+|#x[0-9a-fA-F]+|\w+);"
    r"|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
    r"|\]\[[^\]]*\]"
    r"|\[\^[^\]]+\]"
    r"|\\.",
    re.S,
)
# a word, or a figure with its separators and percent sign ("69/2020/QH14", "1,5%") as one word:
# the checks compare figures as whole typed tokens
_WORD = re.compile(r"[^\W_]+(?:[./,:-][^\W_]+)*%?")


def pseudo(msgid: str) -> str:
    """Every word of *msgid* outside markup wrapped in ⟦ ⟧: ``**Lương** [xem](a.md)`` ->
    ``**⟦Lương⟧** [⟦xem⟧](a.md)``."""
    out = []
    position = 0
    for match in _PROTECTED.finditer(msgid):
        out.append(_WORD.sub(lambda m: OPEN + m.group(0) + CLOSE, msgid[position:match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_WORD.sub(lambda m: OPEN + m.group(0) + CLOSE, msgid[position:]))
    return "".join(out)


def pseudo_translate_catalog(text: str) -> tuple[str, int]:
    """Every (non-obsolete) msgstr of a PO file replaced by ``pseudo(msgid)``; (text, count)."""
    count = 0
    for entry in reversed(po_entries(text)):
        if entry.msgid == "" or entry.obsolete:
            continue
        text = set_msgstr(text, entry, pseudo(entry.msgid))
        count += 1
    return text, count


def unmarked(text: str) -> str:
    """*text* without its marked parts: what is left must not contain letters."""
    return re.sub(f"{OPEN}[^{CLOSE}]*{CLOSE}", " ", text)


def has_letters(text: str) -> bool:
    return re.search(r"[^\W\d_]", text) is not None


# --------------------------------------------------------------------------- built HTML


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: _Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, _Node):
                yield from child.iter()

    def text(self, skip=lambda node: False) -> str:
        parts = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not skip(child):
                parts.append(child.text(skip))
            else:
                parts.append(" ")
        return "".join(parts)


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(_Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(text: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def find_all(root: _Node, predicate) -> list[_Node]:
    return [node for node in root.iter() if predicate(node)]


def heading_ids(root: _Node) -> list[str]:
    """Ids of the content headings (h1-h6 inside the article)."""
    articles = find_all(root, lambda n: n.tag == "article")
    scope = articles[0] if articles else root
    return [n.attrs["id"] for n in scope.iter()
            if re.fullmatch(r"h[1-6]", n.tag) and n.attrs.get("id")]


def english_pages(site: Path) -> list[Path]:
    """Every page of the English build (404 included)."""
    return sorted(p for p in (site / "en").rglob("*.html"))


def vietnamese_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in LANGUAGES[1:])
