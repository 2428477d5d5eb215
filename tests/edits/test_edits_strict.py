"""Strict means strict (issue 19): a front matter that does not read, an unknown key, a
missing `reviewed` or `sources` stop `make site` with `docs/page.md:LINE: what; how to fix`,
no traceback, and the previous site/ stays; a non-strict build warns with the same line and
never publishes the raw YAML. A syntax error in mkdocs.yml is one line with its place, for
`make site`, `make serve`, `make check` and `make catalogs`."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from edits_support import config, git_project, make, tool_lines
from workflow_support import run, tool

pytestmark = pytest.mark.slow

PAGE = "faq"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project whose `make site` succeeded once: site/ is the previous site."""
    project = git_project(tmp_path_factory.mktemp("strict"))
    make(project, "site")
    return project


def _site_digest(project: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((project / "site").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(project).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _front_matter_lines(text: str) -> list[str]:
    lines = text.split("\n")
    assert lines[0] == "---"
    return lines[: lines.index("---", 1) + 1]


def _edit_page(project: Path, change) -> tuple[Path, str]:
    page = config(project).docs_path / f"{PAGE}.md"
    original = page.read_text("utf-8")
    page.write_text(change(original), encoding="utf-8")
    return page, original


def _line_of(text: str, prefix: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(prefix))


def unclosed_quote(text: str) -> tuple[str, int, str]:
    line = _line_of(text, "title:")
    changed = re.sub(r"^title: (.*)$", r'title: "\1', text, count=1, flags=re.M)
    return changed, line, "unclosed quote"


def missing_reviewed(text: str) -> tuple[str, int, str]:
    changed = "\n".join(line for line in text.split("\n") if not line.startswith("reviewed:"))
    return changed, 1, "missing `reviewed` date in the front matter; add `reviewed: YYYY-MM-DD`"


def missing_sources(text: str) -> tuple[str, int, str]:
    lines = text.split("\n")
    start = lines.index(next(line for line in lines if line.startswith("sources:")))
    end = start + 1
    while lines[end].startswith(" "):
        end += 1
    return "\n".join(lines[:start] + lines[end:]), 1, "missing `sources` in the front matter"


def unknown_key(text: str) -> tuple[str, int, str]:
    line = _line_of(text, "reviewed:")
    return text.replace("\nreviewed:", "\nreviewd:", 1), line, \
        "unknown front matter key `reviewd`; rename it to `reviewed`"


def not_closed(text: str) -> tuple[str, int, str]:
    lines = text.split("\n")
    closing = lines.index("---", 1)
    return "\n".join(lines[:closing] + [""] + lines[closing + 1:]), 1, "front matter is not closed"


CASES = [unclosed_quote, missing_reviewed, missing_sources, unknown_key, not_closed]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.__name__)
def test_make_site_stops_with_file_line_and_fix_and_keeps_the_old_site(built, case):
    before = _site_digest(built)
    page, original = _edit_page(built, lambda text: case(text)[0])
    _, line, what = case(original)
    try:
        result = make(built, "site", check=False)
    finally:
        page.write_text(original, encoding="utf-8")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    found = [message.strip() for message in output.splitlines()
             if message.strip().startswith(f"docs/{PAGE}.md:{line}: ")]
    assert any(what in message and "; " in message for message in found), output  # what is wrong; how to fix it
    assert _site_digest(built) == before


def test_a_non_strict_build_warns_and_never_publishes_raw_yaml(built, tmp_path):
    page, original = _edit_page(built, lambda text: unclosed_quote(text)[0])
    _, line, what = unclosed_quote(original)
    description = next(entry for entry in _front_matter_lines(original) if entry.startswith("description:"))
    try:  # `mkdocs build` without --strict, as `make serve` builds
        result = run([tool("mkdocs"), "build", "--site-dir", str(tmp_path / "site")], built,
                     env={"MDBABEL_STRICT": "false"})
    finally:
        page.write_text(original, encoding="utf-8")
    assert f"WARNING -  docs/{PAGE}.md:{line}: front matter value has an {what}" in result.stderr
    assert "Traceback" not in result.stderr
    folders = [tmp_path / "site" / PAGE, *(tmp_path / "site" / code / PAGE for code in config(built).languages)]
    for folder in folders:
        html = (folder / "index.html").read_text("utf-8")  # every language built the page
        assert description not in html and description.split(": ", 1)[1] not in html.split("<article", 1)[1]


@pytest.mark.parametrize("target", ["site", "serve", "check", "catalogs"])
def test_a_mkdocs_yml_syntax_error_is_one_line(built, target):
    path = built / "mkdocs.yml"
    original = path.read_text("utf-8")
    line = _line_of(original, "site_name:")
    path.write_text(original.replace("\nsite_name: ", '\nsite_name: "', 1), encoding="utf-8")
    try:
        result = make(built, target, check=False)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    lines = [message for message in tool_lines(result.stderr)]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mkdocs.yml:") and "invalid YAML" in lines[0] and "; fix" in lines[0]
    assert f"line {line}" in lines[0] or lines[0].startswith(f"mkdocs.yml:{line}:")


# --------------------------------------------------------------------------- without a build


@pytest.mark.parametrize("text, line, what", [
    ('---\ntitle: "Trang\nreviewed: 2026-11-25\n---\n\n# Trang\n', 2, "unclosed quote"),
    ("---\ntitle: Chủ đề 1: thai sản\n---\n\n# Trang\n", 2, "not valid YAML"),
    ("---\ntitle: Trang\nreviewed: 2026-11-25\n\n# Trang\n", 1, "not closed"),
    ("---\n- title: Trang\n---\n\n# Trang\n", 2, "not a mapping"),
])
def test_a_front_matter_that_does_not_read_is_a_problem_for_any_site(tmp_path, text, line, what):
    """Even without the site's rules (plugin option front_matter_rules): the block is left
    out of the page, the line count kept."""
    from mdbabel.page_source import read_page_source

    page = tmp_path / "x.md"
    page.write_text(text, encoding="utf-8")
    body, problems = read_page_source(page, "docs/x.md", rules=False)
    [problem] = problems
    assert problem.startswith(f"docs/x.md:{line}: ") and what in problem and "; " in problem
    assert body.count("\n") == text.count("\n") and "title" not in body
    assert "# Trang" in body


@pytest.mark.parametrize("text", ["---\n\nMột đoạn.\n", "---\nTiêu đề\n---\n\nMột đoạn.\n",
                                  "# Trang\n\n---\n\ntitle: không phải front matter\n"])
def test_a_rule_at_the_top_is_not_taken_for_a_front_matter(tmp_path, text):
    from mdbabel.page_source import read_page_source

    page = tmp_path / "x.md"
    page.write_text(text, encoding="utf-8")
    assert read_page_source(page, "docs/x.md", rules=False) == (text, [])
