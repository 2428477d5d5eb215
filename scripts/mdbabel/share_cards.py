"""Share cards: the Open Graph data of a page and its 1200 x 630 PNG card (no MkDocs here).

A page pasted into a chat app shows its card: its title, its section and the site name, in
the page's language, drawn with Pillow from font files in the repository (``FONTS_DIR``,
this package's ``fonts/`` folder, with their licence and source; never downloaded), through
the folder's font chain (mdbabel.card_fonts: for each character, the first font that has
it). Everything here is a plain function of its inputs:

- ``missing_glyphs`` / ``check_card_text``: the characters of a card's text that no font of
  the chain has (fontTools' character map), so the build fails with one line instead of
  drawing empty boxes;
- ``draw_card``: the PNG bytes, deterministic (no timestamp, no metadata chunk; the same
  text, fonts and Pillow give the same bytes);
- ``CardCache``: cards kept between builds under ``.cache/mdbabel/cards/``, keyed by a
  digest of the text, the chain and every font file of it, and the source of this module and
  of mdbabel.card_fonts (the card's template), so a
  card is drawn again only when one of them changes; a card unused for 30 days is deleted;
- ``page_description``: the front matter description, else the first paragraph of the
  page's HTML, at most 200 characters, in the page's language only (text that fell back to
  another language is never the description: no description then);
- ``og_locale``: ``vi`` -> ``vi_VN``, ``en`` -> ``en_US``, ``ko`` -> ``ko_KR`` (Babel's
  likely subtags).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import shutil
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from . import card_fonts
from .card_fonts import FONTS, CardError, Faces

__all__ = ["CARD_SIZE", "CARDS_CACHE_DIR", "FONTS", "CardCache", "CardError", "CardText",
           "check_card_text", "draw_card", "missing_glyphs", "og_locale", "page_description"]

CARD_SIZE = (1200, 630)
#: under the site's root; not versioned (``.cache/`` is ignored)
CARDS_CACHE_DIR = ".cache/mdbabel/cards"
# FONTS (the first font of the chain: title, smaller lines) and the chain: see fonts/README.md
FONTS_DIR = Path(__file__).parent / "fonts"
DESCRIPTION_LIMIT = 200

# Colours of the site (overrides/assets/site.css): primary blue and accent red on white.
_PRIMARY = (11, 83, 148)
_ACCENT = (138, 28, 28)
_TEXT = (20, 20, 20)
_WHITE = (255, 255, 255)


@dataclass(frozen=True)
class CardText:
    """What a card shows, in the page's language."""

    title: str
    section: str
    site_name: str


# --------------------------------------------------------------------------- fonts


def missing_glyphs(text: str, fonts: Path | str | Sequence[Path | str]) -> list[str]:
    """The characters of *text* that no font of *fonts* (a file, or a chain's files) has a
    glyph for, in order, once each.

    Spaces, controls and joiners (categories Z*, C*) are not drawn as glyphs and are left out.
    """
    paths = [str(fonts)] if isinstance(fonts, (str, Path)) else [str(path) for path in fonts]
    return card_fonts.missing(text, paths)


def check_card_text(card: CardText, fonts_dir: Path, *, where: str, language: str,
                    origins: dict[str, str] | None = None) -> None:
    """Raise CardError naming the first field of *card* with a character that no font of
    *fonts_dir*'s chain has, at *where*, or at ``origins[field]`` (a translation's catalog
    line) when given."""
    for field, weight in (("title", card_fonts.BOLD), ("section", card_fonts.REGULAR),
                          ("site name", card_fonts.REGULAR)):
        text = getattr(card, field.replace(" ", "_"))
        paths = card_fonts.chain_paths(fonts_dir, weight)
        missing = missing_glyphs(text, paths)
        if missing:
            shown = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in missing)
            names = ", ".join(Path(path).name for path in paths)
            raise CardError(
                f"{(origins or {}).get(field, where)}: {field} has a character the card font lacks: {shown} in the "
                f"{language} share card ({names}); write it without that character, or use "
                f"fonts that have it (plugin option card_fonts_dir; see mdbabel/fonts/README.md)")


@functools.lru_cache(maxsize=8)
def _font_digest(font_path: str) -> str:
    return hashlib.sha256(Path(font_path).read_bytes()).hexdigest()


@functools.lru_cache(maxsize=1)
def _template_digest() -> str:
    """Digest of this module's source, mdbabel.card_fonts' and of what draws with them
    (Pillow, its FreeType, its text layout): a change to the drawing redraws every card."""
    import PIL
    from PIL import features

    versions = f"{PIL.__version__} {features.version_module('freetype2')} {features.version('raqm')}"
    sources = Path(__file__).read_bytes() + Path(card_fonts.__file__).read_bytes()
    return hashlib.sha256(sources + versions.encode()).hexdigest()


# --------------------------------------------------------------------------- drawing


def _wrap(text: str, faces: Faces, width: int, limit: int | None = None) -> list[str]:
    """*text* broken into lines no wider than *width* pixels, measured run by run through the
    font chain (a word longer than a line is cut where it must). With *limit*, the wrapping
    stops once it has more lines than that (the card shows no more): a title is catalog text,
    and a translated one of 20,000 characters costs no more than one that fills the card."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if limit is not None and len(lines) > limit:
            return lines
        trial = f"{current} {word}" if current else word
        if faces.length(trial) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        while faces.length(word) > width and (limit is None or len(lines) <= limit):
            cut = _longest_fitting(word, faces, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _longest_fitting(word: str, faces: Faces, width: int) -> int:
    """The longest prefix of *word* (at least one character) no wider than *width*, found by
    halving (a prefix is never narrower than a shorter one): a few measures, where trying
    every length in turn took minutes for a word of a few thousand characters."""
    low, high = 1, len(word) - 1  # word[:low] is taken even if too wide, as before
    while low < high:
        middle = (low + high + 1) // 2
        if faces.length(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _fit(text: str, paths: tuple[str, ...], width: int, height: int, sizes: tuple[int, ...],
         leading: float = 1.3) -> tuple[Faces, list[str], int]:
    """(faces, lines, line step): the largest size at which *text* fits in *width* x *height*;
    at the smallest size, what does not fit is cut and ends with an ellipsis."""
    for size in sizes:
        faces = Faces(paths, size)
        step = round(size * leading)
        room = max(1, height // step)
        lines = _wrap(text, faces, width, limit=room)
        if len(lines) <= room:
            return faces, lines, step
    lines = lines[:room]
    last = lines[-1]
    while last and faces.length(last + "…") > width:
        last = last[:-1].rstrip()
    lines[-1] = last + "…"
    return faces, lines, step


def draw_card(card: CardText, fonts_dir: Path) -> bytes:
    """The card as PNG bytes: the section in red, the title in large bold type, the site
    name on a blue band; each character in the first font of the chain that has it. Saved
    as a palette image (a few colours: a small file)."""
    from PIL import Image, ImageDraw

    width, height = CARD_SIZE
    margin, band = 72, 120
    text_width = width - 2 * margin
    bold = card_fonts.chain_paths(fonts_dir, card_fonts.BOLD)
    regular = card_fonts.chain_paths(fonts_dir, card_fonts.REGULAR)
    title, section, site_name = (unicodedata.normalize("NFC", text)
                                 for text in (card.title, card.section, card.site_name))
    image = Image.new("RGB", CARD_SIZE, _WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 16), fill=_PRIMARY)
    draw.rectangle((0, height - band, width, height), fill=_PRIMARY)
    site_faces, site_lines, _ = _fit(site_name, regular, text_width, 60, (40, 36, 32, 28))
    if site_lines:
        site_faces.draw(draw, (margin, height - band / 2), site_lines[0], _WHITE, anchor="lm")
    top = 72
    if section:
        section_faces, section_lines, _ = _fit(section, regular, text_width, 50, (38, 34, 30, 26))
        section_faces.draw(draw, (margin, top), section_lines[0], _ACCENT)
        top += 80
    title_faces, title_lines, step = _fit(title, bold, text_width, height - band - 40 - top,
                                          (72, 64, 56, 50, 44, 40))
    for number, line in enumerate(title_lines):
        title_faces.draw(draw, (margin, top + number * step), line, _TEXT)
    # 32 colours keep the anti-aliased edges: about 20 KB, a third of the RGB file. Octree
    # and zlib level 6 take about a fifth of the time of median cut and level 9 (2 KB more).
    small = image.quantize(colors=32, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, format="PNG", compress_level=6)
    return out.getvalue()


# --------------------------------------------------------------------------- cache


class CardCache:
    """Cards drawn by earlier builds, one PNG per digest of (text, fonts, template).

    Without a folder (cache off) every card is drawn. A folder that cannot be written
    (read-only checkout) only means drawing again next time.
    """

    def __init__(self, directory: Path | None):
        self.directory = directory
        self.drawn = 0
        self.reused = 0
        # {fonts folder: the key's parts but the text}: read once per build (a build of
        # ``mkdocs serve`` after an edit has a new plugin, hence a new cache object)
        self._prefixes: dict[Path, str] = {}

    @staticmethod
    def _fonts_part(fonts_dir: Path) -> str:
        fonts = card_fonts.chain(fonts_dir)
        return "\x00".join([_template_digest(), repr(fonts),
                            *(_font_digest(str(fonts_dir / name)) for pair in fonts for name in pair)])

    @staticmethod
    def _text_key(fonts_part: str, card: CardText) -> str:
        parts = [fonts_part, card.title, card.section, card.site_name]
        return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()

    @staticmethod
    def key(card: CardText, fonts_dir: Path) -> str:
        """Digest of the card's text, its font chain (every file's bytes) and the template."""
        return CardCache._text_key(CardCache._fonts_part(fonts_dir), card)

    def _path(self, card: CardText, fonts_dir: Path) -> Path | None:
        if self.directory is None:
            return None
        prefix = self._prefixes.get(fonts_dir)
        if prefix is None:
            prefix = self._prefixes[fonts_dir] = self._fonts_part(fonts_dir)
        return self.directory / f"{self._text_key(prefix, card)}.png"

    def lookup(self, card: CardText, fonts_dir: Path) -> bytes | None:
        """The PNG an earlier build drew for the same text, fonts and template, if kept.
        (Its text was checked against the same fonts then: no need to check it again.)"""
        path = self._path(card, fonts_dir)
        if path is None:
            return None
        try:
            png = path.read_bytes()
        except OSError:  # not drawn yet, or unreadable: drawn again
            return None
        self._used(path)
        return png

    def _used(self, path: Path) -> None:
        """Count a kept card as reused and touch it: in use, so kept by :meth:`prune`."""
        try:
            os.utime(path)
        except OSError:
            pass  # a read-only checkout
        self.reused += 1

    def prune(self, max_age_days: float = 30) -> int:
        """Delete the cards no build has used for *max_age_days* (a title changed, a page
        removed); returns how many. A card in use is touched by every build that reads it."""
        if self.directory is None or not self.directory.is_dir():
            return 0
        limit = time.time() - max_age_days * 86400
        removed = 0
        for path in self.directory.glob("*.png"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
            except OSError:
                continue  # removed by another build's process meanwhile, or read-only
        return removed

    def draw(self, card: CardText, fonts_dir: Path) -> bytes:
        """Draw *card* and keep it for the next build."""
        png = draw_card(card, fonts_dir)
        self.drawn += 1
        path = self._path(card, fonts_dir)
        if path is not None:
            from .files import atomic_write_bytes

            try:
                atomic_write_bytes(path, png, sync=False)
            except OSError:
                pass  # a read-only checkout: the card is drawn again next time
        return png

    def place(self, card: CardText, fonts_dir: Path, target: Path, png: bytes | None = None) -> bool:
        """Put the PNG of *card* at *target* (a file of the site being built): *png* when
        given, else the one an earlier build drew, linked from the cache (a hard link: no
        bytes read or written; a copy where the two folders cannot share a file). False
        when no earlier build drew it (nothing written: check its text, draw, place again).

        A warm build places every card this way; the site folder is emptied by each build,
        the cache is not, and a drawn card is never changed in place (a new file replaces
        it), so the site's link never sees other bytes.
        """
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # (a link is never made over an existing file)
            if png is not None:
                target.write_bytes(png)
                return True
        except OSError as error:
            raise CardError(f"{target}: the share card cannot be written ({error}); check that "
                            f"the site folder can be written") from None
        source = self._path(card, fonts_dir)
        if source is None or not source.is_file():
            return False  # cache off, not drawn yet, or a cache folder that is not one
        try:
            os.link(source, target)
        except FileNotFoundError:
            return False  # not drawn yet
        except OSError:  # another file system, or links refused: a copy
            try:
                shutil.copyfile(source, target)
            except FileNotFoundError:
                return False
            except OSError as error:
                raise CardError(f"{target}: the share card cannot be written ({error}); check "
                                f"that the site folder can be written") from None
        self._used(source)
        return True

    def card(self, card: CardText, fonts_dir: Path) -> bytes:
        """The PNG of *card*: from the cache when an earlier build drew the same one."""
        found = self.lookup(card, fonts_dir)
        return found if found is not None else self.draw(card, fonts_dir)


# --------------------------------------------------------------------------- page data


_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _same_language(tag: str | None, language: str | None) -> bool:
    """Whether the ``lang`` value *tag* names *language* (``en`` and ``en-US`` are one)."""
    if tag is None or language is None:
        return True
    return tag.replace("_", "-").lower().split("-")[0] == language.replace("_", "-").lower().split("-")[0]


class _FirstParagraph(HTMLParser):
    """Text of the first ``<p>`` of a page's HTML that has any; with *language*, the first
    whose text is all in that language (none of it inside an element whose ``lang`` names
    another: a unit that fell back to another language is wrapped so)."""

    def __init__(self, language: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []
        self.done = False
        self.open: list[bool] = []  # elements open in the paragraph: in another language?
        self.foreign = False        # the paragraph has text in another language

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        attributes = dict(attrs)
        if tag == "p" and (self.depth or "admonition-title" not in (attributes.get("class") or "")):
            self.depth += 1
        elif self.depth and tag in ("sup", "script", "style"):
            self.skip += 1
        if self.depth and tag not in _VOID:
            self.open.append(bool(self.open and self.open[-1])
                              or not _same_language(attributes.get("lang"), self.language))

    def handle_endtag(self, tag):
        if self.done:
            return
        if self.depth and tag not in _VOID and self.open:
            self.open.pop()
        if tag == "p" and self.depth:  # (an admonition's title never opened one)
            self.depth -= 1
            if not self.depth and " ".join("".join(self.parts).split()) and not self.foreign:
                self.done = True
            elif not self.depth:
                self.parts, self.foreign, self.open = [], False, []
        elif self.depth and self.skip and tag in ("sup", "script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip and not self.done:
            self.parts.append(data)
            if data.strip() and self.open and self.open[-1]:
                self.foreign = True


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """*text* on one line, at most *limit* characters: cut at a word, ending with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def page_description(description: object, html: str | None, language: str | None = None,
                     description_language: str | None = None) -> str:
    """The page's description, in *language* (the language the page is shown in; None:
    whatever it is written in): its front matter ``description`` if that is in *language*
    (*description_language*: the language it fell back to, None when it is the page's own),
    else the text of the first paragraph of its HTML written in *language*; at most 200
    characters. "" when the page has none in its language: a chat app then shows the title
    and the card, never text in another language under the page's ``og:locale``."""
    if isinstance(description, str) and description.strip() and _same_language(description_language, language):
        return shorten(description)
    parser = _FirstParagraph(language)
    parser.feed(html or "")
    parser.close()
    return shorten("".join(parser.parts)) if parser.done else ""


@functools.lru_cache(maxsize=64)
def og_locale(code: str) -> str:
    """Open Graph locale (``language_TERRITORY``) of a language code: the territory it names,
    else Babel's most likely one (``vi`` -> ``vi_VN``, ``ko`` -> ``ko_KR``)."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code.replace("-", "_")
    territory = locale.territory
    if not territory:
        likely = get_global("likely_subtags").get(str(locale)) or get_global("likely_subtags").get(locale.language)
        if likely:
            territory = Locale.parse(likely).territory
    return f"{locale.language}_{territory}" if territory else locale.language
