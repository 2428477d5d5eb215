"""Merging: a language's catalog for a new template, keeping every translation it had.

Owns :func:`merge_catalog`: translations carried over by (msgctxt, msgid); carried over
unchanged when only link destinations changed (:mod:`mdbabel.link_targets`); offered as fuzzy,
with the old msgid as ``#|``, for a close new text; kept as obsolete ``#~`` entries when their
text is gone. Nothing is lost.
"""

from __future__ import annotations

from babel.messages.catalog import Catalog, Message, get_close_matches

from .. import link_targets
from ..po.entries import FORMAT_FLAGS, Key, active_messages, has_translation, key_of

__all__ = ["merge_catalog", "FUZZY_CUTOFF", "FUZZY_SHORT_LENGTH", "FUZZY_SHORT_CUTOFF"]

#: Fuzzy matching: difflib similarity needed to carry an old translation over (as fuzzy).
FUZZY_CUTOFF = 0.6
#: Short texts look alike by accident ("Select all"/"Deselect all"): they need more.
FUZZY_SHORT_LENGTH = 24
FUZZY_SHORT_CUTOFF = 0.85


def merge_catalog(old: Catalog | None, template: Catalog, locale: str,
                  known: set[Key] | frozenset[Key] | None = None) -> Catalog:
    """The catalog of *locale* for *template*, keeping every translation *old* had.

    - same (msgctxt, msgid): translation, translator comments and fuzzy state carried over;
    - new message close to a message that disappears (same msgctxt, similar text): the old
      translation is carried over marked fuzzy, with the old msgid as previous msgid (``#|``),
      so a translator sees exactly what changed; fuzzy entries are never used as translations;
    - disappeared translated messages stay as obsolete entries (``#~``), and come back as they
      were if the text comes back;
    - an untranslated entry whose msgid is no text the tools ever wrote (not in *known*, the
      keys of the previous and the new template) was typed by hand, most likely a translation
      written over the msgid: it is kept as an obsolete entry too, never dropped.

    Unlike ``Catalog.update``, only messages that are gone are candidates for fuzzy matching
    (an existing "Select all" never becomes the fuzzy translation of a new "Deselect all"), the
    msgctxt must be the same, and short texts need a closer match.
    """
    merged = Catalog(locale=locale.replace("-", "_"), fuzzy=False, charset="utf-8")
    old_active = {key_of(m): m for m in active_messages(old)} if old else {}
    old_obsolete = {key_of(m): m for m in old.obsolete.values()} if old else {}
    wanted = {key_of(m) for m in active_messages(template)}

    candidates: dict[str | None, dict[str, Message]] = {}
    for pool in (old_obsolete, old_active):  # active last: it wins on equal text
        for key, message in pool.items():
            if key not in wanted and has_translation(message):
                candidates.setdefault(key[0], {})[key[1]] = message
    used_as_fuzzy: set[Key] = set()   # (and carried over a change of link targets)
    revived: set[Key] = set()
    relink_index: dict[str | None, dict[str, list[Message]]] = {}
    num_plurals = merged.num_plurals  # a property that looks the locale up each time

    for new in active_messages(template):
        key = key_of(new)
        carried = old_active.get(key)
        if carried is None and key in old_obsolete:
            carried = old_obsolete[key]
            revived.add(key)
        message = _fresh_copy(new)
        if carried is not None:
            message.string = _fit_plural(carried.string, new.id, num_plurals)
            message.user_comments = list(carried.user_comments)
            # flags a translator or a tool added (Weblate's md-text, no-wrap...) stay
            message.flags |= carried.flags - FORMAT_FLAGS - {"fuzzy"}
            if carried.fuzzy:
                message.flags.add("fuzzy")
                message.previous_id = list(carried.previous_id)
        elif (relinked := _relinked(new, candidates.get(key[0], {}), relink_index)) is not None:
            # only link destinations changed (a page moved, a heading id changed): the
            # translation stays, with the new destinations, and is not fuzzy
            match, message.string = relinked
            used_as_fuzzy.add(key_of(match))
            message.user_comments = list(match.user_comments)
            message.flags |= match.flags - FORMAT_FLAGS - {"fuzzy"}
        else:
            match = _fuzzy_match(key[1], candidates.get(key[0], {}))
            if match is None:
                # Same text, msgctxt added or changed by the author: offer it, as fuzzy.
                match = next((pool[key[1]] for context, pool in sorted(
                    candidates.items(), key=lambda item: item[0] or "")
                    if context != key[0] and key[1] in pool), None)
            if match is not None:
                used_as_fuzzy.add(key_of(match))
                message.string = _fit_plural(match.string, new.id, num_plurals)
                message.user_comments = list(match.user_comments)
                message.flags.add("fuzzy")
                # The translation was written for the match's previous text if it was fuzzy.
                message.previous_id = list(match.previous_id) if match.fuzzy and match.previous_id \
                    else [match.id if isinstance(match.id, str) else match.id[0]]
        merged[new.id] = message

    for pool in (old_obsolete, old_active):
        for key, message in pool.items():
            if key in wanted or key in revived or key in used_as_fuzzy:
                continue
            if not has_translation(message) and not (
                    pool is old_obsolete or (known is not None and key not in known)):
                continue  # an untranslated entry of the tools carries nothing worth keeping
            obsolete = message.clone()
            obsolete.locations = []
            obsolete.auto_comments = []
            merged.obsolete[key] = obsolete
    return merged


def _relinked(new: Message, candidates: dict[str, Message],
              index: dict[str | None, dict[str, list[Message]]]) -> tuple[Message, str] | None:
    """(old message, its translation with the new link destinations) when *new* differs
    from a translated, not fuzzy candidate in link destinations only
    (:func:`mdbabel.link_targets.carry_translation`)."""
    if not candidates or not isinstance(new.id, str) or ("](" not in new.id and "=" not in new.id):
        return None
    if new.context not in index:  # built once per msgctxt, on the first message that asks
        by_skeleton: dict[str, list[Message]] = {}
        for msgid, message in candidates.items():
            if isinstance(message.string, str) and message.string and not message.fuzzy:
                by_skeleton.setdefault(link_targets.skeleton(msgid)[0], []).append(message)
        index[new.context] = by_skeleton
    for old in index[new.context].get(link_targets.skeleton(new.id)[0], ()):
        carried = link_targets.carry_translation(old.id, new.id, old.string)
        if carried is not None:
            return old, carried
    return None


def _fresh_copy(template: Message) -> Message:
    """``Message(t.id, locations=t.locations, auto_comments=t.auto_comments,
    context=t.context)`` for a message *t* of a template, without running ``Message()`` again:
    *t* went through it (its locations, comments and format flags are what it computes)."""
    message = Message.__new__(Message)
    message.__dict__.update(
        id=template.id, string=("", "") if template.pluralizable else "",
        locations=list(template.locations), flags=template.flags & FORMAT_FLAGS,
        auto_comments=list(template.auto_comments), user_comments=[], previous_id=[],
        lineno=None, context=template.context)
    return message


def _fit_plural(string, msgid, num_plurals: int):
    if isinstance(msgid, (list, tuple)):
        strings = list(string) if isinstance(string, (list, tuple)) else [string or ""]
        return tuple((strings + [""] * num_plurals)[:num_plurals])
    if isinstance(string, (list, tuple)):
        return string[0] if string else ""
    return string or ""


def _fuzzy_match(msgid: str, candidates: dict[str, Message]) -> Message | None:
    if not candidates:
        return None
    normalized = {_fuzzy_text(text): text for text in candidates}
    wanted = _fuzzy_text(msgid)
    cutoff = FUZZY_SHORT_CUTOFF if len(wanted) < FUZZY_SHORT_LENGTH else FUZZY_CUTOFF
    matches = get_close_matches(wanted, sorted(normalized), n=1, cutoff=cutoff)
    return candidates[normalized[matches[0]]] if matches else None


def _fuzzy_text(text: str) -> str:
    return " ".join(text.lower().split())
