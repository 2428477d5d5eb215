"""A corpus of hostile translations, each refused by mdbabel.checks, and honest ones accepted.

Each hostile case is what a careless or hostile translator could put in a catalog: markup the
browser reads differently from a pattern (``<svg/onload>``), links to other hosts hidden in
Markdown syntax, schemes hidden by entities or case, definitions that change the whole page,
carriage returns used as line breaks, and invisible characters. The check must refuse each and
name what is wrong; the honest translations next to them must pass untouched.
"""

from __future__ import annotations

import pytest

from mdbabel.checks import check_translation

LINK = "Xem [trang liên hệ](../contacts.md) để biết thêm."
BOLD = "Đoạn có **chữ đậm** ở giữa câu."
SITE = "Xem [trang của cơ quan](https://vss.gov.vn/lien-he) để biết thêm."
PLAIN = "Người lao động nước ngoài phải tham gia."

# (name, msgid, msgstr, kind, a text the problem must contain)
HOSTILE = [
    # HTML whose attributes are separated by "/"
    ("svg slash onload", PLAIN, "Foreign workers <svg/onload=alert(1)> must join.", "paragraph",
     '"<svg:svg>" element'),
    ("img slash src slash onerror", PLAIN, "Foreign <img/src/onerror=alert(1)> workers.",
     "paragraph", '"<img>" element'),
    ("svg in a front matter source title", "Luật Bảo hiểm xã hội số 41/2024/QH15",
     "Law No. 41/2024/QH15 <svg/onload=alert(1)>", "front matter source title", "svg"),
    ("img in a navigation label", "Người lao động nước ngoài tại Việt Nam",
     "Foreign workers<img/src/onerror=alert(1)>", "interface", '"<img>" element'),
    ("attribute breakout in an interface string", "Bảo hiểm xã hội qua biên giới",
     'Social insurance" onmouseover="alert(1)', "interface", None),
    # attribute lists
    ("bare first word in an attribute list", PLAIN, "Foreign workers must join.\n{: x onclick=alert(1) }",
     "paragraph", 'attribute "onclick"'),
    ("class and event in an attribute list", BOLD, "A **bold** paragraph.\n{: .note onmouseover=alert(1) }",
     "paragraph", 'attribute "onmouseover"'),
    ("style with url() in an attribute list", PLAIN,
     'Foreign workers must join.\n{: style="background:url(//evil.example/t.png)" }', "paragraph",
     'attribute "style"'),
    ("attribute list on bold text", BOLD, "A **bold**{: onclick=alert(1) } paragraph.", "paragraph",
     'attribute "onclick"'),
    # links to a host the source never named
    ("nested brackets in the link text", SITE, "See [the [agency] page](https://evil.example/x) for more.",
     "paragraph", '"evil.example"'),
    ("angle-bracket destination with a space", SITE,
     "See [the agency](<https://evil.example/a b>) for more.", "paragraph", '"evil.example"'),
    ("upper-case scheme autolink", LINK, "See <HTTPS://evil.example/x> for more.", "paragraph",
     '"evil.example"'),
    ("e-mail autolink", LINK, "See [contacts](../contacts.md) or write to <help@evil.example>.",
     "paragraph", '"evil.example"'),
    ("protocol-relative link", LINK, "See [contacts](//evil.example/contacts) for more.",
     "paragraph", '"evil.example"'),
    ("backslash link", LINK, "See [contacts](/\\evil.example/contacts) for more.", "paragraph",
     '"evil.example"'),
    ("lookalike host (Cyrillic o)", SITE, "See [the agency](https://vss.g\u043ev.vn/lien-he) for more.",
     "paragraph", "host the source does not name"),
    ("longer host with the source's as prefix", SITE,
     "See [the agency](https://vss.gov.vn.evil.example/lien-he) for more.", "paragraph",
     "host the source does not name"),
    ("same host, other path", SITE, "See [the agency](https://vss.gov.vn/phishing) for more.",
     "paragraph", 'translation has link "(https://vss.gov.vn/phishing)"'),
    ("raw anchor element", LINK, 'See <a href="https://evil.example">contacts</a> for more.',
     "paragraph", '"evil.example"'),
    ("raw anchor element, no link in the source", PLAIN,
     'Foreign <a href="https://evil.example">workers</a>.', "paragraph", '"<a>" element'),
    ("image from another host", PLAIN, "Foreign workers ![x](https://evil.example/t.png) must join.",
     "paragraph", '"<img>" element'),
    ("raw image, protocol-relative", PLAIN, "Foreign workers <img src=//evil.example/t.png> must join.",
     "paragraph", '"<img>" element'),
    # schemes
    ("javascript: link", LINK, "See [contacts](javascript:alert(1)) for more.", "paragraph",
     "scheme that is not allowed"),
    ("upper-case JAVASCRIPT:", LINK, "See [contacts](JaVaScRiPt:alert(1)) for more.", "paragraph",
     "scheme that is not allowed"),
    ("entity-encoded javascript:", LINK, "See [contacts](jav&#x61;script:alert(1)) for more.",
     "paragraph", "scheme that is not allowed"),
    ("decimal entities", LINK, "See [contacts](&#106;&#97;vascript:alert(1)) for more.",
     "paragraph", "scheme that is not allowed"),
    ("tab inside the scheme, raw", LINK, 'See <a href="java&#9;script:alert(1)">contacts</a>.',
     "paragraph", "scheme that is not allowed"),
    ("data: URL", LINK, "See [contacts](data:text/html,<script>alert(1)</script>) for more.",
     "paragraph", None),
    ("vbscript: URL", LINK, "See [contacts](vbscript:msgbox) for more.", "paragraph",
     "scheme that is not allowed"),
    # web addresses written as text (not links): a reader types them, a PDF reader links them
    ("another address in the contacts' text", "**Trang web:** vss.gov.vn. Trang này có phần tiếng Anh.",
     "**Website:** vss-gov.com. It has an English section.", "list item", '"vss-gov.com"'),
    ("the source's address as a prefix", "Trang web: vss.gov.vn.", "Website: vss.gov.vn.refund.example.",
     "paragraph", '"vss.gov.vn.refund.example"'),
    ("a look-alike letter in a written address", "Trang web: vss.gov.vn.", "Website: vss.g\u043ev.vn.",
     "paragraph", "names the address"),
    ("an address added as text", PLAIN, "Foreign workers must join at https://evil.example/claim.",
     "paragraph", '"evil.example"'),
    ("an address in a front matter title", "Liên hệ", "Contacts: help@evil.example", "front matter title",
     '"evil.example"'),
    # raw elements that fetch, run or change the page
    ("script", BOLD, "A **bold** <script>alert(1)</script> paragraph.", "paragraph", '"<script>"'),
    ("style with @import", BOLD, "A **bold** <style>@import '//evil.example/x.css'</style> one.",
     "paragraph", '"<style>"'),
    ("span with style url()", BOLD,
     'A **bold** <span style="background:url(//evil.example/t)">paragraph</span>.', "paragraph",
     '"<span>" element'),
    ("base", BOLD, 'A **bold** paragraph.<base href="https://evil.example/">', "paragraph", '"<base>"'),
    ("link stylesheet", BOLD, 'A **bold** <link rel=stylesheet href=//evil.example/x.css> one.',
     "paragraph", '"<link>"'),
    ("meta refresh", BOLD, 'A **bold** <meta http-equiv=refresh content="0;url=//evil.example"> one.',
     "paragraph", '"<meta>"'),
    ("srcset", PLAIN, 'Foreign <img srcset="//evil.example/t.png 1x"> workers.', "paragraph",
     '"<img>"'),
    ("formaction", PLAIN, 'Foreign <button formaction="//evil.example">workers</button>.',
     "paragraph", '"<button>"'),
    ("svg use href", PLAIN, 'Foreign <svg><use href="//evil.example/x.svg#a"/></svg> workers.',
     "paragraph", '"<svg:svg>"'),
    ("math with xlink", PLAIN,
     'Foreign <math><mi xlink:href="javascript:alert(1)">x</mi></math> workers.', "paragraph",
     '"<math:math>"'),
    ("svg slash onload, unclosed, with a link", LINK,
     "See [contacts](../contacts.md) <svg/onload=alert(2)// for more.", "paragraph", None),
    ("noscript breakout", PLAIN,
     'Foreign <noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript> workers.',
     "paragraph", "element"),
    ("comment breakout", PLAIN, "Foreign <!--><img src=x onerror=alert(1)>--> workers.",
     "paragraph", '"<img>"'),
    ("iframe srcdoc", PLAIN, 'Foreign <iframe srcdoc="<script>alert(1)</script>"></iframe>.',
     "paragraph", '"<iframe>"'),
    ("details ontoggle", PLAIN, "Foreign <details open ontoggle=alert(1)>x</details> workers.",
     "paragraph", '"<details>"'),
    ("event on an element the source has", "Nhấn <kbd>Ctrl</kbd> để chọn.",
     "Press <kbd onclick=alert(1)>Ctrl</kbd> to select.", "paragraph", 'attribute "onclick"'),
    ("markdown in md_in_html", PLAIN, '<div markdown="1">Foreign workers</div>', "paragraph",
     '"<div>"'),
    # definitions that would change the whole page
    ("link reference definition", LINK,
     "See [contacts](../contacts.md) for more.\n[contacts]: https://evil.example", "paragraph",
     "defines the link reference"),
    ("footnote definition", LINK, "See [contacts](../contacts.md) for more.\n[^1]: evil",
     "paragraph", "defines the footnote"),
    ("abbreviation definition", LINK, "See [contacts](../contacts.md) for more.\n*[HTML]: evil",
     "paragraph", "defines the abbreviation"),
    # carriage returns used as line breaks
    ("CR makes a heading", PLAIN, "Foreign workers\r# must join", "paragraph", '"<h1>"'),
    ("CR makes an admonition", PLAIN, "Foreign workers\r\r!!! danger\r    must join", "paragraph",
     '"<div>"'),
    ("CR makes a code block", PLAIN, "Foreign workers\r\r```\rmust join\r```", "paragraph", "<pre>"),
    ("CR makes a table", PLAIN, "Foreign workers\r\r| a | b |\r| - | - |\r| c | d |", "paragraph",
     '"<table>"'),
    ("CR in a heading", "Tiêu đề", "Title\r<script>alert(1)</script>", "heading", "line break"),
    # structure
    ("setext heading", PLAIN, "Foreign workers\n===", "paragraph", '"<h1>"'),
    ("new list", PLAIN, "- Foreign workers must join.", "paragraph", '"<ul>"'),
    ("pipe in a table cell", "Chữ", "a | b", "table cell", '"|"'),
    ("backslash that escapes the cell's end", "Chữ", "a word\\", "table cell", "backslash"),
    ("a year that starts an ordered list", PLAIN, "2024. Foreign workers must join.",
     "paragraph", '"<ol>"'),
    ("a quote marker", PLAIN, "> Foreign workers must join.", "paragraph", '"<blockquote>"'),
    # a translation that shows nothing (it counted as translated and emptied the unit)
    ("white space only", PLAIN, "  ", "paragraph", "shows no text"),
    ("a no-break space reference in a table cell", "Chữ", "&nbsp;", "table cell", "shows no text"),
    ("a comment alone in a heading", "Tiêu đề", "<!-- translated -->", "heading", "shows no text"),
    ("no-break spaces in an interface string", "Tìm kiếm", "\u00a0\u00a0", "interface",
     "shows no text"),
    ("a horizontal rule", PLAIN, "Foreign workers must join.\n\n- - -", "paragraph", '"<hr>"'),
    # invisible characters
    ("right-to-left override in a number", "Mức đóng là 2.530.000 đồng.",
     "The contribution is 2,530,\u202e000 VND.", "paragraph", "U+202E"),
    ("zero width space", PLAIN, "Foreign\u200b workers must join.", "paragraph", "U+200B"),
    ("soft hyphen in a number", "Năm 2024.", "Year 20\u00ad24.", "paragraph", "U+00AD"),
    # ... or written as character references, which the reader's browser decodes
    ("right-to-left override as a reference", PLAIN, "Foreign &#x202e;srekrow must join.",
     "paragraph", "U+202E"),
    ("zero width space as a named reference", PLAIN, "Foreign&ZeroWidthSpace;workers must join.",
     "paragraph", "U+200B"),
    ("soft hyphen reference in a front matter title", "Người lao động", "Foreign &shy;workers",
     "front matter title", "U+00AD"),
    ("isolate reference in an image text", "Ảnh minh họa", "An &#8294;image", "image alt", "U+2066"),
    # the private-use marks of mdbabel.lang_marks, which the finished page turns into <span lang>
    ("language marks", PLAIN, "Foreign \ue0f0ar\ue0f1workers\ue0f2 must join.", "paragraph",
     "U+E0F0"),
    # figures
    ("swapped percentages", "Người sử dụng lao động đóng 3% và người lao động đóng 1,5%.",
     "The employer pays 1.5% and the worker pays 3%.", "paragraph", "another order"),
    ("swapped day and month", "Có hiệu lực từ ngày 1/7/2026.", "In force from 7/1/2026.",
     "paragraph", 'date "7/1/2026"'),
    ("month name for the day", "Có hiệu lực từ ngày 1/7/2026.", "In force from January 7, 2026.",
     "paragraph", "date"),
    ("amount with the same digits", "Mức đóng là 2.530.000 đồng.",
     "The contribution is VND 2,350,000.", "paragraph", '"2,350,000"'),
    ("groups of an amount swapped", "Mức đóng là 2.530.000 đồng.",
     "The contribution is VND 2,000,530.", "paragraph", '"2,000,530"'),
    ("document number changed", "Theo Luật số 41/2024/QH15.", "Under Law No. 41/2025/QH15.",
     "paragraph", '"41/2025/QH15"'),
    ("letter number changed", "Công văn 862/BHXH-TST.", "Official Letter 826/BHXH-TST.",
     "paragraph", '"826/BHXH-TST"'),
    ("phone number changed", "Gọi 1577-0071.", "Call 1577-0017.", "paragraph", '"1577-0017"'),
    ("swapped placeholders", "Từ {{ a_date }} đến {{ b_date }}.", "From {{ b_date }} to {{ a_date }}.",
     "paragraph", "placeholders in another order"),
    ("renamed placeholder", "Lương {{ base_salary }}.", "Salary {{ salary_cap }}.", "paragraph",
     'drops placeholder "{{ base_salary }}"'),
]


@pytest.mark.parametrize("name, msgid, msgstr, kind, what", HOSTILE, ids=[c[0] for c in HOSTILE])
def test_hostile_translation_is_refused_and_named(name, msgid, msgstr, kind, what):
    found = check_translation(msgid, msgstr, kind)
    assert found, f"{name}: accepted"
    if what is not None:
        assert any(what in p for p in found), found
    for problem in found:
        # one line each, "what is wrong; how to fix it"
        assert "\n" not in problem and ";" in problem, problem


HONEST = [
    (LINK, "See [the contacts page](../contacts.md) for more.", "paragraph"),
    (SITE, "See [the agency's page](https://vss.gov.vn/lien-he) for more.", "paragraph"),
    ('Xem [trang](https://vss.gov.vn/lien-he "Liên hệ").',
     'See [the page](https://vss.gov.vn/lien-he "Contacts").', "paragraph"),
    ("Xem a < b và c > d.", "See a < b and c > d.", "paragraph"),
    ("Xem <https://vss.gov.vn>.", "See <https://vss.gov.vn>.", "paragraph"),
    (BOLD, "A paragraph with **bold text** in the middle.", "paragraph"),
    ("Chạy `mdbabel update` trước.", "Run `mdbabel update` first.", "paragraph"),
    ("Nhấn <kbd>Ctrl</kbd> để chọn.", "Press <kbd>Ctrl</kbd> to select.", "paragraph"),
    ("Mức đóng là 2.530.000 đồng.", "The contribution is VND 2,530,000.", "paragraph"),
    ("Mức đóng là 2.530.000 đồng.", "La cotisation est de 2\u202f530\u202f000 VND.", "paragraph"),
    ("Tỷ lệ 10,5%.", "A rate of 10.5%.", "paragraph"),
    ("Có hiệu lực từ ngày 1/7/2026.", "In force from 1 July 2026.", "paragraph"),
    ("Có hiệu lực từ ngày 1/7/2026.", "In force from July 1, 2026.", "paragraph"),
    ("Có hiệu lực từ ngày 1 tháng 7 năm 2026.", "In force from 2026-07-01.", "paragraph"),
    ("Số liệu tháng 6/2024", "Figures for June 2024", "heading"),
    ("Luật Bảo hiểm xã hội số 41/2024/QH15", "Law on Social Insurance No. 41/2024/QH15",
     "front matter source title"),
    ("Quyết định 391/QĐ-BTC", "Decision 391/QD-BTC", "front matter source title"),
    ("Điều 2 khoản 2", "Article 2, clause 2", "paragraph"),
    ("Dòng\nhai", "Line\ntwo", "paragraph"),
    ("Xem [Luật BHXH][] để biết thêm.", "See [Social Insurance Law][luật  BHXH] for more.",
     "paragraph"),
    ("Chữ[^1] ở đây.", "Text[^1] here.", "paragraph"),
    ("Trang web: vss.gov.vn.", "Website: www.vss.gov.vn.", "paragraph"),
    ("Trang web: vss.gov.vn.", "웹사이트: vss.gov.vn에서 확인하세요.", "paragraph"),
    ("Xem [trang](https://vss.gov.vn/english).", "See [the page](https://vss.gov.vn/english) (vss.gov.vn).",
     "paragraph"),
    ("Tại TP.HCM, v.v.", "In Ho Chi Minh City (TP.HCM), e.g. in the a.m.", "paragraph"),
    ("Xem a &amp; b.", "See a &amp; b &nbsp;and &#x2014; c.", "paragraph"),
    ("Chữ\u200bnày", "This&#x200B;text", "table cell"),  # the source has the character too
    ("Tiêu đề", 'A title: "quoted" & a < b', "front matter title"),
    ('Biểu tượng <svg><use href="#i"/></svg> và <span lang="en">OK</span>.',
     'The icon <svg><use href="#i"/></svg> and <span lang="en">OK</span>.', "paragraph"),
]


@pytest.mark.parametrize("msgid, msgstr, kind", HONEST, ids=[c[1][:40] for c in HONEST])
def test_honest_translation_passes(msgid, msgstr, kind):
    assert check_translation(msgid, msgstr, kind) == []


def test_placeholders_may_be_reordered_with_the_flag():
    msgid, msgstr = "Từ {{ a_date }} đến {{ b_date }}.", "Until {{ b_date }}, from {{ a_date }}."
    assert check_translation(msgid, msgstr, "paragraph")
    assert check_translation(msgid, msgstr, "paragraph", reorder=True) == []


def test_a_shortcut_reference_is_a_link_only_with_the_pages_label():
    msgid, msgstr = "Xem [Luật BHXH] để biết thêm.", "See [Social Insurance Law] for more."
    assert check_translation(msgid, msgstr, "paragraph") == []  # plain brackets on the page
    found = check_translation(msgid, msgstr, "paragraph", references=frozenset({"luật bhxh"}))
    assert any("drops the reference link" in p for p in found), found


def test_the_reorder_flag_is_read_from_the_catalog_and_used_by_the_build(tmp_path):
    """``#, mdbabel-reorder`` on an entry lets its placeholders change order; without it the
    translation is refused and the source text kept."""
    from mdbabel.catalogs import load_translations, make_lookup
    from mdbabel.translate import translate_markdown

    msgid, msgstr = "Từ {{ a_date }} đến {{ b_date }}.", "Until {{ b_date }}, from {{ a_date }}."
    for flags, accepted in (("#, mdbabel-reorder\n", True), ("#, python-format\n", False)):
        po = tmp_path / "locales" / "en" / "LC_MESSAGES" / "page.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        po.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n'
                      '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      f'{flags}msgid "{msgid}"\nmsgstr "{msgstr}"\n', encoding="utf-8")
        translations = load_translations(po, root=tmp_path, language="en")
        result = translate_markdown(msgid + "\n", make_lookup(translations))
        assert (result.markdown == msgstr + "\n") is accepted, result.problems
        assert bool(result.problems) is not accepted
        assert accepted or all(p.startswith("locales/en/LC_MESSAGES/page.po:8: ") and
                               "#, mdbabel-reorder" in p for p in result.problems), result.problems


def test_the_sanitiser_line_reports_markup_the_first_parser_did_not_see():
    """nh3 parses the translation with its own parser (html5ever): an element it finds that
    the html5lib summary lacks is reported (a differential between the two parsers)."""
    from mdbabel.safety.compare import _sanitiser, summarise

    source = summarise("<p>a <b>b</b></p>")
    assert _sanitiser(source, summarise("<p>a <b>b</b></p>"), "<p>a <b>b</b></p>") == []
    found = _sanitiser(source, summarise("<p>a <b>b</b></p>"), "<p>a <b>b</b><img src=x></p>")
    assert found and "sanitiser" in found[0]


def test_mdbabel_check_names_each_hostile_entry_with_its_catalog_line(tmp_path):
    """`mdbabel check` (catalogs.check_project) judges with the same rules as the build."""
    import subprocess
    import sys

    from acceptance_support import copy_site, find_entry, po_entries, set_msgstr

    root = copy_site(tmp_path / "project")
    po = root / "locales" / "en" / "LC_MESSAGES" / "foreign-workers" / "contributions.po"
    text = po.read_text(encoding="utf-8")
    entries = [e for e in po_entries(text) if e.msgid and e.msgstr and "](" in e.msgid]
    hostile = [(entries[0].msgid, entries[0].msgstr + " <svg/onload=alert(1)>"),
               (entries[1].msgid, entries[1].msgstr.replace("](", "](//evil.example/", 1))]
    for msgid, msgstr in hostile:
        text = set_msgstr(text, find_entry(text, msgid), msgstr)
    po.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mdbabel.cli", "check", "--catalogs-only"],
                            cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    shown = "locales/en/LC_MESSAGES/foreign-workers/contributions.po"
    for msgid, _ in hostile:
        line = find_entry(text, msgid).msgstr_line
        assert any(message.startswith(f"{shown}:{line}: translation ") and ";" in message
                   for message in output.splitlines()), output[-3000:]
