"""A page's article HTML made fit for a printed chapter, and the QR code to its address.

The article is the HTML the site itself shows (translated, figures filled in), written by
Python-Markdown; this module only adapts it to one document holding many pages:

- every ``id`` gets the chapter's prefix, and links inside the page follow (``#c3-x``);
- every other link and image address becomes absolute (against the page's own address), so
  that the printed address is the one to type or scan;
- heading permalinks (the "¶" after each heading) are left out; collapsed ``<details>``
  print open;
- a link whose text already is its address is marked ``bare`` (the stylesheet prints the
  address of the others after their text).
"""

from __future__ import annotations

import base64
import io
import re
from html import unescape
from urllib.parse import urljoin

_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_ID = re.compile(r'(\s)id="([^"]*)"')
_URL_ATTRIBUTE = re.compile(r'(\s)(href|src)="([^"]*)"')
_LINK = re.compile(r'<a\s([^>]*)>(.*?)</a>', re.S)
_TAGS = re.compile(r"<[^>]+>")
_DETAILS = re.compile(r"<details(?![^>]*\sopen)(\s|>)")
_ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def printable_html(html: str, *, page_url: str, prefix: str) -> str:
    """*html* (one page's article) with ids prefixed by *prefix*, addresses absolute against
    *page_url*, no permalinks, details open, bare links marked."""
    html = _HEADERLINK.sub("", html)
    html = _ID.sub(lambda m: f'{m.group(1)}id="{prefix}-{m.group(2)}"', html)

    def address(match: re.Match) -> str:
        space, name, value = match.groups()
        raw = unescape(value)
        if raw.startswith("#"):
            target = f"#{prefix}-{raw[1:]}" if len(raw) > 1 else f"#{prefix}"
        elif _ABSOLUTE.match(raw):
            target = raw
        else:
            target = urljoin(page_url, raw)
        return f'{space}{name}="{_attribute(target)}"'

    html = _URL_ATTRIBUTE.sub(address, html)

    def mark_bare(match: re.Match) -> str:
        attributes, body = match.groups()
        href = re.search(r'href="([^"]*)"', attributes)
        text = unescape(_TAGS.sub("", body)).strip()
        if href and text and _same_address(text, unescape(href.group(1))):
            return f'<a class="bare" {attributes}>{body}</a>'
        return match.group(0)

    html = _LINK.sub(mark_bare, html)
    return _DETAILS.sub(r"<details open\1", html)


def _same_address(text: str, href: str) -> bool:
    def plain(value: str) -> str:
        return re.sub(r"^(https?://|mailto:|tel:)", "", value).rstrip("/")
    return plain(text) == plain(href)


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def qr_data_uri(url: str) -> str:
    """A QR code to *url* as a PNG ``data:`` address (black on white, no quiet zone: the
    footer's margin is one; the same bytes for the same address)."""
    import qrcode
    from qrcode.image.pil import PilImage

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=4, border=0,
                         image_factory=PilImage)
    code.add_data(url)
    code.make(fit=True)
    image = code.make_image().get_image().convert("1")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
