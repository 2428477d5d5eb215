"""Web addresses written in a translation's text: only those its source names.

A link's target is judged by :mod:`.compare`; an address written as text is not a link, but a
reader types it, and a PDF reader makes ``https://…``, ``www.…`` and ``name@host`` a link (the
booklets). So the contacts page's "Website: vss.gov.vn" may not become "vss-gov.com", or
"vss.gov.vn.refund.example", in a translation. Like figures, addresses are compared as whole
tokens of the rendered text: a run of letters, digits, ``-`` and ``.`` (any script: a
look-alike letter stays in the token) with at least two labels, whose last label (the
top-level domain) is lower-case letters, two or more (``TP.HCM``, ``e.g.``, ``2.530.000``,
``41/2024/QH15`` are none). An address the source names in its text or in a link target may
be written again, with or without ``www.``. One pass over the text, no regular expression.
"""

from __future__ import annotations

__all__ = ["hosts_in", "host_problems"]

_FIX = "or leave the entry untranslated"


def _in_token(ch: str) -> bool:
    return ch.isalnum() or ch in "-._"


def hosts_in(text: str) -> set[str]:
    """The host names written in *text*, lower case, without a leading ``www.``."""
    found = set()
    i, n = 0, len(text)
    while i < n:
        if not _in_token(text[i]):
            i += 1
            continue
        start = i
        while i < n and _in_token(text[i]):
            i += 1
        token = _without_particle(text[start:i].strip(".-_"))
        labels = token.split(".")
        last = labels[-1]
        if len(labels) >= 2 and all(labels) and len(last) >= 2 and last.isalpha() \
                and last == last.lower():
            host = token.lower()
            found.add(host[4:] if host.startswith("www.") else host)
    return found


def _without_particle(token: str) -> str:
    """*token* without the letters of a script without case written on to its end (Korean
    "vss.gov.vn에서", Japanese "vss.gov.vnから"); a look-alike letter of a script with case
    ("vss.gov.vп", Cyrillic) stays, so that the address is another one."""
    end = len(token)
    while end and not token[end - 1].isascii() and token[end - 1].isalpha() \
            and token[end - 1].lower() == token[end - 1].upper():
        end -= 1
    return token[:end] if end and token[end - 1].isascii() else token


def host_problems(source_text: str, target_text: str, msgid: str) -> list[str]:
    """Host names in *target_text* (the translation's rendered text) that the source names
    neither in its rendered text nor in its own text (link targets included)."""
    if "." not in target_text:
        return []
    in_text = hosts_in(source_text)
    named = in_text | hosts_in(msgid)
    extra = sorted(hosts_in(target_text) - named)
    if not extra:
        return []
    shown = ", ".join(f'"{host}"' for host in extra[:3])
    source = ", ".join(f'"{host}"' for host in sorted(in_text or named)[:3])
    keep = f"write the source's address ({source}) " if source else "remove it "
    return [f"translation names the address {shown} in its text, which the source does not "
            f"(a reader may type it; a PDF reader makes it a link); {keep}{_FIX}"]
