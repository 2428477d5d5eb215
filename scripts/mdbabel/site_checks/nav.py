"""The navigation of ``mkdocs.yml``: every page it names must be a file of the docs folder.

A page moved or renamed with its ``nav:`` entry left as it was passes every other check, and
``make site`` then stops on MkDocs' own warning, once per language and with no place or fix;
:func:`check_nav` names the entry's line in ``mkdocs.yml`` instead. No MkDocs import.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import yaml

from mdbabel.project import SiteConfig, mapping_get, node_line

from .problem import Problem


def _nav_paths(node: yaml.Node) -> Iterator[tuple[str, int]]:
    """(path, line) of every entry of a ``nav:`` tree: ``- x.md`` and ``- Label: x.md``."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_paths(item)
    elif isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            yield from _nav_paths(value)
    elif isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str" \
            and node.value.strip():
        yield node.value.strip(), node_line(node)


def check_nav(config: SiteConfig) -> list[Problem]:
    """A ``nav:`` entry of a local path that names no file of the docs folder (an address with
    a scheme, or one starting with ``/``, is a link MkDocs leaves as it is)."""
    nav = mapping_get(config.node, "nav")
    if nav is None:
        return []
    problems = []
    for path, line in _nav_paths(nav[1]):
        if urlsplit(path).scheme or path.startswith(("/", "#")):
            continue
        target = config.docs_path / path.split("#", 1)[0]
        if target.is_file():
            continue
        problems.append(Problem(
            config.config_name, line,
            f"nav entry `{path}` names no page: {config.docs_dir}/{path} does not exist; put "
            "the page's path (relative to the docs folder; a page that moved: its new path) or "
            "remove the entry"))
    return problems
