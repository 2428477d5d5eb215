"""One booklet: its HTML document (``templates/booklet.html``) and its PDF (WeasyPrint).

The PDF is tagged, PDF/UA-1, with the document language and a bookmark per heading; the
text fonts are the package's font chain (``booklets.fonts``: DejaVu Sans for Latin and
Vietnamese, then NanumSquare for Hangul), italics and monospace the system's DejaVu; all are
embedded. It never fetches anything: the only resources are the stylesheet given here, the
package's font files and ``data:`` images.

Two builds give the same bytes: the dates inside (creation, modification) are the build date
from ``SOURCE_DATE_EPOCH`` and the document ID is the digest of the inputs. A PDF whose
inputs (the pages as handed over, the labels, the template, the stylesheet, the code of this
package, the font files, the engine's version) did not change is taken from
``.cache/mdbabel/booklets/`` instead of being made again (``booklets.batch``): the digest is taken of the inputs
themselves, so a booklet from the cache costs no HTML document, no QR code, no font file
parsed and no import of WeasyPrint (a warm build stays within 1.1x of one without booklets).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from mdbabel import lang_marks
from mdbabel.build_cache import sources_digest
from mdbabel.booklets import fonts
from mdbabel.booklets.content import printable_html, qr_data_uri
from mdbabel.booklets.plan import BookletSpec, PageInput

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CACHE_DIR = Path(".cache") / "mdbabel" / "booklets"
#: Readers pay for data by the megabyte: a booklet over this size is reported by the build.
SIZE_LIMIT = 3_000_000

#: ``(message, **values) -> (text, language of the text)``: a ``_site`` string for the reader,
#: or the source text and language while the reader's catalog lacks it.
Translate = Callable[..., tuple[str, str]]


class BookletError(RuntimeError):
    """A booklet could not be made; the message says which and why."""


@dataclass(frozen=True)
class Labels:
    """The texts of the cover, contents and footers, each with its language."""

    kind: tuple[str, str]
    title: tuple[str, str]
    language: tuple[str, str]
    valid_as_of: tuple[str, str]
    site: tuple[str, str]
    contents: tuple[str, str]
    sources: tuple[str, str]


@dataclass
class Booklet:
    """A booklet made for one language."""

    name: str
    language: str
    filename: str      # e.g. "foreign-workers-en.pdf"
    title: tuple[str, str]  # the title and its language
    pdf: bytes
    pages: list[str]   # keys of the pages it holds, in order
    cached: bool
    seconds: float

    @property
    def size(self) -> int:
        return len(self.pdf)


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """The build date: ``SOURCE_DATE_EPOCH`` (UTC) when set, else today (UTC)."""
    environ = os.environ if environ is None else environ
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value:
        try:
            return dt.datetime.fromtimestamp(int(value), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise BookletError(f"SOURCE_DATE_EPOCH: not a number of seconds ({value!r}); "
                               "unset it or give e.g. $(git log -1 --format=%ct)") from None
    return dt.datetime.now(dt.UTC).date()


def booklet_html(spec: BookletSpec, pages: list[PageInput], *, language: str, labels: Labels,
                 online: Translate, site_url: str, built: dt.date,
                 qr: Callable[[str], str] = qr_data_uri) -> str:
    """The booklet as one HTML document (the input of the PDF). *qr* gives the image address
    of the QR code to an address (the digest of the inputs is taken with a cheap stand-in)."""
    chapters = []
    for number, page in enumerate(pages, 1):
        prefix = f"c{number}"
        body = printable_html(page.html, page_url=page.url, prefix=prefix)
        chapters.append({
            "id": prefix, "title": page.title, "lang": page.lang, "url": page.url,
            "has_h1": re.search(r"<h1[\s>]", body) is not None, "html": Markup(body),
            "qr": qr(page.url), "online": online(page.url),
            "notice": page.notice, "sources": page.sources, "reviewed": page.reviewed,
            "reviewed_iso": page.reviewed_iso,
        })
    stamp = f"{built.isoformat()}T00:00:00Z"
    document = _environment().get_template("booklet.html").render(
        language=language, labels=labels, chapters=chapters, site_url=site_url,
        site_qr=qr(site_url), built=stamp)
    # a text in a fallback language carries private-use marks (mdbabel.lang_marks) that no
    # font draws: each becomes its <span lang>, as in the site's pages.
    # NFC: Hangul written decomposed (conjoining jamo, as some editors save it) is drawn with
    # the syllables the fonts have; the same text, canonically equal, for Vietnamese too
    return unicodedata.normalize("NFC", lang_marks.resolve(document))


@functools.cache
def _environment() -> Environment:
    """The template's environment, made once (its lexer compiles its patterns each time)."""
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                       keep_trailing_newline=True)


def code_digest() -> str:
    """SHA-256 of what turns the inputs into a PDF besides the engine: the modules of this
    package, ``lang_marks`` (fallback texts), the template and the stylesheet (small files,
    read each time)."""
    h = hashlib.sha256(sources_digest(Path(__file__).resolve().parent).encode("ascii"))
    for path in (Path(lang_marks.__file__), TEMPLATES / "booklet.html", TEMPLATES / "booklet.css"):
        data = path.read_bytes()
        h.update(f"\0{path.name}\0{len(data)}\0".encode() + data)
    return h.hexdigest()


def inputs_digest(spec: BookletSpec, pages: list[PageInput], *, language: str, labels: Labels,
                  online: Translate, site_url: str, built: dt.date) -> str:
    """The cache key of a booklet: SHA-256 of every input of :func:`booklet_html` and of
    the PDF (the versions of the engine, of the PDF writer and of what draws the QR codes and
    fills the template; the code; the font files), each part with its length."""
    try:
        font_files = fonts.digest()
    except fonts.FontError as error:
        raise BookletError(str(error)) from None
    versions = [_engine_version(), *(_version(name) for name in ("pydyf", "qrcode", "pillow", "jinja2"))]
    parts = ["mdbabel-booklet-2", *versions, code_digest(), font_files,
             language, site_url, built.isoformat(), repr(spec), repr(labels),
             repr([online(page.url) for page in pages])]
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(f"{len(data)}\0".encode("ascii") + data)
    for page in pages:  # every field, the article HTML too (repr quotes them unambiguously)
        data = repr(page).encode("utf-8", "surrogatepass")
        h.update(f"{len(data)}\0".encode("ascii") + data)
    return h.hexdigest()


def stylesheet() -> str:
    """The font chain's rules (``booklets.fonts``), then ``templates/booklet.css``."""
    try:
        return fonts.font_css() + (TEMPLATES / "booklet.css").read_text(encoding="utf-8")
    except fonts.FontError as error:
        raise BookletError(str(error)) from None


def _engine_version() -> str:
    """WeasyPrint's version, read without importing it (a booklet from the cache needs no
    engine, and importing it costs more than a warm build of the booklets)."""
    return _version("weasyprint")


@functools.cache
def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        raise BookletError(f"{package} is not installed: pip install 'mdbabel[print]' "
                           "(README: Printed booklets)") from None


def render_pdf(html: str, css: str, identifier: bytes) -> bytes:
    """The PDF/UA-1 of *html* with *css* (A4 and the rest are in the stylesheet)."""
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as error:
        # OSError: WeasyPrint is installed but the system's Pango libraries are not
        raise BookletError(f"the booklets need WeasyPrint and the Pango libraries ({error}); "
                           "see README: Printed booklets") from None
    from weasyprint.text.fonts import FontConfiguration

    # only data: addresses (the QR codes) and the package's fonts are read; an image of a page
    # on the web or on the disk is not fetched
    fetcher = fonts.font_fetcher()
    font_config = FontConfiguration()
    document = HTML(string=html, url_fetcher=fetcher)
    style = CSS(string=css, url_fetcher=fetcher, font_config=font_config)
    return document.write_pdf(stylesheets=[style], font_config=font_config,
                              pdf_variant="pdf/ua-1", pdf_identifier=identifier,
                              uncompressed_pdf=False, custom_metadata=False)
