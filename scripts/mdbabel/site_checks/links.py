"""Internal links and anchors of the source pages, and the links translators wrote into the
page catalogs (``locales/<lang>/LC_MESSAGES/<page>.po``): each must resolve to a page of
``docs/`` and, for an anchor, to an id of its rendered HTML."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mdbabel.textnorm import read_normal

from .front_matter import page_paths, read_front_matter
from .html_refs import _is_external, _parse_html
from .problem import Problem
from .rendering import _Renderer, _renderer_problems, read_site_config


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
    from ..catalogs import CatalogError, load_site_config

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
        # a heading renamed a little ("Quỹ nào trả" -> "Quỹ nào chi trả"): name the id the
        # link most likely meant
        close = difflib.get_close_matches(fragment, sorted(pages[target].ids), n=1, cutoff=0.8)
        fix = f"use `#{close[0]}`, its closest heading id" if close else \
            "use one of its heading ids (mdbabel.slugs.slugify of the heading text)"
        return f"broken anchor `#{fragment}` in link `{url}`: {where} has no heading with that id; {fix}"
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
    from ..problems import CatalogError
    from ..project import (TEMPLATES_FOLDER, catalog_files, catalog_folder, domain_of,
                           load_site_config)

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
        for po in catalog_files(messages, ".po"):
            rel = f"{domain_of(po, messages)}.md"
            if rel.startswith("_"):
                continue
            yield lang_dir.name, rel, po


def check_catalog_links(root: Path, pages: dict[str, _Page] | None = None) -> list[Problem]:
    """Links that a translation adds or changes: they must resolve like the source's links.

    Catalogs are untrusted: only entries whose msgid is a text of the page (the build uses no
    other) and whose msgstr is within the judge's complexity budget (mdbabel.safety.budget)
    are rendered, so that a hostile entry costs no more here than in the build (16,000
    characters of ``[](`` take half a minute to render); the catalog check reports the others."""
    from ..po.read import read_po_lenient
    from ..safety import budget
    from ..segments import segment

    docs_dir, rels = _site_pages(root)
    if pages is None:
        pages = _load_pages(docs_dir, _Renderer(read_site_config(root)), rels)
    renderer = _Renderer(read_site_config(root))
    problems = []
    units: dict[str, set[str]] = {}  # page -> the texts of its units (trusted: the source's)
    for _lang, page_rel, po in _catalog_pages(root):
        if page_rel not in pages:
            continue  # a catalog without a page is the catalog check's business
        if page_rel not in units:
            units[page_rel] = {unit.text for unit in segment(pages[page_rel].text)}
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
            if message.id not in units[page_rel]:
                continue  # not a text of the page: never published (nor rendered here)
            if budget.budget_problems(message.id, msgstr):
                continue  # too costly to render: the catalog check refuses it, with its line
            try:
                rendered = renderer.render(msgstr)
            except RecursionError:
                continue  # nests too deeply to render: the catalog check says so
            source_urls = {url for _t, _a, url, _l in _parse_html(renderer.render(message.id)).refs}
            for _tag, _attr, url, _line in _parse_html(rendered).refs:
                if url in source_urls:
                    continue  # the same link as the source: checked on the page
                problem = _check_url(page_rel, url, docs_dir, pages)
                if problem:
                    rel_po = po.relative_to(root).as_posix()
                    problems.append(Problem(rel_po, message.lineno or 1,
                                            f"translation: {problem} (the page is {docs_dir.name}/{page_rel})"))
    return problems
