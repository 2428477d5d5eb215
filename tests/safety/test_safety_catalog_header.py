"""A catalog's header is untrusted input too: what its fields can do to the tools that read it.

The build's reader (:func:`mdbabel.po.read.read_po_file`) reads the header itself and takes
only Language and Content-Type from it. The lenient reader of the site checks (``mdbabel
check``: links a translation changes) used Babel's ``read_po``, which obeys the header's
``Plural-Forms``: ``nplurals=1000000000`` made Babel build a list of a billion strings for each
plural entry (gigabytes: the check was killed), and a date Babel cannot read made it give up,
so that catalog's links went unchecked without a word.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from mdbabel.po.read import read_po_file, read_po_lenient

HEADER = ('msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '{fields}\n')
MESSAGES = ('msgid "Xem [trang](a.md)."\nmsgstr "See [the page](b.md)."\n\n'
            'msgid "%d ngày"\nmsgid_plural "%d ngày"\nmsgstr[0] "%d day"\nmsgstr[1] "%d days"\n\n'
            'msgid "%d tuần"\nmsgid_plural "%d tuần"\nmsgstr[0] "%d week"\n')


def _catalog(tmp_path: Path, fields: str) -> Path:
    path = tmp_path / "locales" / "en" / "LC_MESSAGES" / "page.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER.format(fields=fields) + "\n" + MESSAGES, encoding="utf-8")
    return path


def test_a_huge_plural_count_in_the_header_costs_nothing(tmp_path):
    """Read in a process limited to 1 GB of memory: Babel's own reading of the header needs
    8 GB per plural entry for this one."""
    path = _catalog(tmp_path, '"Plural-Forms: nplurals=1000000000; plural=0;\\n"')
    script = textwrap.dedent(f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from pathlib import Path
        from mdbabel.po.read import read_po_lenient
        catalog = read_po_lenient(Path({str(path)!r}))
        print(sorted(str(m.id) for m in catalog if m.id))
        print(max(len(m.string) for m in catalog if isinstance(m.id, tuple)))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    ids, longest = result.stdout.splitlines()
    assert "Xem [trang](a.md)." in ids
    assert int(longest) == 2
    # the build's reader takes the catalog's plural forms from its language, not the header
    assert read_po_file(path).catalog.num_plurals == 2


def test_a_header_date_babel_cannot_read_does_not_hide_the_translations(tmp_path):
    for value in ("x", "2024-13-45 99:99+0000", "2024-01-01 00:00+99999999999999999999"):
        path = _catalog(tmp_path, f'"POT-Creation-Date: {value}\\n"\n"PO-Revision-Date: {value}\\n"')
        catalog = read_po_lenient(path)
        assert catalog is not None, value
        assert catalog.get("Xem [trang](a.md).").string == "See [the page](b.md)."
