"""Which pages a booklet holds, in which order (no MkDocs, no PDF).

A page says whom it is for in its front matter (``audience:``). A booklet is made for one or
more audiences; it holds, in navigation order, the home page first, then the pages of its
audiences, then the pages for everyone (questions and answers, glossary, contacts, about...).
A page without ``audience:``, or with one no booklet is made for, counts as for everyone, so
that together a language's booklets hold every page; only a page the adapter marks as not
printable (the generated translation status page) is left out.

A booklet of more than ``MAX_PAGES`` site pages is made in parts (``foreign-workers-1``,
``foreign-workers-2``...), each of at most that many, in the same order: the cost of a PDF
grows faster than its pages (WeasyPrint lays out one document: 0.21 s per page at 80 pages,
0.30 s at 400, and 1.5 GB of memory), and a reader pays for every megabyte (about 15 KB per
page: 400 pages would be 6 MB). Measured: dev/booklets.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from mdbabel import interface_strings as ui

#: The audience of pages for every reader.
EVERYONE = "everyone"

#: Site pages per booklet (a longer one is made in parts; see the module's docstring).
MAX_PAGES = 120


@dataclass(frozen=True)
class BookletSpec:
    """One booklet per language: *name* is its file name, *title* a ``_site`` msgid."""

    name: str
    title: str
    audiences: tuple[str, ...]
    part: int = 0    # 1, 2, ... when the booklet is made in parts; 0 when it is whole
    parts: int = 1


BOOKLETS: tuple[BookletSpec, ...] = (
    BookletSpec("foreign-workers", ui.BOOKLET_FOREIGN_WORKERS, ("foreign-workers", "employers")),
    BookletSpec("working-abroad", ui.BOOKLET_WORKING_ABROAD, ("working-abroad",)),
)


@dataclass
class PageInput:
    """One built page as the adapter hands it over."""

    key: str            # stable id of the page, e.g. its source path "foreign-workers/index.md"
    title: str          # the page title as shown on the site (translated)
    url: str            # its absolute online address (from site_url)
    html: str           # the article HTML of the built page (translated, figures filled in)
    lang: str           # language of the article's text (the source language on a fallback page)
    audience: str | None = None
    is_home: bool = False
    printable: bool = True
    sources: list[dict[str, Any]] = field(default_factory=list)  # title, url, note, *_lang
    reviewed: tuple[str, str] | None = None  # "Content last checked: <date>" and its language
    reviewed_iso: str | None = None
    notice: tuple[str, str] | None = None  # "not (fully) translated" notice and its language


def audience_of(page: PageInput, specs: tuple[BookletSpec, ...] = BOOKLETS) -> str:
    """The page's audience, or ``everyone`` when it names none a booklet is made for."""
    known = {a for spec in specs for a in spec.audiences}
    audience = page.audience.strip() if isinstance(page.audience, str) else ""
    return audience if audience in known else EVERYONE


def plan_booklets(pages: list[PageInput], specs: tuple[BookletSpec, ...] = BOOKLETS,
                  max_pages: int | None = None) -> list[tuple[BookletSpec, list[PageInput]]]:
    """Each booklet (or part of one) with its pages: home page, its audiences' pages, then
    the pages for everyone, each group in the order of *pages* (the navigation's)."""
    printable = [p for p in pages if p.printable]
    home = [p for p in printable if p.is_home]
    others = [p for p in printable if not p.is_home]
    planned = []
    for spec in specs:
        own = [p for p in others if audience_of(p, specs) in spec.audiences]
        common = [p for p in others if audience_of(p, specs) == EVERYONE]
        chosen = home + own + common
        size = max(1, MAX_PAGES if max_pages is None else max_pages)
        if len(chosen) <= size:
            planned.append((spec, chosen))
            continue
        chunks = [chosen[i:i + size] for i in range(0, len(chosen), size)]
        for number, chunk in enumerate(chunks, 1):
            planned.append((replace(spec, name=f"{spec.name}-{number}", part=number, parts=len(chunks)), chunk))
    return planned


def first_pages(pages: list[PageInput], planned: list[tuple[BookletSpec, list[PageInput]]],
                specs: tuple[BookletSpec, ...] = BOOKLETS) -> dict[str, list[str]]:
    """Page key -> names of the booklets linked from it: every booklet from the home page,
    a booklet (all its parts) from the first page, in navigation order, of each of its
    audiences."""
    links: dict[str, list[str]] = {}
    for page in pages:
        if page.is_home:
            links.setdefault(page.key, []).extend(spec.name for spec, _ in planned)
    for spec, _ in planned:
        for audience in spec.audiences:
            first = next((p for p in pages if p.printable and not p.is_home
                          and audience_of(p, specs) == audience), None)
            if first is not None and spec.name not in links.setdefault(first.key, []):
                links[first.key].append(spec.name)
    return links
