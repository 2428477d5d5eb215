"""Review state of a translation, read from the ``X-Review-State`` header of its PO catalogs.

The header says who has checked a translation, so that readers can be told honestly::

    "X-Review-State: machine-assisted; not reviewed by a native speaker\\n"

Its value is one of :data:`STATES`, optionally followed by ``;`` and a note for people (the
note is never shown on the site). A language's state is the header of its ``_site.po``; a
page catalog that carries the header states that page's own review (e.g. one page reviewed by
a native speaker while the rest is not). A catalog without the header says nothing: its state
is unknown and no notice is shown. ``mdbabel update`` keeps the header like any other.
"""

from __future__ import annotations

from pathlib import Path

from mdbabel.po.read import read_po_file
from mdbabel.problems import CatalogError

HEADER = "X-Review-State"

#: translated with machine help and not reviewed by a native speaker (a notice on every page);
#: reviewed by the project team, not by a native speaker; reviewed by a native speaker.
MACHINE_ASSISTED = "machine-assisted"
TEAM_REVIEWED = "team-reviewed"
NATIVE_REVIEWED = "native-reviewed"
STATES = (MACHINE_ASSISTED, TEAM_REVIEWED, NATIVE_REVIEWED)

_CACHE: dict[Path, tuple[tuple[int, int], str | None]] = {}


def parse_state(value: str | None, where: str) -> str | None:
    """The state named by a header *value* (``None`` for no header); a value that names no
    known state raises :class:`CatalogError` with *where* (``file:line``) and the fix."""
    if value is None:
        return None
    state = value.split(";", 1)[0].strip().lower()
    if state not in STATES:
        raise CatalogError(f"{where}: header {HEADER} is {value!r}, which names no review state; "
                           f"start it with one of {', '.join(STATES)} "
                           f"(e.g. \"{HEADER}: {MACHINE_ASSISTED}; not reviewed by a native speaker\\n\")")
    return state


def catalog_state(path: Path, shown: str | None = None) -> str | None:
    """The review state a catalog's header declares (``None``: no header, or no catalog).

    Kept per file until it changes (mtime, size), like the catalogs themselves, so that each
    language build reads a header once and ``mkdocs serve`` sees an edited one.
    """
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    po = read_po_file(path, shown=shown)
    state = parse_state(po.header(HEADER), f"{po.shown}:1")
    _CACHE[path] = (stamp, state)
    return state
