"""The search index reads page HTML with a fast tokenizer (search_index._html_events) that must
make exactly the calls Python's HTMLParser makes, or give the page up to HTMLParser. Checked on
every page of the real site and of a generated corpus-like page, on hand-written tricky
markup, and on random markup from a grammar of HTML's awkward corners."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mdbabel.search_index import _html_events, article_html, extract_page


class Recorder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, list(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("startend", tag, list(attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        self.events.append(("data", data))


def merged(events: list[tuple]) -> list[tuple]:
    """Consecutive texts as one (HTMLParser may cut a text in two; the parsers append)."""
    out: list[tuple] = []
    for event in events:
        if event[0] == "data" and out and out[-1][0] == "data":
            out[-1] = ("data", out[-1][1] + event[1])
        elif event != ("data", ""):
            out.append(event)
    return out


def html_parser_events(html: str) -> list[tuple]:
    recorder = Recorder()
    recorder.feed(html)
    recorder.close()
    return merged(recorder.events)


def assert_same_or_declined(html: str) -> bool:
    fast = _html_events(html)
    if fast is not None:
        assert merged(fast) == html_parser_events(html), html
    return fast is not None


def test_every_page_of_the_site_is_read_fast_and_as_html_parser_reads_it(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        article = article_html(page.read_text(encoding="utf-8"))
        if article is None:
            continue
        # the real pages are what the fast path is for: none may fall back
        assert assert_same_or_declined(article), page


TRICKY = [
    '<p>a</p><script src="x.js" defer></script><p>b</p>',
    "<noscript><p>needs <b>script</b></p></noscript><p>after</p>",
    '<p class="a  b" id=x hidden data-e="" t=\'q&lt;\'>T&amp;x &nbsp;<b>y</b><br/><br></p>',
    '<a href="x>y" title="a<b">link</a>',
    "<P CLASS=Up>Upper</P>",
    "<!-- a comment --><p>after</p>",
    "<!-- a -- b --><p>text</p>",
    "<!--><p>x</p>-->",
    "<!---><p>x</p>-->",
    "<!-- --!> --><p>x</p>",
    "a < b and c <= d",
    "<p>1 &lt; 2 &amp 3 &#x41; &#65 &unknown;</p>",
    "<script>if (a < b) { x = '<p>' }</script><p>t</p>",
    "<style>p > a { color: red }</style>",
    "<textarea><b>raw</b></textarea>",
    "<title>a <b> c</title>",
    "<!DOCTYPE html><p>x</p>",
    "<![CDATA[ x ]]><p>y</p>",
    "<?php echo 1 ?><p>y</p>",
    "<a b='1'c='2'>q</a>",
    "<a href=x/y>q</a>",
    '<a href="x" / >q</a>',
    "<img src=a.png alt=\"\"/>",
    '<a b = "1"   c\n=\n\'2\'>q</a>',
    "<a\u00a0b='1'>q</a>",
    "<a b=c\u00a0d>q</a>",
    "</p  ><p\t>tab</p\n>",
    "</ p>text",
    "<p>unclosed",
    "text &",
    "<svg><path d=\"M0 0\"/></svg>",
    "<x-y data-a:b=1>custom</x-y>",
    "<a href=\"&quot;q&quot;\">e</a>",
    "<div markdown=\"1\"><p>x</p></div>",
]


@pytest.mark.parametrize("html", TRICKY)
def test_tricky_markup_is_read_as_html_parser_reads_it_or_left_to_it(html):
    assert_same_or_declined(html)


def test_the_common_markup_is_not_left_to_html_parser():
    for html in TRICKY[:4] + ["<p>1 &lt; 2 &amp 3 &#x41; &#65 &unknown;</p>",
                              "</p  ><p\t>tab</p\n>", "<svg><path d=\"M0 0\"/></svg>"]:
        assert _html_events(html) is not None, html


PIECES = st.sampled_from([
    "<p>", "</p>", "<b>", "</b>", "<br>", "<br/>", "<br />", "<h2 id=\"x\">", "</h2>",
    '<span lang="vi">', "</span>", '<a href="/x?a=1&amp;b=2">', "</a>", "<div class='a b'>",
    "</div>", "<img alt=x>", "<input disabled>", "<!-- c -->", "<!-- - -->", "<!--", "-->",
    "<!-->", "--!>", "<", ">", "</", "/>", "&", "&amp;", "&lt;", "&#39;", "&#x27", "&nbsp",
    "&bogus;", "=", '"', "'", " ", "\n", "\t", "\u00a0", "\f", "\r", "text", "Đóng", "x",
    "<script>", "</script>", "<style>", "</style>", "<textarea>", "<title>", "<!DOCTYPE x>",
    "<![CDATA[", "]]>", "<?", "?>", "<P ID=Q>", "</P >", "<a b=c d>", "<a b='c'd>",
    "<a b=\"\">", "<a  b = 'c' >", "<x-y>", "</x-y>", "<svg><path/></svg>", "`",
])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=30).map("".join))
def test_random_markup_is_read_as_html_parser_reads_it_or_left_to_it(html):
    assert_same_or_declined(html)


def test_the_index_of_a_page_is_the_same_through_either_reader():
    html = ('<h1 id="t">Tiêu đề</h1><p>Mở đầu <b>đậm</b> &amp; thường.</p>'
            '<h2 id="muc">Mục <a class="headerlink" href="#muc">¶</a></h2>'
            '<div lang="en"><p>English aside</p></div><p>Nội dung<br>dòng hai.</p>'
            '<button>Bấm</button><p data-search-exclude>Ẩn</p>')
    fast = extract_page(html, "vi")
    slow = extract_page(html + "<!DOCTYPE x>", "vi")  # the doctype sends it to HTMLParser
    assert _html_events(html + "<!DOCTYPE x>") is None
    assert fast == slow
    assert fast.title == "Tiêu đề"
    assert [(s.title, s.anchor, s.text) for s in fast.sections] == [
        ("", "", "Mở đầu đậm & thường."), ("Mục", "muc", "Nội dung dòng hai.")]
