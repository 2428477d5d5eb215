"""Share cards (issue 25, point 3): Open Graph data and a 1200 x 630 PNG per page and language.

The real site: every page of every built language carries the tags, in its language, with
its own card. The core (mdbabel.share_cards): Vietnamese titles have every glyph, a missing
glyph is one line, same text same bytes, the cache draws a card once. A small project:
hostile text is escaped, a title the font cannot draw fails the build with one line, two
builds give the same cards.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from mdbabel import card_fonts, share_cards
from mdbabel.share_cards import CardCache, CardText

from test_a11y_axe import VIETNAMESE_LETTERS, languages

REPO = Path(__file__).resolve().parents[2]
MAX_CARD_BYTES = 100 * 1024
REQUIRED = ("og:title", "og:description", "og:url", "og:locale", "og:site_name", "og:type",
            "og:image", "og:image:alt", "twitter:card")


class _Head(HTMLParser):
    """<html lang>, canonical link and the meta tags of a page, values unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.canonical = None
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")
        elif tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(attrs.get("property") or attrs.get("name"), []).append(attrs.get("content"))


def head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def content_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts and p.name != "404.html")


# --------------------------------------------------------------------------- the real site


def test_every_page_of_every_language_has_its_share_card(built_site, site_url):
    site_languages = languages(built_site)
    assert len(site_languages) >= 2
    locales = {code: share_cards.og_locale(code) for code in site_languages}
    pages = content_pages(built_site)
    assert len(pages) > 10
    problems = []
    images = set()
    for path in pages:
        where = path.relative_to(built_site).as_posix()
        found = head(path)
        missing = [key for key in REQUIRED if not found.meta.get(key)]
        if missing:
            problems.append(f"{where}: no {', '.join(missing)}")
            continue
        meta = {key: values[0] for key, values in found.meta.items()}
        if any(len(values) != 1 for key, values in found.meta.items() if key != "og:locale:alternate"):
            problems.append(f"{where}: a tag is repeated")
        if meta["og:url"] != found.canonical or not meta["og:url"].startswith(site_url):
            problems.append(f"{where}: og:url {meta['og:url']} is not the canonical {found.canonical}")
        if meta["og:locale"] != locales[found.lang]:
            problems.append(f"{where}: og:locale {meta['og:locale']} for lang {found.lang}")
        others = sorted(locale for code, locale in locales.items() if code != found.lang)
        if sorted(found.meta.get("og:locale:alternate", [])) != others:
            problems.append(f"{where}: og:locale:alternate {found.meta.get('og:locale:alternate')}")
        if not 0 < len(meta["og:description"]) <= 200:
            problems.append(f"{where}: og:description of {len(meta['og:description'])} characters")
        if meta["twitter:card"] != "summary_large_image":
            problems.append(f"{where}: twitter:card {meta['twitter:card']}")
        if meta["og:title"] not in meta["og:image:alt"] or meta["og:site_name"] not in meta["og:image:alt"]:
            problems.append(f"{where}: og:image:alt does not say what the card shows")
        image = meta["og:image"]
        if not image.startswith(site_url):
            problems.append(f"{where}: og:image {image} is not an absolute address of the site")
            continue
        images.add(image)
        card = built_site / urlsplit(image).path[len(urlsplit(site_url).path):]
        if not card.is_file():
            problems.append(f"{where}: card {image} is not in the site")
            continue
        data = card.read_bytes()
        if png_size(data) != share_cards.CARD_SIZE or len(data) > MAX_CARD_BYTES:
            problems.append(f"{where}: card {png_size(data)}, {len(data)} bytes")
    assert problems == [], "\n".join(problems)
    assert len(images) == len(pages), "two pages share one card"


def test_the_home_page_description_is_its_front_matter_in_each_language(built_site):
    """og:description is the page's own description, the same text as <meta name=description>
    (front matter, translated by the catalogs), within 200 characters."""
    for prefix in languages(built_site).values():
        found = head(built_site / prefix / "index.html")
        description = found.meta["description"][0]
        assert found.meta["og:description"][0] == share_cards.shorten(description)
        assert found.meta["og:type"] == ["website"]


def test_a_page_without_description_uses_its_first_paragraph():
    html = ('<h1>T</h1><div class="admonition"><p class="admonition-title">Summary</p>'
            '<p>First <a href="x">real</a> paragraph<sup id="fnref:1"><a href="#fn:1">1</a></sup> &amp; more.</p>'
            '</div><p>Second.</p>')
    assert share_cards.page_description(None, html) == "First real paragraph & more."
    assert share_cards.page_description("  Its own   description. ", html) == "Its own description."
    assert share_cards.page_description("", "<p> </p><p>Next</p>") == "Next"
    assert share_cards.page_description(None, "<h1>No paragraph</h1>") == ""


def test_text_that_fell_back_to_another_language_is_never_the_description():
    html = ('<p><span lang="en">Paragraph only English has.</span></p>'
            '<p>Có <span lang="en-US">một từ</span> khác.</p>'
            '<p>Đoạn <b>tiếng <i>Việt</i></b><br> của trang.</p><p>Sau.</p>')
    assert share_cards.page_description(None, html, "vi") == "Đoạn tiếng Việt của trang."
    assert share_cards.page_description(None, html, "en") == "Paragraph only English has."
    assert share_cards.page_description(None, html) == "Paragraph only English has."  # no language
    # a description that fell back (its language given) gives way to the page's own paragraph
    assert share_cards.page_description("English text.", html, "vi", "en") == "Đoạn tiếng Việt của trang."
    assert share_cards.page_description("Của trang.", html, "vi", "vi-VN") == "Của trang."
    assert share_cards.page_description("English text.", '<p><span lang="en">x</span></p>', "ko", "en") == ""


def test_a_long_description_is_cut_at_a_word_within_200_characters():
    text = " ".join(["Bảo hiểm xã hội"] * 40)
    short = share_cards.shorten(text)
    assert len(short) <= 200 and short.endswith("…")
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "


@pytest.mark.parametrize(("code", "locale"), [("vi", "vi_VN"), ("en", "en_US"), ("ko", "ko_KR"),
                                              ("pt-BR", "pt_BR"), ("zh_Hant", "zh_TW")])
def test_og_locale_comes_from_babel(code, locale):
    assert share_cards.og_locale(code) == locale


# --------------------------------------------------------------------------- glyphs and drawing


def test_the_card_fonts_draw_every_vietnamese_letter():
    letters = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "₫"
    for name in share_cards.FONTS:
        assert share_cards.missing_glyphs(letters, share_cards.FONTS_DIR / name) == [], name


def chain_files(weight: int = card_fonts.BOLD) -> tuple[str, ...]:
    return card_fonts.chain_paths(share_cards.FONTS_DIR, weight)


def absent_from_chain() -> str:
    """A letter (Thai ko kai) that no font of the repository's chain has: checked, not assumed."""
    letter = "\u0e01"
    for weight in (card_fonts.BOLD, card_fonts.REGULAR):
        assert share_cards.missing_glyphs(letter, chain_files(weight)) == [letter], "a font of the chain has it"
    return letter


def test_every_title_of_the_real_site_has_its_glyphs(built_site):
    for path in content_pages(built_site):
        meta = head(path).meta
        for text in (meta["og:title"][0], meta["og:site_name"][0]):
            assert share_cards.missing_glyphs(text, chain_files()) == [], path


def test_a_missing_glyph_is_named_in_one_line():
    letter = absent_from_chain()
    card = CardText(f"Người lao động ở 한국 {letter}", "", "Site")
    with pytest.raises(share_cards.CardError) as raised:
        share_cards.check_card_text(card, share_cards.FONTS_DIR, where="docs/korea.md", language="vi")
    message = str(raised.value)
    assert "\n" not in message
    # Hangul is in a font of the chain: only the letter none has is named
    assert message.startswith(f"docs/korea.md: title has a character the card font lacks: {letter!r} "
                              f"(U+{ord(letter):04X}) in the vi share card (")


# --------------------------------------------------------------------------- the font chain


def test_the_chain_draws_every_hangul_syllable_and_vietnamese_letter_in_both_weights():
    syllables = "".join(chr(point) for point in range(0xAC00, 0xD7A4))
    letters = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "₫"
    for weight in (card_fonts.BOLD, card_fonts.REGULAR):
        assert share_cards.missing_glyphs(syllables + letters, chain_files(weight)) == []
        # the first font, which draws Latin, has no Hangul: the chain is what draws it
        assert len(share_cards.missing_glyphs(syllables, chain_files(weight)[:1])) == len(syllables)


def test_each_character_goes_to_the_first_font_that_has_it_and_spaces_stay_in_their_run():
    paths = chain_files()
    title = "Lương hưu 국민연금 2024"
    runs = card_fonts.split_runs(title, paths)
    assert "".join(run for _, run in runs) == title
    assert runs == ((0, "Lương hưu "), (1, "국민연금 "), (0, "2024"))
    # the Korean font has Latin letters and digits too: the first font still draws them
    assert share_cards.missing_glyphs("2024 ABC", paths[1:]) == []


def test_mixed_text_is_measured_run_by_run_and_wrapped_within_the_width():
    paths = chain_files()
    faces = card_fonts.Faces(paths, 72)
    text = "Người lao động ở 한국"
    expected = sum(faces.font(index).getlength(run) for index, run in card_fonts.split_runs(text, paths))
    assert faces.length(text) == expected
    assert faces.length(text) != card_fonts.Faces(paths[:1], 72).length(text)  # not the first font's boxes
    title = "Hoàn trả một lần 반환일시금 khi về nước: 국민연금공단 서울 외국인 지사 và điều kiện"
    width = 1200 - 2 * 72
    fitted, lines, _ = share_cards._fit(title, paths, width, 400, (72, 64, 56))
    assert len(lines) > 1
    assert all(fitted.length(line) <= width for line in lines), lines
    assert " ".join(lines).split() == title.split()


def test_a_korean_title_renders_in_the_korean_font_the_same_bytes_twice(tmp_path):
    card = CardText("외국인 근로자의 국민연금 반환일시금 신청 방법과 필요한 서류", "외국인 근로자", "사회보험")
    share_cards.check_card_text(card, share_cards.FONTS_DIR, where="x", language="ko")  # no error
    first = share_cards.draw_card(card, share_cards.FONTS_DIR)
    assert png_size(first) == share_cards.CARD_SIZE
    assert len(first) <= MAX_CARD_BYTES
    assert share_cards.draw_card(card, share_cards.FONTS_DIR) == first
    blank = share_cards.draw_card(CardText("", "", ""), share_cards.FONTS_DIR)
    assert first != blank
    # drawn by the chain's Korean font: the first font alone (no chain.txt) draws other pixels
    alone = tmp_path / "alone"
    alone.mkdir()
    for name in share_cards.FONTS:
        (alone / name).write_bytes((share_cards.FONTS_DIR / name).read_bytes())
    assert share_cards.draw_card(card, alone) != first
    with pytest.raises(share_cards.CardError, match="title has a character the card font lacks: '외'"):
        share_cards.check_card_text(card, alone, where="x", language="ko")


def test_a_vietnamese_and_korean_title_renders_in_one_card():
    mixed = CardText("Người lao động Việt Nam ở Hàn Quốc: 국민연금 hoàn trả một lần",
                     "Người Việt Nam làm việc ở nước ngoài", "Bảo hiểm xã hội")
    share_cards.check_card_text(mixed, share_cards.FONTS_DIR, where="x", language="vi")
    assert {index for index, _ in card_fonts.split_runs(mixed.title, chain_files())} == {0, 1}
    first = share_cards.draw_card(mixed, share_cards.FONTS_DIR)
    assert len(first) <= MAX_CARD_BYTES and png_size(first) == share_cards.CARD_SIZE
    assert share_cards.draw_card(mixed, share_cards.FONTS_DIR) == first
    latin_only = CardText(mixed.title.replace("국민연금", ""), mixed.section, mixed.site_name)
    assert share_cards.draw_card(latin_only, share_cards.FONTS_DIR) != first


def test_a_bad_line_of_the_chain_file_is_named_in_one_line(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / card_fonts.CHAIN_FILE).write_text("# fonts\nDejaVuSans-Bold.ttf DejaVuSans.ttf\n../x.ttf y.ttf\n",
                                               encoding="utf-8")
    with pytest.raises(share_cards.CardError) as raised:
        share_cards.draw_card(CardText("Tiêu đề", "", "Site"), fonts)
    message = str(raised.value)
    assert "\n" not in message and f"{card_fonts.CHAIN_FILE}:3: '../x.ttf y.ttf' is not a font" in message
    (fonts / card_fonts.CHAIN_FILE).write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(share_cards.CardError, match="names no font"):
        CardCache.key(CardText("Tiêu đề", "", "Site"), fonts)
    # a file that is not a font: one line too, at the glyph check
    (fonts / "DejaVuSans-Bold.ttf").write_bytes((share_cards.FONTS_DIR / "DejaVuSans-Bold.ttf").read_bytes())
    (fonts / "notafont.ttf").write_text("text", encoding="utf-8")
    (fonts / card_fonts.CHAIN_FILE).write_text("DejaVuSans-Bold.ttf DejaVuSans-Bold.ttf\n"
                                               "notafont.ttf notafont.ttf\n", encoding="utf-8")
    with pytest.raises(share_cards.CardError, match=r"notafont\.ttf: is not a font file") as raised:
        share_cards.check_card_text(CardText("Tiêu đề 한국", "", "Site"), fonts, where="x", language="vi")
    assert "\n" not in str(raised.value)


def test_a_vietnamese_card_is_a_small_1200_by_630_png_and_the_same_bytes_twice():
    card = CardText("Bảo hiểm xã hội một lần: điều kiện, cách tính và những việc cần làm trước khi "
                    "về nước, kể cả khi hợp đồng kết thúc sớm hơn dự kiến ở Hàn Quốc hay Nhật Bản",
                    "Người Việt Nam làm việc ở nước ngoài", "Bảo hiểm xã hội qua biên giới")
    first = share_cards.draw_card(card, share_cards.FONTS_DIR)
    assert png_size(first) == share_cards.CARD_SIZE
    assert len(first) <= MAX_CARD_BYTES
    assert share_cards.draw_card(card, share_cards.FONTS_DIR) == first
    # no timestamp or text chunk: only header, palette, pixels, end
    chunks = []
    offset = 8
    while offset < len(first):
        length, kind = struct.unpack(">I4s", first[offset:offset + 8])
        chunks.append(kind.decode())
        offset += 12 + length
    assert set(chunks) <= {"IHDR", "PLTE", "IDAT", "IEND"}, chunks


def test_a_different_title_draws_a_different_card():
    one = share_cards.draw_card(CardText("Đóng bao nhiêu?", "", "Site"), share_cards.FONTS_DIR)
    two = share_cards.draw_card(CardText("Đóng bao lâu?", "", "Site"), share_cards.FONTS_DIR)
    assert one != two


def test_the_cache_draws_a_card_once_and_again_when_its_text_changes(tmp_path):
    card = CardText("Thẻ bảo hiểm y tế", "Người lao động nước ngoài", "Bảo hiểm xã hội")
    cache = CardCache(tmp_path / "cards")
    first = cache.card(card, share_cards.FONTS_DIR)
    assert (cache.drawn, cache.reused) == (1, 0)
    again = CardCache(tmp_path / "cards")  # the next build
    assert again.card(card, share_cards.FONTS_DIR) == first
    assert (again.drawn, again.reused) == (0, 1)
    again.card(CardText(card.title + "!", card.section, card.site_name), share_cards.FONTS_DIR)
    assert again.drawn == 1
    assert len(list((tmp_path / "cards").glob("*.png"))) == 2


def test_a_kept_card_is_placed_in_the_site_and_a_later_drawing_never_changes_a_placed_card(tmp_path, monkeypatch):
    card = CardText("Thẻ bảo hiểm y tế", "", "Bảo hiểm xã hội")
    fonts = share_cards.FONTS_DIR
    target = tmp_path / "site" / "assets" / "cards" / "faq" / "card.png"
    cache = CardCache(tmp_path / "cards")
    assert not cache.place(card, fonts, target) and not target.exists()  # not drawn yet
    png = cache.draw(card, fonts)
    assert cache.place(card, fonts, target, png) and target.read_bytes() == png
    build = CardCache(tmp_path / "cards")  # the next build: the kept card, nothing drawn
    assert build.place(card, fonts, target) and target.read_bytes() == png
    assert (build.drawn, build.reused) == (0, 1)
    # the same card drawn again into the cache (as after a cache cleared by hand): a new file,
    # the card already in the site keeps its bytes
    kept = tmp_path / "cards" / f"{CardCache.key(card, fonts)}.png"
    inode = target.stat().st_ino
    build.draw(card, fonts)
    assert kept.stat().st_ino != inode and target.read_bytes() == png
    # where the site and the cache cannot share a file, a copy
    monkeypatch.setattr(share_cards.os, "link", lambda *args: (_ for _ in ()).throw(OSError(18, "cross-device")))
    other = tmp_path / "site" / "assets" / "cards" / "card.png"
    assert CardCache(tmp_path / "cards").place(card, fonts, other) and other.read_bytes() == png


def test_cards_unused_for_30_days_are_pruned_and_cards_in_use_are_kept(tmp_path):
    import os
    import time

    cache = CardCache(tmp_path / "cards")
    used, stale = CardText("Dùng", "", "Site"), CardText("Cũ", "", "Site")
    for card in (used, stale):
        cache.card(card, share_cards.FONTS_DIR)
    month_ago = time.time() - 31 * 86400
    for card in (used, stale):
        path = tmp_path / "cards" / f"{CardCache.key(card, share_cards.FONTS_DIR)}.png"
        os.utime(path, (month_ago, month_ago))
    assert CardCache(tmp_path / "cards").lookup(used, share_cards.FONTS_DIR) is not None  # a build reads it
    assert cache.prune() == 1
    left = [p.name for p in (tmp_path / "cards").glob("*.png")]
    assert left == [f"{CardCache.key(used, share_cards.FONTS_DIR)}.png"]
    assert CardCache(None).prune() == 0


def test_the_cache_key_follows_every_font_of_the_chain_and_its_order(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    pairs = card_fonts.chain(share_cards.FONTS_DIR)
    assert len(pairs) >= 2
    for name in [card_fonts.CHAIN_FILE, *(name for pair in pairs for name in pair)]:
        (fonts / name).write_bytes((share_cards.FONTS_DIR / name).read_bytes())
    card = CardText("Tiêu đề", "", "Site")  # (drawn by the first font alone)
    before = CardCache.key(card, fonts)
    assert before == CardCache.key(card, share_cards.FONTS_DIR)
    keys = {before}
    other = share_cards.FONTS_DIR / card_fonts.CHAIN_FILE  # any other bytes
    for pair in pairs:  # a change to any font file of the chain, even one this text does not use
        for name in pair:
            (fonts / name).write_bytes(other.read_bytes() + name.encode())
            share_cards._font_digest.cache_clear()
            keys.add(CardCache.key(card, fonts))
    assert len(keys) == 2 * len(pairs) + 1
    (fonts / card_fonts.CHAIN_FILE).write_text("\n".join(" ".join(pair) for pair in reversed(pairs)), encoding="utf-8")
    assert CardCache.key(card, fonts) not in keys
    share_cards._font_digest.cache_clear()


# --------------------------------------------------------------------------- a small project


def make_site(root: Path, title: str) -> Path:
    """A one-page site with the repository's templates and the mdbabel plugin."""
    (root / "docs").mkdir(parents=True)
    front = yaml.safe_dump({"title": title, "description": f"About {title}"}, allow_unicode=True)
    (root / "docs" / "index.md").write_text(f"---\n{front}---\n\n# Heading\n\nText.\n", encoding="utf-8")
    (root / "docs" / "guide").mkdir()
    (root / "docs" / "guide" / "page.md").write_text("# Hướng dẫn\n\nĐoạn đầu tiên của trang.\n",
                                                     encoding="utf-8")
    config = {
        "site_name": "Bảo hiểm <xã hội> & \"thẻ\"",
        "site_url": "https://example.org/sub/",
        "theme": {"name": "material", "custom_dir": str(REPO / "overrides"), "language": "vi",
                  "font": False},
        "plugins": [{"mdbabel": {"locales_dir": "locales"}}],
        "nav": ["index.md", {"Phần hướng dẫn": ["guide/page.md"]}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return root


def build(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)


def cards(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("card.png"))}


def test_hostile_text_is_escaped_and_sections_are_named(tmp_path):
    title = 'Trang "chủ" <script>alert(1)</script> & <b onmouseover=x>'
    root = make_site(tmp_path / "p", title)
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "index.html").read_text(encoding="utf-8")
    # (the page's <title> is the theme's, not checked here)
    tags = re.findall(r'<meta (?:property="og:[^"]*"|name="twitter:[^"]*") content="([^"]*)">', html)
    assert len(tags) >= len(REQUIRED) - 1  # og:url and og:image present, one for og:image:alt
    assert all("<" not in value and ">" not in value for value in tags), tags
    assert ('content="Trang &#34;chủ&#34; &lt;script&gt;' in html
            or 'content="Trang &quot;chủ&quot; &lt;script&gt;' in html)
    found = head(root / "site" / "index.html")
    assert found.meta["og:title"] == [title]
    assert found.meta["og:description"] == [f"About {title}"]  # escaped once, not twice
    assert found.meta["og:image:alt"] == [f'{title} — Bảo hiểm <xã hội> & "thẻ"']
    assert found.meta["og:site_name"] == ['Bảo hiểm <xã hội> & "thẻ"']
    assert found.meta["og:url"] == ["https://example.org/sub/"]
    assert found.meta["og:image"] == ["https://example.org/sub/assets/cards/card.png"]
    page = head(root / "site" / "guide" / "page" / "index.html")
    assert page.meta["og:description"] == ["Đoạn đầu tiên của trang."]
    assert page.meta["og:image:alt"] == ['Hướng dẫn — Phần hướng dẫn — Bảo hiểm <xã hội> & "thẻ"']
    assert page.meta["og:type"] == ["article"]
    assert "og:locale:alternate" not in page.meta  # one language published


def test_two_builds_give_the_same_cards_and_the_second_draws_none(tmp_path):
    root = make_site(tmp_path / "p", "Bảo hiểm thất nghiệp ở Việt Nam")
    assert build(root).returncode == 0
    first = cards(root / "site")
    assert len(first) == 2
    cached = sorted((root / share_cards.CARDS_CACHE_DIR).glob("*.png"))
    assert len(cached) == 2
    files = [p.stat().st_ino for p in cached]  # a drawn card replaces its file (new inode)
    assert build(root).returncode == 0
    assert cards(root / "site") == first
    assert [p.stat().st_ino for p in cached] == files  # read, not drawn again
    # without the cache, drawn afresh: the same bytes
    for path in cached:
        path.unlink()
    assert build(root).returncode == 0
    assert cards(root / "site") == first


def test_a_korean_title_builds_with_its_card(tmp_path):
    root = make_site(tmp_path / "p", "외국인 근로자 국민연금 ở Hàn Quốc")
    result = build(root)
    assert result.returncode == 0, result.stderr
    card = (root / "site" / "assets" / "cards" / "card.png").read_bytes()
    assert png_size(card) == share_cards.CARD_SIZE and len(card) <= MAX_CARD_BYTES
    assert head(root / "site" / "index.html").meta["og:title"] == ["외국인 근로자 국민연금 ở Hàn Quốc"]
    for path in (root / share_cards.CARDS_CACHE_DIR).glob("*.png"):  # drawn afresh: the same bytes
        path.unlink()
    assert build(root).returncode == 0
    assert (root / "site" / "assets" / "cards" / "card.png").read_bytes() == card


def test_every_font_of_the_chain_ships_with_its_licence_and_its_row_in_the_readme():
    import fnmatch
    import tomllib

    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs = data["tool"]["setuptools"]["package-data"]["mdbabel"]
    package = share_cards.FONTS_DIR.parent
    readme = (share_cards.FONTS_DIR / "README.md").read_text(encoding="utf-8")
    names = [card_fonts.CHAIN_FILE, *(name for pair in card_fonts.chain(share_cards.FONTS_DIR) for name in pair)]
    licences = sorted(share_cards.FONTS_DIR.glob("LICENSE-*.txt"))
    assert len(licences) >= 2
    for path in [*(share_cards.FONTS_DIR / name for name in names), *licences]:
        relative = path.relative_to(package).as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in globs), relative
    for name in names[1:]:
        assert f"| `{name}` |" in readme, name
        attributes = subprocess.run(["git", "check-attr", "binary", "--", f"scripts/mdbabel/fonts/{name}"],
                                    cwd=REPO, capture_output=True, text=True, check=True).stdout
        assert attributes.strip().endswith("binary: set"), attributes


def test_a_title_the_font_cannot_draw_fails_the_build_with_one_line(tmp_path):
    letter = absent_from_chain()
    root = make_site(tmp_path / "p", f"Người lao động Việt Nam ở 한국 {letter}")
    result = build(root)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if "card font lacks" in line]
    assert len(lines) == 1, output
    assert re.search(rf"docs/index\.md: title has a character the card font lacks: '{letter}' "
                     rf"\(U\+{ord(letter):04X}\) in the vi share card .*; ", lines[0]), lines[0]
    assert not (root / "site" / "index.html").exists()


def test_no_network_module_is_used_to_draw_a_card():
    """The drawing imports Pillow and fontTools only: no font is fetched at build."""
    code = textwrap.dedent("""
        import sys
        from mdbabel import share_cards
        share_cards.draw_card(share_cards.CardText("Tiêu đề", "Mục", "Trang"), share_cards.FONTS_DIR)
        share_cards.check_card_text(share_cards.CardText("Tiêu đề", "Mục", "Trang"), share_cards.FONTS_DIR,
                                    where="x", language="vi")
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("urllib3", "requests", "http", "socket", "ssl")))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_translated_title_the_font_cannot_draw_names_its_catalog_line(tmp_path):
    from test_site_translation import CATALOGS, build as build_project, make_project

    catalogs = dict(CATALOGS)
    letter = absent_from_chain()
    catalogs["index"] = CATALOGS["index"].replace('msgstr "Insurance home"', f'msgstr "Insurance home 한국 {letter}"')
    assert catalogs["index"] != CATALOGS["index"]
    root = make_project(tmp_path / "project", catalogs=catalogs)
    result = build_project(root)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    lines = [line for line in output.splitlines() if "card font lacks" in line]
    assert len(lines) == 1 and "Traceback" not in output, output
    assert re.search(r"locales/en/LC_MESSAGES/index\.po:\d+: title has a character the card font lacks: "
                     rf"'{letter}' \(U\+{ord(letter):04X}\) in the en share card", lines[0]), lines[0]
