"""Page translations kept between builds (``.cache/mdbabel/translations.pickle``).

A page is translated from two files, its Markdown source and its catalog. When both are byte
for byte what an earlier build translated, with the same toolchain, that build's result is
the result: the page is not segmented, checked and rewritten again. The key of an entry is
the digest of the two texts (never a file date, so a checkout or a copy that keeps the dates
of changed files cannot serve an old translation); the store as a whole is keyed by the
toolchain (the source of this package and the versions of what it renders headings with), so
an upgrade starts afresh.

The store holds what the last build that translated anything used and nothing else: a page
deleted or changed drops out at the next save. A missing, unreadable or foreign file is an empty store; a store that
cannot be written (read-only checkout) is not an error. Nothing here imports MkDocs.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import pickle
import sys
from pathlib import Path
from typing import Any

from .files import atomic_write_bytes

__all__ = ["TranslationStore", "text_digest", "toolchain_key", "CACHE_FILE"]

#: Where a site keeps the store, under its root (not versioned: ``.cache/`` is ignored).
CACHE_FILE = ".cache/mdbabel/translations.pickle"
_FORMAT = 1


@functools.lru_cache(maxsize=None)
def toolchain_key() -> str:
    """Digest of everything besides a page's own texts that its translation depends on."""
    # the versions from the modules themselves: importlib.metadata would scan every installed
    # distribution for each (tens of milliseconds per build)
    import babel
    import markdown
    from pymdownx import __meta__ as pymdownx_meta

    digest = hashlib.sha256(f"{_FORMAT} {sys.version_info[:2]}".encode())
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):  # subpackages too (safety/)
        digest.update(source.relative_to(package).as_posix().encode() + b"\0"
                      + source.read_bytes())
    digest.update(f"markdown {markdown.__version__} pymdownx {pymdownx_meta.__version__} "
                  f"babel {babel.__version__}".encode())
    return digest.hexdigest()


def text_digest(data: str | bytes | None) -> str:
    """Digest of a text or of a file's bytes (None: no such file)."""
    if data is None:
        return "-"
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


class TranslationStore:
    """Results of earlier builds by key; :meth:`save` writes what this build used."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self._earlier: dict[Any, Any] = self._read() if self.path is not None else {}
        self._used: dict[Any, Any] = {}
        self.hits = self.misses = 0

    def _read(self) -> dict[Any, Any]:
        collecting = gc.isenabled()
        gc.disable()  # the many objects being made are all kept: no garbage to look for
        try:
            with open(self.path, "rb") as handle:
                data = pickle.load(handle)
        except Exception:  # missing, truncated, written by another version: start empty
            return {}
        finally:
            if collecting:
                gc.enable()
        if not isinstance(data, dict) or data.get("key") != toolchain_key():
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, key: Any) -> Any | None:
        value = self._used.get(key)
        if value is None:
            value = self._earlier.get(key)
            if value is not None:
                self._used[key] = value
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def start_build(self) -> None:
        """Begin another build in the same process (``mkdocs serve``): it may reuse what the
        last one used, without reading the file again."""
        if self._used:
            self._earlier, self._used = self._used, {}

    def put(self, key: Any, value: Any) -> None:
        self._used[key] = value

    def save(self) -> None:
        """Write the entries this build used or made, if it made any the file lacks (a build
        that only reused entries leaves the file as it is: each language build saves, and the
        first does not use every entry the next ones will)."""
        if self.path is None or self._used.keys() <= self._earlier.keys():
            return
        data = {"key": toolchain_key(), "entries": self._used}
        try:
            # a cache: readers must never see half of it, but it need not survive a crash;
            # pickled straight into the file (a serialized copy in memory would be as large)
            atomic_write_bytes(self.path, lambda handle: pickle.dump(
                data, handle, protocol=pickle.HIGHEST_PROTOCOL), sync=False)
        except OSError:
            return  # a read-only checkout translates every page every time, nothing worse
        self._earlier = dict(self._used)
