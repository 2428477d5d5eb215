"""The MkDocs adapter on a tiny bilingual project (same mkdocs.yml shape as the site).

One project is built once per module (vi at /, en at /en/); each test reads the output.
The strict-mode test builds a second copy with a broken translation.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).with_name("mkdocs")
SITE_URL = "https://docs.example.test/bhxh/"

MKDOCS_YML = f"""\
site_name: Bảo hiểm xã hội
site_url: {SITE_URL}
theme:
  name: material
  custom_dir: overrides
  language: vi
  font: false
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
      slugify: !!python/name:mdbabel.slugs.slugify
plugins:
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      reconfigure_search: false
      languages:
        - locale: vi
          default: true
          name: Tiếng Việt
        - locale: en
          name: English
  - mdbabel:
      threshold: 0.8
      publish_threshold: 0.5  # English here is 61 % translated: published
      strict: !ENV [MDBABEL_STRICT, false]
exclude_docs: |
  _data/
nav:
  - index.md
  - Hướng dẫn:
      - partly.md
      - little.md
      - Trang nháp: fuzzy.md
"""

PAGES = {
    "index.md": """\
        ---
        title: Trang chủ bảo hiểm
        description: Mô tả trang chủ.
        reviewed: 2026-11-25
        sources:
          - title: Luật Bảo hiểm xã hội số 41/2024/QH15
            note: Điều 2
          - title: Cổng thông tin
            url: https://vss.gov.vn/
        ---

        # Đóng bảo hiểm

        Người lao động đóng {{ rate }} tiền lương, tối đa {{ cap }}.

        ## Quyền lợi

        Xem [trang khác](partly.md).
        """,
    "partly.md": """\
        ---
        title: Trang dịch một phần
        ---

        # Tiêu đề một phần

        Đoạn một đã dịch.

        Đoạn hai đã dịch.

        Đoạn ba đã dịch.

        Đoạn bốn chưa dịch, tỷ lệ {{ rate }}.
        """,
    "little.md": """\
        ---
        title: Trang dịch rất ít
        ---

        # Tiêu đề ít

        Đoạn chưa dịch một.

        Đoạn chưa dịch hai, mức trần {{ cap }}.
        """,
    "fuzzy.md": """\
        ---
        title: Trang có bản dịch nháp
        ---

        # Chọn tất cả

        Bấm để chọn tất cả.
        """,
}

PAGES["status.md"] = """\
        ---
        title: Tình trạng bản dịch
        ---

        <!-- mdbabel:translation-status -->
        """

FIGURES = """\
rate:
  value: 4.5
  type: percent
cap:
  value: 46800000
  type: money
"""

PO_HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: test\\n"
"Language: en\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""


def po(*entries: tuple[str, str] | tuple[str, str, bool]) -> str:
    out = [PO_HEADER]
    for entry in entries:
        msgid, msgstr, *fuzzy = entry
        if fuzzy and fuzzy[0]:
            out.append("#, fuzzy\n")
        out.append(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n')
    return "".join(out)


CATALOGS = {
    "_site": po(
        ("Bảo hiểm xã hội", "Social insurance"),
        ("Hướng dẫn", "Guides"),
        ("Trang nháp", "Draft page"),
        ("Nguồn", "Sources"),
        ("Nội dung được kiểm tra lần cuối: %(date)s", "Last reviewed: %(date)s"),
        ("Trang này chưa được dịch sang %(language)s; trang được hiển thị bằng %(source_language)s.",
         "This page is not yet translated into %(language)s; it is shown in %(source_language)s."),
        ("Đã dịch %(share)s nội dung trang này sang %(language)s. Những đoạn chưa dịch được giữ "
         "nguyên bằng %(source_language)s.",
         "%(share)s of this page is translated into %(language)s. Parts not yet translated are "
         "shown in %(source_language)s."),
        ("Đọc bản gốc bằng %(source_language)s", "Read the original in %(source_language)s"),
        ("Không tìm thấy trang", "Page not found"),
    ),
    "index": po(
        ("Trang chủ bảo hiểm", "Insurance home"),
        ("Mô tả trang chủ.", "Home page description."),
        ("Đóng bảo hiểm", "Paying contributions"),
        ("Người lao động đóng {{ rate }} tiền lương, tối đa {{ cap }}.",
         "Employees pay {{ rate }} of their salary, at most {{ cap }}."),
        ("Quyền lợi", "Benefits"),
        ("Xem [trang khác](partly.md).", "See [another page](partly.md)."),
        ("Điều 2", "Article 2"),
    ),
    "partly": po(
        ("Trang dịch một phần", "Partly translated page"),
        ("Tiêu đề một phần", "Partly heading"),
        ("Đoạn một đã dịch.", "Paragraph one translated."),
        ("Đoạn hai đã dịch.", "Paragraph two translated."),
        ("Đoạn ba đã dịch.", "Paragraph three translated."),
    ),
    "little": po(
        ("Trang dịch rất ít", "Barely translated page"),
    ),
    "fuzzy": po(
        ("Trang có bản dịch nháp", "Page with a draft translation"),
        ("Chọn tất cả", "Deselect all", True),
        ("Bấm để chọn tất cả.", "Click to deselect all.", True),
    ),
}


def make_project(root: Path, catalogs: dict[str, str] = CATALOGS,
                 pages: dict[str, str] = PAGES) -> Path:
    """Write the tiny project into *root* and return it."""
    (root / "docs" / "_data").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    shutil.copytree(REPO / "overrides", root / "overrides")
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "docs" / "_data" / "figures.yml").write_text(FIGURES, encoding="utf-8")
    messages = root / "locales" / "en" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    for domain, text in catalogs.items():
        (messages / f"{domain}.po").write_text(text, encoding="utf-8")
    return root


def build(root: Path, *, strict: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "MDBABEL_STRICT": "true" if strict else "false", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(MKDOCS), "build", "-d", str(root / "site")], cwd=root,
                          env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("tiny"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def heading_ids(html: str) -> list[str]:
    return re.findall(r'<h[1-6] id="([^"]+)"', html)


# --------------------------------------------------------------------------- translated page


def test_english_page_has_translated_headings_and_text(site):
    html = read(site, "en/index.html")
    assert "Paying contributions" in html and "Benefits" in html
    assert "Employees pay" in html
    assert "Người lao động đóng" not in html


def test_english_page_title_and_description_are_translated(site):
    html = read(site, "en/index.html")
    assert "<title>Insurance home - Social insurance</title>" in html
    assert '<meta name="description" content="Home page description.">' in html


def test_english_nav_labels_are_translated(site):
    html = read(site, "en/partly/index.html")
    assert "Guides" in html
    assert "Hướng dẫn" not in html


def test_heading_ids_are_the_same_in_every_language(site):
    assert heading_ids(read(site, "en/index.html")) == heading_ids(read(site, "index.html"))
    assert "dong-bao-hiem" in heading_ids(read(site, "en/index.html"))


def test_translated_link_points_to_the_same_language(site):
    assert '<a href="partly/">another page</a>' in read(site, "en/index.html")  # /en/partly/


def test_figures_are_formatted_for_each_language(site):
    assert "4,5%" in read(site, "index.html") and "46.800.000 đồng" in read(site, "index.html")
    english = read(site, "en/index.html")
    assert "4.5%" in english and "VND 46,800,000" in english


def test_html_lang_is_the_page_language(site):
    assert '<html lang="vi"' in read(site, "index.html")
    assert '<html lang="en"' in read(site, "en/index.html")


def test_fully_translated_page_has_no_notice(site):
    assert "mdbabel-notice" not in read(site, "en/index.html").split("</head>")[1]


def test_last_reviewed_date_is_written_for_the_reader(site):
    assert 'Last reviewed: <time datetime="2026-11-25">November 25, 2026</time>' in read(site, "en/index.html")
    assert '<time datetime="2026-11-25">' in read(site, "index.html")


def test_sources_are_listed_with_untranslated_titles_marked_vietnamese(site):
    html = read(site, "en/index.html")
    assert ">Sources</h2>" in html
    assert '<span lang="vi">Luật Bảo hiểm xã hội số 41/2024/QH15</span>: <span>Article 2</span>' in html
    assert '<a href="https://vss.gov.vn/" lang="vi">Cổng thông tin</a>' in html


# --------------------------------------------------------------------------- partial and fallback


def test_partly_translated_page_keeps_missing_units_vietnamese_with_lang(site):
    html = read(site, "en/partly/index.html")
    assert "Paragraph three translated." in html
    assert '<span lang="vi">Đoạn bốn chưa dịch, tỷ lệ 4,5%.</span>' in html  # Vietnamese number


def test_partly_translated_page_shows_share_and_link_to_original(site):
    html = read(site, "en/partly/index.html")
    assert "83% of this page is translated into English." in html  # title + 4 of 5 units
    assert re.search(r'<a href="../../partly/" hreflang="vi" lang="en">Read the original in Vietnamese</a>', html)


def test_page_below_threshold_is_shown_in_vietnamese_with_notice(site):
    html = read(site, "en/little/index.html")
    assert "This page is not yet translated into English; it is shown in Vietnamese." in html
    content = html.split('<div lang="vi">', 1)[1]
    assert "Tiêu đề ít" in content and "Đoạn chưa dịch một." in content
    assert "Barely translated page" not in html  # not even the title: the page reads as Vietnamese


def test_page_shown_in_vietnamese_formats_its_figures_in_vietnamese(site):
    assert "mức trần 46.800.000 đồng" in read(site, "en/little/index.html")


def test_status_page_counts_translated_fuzzy_and_missing_units_per_page(site):
    html = read(site, "en/status/index.html")
    # (a cell's interface text the catalog lacks is in a <span lang="vi">)
    rows = dict(re.findall(r'<td><a href="../([a-z]+)/">[^<]*</a></td>\s*'
                           r'((?:<td[^>]*>(?:[^<]|<span lang="vi">[^<]*</span>)*</td>\s*){4})', html))
    cells = {page: re.findall(r">([^<]*)</td>", row) for page, row in rows.items()}
    assert cells["partly"][:3] == ["83%", "0", "1"]
    assert cells["fuzzy"][:3] == ["33%", "2", "0"]  # title translated; heading and paragraph fuzzy


def _status_table(html: str) -> str:
    return re.search(r"<table data-search-exclude>.*?</table>", html, re.S).group(0)


def test_status_table_is_the_html_python_markdown_writes_for_it(site):
    # written as HTML (a 1,600-row Markdown table is slow to parse); Material styles it the same
    import markdown

    table = _status_table(read(site, "status/index.html"))
    head = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    rows = re.findall(r'<tr>\n<td><a href="([^"]+)">([^<]*)</a></td>\n(.*?)</tr>', table, re.S)
    assert len(head) == 5 and len(rows) == len(PAGES)
    lines = ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|---|"]
    for href, title, cells in rows:
        lines.append(f"| [{title}]({href}) | " + " | ".join(re.findall(r">([^<]*)</td>", cells)) + " |")
    total = re.findall(r"<td[^>]*>(?:<strong>([^<]*)</strong>)?</td>", table[table.index("<td><strong>"):])
    assert len(total) == 5
    lines.append("| " + " | ".join(f"**{cell}**" if cell else "" for cell in total) + " |")
    expected = markdown.markdown("\n".join(lines), extensions=["tables"])
    assert table.replace("<table data-search-exclude>", "<table>") == expected


def test_status_table_links_each_page_in_the_language_of_the_table(site):
    for status, prefix in (("status/", ""), ("en/status/", "en/")):
        table = _status_table(read(site, status + "index.html"))
        links = re.findall(r'<a href="([^"]+)"', table)
        assert len(links) == len(PAGES)
        for href in links:
            target = posixpath.normpath(posixpath.join(status, href))
            assert target.startswith(prefix.rstrip("/")) and (site / target / "index.html").is_file(), href
            if prefix:
                assert target.startswith("en")


def test_status_titles_are_text_in_their_own_language_with_their_figures(tmp_path):
    pages = {**PAGES, "guide/muc.md": """\
        ---
        title: Mức {{ rate }} & <giới hạn>
        ---

        # Mức

        Nội dung.
        """}
    root = make_project(tmp_path, pages=pages)
    result = build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    # the page's own <title> has the title with its figures, escaped (mdbabel.escaping)
    own = {lang: re.search(r"<title[^>]*>(.*?) - ", read(site, f"{lang}guide/muc/index.html")).group(1)
           for lang in ("", "en/")}
    assert own[""] == own["en/"] and "&lt;giới hạn&gt;" in own[""] and "{{" not in own[""]
    own = {lang: html.escape(html.unescape(title), quote=False) for lang, title in own.items()}
    vi, en = (_status_table(read(site, f"{lang}status/index.html")) for lang in ("", "en/"))
    assert f'<a href="../guide/muc/">{own[""]}</a>' in vi
    # untranslated in English: kept Vietnamese, marked so, with Vietnamese numbers
    assert f'<a href="../guide/muc/" lang="vi">{own["en/"]}</a>' in en
    assert '<a href="../partly/">Partly translated page</a>' in en


def test_fuzzy_translations_are_never_published(site):
    html = read(site, "en/fuzzy/index.html")
    assert "Deselect" not in html and "deselect" not in html


def test_vietnamese_pages_never_have_a_notice(site):
    for page in ("index.html", "partly/index.html", "little/index.html"):
        assert "mdbabel-notice" not in read(site, page)


# --------------------------------------------------------------------------- links between languages


def test_hreflang_alternates_are_absolute_with_x_default(site):
    html = read(site, "en/partly/index.html")
    assert f'hreflang="vi" href="{SITE_URL}partly/"' in html
    assert f'hreflang="en" href="{SITE_URL}en/partly/"' in html
    assert f'hreflang="x-default" href="{SITE_URL}partly/"' in html


def test_no_relative_alternate_links_for_material_to_follow(site):
    # Material fetches <alternate>/sitemap.xml for every link[rel=alternate] (404 on /en/...).
    for page in ("index.html", "en/index.html", "en/partly/index.html"):
        assert not re.search(r'<link rel="alternate"[ >]', read(site, page))


def test_language_menu_names_languages_in_their_own_language_and_links_same_page(site):
    html = read(site, "en/partly/index.html")
    assert re.search(r'<a href="../../partly/" hreflang="vi" lang="vi" class="md-select__link">\s*Tiếng Việt', html)
    assert re.search(r'<a href="./" hreflang="en" lang="en" class="md-select__link" aria-current="true">\s*English',
                     html)


def test_one_sitemap_lists_every_page_with_alternates(site):
    sitemap = read(site, "sitemap.xml")
    assert f"<loc>{SITE_URL}partly/</loc>" in sitemap
    assert f"<loc>{SITE_URL}en/partly/</loc>" in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{SITE_URL}en/partly/"/>' in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{SITE_URL}partly/"/>' in sitemap
    assert not (site / "en" / "sitemap.xml").exists()


def test_robots_txt_points_to_the_one_sitemap(site):
    assert f"Sitemap: {SITE_URL}sitemap.xml" in read(site, "robots.txt")


def test_each_language_has_its_own_404_page(site):
    assert "Không tìm thấy trang" in read(site, "404.html")
    english = read(site, "en/404.html")
    assert "<h1>Page not found</h1>" in english and '<html lang="en"' in english


# --------------------------------------------------------------------------- errors and serve


def test_strict_mode_fails_on_a_broken_translation_naming_po_file_and_line(tmp_path):
    catalogs = dict(CATALOGS)
    catalogs["index"] = catalogs["index"].replace('"See [another page](partly.md)."', '"See another page."')
    root = make_project(tmp_path, catalogs)
    result = build(root, strict=True)
    assert result.returncode != 0
    line = next(n for n, text in enumerate(catalogs["index"].splitlines(), 1) if "See another page." in text)
    assert f"locales/en/LC_MESSAGES/index.po:{line}:" in result.stderr
    assert "partly.md" in result.stderr


def test_without_strict_a_broken_translation_warns_and_keeps_vietnamese(tmp_path):
    catalogs = dict(CATALOGS)
    catalogs["index"] = catalogs["index"].replace('"See [another page](partly.md)."', '"See another page."')
    root = make_project(tmp_path, catalogs)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "locales/en/LC_MESSAGES/index.po:" in result.stderr
    assert '<span lang="vi">Xem <a href="partly/">trang khác</a>.</span>' in read(root / "site", "en/index.html")


def test_malformed_catalog_always_fails_with_file_and_line(tmp_path):
    catalogs = dict(CATALOGS)
    catalogs["partly"] = catalogs["partly"] + 'msgid "Broken\nmsgstr "x"\n'
    root = make_project(tmp_path, catalogs)
    result = build(root)
    assert result.returncode != 0
    assert re.search(r"locales/en/LC_MESSAGES/partly\.po:\d+", result.stderr)
    # named as the catalog's error, not as one of whichever page first read it
    assert "Error reading page" not in result.stderr, result.stderr


def test_unknown_figure_fails_with_file_and_line(tmp_path):
    root = make_project(tmp_path)
    page = root / "docs" / "little.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMức {{ no_such_figure }}.\n", encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert re.search(r"docs/little\.md:11: unknown figure \{\{ no_such_figure \}\}", result.stderr)


def test_saved_catalog_change_is_seen_without_restart(tmp_path):
    """`mkdocs serve` rebuilds in one process: the plugin must re-read a changed .po."""
    from mdbabel.mkdocs_plugin import MdBabelPlugin

    root = make_project(tmp_path)
    plugin = MdBabelPlugin()
    plugin.load_config({"locales_dir": "locales"})
    plugin._root = root
    before = plugin.translations("en", "partly")
    assert ("Đoạn bốn chưa dịch." not in {msgid for _, msgid in before})
    path = root / "locales" / "en" / "LC_MESSAGES" / "partly.po"
    path.write_text(path.read_text(encoding="utf-8") + 'msgid "Đoạn bốn chưa dịch."\nmsgstr "Paragraph four."\n',
                    encoding="utf-8")
    after = plugin.translations("en", "partly")
    assert after[(None, "Đoạn bốn chưa dịch.")].text == "Paragraph four."


def test_nav_shows_translated_page_titles(site):
    nav = read(site, "en/index.html").split('class="md-nav md-nav--primary"', 1)[1]
    assert "Partly translated page" in nav  # from the page's catalog (front matter title)
    assert "Draft page" in nav and "Trang nháp" not in nav  # written in mkdocs.yml: from _site.po


def test_adding_a_language_is_one_line_in_mkdocs_yml(tmp_path):
    root = make_project(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "        - locale: en\n          name: English\n",
        "        - locale: en\n          name: English\n        - locale: fr\n          name: Français\n"),
        encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    french = read(root / "site", "fr/partly/index.html")
    assert '<html lang="fr"' in french
    assert "mdbabel-notice--fallback" in french  # no French catalog yet: Vietnamese page
    # no French interface catalog either: the notice is wholly Vietnamese, not half French
    assert ('lang="vi">\n    <p>Trang này chưa được dịch sang tiếng Pháp; trang được hiển thị bằng tiếng Việt.'
            in french)
    # nothing of it is translated: a preview (mdbabel.languages), in the menu with the word
    # for it from its fallback chain (here Vietnamese), out of hreflang and the sitemap
    assert re.search(r'hreflang="fr" lang="fr" class="md-select__link"[^>]*>\s*Français '
                     r'\(<span lang="vi">bản xem trước</span>\)', french)
    assert '<meta name="robots" content="noindex">' in french
    assert 'hreflang="fr" href=' not in read(root / "site", "en/partly/index.html")
    assert f"{SITE_URL}fr/" not in read(root / "site", "sitemap.xml")
    assert (root / "site" / "fr" / "404.html").is_file()


# --------------------------------------------------------------------------- table of contents


def test_untranslated_heading_keeps_its_language_in_the_table_of_contents(tmp_path):
    """A heading kept in Vietnamese on an English page is marked lang="vi" in the page and
    in the table of contents beside it, where screen readers read it too."""
    pages = {**PAGES, "toc.md": """\
        ---
        title: Mục lục
        ---

        # Mục lục

        ## Phần đã dịch

        Đoạn đã dịch.

        ## Phần **chưa** dịch

        Đoạn thứ hai đã dịch.
        """}
    catalogs = {**CATALOGS, "toc": po(("Mục lục", "Contents"), ("Phần đã dịch", "Translated part"),
                                     ("Đoạn đã dịch.", "Translated paragraph."),
                                     ("Đoạn thứ hai đã dịch.", "Second paragraph translated."))}
    root = make_project(tmp_path, catalogs, pages)
    result = build(root)
    assert result.returncode == 0, result.stderr
    html = read(root / "site", "en/toc/index.html")
    assert re.search(r'<h2 id="phan-chua-dich"><span lang="vi">Phần <strong>chưa</strong> dịch'
                     r'</span>', html)
    toc = html.split('data-md-component="toc"', 1)[1]
    assert re.search(r'href="#phan-chua-dich" class="md-nav__link">\s*<span class="md-ellipsis">'
                     r'\s*<span lang="vi">Phần chưa dịch</span>', toc), toc[:1500]
    assert re.search(r'href="#phan-da-dich" class="md-nav__link">\s*<span class="md-ellipsis">'
                     r'\s*Translated part\s*</span>', toc)
    # the Vietnamese page needs no mark: the whole page is Vietnamese
    source = read(root / "site", "toc/index.html")
    assert '<span lang="vi">' not in source.split('data-md-component="toc"', 1)[1]
