"""The messages of a Babel catalog as the project keys and counts them.

Owns :data:`Key` (``(msgctxt, msgid)``, how every module names a message), the active
messages of a catalog without its header entry, what counts as translated (fuzzy does not:
it is never published) and :data:`FORMAT_FLAGS`, the flags the project never writes.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog, Message

__all__ = ["Key", "FORMAT_FLAGS", "key_of", "active_messages", "is_translated", "has_translation"]


Key = tuple["str | None", str]  # (msgctxt, msgid)


#: Babel guesses these from ``%d``/``{x}`` in a msgid; Markdown text is not a format string,
#: and ``msgfmt --check-format`` would then reject ordinary translations of "50% do ...".
FORMAT_FLAGS = frozenset({"python-format", "python-brace-format"})


def key_of(message: Message) -> Key:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return message.context, msgid


def active_messages(catalog: Catalog) -> list[Message]:
    """Messages of *catalog* without the header entry."""
    # Iterating a Catalog first builds its header entry (dates and all); skip that.
    stored = getattr(catalog, "_messages", None)
    return [m for m in (catalog if stored is None else stored.values()) if m.id]


def is_translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(strings) and all(strings) and not message.fuzzy


def has_translation(message: Message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return any(strings)
