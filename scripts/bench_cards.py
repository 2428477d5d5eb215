"""Benchmark of the share cards (issue 25): drawing time per card, card sizes, and what the
cards add to a `make site` build, cold (no card drawn yet) and warm (nothing changed).

- Drawing: every card of the real site (titles, sections and site name read from a fresh
  build's og tags), drawn ``--runs`` times in this one process (one core); median and worst
  per card, in ms of CPU time (the machine is shared: wall time measures the other jobs).
- Korean cards (the font chain's second font, NanumSquare): ``KOREAN_CARDS``, Korean and
  mixed Vietnamese + Korean titles of the lengths the site's have, drawn the same way, and
  the long one once more in a fresh process (fontTools reads NanumSquare's character
  map and Pillow loads it: once per build process), beside a Vietnamese card in a fresh
  process; with their sizes.
- Builds: ``python -m mdbabel.parallel_build`` as `make site` runs it, ``--builds`` times
  each: with cards and an empty card cache (cold), with cards and a full cache (warm), and
  without cards (``share_cards: false``, a temporary copy of mkdocs.yml beside it); CPU
  time of the build's processes (user + system), and wall time beside it.

    .venv/bin/python scripts/bench_cards.py [--runs 5] [--builds 3]

Figures go to dev/phone.md by hand (no timed tests).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from mdbabel import share_cards  # noqa: E402
from mdbabel.share_cards import CardText  # noqa: E402

OFF_CONFIG = ".bench-cards-off.yml"

#: Korean card texts (short, long, mixed with Vietnamese), for the drawing time and size
KOREAN_CARDS = (
    CardText("보험 홈", "", "사회보험"),
    CardText("외국인 근로자의 국민연금 반환일시금: 받을 수 있는 조건, 계산 방법, 귀국 전에 "
             "해야 할 일과 계약이 예정보다 일찍 끝난 경우", "해외에서 일하는 베트남 사람", "사회보험"),
    CardText("Bảo hiểm y tế cho người lao động ở Hàn Quốc (국민건강보험)",
             "Người Việt Nam làm việc ở nước ngoài", "Bảo hiểm xã hội qua biên giới"),
)


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("property", "").startswith("og:"):
            self.meta.setdefault(attrs["property"], attrs.get("content") or "")


def cards_of(site: Path) -> list[CardText]:
    """The text of every card of a built site (title and site name from their tags; the
    section is what the image's alt text has between them)."""
    found = []
    for path in sorted(site.rglob("*.html")):
        if "assets" in path.parts or path.name == "404.html":
            continue
        parser = _Meta()
        parser.feed(path.read_text(encoding="utf-8"))
        meta = parser.meta
        if "og:image:alt" not in meta:
            continue
        title, site_name, alt = meta["og:title"], meta["og:site_name"], meta["og:image:alt"]
        middle = alt[len(title):len(alt) - len(site_name)].strip(" —")
        found.append(CardText(title, middle, site_name))
    return found


def build(config: str, site_dir: Path) -> tuple[float, float]:
    """(CPU seconds of the build's processes, wall seconds)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MDBABEL_STRICT": "true",
           "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mdbabel.parallel_build", "--config-file", config,
                    "--site-dir", str(site_dir)], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def drawing_ms(cards, runs: int) -> list[float]:
    """Per card, the median CPU time of *runs* draws, in ms, sorted."""
    per_card: list[float] = []
    for card in cards:
        times = []
        for _ in range(runs):
            start = time.process_time()
            share_cards.draw_card(card, share_cards.FONTS_DIR)
            times.append(time.process_time() - start)
        per_card.append(statistics.median(times))
    return sorted(1000 * t for t in per_card)


def first_draw(card: CardText) -> float:
    """CPU ms of drawing *card* in a fresh process: what a build pays once for its fonts."""
    code = ("import sys, time; from mdbabel import share_cards as s; "
            "c = s.CardText(*sys.argv[1:4]); t = time.process_time(); s.draw_card(c, s.FONTS_DIR); "
            "print(1000 * (time.process_time() - t))")
    result = subprocess.run([sys.executable, "-c", code, card.title, card.section, card.site_name],
                            cwd=ROOT, check=True, capture_output=True, text=True)
    return float(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--builds", type=int, default=3)
    args = parser.parse_args()
    cache = ROOT / share_cards.CARDS_CACHE_DIR
    off = ROOT / OFF_CONFIG
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "  - mdbabel:\n"
    assert marker in text, "mkdocs.yml: the mdbabel plugin entry is not where expected"
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        off.write_text(text.replace(marker, marker + "      share_cards: false\n"), encoding="utf-8")
        try:
            times: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": [], "no cards": []}
            build("mkdocs.yml", site)  # templates and translations cached, as in a warm tree
            for _ in range(args.builds):
                shutil.rmtree(cache, ignore_errors=True)
                times["cold"].append(build("mkdocs.yml", site))
                times["warm"].append(build("mkdocs.yml", site))
                times["no cards"].append(build(OFF_CONFIG, site))
            build("mkdocs.yml", site)
        finally:
            off.unlink(missing_ok=True)
        cards = cards_of(site)
        sizes = sorted(p.stat().st_size for p in site.rglob("card.png"))
    first_korean = first_draw(KOREAN_CARDS[1])
    first_vietnamese = first_draw(next(card for card in cards if card.title.isascii() is False
                                       and not share_cards.missing_glyphs(card.title, share_cards.FONTS_DIR
                                                                          / share_cards.FONTS[0])))
    ms = drawing_ms(cards, args.runs)
    print(f"cards: {len(cards)}; drawing per card (median of {args.runs} runs, one core): "
          f"median {statistics.median(ms):.1f} ms, fastest {ms[0]:.1f} ms, slowest {ms[-1]:.1f} ms")
    korean = drawing_ms(KOREAN_CARDS, args.runs)
    korean_sizes = [len(share_cards.draw_card(card, share_cards.FONTS_DIR)) / 1024 for card in KOREAN_CARDS]
    print(f"Korean cards: {len(KOREAN_CARDS)}; drawing per card (median of {args.runs} runs, one core): "
          f"{', '.join(f'{t:.1f}' for t in korean)} ms; sizes "
          f"{', '.join(f'{size:.1f}' for size in sorted(korean_sizes))} KB; the first Korean card "
          f"of a fresh process: {first_korean:.1f} ms, against {first_vietnamese:.1f} ms for a "
          f"Vietnamese one (imports, fonts and character maps loaded once per process)")
    print(f"card sizes: median {statistics.median(sizes) / 1024:.1f} KB, smallest "
          f"{sizes[0] / 1024:.1f} KB, largest {sizes[-1] / 1024:.1f} KB")
    base = statistics.median(cpu for cpu, _ in times["no cards"])
    for name, values in times.items():
        median = statistics.median(cpu for cpu, _ in values)
        print(f"build {name:9}: CPU median {median:.2f} s of {len(values)} "
              f"({', '.join(f'{cpu:.2f}' for cpu, _ in values)}), {median / base:.3f} x without "
              f"cards; wall {', '.join(f'{wall:.2f}' for _, wall in values)} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
