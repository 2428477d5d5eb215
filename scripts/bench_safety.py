"""Benchmark: time to check a translation made of a long run of one Markdown delimiter.

For each delimiter, a msgstr of LENGTH characters (default 16,000) made of the delimiter
repeated (alone, after a word, and one per line) is checked against a one-word msgid with
:func:`mdbabel.checks.check_translation`; the worst of the three shapes is printed. With
``--render`` the same texts are also rendered by Python-Markdown without the budget that the
check applies first, to show which runs make the converter superlinear.

    .venv/bin/python scripts/bench_safety.py [--length 16000] [--render]

Figures: dev/performance-safety.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mdbabel.checks import check_translation  # noqa: E402
from mdbabel.safety import render  # noqa: E402

DELIMITERS = ["`", "``", "[", "]", "[]", "[](", "](", "![", "![](", "(", ")", "<", ">", "</",
              "<a ", "<b>", "<!--", "&", "&#", "*", "**", "_", "__", "*_", "~", "^", "=",
              "|", ":", "-", "+", "#", "\\", "\\`", "{", "{:", "{{", "}}", '"', "'", "[^",
              "*[", "[x]: ", "!!! ", "    ", "\r", "\u202e", "1. ", "> "]


def shapes(delimiter: str, length: int) -> list[str]:
    run = delimiter * max(1, length // len(delimiter))
    line = (delimiter + "\n") * max(1, length // (len(delimiter) + 1))
    return [run[:length], ("x " + run)[:length], line[:length]]


def timed(function, text: str) -> float:
    start = time.perf_counter()
    function(text)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--length", type=int, default=16000)
    parser.add_argument("--render", action="store_true",
                        help="also time Python-Markdown alone, without the budget")
    args = parser.parse_args()
    check_translation("Chữ", "Text", "paragraph")  # imports and converter built once
    header = f"{'delimiter':<12} {'check s':>8}"
    if args.render:
        header += f" {'render s':>9}"
    print(header)
    worst = 0.0
    for delimiter in DELIMITERS:
        texts = shapes(delimiter, args.length)
        check = max(timed(lambda t: check_translation("Chữ", t, "paragraph"), t) for t in texts)
        worst = max(worst, check)
        row = f"{delimiter!r:<12} {check:8.3f}"
        if args.render:
            try:
                row += f" {max(timed(lambda t: render.render(t, 'paragraph'), t) for t in texts):9.3f}"
            except render.RenderError:
                row += f" {'error':>9}"
        print(row, flush=True)
    print(f"worst check: {worst:.3f} s for {args.length} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
