"""Checks of a built site: every local ``href``/``src`` of every HTML file points at a file
of the site, and a ``#fragment`` at an id of the target page."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .html_refs import _HTMLRefs, _is_external, _parse_html
from .problem import Problem


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
