"""Interface strings (``_site.po``) are filled in with ``text % values``: a width in a stray
``%`` (``%9999999999s``) asks Python for a string of ten billion characters.

The check of a ``_site`` translation used to find a stray ``%`` by running ``msgstr % values``
(and ``msgid % values``), so such an entry, in the msgstr or in a msgid of its own, took 10 GB
in the check itself (``mdbabel check`` and every build read every ``_site.po`` entry): a
MemoryError traceback, or the machine's memory. It is read now, never run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from mdbabel.catalogs import check_interface_translation


def _judged_in_one_gigabyte(msgid: str, msgstr: str) -> list[str]:
    script = textwrap.dedent(f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from mdbabel.catalogs import check_interface_translation
        for problem in check_interface_translation({msgid!r}, {msgstr!r}):
            print(problem)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.splitlines()


def test_a_huge_width_in_a_translation_is_reported_not_formatted():
    found = _judged_in_one_gigabyte("Tìm kiếm", "Search %9999999999s")
    assert any("a % that is not a placeholder" in p and "%9999999999s" in p for p in found), found


def test_a_huge_width_in_a_msgid_of_the_catalog_costs_nothing():
    _judged_in_one_gigabyte("%9999999999r", "x (100%% checked)")


@pytest.mark.parametrize("msgid, msgstr, refused", [
    ("Đã dịch %(share)s", "Translated %(share)s", False),
    ("Đã dịch %(share)s", "%(share)s translated (100%% checked)", False),
    ("Đã dịch %(share)s", "%(share)s translated (% of it checked)", True),
    ("Đã dịch %(share)s", "%(share)s translated %", True),
    ("Đã dịch %(share)s", "%(share)s %s", True),
    ("Giảm 50% phí", "50% off", False),  # a msgid with a lone %: never formatted
])
def test_a_stray_percent_is_read_as_pythons_percent_operator_reads_it(msgid, msgstr, refused):
    found = [p for p in check_interface_translation(msgid, msgstr) if "not a placeholder" in p]
    assert bool(found) is refused, found
