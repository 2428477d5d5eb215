"""Babel extraction method for Markdown pages (entry point ``markdown`` in ``babel.extractors``).

With a mapping file such as ``babel.cfg``::

    [markdown: **.md]

``pybabel extract -F babel.cfg -o messages.pot docs`` extracts every translatable unit of
every page (the same units :mod:`mdbabel.segments` gives the MkDocs plugin), with its
``file:line`` location, its ``#.`` comment for the translator and, when the author wrote
``<!-- i18n-context: ... -->``, its msgctxt.

Options (in the mapping section): ``encoding`` (default ``utf-8``).

The ``python-format`` flag: Babel's ``Message`` marks any msgid that contains ``%``
followed by a conversion letter (``"50% do ..."``: ``% d``) as ``python-format``,
unconditionally, after the extractor has returned; no value an extractor yields (funcname,
comments, options) prevents it. ``msgfmt --check-format`` then rejects ordinary translations
(``"Paid 50% by ..."``). ``mdbabel extract``/``mdbabel update`` write catalogs without those
flags; after a plain ``pybabel extract``, remove them (``sed -i '/^#, python-format$/d'``
or ``msgcat`` is not enough, use ``mdbabel update``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from .segments import segment

__all__ = ["extract_markdown"]


def extract_markdown(fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str],
                     options: Mapping[str, Any]) -> Iterator[tuple[int, str | None, Any, list[str]]]:
    """Yield ``(lineno, funcname, message, comments)`` for every unit of a Markdown file.

    A unit with an author context is yielded as ``pgettext`` with ``(msgctxt, msgid)`` so
    Babel puts the msgctxt in the catalog; when ``pgettext`` is not among the *keywords*
    (``pybabel extract --no-default-keywords``) the unit is yielded without its context.
    Every unit's comment is yielded: it is written by the extractor, not by an author, so
    *comment_tags* do not filter it.
    """
    encoding = options.get("encoding") or "utf-8"
    data = fileobj.read()
    text = data.decode("utf-8-sig" if encoding.lower().replace("_", "-") == "utf-8" else encoding)
    for unit in segment(text):
        comments = [unit.comment] if unit.comment else []
        if unit.context is not None and "pgettext" in keywords:
            yield unit.line, "pgettext", (unit.context, unit.text), comments
        else:
            yield unit.line, None, unit.text, comments
