"""Compiled theme templates kept between builds (Jinja bytecode cache).

MkDocs makes a new Jinja environment for every build, so each build compiles the theme's
templates again: once per language in ``mkdocs build`` (mkdocs-static-i18n builds the
languages one after the other in one process), and on every rebuild of ``mkdocs serve``.
Jinja can take compiled code from a *bytecode cache* instead. This one keeps each template's
code in memory for the process and in ``.cache/mdbabel/templates/`` for the next build.

Jinja checks the template's source against the checksum stored with its code, so an edited
template is compiled again. Jinja's own caches key the code by the template's name only, which
is wrong when two environments compile the same template differently; this one adds what
changes the compiled code (Jinja's version, the extensions, the delimiters and whitespace
settings, autoescaping, the i18n settings) to the key. A folder that cannot be written only
means no code is kept on disk. Nothing here imports MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache, FileSystemBytecodeCache

__all__ = ["TemplateCodeCache", "TEMPLATE_CACHE_DIR"]

#: Under the site's root, beside the translation store (``.cache/`` is ignored by git).
TEMPLATE_CACHE_DIR = ".cache/mdbabel/templates"


def environment_key(environment: jinja2.Environment) -> str:
    """What, besides a template's source and name, its compiled code depends on."""
    parts = [
        jinja2.__version__,
        *sorted(f"{type(e).__module__}.{type(e).__qualname__}"
                for e in environment.extensions.values()),
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        str(environment.line_statement_prefix), str(environment.line_comment_prefix),
        str(environment.trim_blocks), str(environment.lstrip_blocks),
        environment.newline_sequence, str(environment.keep_trailing_newline),
        str(environment.optimized), repr(environment.autoescape), str(environment.is_async),
        str(getattr(environment, "newstyle_gettext", None)),
        str(environment.policies.get("ext.i18n.trimmed")),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:20]


class TemplateCodeCache(BytecodeCache):
    """Compiled templates in memory (this process) and, when *directory* is given, on disk."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self._memory: dict[str, tuple[str, object]] = {}
        self._disk: FileSystemBytecodeCache | None = None
        if directory is not None:
            try:
                os.makedirs(directory, exist_ok=True)
                self._disk = FileSystemBytecodeCache(str(directory), "%s.jinja")
            except OSError:
                self._disk = None

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = hashlib.sha1(
            f"{environment_key(environment)}\0{name}\0{filename or ''}".encode()
        ).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        kept = self._memory.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]
            return
        if self._disk is not None:
            try:
                self._disk.load_bytecode(bucket)  # leaves code None on a stale checksum
            # truncated or foreign file: compile
            except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
                bucket.reset()
            if bucket.code is not None:
                self._memory[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._memory[bucket.key] = (bucket.checksum, bucket.code)
        if self._disk is not None:
            try:
                self._disk.dump_bytecode(bucket)
            except OSError:
                pass  # a read-only checkout compiles its templates every time
