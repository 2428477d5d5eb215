"""``python -m mdbabel.site_checks``: the command line of the site checks (:func:`.run.main`)."""

from __future__ import annotations

from .run import main

if __name__ == "__main__":
    raise SystemExit(main())
