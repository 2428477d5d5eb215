"""CONTRIBUTING.md's three paths, command by command, on a copy of the project.

Each test runs the documented `make` targets in a copy of the working tree whose `.venv` is a
link to the venv running the tests (`make -o .venv/.installed-stamp` so that make does not
reinstall into it).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from mdbabel.site_checks import check_built_site
from workflow_support import ROOT, copy_project, run, tool

pytestmark = pytest.mark.slow

STAMP = ".venv/.installed-stamp"


def base_salary(language: str) -> str:
    """The base salary as the page shows it: the value of the data files valid today (the
    builds below run without SOURCE_DATE_EPOCH), formatted for *language*."""
    from mdbabel.figures import build_date, format_figure, load_figures

    figures = load_figures(ROOT / "docs" / "_data", on=build_date({}))
    return format_figure(figures, "base_salary", language)

PAGE = "foreign-workers/test-page"

PAGE_TEXT = """\
---
title: Trang thử nghiệm
description: Một trang để kiểm tra quy trình dịch.
audience: everyone
reviewed: 2026-11-25
sources:
  - title: Luật Bảo hiểm xã hội số 41/2024/QH15
---

# Trang thử nghiệm

## Mức lương cơ sở

Mức lương cơ sở là {{ base_salary }}. Xem [các chế độ](benefits.md#quy-nao-tra-cho-tung-che-do).

- Đóng `BHXH` hằng tháng.
"""

ENGLISH = {
    "Trang thử nghiệm": "Test page",
    "Một trang để kiểm tra quy trình dịch.": "A page to test the translation workflow.",
    "Mức lương cơ sở": "Base salary",
    "Mức lương cơ sở là {{ base_salary }}. Xem [các chế độ](benefits.md#quy-nao-tra-cho-tung-che-do).":
        "The base salary is {{ base_salary }}. See [the benefits](benefits.md#quy-nao-tra-cho-tung-che-do).",
    "Đóng `BHXH` hằng tháng.": "Pay `BHXH` every month.",
}


def make(project: Path, target: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return run(["make", "-o", STAMP, "--no-print-directory", target], project, check=check)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "clone")
    os.symlink(Path(tool("python")).parent.parent, project / ".venv")
    make(project, "catalogs")  # the state of a clone whose catalogs are up to date
    return project


def add_page(project: Path) -> None:
    """Editor path: write the page and add it to the nav of mkdocs.yml."""
    (project / "docs" / f"{PAGE}.md").write_text(PAGE_TEXT, encoding="utf-8")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.strip() == "- foreign-workers/index.md")
    lines.insert(index + 1, lines[index].replace("foreign-workers/index.md", f"{PAGE}.md"))
    config.write_text("\n".join(lines), encoding="utf-8")


def edit_catalog(po: Path, change) -> None:
    """What Poedit does: read, change entries, save in its own format (then `make catalogs`)."""
    with po.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id:
            change(message)
    with po.open("wb") as stream:
        write_po(stream, catalog, width=76, include_previous=True)


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def text_of(page_html: str) -> str:
    main = page_html.split('<article', 1)[-1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


# --- 1. editor ---------------------------------------------------------------------------------


def test_editor_adds_a_page(project):
    add_page(project)
    result = make(project, "catalogs")
    assert f"locales/templates/{PAGE}.pot" in result.stdout
    pot = (project / "locales" / "templates" / f"{PAGE}.pot").read_text(encoding="utf-8")
    po = (project / "locales" / "en" / "LC_MESSAGES" / f"{PAGE}.po").read_text(encoding="utf-8")
    for msgid in ENGLISH:
        for text in (pot, po):
            assert f'"{msgid}"' in text.replace('"\n"', "")
    # references name the file only (quiet diffs; `mdbabel where` gives the line)
    assert "Đóng `BHXH` hằng tháng." in pot and "#: docs/foreign-workers/test-page.md\n" in pot
    result = make(project, "check")
    assert result.returncode == 0
    make(project, "site")
    vi = html(project / "site", PAGE)
    assert f"Mức lương cơ sở là {base_salary('vi')}" in text_of(vi)
    assert 'id="muc-luong-co-so"' in vi
    # not translated yet: the English page exists and shows the Vietnamese text
    en = html(project / "site", f"en/{PAGE}")
    assert "Mức lương cơ sở" in text_of(en)
    # a second `make catalogs` has nothing to do
    assert "catalogs are up to date" in make(project, "catalogs").stdout


def test_editor_mistakes_are_reported_by_make_check(project):
    page = project / "docs" / "faq.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\nreviewed:", "\nchecked:", 1) + "\nXem [trang không có](khong-co.md).\n",
                    encoding="utf-8")
    result = make(project, "check", check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "locales/templates/faq.pot: out of date with the sources; run `make catalogs`" in output
    make(project, "catalogs")
    result = run([tool("mdbabel"), "check"], project, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "docs/faq.md:1: missing `reviewed` date in the front matter; add `reviewed: YYYY-MM-DD`" in output
    assert re.search(r"docs/faq\.md:\d+: broken link `khong-co\.md`", output)


# --- 2. translator -----------------------------------------------------------------------------


def test_translator_translates_reviews_fuzzy_and_builds(project):
    add_page(project)
    make(project, "catalogs")
    po = project / "locales" / "en" / "LC_MESSAGES" / f"{PAGE}.po"

    def translate(message):
        if message.id in ENGLISH:
            message.string = ENGLISH[message.id]

    edit_catalog(po, translate)
    make(project, "catalogs")          # back to the project's wrapping; translations kept
    assert "The base salary is {{ base_salary }}." in po.read_text(encoding="utf-8").replace('"\n"', "")
    assert make(project, "check").returncode == 0
    make(project, "site")
    en = html(project / "site", f"en/{PAGE}")
    assert f"The base salary is {base_salary('en')}. See the benefits ." in text_of(en)
    assert "Pay BHXH every month." in text_of(en)
    assert 'id="muc-luong-co-so"' in en                      # same anchor in every language
    assert 'href="../benefits/#quy-nao-tra-cho-tung-che-do"' in en
    assert "<title>Test page" in en

    # the editor changes a sentence: its translation becomes fuzzy and is not published
    source = project / "docs" / f"{PAGE}.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Mức lương cơ sở là", "Mức lương cơ sở hiện nay là"),
                      encoding="utf-8")
    make(project, "catalogs")
    catalog_text = po.read_text(encoding="utf-8")
    assert "#, fuzzy" in catalog_text and "#| msgid" in catalog_text
    make(project, "site")
    en = text_of(html(project / "site", f"en/{PAGE}"))
    assert "The base salary is" not in en and "Mức lương cơ sở hiện nay là" in en

    # the translator reviews the fuzzy entry and unmarks it
    def review(message):
        if message.fuzzy and "hiện nay" in message.id:
            message.string = message.string.replace("The base salary is", "The current base salary is")
            message.flags.discard("fuzzy")
            message.previous_id = []

    edit_catalog(po, review)
    make(project, "catalogs")
    assert "#, fuzzy" not in po.read_text(encoding="utf-8")
    assert make(project, "check").returncode == 0
    make(project, "site")
    assert f"The current base salary is {base_salary('en')}." in text_of(html(project / "site", f"en/{PAGE}"))


def test_a_broken_translation_fails_check_and_strict_build(project):
    add_page(project)
    make(project, "catalogs")
    po = project / "locales" / "en" / "LC_MESSAGES" / f"{PAGE}.po"

    def translate_without_link(message):
        if message.id in ENGLISH:
            message.string = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", ENGLISH[message.id])

    edit_catalog(po, translate_without_link)
    make(project, "catalogs")
    result = make(project, "check", check=False)
    assert result.returncode != 0
    assert re.search(rf"locales/en/LC_MESSAGES/{PAGE}\.po:\d+: translation drops link "
                     r'"\(benefits\.md#quy-nao-tra-cho-tung-che-do\)"', result.stderr)
    assert make(project, "site", check=False).returncode != 0
    assert not (project / "site").exists(), "a failed build must not leave a site/ behind"


# --- 3. new language ---------------------------------------------------------------------------


def test_add_a_language(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    match = re.search(r"\n( *)- locale: en\n((?:\1  .*\n)+)", text)
    assert match, "no `- locale: en` entry under plugins: i18n: languages in mkdocs.yml"
    indent = match.group(1)
    line = re.search(r"```yaml\n *(- \{ locale: de, [^\n]*\})\n```",
                     (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert line, "CONTRIBUTING.md shows no one-line `- { locale: de, ... }` entry"
    entry = f"{indent}{line.group(1)}\n"
    config.write_text(text[:match.end()] + entry + text[match.end():], encoding="utf-8")

    result = make(project, "catalogs")
    assert "created locales/de/LC_MESSAGES/faq.po" in result.stdout
    # the nav's lines moved, but references carry no line numbers (quiet diffs, issue 19)
    assert "locales/en/LC_MESSAGES/_site.po" not in result.stdout
    assert (project / "locales" / "de" / "LC_MESSAGES" / "_site.po").is_file()
    assert 'Language: de\\n' in (project / "locales" / "de" / "LC_MESSAGES" / "faq.po").read_text(encoding="utf-8")
    result = run([tool("mdbabel"), "init", "de"], project)
    assert "catalogs for de are in locales/de/LC_MESSAGES/" in result.stdout
    assert make(project, "check").returncode == 0
    make(project, "site")
    de = html(project / "site", "de")
    assert '<html lang="de"' in de
    assert (project / "site" / "de" / "faq" / "index.html").is_file()
    assert (project / "site" / "en" / "index.html").is_file()
    assert [str(p) for p in check_built_site(project / "site")] == []


def test_init_then_make_catalogs(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    match = re.search(r"\n( *)- locale: en\n((?:\1  .*\n)+)", text)
    indent = match.group(1)
    config.write_text(text[:match.end()] + f"{indent}- locale: fr\n{indent}  name: Français\n" + text[match.end():],
                      encoding="utf-8")
    result = run([tool("mdbabel"), "init", "fr"], project)
    assert "created locales/fr/LC_MESSAGES/faq.po" in result.stdout
    make(project, "catalogs")
    assert make(project, "check").returncode == 0


def test_init_of_an_unlisted_language_says_what_to_add(project):
    result = run([tool("mdbabel"), "init", "fr"], project, check=False)
    assert result.returncode == 2
    assert "- locale: fr" in result.stderr


# --- make serve reloads when a catalog changes ----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_serve_shows_a_saved_translation(project):
    add_page(project)
    make(project, "catalogs")
    port = _free_port()
    # served at the root (mkdocs.yml takes site_url from SITE_URL when it is set)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}/")
    env.pop("SOURCE_DATE_EPOCH", None)
    server = subprocess.Popen([tool("mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/en/{PAGE}/"
    try:
        deadline = time.monotonic() + 90
        page = None
        while time.monotonic() < deadline and page is None:
            time.sleep(0.5)
            page = _get(url)
        assert page is not None, f"mkdocs serve did not answer on {url}"
        assert "Mức lương cơ sở" in text_of(page)

        po = project / "locales" / "en" / "LC_MESSAGES" / f"{PAGE}.po"
        edit_catalog(po, lambda m: setattr(m, "string", ENGLISH.get(m.id, m.string)))
        found = False
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not found:
            time.sleep(1)
            found = f"The base salary is {base_salary('en')}." in text_of(_get(url) or "")
        assert found, "the English page did not show the saved translation"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
