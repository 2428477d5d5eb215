"""Rendering a page as the site does: ``mkdocs.yml`` read by :mod:`mdbabel.project`
(:func:`read_site_config`), one reusable Python-Markdown in the site's dialect
(:func:`mdbabel.project.markdown_dialect`, :class:`_Renderer`), and a problem for each
extension that cannot be loaded."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..project import markdown_dialect, read_mkdocs_yaml
from .problem import Problem


def read_site_config(root: Path) -> dict[str, Any]:
    """``mkdocs.yml`` of *root* as a dict, its tags resolved as MkDocs does (empty when there
    is none). A syntax error is one line with its place (:class:`mdbabel.problems.CatalogError`)."""
    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    return read_mkdocs_yaml(path, resolve=True)[0]


class _Renderer:
    """A reusable Python-Markdown instance with the site's extensions. An extension that
    cannot be loaded here is left out and named in :attr:`unusable` (name, why), for
    :func:`_renderer_problems` to report."""

    def __init__(self, config: dict[str, Any]):
        import markdown

        dialect = markdown_dialect(config)
        names, configs = dialect.names, dialect.configs
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
