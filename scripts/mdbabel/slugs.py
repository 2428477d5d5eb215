"""Heading ids that are the same in every language and plain ASCII.

Used by Python-Markdown's toc extension (``mkdocs.yml``::

    markdown_extensions:
      - toc:
          slugify: !!python/name:mdbabel.slugs.slugify

) and by :mod:`mdbabel.translate`, which gives every translated heading the id
of its Vietnamese source heading so that links keep working across languages.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slugify"]

# "đ" has no decomposition in Unicode, so NFD alone would drop it.
_FOLD = str.maketrans({"đ": "d", "Đ": "D"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(value: str, separator: str = "-", unicode: bool = False) -> str:
    """Return an ASCII slug of *value*: ``"Bảo hiểm Đặc biệt"`` -> ``"bao-hiem-dac-biet"``.

    Vietnamese letters are folded to ASCII (đ -> d, diacritics removed after
    NFD decomposition), the result is lower-cased, and every run of characters
    other than ``a-z0-9`` becomes one *separator*, never at either end.
    *unicode* is accepted for signature compatibility with
    ``markdown.extensions.toc.slugify`` and ignored.
    """
    # Dropping what is not ASCII after NFD drops the diacritics (combining marks, never
    # ASCII, and lower-casing leaves them as they are), and characters that NFD cannot
    # reduce to ASCII (e.g. "ø"), as toc's own slugify does, rather than turning them into
    # separators.
    value = unicodedata.normalize("NFD", value.translate(_FOLD)).lower()
    value = value.encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub(separator, value).strip(separator)
