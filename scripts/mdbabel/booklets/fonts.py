"""The booklets' text fonts: the package's font chain (``mdbabel/fonts/chain.txt``) as CSS.

The share cards and the booklets read one list, ``chain.txt`` (``mdbabel.card_fonts``): a
script's font is added there once. Each font of the chain becomes two ``@font-face`` rules
(its regular file at weight 400, its bold file at 700) under the font's own family name (read
from the file's name table), and the text's ``font-family`` is the chain in order: for each
character the first family that has it draws it (Pango's fallback), so DejaVu Sans draws
Latin and Vietnamese and NanumSquare Hangul. Italics and the monospaced face come from the
system's DejaVu (the package has no such files), as before.

The rules name each file ``mdbabel-font:<file name>``, an address that means nothing outside
this module: ``FontFetcher`` answers it with the file of the package's fonts folder, found at
run time, so no machine's path is written into the stylesheet, the cache key or the PDF, and
nothing is fetched from a network. ``digest`` covers the chain and every file of it.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from mdbabel import card_fonts

#: the package's fonts (those of the share cards)
FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"
#: the address scheme of a font file in the stylesheet
SCHEME = "mdbabel-font:"


class FontError(ValueError):
    """The font chain cannot be used; the message is one line naming the file."""


def chain(fonts_dir: Path = FONTS_DIR) -> tuple[tuple[str, str], ...]:
    """(bold file, regular file) of each font of the chain, first tried first."""
    try:
        return card_fonts.chain(fonts_dir)
    except card_fonts.CardError as error:
        raise FontError(str(error)) from None


@functools.lru_cache(maxsize=16)
def _family(path: str) -> str:
    """The font's family name (typographic family, else family) from its name table."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True) as font:
            name = font["name"]
            family = name.getDebugName(16) or name.getDebugName(1)
    except (OSError, TTLibError, KeyError) as error:
        raise FontError(f"{path}: is not a font file the booklets can read ({error}); put the "
                        f"font's .ttf file there or take it out of {card_fonts.CHAIN_FILE}") from None
    if not family or '"' in family or "\\" in family:
        raise FontError(f"{path}: has no usable family name; use the font's file as it comes")
    return family


def families(fonts_dir: Path = FONTS_DIR) -> list[str]:
    """The family names of the chain, in order, each once (the regular file's name)."""
    found: list[str] = []
    for _, regular in chain(fonts_dir):
        family = _family(str(fonts_dir / regular))
        if family not in found:
            found.append(family)
    return found


def font_css(fonts_dir: Path = FONTS_DIR) -> str:
    """The ``@font-face`` rules of the chain and the text's ``font-family`` (page and root)."""
    rules = []
    for bold, regular in chain(fonts_dir):
        family = _family(str(fonts_dir / regular))
        for weight, name in ((400, regular), (700, bold)):
            rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                         f'font-style: normal; src: url("{SCHEME}{name}") format("truetype"); }}')
    stack = ", ".join(f'"{family}"' for family in families(fonts_dir))
    rules.append(f"@page {{ font-family: {stack}, sans-serif; }}")
    rules.append(f"html {{ font-family: {stack}, sans-serif; }}")
    return "\n".join(rules) + "\n"


def digest(fonts_dir: Path = FONTS_DIR) -> str:
    """SHA-256 of the chain file and of every font file it names (name and bytes)."""
    h = hashlib.sha256()
    chain_file = fonts_dir / card_fonts.CHAIN_FILE
    h.update(chain_file.read_bytes() if chain_file.is_file() else b"")
    for pair in chain(fonts_dir):
        for name in pair:
            path = fonts_dir / name
            try:
                state = path.stat()
                file_digest = _file_digest(str(path), state.st_size, state.st_mtime_ns, state.st_ino)
            except OSError as error:
                raise FontError(f"{fonts_dir / card_fonts.CHAIN_FILE}: names {name}, which cannot be "
                                f"read ({error.strerror}); put the file there or take it out of the "
                                f"chain") from None
            h.update(b"\0" + name.encode("utf-8") + b"\0" + file_digest)
    return h.hexdigest()


@functools.lru_cache(maxsize=64)
def _file_digest(path: str, size: int, mtime_ns: int, inode: int) -> bytes:
    """SHA-256 of a font file, taken once per process while its size, time and inode stay
    (every booklet of a build needs it; the files are about 0.7 MB each)."""
    return hashlib.sha256(Path(path).read_bytes()).digest()


def font_fetcher(fonts_dir: Path = FONTS_DIR, allowed_protocols: frozenset[str] = frozenset({"data"})):
    """A WeasyPrint URL fetcher: ``mdbabel-font:<name>`` gives a file of the chain, *allowed_protocols*
    the rest (``data:`` only by default: nothing on the web or on the disk elsewhere)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    names = {name for pair in chain(fonts_dir) for name in pair}

    class FontFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(SCHEME):
                name = url[len(SCHEME):]
                if name not in names:
                    raise ValueError(f"{url}: not a font of {card_fonts.CHAIN_FILE}")
                return URLFetcherResponse(url, (fonts_dir / name).read_bytes(),
                                          {"Content-Type": "font/ttf"})
            return super().fetch(url, headers)

    return FontFetcher(allowed_protocols=set(allowed_protocols))
