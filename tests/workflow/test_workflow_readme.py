"""README.md is for users and stays short; the documents it and dev/ point to exist.

README says what the project is, the two commands and the editors' and translators' paths;
developers' notes live in dev/ (issue 20: at most 200 lines). Every relative link of README,
CONTRIBUTING and dev/*.md names a file of the repository.
"""

from __future__ import annotations

import re

import pytest
from workflow_support import ROOT

DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "dev").rglob("*.md"))]
LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")
CODE = re.compile(r"```.*?```|``.*?``|`[^`\n]*`", re.S)  # examples, not links


def test_readme_is_short_and_names_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    assert "make site" in text and "make test" in text


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_name_files_that_exist(document):
    text = CODE.sub("", document.read_text(encoding="utf-8"))
    targets = [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]
    missing = [t for t in targets if not (document.parent / t).exists()]
    assert not missing, f"{document.relative_to(ROOT)} links to missing files: {missing}"
