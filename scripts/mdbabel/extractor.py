"""Babel extraction method for Markdown pages (entry point ``markdown`` in ``babel.extractors``).

With a mapping file such as ``babel.cfg``::

    [markdown: **.md]

``pybabel extract -F babel.cfg -o messages.pot docs`` extracts every translatable unit of
every page (the same units :mod:`mdbabel.segments` gives the MkDocs plugin), with its
``file:line`` location, its ``#.`` comment for the translator and, when the author wrote
``<!-- i18n-context: ... -->``, its msgctxt.

Options (in the mapping section): ``encoding`` (default ``utf-8``).

The ``python-format`` flag (checked against Babel 2.18): ``babel.messages.catalog.Message``
adds ``python-format`` to every msgid that matches ``%`` + optional flags + a conversion
letter (``"50% do ..."`` reads as ``% d``) and ``python-brace-format`` to ``{name}``, in its
constructor, after the extractor has returned; nothing an extraction method yields
(funcname, comments, context) or reads from the mapping options can prevent it. GNU
``msgfmt --check-format`` then rejects ordinary translations such as ``"Paid 50% by the
employee"``. So:

- ``mdbabel extract`` / ``mdbabel update`` (``make catalogs``) write our catalogs with
  :mod:`mdbabel.catalogs`, which never writes those flags;
- after a plain ``pybabel extract``/``pybabel update``, compile with ``pybabel compile``
  (which does not check formats) or delete the ``python-format`` flags from the ``#,``
  lines before running ``msgfmt --check-format``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from .segments import segment
from .textnorm import normal_text

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
    for unit in segment(normal_text(text)):  # LF, NFC: the msgids mdbabel extracts
        comments = [unit.comment] if unit.comment else []
        if unit.context is not None and "pgettext" in keywords:
            yield unit.line, "pgettext", (unit.context, unit.text), comments
        else:
            yield unit.line, None, unit.text, comments
