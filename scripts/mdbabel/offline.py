"""The offline set of each language of a built site, and its content-hash manifest (issue 25).

What a reader's phone would keep to read one language offline: every page of that language
(its 404 page too), its search index, and the files those pages load (style sheets,
scripts, images, icons), found by reading the pages themselves; never another language's
pages, never the share cards (only chat apps fetch them), never a large download (PDF,
archives, video; any file over ``MAX_FILE_BYTES``). Nothing here imports MkDocs: it reads a
built site folder.

The manifest (``offline/<language>.json``, written by ``write_manifests`` once the whole site
is built) maps each file's address, relative to the site root, to a digest of its bytes, so
that a later build can be compared file by file (what changed, what is gone); its
``version`` is the digest of the whole map. The service worker (overrides/offline-worker.js)
reads it. ``python -m mdbabel.offline SITE [--write]`` prints, per language, the files and
their size raw and gzip-compressed against the budget.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["BUDGET_BYTES", "OfflineSet", "languages", "offline_set", "write_manifests", "main"]

#: today's budget per language, compressed (issue 25)
BUDGET_BYTES = 400 * 1024
MAX_FILE_BYTES = 1024 * 1024
LARGE_DOWNLOADS = (".pdf", ".zip", ".gz", ".7z", ".doc", ".docx", ".xls", ".xlsx", ".ppt",
                   ".pptx", ".mp3", ".mp4", ".webm", ".mov", ".map")
#: never kept: share cards, the sitemaps, robots.txt (no reader opens them), the worker and
#: the manifests themselves
SKIPPED = re.compile(r"(^|/)(assets/cards/|sitemap\.xml(\.gz)?$|robots\.txt$)|^offline/|^offline-worker\.js$")
MANIFEST_DIR = "offline"
#: set in the processes of mdbabel.parallel_build that build one language each
ONE_LANGUAGE_ENV = "MDBABEL_ONE_LANGUAGE"
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')\s]+)""")


@dataclass
class OfflineSet:
    """The files of one language's offline copy: address (relative to the site root) ->
    digest, and their total size."""

    language: str
    prefix: str = ""  # the language's folder ("" for the default language, "en/")
    files: dict[str, str] = field(default_factory=dict)
    raw_bytes: int = 0
    gzip_bytes: int = 0

    @property
    def version(self) -> str:
        listing = "\n".join(f"{path} {digest}" for path, digest in sorted(self.files.items()))
        return hashlib.sha256(listing.encode("utf-8")).hexdigest()[:16]

    def manifest(self) -> str:
        """The manifest as JSON text: same files, same bytes."""
        return json.dumps({"language": self.language, "prefix": self.prefix, "version": self.version,
                           "files": dict(sorted(self.files.items()))},
                          ensure_ascii=False, indent=0, sort_keys=True) + "\n"


# The tags a page loads something with, and their attributes (a regular expression: the
# build's HTML is well formed, and a full parser took ten times as long).
_TAG = re.compile(r"<(link|script|img|source|audio|video)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_LOADING_RELS = {"stylesheet", "icon", "preload", "manifest"}


def _references(html: str) -> list[str]:
    """Addresses a page loads by itself: style sheets, scripts, images, icons, media."""
    found = []
    for tag, attributes in _TAG.findall(html):
        values = {name.lower(): unescape(a or b or c) for name, a, b, c in _ATTRIBUTE.findall(attributes)}
        tag = tag.lower()
        if tag == "link":
            if set(values.get("rel", "").lower().split()) & _LOADING_RELS and values.get("href"):
                found.append(values["href"])
            continue
        if values.get("src"):
            found.append(values["src"])
        if tag in ("img", "source") and values.get("srcset"):
            found += [part.split()[0] for part in values["srcset"].split(",") if part.strip()]
    return found


def languages(site: Path) -> dict[str, str]:
    """{language: folder prefix} of a built site: "" for the default language (its pages at
    the root), "en/" for a language folder (one with its own 404 page)."""
    found = {}
    for path in [site / "index.html", *sorted(site.glob("*/index.html"))]:
        if path.parent != site and not (path.parent / "404.html").is_file():
            continue
        match = re.search(r'<html[^>]*\blang="([^"]+)"', path.read_text(encoding="utf-8"))
        if match:
            found[match.group(1)] = "" if path.parent == site else path.parent.name + "/"
    return found


def _resolve(reference: str, page: str) -> str | None:
    """*reference* in the page at *page* (a path from the site root) as a path from the
    root, or None when it leaves the site (another host, data:, a fragment)."""
    return _resolve_in(reference, page.rpartition("/")[0])


@functools.lru_cache(maxsize=4096)
def _resolve_in(reference: str, folder: str) -> str | None:
    # (pages of one folder load the same files: each address is resolved once per folder)
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None  # (the site's own pages address it relatively: an absolute path is not its)
    joined = f"{folder}/{unquote(parts.path)}" if folder else unquote(parts.path)
    resolved: list[str] = []
    for part in joined.split("/"):
        if part == "..":
            if not resolved:
                return None
            resolved.pop()
        elif part not in (".", ""):
            resolved.append(part)
    return "/".join(resolved)


def _keep(path: str, site: Path) -> bool:
    file = site / path
    return (file.is_file() and not SKIPPED.search(path)
            and not path.lower().endswith(LARGE_DOWNLOADS)
            and file.stat().st_size <= MAX_FILE_BYTES)


def site_files(site: Path) -> list[str]:
    """Every file of the built *site*, as paths from its root, sorted; the folders that no
    offline set keeps (the share cards: one folder per page) are not walked."""
    found = []
    for folder, folders, names in os.walk(site):
        relative = os.path.relpath(folder, site).replace(os.sep, "/")
        base = "" if relative == "." else relative + "/"
        folders[:] = [name for name in folders if not SKIPPED.search(f"{base}{name}/")]
        found += [base + name for name in names]
    return sorted(found)


def offline_set(site: Path, language: str, prefixes: dict[str, str] | None = None,
                files: list[str] | None = None) -> OfflineSet:
    """The offline set of *language* in the built *site* (see the module's docstring);
    *files*: ``site_files(site)``, when the caller has it already."""
    prefixes = prefixes if prefixes is not None else languages(site)
    own = prefixes[language]
    others = tuple(prefix for code, prefix in prefixes.items() if prefix and code != language)
    chosen: set[str] = set()
    pages: list[str] = []
    for path in files if files is not None else site_files(site):
        if not path.startswith(own) or path.startswith(others):
            continue
        if path.startswith("assets/") or not _keep(path, site):
            continue  # theme files: only those the pages load (below)
        chosen.add(path)
        if path.endswith(".html"):
            pages.append(path)
    queue = []
    for page in pages:
        html = (site / page).read_text(encoding="utf-8")
        queue += [_resolve(reference, page) for reference in _references(html)]
    while queue:
        path = queue.pop()
        if path is None or path in chosen or not _keep(path, site) or path.startswith(others):
            continue
        chosen.add(path)
        if path.endswith(".css"):  # images and fonts a style sheet loads
            text = (site / path).read_text(encoding="utf-8", errors="replace")
            queue += [_resolve(url, path) for url in _CSS_URL.findall(text)]
    result = OfflineSet(language, own)
    for path in sorted(chosen):
        data = (site / path).read_bytes()
        result.files[path] = hashlib.sha256(data).hexdigest()[:16]
        result.raw_bytes += len(data)
        result.gzip_bytes += len(gzip.compress(data, compresslevel=6, mtime=0))
    return result


def write_manifests(site: Path) -> list[OfflineSet]:
    """Write ``offline/<language>.json`` for every language of the built *site* (the worker,
    overrides/offline-worker.js, reads them); returns the sets, for the build's report."""
    prefixes = languages(site)
    files = site_files(site)  # (walked once for every language)
    sets = [offline_set(site, language, prefixes, files) for language in prefixes]
    from .files import atomic_write_bytes

    for found in sets:
        atomic_write_bytes(site / MANIFEST_DIR / f"{found.language}.json",
                           found.manifest().encode("utf-8"), sync=False)
    return sets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mdbabel.offline",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", help="built site folder (default: site)")
    parser.add_argument("--write", action="store_true", help="write the manifests too")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: no built site here (index.html); run `make site` first", file=sys.stderr)
        return 2
    over = False
    prefixes = languages(site)
    sets = write_manifests(site) if args.write else [offline_set(site, code, prefixes) for code in prefixes]
    for found in sets:
        language = found.language
        pages = sum(path.endswith(".html") for path in found.files)
        over |= found.gzip_bytes > BUDGET_BYTES
        print(f"{language}: {len(found.files)} files ({pages} pages), {found.raw_bytes / 1024:.0f} KB, "
              f"{found.gzip_bytes / 1024:.0f} KB gzip (budget {BUDGET_BYTES // 1024} KB), "
              f"version {found.version}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
