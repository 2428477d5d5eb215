"""The benchmark's section for the printed booklets (issue 24) and the pocket guide (issue 25):
``python scripts/benchmark.py --only pocket-print --sizes 400``.

On the benchmark's synthetic corpus (``benchmark.corpus``: N pages per language, vi + en,
the real mkdocs.yml), built with ``mkdocs build --strict`` as the rest of the benchmark, CPU
time (user + system) of the build process, medians of ``--runs`` unless said otherwise:

- **booklets**: a build with booklets and no booklet cache (cold; the translations and cards
  of an earlier build kept, so the difference is the booklets' own) against the same build
  without booklets; the difference divided by the site pages the booklets hold (chapters:
  a page in two booklets counts twice), at each size, so that two sizes show whether it
  grows linearly; a warm build with booklets (nothing changed, their cache kept) against
  one without, each the fastest of ``--runs`` taken in turns (the machine is shared: the
  fastest run is the least disturbed one); the size of every booklet;
- **share cards**: CPU time of drawing one card (``share_cards.draw_card``, in this
  process, one core) for a sample of the corpus's own cards; a warm build with cards
  against one with ``share_cards: false`` (a copy of mkdocs.yml beside it), fastest runs;
- **offline**: CPU time of ``offline.write_manifests`` (what the build adds for the worker
  and its manifests: the worker itself is a copied file) against a cold build (no store of
  an earlier build); each language's offline set, gzip -6; the first visit of a page
  (``benchmark.first_visit``: HTML + the CSS and JS it references; the worker's own
  fetching happens after load and is the offline set).

:func:`render` makes the table and :func:`targets` judges each budget from these figures
(pure functions, tested in tests/bench/test_bench_report.py); the table goes into
dev/performance.md between ``<!-- bench:pocket-print:start -->`` and ``...:end -->``.
"""

from __future__ import annotations

import os
import pickle
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import benchmark
from benchmark import ENV, WORK, Run, Series, _kb, _s, build_command, first_visit, measure

TABLE_START = "<!-- bench:pocket-print:start -->"
TABLE_END = "<!-- bench:pocket-print:end -->"
NAME = "pocket-print"

# the budgets of the issues
BOOKLET_SECONDS_PER_PAGE = 0.25   # issue 24: cold, per site page a booklet holds, 2 cores
BOOKLET_WARM_RATIO = 1.10         # issue 24: warm `make site` with booklets / without
BOOKLET_LIMIT_BYTES = 3_000_000   # issue 24: each booklet (mdbabel.booklets.render.SIZE_LIMIT)
BOOKLET_CHECKED_AT = 400          # issue 24: "checked at the benchmark's 400 pages per language"
LINEAR_TOLERANCE = 1.25           # per-page cost at the largest size / at the smallest
CARD_MS = 50.0                    # issue 25: drawing one card, one core
CARDS_WARM_RATIO = 1.05           # issue 25: warm build with cards / without
OFFLINE_SHARE = 0.05              # issue 25: worker + manifests, share of a cold build
OFFLINE_BYTES = 400 * 1024        # issue 25: each language's offline set, compressed
FIRST_VISIT_BYTES = 150 * 1024    # issue 25: first visit, compressed
CARD_SAMPLE = 40                  # cards drawn for the drawing time
VISIT_URL = "en/chu-de-002/trang-05"
REAL_VISIT_URL = "en/foreign-workers/contributions"
NO_CARDS_CONFIG = ".bench-no-cards.yml"


# ----------------------------------------------------------------------------- measuring


def _env(booklets: bool) -> dict:
    return {**ENV, "MDBABEL_BOOKLETS": "true" if booklets else "false",
            "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1700000000")}


def _no_cards_config(project: Path) -> Path:
    """A copy of the project's mkdocs.yml with ``share_cards: false`` (beside it)."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "  - mdbabel:\n"
    if marker not in text:
        raise SystemExit("benchmark: mkdocs.yml has no '  - mdbabel:' plugin entry to turn cards off")
    path = project / NO_CARDS_CONFIG
    path.write_text(text.replace(marker, marker + "      share_cards: false\n", 1), encoding="utf-8")
    return path


def booklet_chapters(pdf: Path) -> list[str]:
    """The titles of the site pages a booklet holds: its level-1 bookmarks (one per chapter)
    but the first two, the cover's title and the contents'."""
    from pypdf import PdfReader

    return [entry.title for entry in PdfReader(pdf).outline if not isinstance(entry, list)][2:]


def card_drawing_ms(site: Path, runs: int) -> list[float]:
    """CPU ms of drawing a card (median of *runs*), for up to CARD_SAMPLE cards of *site*
    spread over it, sorted."""
    import bench_cards

    cards = bench_cards.cards_of(site)
    step = max(1, len(cards) // CARD_SAMPLE)
    return bench_cards.drawing_ms(cards[::step][:CARD_SAMPLE], runs)


def manifest_cpu(site: Path, runs: int = 3) -> float:
    """Median CPU seconds of writing the offline manifests of a built site, as the build does."""
    from mdbabel import offline

    times = []
    for _ in range(runs):
        start = time.process_time()
        offline.write_manifests(site)
        times.append(time.process_time() - start)
    return statistics.median(times)


def offline_sizes(site: Path) -> dict[str, dict[str, int]]:
    from mdbabel import offline

    prefixes = offline.languages(site)
    sizes = {}
    for language in prefixes:
        found = offline.offline_set(site, language, prefixes)
        sizes[language] = {"files": len(found.files), "raw": found.raw_bytes, "gzip": found.gzip_bytes}
    return sizes


def run(pages: int, runs: int) -> dict:
    """Every measure of this section on the corpus of *pages* pages per language."""
    from mdbabel import share_cards
    from mdbabel.booklets import render as booklet_render

    project = benchmark.corpus(pages)
    site, with_booklets = WORK / f"site-pp-{pages}", WORK / f"site-pp-booklets-{pages}"
    no_cards_site = WORK / f"site-pp-no-cards-{pages}"
    no_cards = _no_cards_config(project)
    plain = build_command(site)
    try:
        # cold: no store of an earlier build (translations, templates, cards)
        benchmark.forget_translations(project)
        shutil.rmtree(project / share_cards.CARDS_CACHE_DIR, ignore_errors=True)
        cold = measure(plain, project, env=_env(False))
        print(f"  cold build {cold}", flush=True)
        manifests = manifest_cpu(site)
        row = {"pages": pages, "cold": cold, "manifest_cpu": manifests,
               "offline": offline_sizes(site), "visit": first_visit(site, VISIT_URL),
               "visit_url": f"/{VISIT_URL}/"}
        print(f"  manifests {manifests:.2f} s CPU; offline {row['offline']}; visit {row['visit']}",
              flush=True)
        # booklets, cold: everything else of the earlier build kept
        shutil.rmtree(project / booklet_render.CACHE_DIR, ignore_errors=True)
        row["booklets_cold"] = measure(build_command(with_booklets), project, env=_env(True))
        print(f"  booklets cold {row['booklets_cold']}", flush=True)
        held = set()
        row["booklet_files"] = []
        for pdf in sorted(with_booklets.glob("**/booklets/*.pdf")):
            titles = booklet_chapters(pdf)
            held.update((pdf.parent.as_posix(), title) for title in titles)
            row["booklet_files"].append({"name": pdf.relative_to(with_booklets).as_posix(),
                                         "bytes": pdf.stat().st_size, "chapters": len(titles)})
        row["site_pages"] = len(held)  # distinct pages (language, title) in the booklets
        warm = {"plain": Series(), "booklets_warm": Series(), "no_cards": Series()}
        for _ in range(runs):  # nothing changed since the last build: warm, in turns
            warm["plain"].runs.append(measure(plain, project, env=_env(False)))
            warm["booklets_warm"].runs.append(measure(build_command(with_booklets), project,
                                                 env=_env(True)))
            warm["no_cards"].runs.append(measure(build_command(no_cards_site) + ["-f", str(no_cards)],
                                                 project, env=_env(False)))
            print(f"  warm {', '.join(f'{k} {v.runs[-1]}' for k, v in warm.items())}", flush=True)
        row.update(warm)
        row["cards_ms"] = card_drawing_ms(site, max(3, runs))
        print(f"  cards {row['cards_ms']}", flush=True)
    finally:
        no_cards.unlink(missing_ok=True)
    return row


def real_site() -> dict:
    """Each language's offline set and a first visit on a copy of the real site (today's
    pages; built without booklets, which the offline set leaves out anyway)."""
    with tempfile.TemporaryDirectory(prefix="bench-pocket-") as tmp:
        copy = Path(tmp) / "project"
        copy.mkdir()
        for name in ("docs", "locales", "overrides"):
            shutil.copytree(benchmark.ROOT / name, copy / name)
        shutil.copy2(benchmark.ROOT / "mkdocs.yml", copy / "mkdocs.yml")
        site = copy / "site"
        built = measure(build_command(site), copy, env=_env(False))
        return {"cold": built, "manifest_cpu": manifest_cpu(site), "offline": offline_sizes(site),
                "visit": first_visit(site, REAL_VISIT_URL), "visit_url": f"/{REAL_VISIT_URL}/",
                "pages": sum(1 for page in site.rglob("*.html") if page.name != "404.html")}


# ----------------------------------------------------------------------------- the report


def fastest(series: Series) -> float:
    """CPU seconds of the fastest run of *series*: on a machine shared with other jobs the
    least disturbed run, so that two warm builds are compared on their own cost."""
    return min(run.cpu for run in series.runs)


def warm_ratio(row: dict, numerator: str, denominator: str) -> float:
    """The fastest run of *numerator* over the fastest of *denominator* (warm builds)."""
    return fastest(row[numerator]) / fastest(row[denominator])


def booklet_per_page(row: dict) -> tuple[float, float]:
    """(CPU seconds the cold booklets add per page they hold, per distinct site page in them)."""
    extra = row["booklets_cold"].cpu - row["plain"].cpu
    chapters = sum(b["chapters"] for b in row["booklet_files"])
    return extra / max(1, chapters), extra / max(1, row["site_pages"])


def render(info: dict, results: dict[int, dict], when: str, real: dict | None = None) -> str:
    """The section's table: what was measured at each size, then the budgets judged."""
    lines = [f"Measured {when} by `python scripts/benchmark.py --only {NAME}` on "
             f"{info.get('cpu', '?')}, {info.get('cores', '?')} cores; CPU time (user + system) "
             f"of `mkdocs build --strict` of every language; warm builds the fastest of the runs, "
             "the rest medians.", "",
             "| pages per language | cold build | warm (fastest run): without booklets / with / without cards "
             "| booklets, cold: added / per page held / per distinct page | booklets "
             "| card drawing: median / slowest | worker + manifests | offline set per language "
             "(gzip) | first visit (gzip) | runs |",
             "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|"]
    for pages, row in sorted(results.items()):
        per_held, per_page = booklet_per_page(row)
        booklets = row["booklet_files"]
        sizes = [b["bytes"] for b in booklets]
        book = (f"{len(booklets)} holding {sum(b['chapters'] for b in booklets):,} pages; "
                f"{min(sizes) / 1e6:.2f} to {max(sizes) / 1e6:.2f} MB" if booklets else "none made")
        cards = row["cards_ms"]
        visit = row["visit"]
        offline_text = ", ".join(f"{lang} {_kb(size['gzip'])} ({size['files']} files)"
                                 for lang, size in row["offline"].items())
        lines.append(
            f"| {pages:,} | {_s(row['cold'].cpu)} "
            f"| {_s(fastest(row['plain']))} / {_s(fastest(row['booklets_warm']))} / {_s(fastest(row['no_cards']))} "
            f"| {_s(row['booklets_cold'].cpu - row['plain'].cpu)} / {per_held * 1000:.0f} ms "
            f"/ {per_page * 1000:.0f} ms | {book} "
            f"| {statistics.median(cards):.1f} / {max(cards):.1f} ms ({len(cards)} cards) "
            f"| {row['manifest_cpu']:.2f} s "
            f"| {offline_text} "
            f"| {_kb(visit['html'] + visit['css'] + visit['js'])} "
            f"| {len(row['plain'].runs)} |")
    largest = results[max(results)] if results else None
    if largest:
        lines += ["", "Booklets at the largest size: " + "; ".join(
            f"`{b['name']}` {b['bytes'] / 1e6:.2f} MB ({b['chapters']} pages)"
            for b in largest["booklet_files"]) + "."]
    if real:
        lines += ["", f"The real site ({real['pages']} pages in all): cold build "
                  f"{_s(real['cold'].cpu)} CPU, manifests {real['manifest_cpu']:.2f} s; offline set "
                  + ", ".join(f"{lang} {_kb(size['gzip'])} ({size['files']} files)"
                              for lang, size in real["offline"].items())
                  + f"; first visit of `{real['visit_url']}` {_kb(sum(real['visit'].values()))}."]
    lines += ["", *targets(results, real), "",
              "- booklets, cold = with booklets, their cache (`.cache/mdbabel/booklets/`) "
              "emptied, the translations and cards of the build before kept; added = that "
              "minus the warm build without booklets; per page held = over the booklets' "
              "chapters (a page in two booklets counts twice); per distinct page = over the "
              "pages in any booklet, each once (language and title). warm = nothing changed "
              "since the last build, the fastest of the runs (taken in turns; the others are "
              "disturbed by the machine's other jobs). worker + manifests = "
              "`offline.write_manifests` on the built site, the share of the cold build's CPU. "
              f"first visit = `{largest['visit_url'] if largest else ''}` HTML + the CSS and JS "
              "it references, gzip -6."]
    return "\n".join(lines)


def targets(results: dict[int, dict], real: dict | None = None) -> list[str]:
    """The budgets of issues 24 and 25, each with its measured value and whether it is met
    (at every size measured). The offline set's budget is today's (issue 25): it is judged
    on the real site (*real*), the corpus's sets shown beside it; the first visit and the
    worker's share on both."""
    rows = ["| target | measured | met |", "|---|---|---|"]

    def row(name: str, measured: str, met: bool | None) -> None:
        rows.append(f"| {name} | {measured} | {'yes' if met else 'no' if met is not None else '?'} |")

    if not results:
        return rows
    sizes = sorted(results)
    each = lambda f: ", ".join(f"{n:,}: {f(results[n])}" for n in sizes)  # noqa: E731
    per_page = {n: booklet_per_page(results[n])[0] for n in sizes}
    judged = BOOKLET_CHECKED_AT if BOOKLET_CHECKED_AT in per_page else sizes[-1]
    row(f"booklets, cold: ≤ {BOOKLET_SECONDS_PER_PAGE} s CPU per site page a booklet holds "
        f"(issue 24; checked at {BOOKLET_CHECKED_AT} pages per language, the others shown)",
        ", ".join(f"{n:,}: {per_page[n] * 1000:.0f} ms" for n in sizes),
        per_page[judged] <= BOOKLET_SECONDS_PER_PAGE)
    if len(sizes) > 1:
        growth = per_page[sizes[-1]] / per_page[sizes[0]] if per_page[sizes[0]] > 0 else float("inf")
        row(f"booklets grow linearly: cost per page at {sizes[-1]:,} / at {sizes[0]:,} "
            f"≤ {LINEAR_TOLERANCE}", f"{growth:.2f}", growth <= LINEAR_TOLERANCE)
    else:
        row("booklets grow linearly (needs two sizes: `--sizes 100,400`)",
            f"only {sizes[0]:,} measured", None)
    ratio = {n: warm_ratio(r, "booklets_warm", "plain") for n, r in results.items()}
    row(f"warm build with booklets ≤ {BOOKLET_WARM_RATIO}× without (issue 24; fastest runs)",
        each(lambda r: f"{warm_ratio(r, 'booklets_warm', 'plain'):.3f}×"),
        all(v <= BOOKLET_WARM_RATIO for v in ratio.values()))
    largest = max((b["bytes"] for r in results.values() for b in r["booklet_files"]), default=None)
    row(f"each booklet ≤ {BOOKLET_LIMIT_BYTES / 1e6:.0f} MB (issue 24)",
        "none made" if largest is None else f"largest {largest / 1e6:.2f} MB",
        None if largest is None else largest <= BOOKLET_LIMIT_BYTES)
    card = {n: statistics.median(r["cards_ms"]) for n, r in results.items()}
    row(f"drawing one card ≤ {CARD_MS:.0f} ms on one core (issue 25; median card, slowest beside it)",
        each(lambda r: f"{statistics.median(r['cards_ms']):.1f} ms (slowest {max(r['cards_ms']):.1f})"),
        all(v <= CARD_MS for v in card.values()))
    cards_ratio = {n: warm_ratio(r, "plain", "no_cards") for n, r in results.items()}
    row(f"warm build with cards ≤ {CARDS_WARM_RATIO}× without (issue 25; fastest runs)",
        each(lambda r: f"{warm_ratio(r, 'plain', 'no_cards'):.3f}×"),
        all(v <= CARDS_WARM_RATIO for v in cards_ratio.values()))
    measured = [(f"{n:,}", r) for n, r in sorted(results.items())]
    if real is not None:
        measured.append(("real site", real))
    share = {name: r["manifest_cpu"] / max(1e-9, r["cold"].cpu - r["manifest_cpu"])
             for name, r in measured}
    row(f"worker and manifests add ≤ {OFFLINE_SHARE:.0%} to a cold build (issue 25)",
        ", ".join(f"{name}: +{value:.1%}" for name, value in share.items()),
        all(v <= OFFLINE_SHARE for v in share.values()))
    sets = lambda r: ", ".join(f"{lang} {_kb(s['gzip'])}" for lang, s in r["offline"].items())  # noqa: E731
    corpus_sets = ("; the corpus, pages per language: " + each(sets)
                   + " (not judged: the set grows with the pages)")
    if real is None:
        row(f"each language's offline set ≤ {OFFLINE_BYTES // 1024} KB compressed, today's site "
            "(issue 25)", "real site not measured" + corpus_sets, None)
    else:
        row(f"each language's offline set ≤ {OFFLINE_BYTES // 1024} KB compressed, today's site "
            "(issue 25)", f"real site ({real['pages']} pages in all): {sets(real)}" + corpus_sets,
            all(s["gzip"] <= OFFLINE_BYTES for s in real["offline"].values()))
    visits = {name: sum(r["visit"].values()) for name, r in measured}
    row(f"first visit < {FIRST_VISIT_BYTES // 1024} KB compressed, no outside host (issue 25)",
        ", ".join(f"{name}: {_kb(value)}" for name, value in visits.items()),
        all(v < FIRST_VISIT_BYTES for v in visits.values()))
    return rows


def main(sizes: list[int], runs: int, write: bool, info: dict) -> int:
    """Measure every size, print the table, and write it into dev/performance.md."""
    started = time.monotonic()
    WORK.mkdir(exist_ok=True)
    results = {}
    for pages in sizes:
        print(f"{NAME}: N = {pages}", flush=True)
        results[pages] = run(pages, runs)
        # kept, so that a failure further on leaves what was measured
        (WORK / f"{NAME}.pickle").write_bytes(pickle.dumps((info, results, None)))
    print(f"{NAME}: the real site", flush=True)
    real = real_site()
    print(f"  {real}", flush=True)
    (WORK / f"{NAME}.pickle").write_bytes(pickle.dumps((info, results, real)))
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    table = render(info, results, when, real)
    print(table)
    print(f"{NAME} took {time.monotonic() - started:.0f} s")
    if write:
        benchmark.write_report(table, markers=(TABLE_START, TABLE_END))
        print(f"wrote the {NAME} table into {benchmark.REPORT.relative_to(benchmark.ROOT)}")
    return 0


__all__ = ["NAME", "Run", "main", "render", "run", "targets"]
