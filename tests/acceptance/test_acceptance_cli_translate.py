"""Acceptance: ``mdbabel translate`` of every real page with its real English catalog.

For every page docs/X.md, ``mdbabel translate docs/X.md --catalog locales/en/LC_MESSAGES/X.po``
(run in the repository, read-only) must:
- exit 0 with no problem and report every message translated (the catalogs are complete);
- rendered with Python-Markdown in the site's dialect (``translate.markdown_config``), give
  exactly the heading ids of the rendered source, in the same order;
- contain no Vietnamese where the catalog has a translation: every word with a Vietnamese
  letter in the rendered text (code aside) is one the translators wrote in a msgstr (names such
  as "Bảo hiểm xã hội Việt Nam" kept in English text), never a leftover of the source;
- contain distinct msgstr strings of the catalog as they are (spot check).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from acceptance_support import REPO, environment, parse_html, po_entries
from mdbabel.segments import segment
from mdbabel.translate import markdown_config

PAGES = sorted(p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").rglob("*.md")
               if "_data" not in p.parts)
MDBABEL = Path(sys.executable).parent / "mdbabel"
#: Letters of Vietnamese that English does not use (any word with one is Vietnamese).
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
                        r"ÀẢÃÁẠẰẲẴẮẶẦẨẪẤẬÈẺẼÉẸỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙỦŨÚỤỪỬỮỨỰỲỶỸÝỴ]")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _body(text: str) -> str:
    return FRONT_MATTER.sub("", text, count=1)


def _render(text: str):
    return parse_html(markdown.Markdown(**markdown_config()).convert(_body(text)))


def _heading_ids(root) -> list[str]:
    return [n.attrs.get("id") for n in root.iter() if re.fullmatch(r"h[1-6]", n.tag)]


def _visible(root) -> str:
    def skip(node):
        return node.tag in ("code", "pre")
    return root.text(skip)


def _translate(page: str) -> subprocess.CompletedProcess[str]:
    domain = page[:-3]
    return subprocess.run(
        [str(MDBABEL) if MDBABEL.exists() else "mdbabel", "translate", f"docs/{page}",
         "--catalog", f"locales/en/LC_MESSAGES/{domain}.po"],
        cwd=REPO, env=environment(), capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def translated():
    return {page: _translate(page) for page in PAGES}


def _msgstrs(page: str) -> list[str]:
    text = (REPO / "locales" / "en" / "LC_MESSAGES" / f"{page[:-3]}.po").read_text(encoding="utf-8")
    return [e.msgstr for e in po_entries(text) if e.msgid and e.msgstr and not e.obsolete
            and "fuzzy" not in e.flags]


def test_every_page_has_a_catalog():
    assert len(PAGES) >= 20
    for page in PAGES:
        assert (REPO / "locales" / "en" / "LC_MESSAGES" / f"{page[:-3]}.po").is_file(), page


@pytest.mark.parametrize("page", PAGES)
def test_translate_exits_cleanly_with_every_message_translated(translated, page):
    result = translated[page]
    assert result.returncode == 0, result.stderr
    total = len(segment((REPO / "docs" / page).read_text(encoding="utf-8")))
    assert f"docs/{page}: {total} of {total} messages translated (100%)" in result.stderr, result.stderr


@pytest.mark.parametrize("page", PAGES)
def test_translated_page_renders_with_the_heading_ids_of_the_source(translated, page):
    source = (REPO / "docs" / page).read_text(encoding="utf-8")
    source_ids = _heading_ids(_render(source))
    output_ids = _heading_ids(_render(translated[page].stdout))
    assert source_ids and all(source_ids)
    assert output_ids == source_ids


@pytest.mark.parametrize("page", PAGES)
def test_translated_page_has_no_vietnamese_left(translated, page):
    written = " ".join(_msgstrs(page))
    allowed = set(re.findall(r"[^\W\d_]+", written))
    rendered = _render(translated[page].stdout)
    words = re.findall(r"[^\W\d_]+", _visible(rendered))
    left = sorted({w for w in words if VIETNAMESE.search(w) and w not in allowed})
    assert not left, f"{page}: Vietnamese words no translator wrote: {left[:30]}"
    # no source text of a translated entry is left in the Markdown (whitespace-normalised)
    body = " ".join(_body(translated[page].stdout).split())
    text = (REPO / "locales" / "en" / "LC_MESSAGES" / f"{page[:-3]}.po").read_text(encoding="utf-8")
    kept = [e.msgid for e in po_entries(text)
            if e.msgid and e.msgstr and VIETNAMESE.search(e.msgid) and e.msgid not in written
            and " ".join(e.msgid.split()) in body]
    assert not kept, f"{page}: source text kept although translated: {kept[:5]}"
    # the translated front matter: title and description are the catalog's
    meta = FRONT_MATTER.match(translated[page].stdout)
    if meta:
        for line in meta.group(1).split("\n"):
            if line.startswith(("title:", "description:")):
                value = line.split(":", 1)[1]
                assert not [w for w in re.findall(r"[^\W\d_]+", value)
                            if VIETNAMESE.search(w) and w not in allowed], f"{page}: {line}"


@pytest.mark.parametrize("page", PAGES)
def test_distinct_msgstrs_appear_in_the_output(translated, page):
    output = translated[page].stdout
    plain = sorted({s for s in _msgstrs(page) if "\n" not in s and len(s) > 25}, key=len, reverse=True)
    assert plain, f"{page}: no long one-line msgstr to check"
    for msgstr in plain[:3] + plain[-2:]:
        assert msgstr in output or msgstr.replace('"', '\\"') in output, \
            f"{page}: {msgstr!r} is not in the translated Markdown"
    # and the rendered text is English: the page's own words are mostly from the msgstrs
    visible = " ".join(_visible(_render(output)).split())
    assert any(s in visible for s in plain if not re.search(r"[\[\]*`<{]", s)) or not [
        s for s in plain if not re.search(r"[\[\]*`<{]", s)]
