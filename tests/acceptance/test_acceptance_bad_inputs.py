"""Acceptance: bad translations and malformed catalogs, through the real ``make site``.

A copy of the site gets one extra Vietnamese page, ``docs/acceptance-sample.md``, that has one
paragraph per thing a translation must keep (link, inline code, image, footnote reference,
HTML tags, heading id, emphasis); ``mdbabel update`` writes its catalog and the test fills it
with good English. ``make site`` of the copy is run once to get a good site/, whose files are
hashed. Then each case breaks ONE entry (of the sample catalog, or of a real page catalog),
runs ``make site`` again (the Makefile's own commands, with the repository's venv) and checks:

- the build fails;
- stderr names ``locales/en/LC_MESSAGES/<page>.po:<LINE>`` with the line of the broken
  entry (the msgstr line for a translation problem, the reported line of the entry for a
  malformed catalog), says what is wrong and how to fix it;
- site/ is byte-for-byte the good one.

Without strict mode (``mkdocs build``, no MDBABEL_STRICT) every broken translation falls back
to its Vietnamese text marked ``lang="vi"`` and the rest of the page stays English.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from acceptance_support import (
    copy_site, find_all, find_entry, line_of, make_site, mkdocs_build, parse_html, po_entries,
    set_msgstr,
)
from mdbabel import catalogs
from workflow_support import tree_differences

SAMPLE = "acceptance-sample"
SAMPLE_PO = f"locales/en/LC_MESSAGES/{SAMPLE}.po"
REAL_PAGE = "foreign-workers/contributions"
REAL_PO = f"locales/en/LC_MESSAGES/{REAL_PAGE}.po"
SITE_PO = "locales/en/LC_MESSAGES/_site.po"

SAMPLE_PAGE = """\
---
title: Trang mẫu cho kiểm thử
description: Trang dùng cho kiểm thử chấp nhận.
reviewed: 2026-11-25
sources:
  - title: Luật Bảo hiểm xã hội số 41/2024/QH15
---

# Trang kiểm thử

## Mục có mã { #muc-co-ma }

Xem [trang liên hệ](contacts.md) để biết thêm.

Chạy lệnh `mdbabel update` trước khi dịch.

Sơ đồ: ![Sơ đồ quy trình](so-do.svg) ở trên.

Mức đóng được quy định trong luật[^luat].

Nhấn <kbd>Ctrl</kbd> để <strong>chọn</strong>.

Đoạn một có **chữ đậm** ở giữa câu.

Đoạn hai có **chữ đậm** ở giữa câu.

Đoạn ba có **chữ đậm** ở giữa câu.

Đoạn bốn có **chữ đậm** ở giữa câu.

Đoạn năm có **chữ đậm** ở giữa câu.

Đoạn sáu có **chữ đậm** ở giữa câu.

Đoạn bảy có **chữ đậm** ở giữa câu.

- Mục thứ nhất của danh sách.
- Mục thứ hai của danh sách.
- Mục thứ ba của danh sách.
- Mục thứ tư của danh sách.
- Mục thứ năm của danh sách.

[^luat]: Luật Bảo hiểm xã hội số 41/2024/QH15.
"""

ORDINALS = {"một": "one", "hai": "two", "ba": "three", "bốn": "four", "năm": "five",
            "sáu": "six", "bảy": "seven"}

GOOD = {
    "Trang mẫu cho kiểm thử": "Sample page for the tests",
    "Trang kiểm thử": "Test page",
    "Trang dùng cho kiểm thử chấp nhận.": "A page for the acceptance tests.",
    # reviewed and sources: the site's front matter rules hold in `make site` (issue 19)
    "Luật Bảo hiểm xã hội số 41/2024/QH15": "Law on Social Insurance No. 41/2024/QH15",
    "Mục có mã": "Section with code",
    "Xem [trang liên hệ](contacts.md) để biết thêm.": "See [the contacts page](contacts.md) for more.",
    "Chạy lệnh `mdbabel update` trước khi dịch.": "Run `mdbabel update` before translating.",
    "Sơ đồ: ![Sơ đồ quy trình](so-do.svg) ở trên.": "Diagram: ![Process diagram](so-do.svg) above.",
    "Mức đóng được quy định trong luật[^luat].": "The rate is set by law[^luat].",
    "Nhấn <kbd>Ctrl</kbd> để <strong>chọn</strong>.": "Press <kbd>Ctrl</kbd> to <strong>select</strong>.",
    "Luật Bảo hiểm xã hội số 41/2024/QH15.": "Law on Social Insurance No. 41/2024/QH15.",
    **{f"Mục thứ {vi} của danh sách.": f"Item {en} of the list."
       for vi, en in (("nhất", "one"), ("hai", "two"), ("ba", "three"), ("tư", "four"), ("năm", "five"))},
    **{f"Đoạn {vi} có **chữ đậm** ở giữa câu.": f"Paragraph {en} has **bold text** in the middle."
       for vi, en in ORDINALS.items()},
}

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'


@dataclass(frozen=True)
class BadTranslation:
    name: str
    msgid: str
    msgstr: str
    what: str            # the problem, as the build must say it
    how: str             # the fix, as the build must say it
    vietnamese: str      # plain text of the source unit, seen in the fallback
    absent: str = ""     # must never reach the page, even without strict mode
    catalog: str = SAMPLE_PO
    front_matter: bool = False   # shown in <title> / <meta name="description">, not in the article


def _bold(vi: str) -> str:
    return f"Đoạn {vi} có **chữ đậm** ở giữa câu."


BAD_TRANSLATIONS = [
    BadTranslation("drops a link target", "Xem [trang liên hệ](contacts.md) để biết thêm.",
                   "See the contacts page for more.",
                   'translation drops link "(contacts.md)"', "keep the link target unchanged", "Xem"),
    BadTranslation("changes an inline code span", "Chạy lệnh `mdbabel update` trước khi dịch.",
                   "Run `mdbabel updates` before translating.",
                   "translation drops or changes inline code `mdbabel update`", "copy the code span exactly",
                   "Chạy lệnh"),
    BadTranslation("drops an image", "Sơ đồ: ![Sơ đồ quy trình](so-do.svg) ở trên.", "Diagram: above.",
                   'translation drops image "(so-do.svg)"', "keep the image and its source unchanged",
                   "Sơ đồ:"),
    BadTranslation("drops a footnote reference", "Mức đóng được quy định trong luật[^luat].",
                   "The rate is set by law.",
                   'translation drops footnote reference "[^luat]"', "keep the reference",
                   "Mức đóng được quy định trong luật"),
    BadTranslation("drops an HTML tag", "Nhấn <kbd>Ctrl</kbd> để <strong>chọn</strong>.",
                   "Press Ctrl to <strong>select</strong>.",
                   'translation drops the "<kbd>" element of the source',
                   "keep the markup (HTML or Markdown) that makes it",
                   "Nhấn"),
    BadTranslation("changes an HTML tag", "Nhấn <kbd>Ctrl</kbd> để <strong>chọn</strong>.",
                   'Press <kbd>Ctrl</kbd> to <strong class="x">select</strong>.',
                   'translation gives "<strong>" an attribute "class"', "remove it",
                   "Nhấn"),
    BadTranslation("changes a heading id", "Mục có mã", "Section with code { #section-with-code }",
                   'translation sets "id" of "<h1>"', "keep the source's value", "Mục có mã",
                   absent='id="section-with-code"'),
    BadTranslation("adds <script>", _bold("một"),
                   "Paragraph one has **bold text** <script>alert(1)</script> in the middle.",
                   'translation makes a "<script>" element', "remove the markup that makes it",
                   "Đoạn một có",
                   absent="<script>alert(1)"),
    BadTranslation("adds an onerror= attribute", _bold("hai"),
                   'Paragraph two has **bold text** <img src="x.png" onerror="alert(2)"> in the middle.',
                   'translation makes a "<img>" element', "remove the markup that makes it",
                   "Đoạn hai có", absent="onerror"),
    BadTranslation("adds a javascript: URL", _bold("ba"),
                   "Paragraph three has **[bold text](javascript:alert(3))** in the middle.",
                   'translation has the URL "javascript:alert(3)" (javascript:), a scheme that is '
                   "not allowed", "remove it", "Đoạn ba có",
                   absent="javascript:"),
    BadTranslation("adds a heading inside a paragraph", _bold("bốn"),
                   "Paragraph four has **bold text**\n# in the middle.",
                   'translation makes a "<h1>" element', "remove the markup that makes it",
                   "Đoạn bốn có", absent="<h1>in the middle"),
    BadTranslation("adds a list item inside a paragraph", _bold("năm"),
                   "Paragraph five has **bold text**\n\n- in the middle.",
                   'translation makes a "<ul>" element', "remove the markup that makes it",
                   "Đoạn năm có", absent="<li>in the middle"),
    BadTranslation("adds a table row inside a paragraph", _bold("sáu"),
                   "Paragraph six has **bold text**\n\n| in the | middle |\n| --- | --- |",
                   'translation makes a "<table>" element', "remove the markup that makes it",
                   "Đoạn sáu có", absent="<td>middle"),
    BadTranslation("has an unclosed **", _bold("bảy"), "Paragraph seven has **bold text in the middle.",
                   'translation has an unbalanced "**"', "close the emphasis as in the source", "Đoạn bảy có"),
    BadTranslation("drops a link target in a real page catalog",
                   "Bạn không đóng bảo hiểm thất nghiệp. Lý do có ở trang [bảo hiểm thất "
                   "nghiệp](unemployment-insurance.md).",
                   "You do not pay unemployment insurance. The reason is on the unemployment insurance page.",
                   'translation drops link "(unemployment-insurance.md)"', "keep the link target unchanged",
                   "Bạn không đóng bảo hiểm thất nghiệp", catalog=REAL_PO),
    # The front matter title (here unlike the first heading) and description are translated
    # apart from the body: the same checks apply to them.
    BadTranslation("adds <script> to the front matter title", "Trang mẫu cho kiểm thử",
                   "Sample <script>alert(5)</script> page",
                   'translation makes a "<script>" element', "remove the markup that makes it",
                   "Trang mẫu cho kiểm thử", absent="alert(5)", front_matter=True),
    BadTranslation("breaks out of the description attribute", "Trang dùng cho kiểm thử chấp nhận.",
                   'A page for the tests."><img src="x.png" onerror="alert(6)">',
                   'translation makes a "<img>" element', "remove the markup that makes it",
                   "Trang dùng cho kiểm thử chấp nhận.", absent="alert(6)", front_matter=True),
]


# --------------------------------------------------------------------------- the project


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the site plus the sample page and its English catalog; good site/ built."""
    root = copy_site(tmp_path_factory.mktemp("bad-inputs") / "project")
    (root / "docs" / f"{SAMPLE}.md").write_text(SAMPLE_PAGE, encoding="utf-8")
    (root / "docs" / "so-do.svg").write_text(SVG, encoding="utf-8")
    catalogs.update_catalogs(catalogs.load_site_config(root))
    po = root / SAMPLE_PO
    text = po.read_text(encoding="utf-8")
    for msgid, msgstr in GOOD.items():
        text = set_msgstr(text, find_entry(text, msgid), msgstr)
    po.write_text(text, encoding="utf-8")
    untranslated = [e.msgid for e in po_entries(text) if e.msgid and not e.msgstr]
    assert not untranslated, f"sample entries without a good translation: {untranslated}"
    result = make_site(root)
    assert result.returncode == 0, f"the good copy must build:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    good = root.parent / "good-site"
    shutil.copytree(root / "site", good)
    pristine = {path: (root / path).read_bytes() for path in (SAMPLE_PO, REAL_PO, SITE_PO)}
    return root, good, pristine


@pytest.fixture
def broken(project):
    """The project; every catalog a test breaks is restored afterwards."""
    root, good, pristine = project
    yield root, good
    for path, data in pristine.items():
        (root / path).write_bytes(data)
    if tree_differences(good, root / "site"):  # a failed test let a broken build through
        shutil.rmtree(root / "site")
        shutil.copytree(good, root / "site")


def _fails_naming(root: Path, good: Path, location: str, *texts: str) -> str:
    result = make_site(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"make site succeeded with a broken catalog:\n{output[-3000:]}"
    assert location in result.stderr, f"stderr does not name {location}:\n{result.stderr[-3000:]}"
    for text in texts:
        assert text in result.stderr, f"stderr does not say {text!r}:\n{result.stderr[-3000:]}"
    differences = tree_differences(good, root / "site")
    assert not differences, "a failed make site changed site/:\n" + "\n".join(differences[:20])
    return result.stderr


def _break(root: Path, case: BadTranslation) -> int:
    """Write the bad msgstr; return the line of the msgstr in the catalog."""
    path = root / case.catalog
    text = path.read_text(encoding="utf-8")
    text = set_msgstr(text, find_entry(text, case.msgid), case.msgstr)
    path.write_text(text, encoding="utf-8")
    return find_entry(text, case.msgid).msgstr_line


# --------------------------------------------------------------------------- translations


@pytest.mark.parametrize("case", BAD_TRANSLATIONS, ids=[c.name for c in BAD_TRANSLATIONS])
def test_bad_translation_fails_make_site_naming_po_line_and_keeps_site(broken, case):
    root, good = broken
    line = _break(root, case)
    stderr = _fails_naming(root, good, f"{case.catalog}:{line}: ", case.what, case.how)
    # exactly this entry is reported, once, on the line of its msgstr
    problems = re.findall(r"locales/en/LC_MESSAGES/[\w/.-]+\.po:\d+: ", stderr)
    assert set(problems) == {f"{case.catalog}:{line}: "}, stderr[-3000:]
    assert 'msgstr "' in (root / case.catalog).read_text(encoding="utf-8").split("\n")[line - 1]


def _plain(markdown: str) -> str:
    """Roughly the text a reader sees for one line of Markdown."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    text = re.sub(r"\[\^[^\]]*\]", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"<[^>]+>|\*\*|`", "", text)


#: Non-strict builds break three entries at a time: the sample page (22 units) stays above the
#: 0.8 threshold, so it is shown in English with only the broken units in Vietnamese.
FALLBACK_CASES = [c for c in BAD_TRANSLATIONS if c.name != "changes an HTML tag"]  # same entry as "drops"
BATCHES = [FALLBACK_CASES[i:i + 3] for i in range(0, len(FALLBACK_CASES), 3)]


@pytest.mark.parametrize("cases", BATCHES, ids=[" + ".join(c.name for c in b) for b in BATCHES])
def test_without_strict_the_broken_entry_falls_back_to_vietnamese_and_the_rest_is_english(
        project, tmp_path, cases):
    root, _, _ = project
    copy = shutil.copytree(root, tmp_path / "project", ignore=shutil.ignore_patterns("site", ".site-*"))
    assert len({(c.catalog, c.msgid) for c in cases}) == len(cases)
    for case in cases:
        _break(copy, case)
    result = mkdocs_build(copy, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr[-4000:]
    for case in cases:
        assert case.what in result.stderr, f"no warning {case.what!r}:\n{result.stderr[-3000:]}"
    for page_name, catalog in ((SAMPLE, SAMPLE_PO), (REAL_PAGE, REAL_PO)):
        html = (tmp_path / "site" / "en" / page_name / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<html[^>]*\blang="en"', html)
        root_node = parse_html(html)
        article = find_all(root_node, lambda n: n.tag == "article")[0]
        spans = [" ".join(n.text().split()) for n in find_all(article, lambda n: n.attrs.get("lang") == "vi")]
        mine = [c for c in cases if c.catalog == catalog and not c.front_matter]
        title = find_all(root_node, lambda n: n.tag == "title")[0].text()
        description = [n.attrs.get("content") for n in find_all(
            root_node, lambda n: n.tag == "meta" and n.attrs.get("name") == "description")]
        for case in cases:
            if case.front_matter and case.catalog == catalog:
                assert any(case.vietnamese in text for text in (title, *description)), \
                    f"{case.name}: the Vietnamese {case.vietnamese!r} is not shown: {title!r} {description}"
        # only the broken units are Vietnamese, one lang="vi" element each
        assert len(spans) == len(mine), f"{page_name}: Vietnamese parts {spans}"
        for case in mine:
            assert any(s.startswith(case.vietnamese) for s in spans), \
                f"{case.name}: {case.vietnamese!r} is not shown in Vietnamese with lang=vi: {spans}"
        for case in cases:
            if case.absent:
                assert case.absent not in html, f"{case.name}: {case.absent!r} published"
        if catalog == SAMPLE_PO:
            # the rest of the page is the English translation; the heading keeps the source id
            assert "Test page" in html and "Law on Social Insurance No. 41/2024/QH15." in html
            assert 'id="muc-co-ma"' in html
            broken = {c.msgid for c in mine}
            shown = " ".join(article.text().split())
            for msgid, english in GOOD.items():
                if msgid not in broken and msgid not in ("Trang mẫu cho kiểm thử",
                                                         "Trang dùng cho kiểm thử chấp nhận."):
                    start = " ".join(_plain(english).split()[:3])
                    assert start in shown, f"{english!r} is not on the English page"


def test_bad_wrapped_msgstr_edited_in_place_is_reported_on_its_msgstr_line(broken):
    """A translator edits a wrapped msgstr (msgstr "" + continuation lines) in place."""
    root, good = broken
    text = _edit_real(root, lambda t: t.replace(
        '"You do not pay unemployment insurance. The [unemployment "\n'
        '"insurance](unemployment-insurance.md) page explains why."',
        '"You do not pay unemployment insurance. The unemployment "\n'
        '"insurance page explains why."', 1))
    entry = find_entry(text, next(c.msgid for c in BAD_TRANSLATIONS if c.catalog == REAL_PO))
    assert text.split("\n")[entry.msgstr_line - 1] == 'msgstr ""'
    _fails_naming(root, good, f"{REAL_PO}:{entry.msgstr_line}: ",
                  'translation drops link "(unemployment-insurance.md)"', "keep the link target unchanged")


def test_quotes_and_ampersands_in_a_description_stay_inside_the_meta_attribute(broken):
    """A good translation with typographic characters HTML gives a meaning to."""
    root, _ = broken
    msgid, msgstr = "Trang dùng cho kiểm thử chấp nhận.", 'A page for the "acceptance" tests & a < b.'
    _break(root, BadTranslation("quotes", msgid, msgstr, "", "", ""))
    result = make_site(root)
    assert result.returncode == 0, result.stderr[-3000:]
    page = parse_html((root / "site" / "en" / SAMPLE / "index.html").read_text(encoding="utf-8"))
    descriptions = [n.attrs for n in find_all(page, lambda n: n.tag == "meta"
                                               and n.attrs.get("name") == "description")]
    assert descriptions == [{"name": "description", "content": msgstr}]


# --------------------------------------------------------------------------- interface catalog


SITE_CASES = [
    # (name, msgid, bad msgstr, what the build must say)
    ("nav label adds <script>", "Người lao động nước ngoài tại Việt Nam",
     "Foreign workers <script>alert(8)</script>", 'translation makes a "<script>" element'),
    ("interface text drops its %(date)s placeholder", "Nội dung được kiểm tra lần cuối: %(date)s",
     "Content last checked: %(day)s", "translation changes the placeholders %(date)s"),
]


@pytest.mark.parametrize("name, msgid, msgstr, what", SITE_CASES, ids=[c[0] for c in SITE_CASES])
def test_bad_interface_translation_fails_make_site_naming_site_po_line(broken, name, msgid, msgstr, what):
    root, good = broken
    case = BadTranslation(name, msgid, msgstr, what, "", "", catalog=SITE_PO)
    line = _break(root, case)
    _fails_naming(root, good, f"{SITE_PO}:{line}: ", what)


def test_without_strict_bad_interface_translations_fall_back_to_vietnamese(project, tmp_path):
    root, _, _ = project
    copy = shutil.copytree(root, tmp_path / "project", ignore=shutil.ignore_patterns("site", ".site-*"))
    for name, msgid, msgstr, what in SITE_CASES:
        _break(copy, BadTranslation(name, msgid, msgstr, what, "", "", catalog=SITE_PO))
    result = mkdocs_build(copy, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr[-4000:]
    for _, _, _, what in SITE_CASES:
        assert what in result.stderr
    html = (tmp_path / "site" / "en" / REAL_PAGE / "index.html").read_text(encoding="utf-8")
    assert "alert(8)" not in html
    assert "Người lao động nước ngoài tại Việt Nam" in html      # the nav section, in Vietnamese
    assert "Nội dung được kiểm tra lần cuối:" in html           # the review line, in Vietnamese
    assert "Foreign workers" not in html and "Content last checked" not in html
    assert "Social insurance across borders" in html             # the rest of _site.po is used


# --------------------------------------------------------------------------- malformed catalogs


def _edit_real(root: Path, edit) -> str:
    path = root / REAL_PO
    text = edit(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    return text


def test_po_syntax_error_fails_make_site_naming_the_line(broken):
    root, good = broken
    msgid = "Tiền của tôi bị trừ những khoản nào?"
    text = _edit_real(root, lambda t: t.replace('msgstr "What is deducted from my pay?"',
                                                'msgstr "What is deducted from my pay?', 1))
    line = find_entry(text, msgid).msgstr_line
    _fails_naming(root, good, f"{REAL_PO}:{line}: ", "malformed string", "write text in double quotes")


def test_bad_header_fails_make_site_naming_the_header(broken):
    root, good = broken
    text = _edit_real(root, lambda t: t.replace('"Language: en\\n"', '"Language en\\n"', 1))
    header = po_entries(text)[0]
    assert header.msgid == ""
    _fails_naming(root, good, f"{REAL_PO}:{header.msgstr_line}: ", "is not \"Name: value\"",
                  'fix it, e.g. "Language: en\\n"')


def test_duplicate_msgid_fails_make_site_naming_the_second_entry(broken):
    root, good = broken
    msgid = "Tiền của tôi bị trừ những khoản nào?"

    def duplicate(text: str) -> str:
        entry = find_entry(text, msgid)
        block = "\n".join(text.split("\n")[entry.first_line - 1: entry.last_line])
        return text.rstrip("\n") + "\n\n" + block + "\n"

    text = _edit_real(root, duplicate)
    first = find_entry(text, msgid)
    second = [e for e in po_entries(text) if e.msgid == msgid][1]
    assert second.msgid_line > first.msgid_line
    stderr = _fails_naming(root, good, f"{REAL_PO}:{second.msgid_line}: ", "duplicate message",
                           f"first at line {first.msgid_line}", "remove one of the two entries")
    assert f"{REAL_PO}:{first.msgid_line}: " not in stderr


def test_unknown_language_fails_make_site_naming_the_header(broken):
    root, good = broken
    text = _edit_real(root, lambda t: t.replace('"Language: en\\n"', '"Language: qq\\n"', 1))
    header_line = po_entries(text)[0].msgstr_line
    assert line_of(text, "Language: qq") > header_line
    _fails_naming(root, good, f"{REAL_PO}:{header_line}: ", 'unknown language "qq"',
                  "use a language code Babel knows")


def test_language_header_of_another_language_fails_make_site(broken):
    root, good = broken
    text = _edit_real(root, lambda t: t.replace('"Language: en\\n"', '"Language: fr\\n"', 1))
    _fails_naming(root, good, f"{REAL_PO}:{po_entries(text)[0].msgstr_line}: ",
                  'Language header "fr" does not match the folder "en"')


def test_header_with_another_charset_fails_make_site(broken):
    root, good = broken
    text = _edit_real(root, lambda t: t.replace("charset=UTF-8", "charset=ISO-8859-1", 1))
    _fails_naming(root, good, f"{REAL_PO}:{po_entries(text)[0].msgstr_line}: ",
                  "header Content-Type must say charset=UTF-8", 'set "Content-Type: text/plain; charset=UTF-8')


def test_catalog_without_header_fails_make_site(broken):
    root, good = broken

    def drop_header(text: str) -> str:
        header = po_entries(text)[0]
        lines = text.split("\n")
        return "\n".join(lines[:header.first_line - 1] + lines[header.last_line + 1:])

    _edit_real(root, drop_header)
    _fails_naming(root, good, f"{REAL_PO}:1: ", 'missing header entry (msgid "")', "add it first")
