"""Rendering a page as the site does: mkdocs.yml read for its ``markdown_extensions``
(:func:`read_site_config`), one reusable Python-Markdown with them (:class:`_Renderer`), and a
problem for each extension that cannot be loaded."""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path
from typing import Any

import yaml

from mdbabel.textnorm import read_normal

from .problem import Problem


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
    from ..catalogs import read_mkdocs_yaml

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
