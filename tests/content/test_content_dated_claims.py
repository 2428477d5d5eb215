"""Claims that only hold on a date say which date (the facts file's rules, read from the pages):
a value called current ("hiện là ...") gives the date it applies from, and "no (other)
agreement" gives the date of the sources it rests on (../shared/policy-facts.md, "Not
confirmed" 7: say "as of <date>", never "there is none")."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from repo_data import REPO as ROOT  # the repository under test (MDBABEL_TEST_REPO)

DOCS = ROOT / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_data" not in p.parts)

# "hiện là", "hiện nay", "hiện hành", "hiện tại" (currently), not "thực hiện" (to carry out)
CURRENT = re.compile(r"(?<![\w])(?<!thực )(?<!thể )(?<!xuất )(?<!phát )[Hh]iện (?:là|nay|hành|tại)\b")
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\}\}")
FROM = re.compile(r"\{\{\s*[A-Za-z_]\w*\.from\s*\}\}")
# "chưa có hiệp định", "chưa/không tìm thấy hiệp định", "hiệp định duy nhất", "chỉ có hiệp định"
NO_AGREEMENT = re.compile(r"chưa có hiệp định|(?:chưa|không) tìm thấy hiệp định|hiệp định[^.;]*duy nhất"
                          r"|chỉ có hiệp định", re.IGNORECASE)
SOURCES_DATE = re.compile(r"\btháng \d{1,2}/\d{4}")  # "đến tháng 3/2025": the month the sources reach


def blocks(text: str) -> list[str]:
    """Units a reader meets as one statement: each front matter line, each body paragraph
    (admonitions and list items with their indented lines), table rows left out (a table
    gives its confidence and date in its own columns and caption)."""
    if text.startswith("---\n"):
        _, front, body = text.split("---\n", 2)
    else:
        front, body = "", text
    out = [line for line in front.splitlines() if line.strip()]
    for block in re.split(r"\n\s*\n", body):
        lines = [line for line in block.splitlines() if not line.lstrip().startswith("|")]
        if any(line.strip() for line in lines):
            out.append("\n".join(lines))
    return out


def undated_current_values(text: str) -> list[str]:
    """Blocks that call a figure's value current without the date it applies from."""
    found = []
    for block in blocks(text):
        for match in CURRENT.finditer(block):
            sentence = re.split(r"(?<=[.!?])\s", block[match.end():], maxsplit=1)[0]
            if PLACEHOLDER.search(sentence) and not FROM.search(block):
                found.append(block.strip())
                break
    return found


def undated_no_agreement(text: str) -> list[str]:
    """Blocks that say there is no (other) agreement without the date their sources reach."""
    return [block.strip() for block in blocks(text)
            if NO_AGREEMENT.search(block) and not SOURCES_DATE.search(block)]


def test_a_current_value_without_its_date_is_found():
    page = ("---\ntitle: T\n---\n\n# T\n\nMức trần hiện là {{ cap }} một tháng.\n\n"
            "Mức lương cơ sở hiện nay là {{ base }}, từ ngày {{ base.from }}.\n\n"
            "Thỏa thuận để thực hiện hiệp định được ký ngày {{ signed }}.\n")
    assert undated_current_values(page) == ["Mức trần hiện là {{ cap }} một tháng."]


def test_no_agreement_without_the_date_of_the_sources_is_found():
    page = ("---\ndescription: Việt Nam chưa có hiệp định với các nước này.\n---\n\n# T\n\n"
            "Theo các nguồn đến tháng 3/2025, chưa có hiệp định.\n\n"
            "| Đài Loan | Không tìm thấy hiệp định | Trung bình |\n\n"
            "Chúng tôi chưa tìm thấy hiệp định nào khác.\n")
    assert undated_no_agreement(page) == ["description: Việt Nam chưa có hiệp định với các nước này.",
                                          "Chúng tôi chưa tìm thấy hiệp định nào khác."]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_a_value_called_current_gives_the_date_it_applies_from(path: Path):
    found = undated_current_values(path.read_text(encoding="utf-8"))
    assert not found, (f"{path.relative_to(ROOT)}: a value called current needs its date, "
                       f"e.g. 'từ ngày {{{{ name.from }}}}': {found}")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_no_agreement_is_said_with_the_date_of_the_sources(path: Path):
    found = undated_no_agreement(path.read_text(encoding="utf-8"))
    assert not found, (f"{path.relative_to(ROOT)}: say up to when the sources go, e.g. "
                       f"'theo các nguồn của chúng tôi đến tháng 3/2025': {found}")
