"""What a browser makes of a URL written in an attribute: its scheme and its host.

The value is taken after the HTML parser decoded its character references (``jav&#x61;script:``
is ``javascript:`` here). Then, as the WHATWG URL parser does: leading and trailing C0 controls
and spaces are dropped, tabs and line breaks anywhere are removed, the scheme is case-insensitive,
and a backslash counts as a slash (``/\\evil.example`` is ``//evil.example``, another host).
Linear in the length of the value; no regular expression.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Url", "parse_url", "ALLOWED_SCHEMES"]

#: Schemes a translation may link to ("" is a relative URL or a fragment).
ALLOWED_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789+-.")


@dataclass(frozen=True)
class Url:
    """A URL as a browser reads it: ``scheme`` lower case ("" when relative), ``host``
    lower case ("" when the URL names none)."""

    written: str
    scheme: str
    host: str

    @property
    def allowed(self) -> bool:
        return self.scheme in ALLOWED_SCHEMES


def parse_url(value: str) -> Url:
    """The scheme and host of an attribute value (already entity-decoded)."""
    cleaned = "".join(ch for ch in value if ch not in "\t\n\r")
    cleaned = cleaned.strip("".join(map(chr, range(0x21))))
    scheme = ""
    for i, ch in enumerate(cleaned):
        if ch == ":":
            if i and cleaned[0].isascii() and cleaned[0].isalpha():
                scheme = cleaned[:i].lower()
            break
        if ch.lower() not in _SCHEME_CHARS:
            break
    rest = cleaned[len(scheme) + 1:] if scheme else cleaned
    host = ""
    if scheme in ("", "http", "https", "ftp", "ws", "wss", "file"):
        rest = rest.replace("\\", "/")
    if rest.startswith("//") or (scheme in ("http", "https", "ftp", "ws", "wss") and rest):
        authority = rest.lstrip("/")
        for stop in "/?#":
            authority = authority.split(stop, 1)[0]
        host = authority.rsplit("@", 1)[-1].lower()
        host = host.split("]", 1)[0] + "]" if host.startswith("[") else host.split(":", 1)[0]
        host = host.rstrip(".")
    elif scheme == "mailto":
        host = rest.split("?", 1)[0].rsplit("@", 1)[-1].lower() if "@" in rest else ""
    return Url(value, scheme, host)
