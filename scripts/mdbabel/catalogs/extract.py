"""Extraction: the template catalog (``.pot``) of each page and of the ``_site`` domain.

Owns what becomes a message: each translatable unit of a page (:func:`mdbabel.segments.segment`),
and for ``_site`` the site name and description and navigation labels of ``mkdocs.yml``, the
strings of the theme overrides' Jinja2 templates, the interface strings of
``mdbabel/interface_strings.py`` (read with :mod:`ast`, never imported) and the figures'
labels. Each message keeps its source location. No MkDocs import.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog

from ..problems import CatalogError
from ..project import SITE_DOMAIN, SiteConfig, mapping_get, node_line, page_domains, read_text_file
from ..segments import segment
from ..site_checks.markdown_source import check_conflict_markers

__all__ = ["extract_page", "extract_site", "extract_templates"]


def _new_template(config: SiteConfig) -> Catalog:
    catalog = Catalog(project=config.site_name or config.root.resolve().name, fuzzy=True,
                      charset="utf-8")
    return catalog


def extract_page(config: SiteConfig, page: str) -> Catalog:
    """The template catalog of one page: one message per translatable unit."""
    path = config.docs_path / page
    shown = config.shown(path)
    source = read_text_file(path, shown)
    conflicts = check_conflict_markers(shown, source)
    if conflicts:  # the markers and both sides would become messages, for every translator
        raise CatalogError(str(conflicts[0]))
    try:
        units = segment(source)
    except (ValueError, LookupError, TypeError, AttributeError, RuntimeError) as error:  # a bug: say which page
        raise CatalogError(f"{shown}: cannot split the page into messages ({error!r}); "
                           "this is a bug in mdbabel.segments, please report it") from error
    catalog = _new_template(config)
    for unit in units:
        catalog.add(unit.text, None, [(shown, unit.line)],
                    auto_comments=[unit.comment] if unit.comment else [], context=unit.context)
    return catalog


def extract_site(config: SiteConfig) -> Catalog:
    """The ``_site`` template: site name and description, navigation labels, interface strings."""
    catalog = _new_template(config)
    shown = config.config_name
    for key, comment in (("site_name", "site name"), ("site_description", "site description")):
        found = mapping_get(config.node, key)
        if found and isinstance(found[1], yaml.ScalarNode) and found[1].value.strip():
            catalog.add(found[1].value, None, [(shown, node_line(found[1]))], auto_comments=[comment])
    nav = mapping_get(config.node, "nav")
    if nav is not None:
        for label, line in _nav_labels(nav[1]):
            catalog.add(label, None, [(shown, line)], auto_comments=["navigation label"])
    for message, location, comments, context in _template_strings(config):
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    for message, location, comments, context in _interface_strings(config):
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    from ..figures.strings import figure_labels  # the figures' labels (docs/_data/*.yml)
    for message, location in figure_labels(config.docs_path / "_data", config.shown):
        catalog.add(message, None, [location], auto_comments=["figure label"])
    return catalog


def _nav_labels(node: yaml.Node) -> Iterator[tuple[str, int]]:
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_labels(item)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value.strip():
                yield key_node.value, node_line(key_node)
            yield from _nav_labels(value_node)


def _template_strings(config: SiteConfig) -> Iterator[tuple[str, tuple[str, int], list[str], str | None]]:
    """Strings of the Jinja2 templates in ``overrides/`` (``{% trans %}``, ``_("...")``)."""
    theme = config.raw.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    overrides = config.root / str(custom_dir or "overrides")
    if not overrides.is_dir():
        return
    from babel.messages.extract import DEFAULT_KEYWORDS, extract
    from jinja2 import TemplateSyntaxError
    from jinja2.ext import babel_extract

    options = {"extensions": "jinja2.ext.do,jinja2.ext.loopcontrols", "trimmed": "true",
               "silent": "false"}
    for path in sorted(overrides.rglob("*.html")):
        shown = config.shown(path)
        with path.open("rb") as fileobj:
            try:
                found = list(extract(babel_extract, fileobj, DEFAULT_KEYWORDS,
                                     ("Translators:",), options, strip_comment_tags=True))
            except TemplateSyntaxError as error:
                raise CatalogError(f"{shown}:{error.lineno}: template syntax error "
                                   f"({error.message}); fix the template") from None
            except UnicodeDecodeError:
                read_text_file(path, shown)  # raises with the line of the bad byte
                raise
        for lineno, message, comments, context in found:
            if isinstance(message, tuple):
                message = message[0]
            yield message, (shown, lineno), [*comments, "interface text"], context


def _interface_strings(config: SiteConfig) -> Iterator[tuple[str, tuple[str, int], list[str], str | None]]:
    """Strings the MkDocs adapter shows, from ``mdbabel/interface_strings.py`` if it exists.

    Accepted forms (read with :mod:`ast`, never imported): ``INTERFACE_STRINGS`` as a list of
    strings, of ``(msgid, comment)`` or ``(msgid, comment, msgctxt)`` tuples, or a dict
    ``{msgid: comment}``; or ``_("...")``/``N_("...")``/``pgettext("ctx", "...")`` calls.
    """
    try:
        spec = importlib.util.find_spec("mdbabel.interface_strings")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin or not Path(spec.origin).is_file():
        return
    path = Path(spec.origin)
    # Package-relative, so that every checkout and installation writes the same catalogs.
    shown = "mdbabel/interface_strings.py"
    try:
        tree = ast.parse(read_text_file(path, shown), filename=str(path))
    except SyntaxError as error:
        raise CatalogError(f"{shown}:{error.lineno}: Python syntax error ({error.msg}); "
                           "fix the file") from None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "INTERFACE_STRINGS" for t in targets):
                yield from _interface_literal(node.value, shown)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                    for a in node.args]
            if node.func.id in ("_", "N_", "gettext") and args and args[0]:
                yield args[0], (shown, node.lineno), ["interface text"], None
            elif node.func.id == "pgettext" and len(args) >= 2 and args[0] and args[1]:
                yield args[1], (shown, node.lineno), ["interface text"], args[0]


def _interface_literal(node: ast.AST, shown: str):
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return
    items = value.items() if isinstance(value, dict) else value
    strings = {c.value: c.lineno for c in ast.walk(node)
               if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    for item in items:
        if isinstance(item, str):
            item = (item,)
        if not item or not isinstance(item[0], str) or not item[0]:
            continue
        comment = item[1] if len(item) > 1 and item[1] else "interface text"
        context = item[2] if len(item) > 2 else None
        yield item[0], (shown, strings.get(item[0], node.lineno)), [comment], context


def extract_templates(config: SiteConfig) -> dict[str, Catalog]:
    """Template catalog of every domain: ``_site`` first, then the pages in path order."""
    templates = {SITE_DOMAIN: extract_site(config)}
    for domain, page in page_domains(config):
        templates[domain] = extract_page(config, page)
    return templates
