"""Writing a file so that its readers see the old file or the new one, never half of one; and
reading one that may not exist."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_write_bytes", "existing_bytes"]


def atomic_write_bytes(path: str | Path, data: bytes | Callable[[BinaryIO], object], *,
                       sync: bool = True) -> None:
    """Write *data* to *path*: a temporary file in the same folder, flushed (with *sync*, to
    the disk too), then ``os.replace``. The file keeps its permissions; a new one gets 0o644
    (not mkstemp's 0o600). On any error the temporary file is removed and the old file stays.

    *data* is the bytes, or a function that writes them to the file it is given (a large
    file is then never held in memory whole)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


def existing_bytes(path: Path) -> bytes | None:
    """A file's bytes, ``None`` if it does not exist (any other error is raised: a catalog
    that cannot be read must never be taken for a missing one, and written afresh)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
