"""The ids and the links (``href``, ``src``, ``srcset``) of an HTML document, for the link
checks of the pages and of the built site."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit


class _HTMLRefs(HTMLParser):
    """Collects element ids and (tag, attribute, url, line) references."""

    _URL_ATTRS = {"href", "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str, int]] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in self._URL_ATTRS:
                if tag == "base" and name == "href":
                    self.base = value
                else:
                    self.refs.append((tag, name, value, line))
            elif name == "srcset":
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.refs.append((tag, name, url, line))

    handle_startendtag = handle_starttag


def _parse_html(html: str) -> _HTMLRefs:
    parser = _HTMLRefs()
    parser.feed(html)
    parser.close()
    return parser


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")
