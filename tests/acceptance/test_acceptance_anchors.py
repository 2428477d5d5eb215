"""Acceptance: heading anchors are the same in every language, and every #anchor link resolves.

On the real site (``built_site``: ``mkdocs build --strict`` of the repository, once per session):
- for every page, the set of heading ids of the English page equals that of the Vietnamese one;
- every link with a fragment on every English page (content, nav, table of contents, footnotes,
  permalinks) points at an id that exists in the page it targets.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from acceptance_support import english_pages, find_all, heading_ids, parse_html


def _page_ids(path: Path) -> set[str]:
    return {n.attrs["id"] for n in parse_html(path.read_text(encoding="utf-8")).iter() if n.attrs.get("id")}


def _content_pages(site: Path) -> list[Path]:
    return [p for p in english_pages(site) if p.name != "404.html"]


def test_every_page_has_the_same_heading_ids_in_english_and_vietnamese(built_site):
    pages = _content_pages(built_site)
    assert len(pages) >= 20
    differences = []
    for english in pages:
        vietnamese = built_site / english.relative_to(built_site / "en")
        assert vietnamese.is_file(), f"no Vietnamese page for {english}"
        en_ids = heading_ids(parse_html(english.read_text(encoding="utf-8")))
        vi_ids = heading_ids(parse_html(vietnamese.read_text(encoding="utf-8")))
        assert len(en_ids) == len(set(en_ids)), f"{english}: repeated heading id"
        if set(en_ids) != set(vi_ids):
            differences.append(f"{english.relative_to(built_site)}: only en {sorted(set(en_ids) - set(vi_ids))}, "
                               f"only vi {sorted(set(vi_ids) - set(en_ids))}")
        # ids are also in the same order (headings are translated one by one)
        if set(en_ids) == set(vi_ids):
            assert en_ids == vi_ids, f"{english}: heading ids in another order"
    assert not differences, "\n".join(differences)


def test_every_fragment_link_on_english_pages_resolves(built_site):
    ids_cache: dict[Path, set[str]] = {}
    broken, checked = [], 0
    for page in english_pages(built_site):
        root = parse_html(page.read_text(encoding="utf-8"))
        for link in find_all(root, lambda n: n.tag == "a" and "#" in (n.attrs.get("href") or "")):
            href = link.attrs["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            if parts.path:
                target_path = posixpath.normpath(posixpath.join(
                    posixpath.dirname(page.relative_to(built_site).as_posix()), unquote(parts.path)))
                target = built_site / target_path
                if target.is_dir() or parts.path.endswith("/"):
                    target = target / "index.html"
            else:
                target = page
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)}: {href} -> missing page")
                continue
            if target not in ids_cache:
                ids_cache[target] = _page_ids(target)
            checked += 1
            if unquote(parts.fragment) not in ids_cache[target]:
                broken.append(f"{page.relative_to(built_site)}: {href} -> no id "
                              f"{unquote(parts.fragment)!r} in {target.relative_to(built_site)}")
    assert checked > 200, "too few fragment links checked: did the page layout change?"
    assert not broken, f"{len(broken)} broken fragment link(s):\n" + "\n".join(broken)

