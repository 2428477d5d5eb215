"""Rewrite text files in the normal form mdbabel reads: UTF-8 without BOM, LF, NFC.

    python scripts/normalise_text.py FILE...      (the pre-commit hook `normal-form`)

A page or catalog saved with Windows line ends (CRLF), old Mac ones (CR), a byte order mark
or decomposed Vietnamese (NFD) is rewritten in place; the other files are not touched. Exit
status 1 when a file was rewritten (pre-commit then shows it: `git add` it again), 2 when a
file is not UTF-8 (it is left as is and named with the line of the first bad byte).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mdbabel.files import atomic_write_bytes
from mdbabel.textnorm import decode_normal


def normalise(path: Path) -> str | None:
    """What was done to *path* (``None``: nothing), as ``path: what``."""
    data = path.read_bytes()
    try:
        text = decode_normal(data)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValueError(f"{path}:{line}: not UTF-8 text; save the file as UTF-8") from None
    new = text.encode("utf-8")
    if new == data:
        return None
    atomic_write_bytes(path, new)
    return f"{path}: rewritten as UTF-8 without BOM, LF line ends, NFC; `git add` it again"


def main(argv: list[str] | None = None) -> int:
    status = 0
    for name in sys.argv[1:] if argv is None else argv:
        try:
            done = normalise(Path(name))
        except ValueError as error:
            print(error, file=sys.stderr)
            status = 2
            continue
        except OSError as error:
            print(f"{name}: {error.strerror}; check the path", file=sys.stderr)
            status = 2
            continue
        if done:
            print(done)
            status = max(status, 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
