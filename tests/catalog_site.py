"""Tiny throw-away sites for the catalog and command-line tests (not a test module)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mdbabel import catalogs

MKDOCS_YML = """\
site_name: Trang thử
markdown_extensions:
  - toc:
      slugify: !!python/name:mdbabel.slugs.slugify
plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: vi
          default: true
          name: Tiếng Việt
{extra_languages}
nav:
  - Trang chủ: index.md
"""


def make_site(root: Path, pages: dict[str, str] | None = None,
              languages: tuple[str, ...] = ("en",)) -> Path:
    """Write mkdocs.yml (vi source + *languages*) and docs/ *pages* under *root*."""
    extra = "".join(f"        - locale: {lang}\n          name: {lang}\n" for lang in languages)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(extra_languages=extra.rstrip("\n")),
                                     encoding="utf-8")
    for name, text in (pages or {"index.md": "# Trang chủ\n"}).items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def write_page(root: Path, name: str, text: str) -> None:
    (root / "docs" / name).write_text(text, encoding="utf-8")


def update(root: Path) -> catalogs.UpdatePlan:
    return catalogs.update_catalogs(catalogs.load_site_config(root))


def po_path(root: Path, domain: str = "index", lang: str = "en") -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"


def po_text(root: Path, domain: str = "index", lang: str = "en") -> str:
    return po_path(root, domain, lang).read_text(encoding="utf-8")


def translate_entry(root: Path, msgid: str, msgstr: str, domain: str = "index",
                    lang: str = "en") -> None:
    """Fill in the msgstr of *msgid* (a one-line entry) as a translator would."""
    path = po_path(root, domain, lang)
    text = path.read_text(encoding="utf-8")
    entry = f'msgid "{msgid}"\nmsgstr ""\n'
    assert entry in text, f"no untranslated one-line entry for {msgid!r} in {path}"
    path.write_text(text.replace(entry, f'msgid "{msgid}"\nmsgstr "{msgstr}"\n'),
                    encoding="utf-8")


def entry_block(text: str, msgid: str) -> str:
    """The PO entry (comments included) whose msgid line is ``msgid "<msgid>"``."""
    for block in text.split("\n\n"):
        if re.search(rf'^(#~ )?msgid "{re.escape(msgid)}"$', block, re.MULTILINE):
            return block.strip("\n")
    raise AssertionError(f"no entry for {msgid!r} in:\n{text}")


def gettext_tool(name: str) -> str:
    """Path of a GNU gettext program; the catalog tests must not be skipped without it."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: install GNU gettext (apt-get install gettext); "
                    "the catalogs must be checked with the real tools")
    return path


def run_tool(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, check=False)
