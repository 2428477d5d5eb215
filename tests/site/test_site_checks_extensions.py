"""The site checks render the pages with mkdocs.yml's Markdown extensions; one that cannot be
loaded (not installed, an option it does not know) is reported, not silently left out (the
links of the pages would be checked as they do not render on the site)."""

from __future__ import annotations

from pathlib import Path

from mdbabel.site_checks import check_links, check_pages

FRONT = ("---\ntitle: Trang\nreviewed: 2026-11-25\nsources:\n"
         "  - title: Luật Bảo hiểm xã hội\n    url: https://example.org/law\n---\n")


def project(root: Path, extensions: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(f"site_name: Test\nmarkdown_extensions:\n{extensions}",
                                     encoding="utf-8")
    (root / "docs" / "index.md").write_text(FRONT + "\n# Trang chủ\n\nMột đoạn văn.\n",
                                            encoding="utf-8")
    return root


def test_an_extension_that_is_not_installed_is_reported_with_its_line(tmp_path):
    root = project(tmp_path, "  - admonition\n  - no_such_markdown_extension_here\n  - footnotes\n")
    problems = [str(p) for p in check_pages(root)]
    assert len(problems) == 1, problems
    assert problems[0].startswith("mkdocs.yml:4: markdown extension 'no_such_markdown_extension_here'"
                                  " cannot be loaded (ModuleNotFoundError")
    assert "install it" in problems[0]
    assert [str(p) for p in check_links(root)] == problems


def test_an_option_the_extension_does_not_know_is_reported(tmp_path):
    root = project(tmp_path, "  - admonition\n  - toc:\n      no_such_option: 1\n")
    problems = [str(p) for p in check_pages(root)]
    assert len(problems) == 1 and problems[0].startswith("mkdocs.yml:4: markdown extension 'toc'")


def test_loadable_extensions_give_no_problem(tmp_path):
    root = project(tmp_path, "  - admonition\n  - footnotes\n  - pymdownx.superfences\n")
    assert check_pages(root) == []
