"""Checks over the site's sources and over a built site (no MkDocs import).

Two entry points, both returning a list of :class:`Problem`:

``check_pages(root)``
    Every page in ``docs/`` has front matter with a ``reviewed`` date and a
    non-empty ``sources`` list whose items each have a ``title``; every
    internal link (relative ``.md`` links, links to other files in ``docs/``,
    and ``#anchors``) resolves to an existing file and, for anchors, to an id
    of the target page. Links that translators wrote into the catalogs
    (``locales/<lang>/LC_MESSAGES/<page>.po``) are checked the same way, with
    the catalog entry as the location.

``check_built_site(site_dir)``
    Every ``href``/``src`` to a local path in every HTML file of a built site
    (every language) points at a file that exists, and ``#fragments`` of links
    to local pages name an element id of the target page.

Heading ids are computed by rendering the page with Python-Markdown and the
``markdown_extensions`` of ``mkdocs.yml`` (so they match the build, including
``toc: slugify: mdbabel.slugs.slugify`` and explicit ``{ #id }`` attributes).
"""

from __future__ import annotations

import datetime as _dt
import importlib
import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from mdbabel.segments import _BLOCK_TAGS, _HTML_OPEN, _I18N_SKIP, _MD_ATTR, load_front_matter
from mdbabel.textnorm import read_normal

__all__ = [
    "Problem",
    "check_pages",
    "check_front_matter",
    "check_fences",
    "check_admonition_titles",
    "check_html_text",
    "check_links",
    "check_catalog_links",
    "check_built_site",
    "check_yaml_files",
    "read_front_matter",
    "front_matter_syntax",
    "page_paths",
    "KNOWN_KEYS",
]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing to fix: ``path:line: message`` (path relative to the project root)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# --------------------------------------------------------------------------
# Pages and front matter

_FRONT_MATTER = re.compile(r"\A(---[ \t]*\r?\n)(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def page_paths(docs_dir: Path) -> list[Path]:
    """Markdown pages of *docs_dir*, sorted; folders and files starting with ``_`` or ``.`` are skipped."""
    pages = []
    for path in docs_dir.rglob("*.md"):
        rel = path.relative_to(docs_dir)
        if any(part.startswith(("_", ".")) for part in rel.parts):
            continue
        pages.append(path)
    return sorted(pages)


def read_front_matter(text: str) -> tuple[dict[str, Any] | None, str, int, str | None]:
    """Split *text* into ``(front matter, body, body's first line, YAML error)``.

    Front matter is ``None`` when the page has none (or it is not a mapping).
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, 1, None
    body = text[match.end():]
    body_line = text.count("\n", 0, match.end()) + 1
    try:
        data = load_front_matter(match.group(2) or "")
    except yaml.YAMLError as exc:
        return None, body, body_line, str(exc).replace("\n", " ")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, body, body_line, "the front matter is not a mapping of keys to values"
    return data, body, body_line, None


def _key_line(text: str, key: str) -> int:
    match = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _as_date(value: Any) -> _dt.date | None:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


#: Front matter keys a page may use: those the pages of this project use (title,
#: description, audience, reviewed, sources), those the mdbabel plugin and templates read
#: (reviewed, sources), MkDocs (title, template) and Material for MkDocs (description, hide,
#: search, status, icon, subtitle, tags) read. Any other key is a typo until added here.
KNOWN_KEYS = ("title", "description", "audience", "reviewed", "sources", "hide", "template",
              "search", "status", "icon", "subtitle", "tags")
#: Keys of one entry of ``sources`` (the plugin reads title, note and url or link).
SOURCE_KEYS = ("title", "url", "link", "note")


def front_matter_syntax(text: str) -> Problem | None:
    """What keeps the front matter of *text* from being read (``Problem`` with an empty path):
    a ``---`` block that is not closed, YAML that does not parse (at the line of the error),
    or YAML that is not a mapping. ``None`` if it reads (or if there is none)."""
    if not re.match(r"---[ \t]*\n", text):
        return None
    match = _FRONT_MATTER.match(text)
    if not match:
        # a rule (hr) at the top of a page is not a front matter: only `key:` lines are
        if re.match(r"---[ \t]*\n[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)", text, re.M):
            return Problem("", 1, "the front matter is not closed; add a line `---` after "
                                  "its last key")
        return None
    try:
        data = load_front_matter(match.group(2) or "")
    except yaml.MarkedYAMLError as exc:
        if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
            # the quote that is never closed: its own line, not the end of the block
            return Problem("", 2 + exc.context_mark.line,
                           "front matter value has an unclosed quote; close the quote at the "
                           "end of the value (or remove the opening one)")
        mark = exc.problem_mark or exc.context_mark
        line = 2 + (mark.line if mark else 0)
        what = exc.problem or exc.context or "not YAML"
        if exc.context_mark is not None and exc.problem_mark is not None and \
                exc.context_mark.line != exc.problem_mark.line:
            what += f" (in the part that starts at line {2 + exc.context_mark.line})"
        return Problem("", line, f"front matter is not valid YAML: {what}; fix the YAML "
                                 "between the `---` lines (quote a value that holds `: ` and "
                                 "close every quote)")
    except yaml.YAMLError as exc:
        return Problem("", 2, f"front matter is not valid YAML ({exc}); fix the YAML between "
                              "the `---` lines")
    if isinstance(data, list):  # (a plain text between two rules is a setext heading)
        return Problem("", 2, "the front matter is not a mapping of keys to values; write one "
                              "`key: value` per line")
    return None


def _unknown_keys(rel_path: str, text: str, data: dict) -> list[Problem]:
    import difflib

    problems = []
    for key in data:
        if key in KNOWN_KEYS:
            continue
        close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1, cutoff=0.6)
        fix = f"rename it to `{close[0]}`" if close else \
            f"remove it, or use one of {', '.join(KNOWN_KEYS)}"
        problems.append(Problem(rel_path, _key_line(text, str(key)),
                                f"unknown front matter key `{key}`; {fix}"))
    for number, source in enumerate(data.get("sources") or [], start=1):
        if not isinstance(source, dict):
            continue
        for key in source:
            if key not in SOURCE_KEYS:
                problems.append(Problem(rel_path, _key_line(text, "sources"),
                                        f"source {number} in `sources` has an unknown key `{key}`; "
                                        f"use {', '.join(SOURCE_KEYS)}"))
    return problems


def check_front_matter(rel_path: str, text: str) -> list[Problem]:
    """Problems of the front matter of one page: YAML that does not read (with the line of the
    error), unknown keys, a missing or wrong ``reviewed`` date, missing ``sources``."""
    syntax = front_matter_syntax(text)
    if syntax is not None:
        return [Problem(rel_path, syntax.line, syntax.message)]
    data, _body, _line, error = read_front_matter(text)
    if error:
        return [Problem(rel_path, 1, f"front matter is not valid YAML ({error}); fix the YAML between the `---` lines")]
    if data is None:
        return [Problem(rel_path, 1, "no front matter; start the page with `---`, the fields title, description, "
                                     "audience, reviewed (YYYY-MM-DD) and sources, then `---`")]
    problems: list[Problem] = _unknown_keys(rel_path, text, data)
    if "reviewed" not in data or data["reviewed"] in (None, ""):
        problems.append(Problem(rel_path, 1, "missing `reviewed` date in the front matter; add `reviewed: YYYY-MM-DD`"))
    elif _as_date(data["reviewed"]) is None:
        problems.append(Problem(rel_path, _key_line(text, "reviewed"),
                                f"`reviewed: {data['reviewed']}` is not a date; write it as `reviewed: YYYY-MM-DD`"))
    sources = data.get("sources")
    if not sources:
        problems.append(Problem(rel_path, _key_line(text, "sources") if "sources" in data else 1,
                                "missing `sources` in the front matter; add `sources:` with at least one "
                                "`- title: ...` (and `url:` when there is one)"))
    elif not isinstance(sources, list):
        problems.append(Problem(rel_path, _key_line(text, "sources"),
                                "`sources` must be a list; write each source as `- title: ...`"))
    else:
        for number, source in enumerate(sources, start=1):
            title = source.get("title") if isinstance(source, dict) else None
            if not isinstance(title, str) or not title.strip():
                problems.append(Problem(rel_path, _key_line(text, "sources"),
                                        f"source {number} in `sources` has no `title`; write it as `- title: ...`"))
    return problems


# A code fence line: up to the quote markers and indentation of any container, three or more
# backticks or tildes, then the info string (language, attributes) or, closing, nothing.
_FENCE_LINE = re.compile(r"^(?P<prefix>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def _fences(text: str) -> tuple[list[tuple[int, str]], tuple[int, str] | None]:
    """The lines outside closed fenced code and the front matter, as (line number, line), and
    the fence left open at the end of the page, as (line number, fence), if any."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].rstrip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)
    outside: list[tuple[int, str]] = []
    open_fence: tuple[int, str] | None = None
    for number, line in enumerate(lines[start:], start=start + 1):
        m = _FENCE_LINE.match(line.rstrip("\r"))
        if open_fence is None:
            # ```a``` on one line is inline code, not a fence
            if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
                open_fence = (number, m.group("fence"))
            else:
                outside.append((number, line))
        elif m and m.group("fence")[0] == open_fence[1][0] \
                and len(m.group("fence")) >= len(open_fence[1]) and not m.group("info").strip():
            open_fence = None
    return outside, open_fence


def check_fences(rel_path: str, text: str) -> list[Problem]:
    """A code fence that is never closed. Python-Markdown does not take it for code: the fence,
    the code and everything after it are shown as text, and translated as text."""
    open_fence = _fences(text)[1]
    if open_fence is None:
        return []
    number, fence = open_fence
    return [Problem(rel_path, number,
                    f"the code block opened by `{fence}` here is never closed, so the site shows it "
                    f"and the rest of the page as text; add a line `{fence}` where the code ends")]


# An admonition or collapsible block with a type and no title in quotes: Python-Markdown and
# pymdownx.details write the type, capitalised, as its title ("Note", "Warning").
_UNTITLED_BLOCK = re.compile(r'^(?P<prefix>[ \t>]*)(?P<marker>!!!|\?\?\?\+?) ?(?P<type>[\w\-]+(?: +[\w\-]+)*) *$')


def check_admonition_titles(rel_path: str, text: str) -> list[Problem]:
    """An admonition (``!!! note``) or collapsible block (``??? tip``) without a title: the site
    shows its type in English ("Note") on the page of every language, and no catalog has it."""
    problems = []
    for number, line in _fences(text)[0]:
        m = _UNTITLED_BLOCK.match(line.rstrip("\r"))
        if m:
            kind, marker = m.group("type"), m.group("marker")
            problems.append(Problem(
                rel_path, number,
                f"`{marker} {kind}` has no title, so every language shows the English word "
                f"\"{kind.split()[0].capitalize()}\" as its title; write one in quotes, "
                f"`{marker} {kind} \"Lưu ý\"`, or `{marker} {kind} \"\"` for none"))
    return problems


_RAW_CONTENT_TAGS = {"pre", "script", "style", "iframe", "canvas", "math", "svg", "textarea"}
_TAG_OR_COMMENT = re.compile(r"<!--.*?(?:-->|$)|</?[A-Za-z][^>]*>?", re.S)


def check_html_text(rel_path: str, text: str) -> list[Problem]:
    """Text inside a raw HTML block: Python-Markdown passes the block through as it is, so
    its words are not messages, and every language shows them in the source language.
    A block with the ``markdown`` attribute (md_in_html) is Markdown inside, and a block
    after ``<!-- i18n-skip -->`` is left in the source language on purpose."""
    problems = []
    lines = _fences(text)[0]
    i = 0
    while i < len(lines):
        number, line = lines[i]
        m = _HTML_OPEN.match(line)
        previous = lines[i - 1][1].strip() if i else ""
        before = lines[i - 2][1].strip() if i > 1 and not previous else previous
        at_block_start = not previous or _I18N_SKIP.match(previous)
        if not (m and at_block_start and m.group("tag").lower() in _BLOCK_TAGS):
            i += 1
            continue
        block = []
        while i < len(lines) and lines[i][1].strip() and lines[i][0] == number + len(block):
            block.append(lines[i][1])
            i += 1
        tag = m.group("tag").lower()
        if tag in _RAW_CONTENT_TAGS or _MD_ATTR.search(m.group("attrs") or "") \
                or _I18N_SKIP.match(previous) or _I18N_SKIP.match(before):
            continue
        words = _TAG_OR_COMMENT.sub(" ", "\n".join(block))
        if re.search(r"[^\W\d_]{2,}", words):
            problems.append(Problem(
                rel_path, number,
                f"the text in this HTML block (<{tag}>) is not sent to the translators, so every "
                f"language shows it as written here; write it in Markdown, or add `markdown` to "
                f"the tag (`<{tag} markdown>`) to make its content Markdown"))
    return problems


# --------------------------------------------------------------------------
# Rendering with the site's Markdown extensions


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: python tags are imported, ``!ENV`` and unknown tags tolerated."""


def _python_name(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
    return _import(suffix)


def _python_apply(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
    func = _import(suffix)
    if isinstance(node, yaml.SequenceNode):
        args, kwds = loader.construct_sequence(node, deep=True), {}
    else:
        value = loader.construct_mapping(node, deep=True)
        args, kwds = value.get("args", []), value.get("kwds", {})
    return func(*args, **kwds) if func is not None else None


def _env(loader: yaml.Loader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1] if len(items) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _unknown(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


def _import(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _python_apply)
_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", _unknown)

_DEFAULT_EXTENSIONS: list[Any] = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    {"toc": {"slugify": "mdbabel.slugs.slugify", "permalink": True}},
    "pymdownx.details", "pymdownx.superfences", {"pymdownx.tabbed": {"alternate_style": True}},
]


def read_site_config(root: Path) -> dict[str, Any]:
    """``mkdocs.yml`` of *root* as a dict (empty when there is none)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    from .catalogs import read_mkdocs_yaml

    read_mkdocs_yaml(path)  # a syntax error: one line with its place (CatalogError)
    data = yaml.load(read_normal(path), Loader=_ConfigLoader)  # noqa: S506 - the project's own file
    return data if isinstance(data, dict) else {}


def _extensions(config: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in config.get("markdown_extensions", _DEFAULT_EXTENSIONS) or []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            for name, options in item.items():
                names.append(name)
                configs[name] = dict(options or {})
    # mkdocs always adds toc, tables and fenced_code (superfences replaces the latter)
    for name in ("toc", "tables"):
        if name not in names:
            names.append(name)
    toc = configs.setdefault("toc", {})
    if isinstance(toc.get("slugify"), str):
        toc["slugify"] = _import(toc["slugify"])
    if not callable(toc.get("slugify")):
        toc.pop("slugify", None)
    return names, configs


class _Renderer:
    """A reusable Python-Markdown instance with the site's extensions. An extension that
    cannot be loaded here is left out and named in :attr:`unusable` (name, why), for
    :func:`_renderer_problems` to report."""

    def __init__(self, config: dict[str, Any]):
        import markdown

        names, configs = _extensions(config)
        usable: list[str] = []
        self.unusable: list[tuple[str, str]] = []
        for name in names:
            try:
                markdown.Markdown(extensions=[name], extension_configs={name: configs.get(name, {})})
            except (ImportError, AttributeError, TypeError, KeyError, ValueError) as error:
                # not installed, not an extension, or an option it does not know
                self.unusable.append((name, f"{type(error).__name__}: {error}"))
                continue
            usable.append(name)
        self._md = markdown.Markdown(
            extensions=usable, extension_configs={k: v for k, v in configs.items() if k in usable})

    def render(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)


def _renderer_problems(root: Path, renderer: _Renderer) -> list[Problem]:
    """One problem per Markdown extension of mkdocs.yml the checks had to leave out: the
    pages are checked as they would render without it, which may not be how the site does."""
    try:
        lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    problems = []
    for name, why in renderer.unusable:
        line = next((number for number, text in enumerate(lines, 1)
                     if re.match(rf"^\s*-\s*{re.escape(name)}\s*:?\s*$", text)), 1)
        problems.append(Problem("mkdocs.yml", line, f"markdown extension '{name}' cannot be "
                                f"loaded ({why}); install it (pyproject.toml) or fix its options: "
                                "the pages were checked without it"))
    return problems


class _HTMLRefs(HTMLParser):
    """Collects element ids and (tag, attribute, url, line) references."""

    _URL_ATTRS = {"href", "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str, int]] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in self._URL_ATTRS:
                if tag == "base" and name == "href":
                    self.base = value
                else:
                    self.refs.append((tag, name, value, line))
            elif name == "srcset":
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.refs.append((tag, name, url, line))

    handle_startendtag = handle_starttag


def _parse_html(html: str) -> _HTMLRefs:
    parser = _HTMLRefs()
    parser.feed(html)
    parser.close()
    return parser


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


# --------------------------------------------------------------------------
# Links in the source pages and in the catalogs


@dataclass
class _Page:
    rel: str              # "foreign-workers/benefits.md" (relative to docs/)
    text: str
    body: str
    body_line: int
    html: str
    ids: set[str]
    refs: list[tuple[str, str, str, int]]


def _site_pages(root: Path) -> tuple[Path, list[str]]:
    """(docs folder, docs-relative pages) as the catalog tools see them (mkdocs.yml's
    docs_dir and exclude_docs); without a readable mkdocs.yml, every page of docs/."""
    from .catalogs import CatalogError, load_site_config

    try:
        config = load_site_config(root)
        return config.docs_path, config.pages()
    except (CatalogError, OSError):
        docs_dir = root / "docs"
        return docs_dir, [p.relative_to(docs_dir).as_posix() for p in page_paths(docs_dir)]


def _load_pages(docs_dir: Path, renderer: _Renderer, rels: list[str] | None = None) -> dict[str, _Page]:
    pages = {}
    if rels is None:
        rels = [p.relative_to(docs_dir).as_posix() for p in page_paths(docs_dir)]
    for rel in rels:
        text = read_normal(docs_dir / rel)
        _data, body, body_line, _error = read_front_matter(text)
        html = renderer.render(body)
        parsed = _parse_html(html)
        pages[rel] = _Page(rel, text, body, body_line, html, parsed.ids, parsed.refs)
    return pages


def _source_line(text: str, url: str, default: int) -> int:
    for needle in (f"]({url}", f"({url}", f"]: {url}", f"<{url}>", url):
        index = text.find(needle)
        if index >= 0:
            return text.count("\n", 0, index) + 1
    return default


def _resolve(page_rel: str, url: str, docs_dir: Path, pages: dict[str, _Page]) -> tuple[str | None, str | None]:
    """Return (problem, None) or (None, target page rel or "" for non-page files)."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        return None, page_rel
    if path.startswith("/"):
        return (f"absolute link `{url}`; use a path relative to this page (e.g. `../guides/x.md`) "
                "so it works in every language"), None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
    if target == ".." or target.startswith("../"):
        return f"link `{url}` points outside docs/; link to a page inside docs/", None
    if target in pages:
        return None, target
    candidate = docs_dir / target
    if candidate.is_file():
        return None, ""
    for index in ("index.md", "README.md"):
        inside = posixpath.join(target, index) if target != "." else index
        if inside in pages:
            return None, inside
    if (path.endswith("/") or not posixpath.splitext(path)[1]) and (target + ".md") in pages:
        return (f"link `{url}` points at a page URL; link to the Markdown file "
                f"`{posixpath.relpath(target + '.md', posixpath.dirname(page_rel) or '.')}` instead"), None
    return f"broken link `{url}`: {docs_dir.name}/{target} does not exist; fix the path or create the page", None


def _check_url(page_rel: str, url: str, docs_dir: Path, pages: dict[str, _Page]) -> str | None:
    if _is_external(url) or "{{" in url:
        return None
    problem, target = _resolve(page_rel, url, docs_dir, pages)
    if problem:
        return problem
    fragment = unquote(urlsplit(url).fragment)
    if fragment and target and fragment not in pages[target].ids:
        where = "this page" if target == page_rel else f"{docs_dir.name}/{target}"
        return (f"broken anchor `#{fragment}` in link `{url}`: {where} has no heading with that id; "
                f"use one of its heading ids (mdbabel.slugs.slugify of the heading text)")
    return None


# Reference links from the permalinks ("¶") and footnote back-references are generated.
def _link_refs(page: _Page) -> Iterator[tuple[str, int]]:
    for tag, attr, url, _line in page.refs:
        if tag == "a" and attr == "href" and url.startswith("#") and url[1:] in page.ids:
            continue
        yield url, _source_line(page.text, url, page.body_line)


def check_links(root: Path, pages: dict[str, _Page] | None = None) -> list[Problem]:
    """Broken internal links and anchors in the Vietnamese source pages."""
    docs_dir, rels = _site_pages(root)
    problems = []
    if pages is None:
        renderer = _Renderer(read_site_config(root))
        problems.extend(_renderer_problems(root, renderer))
        pages = _load_pages(docs_dir, renderer, rels)
    for page in pages.values():
        for url, line in _link_refs(page):
            message = _check_url(page.rel, url, docs_dir, pages)
            if message:
                problems.append(Problem((docs_dir / page.rel).relative_to(root).as_posix(), line, message))
    return problems


def _catalog_pages(root: Path) -> Iterator[tuple[str, str, Path]]:
    """(language, page rel, .po path) for every page catalog in locales/."""
    locales = root / "locales"
    from .problems import CatalogError
    from .project import TEMPLATES_FOLDER, catalog_folder, domain_of, load_site_config

    try:
        locales = load_site_config(root).locales_path
    except (CatalogError, OSError):  # no readable mkdocs.yml: the default layout
        pass
    if not locales.is_dir():
        return
    for lang_dir in sorted(p for p in locales.iterdir() if p.is_dir() and p.name != TEMPLATES_FOLDER):
        messages = catalog_folder(locales, lang_dir.name)
        if not messages.is_dir():
            continue
        for po in sorted(messages.rglob("*.po")):
            rel = f"{domain_of(po, messages)}.md"
            if rel.startswith("_"):
                continue
            yield lang_dir.name, rel, po


def check_catalog_links(root: Path, pages: dict[str, _Page] | None = None) -> list[Problem]:
    """Links that a translation adds or changes: they must resolve like the source's links."""
    from .po.read import read_po_lenient

    docs_dir, rels = _site_pages(root)
    if pages is None:
        pages = _load_pages(docs_dir, _Renderer(read_site_config(root)), rels)
    renderer = _Renderer(read_site_config(root))
    problems = []
    for _lang, page_rel, po in _catalog_pages(root):
        if page_rel not in pages:
            continue  # a catalog without a page is the catalog check's business
        # lenient: a catalog the build rejects is reported by the catalog check, with its line
        catalog = read_po_lenient(po)
        if catalog is None:
            continue
        for message in catalog:
            if not message.id or message.fuzzy or not isinstance(message.id, str):
                continue
            msgstr = message.string
            if not isinstance(msgstr, str) or not msgstr or msgstr == message.id:
                continue
            if "](" not in msgstr and "][" not in msgstr and "<" not in msgstr:
                continue  # no link, image or HTML: nothing to resolve
            source_urls = {url for _t, _a, url, _l in _parse_html(renderer.render(message.id)).refs}
            for _tag, _attr, url, _line in _parse_html(renderer.render(msgstr)).refs:
                if url in source_urls:
                    continue  # the same link as the source: checked on the page
                problem = _check_url(page_rel, url, docs_dir, pages)
                if problem:
                    rel_po = po.relative_to(root).as_posix()
                    problems.append(Problem(rel_po, message.lineno or 1,
                                            f"translation: {problem} (the page is {docs_dir.name}/{page_rel})"))
    return problems


def check_pages(root: Path | str) -> list[Problem]:
    """Front matter (``reviewed``, ``sources``), unclosed code fences, untitled admonitions, text
    in raw HTML and internal links of every page, in every language."""
    root = Path(root)
    docs_dir, rels = _site_pages(root)
    if not docs_dir.is_dir():
        return [Problem("docs", 0, "no docs/ folder; run from the project root or pass --root")]
    problems: list[Problem] = []
    for rel in rels:
        shown = (docs_dir / rel).relative_to(root).as_posix()
        text = read_normal(docs_dir / rel)
        problems.extend(check_front_matter(shown, text))
        problems.extend(check_fences(shown, text))
        problems.extend(check_admonition_titles(shown, text))
        problems.extend(check_html_text(shown, text))
    renderer = _Renderer(read_site_config(root))
    problems.extend(_renderer_problems(root, renderer))
    pages = _load_pages(docs_dir, renderer, rels)
    problems.extend(check_links(root, pages))
    problems.extend(check_catalog_links(root, pages))
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.message))


# --------------------------------------------------------------------------
# The built site


def _url_to_file(site_dir: Path, page_url_dir: str, url: str, base_path: str) -> tuple[str, Path] | None:
    path = unquote(urlsplit(url).path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None  # outside the site (another site on the same host)
        target = "/" + path[len(base_path):]
    else:
        target = posixpath.join("/" + page_url_dir, path)
    target = posixpath.normpath(target)
    if target.startswith("/.."):
        return target, site_dir / "__outside__"
    candidate = site_dir / target.lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return target, candidate


def site_url_of(site_dir: Path) -> str | None:
    """The site's public address, read from the first ``<loc>`` of its ``sitemap.xml``."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return None
    match = re.search(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap.read_text(encoding="utf-8", errors="replace"))
    if not match:
        return None
    url = match.group(1)
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path.rsplit('/', 1)[0]}/" if parts.scheme else None


def check_built_site(site_dir: Path | str, base_path: str | None = None,
                     site_url: str | None = None) -> list[Problem]:
    """Every local ``href``/``src`` in every HTML page of *site_dir* exists (and its #fragment).

    *site_url* is the site's public address (default: from ``sitemap.xml``); links to
    it (canonical, hreflang alternates) are checked as local links. *base_path* is
    its path (``/`` unless the site is served from a sub-folder); absolute paths
    outside it are not checked.
    """
    site_dir = Path(site_dir)
    if site_url is None:
        site_url = site_url_of(site_dir)
    if base_path is None:
        base_path = urlsplit(site_url).path if site_url else "/"
    if not base_path.endswith("/"):
        base_path += "/"
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    html_files = sorted(site_dir.rglob("*.html"))
    parsed: dict[Path, _HTMLRefs] = {}

    def parse(path: Path) -> _HTMLRefs:
        if path not in parsed:
            parsed[path] = _parse_html(path.read_text(encoding="utf-8", errors="replace"))
        return parsed[path]

    problems: list[Problem] = []
    for html_file in html_files:
        rel = html_file.relative_to(site_dir).as_posix()
        refs = parse(html_file)
        page_dir = posixpath.dirname(rel)
        for tag, attr, shown_url, line in refs.refs:
            url = shown_url
            if site_url and url.startswith(site_url):
                url = base_path + url[len(site_url):]
            if not url or _is_external(url) or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            if "{{" in url or "{%" in url:
                continue
            parts = urlsplit(url)
            if not parts.path:
                target_file = html_file
            else:
                resolved = _url_to_file(site_dir, page_dir if refs.base is None else
                                        posixpath.normpath(posixpath.join(page_dir, refs.base)), url, base_path)
                if resolved is None:
                    continue
                target, target_file = resolved
                if not target_file.is_file():
                    problems.append(Problem(f"{site_dir.name}/{rel}", line,
                                            f"<{tag} {attr}=\"{shown_url}\"> points at {target}, "
                                            "which is not in the built site"))
                    continue
            fragment = unquote(parts.fragment)
            if (fragment and tag == "a" and target_file.suffix == ".html"
                    and not fragment.startswith(("__", ":~:"))
                    and fragment not in parse(target_file).ids):
                problems.append(Problem(f"{site_dir.name}/{rel}", line,
                                        f"<a href=\"{shown_url}\">: {target_file.relative_to(site_dir).as_posix()} "
                                        f"has no element with id \"{fragment}\""))
    return problems


def check_yaml_files(paths: Iterable[Path | str]) -> list[Problem]:
    """YAML syntax of *paths* (tags such as ``!!python/name:`` and ``!ENV`` are allowed)."""
    problems = []
    for path in paths:
        try:
            for _document in yaml.compose_all(read_normal(path), Loader=yaml.SafeLoader):
                pass
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            problems.append(Problem(Path(path).as_posix(), line,
                                    f"not valid YAML: {exc.problem or exc.context}; fix the syntax"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(Problem(Path(path).as_posix(), 1, f"cannot read as YAML: {exc}"))
    return problems


def format_problems(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def main(argv: list[str] | None = None) -> int:
    """``python -m mdbabel.site_checks [--root DIR] [--site SITE_DIR]``: 0 ok, 1 problems, 2 usage."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="python -m mdbabel.site_checks",
        description="Check front matter (reviewed, sources) and internal links of every page "
                    "in every language; with --site, also every local link of a built site.")
    parser.add_argument("--root", default=".", help="project folder with docs/ and locales/ (default: .)")
    parser.add_argument("--site", metavar="SITE_DIR", help="also check the built site in SITE_DIR")
    parser.add_argument("--site-url", help="the site's public address (default: from site/sitemap.xml)")
    parser.add_argument("--no-pages", action="store_true", help="only check the built site (or --yaml)")
    parser.add_argument("--yaml", nargs="+", metavar="FILE", default=[],
                        help="also check that these files are valid YAML (for pre-commit)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    root = Path(args.root)
    if not args.no_pages and not (root / "docs").is_dir():
        print(f"{root}: no docs/ folder; pass --root PROJECT_DIR", file=sys.stderr)
        return 2
    from .catalogs import CatalogError

    try:
        problems: list[Problem] = [] if args.no_pages else check_pages(root)
    except CatalogError as error:  # mkdocs.yml does not read: one line, with its place
        print(error, file=sys.stderr)
        return 1
    problems.extend(check_yaml_files(args.yaml))
    if args.site:
        if not Path(args.site).is_dir():
            print(f"{args.site}: no such folder; build the site first (make site)", file=sys.stderr)
            return 2
        problems.extend(check_built_site(args.site, site_url=args.site_url))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
