"""Catalog text that stopped the judge or the reader with a traceback; now judged, or one line.

- The figures rule read digits with ``str.isdigit`` and converted them with ``int``: ``m²``,
  ``CO₂`` or ``①`` (digits to ``isdigit``, not to ``int``) and a run of over 4,300 digits
  (Python's limit for ``int``) raised a ValueError out of the check: in the build, in
  ``mdbabel check``, for any page or interface string.
- The PO reader passed ``msgstr[x]``, ``msgstr[1]x`` or an index of 5,000 digits to Babel,
  which reads it with ``int``: a ValueError instead of ``file:line: what; how to fix``.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from catalog_site import make_site, po_path, update
from mdbabel.checks import check_translation
from mdbabel.po.read import read_po_file
from mdbabel.problems import CatalogError

SOURCE = "Có hiệu lực từ ngày 1/7/2026, diện tích 50 m²."


@pytest.mark.parametrize("msgstr, refused", [
    ("In force from 1 July 2026, an area of 50 m².", False),  # honest: the same figures
    ("In force from 1 July 2026, 50 m², CO₂ ① ⁵.", False),   # signs, not figures
    ("In force from ²/⁷/²⁰²⁶, 50 m².", True),                # the date is gone
    ("In force from 1 July " + "2" * 5000 + ", 50 m².", True),
    ("In force from 1/7/" + "2" * 5000 + ", 50 m².", True),
    ("In force from " + "7" * 5000 + "月, 50 m².", True),
    ("In force from tháng " + "7" * 5000 + ", 50 m².", True),
    ("9" * 19000, True),
])
@pytest.mark.parametrize("kind", ["paragraph", "heading", "front matter title", "interface"])
def test_figures_the_check_cannot_read_as_numbers_are_judged_not_raised(msgstr, refused, kind):
    found = check_translation(SOURCE, msgstr, kind)
    assert all(isinstance(problem, str) and "\n" not in problem for problem in found)
    assert bool(found) is refused, found


HEADER = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize("index", ["x", "1]x", "9" * 5000, "", "0001", "\u0663"])
def test_a_malformed_plural_index_is_one_line(tmp_path, index):
    path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "page.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + f'msgid "a"\nmsgid_plural "b"\nmsgstr[{index}] "x"\nmsgstr[1] "y"\n',
                    encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_po_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path.as_posix()}:8: malformed plural index") and ";" in message
    assert "\n" not in message and len(message) < 300


def test_a_well_formed_plural_entry_still_reads(tmp_path):
    path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "page.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\n',
                    encoding="utf-8")
    assert read_po_file(path).catalog.get(("a", "b")).string == ("x", "y")


def test_mdbabel_check_names_the_malformed_index_without_a_traceback(tmp_path):
    root = make_site(tmp_path, {"index.md": "# Trang chủ\n\nMột đoạn.\n"})
    update(root)
    path = po_path(root)
    path.write_text(path.read_text(encoding="utf-8")
                    + '\nmsgid "a"\nmsgid_plural "b"\nmsgstr[x] "x"\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mdbabel.cli", "check", "--catalogs-only"],
                            cwd=root, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output, output[-3000:]
    assert "locales/en/LC_MESSAGES/index.po:" in output and "malformed plural index" in output
