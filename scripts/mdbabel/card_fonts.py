"""The font chain of the share cards: which font file draws each character (no MkDocs here).

A card's text may mix scripts (a Vietnamese title with a Korean place name, a Korean title
with a Latin abbreviation), and no one font file has them all. A fonts folder lists its
fonts in ``chain.txt``, one line per font: its bold file (titles), then its regular file
(sections, site name). For each character, the first font of the chain that has it draws it;
consecutive characters drawn by one font make a run, and a line of text is measured and drawn
run by run on one baseline. Spaces, joiners and combining marks stay in the run of the
character before them. A folder without ``chain.txt`` has one font, the two files of
``FONTS`` (the DejaVu Sans names, as before chains existed).

Which font has a character is read from the font's character map (fontTools); fonts are
loaded (Pillow) only when a character needs them, so a Vietnamese card never loads the
Korean font.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from pathlib import Path

__all__ = ["BOLD", "CHAIN_FILE", "FONTS", "REGULAR", "CardError", "Faces", "chain", "chain_paths",
           "missing", "split_runs"]

#: the list of a folder's fonts, in the order they are tried
CHAIN_FILE = "chain.txt"
#: the one font of a folder without chain.txt: (bold, regular)
FONTS = ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf")
BOLD, REGULAR = 0, 1


class CardError(ValueError):
    """A card cannot be drawn: the message is one line, ``file: what is wrong; how to fix it``."""


def chain(fonts_dir: Path) -> tuple[tuple[str, str], ...]:
    """The fonts of *fonts_dir*, first tried first: (bold file, regular file) each.

    Read at every call (a small file; ``mkdocs serve`` sees an edit). A line that is not two
    plain file names of this folder is a CardError naming its line.
    """
    path = Path(fonts_dir) / CHAIN_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return (FONTS,)
    except UnicodeDecodeError:
        raise CardError(f"{path}: is not UTF-8 text; save it as UTF-8 (one font a line: "
                        f"bold file, then regular file)") from None
    fonts = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        names = line.split()
        if len(names) != 2 or any("/" in name or "\\" in name or name.startswith(".") for name in names):
            raise CardError(f"{path}:{number}: {line!r} is not a font of the card font chain; "
                            f"write two file names of this folder, the bold file then the "
                            f"regular one (e.g. 'NanumSquareB.ttf NanumSquareR.ttf')")
        fonts.append((names[0], names[1]))
    if not fonts:
        raise CardError(f"{path}: names no font; write one line per font, the bold file then "
                        f"the regular one, first tried first")
    return tuple(fonts)


def chain_paths(fonts_dir: Path, weight: int) -> tuple[str, ...]:
    """The files of one weight (BOLD or REGULAR) of *fonts_dir*'s chain, in order."""
    return tuple(str(Path(fonts_dir) / pair[weight]) for pair in chain(fonts_dir))


@functools.lru_cache(maxsize=16)
def _code_points(font_path: str) -> frozenset[int]:
    """The characters the font file has (OSError when it cannot be read, CardError when it is
    not a font)."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(font_path, lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except TTLibError as error:
        raise CardError(f"{font_path}: is not a font file fontTools can read ({error}); put the "
                        f"font's .ttf or .otf file there, or take it out of {CHAIN_FILE}") from None


def _not_drawn(char: str) -> bool:
    """Spaces, controls and joiners (categories Z*, C*): no glyph of their own to check."""
    return unicodedata.category(char)[0] in "ZC"


def missing(text: str, paths: Sequence[str]) -> list[str]:
    """The characters of *text* (NFC) that no font of *paths* has, in order, once each."""
    found: dict[str, None] = {}
    for char in unicodedata.normalize("NFC", text):
        if _not_drawn(char) or char in found:
            continue
        if not any(ord(char) in _code_points(path) for path in paths):
            found[char] = None
    return list(found)


def _font_for(char: str, paths: tuple[str, ...], current: int | None) -> int:
    if current is not None:
        if _not_drawn(char):
            return current
        if unicodedata.category(char)[0] == "M" and ord(char) in _code_points(paths[current]):
            return current
    for index, path in enumerate(paths):
        if ord(char) in _code_points(path):
            return index
    # In no font (the check stops the build before drawing such a text): the current font.
    return current if current is not None else 0


@functools.lru_cache(maxsize=1024)
def split_runs(text: str, paths: tuple[str, ...]) -> tuple[tuple[int, str], ...]:
    """*text* cut into runs ``(index of the font in paths, characters)``, in order."""
    runs: list[tuple[int, list[str]]] = []
    for char in text:
        index = _font_for(char, paths, runs[-1][0] if runs else None)
        if runs and runs[-1][0] == index:
            runs[-1][1].append(char)
        else:
            runs.append((index, [char]))
    return tuple((index, "".join(chars)) for index, chars in runs)


@functools.lru_cache(maxsize=64)
def _font(font_path: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(font_path, size)


class Faces:
    """The fonts of a chain in one weight at one size: measure and draw mixed text."""

    def __init__(self, paths: tuple[str, ...], size: int):
        self.paths = paths
        self.size = size

    def font(self, index: int):
        """The Pillow font of the chain's *index*-th file at this size (loaded once)."""
        return _font(self.paths[index], self.size)

    def length(self, text: str) -> float:
        """Advance width of *text* in pixels: the sum of its runs'."""
        return sum(self.font(index).getlength(run) for index, run in split_runs(text, self.paths))

    def draw(self, draw, xy: tuple[float, float], text: str, fill, anchor: str = "lt") -> None:
        """Draw *text* run by run on one baseline. *anchor* is ``lt`` (xy is the top of the
        first font's ascender) or ``lm`` (the middle of its ascender and descender), as
        Pillow's anchors of those names for the first font."""
        x, y = xy
        ascent, descent = self.font(0).getmetrics()
        baseline = y + ascent if anchor == "lt" else y + (ascent - descent) / 2
        for index, run in split_runs(text, self.paths):
            font = self.font(index)
            draw.text((x, baseline), run, font=font, fill=fill, anchor="ls")
            x += font.getlength(run)
