"""The project's settings: the only reader of ``mkdocs.yml``, and the layout rules and the
Markdown dialect every module uses.

Owns :class:`SiteConfig` (root, source and target languages, ``docs_dir``, ``locales_dir``,
exclusions, the mkdocs-static-i18n layout), :func:`read_mkdocs_yaml` (safe YAML with line
numbers for messages; MkDocs' tags ``!ENV``, ``!!python/name:...`` read as data, or resolved
as MkDocs resolves them with ``resolve=True``), which pages are the site's sources
(:meth:`SiteConfig.pages`), the Markdown dialect (:func:`markdown_dialect`: the extensions
and options the site renders with, MkDocs' builtins included, a default when ``mkdocs.yml``
names none), and the ONE rule that maps a page to its catalogs::

    docs/guides/x.md  ->  domain guides/x
                      ->  locales/templates/guides/x.pot              (template_path)
                      ->  locales/<lang>/LC_MESSAGES/guides/x.po      (catalog_path)

plus its inverse (:func:`domain_of`, :func:`language_of`). No MkDocs import.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from babel.core import Locale, UnknownLocaleError

from .problems import CatalogError
from .textnorm import read_source_text

__all__ = ["SITE_DOMAIN", "TEMPLATES_FOLDER", "CATALOG_FOLDER", "SiteConfig", "load_site_config",
           "read_mkdocs_yaml", "import_dotted", "MKDOCS_BUILTIN_EXTENSIONS",
           "DEFAULT_MARKDOWN_EXTENSIONS", "MarkdownDialect", "markdown_dialect", "read_text_file",
           "page_domain", "page_domains", "catalog_path",
           "template_path", "catalog_folder", "templates_folder", "catalog_files", "domain_of",
           "language_of",
           "mapping_get", "node_line", "located_under"]

#: Domain of the navigation labels and interface strings.
SITE_DOMAIN = "_site"
#: Folder of the templates under ``locales_dir``; of each language's catalogs under its folder.
TEMPLATES_FOLDER = "templates"
CATALOG_FOLDER = "LC_MESSAGES"

# MkDocs never builds these (mkdocs.structure.files._default_exclude); _data holds figures.
_DEFAULT_EXCLUDES = (".*", "/templates/", "/_data/")


def read_text_file(path: Path, shown: str) -> str:
    """A UTF-8 source file (BOM allowed) in the normal form (:mod:`mdbabel.textnorm`: LF line
    ends, NFC); any other encoding is a :class:`CatalogError` naming the line of the first
    bad byte."""
    return read_source_text(path, shown, CatalogError)


class _ConfigLoader(yaml.SafeLoader):
    """The one YAML loader of ``mkdocs.yml``: safe YAML plus MkDocs' tags.

    By default the tags are read as data (``!ENV [NAME, default]`` is the list, a
    ``!!python/name:x.y`` the empty string), which is all the catalog tools need. With
    :attr:`resolve_tags` set the file is read as MkDocs reads it: ``!ENV`` takes the value of the
    first variable set (parsed as YAML) or the default, ``!!python/name:`` is the object it
    names and ``!!python/object/apply:`` its result (None when it cannot be imported)."""

    resolve_tags = False


def _construct_unknown(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


def _construct_env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    if not loader.resolve_tags:
        return _construct_unknown(loader, "", node)
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1] if len(items) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _construct_python_name(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    return import_dotted(suffix) if loader.resolve_tags else _construct_unknown(loader, suffix, node)


def _construct_python_apply(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> Any:
    if not loader.resolve_tags:
        return _construct_unknown(loader, suffix, node)
    func = import_dotted(suffix)
    if isinstance(node, yaml.SequenceNode):
        args, kwds = loader.construct_sequence(node, deep=True), {}
    else:
        value = loader.construct_mapping(node, deep=True)
        args, kwds = value.get("args", []), value.get("kwds", {})
    return func(*args, **kwds) if func is not None else None


def import_dotted(dotted: str) -> Any:
    """The object a dotted name (``module.name``) names; None when it cannot be imported."""
    module, _, name = dotted.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError, ValueError):  # ValueError: an empty module name
        return None


_ConfigLoader.add_constructor("!ENV", _construct_env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _construct_python_name)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:",
                                    _construct_python_apply)
_ConfigLoader.add_multi_constructor("", _construct_unknown)  # last: it matches every tag


def read_mkdocs_yaml(path: Path, shown: str = "mkdocs.yml", *,
                     resolve: bool = False) -> tuple[dict, yaml.Node | None]:
    """Return ``mkdocs.yml`` as data and as a YAML node tree (for line numbers); with
    *resolve*, its tags resolved as MkDocs resolves them (:class:`_ConfigLoader`)."""
    try:
        text = read_text_file(path, shown)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):  # --root a file, ...
        raise CatalogError(f"{shown}: not found; run in the site folder or pass --root DIR") from None
    loader = _ConfigLoader(text)
    loader.resolve_tags = resolve
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


def mapping_get(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
    return None


def node_line(node: yaml.Node) -> int:
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


def located_under(path: Path, root: Path) -> tuple[Path, str]:
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
        return located_under(Path(path), self.root)[1]

    @property
    def docs_path(self) -> Path:
        return self.root / self.docs_dir

    @property
    def locales_path(self) -> Path:
        return self.root / self.locales_dir

    def template_path(self, domain: str) -> Path:
        return template_path(self.locales_path, domain)

    def catalog_path(self, language: str, domain: str) -> Path:
        return catalog_path(self.locales_path, language, domain)

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
    plugins = mapping_get(node, "plugins")
    if plugins is None:
        return None
    items = plugins[1].value if isinstance(plugins[1], yaml.SequenceNode) else [plugins[1]]
    for item in items:
        i18n = mapping_get(item, "i18n")
        if i18n is not None:
            languages = mapping_get(i18n[1], "languages")
            return node_line(languages[0]) if languages else node_line(i18n[0])
    return None


# --------------------------------------------------------------------------- the Markdown dialect

#: What MkDocs adds in front of every site's ``markdown_extensions`` (its config's builtins;
#: ``pymdownx.superfences`` replaces ``fenced_code``'s block processor when both are there).
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")

#: The dialect the segmenter (:mod:`mdbabel.segments`) follows and the safety judge renders
#: with (:mod:`mdbabel.safety.render`); also a site's when its ``mkdocs.yml`` names no
#: ``markdown_extensions``. This site's ``mkdocs.yml`` list is the same, with toc's permalinks
#: on: the same anchor after every heading, whatever the text (``tests/core/test_core_dialect.py``).
#: As in mkdocs.yml: a name, or {name: options}.
DEFAULT_MARKDOWN_EXTENSIONS: tuple[str | dict[str, dict[str, Any]], ...] = (
    "admonition", "pymdownx.details", {"pymdownx.tabbed": {"alternate_style": True}},
    "pymdownx.superfences", "tables", "attr_list", "def_list", "footnotes", "abbr", "md_in_html",
    {"toc": {"slugify": "mdbabel.slugs.slugify"}},
)


@dataclass(frozen=True)
class MarkdownDialect:
    """The Python-Markdown extensions a site renders with, in MkDocs' order, and their options."""

    names: tuple[str, ...]
    configs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def markdown_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``markdown.Markdown`` (fresh lists and dicts each call)."""
        return {"extensions": list(self.names),
                "extension_configs": {name: dict(options) for name, options in self.configs.items()}}


def markdown_dialect(config: dict | None = None) -> MarkdownDialect:
    """The dialect of a site from its ``mkdocs.yml`` data (:func:`read_mkdocs_yaml` with
    ``resolve=True``), as MkDocs builds it: :data:`MKDOCS_BUILTIN_EXTENSIONS` first, then the
    site's ``markdown_extensions`` (:data:`DEFAULT_MARKDOWN_EXTENSIONS` when the file has no
    such key, or with no *config*), each name once. toc's ``slugify`` written as a dotted name
    is imported; one that is no function is left out."""
    items = DEFAULT_MARKDOWN_EXTENSIONS if config is None else \
        config.get("markdown_extensions", DEFAULT_MARKDOWN_EXTENSIONS) or ()
    if isinstance(items, (str, dict)):  # one extension written without the list
        items = (items,)
    names: list[str] = list(MKDOCS_BUILTIN_EXTENSIONS)
    configs: dict[str, dict[str, Any]] = {}
    for item in items:
        entries = [(item, None)] if isinstance(item, str) else \
            list(item.items()) if isinstance(item, dict) else []
        for name, options in entries:
            if name not in names:
                names.append(name)
            if isinstance(options, dict):
                configs[name] = dict(options)
    toc = configs.get("toc")
    if toc is not None:
        if isinstance(toc.get("slugify"), str):
            toc["slugify"] = import_dotted(toc["slugify"])
        if not callable(toc.get("slugify")):
            toc.pop("slugify", None)
    return MarkdownDialect(tuple(names), configs)


def page_domain(page: str) -> str:
    """Catalog domain of a docs-relative page: ``guides/x.md`` -> ``guides/x``."""
    return page[:-3] if page.endswith(".md") else page


def page_domains(config: SiteConfig) -> list[tuple[str, str]]:
    """(domain, page) of every page, in path order."""
    domains = []
    for page in config.pages():
        domain = page_domain(page)
        if domain == SITE_DOMAIN:
            raise CatalogError(f"{config.docs_dir}/{page}: this page name is reserved for the "
                               "navigation catalog; rename the page")
        domains.append((domain, page))
    return domains


# --------------------------------------------------------------------------- the catalog layout


def template_path(locales: Path, domain: str) -> Path:
    """``<locales>/templates/<domain>.pot``."""
    return locales / TEMPLATES_FOLDER / f"{domain}.pot"


def catalog_path(locales: Path, language: str, domain: str) -> Path:
    """``<locales>/<language>/LC_MESSAGES/<domain>.po``."""
    return locales / language / CATALOG_FOLDER / f"{domain}.po"


def templates_folder(locales: Path) -> Path:
    """The folder every template is under (:func:`template_path`)."""
    return locales / TEMPLATES_FOLDER


def catalog_folder(locales: Path, language: str) -> Path:
    """The folder every catalog of *language* is under (:func:`catalog_path`)."""
    return locales / language / CATALOG_FOLDER


def catalog_files(folder: Path, suffix: str) -> list[Path]:
    """The ``*.po`` (or ``*.pot``) files under *folder*, sorted, without hidden ones (a name
    starting with ``.``): an editor's lock or backup (Emacs' ``.#x.po``, LibreOffice's
    ``.~lock.x.po#``) is no catalog, as MkDocs takes no dot file for a page."""
    return sorted(path for path in folder.rglob(f"*{suffix}")
                  if not any(part.startswith(".") for part in path.relative_to(folder).parts))


def domain_of(path: Path, folder: Path) -> str:
    """The domain of a template or catalog *path* under *folder* (:func:`templates_folder`,
    :func:`catalog_folder`): its path there without the ``.pot``/``.po`` suffix."""
    relative = path.relative_to(folder).as_posix()
    return relative[: -len(path.suffix)] if path.suffix else relative


def language_of(path: Path) -> str | None:
    """The language folder of a catalog in the ``<lang>/LC_MESSAGES/`` layout."""
    parts = path.parts
    for index in range(len(parts) - 1, 0, -1):
        if parts[index] == CATALOG_FOLDER:
            return parts[index - 1]
    return None
