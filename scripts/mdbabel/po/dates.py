"""The dates of a catalog's header: they move only when its content does.

Owns the date format, ``SOURCE_DATE_EPOCH`` (reproducible output), :func:`stable_text` (a
file keeps its date when an update would only change the date, or only the wrapping and
header order an editor such as Poedit or Weblate saved it with), and comparing two catalogs
without their dates.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable

from ..problems import CatalogError

__all__ = ["fixed_date", "now", "stable_text", "without_dates", "existing_header"]


def _format_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")


def fixed_date() -> str | None:
    """The date SOURCE_DATE_EPOCH asks for (reproducible builds), if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return _format_date(dt.datetime.fromtimestamp(int(epoch), dt.UTC))
    except ValueError:
        raise CatalogError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; "
                           "unset it or give an integer") from None


def now() -> str:
    return _format_date(dt.datetime.now(dt.UTC))


def stable_text(render: Callable[[str], str], existing_text: str | None,
                 existing_date: str | None,
                 existing_rendered: Callable[[str], str] | None = None) -> str:
    """Render with a date that changes only when the content does (or SOURCE_DATE_EPOCH).

    *existing_rendered* renders the existing file's own messages in our layout: if they are
    what we are about to write, the file only differs in wrapping or header order (saved by
    Poedit or Weblate), and its date stays.
    """
    if existing_text is not None and existing_date:
        unchanged = render(existing_date)
        if unchanged == existing_text or (
                existing_rendered is not None and unchanged == existing_rendered(existing_date)):
            return unchanged
    # The content changed: date it now, or at SOURCE_DATE_EPOCH for reproducible output.
    return render(fixed_date() or now())


_DATE_HEADER = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): [^"\\]*\\n"$', re.MULTILINE)


def without_dates(text: str) -> str:
    return _DATE_HEADER.sub(r'"\1: "', text)


def existing_header(text: str | None, name: str) -> str | None:
    if text is None:
        return None
    match = re.search(rf'^"{re.escape(name)}: ([^"\\]*)\\n"$', text, re.MULTILINE)
    return match.group(1) if match else None
