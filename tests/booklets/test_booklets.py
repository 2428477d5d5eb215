"""The printed edition's core (mdbabel.booklets): which pages go where, the article HTML made
fit for print, and the PDF itself (tagged, language, bookmarks, Vietnamese text, same bytes
twice, nothing fetched), on small documents. The real site's booklets:
tests/booklets/test_booklets_site.py."""

from __future__ import annotations

import datetime as dt
import io
import socket
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from mdbabel import catalogs
from mdbabel.booklets import BOOKLETS, Labels, PageInput, build_booklet, plan_booklets
from mdbabel.booklets.content import printable_html, qr_data_uri
from mdbabel.booklets.plan import first_pages
from mdbabel.booklets.render import BookletError, build_date

REPO = Path(__file__).resolve().parents[2]
STATUS_PLACEHOLDER = "<!-- mdbabel:translation-status -->"  # mdbabel.mkdocs_plugin


def nav_pages(nav) -> list[str]:
    """The pages of mkdocs.yml's nav, in order."""
    found = []
    for item in nav:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found.extend(nav_pages(value) if isinstance(value, list) else [value])
    return found


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}, text
    _, head, body = text.split("---", 2)
    return yaml.safe_load(head) or {}, body


def site_inputs() -> list[PageInput]:
    """The real site's pages as the adapter hands them over (placeholder HTML)."""
    config = catalogs.load_site_config(REPO)
    pages = []
    for src in nav_pages(config.raw["nav"]):
        meta, body = front_matter(config.docs_path / src)
        pages.append(PageInput(key=src, title=str(meta.get("title", src)), url=f"https://example.org/{src}",
                               html="<p>x</p>", lang="vi", audience=meta.get("audience"),
                               is_home=src == "index.md", printable=STATUS_PLACEHOLDER not in body))
    return pages


def test_together_a_languages_booklets_hold_every_page_of_the_nav_but_the_status_page():
    pages = site_inputs()
    held = {p.key for _, chosen in plan_booklets(pages) for p in chosen}
    status = [p.key for p in pages if not p.printable]
    assert status, "the translation status page holds the status placeholder"
    assert held == {p.key for p in pages} - set(status)


def test_each_booklet_starts_with_the_home_page_and_keeps_the_navigation_order():
    pages = site_inputs()
    order = [p.key for p in pages]
    for spec, chosen in plan_booklets(pages):
        keys = [p.key for p in chosen]
        assert keys[0] == "index.md", spec.name
        own = [k for k in keys[1:] if any(p.key == k and p.audience in spec.audiences for p in pages)]
        common = keys[1 + len(own):]
        assert keys[1:1 + len(own)] == own, "the audience's pages come before the pages for everyone"
        assert own == sorted(own, key=order.index) and common == sorted(common, key=order.index)
        assert own, f"no page is for the audiences of {spec.name}"


def page(key, audience=None, **extra):
    return PageInput(key=key, title=key, url=f"https://example.org/{key}/", html="<p>x</p>", lang="vi",
                     audience=audience, **extra)


def test_a_page_without_a_known_audience_is_in_every_booklet():
    pages = [page("home", is_home=True), page("a", BOOKLETS[0].audiences[0]), page("none"),
             page("odd", "someone-else"), page("gone", printable=False)]
    for _, chosen in plan_booklets(pages):
        keys = [p.key for p in chosen]
        assert {"home", "none", "odd"} <= set(keys) and "gone" not in keys


def test_the_home_page_links_every_booklet_and_each_audiences_first_page_its_own():
    pages = [page("home", is_home=True)]
    for spec in BOOKLETS:
        pages += [page(f"{audience}-{n}", audience) for audience in spec.audiences for n in (1, 2)]
    links = first_pages(pages, plan_booklets(pages))
    assert links["home"] == [spec.name for spec in BOOKLETS]
    for spec in BOOKLETS:
        for audience in spec.audiences:
            assert links[f"{audience}-1"] == [spec.name]
            assert f"{audience}-2" not in links


def test_a_long_booklet_is_made_in_parts_that_keep_the_order_and_are_all_linked():
    spec = BOOKLETS[0]
    pages = [page("home", is_home=True)] + [page(f"p{n}", spec.audiences[0]) for n in range(6)] + [page("faq")]
    planned = plan_booklets(pages, (spec,), max_pages=3)
    assert [(s.name, s.part, s.parts) for s, _ in planned] == [
        (f"{spec.name}-{n}", n, 3) for n in (1, 2, 3)]
    assert [p.key for _, chosen in planned for p in chosen] == [p.key for p in pages]
    assert all(len(chosen) <= 3 for _, chosen in planned)
    links = first_pages(pages, planned, (spec,))
    assert links["home"] == links["p0"] == [s.name for s, _ in planned]
    assert plan_booklets(pages, (spec,), max_pages=len(pages))[0][0] == spec  # whole: as it is


def test_article_html_is_made_fit_for_one_document():
    html = ('<h2 id="who">Ai <a class="headerlink" href="#who" title="Liên kết">&para;</a></h2>'
            '<p><a href="#who">up</a> <a href="../other/">other</a> <a href="https://vss.gov.vn">https://vss.gov.vn</a>'
            ' <a href="https://x.org/?a=1&amp;b=&quot;2&quot;">x</a></p><details><summary>s</summary><p>in</p></details>')
    out = printable_html(html, page_url="https://example.org/guide/fw/page/", prefix="c3")
    assert 'id="c3-who"' in out and 'href="#c3-who"' in out and "headerlink" not in out
    assert 'href="https://example.org/guide/fw/other/"' in out
    assert '<a class="bare" href="https://vss.gov.vn">' in out
    assert 'href="https://x.org/?a=1&amp;b=&quot;2&quot;"' in out  # escaped as it came
    assert "<details open>" in out


def test_the_qr_code_is_the_same_image_for_the_same_address():
    first = qr_data_uri("https://example.org/guide/é/")
    assert first.startswith("data:image/png;base64,") and first == qr_data_uri("https://example.org/guide/é/")
    assert first != qr_data_uri("https://example.org/guide/other/")


def test_the_build_date_comes_from_source_date_epoch():
    assert build_date({"SOURCE_DATE_EPOCH": "1796000000"}) == dt.date(2026, 11, 30)
    with pytest.raises(BookletError, match="SOURCE_DATE_EPOCH"):
        build_date({"SOURCE_DATE_EPOCH": "yesterday"})


def test_the_core_does_not_import_mkdocs():
    code = ("import sys, mdbabel.booklets, mdbabel.booklets.render; "
            "print(sorted(k for k in sys.modules if k == 'mkdocs' or k.startswith('mkdocs.')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# ------------------------------------------------------------------- the PDF of a small booklet

TITLE = unicodedata.normalize("NFD", "Khi rời Việt Nam, tôi có nhận lại tiền bảo hiểm xã hội không?")


def small_booklet(cache_dir=None, extra=""):
    labels = Labels(kind=("Sổ tay", "vi"), title=("Cho người lao động", "vi"), language=("Ngôn ngữ: Tiếng Việt", "vi"),
                    valid_as_of=("Số liệu có hiệu lực vào ngày 30 tháng 11 năm 2026", "vi"),
                    site=("Trang web: https://example.org/", "vi"), contents=("Mục lục", "vi"),
                    sources=("Nguồn", "vi"))
    pages = [
        PageInput("index.md", "Trang chủ", "https://example.org/", "<p>Giới thiệu.</p>", "vi", is_home=True),
        PageInput("leaving.md", TITLE, "https://example.org/leaving/",
                  f'<h2 id="a">Hồ sơ cần có</h2><p>Đóng 8% tiền lương.{extra}</p><h3 id="b">Nộp ở đâu</h3>',
                  "vi", audience=BOOKLETS[0].audiences[0],
                  sources=[{"title": "Luật Bảo hiểm xã hội số 41/2024/QH15", "url": None}],
                  reviewed=("Nội dung được kiểm tra lần cuối: 7 tháng 12 năm 2026", "vi")),
    ]
    return build_booklet(BOOKLETS[0], pages, language="vi", labels=labels, site_url="https://example.org/",
                         online=lambda url: (f"Trang này trên mạng: {url}", "vi"),
                         built=dt.date(2026, 11, 30), cache_dir=cache_dir)


@pytest.fixture(scope="module")
def booklet():
    return small_booklet()


def outline_titles(reader) -> list[str]:
    def walk(items):
        for item in items:
            yield from walk(item) if isinstance(item, list) else [item.title]
    return list(walk(reader.outline))


def test_the_pdf_is_tagged_with_its_language_and_has_a_bookmark_per_chapter_and_section(booklet):
    reader = PdfReader(io.BytesIO(booklet.pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"]) and root["/Lang"] == "vi"
    titles = [unicodedata.normalize("NFC", t) for t in outline_titles(reader)]
    for wanted in ("Mục lục", "Trang chủ", unicodedata.normalize("NFC", TITLE), "Hồ sơ cần có", "Nộp ở đâu"):
        assert wanted in titles


def test_vietnamese_text_is_searchable_with_its_diacritics_and_fonts_are_embedded(booklet):
    reader = PdfReader(io.BytesIO(booklet.pdf))
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in reader.pages)).replace("\n", " ")
    assert unicodedata.normalize("NFC", TITLE) in text
    assert "Số liệu có hiệu lực vào ngày 30 tháng 11 năm 2026" in text
    fonts = [f.get_object() for p in reader.pages for f in (p["/Resources"].get("/Font") or {}).values()]
    assert fonts
    for font in fonts:
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"]
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


def test_the_contents_show_page_numbers_and_a4_pages(booklet):
    reader = PdfReader(io.BytesIO(booklet.pdf))
    contents = reader.pages[1].extract_text()
    assert "Mục lục" in contents and "....." in contents
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_two_builds_give_the_same_bytes_and_no_creation_time(booklet):
    again = small_booklet()
    assert again.pdf == booklet.pdf
    info = PdfReader(io.BytesIO(booklet.pdf)).metadata
    assert info["/CreationDate"].startswith("D:20261130")


def test_an_unchanged_booklet_comes_from_the_cache_and_a_changed_one_replaces_it(tmp_path, booklet):
    first = small_booklet(tmp_path)
    assert not first.cached and first.pdf == booklet.pdf
    second = small_booklet(tmp_path)
    assert second.cached and second.pdf == first.pdf
    changed = small_booklet(tmp_path, extra=" Thêm một câu.")
    assert not changed.cached and changed.pdf != first.pdf
    assert len(list(tmp_path.glob("*.pdf"))) == 1  # the old version of the same booklet is gone


def test_nothing_is_fetched_for_an_image_or_link_on_the_web(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    made = small_booklet(extra='<img src="https://example.org/tracker.png" alt="x">'
                               '<img src="/local.png" alt="y">')
    assert made.pdf.startswith(b"%PDF") and attempts == []


def test_without_weasyprint_or_its_libraries_the_error_is_one_line_saying_what_to_install(monkeypatch):
    from mdbabel.booklets import render

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as when the import fails
    with pytest.raises(BookletError, match="Pango libraries .*README"):
        render.render_pdf("<p>x</p>", "", b"0" * 32)


# ------------------------------------------------------- a Korean booklet (the package's font chain)

KO_TITLE = unicodedata.normalize("NFD", "베트남을 떠날 때 사회보험 일시금을 받을 수 있나요?")


def korean_booklet(cache_dir=None):
    labels = Labels(kind=("안내 책자", "ko"), title=("외국인 근로자용", "ko"), language=("언어: 한국어", "ko"),
                    valid_as_of=("2026년 11월 30일 기준 수치", "ko"), site=("웹사이트: https://example.org/ko/", "ko"),
                    contents=("목차", "ko"), sources=("출처", "ko"))
    pages = [
        PageInput("index.md", "홈", "https://example.org/ko/", "<p>소개.</p>", "ko", is_home=True),
        PageInput("leaving.md", KO_TITLE, "https://example.org/ko/leaving/",
                  '<h2 id="a">필요한 서류</h2><p>임금의 8%를 납부합니다 (Bảo hiểm xã hội, BHXH).</p>'
                  '<p><em>기울임 글씨</em> <strong>굵은 글씨</strong></p>',
                  "ko", audience=BOOKLETS[0].audiences[0]),
    ]
    return build_booklet(BOOKLETS[0], pages, language="ko", labels=labels, site_url="https://example.org/ko/",
                         online=lambda url: (f"온라인: {url}", "ko"), built=dt.date(2026, 11, 30), cache_dir=cache_dir)


@pytest.fixture(scope="module")
def ko_booklet():
    return korean_booklet()


def embedded_fonts(reader) -> dict[str, bool]:
    """Base font name (without the subset tag) -> whether its file is embedded."""
    found = {}
    for p in reader.pages:
        for ref in (p["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"]
            name = str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]
            found[name] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_korean_text_is_drawn_with_the_hangul_font_of_the_chain_and_extracts_exactly(ko_booklet):
    from mdbabel.booklets import fonts

    reader = PdfReader(io.BytesIO(ko_booklet.pdf))
    assert reader.trailer["/Root"]["/Lang"] == "ko"
    text = unicodedata.normalize("NFC", " ".join(p.extract_text() for p in reader.pages)).replace("\n", " ")
    for wanted in (KO_TITLE, "2026년 11월 30일 기준 수치", "임금의 8%를 납부합니다 (Bảo hiểm xã hội, BHXH).",
                   "굵은 글씨", "기울임 글씨"):
        assert unicodedata.normalize("NFC", wanted) in text
    titles = [unicodedata.normalize("NFC", t) for t in outline_titles(reader)]
    assert unicodedata.normalize("NFC", KO_TITLE) in titles and "필요한 서류" in titles
    embedded = embedded_fonts(reader)
    assert all(embedded.values()), embedded
    # the chain's families (read from chain.txt's files): the Hangul one and the Latin one are used
    used = {name.replace("-", "").replace(" ", "").lower() for name in embedded}
    for family in fonts.families():
        assert any(u.startswith(family.replace(" ", "").lower()) for u in used), (family, embedded)


def test_a_korean_booklet_has_the_same_bytes_twice(ko_booklet):
    assert korean_booklet().pdf == ko_booklet.pdf


def test_the_font_css_names_only_the_packages_files_by_a_machine_independent_address():
    from mdbabel.booklets import fonts

    css = fonts.font_css()
    names = [name for pair in fonts.chain() for name in pair]
    assert names and all(f'url("{fonts.SCHEME}{name}")' in css for name in names)
    assert str(fonts.FONTS_DIR) not in css and "http" not in css and "file:" not in css
    stack = css[css.index("html {"):]
    assert [stack.index(f'"{f}"') for f in fonts.families()] == sorted(stack.index(f'"{f}"') for f in fonts.families())


def test_the_cache_key_covers_the_font_files(tmp_path, monkeypatch):
    from mdbabel.booklets import fonts

    copy = tmp_path / "fonts"
    copy.mkdir()
    for item in fonts.FONTS_DIR.iterdir():
        (copy / item.name).write_bytes(item.read_bytes())
    same = fonts.digest(copy)
    assert same == fonts.digest()
    regular = fonts.chain(copy)[-1][1]
    (copy / regular).write_bytes((copy / regular).read_bytes() + b"\0")
    assert fonts.digest(copy) != same
    cache = tmp_path / "cache"
    first = small_booklet(cache)
    monkeypatch.setattr(fonts, "digest", lambda fonts_dir=None: "another font file")
    again = small_booklet(cache)
    assert not first.cached and not again.cached


def test_a_chain_naming_a_missing_font_is_one_line(tmp_path, monkeypatch):
    from mdbabel.booklets import fonts

    (tmp_path / "chain.txt").write_text("Gone-Bold.ttf Gone.ttf\n", encoding="utf-8")
    with pytest.raises(fonts.FontError, match=r"chain.txt: names Gone-Bold.ttf, which cannot be read"):
        fonts.digest(tmp_path)


def test_a_title_in_a_fallback_language_gets_its_own_lang_and_no_private_use_character():
    from mdbabel import lang_marks
    from mdbabel.booklets.render import booklet_html

    labels = Labels(kind=("Handbook", "en"), title=("For workers", "en"), language=("Language: English", "en"),
                    valid_as_of=("Figures valid as of 30 November 2026", "en"), site=("Site", "en"),
                    contents=("Contents", "en"), sources=("Sources", "en"))
    pages = [PageInput("a.md", lang_marks.mark("Trang chủ", "vi"), "https://example.org/", "<p>x</p>", "en")]
    html = booklet_html(BOOKLETS[0], pages, language="en", labels=labels, online=lambda url: (url, "en"),
                        site_url="https://example.org/", built=dt.date(2026, 11, 30), qr=lambda url: url)
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in html)
    assert '<span lang="vi">Trang chủ</span>' in html


# ------------------------------------------------------------- the cache key and a warm build

WARM_SCRIPT = r'''
import datetime as dt, sys
from pathlib import Path
from mdbabel.booklets import BOOKLETS, Labels, PageInput, build_booklet, render
cache = Path(sys.argv[1])
labels = Labels(*[(f"label {i}", "vi") for i in range(7)])
pages = [PageInput("index.md", "Trang chủ", "https://example.org/", "<p>Giới thiệu.</p>", "vi", is_home=True)]
options = dict(language="vi", labels=labels, online=lambda url: (url, "vi"), site_url="https://example.org/",
               built=dt.date(2026, 11, 30))
digest = render.inputs_digest(BOOKLETS[0], pages, **options)
if sys.argv[2] == "store":
    cache.mkdir(parents=True, exist_ok=True)
    (cache / f"vi-{BOOKLETS[0].name}-{digest[:24]}.pdf").write_bytes(b"%PDF-from the cache")
else:
    made = build_booklet(BOOKLETS[0], pages, cache_dir=cache, **options)
    heavy = sorted(k for k in sys.modules if k.split(".")[0] in ("weasyprint", "fontTools", "qrcode", "pypdf"))
    print(made.cached, made.pdf == b"%PDF-from the cache", heavy)
'''


def test_a_booklet_from_the_cache_imports_no_engine_font_reader_or_qr_code_maker(tmp_path):
    """A warm build pays for the digest of the inputs only (dev/booklets.md, "Build time")."""
    for step in ("store", "take"):
        result = subprocess.run([sys.executable, "-c", WARM_SCRIPT, str(tmp_path / "cache"), step],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[0] == "True True []"


def test_the_cache_key_covers_every_input_the_code_and_the_template(tmp_path, monkeypatch):
    from mdbabel.booklets import render

    labels = Labels(*[(f"label {i}", "vi") for i in range(7)])
    page = PageInput("a.md", "Tiêu đề", "https://example.org/a/", "<p>Nội dung.</p>", "vi",
                     sources=[{"title": "Luật số 41/2024/QH15", "url": None}])
    options = dict(language="vi", labels=labels, online=lambda url: (f"Trên mạng: {url}", "vi"),
                   site_url="https://example.org/", built=dt.date(2026, 11, 30))

    def key(pages=(page,), **changed):
        return render.inputs_digest(BOOKLETS[0], list(pages), **{**options, **changed})

    first = key()
    assert key() == first  # the same inputs, the same key
    changed = [
        key(pages=[PageInput(**{**page.__dict__, "html": "<p>Nội dung khác.</p>"})]),
        key(pages=[PageInput(**{**page.__dict__, "sources": [{"title": "Luật số 41/2024/QH15", "url": "https://x.vn"}]})]),
        key(pages=[PageInput(**{**page.__dict__, "lang": "en"})]),
        key(pages=[page, page]),
        key(labels=Labels(*[(f"label {i}", "en") for i in range(7)])),
        key(online=lambda url: (f"Online: {url}", "en")),
        key(built=dt.date(2026, 12, 1)),
        key(site_url="https://example.org/guide/"),
        key(language="en"),
    ]
    assert len({first, *changed}) == len(changed) + 1
    # the template (and the stylesheet, read the same way) is part of the code the key covers
    templates = tmp_path / "templates"
    templates.mkdir()
    for name in ("booklet.html", "booklet.css"):
        (templates / name).write_bytes((render.TEMPLATES / name).read_bytes())
    monkeypatch.setattr(render, "TEMPLATES", templates)
    assert key() == first
    (templates / "booklet.html").write_text((templates / "booklet.html").read_text() + "<!-- -->\n")
    assert key() != first
