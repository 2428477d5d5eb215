"""What the tests of the real site read from the repository instead of writing it down.

- ``REPO``: the repository under test; ``MDBABEL_TEST_REPO`` points the tests to another copy
  (tests/edits/test_edits_repo_changes.py runs the suite's modules against an edited copy).
- languages from mkdocs.yml (the source first), which of them are published
  (mdbabel.languages, from the catalogs) and where each one lives on the site;
- figures from docs/_data/*.yml, formatted for a language as the pages show them;
- interface strings as the site shows them in a language (its _site.po, else the fallback
  chain configured in mkdocs.yml, else the Vietnamese text).

A test that holds today must hold after an editor changes a figure or adds a language.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from mdbabel import figures as figures_module
from mdbabel import languages as languages_module
from mdbabel.catalogs import SITE_DOMAIN, SiteConfig, load_site_config, load_translations

REPO = Path(os.environ.get("MDBABEL_TEST_REPO") or Path(__file__).resolve().parents[1]).resolve()


@functools.cache
def site_config() -> SiteConfig:
    return load_site_config(REPO)


def source_language() -> str:
    return site_config().source_language


def target_languages() -> list[str]:
    return list(site_config().languages)


def languages() -> list[str]:
    """Every language of the site, the source (default) first, in mkdocs.yml order."""
    return [source_language(), *target_languages()]


def prefix(language: str) -> str:
    """Where a language lives under the site root: "" for the default one, "en/" for en."""
    return "" if language == source_language() else f"{language}/"


def search_index(language: str) -> str:
    """Path of a language's search index under the site root."""
    return f"{prefix(language)}search/{language}.json"


@functools.cache
def states() -> dict[str, languages_module.LanguageState]:
    threshold = languages_module.plugin_options(site_config()).get(
        "publish_threshold", languages_module.DEFAULT_PUBLISH_THRESHOLD)
    return languages_module.site_states(site_config(), threshold)


def published_languages() -> list[str]:
    return [code for code in languages() if states()[code].published]


def preview_languages() -> list[str]:
    return [code for code in languages() if states()[code].preview]


@functools.cache
def figures() -> dict[str, figures_module.Figure]:
    return figures_module.load_figures(REPO / site_config().docs_dir / "_data", relative_to=REPO)


def figure(name: str, language: str) -> str:
    """A figure of docs/_data as a page in *language* shows it ("2.340.000 đồng")."""
    return figures_module.format_figure(figures(), name, language)


def interface_text(language: str, msgid: str) -> tuple[str, str]:
    """(text, its language) of an interface string as the site shows it in *language*."""
    config = site_config()
    chains = languages_module.fallback_chains(languages_module.plugin_options(config).get("fallback"),
                                              target_languages(), source_language())

    def translations(code: str):
        path = config.catalog_path(code, SITE_DOMAIN)
        return load_translations(path, root=REPO, language=code) if path.is_file() else {}

    return languages_module.load_fallback_lookup(chains[language], translations).find(msgid)
