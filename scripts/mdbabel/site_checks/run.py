"""The entry points: every check of the pages (:func:`check_pages`), the YAML syntax of
files (:func:`check_yaml_files`) and the command line ``python -m mdbabel.site_checks``
(:func:`main`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from mdbabel.textnorm import read_normal, undecodable_line

from .built_site import check_built_site
from .front_matter import check_front_matter
from .links import _load_pages, _site_pages, check_catalog_links, check_links
from .markdown_source import (check_admonition_titles, check_conflict_markers, check_fences,
                              check_html_text)
from .nav import check_nav
from .problem import Problem
from .rendering import _Renderer, _renderer_problems, read_site_config


def check_pages(root: Path | str) -> list[Problem]:
    """Merge conflicts left in a page, front matter (``reviewed``, ``sources``), unclosed code
    fences, untitled admonitions, text in raw HTML and internal links of every page, in every
    language; and the pages ``nav:`` names."""
    root = Path(root)
    docs_dir, rels = _site_pages(root)
    if not docs_dir.is_dir():
        return [Problem("docs", 0, "no docs/ folder; run from the project root or pass --root")]
    problems: list[Problem] = []
    readable = []
    for rel in rels:
        shown = (docs_dir / rel).relative_to(root).as_posix()
        try:
            text = read_normal(docs_dir / rel)
        except UnicodeDecodeError as error:  # the page's links are not checked either
            line = undecodable_line((docs_dir / rel).read_bytes(), error)
            problems.append(Problem(shown, line, "not UTF-8 text; save the file as UTF-8"))
            continue
        readable.append(rel)
        conflicts = check_conflict_markers(shown, text)
        if conflicts:  # what else is wrong with the page comes from the conflict: one line
            problems.extend(conflicts)
            continue
        problems.extend(check_front_matter(shown, text))
        problems.extend(check_fences(shown, text))
        problems.extend(check_admonition_titles(shown, text))
        problems.extend(check_html_text(shown, text))
    problems.extend(_nav_problems(root))
    renderer = _Renderer(read_site_config(root))
    problems.extend(_renderer_problems(root, renderer))
    pages = _load_pages(docs_dir, renderer, readable)
    problems.extend(check_links(root, pages))
    problems.extend(check_catalog_links(root, pages))
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.message))




def _nav_problems(root: Path) -> list[Problem]:
    from ..catalogs import CatalogError, load_site_config

    try:
        config = load_site_config(root)
    except (CatalogError, OSError):
        return []  # mkdocs.yml that does not read: its one line comes from the renderer
    return check_nav(config)


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
    from ..catalogs import CatalogError

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
