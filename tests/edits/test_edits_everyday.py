"""Everyday edits the way editors make them, and what `make check` and the build make of them:
a front matter closed on the page's last line (no line end after `---`), a key written twice,
a git merge conflict left in a page, a page saved in another encoding, a page moved with its
`nav:` entry left behind. Each is one line `file:line: what; how to fix`, never a traceback,
and never raw YAML or conflict markers on the site. Small projects in tmp_path."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort, PluginError
from mkdocs.utils.meta import get_data

from mdbabel.page_source import read_page_source
from mdbabel.site_checks import check_front_matter, check_pages
from small_site import build_in_process, mkdocs_yml

FRONT = ("---\ntitle: Giới thiệu\nreviewed: 2026-11-25\nsources:\n"
         "  - title: Luật Bảo hiểm xã hội số 41/2024/QH15\n---\n")
BODY = "\n# Giới thiệu\n\nMột đoạn.\n"
CONFLICT = "<<<<<<< HEAD\nCâu của người A.\n=======\nCâu của người B.\n>>>>>>> nhanh-khac\n"


def _project(root, pages: dict[str, str], nav: tuple[str, ...] | None = None):
    (root / "mkdocs.yml").write_text(mkdocs_yml(pages=nav or tuple(pages),
                                                mdbabel_options="cache: false\nshare_cards: false\n"
                                                "strict: true\nfront_matter_rules: true"),
                                     encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    return root


def _lines(problems) -> list[str]:
    return [str(problem) for problem in problems]


# --------------------------------------------------------------------------- front matter


def test_a_front_matter_closed_on_the_last_line_is_read_as_front_matter(tmp_path):
    """MkDocs takes `---` for the end of a front matter only when a line end follows: a page
    saved without a final line end showed its YAML as text, and every check passed."""
    page = tmp_path / "x.md"
    page.write_text(FRONT.rstrip("\n"), encoding="utf-8")
    text, problems = read_page_source(page, "docs/x.md")
    assert problems == []
    body, meta = get_data(text)
    assert meta["title"] == "Giới thiệu" and "title" not in body and "reviewed" not in body


def test_a_page_with_a_final_line_end_is_given_as_it_is(tmp_path):
    page = tmp_path / "x.md"
    page.write_text(FRONT + BODY, encoding="utf-8")
    assert read_page_source(page, "docs/x.md") == (FRONT + BODY, [])


@pytest.mark.parametrize("text, line, key", [
    (FRONT.replace("reviewed:", "title: Về trang này\nreviewed:") + BODY, 3, "title"),
    (FRONT.replace("  - title: Luật", "  - title: Luật A\n    title: Luật") + BODY, 6, "title"),
    (FRONT.replace("reviewed: 2026-11-25\n", "reviewed: 2026-11-25\nreviewed: 2026-12-01\n") + BODY,
     4, "reviewed"),
])
def test_a_key_written_twice_is_one_line_at_the_second(tmp_path, text, line, key):
    """YAML keeps the last of two equal keys without a word: the editor who fixes the first
    one sees nothing change. `make check` and the strict build now name it."""
    [problem] = _lines(check_front_matter("docs/x.md", text))
    assert problem.startswith(f"docs/x.md:{line}: front matter key `{key}` is written twice")
    assert "; keep one of the two" in problem


# --------------------------------------------------------------------------- merge conflicts


def test_a_merge_conflict_in_a_page_is_one_line_for_check_and_build(tmp_path):
    root = _project(tmp_path, {"index.md": FRONT + BODY + "\n" + CONFLICT})
    conflict_line = (FRONT + BODY + "\n").count("\n") + 1
    [problem] = _lines(check_pages(root))
    assert problem.startswith(f"docs/index.md:{conflict_line}: unresolved git merge conflict")
    assert "delete the `<<<<<<<`, `=======` and `>>>>>>>` lines" in problem
    # the build says it too, even for a site without the front matter rules
    _, problems = read_page_source(root / "docs" / "index.md", "docs/index.md", rules=False)
    assert problems == [problem]


def test_a_conflict_inside_the_front_matter_is_one_line_too(tmp_path):
    text = FRONT.replace("reviewed: 2026-11-25\n", "<<<<<<< HEAD\nreviewed: 2026-11-25\n=======\n"
                         "reviewed: 2026-12-01\n>>>>>>> nhanh-khac\n") + BODY
    root = _project(tmp_path, {"index.md": text})
    [problem] = _lines(check_pages(root))
    assert problem.startswith("docs/index.md:3: unresolved git merge conflict (lines 3 to 7)")


def test_conflict_markers_shown_in_a_code_block_are_no_conflict(tmp_path):
    text = FRONT + BODY + "\n```text\n" + CONFLICT + "```\n"
    root = _project(tmp_path, {"index.md": text})
    assert _lines(check_pages(root)) == []


# --------------------------------------------------------------------------- nav and encoding


def test_a_nav_entry_left_behind_by_a_move_is_named_with_its_line(tmp_path):
    """`git mv docs/faq.md docs/questions.md` without editing nav: `make check` passed and
    `make site` stopped on MkDocs' warning (once per language, no place, no fix)."""
    root = _project(tmp_path, {"index.md": FRONT + BODY, "questions.md": FRONT + BODY},
                    nav=("index.md", "faq.md"))
    line = next(number for number, text in
                enumerate((root / "mkdocs.yml").read_text("utf-8").split("\n"), 1)
                if text.strip() == "- faq.md")
    [problem] = _lines(check_pages(root))
    assert problem.startswith(f"mkdocs.yml:{line}: nav entry `faq.md` names no page: "
                              "docs/faq.md does not exist; ")


def test_nav_links_and_sections_are_not_pages(tmp_path):
    root = _project(tmp_path, {"index.md": FRONT + BODY})
    config = (root / "mkdocs.yml").read_text("utf-8").replace(
        "nav:\n  - index.md\n", "nav:\n  - index.md\n  - Mục:\n      - Trang: index.md\n"
        "      - Luật: https://vbpl.vn/\n  - Gốc: /\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert _lines(check_pages(root)) == []


LATIN1_PAGE = (FRONT + BODY).encode("utf-8").replace("Một đoạn".encode(), "Cafe\xe9".encode("cp1252"))


def test_a_page_saved_in_another_encoding_is_one_line_for_check(tmp_path):
    """`python -m mdbabel.site_checks` (the pre-commit hook) ended in a traceback."""
    root = _project(tmp_path, {"index.md": LATIN1_PAGE})
    line = LATIN1_PAGE[: LATIN1_PAGE.index(b"\xe9")].count(b"\n") + 1
    assert _lines(check_pages(root)) == [f"docs/index.md:{line}: not UTF-8 text; save the file as UTF-8"]


def _build(root):
    build_in_process(root)


def test_a_page_saved_in_another_encoding_is_one_line_for_the_build(tmp_path, monkeypatch, caplog):
    """MkDocs' own error ended in a traceback (a UnicodeDecodeError out of the build)."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = _project(tmp_path, {"index.md": LATIN1_PAGE})
    line = LATIN1_PAGE[: LATIN1_PAGE.index(b"\xe9")].count(b"\n") + 1
    with caplog.at_level(logging.ERROR), pytest.raises((PluginError, Abort)) as caught:
        _build(root)
    said = [str(caught.value), *(record.getMessage() for record in caplog.records)]
    assert f"docs/index.md:{line}: not UTF-8 text; save the file as UTF-8" in said, said


def test_a_tab_that_indents_the_front_matter_is_named(tmp_path):
    """YAML refuses tabs for indentation, and says "found character that cannot start any
    token", which names neither the tab nor the fix."""
    text = FRONT.replace("  - title: Luật", "\t- title: Luật") + BODY
    [problem] = _lines(check_front_matter("docs/x.md", text))
    assert problem == ("docs/x.md:5: front matter line is indented with a tab; YAML indents "
                       "with spaces only: replace the tab with spaces")


def test_a_strict_build_names_the_nav_entry_left_behind(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = _project(tmp_path, {"index.md": FRONT + BODY, "questions.md": FRONT + BODY},
                    nav=("index.md", "faq.md"))
    line = next(number for number, text in
                enumerate((root / "mkdocs.yml").read_text("utf-8").split("\n"), 1)
                if text.strip() == "- faq.md")
    with caplog.at_level(logging.WARNING), pytest.raises((PluginError, Abort)) as caught:
        _build(root)
    said = [str(caught.value), *(record.getMessage() for record in caplog.records)]
    assert any(text.startswith(f"mkdocs.yml:{line}: nav entry `faq.md` names no page") for text in said), said
    assert not (root / "site" / "index.html").exists()



def test_a_broken_anchor_names_the_closest_heading_id(tmp_path):
    """A heading renamed a little changes its id: the link's fix is the new id, which the
    editor had to work out (the message said "use one of its heading ids")."""
    root = _project(tmp_path, {"index.md": FRONT + "\n# Quỹ nào chi trả\n\nXem [mục này](#quy-nao-tra).\n"})
    [problem] = _lines(check_pages(root))
    assert problem.endswith("has no heading with that id; use `#quy-nao-chi-tra`, its closest "
                            "heading id")


# --------------------------------------------------------------------------- figure files

FIGURES = ("base_salary:\n  type: money\n  label: \"Mức lương cơ sở\"\n"
           "  values:\n    - {from: 2024-07-01, value: 2340000, source: \"Nghị định 73/2024/NĐ-CP\","
           " confidence: high}\n")


def _labels(data_dir):
    from mdbabel.figures.strings import figure_labels

    return list(figure_labels(data_dir, lambda path: f"docs/_data/{path.name}"))


def test_a_figures_file_in_decomposed_vietnamese_gives_the_same_labels(tmp_path):
    """A Mac editor saves NFD: the labels became other msgids, and `make catalogs` made
    every label's translation fuzzy or untranslated."""
    import unicodedata

    (tmp_path / "figures.yml").write_text(unicodedata.normalize("NFD", FIGURES), encoding="utf-8")
    assert _labels(tmp_path) == [("Mức lương cơ sở", ("docs/_data/figures.yml", 3))]
    assert unicodedata.is_normalized("NFC", _labels(tmp_path)[0][0])


@pytest.mark.parametrize("data, line, what", [
    (FIGURES.replace("  type:", "\ttype:").encode(), 2, "invalid YAML"),
    (FIGURES.encode().replace("Mức lương cơ sở".encode(), "Muc luong co s\xe9".encode("cp1252")),
     3, "not UTF-8 text; save the file as UTF-8"),
])
def test_a_figures_file_that_does_not_read_stops_catalogs_and_build_with_one_line(tmp_path, data,
                                                                                 line, what):
    """`make catalogs` dropped every label of such a file (their translations to obsolete
    entries), `make check` passed, and a file in another encoding ended `make site` in a
    traceback."""
    from mdbabel.catalogs import CatalogError
    from mdbabel.figures import FigureError, load_figures

    (tmp_path / "figures.yml").write_bytes(data)
    with pytest.raises(CatalogError) as caught:
        _labels(tmp_path)
    assert str(caught.value).startswith(f"docs/_data/figures.yml:{line}: {what}")
    with pytest.raises(FigureError) as caught:
        load_figures(tmp_path, relative_to=tmp_path.parent)
    assert str(caught.value).startswith(f"{tmp_path.name}/figures.yml:{line}: {what}")


def test_make_catalogs_does_not_take_a_conflict_for_text(tmp_path):
    """The markers and both sides became messages of every catalog (to be translated, and
    committed with the conflict's resolution)."""
    from mdbabel.catalogs import CatalogError, load_site_config, update_catalogs

    root = _project(tmp_path, {"index.md": FRONT + BODY})
    update_catalogs(load_site_config(root))
    before = (root / "locales" / "en" / "LC_MESSAGES" / "index.po").read_bytes()
    (root / "docs" / "index.md").write_text(FRONT + BODY + "\n" + CONFLICT, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        update_catalogs(load_site_config(root))
    line = (FRONT + BODY + "\n").count("\n") + 1
    assert str(caught.value).startswith(f"docs/index.md:{line}: unresolved git merge conflict")
    assert (root / "locales" / "en" / "LC_MESSAGES" / "index.po").read_bytes() == before
