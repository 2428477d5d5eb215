"""Babel catalogs of a Markdown site: extract, update, read, validate, count.

Layout (one catalog per page, plus the ``_site`` domain for navigation and
interface text)::

    docs/guides/x.md  ->  locales/templates/guides/x.pot
                          locales/<lang>/LC_MESSAGES/guides/x.po

The data model is Babel's :class:`~babel.messages.catalog.Catalog`. Reading
goes through Babel's PO parser (extended for ``#|`` previous msgids, duplicate
entries and string syntax); only :func:`load_translations`, on the hot path of
the site build, first tries a fast reader that takes catalogs in the usual
layout, with the same results. Writing is our own small writer because the
catalogs must be byte-stable: fixed wrapping (:data:`WIDTH`), order by first
location, no ``python-format`` flags (Markdown is not a format string), and
dates that only move when the content does.

Pure functions over files: no MkDocs import. ``mkdocs.yml`` is read as plain
YAML whose unknown tags (``!!python/name:...``, ``!ENV``) are ignored.
"""

from __future__ import annotations

import ast
import bisect
import datetime as dt
import functools
import hashlib
import importlib.util
import itertools
import json
import os
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

import yaml
from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message, get_close_matches
from babel.messages.pofile import PoFileError, PoFileParser, escape, unescape

from . import link_targets
from .build_cache import package_digest, text_digest
from .files import atomic_write_bytes
from .segments import segment
from .textnorm import decode_normal, normal_text
from .translate import Lookup, Translation

__all__ = [
    "WIDTH", "SITE_DOMAIN", "CatalogError", "SiteConfig", "PoFile", "CatalogStats",
    "PlannedWrite", "UpdatePlan", "load_site_config", "read_mkdocs_yaml", "page_domain",
    "extract_page", "extract_site", "extract_templates", "merge_catalog", "read_po_file",
    "render_catalog", "atomic_write", "plan_update", "apply_plan", "load_translations",
    "make_lookup", "catalog_stats", "project_stats", "update_catalogs", "check_project",
    "CheckReport", "FORMAT_FLAGS",
]

#: Line width of every catalog we write (Babel's default is 76; GNU's is 79).
WIDTH = 79
#: Domain of the navigation labels and interface strings.
SITE_DOMAIN = "_site"
#: Babel guesses these from ``%d``/``{x}`` in a msgid; Markdown text is not a format string,
#: and ``msgfmt --check-format`` would then reject ordinary translations of "50% do ...".
FORMAT_FLAGS = frozenset({"python-format", "python-brace-format"})
#: Fuzzy matching: difflib similarity needed to carry an old translation over (as fuzzy).
FUZZY_CUTOFF = 0.6
#: Short texts look alike by accident ("Select all"/"Deselect all"): they need more.
FUZZY_SHORT_LENGTH = 24
FUZZY_SHORT_CUTOFF = 0.85
TEMPLATE_DATE_PLACEHOLDER = "YEAR-MO-DA HO:MI+ZONE"

# MkDocs never builds these (mkdocs.structure.files._default_exclude); _data holds figures.
_DEFAULT_EXCLUDES = (".*", "/templates/", "/_data/")

Key = tuple["str | None", str]  # (msgctxt, msgid)


class CatalogError(Exception):
    """A catalog or the site configuration cannot be used.

    The message is complete and ready for a user:
    ``locales/en/LC_MESSAGES/x.po:12: duplicate message "..."; remove one of the two entries``.
    """


def read_text_file(path: Path, shown: str) -> str:
    """A UTF-8 source file (BOM allowed) in the normal form (:mod:`mdbabel.textnorm`: LF line
    ends, NFC); any other encoding is a :class:`CatalogError` naming the line of the first
    bad byte."""
    data = path.read_bytes()
    try:
        return decode_normal(data)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError(f"{shown}:{line}: not UTF-8 text; save the file as UTF-8") from None


# --------------------------------------------------------------------------- site configuration


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML loader that accepts MkDocs' ``!!python/name:`` and ``!ENV`` tags as plain data."""


def _construct_unknown(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


_ConfigLoader.add_multi_constructor("", _construct_unknown)


def read_mkdocs_yaml(path: Path, shown: str = "mkdocs.yml") -> tuple[dict, yaml.Node | None]:
    """Return ``mkdocs.yml`` as data and as a YAML node tree (for line numbers)."""
    try:
        text = read_text_file(path, shown)
    except FileNotFoundError:
        raise CatalogError(f"{shown}: not found; run in the site folder or pass --root DIR") from None
    loader = _ConfigLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark else shown
        problem = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context_mark", None)
        if context is not None and mark is not None and context.line != mark.line:
            problem += f"; the part that fails starts at line {context.line + 1}"
            fix = (f"fix the syntax between lines {context.line + 1} and {mark.line + 1} "
                   "(an unclosed quote or a wrong indentation)")
        else:
            fix = "fix the syntax"
        raise CatalogError(f"{where}: invalid YAML ({problem}); {fix}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise CatalogError(f"{shown}: expected a mapping of settings; fix the file")
    return data, node


def _mapping_get(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
    return None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


@functools.lru_cache(maxsize=4096)
def _resolved(folder: Path) -> Path:
    """An absolute folder, resolved (cached: relative ones depend on the working folder)."""
    return folder.resolve()


def _resolved_file(path: Path) -> Path:
    """``path.resolve()``, with the folders resolved once per process (an update shows the
    path of 3 files per page, and resolving costs a system call per path component)."""
    if not path.is_absolute():
        return path.resolve()
    resolved = _resolved(path.parent) / path.name
    return resolved.resolve() if resolved.is_symlink() else resolved


def _located_under(path: Path, root: Path) -> tuple[Path, str]:
    """(resolved *path*, *path* as shown in messages: relative to *root*, with ``/``; as
    given if it is outside)."""
    resolved = _resolved_file(path)
    try:
        return resolved, resolved.relative_to(
            _resolved(root) if root.is_absolute() else root.resolve()).as_posix()
    except ValueError:
        return resolved, path.as_posix()


@dataclass(frozen=True)
class SiteConfig:
    """What the catalog tools need to know about a site, read from its ``mkdocs.yml``."""

    root: Path
    source_language: str
    languages: tuple[str, ...]            # target languages, in mkdocs.yml order
    docs_dir: str = "docs"                # relative to root, posix
    locales_dir: str = "locales"
    site_name: str = ""
    exclude_docs: tuple[str, ...] = ()    # gitignore-style patterns (mkdocs exclude_docs)
    languages_line: int | None = None     # line of the i18n `languages:` key, for messages
    docs_structure: str = "suffix"        # mkdocs-static-i18n: x.en.md or en/x.md
    config_name: str = "mkdocs.yml"
    raw: dict = field(default_factory=dict, repr=False, compare=False)
    node: yaml.Node | None = field(default=None, repr=False, compare=False)

    def shown(self, path: Path) -> str:
        """*path* as shown in messages and locations: relative to the root, with ``/``."""
        return _located_under(Path(path), self.root)[1]

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    @property
    def locales_path(self) -> Path:
        return self.root / self.locales_dir

    def template_path(self, domain: str) -> Path:
        return self.locales_path / "templates" / f"{domain}.pot"

    def catalog_path(self, language: str, domain: str) -> Path:
        return self.locales_path / language / "LC_MESSAGES" / f"{domain}.po"

    def pages(self) -> list[str]:
        """Source pages, docs-relative with ``/``, sorted.

        Excluded like MkDocs excludes them (dot files, ``/templates/``, ``exclude_docs``),
        plus ``_data/`` and pages that are already another language's version
        (``x.en.md`` or ``en/x.md``).
        """
        if not self.docs_path.is_dir():
            raise CatalogError(f"{self.config_name}: docs_dir {self.docs_dir!r} is not a folder; "
                               "create it or fix docs_dir")
        matcher = _ignore_matcher((*_DEFAULT_EXCLUDES, *self.exclude_docs))
        pages = []
        for path in self.docs_path.rglob("*.md"):
            relative = path.relative_to(self.docs_path).as_posix()
            if matcher(relative) or self._is_translation(relative):
                continue
            pages.append(relative)
        return sorted(pages)

    def _is_translation(self, relative: str) -> bool:
        """A page written by hand in a target language (mkdocs-static-i18n layouts)."""
        path = PurePosixPath(relative)
        if self.docs_structure == "folder":
            return len(path.parts) > 1 and path.parts[0] in self.languages
        names = path.name.split(".")
        return len(names) > 2 and names[-2] in self.languages

    def domains(self) -> list[str]:
        """Every catalog domain of the site: ``_site`` then one per page."""
        return [SITE_DOMAIN, *(page_domain(page) for page in self.pages())]


def _ignore_matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """A gitignore-style matcher, as MkDocs applies ``exclude_docs`` (with pathspec)."""
    lines = [p for p in patterns if p.strip() and not p.lstrip().startswith("#")]
    try:
        import pathspec
    except ImportError:  # pragma: no cover - pathspec comes with MkDocs
        return lambda relative: _simple_ignore_match(lines, relative)
    return pathspec.GitIgnoreSpec.from_lines(lines).match_file


def _simple_ignore_match(lines: list[str], relative: str) -> bool:
    """Enough of gitignore for exclude_docs without pathspec: globs, ``/`` anchors, ``!``."""
    parts = relative.split("/")
    ignored = False
    for raw in lines:
        negate = raw.startswith("!")
        pattern = raw[1:] if negate else raw
        anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
        pattern = pattern.strip("/")
        # the path itself and each of its parent folders, from every depth unless anchored
        starts = [0] if anchored else range(len(parts))
        paths = ["/".join(parts[i:j]) for i in starts for j in range(i + 1, len(parts) + 1)]
        if any(fnmatch(path, pattern) for path in paths):
            ignored = not negate
    return ignored


def load_site_config(root: str | Path = ".") -> SiteConfig:
    """Read the languages, pages and exclusions of the site whose ``mkdocs.yml`` is in *root*."""
    root = Path(root)
    data, node = read_mkdocs_yaml(root / "mkdocs.yml")
    source, targets = "vi", []
    locales_dir, docs_structure = "locales", "suffix"
    plugins = data.get("plugins") or []
    plugin_items = plugins.items() if isinstance(plugins, dict) else (
        (next(iter(p.items())) if isinstance(p, dict) and p else (p, {})) for p in plugins)
    for name, options in plugin_items:
        options = options if isinstance(options, dict) else {}
        if name == "mdbabel" and isinstance(options.get("locales_dir"), str):
            locales_dir = options["locales_dir"]
        if name != "i18n":
            continue
        docs_structure = str(options.get("docs_structure") or "suffix")
        entries = options.get("languages") or []
        if not isinstance(entries, list):
            raise CatalogError("mkdocs.yml: plugins: i18n: languages must be a list of "
                               "`- locale: xx` entries; fix the list")
        locales = []
        for entry in entries:
            locale = entry.get("locale") if isinstance(entry, dict) else None
            if not isinstance(locale, str) or not locale:
                raise CatalogError(f"mkdocs.yml: plugins: i18n: languages: entry {entry!r} has "
                                   "no `locale:`; add one such as `locale: en`")
            locales.append(locale)
            if entry.get("default"):
                source = locale
        if locales and not any(isinstance(e, dict) and e.get("default") for e in entries):
            source = locales[0]
        targets = [loc for loc in locales if loc != source]
    languages_line = _languages_line(node)
    for language in (source, *targets):
        try:
            Locale.parse(language.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            raise CatalogError(f"mkdocs.yml:{languages_line or 1}: unknown language {language!r} "
                               "in plugins: i18n: languages; use a code Babel knows, such as en "
                               "or fr") from None
    exclude = data.get("exclude_docs") or ""
    exclude_lines = tuple(exclude.splitlines()) if isinstance(exclude, str) else tuple(exclude)
    return SiteConfig(
        root=root,
        source_language=source,
        languages=tuple(targets),
        docs_dir=str(data.get("docs_dir") or "docs").strip("/"),
        locales_dir=locales_dir,
        site_name=str(data.get("site_name") or ""),
        exclude_docs=exclude_lines,
        languages_line=languages_line,
        docs_structure=docs_structure,
        raw=data,
        node=node,
    )


def _languages_line(node: yaml.Node | None) -> int | None:
    plugins = _mapping_get(node, "plugins")
    if plugins is None:
        return None
    items = plugins[1].value if isinstance(plugins[1], yaml.SequenceNode) else [plugins[1]]
    for item in items:
        i18n = _mapping_get(item, "i18n")
        if i18n is not None:
            languages = _mapping_get(i18n[1], "languages")
            return _line(languages[0]) if languages else _line(i18n[0])
    return None


def page_domain(page: str) -> str:
    """Catalog domain of a docs-relative page: ``guides/x.md`` -> ``guides/x``."""
    return page[:-3] if page.endswith(".md") else page


# --------------------------------------------------------------------------- extraction


def _new_template(config: SiteConfig) -> Catalog:
    catalog = Catalog(project=config.site_name or config.root.resolve().name, fuzzy=True,
                      charset="utf-8")
    return catalog


def extract_page(config: SiteConfig, page: str) -> Catalog:
    """The template catalog of one page: one message per translatable unit."""
    path = config.docs_path / page
    shown = config.shown(path)
    source = read_text_file(path, shown)
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
        found = _mapping_get(config.node, key)
        if found and isinstance(found[1], yaml.ScalarNode) and found[1].value.strip():
            catalog.add(found[1].value, None, [(shown, _line(found[1]))], auto_comments=[comment])
    nav = _mapping_get(config.node, "nav")
    if nav is not None:
        for label, line in _nav_labels(nav[1]):
            catalog.add(label, None, [(shown, line)], auto_comments=["navigation label"])
    for message, location, comments, context in _template_strings(config):
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    for message, location, comments, context in _interface_strings(config):
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    from .figures.strings import figure_labels  # the figures' labels (docs/_data/*.yml)
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
                yield key_node.value, _line(key_node)
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
    for domain, page in _page_domains(config):
        templates[domain] = extract_page(config, page)
    return templates


# --------------------------------------------------------------------------- messages


def _key(message: Message) -> Key:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return message.context, msgid


def _messages(catalog: Catalog) -> list[Message]:
    """Messages of *catalog* without the header entry."""
    # Iterating a Catalog first builds its header entry (dates and all); skip that.
    stored = getattr(catalog, "_messages", None)
    return [m for m in (catalog if stored is None else stored.values()) if m.id]


def _is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings) and not message.fuzzy


def _has_translation(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return any(strings)


def merge_catalog(old: Catalog | None, template: Catalog, locale: str) -> Catalog:
    """The catalog of *locale* for *template*, keeping every translation *old* had.

    - same (msgctxt, msgid): translation, translator comments and fuzzy state carried over;
    - new message close to a message that disappears (same msgctxt, similar text): the old
      translation is carried over marked fuzzy, with the old msgid as previous msgid (``#|``),
      so a translator sees exactly what changed; fuzzy entries are never used as translations;
    - disappeared translated messages stay as obsolete entries (``#~``), and come back as they
      were if the text comes back.

    Unlike ``Catalog.update``, only messages that are gone are candidates for fuzzy matching
    (an existing "Select all" never becomes the fuzzy translation of a new "Deselect all"), the
    msgctxt must be the same, and short texts need a closer match.
    """
    merged = Catalog(locale=locale.replace("-", "_"), fuzzy=False, charset="utf-8")
    old_active = {_key(m): m for m in _messages(old)} if old else {}
    old_obsolete = {_key(m): m for m in old.obsolete.values()} if old else {}
    wanted = {_key(m) for m in _messages(template)}

    candidates: dict[str | None, dict[str, Message]] = {}
    for pool in (old_obsolete, old_active):  # active last: it wins on equal text
        for key, message in pool.items():
            if key not in wanted and _has_translation(message):
                candidates.setdefault(key[0], {})[key[1]] = message
    used_as_fuzzy: set[Key] = set()   # (and carried over a change of link targets)
    revived: set[Key] = set()
    relink_index: dict[str | None, dict[str, list[Message]]] = {}
    num_plurals = merged.num_plurals  # a property that looks the locale up each time

    for new in _messages(template):
        key = _key(new)
        carried = old_active.get(key)
        if carried is None and key in old_obsolete:
            carried = old_obsolete[key]
            revived.add(key)
        message = _fresh_copy(new)
        if carried is not None:
            message.string = _fit_plural(carried.string, new.id, num_plurals)
            message.user_comments = list(carried.user_comments)
            # flags a translator or a tool added (Weblate's md-text, no-wrap...) stay
            message.flags |= carried.flags - FORMAT_FLAGS - {"fuzzy"}
            if carried.fuzzy:
                message.flags.add("fuzzy")
                message.previous_id = list(carried.previous_id)
        elif (relinked := _relinked(new, candidates.get(key[0], {}), relink_index)) is not None:
            # only link destinations changed (a page moved, a heading id changed): the
            # translation stays, with the new destinations, and is not fuzzy
            match, message.string = relinked
            used_as_fuzzy.add(_key(match))
            message.user_comments = list(match.user_comments)
            message.flags |= match.flags - FORMAT_FLAGS - {"fuzzy"}
        else:
            match = _fuzzy_match(key[1], candidates.get(key[0], {}))
            if match is None:
                # Same text, msgctxt added or changed by the author: offer it, as fuzzy.
                match = next((pool[key[1]] for context, pool in sorted(
                    candidates.items(), key=lambda item: item[0] or "")
                    if context != key[0] and key[1] in pool), None)
            if match is not None:
                used_as_fuzzy.add(_key(match))
                message.string = _fit_plural(match.string, new.id, num_plurals)
                message.user_comments = list(match.user_comments)
                message.flags.add("fuzzy")
                # The translation was written for the match's previous text if it was fuzzy.
                message.previous_id = list(match.previous_id) if match.fuzzy and match.previous_id \
                    else [match.id if isinstance(match.id, str) else match.id[0]]
        merged[new.id] = message

    for pool in (old_obsolete, old_active):
        for key, message in pool.items():
            if key in wanted or key in revived or key in used_as_fuzzy:
                continue
            if not _has_translation(message):
                continue  # an untranslated entry carries nothing worth keeping
            obsolete = message.clone()
            obsolete.locations = []
            obsolete.auto_comments = []
            merged.obsolete[key] = obsolete
    return merged


def _relinked(new: Message, candidates: dict[str, Message],
              index: dict[str | None, dict[str, list[Message]]]) -> tuple[Message, str] | None:
    """(old message, its translation with the new link destinations) when *new* differs
    from a translated, not fuzzy candidate in link destinations only
    (:func:`mdbabel.link_targets.carry_translation`)."""
    if not candidates or not isinstance(new.id, str) or ("](" not in new.id and "=" not in new.id):
        return None
    if new.context not in index:  # built once per msgctxt, on the first message that asks
        by_skeleton: dict[str, list[Message]] = {}
        for msgid, message in candidates.items():
            if isinstance(message.string, str) and message.string and not message.fuzzy:
                by_skeleton.setdefault(link_targets.skeleton(msgid)[0], []).append(message)
        index[new.context] = by_skeleton
    for old in index[new.context].get(link_targets.skeleton(new.id)[0], ()):
        carried = link_targets.carry_translation(old.id, new.id, old.string)
        if carried is not None:
            return old, carried
    return None


def _fresh_copy(template: Message) -> Message:
    """``Message(t.id, locations=t.locations, auto_comments=t.auto_comments,
    context=t.context)`` for a message *t* of a template, without running ``Message()`` again:
    *t* went through it (its locations, comments and format flags are what it computes)."""
    message = Message.__new__(Message)
    message.__dict__.update(
        id=template.id, string=("", "") if template.pluralizable else "",
        locations=list(template.locations), flags=template.flags & FORMAT_FLAGS,
        auto_comments=list(template.auto_comments), user_comments=[], previous_id=[],
        lineno=None, context=template.context)
    return message


def _fit_plural(string, msgid, num_plurals: int):
    if isinstance(msgid, (list, tuple)):
        strings = list(string) if isinstance(string, (list, tuple)) else [string or ""]
        return tuple((strings + [""] * num_plurals)[:num_plurals])
    if isinstance(string, (list, tuple)):
        return string[0] if string else ""
    return string or ""


def _fuzzy_match(msgid: str, candidates: dict[str, Message]) -> Message | None:
    if not candidates:
        return None
    normalized = {_fuzzy_text(text): text for text in candidates}
    wanted = _fuzzy_text(msgid)
    cutoff = FUZZY_SHORT_CUTOFF if len(wanted) < FUZZY_SHORT_LENGTH else FUZZY_CUTOFF
    matches = get_close_matches(wanted, sorted(normalized), n=1, cutoff=cutoff)
    return candidates[normalized[matches[0]]] if matches else None


def _fuzzy_text(text: str) -> str:
    return " ".join(text.lower().split())


# --------------------------------------------------------------------------- reading


@dataclass
class PoFile:
    """A catalog read from disk, with what Babel's model does not keep."""

    catalog: Catalog
    shown: str                                   # path shown in messages
    headers: list[tuple[str, str]]               # header fields in file order
    header_comments: list[str]                   # "# ..." lines above the header, without "# "
    header_fuzzy: bool
    msgstr_lines: dict[Key, int]                 # 1-based line of each active msgstr

    def header(self, name: str) -> str | None:
        return _header_value(self.headers, name)


def _header_value(headers: list[tuple[str, str]], name: str) -> str | None:
    """The first header field called *name* (any case), as :meth:`PoFile.header` reads it."""
    for key, value in headers:
        if key.lower() == name.lower():
            return value
    return None


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
# Babel's read_po/write_po turn "#| msgid ..." into the translator comment "# | msgid ...";
# read those back as the previous msgid they were.
_MANGLED_PREVIOUS = re.compile(r'# \| (?:msgctxt |msgid |msgid_plural )?"')


class _CheckingParser(PoFileParser):
    """Babel's PO parser, plus what GNU gettext enforces and Babel lets through:
    malformed strings, duplicate entries, a missing header; and it keeps ``#|`` previous msgids
    and the line of each msgstr."""

    def __init__(self, catalog: Catalog, shown: str) -> None:
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=True)
        self.shown = shown
        self.previous_lines: list[str] = []
        self.msgstr_line: int | None = None
        self.msgstr_lines: dict[Key, int] = {}
        self.entry_lines: dict[tuple[bool, Key], int] = {}
        self.header: tuple[str, list[str], bool, int] | None = None

    def fail(self, line: int, what: str) -> None:
        raise CatalogError(f"{self.shown}:{line}: {what}")

    def _process_comment(self, line) -> None:
        if line.startswith("#|") or _MANGLED_PREVIOUS.match(line):
            self._finish_current_message()
            self.previous_lines.append(line[2:].strip() if line.startswith("#|") else
                                       line[3:].strip())
            return
        super()._process_comment(line)

    def _process_message_line(self, lineno, line, obsolete=False) -> None:
        if not line or (obsolete and line.startswith("|")):
            return  # "#~|": previous msgid of an obsolete entry, history of history
        if line and line[0] != '"' and line.split(None, 1)[0] not in (
                "msgid", "msgstr", "msgctxt", "msgid_plural") and not line.startswith("msgstr["):
            self.fail(lineno + 1, f"unknown keyword in {line[:40]!r}; entries are made of "
                                  "msgctxt, msgid and msgstr lines")
        quoted = line if line.startswith('"') else line.partition(" ")[2].strip()
        if not _QUOTED.fullmatch(quoted):
            self.fail(lineno + 1, f"malformed string {quoted[:40]!r}; write text in double quotes "
                                  'and escape quotes inside as \\"')
        super()._process_message_line(lineno, line, obsolete)

    def _process_keyword_line(self, lineno, line, obsolete=False) -> None:
        keyword = line.partition(" ")[0]
        if keyword in ("msgid", "msgctxt") and self.messages and not self.translations:
            self.fail(self.offset + 1, "entry without msgstr; add `msgstr \"\"` after the msgid")
        super()._process_keyword_line(lineno, line, obsolete)
        if keyword.startswith("msgstr") and self.msgstr_line is None:
            self.msgstr_line = lineno + 1

    def _add_message(self) -> None:
        msgid = self.messages[0].denormalize()
        context = self.context.denormalize() if self.context else None
        line = self.offset + 1
        previous = _parse_previous(self.previous_lines)
        msgstr_line = self.msgstr_line or line
        self.previous_lines = []
        self.msgstr_line = None
        if msgid == "" and context is None and not self.obsolete:
            if self.header is not None:
                self.fail(line, f'second header entry (msgid ""); the first is at line '
                                f"{self.header[3]}; remove one of the two entries")
            if self.counter:
                self.fail(line, 'the header entry (msgid "") must be the first entry; move it up')
            self.header = (self.translations[0][1].denormalize(), list(self.user_comments),
                           "fuzzy" in self.flags, msgstr_line)
            self.counter += 1
            self._reset_message_state()
            return
        if msgid == "":
            self.fail(line, 'empty msgid; the empty msgid is reserved for the header entry')
        entry = (self.obsolete, (context, msgid))
        if entry in self.entry_lines:
            kind = "obsolete message" if self.obsolete else "message"
            self.fail(line, f"duplicate {kind} {_short(msgid)} (first at line "
                            f"{self.entry_lines[entry]}); remove one of the two entries")
        self.entry_lines[entry] = line
        obsolete = self.obsolete
        super()._add_message()
        if not obsolete:
            message = self.catalog.get(msgid, context)
            if message is not None and previous:
                message.previous_id = previous
            self.msgstr_lines[(context, msgid)] = msgstr_line


def _parse_previous(lines: list[str]) -> list[str]:
    """``#| msgid "a" / #| "b"`` lines -> ``["ab"]`` (plus the plural, if any)."""
    found: dict[str, str] = {}
    keyword = None
    for line in lines:
        if line and line[0] != '"':
            keyword, _, line = line.partition(" ")
            line = line.strip()
        if keyword and _QUOTED.fullmatch(line or '""'):
            found[keyword] = found.get(keyword, "") + unescape(line or '""')
    return [found[k] for k in ("msgid", "msgid_plural") if k in found]


def _short(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "\\n")
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


def _parse_header(text: str, shown: str, line: int) -> list[tuple[str, str]]:
    headers = []
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        name, colon, value = raw.partition(":")
        if not colon or not name.strip() or " " in name.strip():
            raise CatalogError(f'{shown}:{line}: header line {raw!r} is not "Name: value"; '
                               'fix it, e.g. "Language: en\\n"')
        headers.append((name.strip(), value.strip()))
    return headers


def _language_of(path: Path) -> str | None:
    """The language folder of a catalog in the ``<lang>/LC_MESSAGES/`` layout."""
    parts = path.parts
    for index in range(len(parts) - 1, 0, -1):
        if parts[index] == "LC_MESSAGES":
            return parts[index - 1]
    return None


def _same_language(a: str, b: str) -> bool:
    return a.replace("-", "_").lower() == b.replace("-", "_").lower()


def read_po_file(path: str | Path, *, shown: str | None = None, template: bool = False,
                 language: str | None = None, data: bytes | None = None) -> PoFile:
    """Read and validate a ``.po`` (or, with *template*, ``.pot``) file.

    Checks what would make the catalog unusable or ambiguous: PO syntax, a missing or
    malformed header, a charset other than UTF-8, duplicate entries, and a ``Language``
    header that is unknown to Babel or differs from *language* (default: the
    ``<lang>/LC_MESSAGES`` folder the file is in). Raises :class:`CatalogError` naming the
    file and line.
    """
    path = Path(path)
    shown = shown or path.as_posix()
    if data is None:  # (else the file's bytes, read by the caller)
        data = path.read_bytes()
    try:
        text = decode_normal(data)  # CRLF, CR, NFD, BOM: read as LF, NFC (mdbabel.textnorm)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogError(f"{shown}:{line}: not UTF-8 text; save the file as UTF-8 "
                           "(e.g. `msgconv -t UTF-8`)") from None
    catalog, header, msgstr_lines = _parse_regular(text) or _parse_with_babel(text, shown)
    header_text, header_comments, header_fuzzy, header_line = header
    headers = _parse_header(header_text, shown, header_line)
    po = PoFile(catalog, shown, headers, header_comments, header_fuzzy, msgstr_lines)
    content_type = po.header("Content-Type") or ""
    if not _says_utf8(content_type):
        raise CatalogError(f"{shown}:{header_line}: header Content-Type must say charset=UTF-8 "
                           f"(found {content_type!r}); set \"Content-Type: text/plain; "
                           "charset=UTF-8\\n\" and save the file as UTF-8")
    if not template:
        _check_language(po, path, header_line, language)
    return po


#: What a parser makes of a PO file: the catalog, its header entry (msgstr, translator
#: comments, fuzzy, line of its msgstr) and the line of each active msgstr.
Parsed = tuple[Catalog, tuple[str, list[str], bool, int], dict[Key, int]]


def _parse_with_babel(text: str, shown: str) -> Parsed:
    """Babel's parser, checking what GNU gettext checks (:class:`_CheckingParser`)."""
    catalog = Catalog(locale=None, fuzzy=False, charset="utf-8")
    parser = _CheckingParser(catalog, shown)
    try:
        parser.parse(text.split("\n"))  # not splitlines(): U+2028 may be inside a string
    except PoFileError as error:
        what = str(error).rsplit(" on ", 1)[0]
        raise CatalogError(f"{shown}:{error.lineno + 1}: {what}; fix the PO syntax "
                           "(`msgfmt --check` shows the same problem)") from None
    if parser.header is None:
        raise CatalogError(f'{shown}:1: missing header entry (msgid ""); add it first, with at '
                           'least "Language: xx\\n" and "Content-Type: text/plain; '
                           'charset=UTF-8\\n"')
    _normal_strings(catalog)
    return catalog, parser.header, parser.msgstr_lines


def _says_utf8(content_type: str) -> bool:
    """Whether a Content-Type header value declares the UTF-8 charset."""
    charset = re.search(r"charset=([\w.-]+)", content_type)
    return bool(charset) and charset.group(1).lower() in ("utf-8", "utf8")


def _check_language(po: PoFile, path: Path, line: int, expected: str | None) -> None:
    value = po.header("Language")
    problem = _language_problem(po.shown, line, value, expected or _language_of(path))
    if problem:
        raise CatalogError(problem)
    if value:
        po.catalog.locale = value.replace("-", "_")


def _language_problem(shown: str, line: int, value: str | None,
                      expected: str | None) -> str | None:
    """What is wrong with the Language header *value* of a catalog meant for *expected*
    (``None``: any language), as a complete message; ``None`` if nothing is."""
    if not value:
        if expected is None:
            return None
        return (f'{shown}:{line}: header has no Language; add "Language: '
                f'{expected}\\n" to the header entry')
    if not _known_language(value):
        return (f'{shown}:{line}: unknown language "{value}" in the Language '
                "header; use a language code Babel knows, such as en or fr")
    if expected is not None and not _same_language(value, expected):
        return (f'{shown}:{line}: Language header "{value}" does not match the '
                f'folder "{expected}"; set "Language: {expected}\\n" or move the file')
    return None


@functools.lru_cache(maxsize=None)
def _known_language(value: str) -> bool:
    """Whether Babel knows the language code *value* (``pt-BR`` or ``pt_BR``); cached,
    since all the catalogs of a site name a few languages and parsing a code is slow."""
    try:
        Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


# --------------------------------------------------------------------------- writing


# Break after spaces only, and never inside a {{ figure }} placeholder.
_CHUNK = re.compile(r"(?:\{\{[^}\n]*\}\}|\S)+\s*|\s+")
_ESCAPED = re.compile(r'[\\"\t\r\n]')  # characters escape() writes as two


@functools.lru_cache(maxsize=16384)
def _wrap(keyword: str, text: str, prefix: str = "") -> tuple[str, ...]:
    """``keyword "text"`` as PO lines of at most :data:`WIDTH` characters (GNU's layout:
    one line if it fits and has no inner newline, else ``keyword ""`` and one line per
    chunk, broken after spaces and after each ``\\n``).

    Cached: an update renders each msgid in the template and in every catalog, and each
    catalog twice when it is unchanged (see :func:`_stable_text`)."""
    if len(prefix) + len(keyword) + len(text) + 3 <= WIDTH and "\n" not in text[:-1]:
        # (escaping only lengthens: a longer text cannot fit on one line)
        single = f"{prefix}{keyword} {escape(text)}"
        if len(single) <= WIDTH:
            return (single,)
    lines = [f'{prefix}{keyword} ""']
    room = WIDTH - len(prefix) - 2
    for piece in re.findall(r"[^\n]*\n|[^\n]+", text):
        newline = piece[-1] == "\n"
        if not _ESCAPED.search(piece, 0, len(piece) - newline):
            # Nothing to escape but a final newline: a chunk's width is its length (plus 1
            # for that "\n"), so each line is the longest run of chunks that fits, found
            # by bisecting the chunks' end offsets (at least one chunk per line).
            ends = list(itertools.accumulate(map(len, _CHUNK.findall(piece))))
            widths = ends if not newline else [*ends[:-1], ends[-1] + 1]
            start = taken = 0
            while taken < len(ends):
                until = max(bisect.bisect_right(widths, start + room, taken), taken + 1)
                lines.append(prefix + escape(piece[start:ends[until - 1]]))
                start, taken = ends[until - 1], until
            continue
        # escaping works character by character: the escaped width of a line is the sum
        # of its chunks' escaped widths (escape() adds 2 quotes)
        current, width = "", 0
        plain = not _ESCAPED.search(piece)
        for chunk in _CHUNK.findall(piece) or [piece]:
            chunk_width = len(chunk) if plain else len(escape(chunk)) - 2
            if current and width + chunk_width > room:
                lines.append(prefix + escape(current))
                current, width = chunk, chunk_width
            else:
                current, width = current + chunk, width + chunk_width
        if current:
            lines.append(prefix + escape(current))
    return tuple(lines)


def _message_lines(message: Message, num_plurals: int, prefix: str = "") -> list[str]:
    lines = []
    if message.context is not None:
        lines += _wrap("msgctxt", message.context, prefix)
    if isinstance(message.id, (list, tuple)):
        lines += _wrap("msgid", message.id[0], prefix)
        lines += _wrap("msgid_plural", message.id[1], prefix)
        strings = list(message.string) if isinstance(message.string, (list, tuple)) else []
        for index in range(num_plurals):
            lines += _wrap(f"msgstr[{index}]", strings[index] if index < len(strings) else "",
                           prefix)
    else:
        lines += _wrap("msgid", message.id, prefix)
        lines += _wrap("msgstr", message.string or "", prefix)
    return lines


def _location_sort_key(location: tuple[str, int | None]) -> tuple[str, int]:
    return location[0], location[1] or 0


def _message_sort_key(item: tuple[int, Message]) -> tuple:
    """Messages by their first location: file, then line when known (a template extracted
    now), then the order they came in (a catalog read from disk, whose references carry no
    line: the order it was written in)."""
    index, message = item
    first = min(map(_location_sort_key, message.locations)) if message.locations else ("", 0)
    return first, index


def _comment_lines(marker: str, texts: Iterable[str]) -> list[str]:
    lines = []
    for text in texts:
        # a comment never holds a line end of its own: "\r" would start a line when read
        for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            lines.append(f"{marker} {part}".rstrip())
    return lines


def _locations_lines(locations: Iterable[tuple[str, int | None]]) -> list[str]:
    """``#:`` references: the files only, without line numbers, so that an edit that moves
    the lines of a page changes no entry of its catalogs but the edited one (``mdbabel where``
    finds the line of a message)."""
    lines, current = [], "#:"
    for filename in sorted({filename for filename, _ in locations}):
        if " " in filename or "\t" in filename:
            filename = f"\u2068{filename}\u2069"
        item = filename
        if current != "#:" and len(current) + 1 + len(item) > WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + item
    if current != "#:":
        lines.append(current)
    return lines


def render_catalog(catalog: Catalog, headers: list[tuple[str, str]], *,
                   header_comments: Iterable[str] = (), header_fuzzy: bool = False) -> str:
    """The PO text of *catalog*: fixed width, messages by first location, obsolete last."""
    out = _comment_lines("#", header_comments)
    if header_fuzzy:
        out.append("#, fuzzy")
    out += _wrap("msgid", "")
    out += _wrap("msgstr", "".join(f"{name}: {value}\n" for name, value in headers))
    num_plurals = catalog.num_plurals
    for _, message in sorted(enumerate(_messages(catalog)), key=_message_sort_key):
        out.append("")
        out += _comment_lines("#", message.user_comments)
        out += _comment_lines("#.", message.auto_comments)
        out += _locations_lines(message.locations)
        flags = sorted(message.flags - FORMAT_FLAGS)
        if flags:
            out.append("#, " + ", ".join(flags))
        if message.fuzzy and message.previous_id:
            out += _wrap("msgid", message.previous_id[0], "#| ")
            if len(message.previous_id) > 1:
                out += _wrap("msgid_plural", message.previous_id[1], "#| ")
        out += _message_lines(message, num_plurals)
    obsolete = sorted(catalog.obsolete.values(), key=lambda m: (m.context or "", _key(m)[1]))
    for message in obsolete:
        out.append("")
        out += _comment_lines("#", message.user_comments)
        flags = sorted(message.flags - FORMAT_FLAGS)
        if flags:
            out.append("#, " + ", ".join(flags))
        out += _message_lines(message, num_plurals, "#~ ")
    return "\n".join(out) + "\n"


def atomic_write(path: str | Path, text: str) -> None:
    """Write *text* to *path* so that readers see the old or the new file, never half of one:
    a temporary file in the same folder, flushed, then ``os.replace``."""
    atomic_write_bytes(path, text.encode("utf-8"))


# --------------------------------------------------------------------------- headers and dates


def _format_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def _fixed_date() -> str | None:
    """The date SOURCE_DATE_EPOCH asks for (reproducible builds), if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return _format_date(dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc))
    except ValueError:
        raise CatalogError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; "
                           "unset it or give an integer") from None


def _now() -> str:
    return _format_date(dt.datetime.now(dt.timezone.utc))


def _stable_text(render: Callable[[str], str], existing_text: str | None,
                 existing_date: str | None,
                 existing_rendered: Callable[[str], str] | None = None) -> str:
    """Render with a date that changes only when the content does (or SOURCE_DATE_EPOCH).

    *existing_rendered* renders the existing file's own messages in our layout: if they are
    what we are about to write, the file only differs in wrapping or header order (saved by
    Poedit or Weblate), and its date stays.
    """
    if existing_text is not None and existing_date:
        unchanged = render(existing_date)
        if unchanged == existing_text or (
                existing_rendered is not None and unchanged == existing_rendered(existing_date)):
            return unchanged
    # The content changed: date it now, or at SOURCE_DATE_EPOCH for reproducible output.
    return render(_fixed_date() or _now())


_HEADER_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
                 "PO-Revision-Date", "Last-Translator", "Language-Team", "Language",
                 "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")


def _ordered_headers(values: dict[str, str], extra: list[tuple[str, str]]) -> list[tuple[str, str]]:
    known = {name.lower() for name in _HEADER_ORDER}
    ordered = [(name, values[name]) for name in _HEADER_ORDER if name in values]
    seen = {name.lower() for name, _ in ordered}
    for name, value in extra:
        if name.lower() not in known and name.lower() not in seen and name != "Generated-By":
            ordered.append((name, value))
            seen.add(name.lower())
    return ordered


def _template_headers(project: str, date: str) -> list[tuple[str, str]]:
    return _ordered_headers({
        "Project-Id-Version": project,
        "POT-Creation-Date": date,
        "PO-Revision-Date": TEMPLATE_DATE_PLACEHOLDER,
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }, [])


def _catalog_headers(existing: PoFile | None, project: str, language: str, pot_date: str,
                     revision_date: str) -> list[tuple[str, str]]:
    old = {name: value for name, value in existing.headers} if existing else {}
    locale = Locale.parse(language.replace("-", "_"))
    plural = Catalog(locale=locale).plural_forms
    return _ordered_headers({
        "Project-Id-Version": project,
        "POT-Creation-Date": pot_date,
        "PO-Revision-Date": revision_date,
        "Last-Translator": old.get("Last-Translator", ""),
        "Language-Team": old.get("Language-Team", locale.english_name or language),
        "Language": language.replace("-", "_"),  # gettext spelling: pt_BR
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural,  # from Babel (CLDR), whatever an editor wrote
    }, existing.headers if existing else [])


# --------------------------------------------------------------------------- update


@dataclass
class PlannedWrite:
    """One file an update would write (``text``) or delete (``text is None``)."""

    path: Path
    shown: str
    text: str | None
    changed: bool
    created: bool = False
    domain: str = ""
    language: str | None = None                                     # None for a template
    existing: PoFile | None = field(default=None, repr=False)       # the catalog as read


@dataclass
class UpdatePlan:
    """Everything ``mdbabel update`` would do, computed in memory first."""

    writes: list[PlannedWrite] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)   # "path: why; what to do" notices
    moved: list[str] = field(default_factory=list)      # catalogs carried to a moved page

    @property
    def changes(self) -> list[PlannedWrite]:
        return [w for w in self.writes if w.changed]

    @property
    def content_changes(self) -> list[PlannedWrite]:
        """Changes other than the date headers (a SOURCE_DATE_EPOCH different from the one
        the catalogs were written with does not make them stale)."""
        return [w for w in self.changes if w.text is None or w.created
                or _without_dates(w.text) != _without_dates(_read_text(w.path) or "")]


def _existing_bytes(path: Path) -> bytes | None:
    """A file's bytes, ``None`` if it does not exist (any other error is raised: a catalog
    that cannot be read must never be taken for a missing one, and written afresh)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _read_text(path: Path, data: bytes | None = None) -> str | None:
    """A file's text in the normal form (:mod:`mdbabel.textnorm`), ``None`` if it does not
    exist; bytes that are not UTF-8 are replaced (an update rewrites such a template, and
    read_po_file rejects such a catalog first). A file that differs from what an update
    writes only in its form (CRLF, NFD, BOM) is not out of date; the update rewrites it
    (see :func:`_differs`), keeping its dates."""
    if data is None:
        data = _existing_bytes(path)
        if data is None:
            return None
    return normal_text(data.decode("utf-8", "replace"))


def _differs(text: str, data: bytes | None) -> bool:
    """Whether writing *text* changes the file whose bytes are *data* (None: no file)."""
    return data is None or text.encode("utf-8") != data


_DATE_HEADER = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"$', re.MULTILINE)


def _without_dates(text: str) -> str:
    return _DATE_HEADER.sub(r'"\1: "', text)


def _existing_header(text: str | None, name: str) -> str | None:
    if text is None:
        return None
    match = re.search(rf'^"{re.escape(name)}: ([^"\\]*)\\n"$', text, re.MULTILINE)
    return match.group(1) if match else None


def _header_comments_for(config: SiteConfig, domain: str, language: str | None) -> list[str]:
    source = "the site navigation and interface" if domain == SITE_DOMAIN else \
        f"{config.docs_dir}/{domain}.md"
    if language is None:
        lines = [f"Messages of {source}, extracted by mdbabel.",
                 "Generated file: run `make catalogs` instead of editing it."]
    else:
        name = Locale.parse(language.replace("-", "_")).english_name or language
        lines = [f"{name} translation of {source}.",
                 "Translators fill in msgstr; `make catalogs` keeps it when the source changes."]
    return [part for line in lines for part in textwrap.wrap(line, WIDTH - 2)]


def plan_update(config: SiteConfig, languages: Iterable[str] | None = None, *,
                malformed: list[str] | None = None, workers: int | None = None,
                keep_existing: bool = True, unchanged: dict[str, str] | None = None,
                moves: list | None = None) -> UpdatePlan:
    """Compute the templates and catalogs an update writes, without writing anything.

    Raises :class:`CatalogError` if an existing catalog is malformed: it is never
    overwritten. With a *malformed* list, the error is appended there and the catalog skipped.
    Large sites are planned in *workers* processes (default: one per available core); the
    plan is the same as from one process. Without *keep_existing*, the writes do not carry
    the catalogs as read (``PlannedWrite.existing``), which only ``mdbabel check`` needs.
    *unchanged* maps domains to the digest of their files as the last update left them
    (:func:`update_catalogs`): a domain whose files still have that digest is planned as is.
    """
    languages = list(config.languages if languages is None else languages)
    plan = UpdatePlan()
    project = config.site_name or config.root.resolve().name
    domains = [(SITE_DOMAIN, None), *_page_domains(config)]
    jobs = _planning_jobs(len(domains), workers)
    if jobs > 1:
        import concurrent.futures
        import multiprocessing

        # Each domain is planned on its own (page, template, catalogs). Contiguous runs keep
        # the order of the writes, of the malformed catalogs and of the first error raised;
        # several runs per process even out pages of different lengths.
        size = -(-len(domains) // (jobs * RUNS_PER_PROCESS))
        runs = [domains[i:i + size] for i in range(0, len(domains), size)]
        with concurrent.futures.ProcessPoolExecutor(
                jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(pool.map(_plan_run, [(config, run, languages, project,
                                               malformed is not None, keep_existing, unchanged)
                                              for run in runs]))
        for writes, errors in parts:
            plan.writes.extend(writes)
            if malformed is not None:
                malformed.extend(errors)
    else:
        for domain, page in domains:
            plan.writes.extend(_plan_domain(config, domain, page, languages, project, malformed,
                                            unchanged))
    _plan_orphans(config, {domain for domain, _ in domains}, languages, plan, moves or [])
    return plan


#: Below this many domains, starting worker processes costs more than it saves.
PARALLEL_MIN_DOMAINS = 64
#: Runs of domains per worker process (see :func:`plan_update`).
RUNS_PER_PROCESS = 6


def _planning_jobs(domains: int, workers: int | None) -> int:
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else (os.cpu_count() or 1)
    if workers <= 1 or domains < PARALLEL_MIN_DOMAINS:
        return 1
    import multiprocessing

    # workers inherit the loaded configuration by fork (not offered on Windows)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(workers, 8)


def _page_domains(config: SiteConfig) -> list[tuple[str, str]]:
    """(domain, page) of every page, in path order."""
    domains = []
    for page in config.pages():
        domain = page_domain(page)
        if domain == SITE_DOMAIN:
            raise CatalogError(f"{config.docs_dir}/{page}: this page name is reserved for the "
                               "navigation catalog; rename the page")
        domains.append((domain, page))
    return domains


def _plan_run(job) -> tuple[list[PlannedWrite], list[str]]:
    """Worker process: the writes of a run of domains, and its malformed catalogs."""
    config, domains, languages, project, collect, keep_existing, unchanged = job
    errors: list[str] = []
    writes = []
    for domain, page in domains:
        planned = _plan_domain(config, domain, page, languages, project,
                               errors if collect else None, unchanged)
        if not keep_existing:
            for write in planned:
                write.existing = None  # not kept (less for the collector), nor sent back
        writes += planned
    return writes, errors


def _plan_domain(config: SiteConfig, domain: str, page: str | None, languages: list[str],
                 project: str, malformed: list[str] | None,
                 unchanged: dict[str, str] | None = None) -> list[PlannedWrite]:
    """The template of *domain* (a page, or ``_site`` when *page* is None) and its catalog in
    every language, as an update writes them."""
    if page == f"{domain}.md" and unchanged and domain in unchanged:
        files = _domain_files(config, domain, languages)
        contents = [_existing_bytes(path) for path, _ in files]
        if None not in contents[1:] and _files_digest(contents) == unchanged[domain]:
            # byte for byte what the last update wrote for this very page: nothing to do
            return [PlannedWrite(path, config.shown(path), data.decode("utf-8"), False, False,
                                 domain, language)
                    for (path, language), data in zip(files[1:], contents[1:])]
    template = extract_site(config) if page is None else extract_page(config, page)
    pot_path = config.template_path(domain)
    old_bytes = _existing_bytes(pot_path)
    old_text = None if old_bytes is None else _read_text(pot_path, old_bytes)
    old_date = _existing_header(old_text, "POT-Creation-Date")
    comments = _header_comments_for(config, domain, None)
    pot_text = _stable_text(
        lambda date: render_catalog(template, _template_headers(project, date),
                                    header_comments=comments, header_fuzzy=True),
        old_text, old_date)
    pot_date = _existing_header(pot_text, "POT-Creation-Date") or _now()
    writes = [PlannedWrite(pot_path, config.shown(pot_path), pot_text,
                           _differs(pot_text, old_bytes), old_text is None, domain)]
    for language in languages:
        try:
            writes.append(_plan_catalog(config, domain, template, language, project, pot_date))
        except CatalogError as error:
            if malformed is None:
                raise
            malformed.append(str(error))
    return writes


def _plan_catalog(config: SiteConfig, domain: str, template: Catalog, language: str,
                  project: str, pot_date: str) -> PlannedWrite:
    path = config.catalog_path(language, domain)
    shown = config.shown(path)
    data = _existing_bytes(path)
    # read once; a catalog that is not UTF-8 is reported by read_po_file, with its line
    existing = None if data is None else read_po_file(path, shown=shown, language=language,
                                                       data=data)
    old_text = None if data is None else _read_text(path, data)
    merged = merge_catalog(existing.catalog if existing else None, template, language)
    comments = existing.header_comments if existing and existing.header_comments else \
        _header_comments_for(config, domain, language)
    if existing is None:
        text = _stable_text(lambda date: render_catalog(
            merged, _catalog_headers(None, project, language, pot_date, date),
            header_comments=comments), None, None)
        return PlannedWrite(path, shown, text, True, True, domain, language)
    old_pot_date = existing.header("POT-Creation-Date") or pot_date
    text = _stable_text(
        lambda date: render_catalog(
            merged, _catalog_headers(existing, project, language, pot_date, date),
            header_comments=comments),
        old_text, existing.header("PO-Revision-Date"),
        lambda date: render_catalog(
            existing.catalog, _catalog_headers(existing, project, language, old_pot_date, date),
            header_comments=comments))
    return PlannedWrite(path, shown, text, _differs(text, data), False, domain, language, existing)


def _plan_orphans(config: SiteConfig, domains: set[str], languages: list[str],
                  plan: UpdatePlan, moves: list) -> None:
    from .catalog_moves import orphan_problem

    moved_to = {move.old: move for move in moves}
    templates_dir = config.locales_path / "templates"
    if templates_dir.is_dir():
        for path in sorted(templates_dir.rglob("*.pot")):
            domain = path.relative_to(templates_dir).as_posix()[:-4]
            if domain not in domains:
                plan.writes.append(PlannedWrite(path, config.shown(path), None, True))
    for language in languages:
        folder = config.locales_path / language / "LC_MESSAGES"
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.po")):
            domain = path.relative_to(folder).as_posix()[:-3]
            if domain not in domains:
                plan.orphaned.append(orphan_problem(config, path, domain, moved_to.get(domain)))


def apply_plan(plan: UpdatePlan) -> list[PlannedWrite]:
    """Write (atomically) or delete what *plan* changes; return those changes."""
    for write in plan.changes:
        if write.text is None:
            write.path.unlink(missing_ok=True)
        else:
            atomic_write(write.path, write.text)
    return plan.changes


def update_catalogs(config: SiteConfig, languages: Iterable[str] | None = None, *,
                    use_cache: bool = True) -> UpdatePlan:
    """Extract every template and update every catalog (what ``make catalogs`` runs).

    A page whose source, template and catalogs are byte for byte what the last update left
    (with the same toolchain and ``mkdocs.yml``) is not extracted and merged again: its
    files are already what an update writes. The record is ``.cache/mdbabel/update.json``
    under the site root (not versioned); without it, or with *use_cache* false, every page
    is planned.
    """
    from .catalog_moves import carry_moves, detect_moves

    languages = list(config.languages if languages is None else languages)
    # a page that moved takes its catalogs along first (every language: they move together)
    moved = carry_moves(config, detect_moves(config))
    cache_path = config.root / UPDATE_CACHE
    key = _update_key(config, languages) if use_cache else ""
    recorded = _read_update_cache(cache_path, key) if use_cache else {}
    plan = plan_update(config, languages, keep_existing=False, unchanged=recorded)
    plan.moved = moved
    apply_plan(plan)
    if use_cache:
        _write_update_cache(cache_path, key, config, languages, plan)
    return plan


#: What the last ``mdbabel update`` left, per page (see :func:`update_catalogs`).
UPDATE_CACHE = ".cache/mdbabel/update.json"


def _update_key(config: SiteConfig, languages: list[str]) -> str:
    """Everything besides a page's own files that its planned catalogs depend on."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update(package_digest().encode())  # the extraction and writer: every module
    digest.update(repr((version("babel"), languages, config.site_name, config.docs_dir,
                        config.source_language)).encode())
    config_file = config.root / config.config_name
    digest.update(config_file.read_bytes() if config_file.is_file() else b"")
    return digest.hexdigest()


def _domain_files(config: SiteConfig, domain: str, languages: list[str]
                  ) -> list[tuple[Path, str | None]]:
    """A page's source, template and catalogs: (path, language; None for the other two)."""
    return [(config.docs_path / f"{domain}.md", None), (config.template_path(domain), None),
            *((config.catalog_path(language, domain), language) for language in languages)]


def _files_digest(contents: Iterable[bytes | None]) -> str:
    """Digest of a page's files, in :func:`_domain_files` order (None: no such file)."""
    digest = hashlib.sha256()
    for data in contents:
        digest.update(b"-" if data is None else hashlib.sha256(data).digest())
    return digest.hexdigest()


def _read_update_cache(path: Path, key: str) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != key:
        return {}
    domains = data.get("domains")
    return domains if isinstance(domains, dict) else {}


def _write_update_cache(path: Path, key: str, config: SiteConfig, languages: list[str],
                        plan: UpdatePlan) -> None:
    # the files as the plan leaves them: its texts, and the pages as they are on disk
    written = {write.path: None if write.text is None else write.text.encode("utf-8")
               for write in plan.writes}
    domains = dict.fromkeys(write.domain for write in plan.writes
                            if write.domain and write.domain != SITE_DOMAIN)
    record = {"key": key, "domains": {
        domain: _files_digest(written[p] if p in written else _existing_bytes(p)
                              for p, _ in _domain_files(config, domain, languages))
        for domain in domains}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(record, indent=0, sort_keys=True) + "\n")
    except OSError:
        pass  # a read-only checkout plans every page every time, nothing worse


# --------------------------------------------------------------------------- translations


# The fast reader below does in one pass what read_po_file, _translations_of and catalog_stats
# do for load_translations, for catalogs in the layout gettext tools and render_catalog write.
# Whatever else a file holds (plurals, blank lines inside an entry, CRLF line ends, "#-"
# conflicts, an odd keyword or string, a duplicate, a header problem...) makes it give up, and
# Babel's parser reads the file: it gives the results of the odd cases and words every error.

# A well-formed string on one line: what _QUOTED accepts there.
_LINE_STRING = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
# Lines between entries: comments (not "#~", not "#-" conflict markers), previous msgids
# of obsolete entries (#~|, which Babel skips) and empty lines.
_BETWEEN = r"(?:\#(?![~-])[^\n]*+\n|\#~\|[^\n]*+\n|\n)*+"
# Possessive quantifiers throughout: no line of an entry starts like the lines before it, so
# giving characters back could never lead to a match, and the engine need not try.
_REGULAR_ENTRY = re.compile(rf"""
    (?P<comments>{_BETWEEN})
    (?:
        (?:msgctxt\ (?P<msgctxt>{_LINE_STRING}(?:\n{_LINE_STRING})*+)\n)?
        msgid\ (?P<msgid>{_LINE_STRING}(?:\n{_LINE_STRING})*+)\n
        msgstr\ (?P<msgstr>{_LINE_STRING}(?:\n{_LINE_STRING})*+)\n
    |
        (?:\#~\ msgctxt\ (?P<obsolete_msgctxt>{_LINE_STRING}(?:\n\#~\ {_LINE_STRING})*+)\n)?
        \#~\ msgid\ (?P<obsolete_msgid>{_LINE_STRING}(?:\n\#~\ {_LINE_STRING})*+)\n
        \#~\ msgstr\ (?P<obsolete_msgstr>{_LINE_STRING}(?:\n\#~\ {_LINE_STRING})*+)\n
    )""", re.VERBOSE)
_REGULAR_END = re.compile(rf"{_BETWEEN}\Z")
# Babel rejects a "#:" line whose U+2068/U+2069 isolates (around file names with spaces) do
# not pair up; such lines are rare, so Babel checks them.
_ISOLATED_LOCATION = re.compile(r"^#:[^\n]*[\u2068\u2069]", re.MULTILINE)


def _msgstr_text(lines: str) -> str:
    """A msgstr's text, its line breaks in the normal form (see :func:`_normal_strings`)."""
    text = _string_text(lines)
    return text if "\r" not in text else text.replace("\r\n", "\n").replace("\r", "\n")


def _normal_strings(catalog: Catalog) -> None:
    """A translation written with ``\\r`` escapes gets ``\\n`` line breaks: Python-Markdown
    reads a carriage return as a new line, which the checks (that look for ``\\n``) and the
    source's msgid never have. (The file's own line ends are normalised before parsing.)"""
    for message in (*catalog._messages.values(), *catalog.obsolete.values()):  # noqa: SLF001
        string = message.string
        if isinstance(string, str):
            if "\r" in string:
                message.string = string.replace("\r\n", "\n").replace("\r", "\n")
        elif isinstance(string, (list, tuple)) and any("\r" in part for part in string):
            message.string = type(string)(part.replace("\r\n", "\n").replace("\r", "\n")
                                          for part in string)


def _string_text(lines: str) -> str:
    """The text of a string written on the ``"..."`` *lines* (joined by ``\\n``), unescaped
    line by line like Babel's ``denormalize``."""
    if "\\" in lines:
        return "".join(map(unescape, lines.split("\n")))
    # Without escapes no line holds a quote inside: '"\n"' only joins two lines.
    return lines[1:-1].replace('"\n"', "")


def _is_fuzzy(comments: str) -> bool:
    """Whether the comment lines of an entry flag it fuzzy (flags as Babel splits them)."""
    return any(line.startswith("#,") and "fuzzy" in [flag.strip() for flag in line[2:].split(",")]
               for line in comments.split("\n"))


def _is_reorder(comments: str) -> bool:
    """Whether the comment lines of an entry carry the flag ``mdbabel-reorder`` (its
    placeholders and figures may come in another order than the source's)."""
    return any(line.startswith("#,") and "mdbabel-reorder" in
               [flag.strip() for flag in line[2:].split(",")] for line in comments.split("\n"))


def _read_translations_fast(path: Path, shown: str, language: str | None,
                            data: bytes | None = None
                            ) -> tuple[dict[Key, Translation], int] | None:
    """What :func:`load_translations` gets from Babel's parser: the usable translations and
    the number of fuzzy messages of the catalog at *path* (or of its bytes *data*, read by
    the caller), for a catalog in the regular layout that :func:`read_po_file` accepts;
    ``None`` for anything else (irregular or wrong), which only Babel's parser then reads
    and explains."""
    if data is None:
        data = path.read_bytes()
    try:
        text = decode_normal(data)
    except UnicodeDecodeError:
        return None
    translations: dict[Key, Translation] = {}
    fuzzy = 0
    try:
        entries = _regular_entries(text)
        _, _, header_lines, _, _, header_line = next(entries)
        for comments, key, msgstr, obsolete, _, line in entries:
            if obsolete:
                continue
            if "fuzzy" in comments and _is_fuzzy(comments):
                fuzzy += 1
                continue
            string = _msgstr_text(msgstr)
            if string:
                translations[key] = Translation(string, f"{shown}:{line}",
                                                "mdbabel-reorder" in comments
                                                and _is_reorder(comments))
    except _Irregular:
        return None

    # The header checks of read_po_file, in its order.
    try:
        headers = _parse_header(_string_text(header_lines), shown, header_line)
    except CatalogError:
        return None
    if not _says_utf8(_header_value(headers, "Content-Type") or ""):
        return None
    if _language_problem(shown, header_line, _header_value(headers, "Language"),
                         language or _language_of(path)):
        return None
    return translations, fuzzy


def _entry_comments(comments: str) -> tuple[list, list[str], list[str], list[str], list[str]]:
    """Locations, flags, automatic and translator comments, and previous-msgid lines of the
    comment lines before an entry, as :class:`_CheckingParser` collects them."""
    locations: list[tuple[str, int | None]] = []
    flags: list[str] = []
    auto: list[str] = []
    user: list[str] = []
    previous: list[str] = []
    for line in comments.split("\n"):
        line = line.strip()
        if not line or line.startswith("#~"):  # "#~|": skipped (obsolete previous msgid)
            continue
        prefix = line[:2]
        if prefix == "#|" or _MANGLED_PREVIOUS.match(line):
            previous.append(line[2:].strip() if prefix == "#|" else line[3:].strip())
        elif prefix == "#:":
            for location in line[2:].split():  # no isolates here: those go to Babel
                name, colon, number = location.rpartition(":")
                if not colon:
                    locations.append((location, None))
                    continue
                try:
                    locations.append((name, int(number)))
                except ValueError:
                    continue  # Babel drops a location whose line is not a number
        elif prefix == "#,":
            flags.extend(flag.strip() for flag in line[2:].lstrip().split(","))
        elif prefix == "#.":
            comment = line[2:].strip()
            if comment:
                auto.append(comment)
        else:
            user.append(line[1:].strip())
    return locations, flags, auto, user, previous


class _Irregular(Exception):
    """Not the regular layout (or wrong): Babel's parser reads the file, and explains."""


def _regular_entries(text: str) -> Iterator[tuple[str, Key, str, bool, int, int]]:
    """(comment lines, key, msgstr as written, obsolete, msgid line, msgstr line) of each
    entry of a catalog in the regular layout, the header entry first. Raises
    :class:`_Irregular`, at the entry where it shows or at the end, for any other file: one
    without the header first, with an empty msgid, a duplicate, or lines these expressions
    do not take."""
    if ("\u2068" in text or "\u2069" in text) and _ISOLATED_LOCATION.search(text):
        raise _Irregular
    if not text.endswith("\n"):
        text += "\n"  # Babel reads the last line the same with or without its line end
    seen: set[tuple[bool, Key]] = set()
    match = _REGULAR_ENTRY.match
    position = counted = 0
    line = 1                                # the line of text[counted]
    while (entry := match(text, position)) is not None:
        position = entry.end()
        comments, context, msgid, msgstr, obsolete_context, obsolete_msgid, obsolete_msgstr \
            = entry.groups()
        obsolete = msgid is None
        if obsolete:
            context = None if obsolete_context is None else obsolete_context.replace("\n#~ ", "\n")
            msgid = obsolete_msgid.replace("\n#~ ", "\n")
            msgstr = obsolete_msgstr.replace("\n#~ ", "\n")
            start = entry.start(6) - 9          # '#~ msgid '
        else:
            start = entry.start(3) - 6          # 'msgid '
        line += text.count("\n", counted, start)
        counted = start
        key = (None if context is None else _string_text(context), _string_text(msgid))
        if not seen:
            if obsolete or key != (None, ""):
                raise _Irregular  # the header entry must come first
            seen.add((False, key))
        elif not key[1] or (obsolete, key) in seen:
            raise _Irregular  # no empty msgid, no duplicate: Babel words those errors
        else:
            seen.add((obsolete, key))
        yield comments, key, msgstr, obsolete, line, line + msgid.count("\n") + 1
    if not seen or _REGULAR_END.match(text, position) is None:
        raise _Irregular


def _parse_regular(text: str) -> Parsed | None:
    """What :func:`_parse_with_babel` makes of a catalog in the regular layout (the one the
    fast reader below reads); ``None`` for any other file, which Babel's parser then reads
    and, if wrong, explains. ``mdbabel update`` reads every catalog with it."""
    catalog = Catalog(locale=None, fuzzy=False, charset="utf-8")
    messages = catalog._messages  # noqa: SLF001 (Catalog.__setitem__ without the merging)
    obsolete_messages = catalog.obsolete
    msgstr_lines: dict[Key, int] = {}
    try:
        entries = _regular_entries(text)
        comments, _, header_msgstr, _, _, header_line = next(entries)
        _, flags, _, user, _ = _entry_comments(comments)
        header = (_string_text(header_msgstr), user, "fuzzy" in flags, header_line)
        for comments, key, msgstr, obsolete, msgid_line, msgstr_line in entries:
            locations, flags, auto, user, previous = _entry_comments(comments) if comments \
                else ([], [], [], [], [])
            message = Message(key[1], _msgstr_text(msgstr), locations, flags, auto, user,
                              lineno=msgid_line, context=key[0])
            dict_key = key[1] if key[0] is None else (key[1], key[0])
            if obsolete:
                obsolete_messages[dict_key] = message
                continue
            if previous:
                message.previous_id = _parse_previous(previous)
            messages[dict_key] = message
            msgstr_lines[key] = msgstr_line
    except _Irregular:
        return None
    return catalog, header, msgstr_lines


_TRANSLATIONS_CACHE: dict[Path, tuple[tuple[int, int, int, str], dict[Key, Translation], int, str]] = {}


def load_translations(po_path: str | Path, *, root: str | Path | None = None,
                      language: str | None = None, store=None) -> dict[Key, Translation]:
    """Usable translations of a catalog: ``{(msgctxt, msgid): Translation}``.

    Fuzzy and empty entries are left out: they are never published. Each translation's
    origin is ``<path relative to root>:<line of its msgstr>``. Results are cached by
    (path, mtime, size), so a long-running ``mkdocs serve`` sees a saved catalog at once.
    Raises :class:`CatalogError` for a malformed catalog.

    A catalog in the layout gettext tools write is read by a fast reader with the same
    results as :func:`read_po_file`; any other file (or error) is left to :func:`read_po_file`.
    With a :class:`mdbabel.build_cache.TranslationStore` as *store*, a catalog whose bytes an
    earlier build read is not parsed again (a malformed one is never stored).
    """
    path = Path(po_path)
    resolved, shown = _located(os.fspath(po_path), os.fspath(root) if root is not None
                               else os.getcwd())
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise CatalogError(f"{shown}: catalog not found; run `make catalogs` or "
                           "`mdbabel init LANG` to create it") from None
    stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino, f"{shown}|{language}")
    cached = _TRANSLATIONS_CACHE.get(resolved)
    if cached is not None and cached[0] == stamp:
        return LoadedTranslations(cached[1], cached[3])
    try:
        data = path.read_bytes()  # read once: the digest is of the bytes the readers parse
    except OSError:
        data = None  # read_po_file says what is wrong
    digest = text_digest(data)
    found = stored_key = None
    if store is not None and data is not None:
        stored_key = ("catalog", shown, language, digest)
        found = store.get(stored_key)
    if found is None:
        found = _read_translations_fast(path, shown, language, data)
        if found is None:
            po = read_po_file(path, shown=shown, language=language, data=data)
            found = _translations_of(po), catalog_stats(po.catalog).fuzzy
        if stored_key is not None:
            store.put(stored_key, found)
    translations, fuzzy = found
    _TRANSLATIONS_CACHE[resolved] = (stamp, translations, fuzzy, digest)
    return LoadedTranslations(translations, digest)


class LoadedTranslations(dict):
    """What :func:`load_translations` returns: ``{(msgctxt, msgid): Translation}``, and in
    ``digest`` the :func:`mdbabel.build_cache.text_digest` of the bytes they were read from
    (the catalog's part of the key of a page translation kept between builds)."""

    def __init__(self, translations: dict[Key, Translation], digest: str) -> None:
        super().__init__(translations)
        self.digest = digest


def fuzzy_count(po_path: str | Path, *, root: str | Path | None = None,
                language: str | None = None) -> int:
    """Number of fuzzy messages of a catalog, read (and cached) with :func:`load_translations`:
    a build that needs both parses the file once."""
    load_translations(po_path, root=root, language=language)
    resolved, _ = _located(os.fspath(po_path), os.fspath(root) if root is not None
                           else os.getcwd())
    return _TRANSLATIONS_CACHE[resolved][2]


@functools.lru_cache(maxsize=65536)
def _located(po_path: str, root: str) -> tuple[Path, str]:
    """(resolved path, path shown in messages) of a catalog: a build asks for each catalog
    several times, and resolving a path costs a system call per component."""
    return _located_under(Path(po_path), Path(root))


def _translations_of(po: PoFile) -> dict[Key, Translation]:
    translations: dict[Key, Translation] = {}
    for message in _messages(po.catalog):
        if isinstance(message.id, (list, tuple)) or not _is_translated(message):
            continue
        key = _key(message)
        translations[key] = Translation(message.string,
                                        f"{po.shown}:{po.msgstr_lines.get(key, message.lineno)}",
                                        "mdbabel-reorder" in message.flags)
    return translations


def make_lookup(translations: dict[Key, Translation]) -> Lookup:
    """A :data:`mdbabel.translate.Lookup` over the result of :func:`load_translations`."""

    def lookup(msgid: str, msgctxt: str | None = None) -> Translation | None:
        return translations.get((msgctxt, msgid))

    return lookup


# --------------------------------------------------------------------------- statistics


@dataclass(frozen=True)
class CatalogStats:
    """How much of a catalog is usable: fuzzy entries count as not translated."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    @property
    def translated_share(self) -> float:
        return 1.0 if self.total == 0 else self.translated / self.total

    def __add__(self, other: CatalogStats) -> CatalogStats:
        return CatalogStats(self.total + other.total, self.translated + other.translated,
                            self.fuzzy + other.fuzzy)

    def as_dict(self) -> dict:
        return {"total": self.total, "translated": self.translated, "fuzzy": self.fuzzy,
                "untranslated": self.untranslated,
                "translated_share": round(self.translated_share, 4)}


def catalog_stats(catalog: Catalog) -> CatalogStats:
    """Counts of the active (not obsolete) messages of *catalog*."""
    messages = _messages(catalog)
    translated = sum(1 for m in messages if _is_translated(m))
    fuzzy = sum(1 for m in messages if m.fuzzy)
    return CatalogStats(len(messages), translated, fuzzy)


def project_stats(config: SiteConfig) -> dict[str, dict[str, CatalogStats]]:
    """``{language: {domain: stats}}`` for every target language and domain, from the
    catalogs on disk (a missing catalog counts its template's messages as untranslated)."""
    templates = extract_templates(config)
    result: dict[str, dict[str, CatalogStats]] = {}
    for language in config.languages:
        per_domain = {}
        for domain, template in templates.items():
            path = config.catalog_path(language, domain)
            if path.exists():
                po = read_po_file(path, shown=config.shown(path), language=language)
                per_domain[domain] = catalog_stats(po.catalog)
            else:
                per_domain[domain] = CatalogStats(len(_messages(template)), 0, 0)
        result[language] = per_domain
    return result


# --------------------------------------------------------------------------- checks


@dataclass
class CheckReport:
    """Result of :func:`check_project`: problems fail the check, notices do not."""

    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def check_project(config: SiteConfig) -> CheckReport:
    """Everything wrong with the catalogs of a site, as ``file:line: what; how to fix`` texts:

    malformed catalogs, catalogs out of date with the sources (``make catalogs`` would change
    them), and translations that break a rule of :mod:`mdbabel.checks` (dropped link, code,
    placeholder...). Catalogs of removed pages are notices.
    """
    from .translate import translate_markdown

    from .catalog_moves import detect_moves

    report = CheckReport()
    moves = detect_moves(config)
    plan = plan_update(config, malformed=report.problems, moves=moves)
    moved_from = {move.old: move.new for move in moves}
    for write in plan.content_changes:
        if write.text is None:
            domain = write.path.relative_to(config.locales_path / "templates").as_posix()[:-4]
            where = f"; it carries the messages of {config.docs_dir}/{moved_from[domain]}.md" \
                if domain in moved_from else ""
            report.problems.append(f"{write.shown}: template of a page that no longer exists"
                                   f"{where}; run `make catalogs`")
        elif write.created:
            report.problems.append(f"{write.shown}: missing; run `make catalogs`")
        else:
            report.problems.append(f"{write.shown}: out of date with the sources; "
                                   "run `make catalogs`")
    # a catalog without a page is an error: its translations reach no page
    report.problems.extend(plan.orphaned)
    for write in plan.writes:
        po = write.existing  # each catalog is read once, by the update plan
        if po is None:
            continue
        report.problems.extend(_gettext_rule_problems(po))
        translations = _translations_of(po)
        if write.domain == SITE_DOMAIN:
            for (_context, msgid), translation in translations.items():
                found = check_interface_translation(msgid, translation.text, translation.reorder,
                                                    write.language)
                report.problems.extend(f"{translation.origin}: {p}" for p in found)
            continue
        page = config.docs_path / f"{write.domain}.md"
        result = translate_markdown(read_text_file(page, config.shown(page)),
                                    make_lookup(translations),
                                    source_lang=config.source_language, mark_untranslated=False,
                                    language=write.language)
        report.problems.extend(result.problems)
    return report


def check_interface_translation(msgid: str, msgstr: str, reorder: bool = False,
                                language: str | None = None) -> list[str]:
    """Problems of a ``_site`` translation (nav label, template or plugin string): the rules
    of :mod:`mdbabel.checks` plus its ``%(name)s`` placeholders. Used by ``mdbabel check``
    and by the site build."""
    from . import checks

    return checks.check_translation(msgid, msgstr, "interface", reorder=reorder,
                                    language=language) \
        + _format_problems(msgid, msgstr)


_NAMED_FORMAT = re.compile(r"%\([A-Za-z_]\w*\)[-#0 +]?\d*(?:\.\d+)?[diouxXeEfFgGcrs]")


def _format_problems(msgid: str, msgstr: str) -> list[str]:
    """Interface strings are filled in with ``%(name)s`` by the site: keep each one.

    (Catalogs carry no ``python-format`` flag, so ``msgfmt --check-format`` cannot see this.)
    """
    wanted, written = sorted(_NAMED_FORMAT.findall(msgid)), sorted(_NAMED_FORMAT.findall(msgstr))
    if wanted == written:
        return []
    missing = sorted(set(wanted) - set(written)) or sorted(set(written) - set(wanted))
    return [f"translation changes the placeholders {', '.join(missing)}; keep exactly "
            f"{', '.join(wanted) or 'none'} (the site fills them in)"]


def _gettext_rule_problems(po: PoFile) -> list[str]:
    """What ``msgfmt --check`` would reject in a translation: a line break at the start or
    end of the msgstr that the msgid does not have (or the other way round)."""
    problems = []
    for message in _messages(po.catalog):
        if not _has_translation(message) or not isinstance(message.id, str):
            continue
        where = f"{po.shown}:{po.msgstr_lines.get(_key(message), message.lineno)}"
        for end, test in (("start", str.startswith), ("end", str.endswith)):
            if test(message.id, "\n") != test(message.string, "\n"):
                need = "must" if test(message.id, "\n") else "must not"
                problems.append(f"{where}: the translation {need} {end} with a line break, "
                                "like the source text; fix the msgstr")
    return problems
