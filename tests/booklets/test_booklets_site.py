"""The real site's printed booklets (mdbabel.booklets), built as `make site` builds them.

Two copies of the project are built, each with its own cache, with one SOURCE_DATE_EPOCH:
every language of mkdocs.yml gets every booklet; each PDF parses, is tagged with its language,
has a bookmark for each page it holds, holds every page title of its audience (as the built
page shows it), is at most 3 MB and has the same bytes in both builds; together a language's
booklets hold every page of the nav but the translation status page; the home page and each
audience's first page link to the booklet with its size; the build reports each size; and a
build without MDBABEL_BOOKLETS makes none.
"""

from __future__ import annotations

import functools
import html as html_module
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urljoin

import pytest
from pypdf import PdfReader

from acceptance_support import copy_site
from mdbabel import catalogs
from mdbabel.booklets import BOOKLETS
from test_booklets import front_matter, nav_pages

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
EPOCH = "1796000000"
LIMIT = 3_000_000


def build(project: Path, name: str = "site") -> tuple[Path, str]:
    site = project / name
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL",)}
    env.update(SOURCE_DATE_EPOCH=EPOCH, MDBABEL_STRICT="true", MDBABEL_BOOKLETS="true", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mdbabel.parallel_build", "--site-dir", str(site)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stderr[-4000:]
    return site, result.stdout


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    first = build(copy_site(tmp_path_factory.mktemp("first")))
    second = build(copy_site(tmp_path_factory.mktemp("second")))
    return first, second


@pytest.fixture(scope="module")
def site(builds) -> Path:
    return builds[0][0]


CONFIG = catalogs.load_site_config(REPO)
LANGUAGES = [CONFIG.source_language, *CONFIG.languages]
NAV = nav_pages(CONFIG.raw["nav"])


def root(language: str) -> str:
    return "" if language == CONFIG.source_language else f"{language}/"


def built_page(site: Path, language: str, src: str) -> Path:
    path = src[:-3]
    path = path[: -len("index")] if path.endswith("index") else path + "/"
    return site / root(language) / path / "index.html"


def built_title(site: Path, language: str, src: str) -> str:
    """The page's title as its built page shows it (the article's h1)."""
    text = built_page(site, language, src).read_text(encoding="utf-8")
    article = text[text.index("<article"):]
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S).group(1)
    heading = re.sub(r'<a class="headerlink".*?</a>', "", heading, flags=re.S)
    return nfc(html_module.unescape(re.sub(r"<[^>]+>", "", heading)).strip())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def pdf_paths(site: Path, language: str, spec) -> list[Path]:
    """The booklet's file, or its parts' (``<name>-<n>-<lang>.pdf``) when it is long."""
    folder = site / root(language) / "booklets"
    whole = folder / f"{spec.name}-{language}.pdf"
    parts = sorted(folder.glob(f"{spec.name}-[0-9]*-{language}.pdf"),
                   key=lambda p: int(p.name[len(spec.name) + 1:].split("-")[0]))
    assert whole.is_file() != bool(parts), f"{spec.name}: one file or parts"
    return [whole] if whole.is_file() else parts


@functools.cache
def page_texts(path: Path) -> tuple[str, ...]:
    """The text pypdf extracts from each page of *path* (taken once for all the tests: about
    40 ms a page)."""
    return tuple(page.extract_text() for page in PdfReader(path).pages)


def images(reader: PdfReader) -> set[bytes]:
    """The pixels (1 bit) of every image the document draws, each image decoded once (the
    pages share their resources)."""
    found, names = set(), set()
    for page in reader.pages:
        new = set((page["/Resources"].get("/XObject") or {}).keys()) - names
        if new:
            names |= new
            found |= {image.image.convert("1").tobytes() for image in page.images if image.name in new
                      or f"/{image.name.rsplit('.', 1)[0]}" in new}
    return found


def outline(reader: PdfReader) -> list[str]:
    def walk(items):
        for item in items:
            yield from walk(item) if isinstance(item, list) else [nfc(item.title)]
    return list(walk(reader.outline))


def audience_pages(spec) -> list[str]:
    return [src for src in NAV if front_matter(CONFIG.docs_path / src)[0].get("audience") in spec.audiences]


def status_page() -> str:
    return next(src for src in NAV if "<!-- mdbabel:translation-status -->" in front_matter(CONFIG.docs_path / src)[1])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("spec", BOOKLETS, ids=lambda s: s.name)
def test_each_booklet_is_a_tagged_pdf_with_its_audiences_page_titles_as_bookmarks(site, language, spec):
    titles = []
    for path in pdf_paths(site, language, spec):
        assert 0 < path.stat().st_size <= LIMIT
        reader = PdfReader(path)
        rootobj = reader.trailer["/Root"]
        assert "/StructTreeRoot" in rootobj and bool(rootobj["/MarkInfo"]["/Marked"])
        assert rootobj["/Lang"] == language
        titles += outline(reader)
    expected = [built_title(site, language, src) for src in audience_pages(spec)]
    assert expected and [t for t in expected if t not in titles] == []
    assert len(titles) > len(expected)  # the sections of the pages have bookmarks too


@pytest.mark.parametrize("language", LANGUAGES)
def test_together_a_languages_booklets_hold_every_page_but_the_status_page(site, language):
    held = set()
    for spec in BOOKLETS:
        for path in pdf_paths(site, language, spec):
            held |= set(outline(PdfReader(path)))
    status = status_page()
    missing = [src for src in NAV if src != status and built_title(site, language, src) not in held]
    assert missing == []
    assert built_title(site, language, status) not in held


def test_vietnamese_titles_are_searchable_with_their_diacritics(site):
    language = CONFIG.source_language
    spec = BOOKLETS[0]
    text = nfc(" ".join(t for path in pdf_paths(site, language, spec) for t in page_texts(path)))
    titles = [built_title(site, language, src) for src in audience_pages(spec)]
    with_marks = [t for t in titles if any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", t))]
    assert with_marks
    assert [t for t in with_marks if t not in text] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_languages_page_titles_are_searchable_text_drawn_with_embedded_fonts(site, language):
    """Each title of a booklet's audience pages, as its built page shows it, is in the text
    pypdf extracts (a title in a script the fonts lack would come out as other characters),
    and every font is embedded."""
    for spec in BOOKLETS:
        readers = [PdfReader(path) for path in pdf_paths(site, language, spec)]
        text = nfc(" ".join(t for path in pdf_paths(site, language, spec) for t in page_texts(path)))
        titles = [built_title(site, language, src) for src in audience_pages(spec)]
        assert titles and [t for t in titles if t not in text] == [], spec.name
        for reader in readers:
            for page in reader.pages:
                for ref in (page["/Resources"].get("/Font") or {}).values():
                    font = ref.get_object()
                    font = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                    assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(font["/FontDescriptor"]), spec.name


def test_two_builds_make_the_same_booklets_and_report_their_sizes(builds):
    (first, first_log), (second, _) = builds
    for language in LANGUAGES:
        for spec in BOOKLETS:
            for a, b in zip(pdf_paths(first, language, spec), pdf_paths(second, language, spec), strict=True):
                assert a.read_bytes() == b.read_bytes(), a.name
                shown = a.relative_to(first).as_posix()
                assert re.search(rf"^booklet {re.escape(shown)}: \d+\.\d\d MB$", first_log, re.M), first_log


def test_a_page_edit_remakes_only_the_booklets_that_hold_it(builds):
    site = builds[1][0]
    project = site.parent
    cache = project / ".cache" / "mdbabel" / "booklets"
    before = {p.name for p in cache.glob("*.pdf")}
    spec = BOOKLETS[-1]
    edited = audience_pages(spec)[-1]
    holding = set()  # <lang>-<file name without the language>: the booklets (or parts) with the page
    for language in LANGUAGES:
        title = built_title(site, language, edited)
        for path in pdf_paths(site, language, spec):
            if title in outline(PdfReader(path)):
                holding.add(f"{language}-{path.name[:-len(f'-{language}.pdf')]}")
    assert len(holding) == len(LANGUAGES)
    path = project / CONFIG.docs_dir / edited
    path.write_text(path.read_text(encoding="utf-8") + "\nMột đoạn mới để kiểm tra sổ tay.\n", encoding="utf-8")
    build(project, "site-edited")
    remade = {name.rsplit("-", 1)[0] for name in {p.name for p in cache.glob("*.pdf")} - before}
    # the new paragraph is in every language's page (untranslated: in Vietnamese)
    assert remade == holding


def download_links(page: Path) -> list[tuple[str, str, str]]:
    text = page.read_text(encoding="utf-8")
    block = re.search(r'<ul class="mdbabel-booklets".*?</ul>', text, re.S)
    if not block:
        return []
    return [(html_module.unescape(href), lang, nfc(html_module.unescape(body))) for href, lang, body in re.findall(
        r'<a href="([^"]+)"[^>]*>.*?<span lang="([^"]+)">([^<]*)</span></a>', block.group(0), re.S)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_and_each_audiences_first_page_link_to_the_booklet_with_its_size(site, language):
    home = built_page(site, language, NAV[0])
    firsts = {}
    for spec in BOOKLETS:
        for audience in spec.audiences:
            src = next(s for s in NAV if front_matter(CONFIG.docs_path / s)[0].get("audience") == audience)
            firsts.setdefault(src, []).append(spec.name)
    pages = {home: [s.name for s in BOOKLETS]} | {built_page(site, language, s): n for s, n in firsts.items()}
    by_name = {spec.name: spec for spec in BOOKLETS}
    for page, names in pages.items():
        links = download_links(page)
        wanted = [p.name for n in names for p in pdf_paths(site, language, by_name[n])]
        assert sorted(Path(href).name for href, _, _ in links) == sorted(wanted), page
        for href, _, text in links:
            target = (page.parent / href).resolve()
            assert target.is_file(), href
            megabytes = max(round(target.stat().st_size / 1e6, 1), 0.1)
            shown = re.search(r"(\d+)[.,](\d) MB", text)
            assert shown and float(f"{shown.group(1)}.{shown.group(2)}") == megabytes, text
    other = built_page(site, language, NAV[-2])
    if other not in pages:
        assert download_links(other) == []



# ------------------------------------------------ each booklet as a reader holds it in hand


def canonical(site: Path, language: str, src: str) -> str:
    """The page's online address, as its built page gives it."""
    text = built_page(site, language, src).read_text(encoding="utf-8")
    return html_module.unescape(re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1))


def squash(text: str) -> str:
    """Text without white space (a line may break inside an address or a title)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def qr_pixels(url: str) -> bytes:
    import base64
    import io

    from PIL import Image

    from mdbabel.booklets.content import qr_data_uri

    data = base64.b64decode(qr_data_uri(url).split(",", 1)[1])
    return Image.open(io.BytesIO(data)).convert("1").tobytes()


def check_printed_booklet(site: Path, language: str, path: Path, title: str, built) -> int:
    """What a reader of *path* finds (see the test below); *title* as the download link shows it.
    Returns how many sources were found in their chapters."""
    from babel import Locale

    from mdbabel.figures import format_long_date

    reader = PdfReader(path)
    texts = [squash(text) for text in page_texts(path)]
    assert {(round(float(p.mediabox[2])), round(float(p.mediabox[3]))) for p in reader.pages} == {(595, 842)}
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp), path.name
    home = canonical(site, language, NAV[0])
    # the cover: title, language, the date whose figures it shows, the site's address
    cover = texts[0]
    name = Locale.parse(language.replace("-", "_")).get_display_name(language.replace("-", "_"))
    assert squash(title) in cover and squash(name).casefold() in cover.casefold(), (path.name, cover)
    assert any(squash(format_long_date(built, lang)) in cover for lang in LANGUAGES), (path.name, cover)
    assert squash(home) in cover
    # the contents: each chapter's page number, in order
    chapters = [(nfc(item.title), reader.get_destination_page_number(item))
                for item in reader.outline if not isinstance(item, list)][2:]
    first = chapters[0][1]
    numbers = [int(n) for text in page_texts(path)[1:first]
               for n in re.findall(r"\.{3,}\s*(\d+)\s*$", text, re.M)]
    assert numbers == [start + 1 for _, start in chapters], path.name
    # every page of a chapter: its online address in the footer; its QR code in the document
    by_title = {built_title(site, language, src): src for src in NAV}
    checked = 0
    drawn = images(reader)
    assert qr_pixels(home) in drawn
    ends = [start for _, start in chapters[1:]] + [len(reader.pages)]
    for (chapter, start), end in zip(chapters, ends, strict=True):
        url = canonical(site, language, by_title[chapter])
        assert [i + 1 for i in range(start, end) if squash(url) not in texts[i]] == [], (path.name, url)
        assert qr_pixels(url) in drawn, (path.name, url)
        # the chapter's sources, as its page lists them
        page = built_page(site, language, by_title[chapter]).read_text(encoding="utf-8")
        listed = re.search(r'<ul class="mdbabel-sources">(.*?)</ul>', page, re.S)
        sources = [squash(html_module.unescape(re.sub(r"<[^>]+>", "", item)))
                   for item in re.findall(r"<li>\s*(?:<span[^>]*>|<a [^>]*>)(.*?)</(?:span|a)>", listed.group(1), re.S)
                   ] if listed else []
        text = "".join(texts[start:end])
        assert [source for source in sources if source not in text] == [], (path.name, chapter)
        checked += len(sources)
    # links to other pages are printed as their addresses (the home page's, in its chapter)
    if chapters[0][0] == built_title(site, language, NAV[0]):
        article = built_page(site, language, NAV[0]).read_text(encoding="utf-8").split("<article", 1)[1]
        article = article.split('<footer class="mdbabel-facts"', 1)[0]
        links = {urljoin(home, html_module.unescape(href))
                 for href in re.findall(r'<a href="([^"#:]+/)"', article)}
        text = "".join(texts[chapters[0][1]:ends[0]])
        assert links and [link for link in links if squash(link) not in text] == []
    return checked


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_booklet_has_its_cover_contents_footers_and_qr_codes_as_printed(site, language):
    """Every booklet (or part): A4 pages and PDF/UA-1; a cover with its title (as the download
    link names it), its language's name, the date of its figures and the site's address with
    its QR code; contents whose numbers are the pages the chapters start on; on every page of
    a chapter the address of its online page, whose QR code the document holds; each
    chapter's sources as its page lists them; and the home page's links to other pages
    printed as their addresses."""
    import datetime as dt

    built = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC).date()
    home = built_page(site, language, NAV[0]).read_text(encoding="utf-8")
    block = re.search(r'<ul class="mdbabel-booklets".*?</ul>', home, re.S).group(0)
    titles = {Path(html_module.unescape(href)).name: html_module.unescape(title) for href, title in
              re.findall(r'<a href="([^"]+)"[^>]*>\s*<span lang="[^"]+">([^<]*)</span>', block)}
    sources = 0
    for spec in BOOKLETS:
        for path in pdf_paths(site, language, spec):
            sources += check_printed_booklet(site, language, path, titles[path.name], built)
    assert sources  # the pages name their legal sources: each is printed in its chapter

def test_a_build_without_the_option_makes_no_booklet_and_no_link(built_site):
    assert list(built_site.rglob("*.pdf")) == []
    assert "mdbabel-booklets" not in (built_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_printed_home_page_hides_navigation_and_writes_out_the_booklets_address(site, browser, site_url):
    from search_support import serve_site

    with serve_site(site, site_url) as base:
        context = browser.new_context(viewport={"width": 794, "height": 1123})
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(base, wait_until="load")
        hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-search', '.mdbabel-search',
            '.md-footer'].filter(s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length > 0))""")
        written = page.evaluate("""() => [...document.querySelectorAll('.mdbabel-booklets a')]
            .map(a => [a.href, getComputedStyle(a, '::after').content])""")
        context.close()
    assert hidden == []
    assert written
    for href, after in written:
        assert href.endswith(".pdf") and href.startswith(base) and href in after, (href, after)


def test_mkdocs_yml_leaves_the_booklets_out_unless_the_environment_asks():
    code = ("from mkdocs.config import load_config; "
            "print(repr(load_config('mkdocs.yml').plugins['mdbabel'].config.booklets))")
    env = {k: v for k, v in os.environ.items() if k != "MDBABEL_BOOKLETS"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    for extra, wanted in (({}, "False"), ({"MDBABEL_BOOKLETS": "true"}, "True")):
        result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**env, **extra},
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.strip().splitlines()[-1] == wanted
