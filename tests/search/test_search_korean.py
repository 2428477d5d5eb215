"""Korean search on the real site, in Chromium: a glossary term typed with a particle
(국민연금은, 가입증명서가) finds every page of that language's index that has the term, and
only pages of that language.

The languages are those of mkdocs.yml whose glossary terms (locales/glossary.yml) are written
in Hangul; the queries are their one-word glossary terms found in the built index, so nothing
here names today's pages. The schemes compared before this one was chosen:
dev/korean-search.md (scripts/bench_korean_search.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from mdbabel.catalogs import load_site_config

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
HANGUL_WORD = re.compile(r"^[\uac00-\ud7a3]+$")
WORD_CHAR = re.compile(r"[^\W_]")


def _glossary() -> list[dict]:
    return yaml.safe_load((REPO / "locales" / "glossary.yml").read_text(encoding="utf-8"))


def hangul_languages() -> list[str]:
    glossary = _glossary()
    return [code for code in load_site_config(REPO).languages
            if any(HANGUL_WORD.match(str(entry.get(code, "")).replace(" ", "")) for entry in glossary)]


def with_particle(word: str, vowel_form: str, consonant_form: str) -> str:
    """*word* + the particle form its last syllable takes (은/는, 을/를, 이/가)."""
    final_consonant = (ord(word[-1]) - 0xAC00) % 28 != 0
    return word + (consonant_form if final_consonant else vowel_form)


def page_text(entry: dict) -> str:
    return "\n".join([entry["title"], *(s["title"] + "\n" + s["text"] for s in entry["sections"])]).lower()


def at_word_start(text: str, word: str) -> bool:
    return any(i == 0 or not WORD_CHAR.match(text[i - 1])
               for i in (m.start() for m in re.finditer(re.escape(word), text)))


def queries(index: dict, language: str) -> dict[str, set[str]]:
    """{term with a particle: urls of the index pages holding the term at a word start}, for
    the one-word Hangul glossary terms of *language* that occur in the index."""
    pages = [(entry["url"], page_text(entry)) for entry in index["pages"]]
    particles = [("는", "은"), ("를", "을"), ("가", "이")]
    found = {}
    terms = sorted({entry[language] for entry in _glossary()
                    if HANGUL_WORD.match(entry.get(language, ""))})
    for number, term in enumerate(terms):
        urls = {url for url, text in pages if at_word_start(text, term)}
        if urls:
            found[with_particle(term, *particles[number % len(particles)])] = urls
    return found


def search(page, query: str) -> list[str]:
    page.click("#mdb-search-input")
    page.fill("#mdb-search-input", query)
    page.evaluate("() => window.mdbabelSearch.load().then(() => window.mdbabelSearch.run())")
    return page.eval_on_selector_all(".mdb-search__link", "links => links.map(a => a.href)")


@pytest.mark.parametrize("language", hangul_languages())
def test_terms_with_particles_find_every_page_with_the_term_and_only_that_language(
        browser, built_site, served_site, language):
    index = json.loads((built_site / language / "search" / f"{language}.json").read_text(encoding="utf-8"))
    expected = queries(index, language)
    assert len(expected) >= 5, expected
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    wrong = {}
    try:
        page.goto(served_site + f"{language}/")
        for query, urls in expected.items():
            hrefs = search(page, query)
            assert all(href.startswith(served_site + f"{language}/") for href in hrefs), (query, hrefs)
            got = {href[len(served_site):].split("#")[0] for href in hrefs}
            if got != urls:
                wrong[query] = {"missing": sorted(urls - got), "extra": sorted(got - urls)}
        indexes = [url for url in requested if url.endswith(".json") and "/search/" in url]
        assert indexes and all(url.endswith(f"{language}/search/{language}.json") for url in indexes)
    finally:
        context.close()
    assert wrong == {}, json.dumps(wrong, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("language", hangul_languages())
def test_only_a_final_particle_of_a_hangul_word_is_dropped(browser, served_site, language):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(served_site + f"{language}/")
        stems = page.evaluate("words => words.map(window.mdbabelSearch.stem)",
                              ["국민연금은", "사회보장청에서", "보험료를", "국가", "연금", "bảo", "pension", "은"])
    finally:
        context.close()
    # two syllables must stay (국가 is a word, not 국 + 가); other scripts are left alone
    assert stems == ["국민연금", "사회보장청", "보험료", "국가", "연금", "bảo", "pension", "은"]
