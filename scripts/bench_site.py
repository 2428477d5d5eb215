"""What the benchmark measures on a built site (``scripts/benchmark.py``): the first visit's
transfer and the search index sizes (gzip), search in headless Chromium
(``scripts/bench_search.py``), and ``mkdocs serve``'s time from a saved ``.po`` to the
reloaded page."""

from __future__ import annotations

import gzip
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import bench_corpus
from bench_measure import BIN, ENV, ROOT

# Queries typed by readers of the synthetic corpus: with and without Vietnamese accents, one
# word and several, and one that matches nothing; the English ones are the same words as the
# corpus's English-looking catalogs write them.
SEARCH_QUERIES_VI = ["bảo hiểm thất nghiệp", "bao hiem that nghiep", "lương hưu", "dong",
                     "nguoi lao dong nuoc ngoai", "thẻ bảo hiểm y tế", "xyz khong co"]


# ----------------------------------------------------------------------------- transfer sizes


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def first_visit(site: Path, page_url: str) -> dict[str, int]:
    """gzip bytes of a page's HTML and the stylesheets and scripts it references."""
    page = site / page_url / "index.html"
    html = page.read_text(encoding="utf-8")
    sizes = {"html": _gz(html.encode("utf-8")), "css": 0, "js": 0}
    references = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    references += re.findall(r'<script[^>]+src="([^"]+)"', html)
    for reference in dict.fromkeys(references):
        if re.match(r"[a-z]+:|//", reference):
            raise SystemExit(f"benchmark: {page_url} references another host: {reference}")
        target = (page.parent / reference.split("?")[0].split("#")[0]).resolve()
        kind = "css" if target.suffix == ".css" else "js"
        sizes[kind] += _gz(target.read_bytes())
    return sizes


def search_sizes(site: Path) -> dict[str, tuple[int, int]]:
    """Per-language search index: (raw bytes, gzip bytes)."""
    sizes = {}
    for path in sorted(site.rglob("search/*.json")):
        data = path.read_bytes()
        sizes[path.stem] = (len(data), _gz(data))
    return sizes


# ----------------------------------------------------------------------------- search in the browser


def search_timings(site: Path, config: Path, runs: int = 5) -> dict:
    """Index load and per-query times (search + rendering the results) in headless Chromium,
    on one page of each language of a built corpus site (``scripts/bench_search.py``)."""
    import bench_search

    site_address = re.search(r'SITE_URL, "([^"]+)"', config.read_text(encoding="utf-8"))
    address = site_address.group(1) if site_address else "/"
    english = [bench_corpus.english_like(q) for q in SEARCH_QUERIES_VI]
    timed = bench_search.time_site_search(site, address, [
        ("chu-de-002/trang-05/", SEARCH_QUERIES_VI), ("en/chu-de-002/trang-05/", english)], runs)
    queries = [q for visit in timed.values() for q in visit["queries"]]
    return {"visits": timed, "load_ms": max(v["load_ms"] for v in timed.values()),
            "median_ms": statistics.median(q[3] for q in queries),
            "worst_ms": max(q[3] for q in queries), "queries": len(queries)}


# ----------------------------------------------------------------------------- mkdocs serve


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str, timeout: float = 30) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def serve_reload(repetitions: int = 3) -> list[float]:
    """Seconds from saving a changed msgstr to the reloaded page showing it (real site copy)."""
    page_url = "en/foreign-workers/contributions/"
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        copy = Path(tmp) / "site"
        copy.mkdir()
        for name in ("docs", "locales", "overrides"):
            shutil.copytree(ROOT / name, copy / name)
        shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
        po = copy / "locales" / "en" / "LC_MESSAGES" / "foreign-workers" / "contributions.po"
        port = _free_port()
        # serve mounts the site at site_url's path: make it the server's root
        env = {**ENV, "MDBABEL_STRICT": "false", "SITE_URL": f"http://127.0.0.1:{port}/"}
        server = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/{page_url}"
        try:
            deadline = time.monotonic() + 180
            while True:
                try:
                    original = _fetch(url)
                    break
                except urllib.error.HTTPError as error:
                    raise SystemExit(f"benchmark: {url}: HTTP {error.code}") from None
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit("benchmark: mkdocs serve did not start") from None
                    time.sleep(0.2)
            text = po.read_text(encoding="utf-8")
            match = re.search(r'\nmsgstr "(How much do my company and I pay\?)"', text)
            if not match:
                raise SystemExit(f"benchmark: no msgstr to change in {po}")
            times = []
            for number in range(1, repetitions + 1):
                marker = "Reloaded" + "abcdefghij"[number]  # no digit: figures are checked
                assert marker not in original
                changed = text.replace(match.group(0), f'\nmsgstr "{match.group(1)} {marker}"', 1)
                time.sleep(1.5)  # let the previous rebuild settle
                saved = time.perf_counter()
                po.write_text(changed, encoding="utf-8")
                while True:
                    if marker in _fetch(url):
                        times.append(time.perf_counter() - saved)
                        break
                    if time.perf_counter() - saved > 120:
                        raise SystemExit("benchmark: the page did not reload within 120 s")
                    time.sleep(0.05)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    return times
