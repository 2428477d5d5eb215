"""Gettext PO files: the project's one reader, its writer, headers and dates.

- :mod:`~mdbabel.po.read`: :func:`read_po_file`, a ``.po``/``.pot`` file -> :class:`PoFile`,
  checked as GNU gettext checks it (errors as ``file:line: what; fix``);
  :mod:`~mdbabel.po.fast` is its fast path for the regular layout, with the same results;
- :mod:`~mdbabel.po.write`: :func:`render_catalog`, byte-stable output with GNU wrapping;
- :mod:`~mdbabel.po.headers`, :mod:`~mdbabel.po.dates`: header fields read, checked and
  written; dates that move only when the content does;
- :mod:`~mdbabel.po.entries`, :mod:`~mdbabel.po.syntax`: messages as the project keys and
  counts them; PO string syntax.

The data model is Babel's :class:`~babel.messages.catalog.Catalog`. No MkDocs import.
"""

from .entries import FORMAT_FLAGS, Key, active_messages, has_translation, is_translated, key_of
from .read import PoFile, read_po_file
from .write import WIDTH, atomic_write, render_catalog

__all__ = ["FORMAT_FLAGS", "Key", "PoFile", "WIDTH", "active_messages", "atomic_write",
           "has_translation", "is_translated", "key_of", "read_po_file", "render_catalog"]
