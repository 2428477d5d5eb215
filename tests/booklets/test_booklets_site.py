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

import html as html_module
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

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
    readers = [PdfReader(path) for path in pdf_paths(site, language, spec)]
    text = nfc(" ".join(page.extract_text() for reader in readers for page in reader.pages))
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
        text = nfc(" ".join(page.extract_text() for reader in readers for page in reader.pages))
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
