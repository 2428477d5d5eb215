"""Making a build's booklets: each taken from the cache when its inputs did not change, the
others rendered side by side, one process per core (no MkDocs).

WeasyPrint lays a booklet out on one core (about 4 s of CPU for a booklet of today's site,
dev/booklets.md), and a language build makes two or more. Made one after the other, a
language's booklets keep one core busy while the others may idle: with three languages on two
cores, ``mdbabel.parallel_build`` gives one process two languages (``vi, ko``) and the other
one (``en``), which then finishes early. Rendered by a pool of forked processes, the
booklets of a build use every free core. The bytes are the same as one at a time (tested):
a PDF depends on its inputs only.

``MDBABEL_BOOKLET_JOBS`` sets the number of processes (default: the cores this process may
use; ``1`` renders in the build's own process, e.g. where memory is short: WeasyPrint takes
about 300 MB per booklet of 60 pages, 1.5 GB at 400). Without ``fork`` (Windows), in a
process with other threads (``mkdocs serve``), and for a single booklet, they are rendered in
the build's own process.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from mdbabel.booklets import render
from mdbabel.booklets.plan import BookletSpec, PageInput
from mdbabel.booklets.render import Booklet, BookletError, Labels, Translate
from mdbabel.files import atomic_write_bytes

JOBS_ENV = "MDBABEL_BOOKLET_JOBS"


@dataclass(frozen=True)
class BookletRequest:
    """One booklet to make: what :func:`mdbabel.booklets.render.booklet_html` needs.
    *online* must be picklable for a booklet rendered in another process (a dict's
    ``__getitem__``, not a lambda); with one that is not, the booklets are made here."""

    spec: BookletSpec
    pages: list[PageInput]
    language: str
    labels: Labels
    online: Translate
    site_url: str
    built: dt.date

    def options(self) -> dict:
        return dict(language=self.language, labels=self.labels, online=self.online,
                    site_url=self.site_url, built=self.built)


def build_booklet(spec: BookletSpec, pages: list[PageInput], *, language: str, labels: Labels,
                  online: Translate, site_url: str, built: dt.date,
                  cache_dir: Path | None = None) -> Booklet:
    """Make (or take from *cache_dir*) one booklet of *language*, in this process."""
    request = BookletRequest(spec, pages, language, labels, online, site_url, built)
    return build_booklets([request], cache_dir, workers=1)[0]


def build_booklets(requests: list[BookletRequest], cache_dir: Path | None = None,
                   workers: int | None = None) -> list[Booklet]:
    """The booklets of *requests*, in their order: from *cache_dir* where the digest of
    their inputs is there, the others rendered by at most *workers* processes (default
    :data:`JOBS_ENV`, else the usable cores) and stored in *cache_dir*."""
    made: list[Booklet | None] = []
    todo: list[tuple[int, BookletRequest, str, Path | None]] = []
    for index, request in enumerate(requests):
        start = time.perf_counter()
        digest = render.inputs_digest(request.spec, request.pages, **request.options())
        path = cache_dir / f"{_cache_prefix(request)}{digest[:24]}.pdf" if cache_dir else None
        if path is not None and path.is_file():
            made.append(_booklet(request, path.read_bytes(), True, time.perf_counter() - start))
        else:
            made.append(None)
            todo.append((index, request, digest, path))
    # the longest first: a pool then finishes the others while the longest is still rendered
    todo.sort(key=lambda item: -sum(len(page.html) for page in item[1].pages))
    tasks = [(request, digest, path) for _, request, digest, path in todo]
    jobs = _jobs(tasks, workers)
    if jobs > 1:
        import concurrent.futures
        import multiprocessing
        from concurrent.futures.process import BrokenProcessPool

        # fork: the children start with this process's modules, fonts and caches loaded
        try:
            with concurrent.futures.ProcessPoolExecutor(
                    jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                rendered = list(pool.map(_render, tasks))
        except BrokenProcessPool:
            raise BookletError(f"a process rendering the booklets stopped (out of memory?); "
                               f"{JOBS_ENV}=1 renders them one at a time") from None
    else:
        rendered = [_render(task) for task in tasks]
    for (index, request, _, _), (pdf, seconds) in zip(todo, rendered):
        made[index] = _booklet(request, pdf, False, seconds)
    return made  # type: ignore[return-value] - every place is filled


def _jobs(tasks: list, workers: int | None) -> int:
    """How many processes render *tasks*: 1 unless there are several, several cores (or
    :data:`JOBS_ENV`), ``fork``, and inputs that can be handed to another process."""
    if workers is None:
        value = os.environ.get(JOBS_ENV, "").strip()
        try:
            workers = int(value) if value else None
        except ValueError:
            raise BookletError(f"{JOBS_ENV}: not a whole number ({value!r}); give e.g. 1, "
                               "or unset it to use every core") from None
        if workers is None:
            workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
                else (os.cpu_count() or 1)
    if workers <= 1 or len(tasks) <= 1:
        return 1
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    # a fork copies only the calling thread: a lock another thread holds (``mkdocs serve``'s
    # server and watcher) would stay held in the child
    if threading.active_count() > 1:
        return 1
    try:  # a lambda for *online* cannot cross to another process
        pickle.dumps([request.online for request, _, _ in tasks])
    except (pickle.PicklingError, AttributeError, TypeError):
        return 1
    return min(workers, len(tasks))


def _render(task: tuple[BookletRequest, str, Path | None]) -> tuple[bytes, float]:
    """Render one booklet (in this process or a pool's) and store it in the cache; gives its
    PDF and the seconds it took."""
    request, digest, path = task
    start = time.perf_counter()
    try:
        html = render.booklet_html(request.spec, request.pages, **request.options())
        pdf = render.render_pdf(html, render.stylesheet(), digest[:32].encode("ascii"))
    except BookletError as error:
        raise BookletError(f"booklet '{request.spec.name}' ({request.language}): {error}") from None
    if path is not None:
        _store(request, path, pdf)
    return pdf, time.perf_counter() - start


def _store(request: BookletRequest, path: Path, pdf: bytes) -> None:
    """Keep *pdf* in the cache, replacing the older versions of this booklet only (not
    "vi-foreign-workers-1-..." for "vi-foreign-workers-..."; only this build makes this
    language's booklets). A cache that cannot be written is only a cache: the booklet is
    made, and made again next time."""
    try:
        atomic_write_bytes(path, pdf, sync=False)
        older = re.compile(re.escape(_cache_prefix(request)) + r"[0-9a-f]{24}\.pdf")
        for old in path.parent.glob(f"{_cache_prefix(request)}*.pdf"):
            if old != path and older.fullmatch(old.name):
                old.unlink(missing_ok=True)
    except OSError:
        pass


def _cache_prefix(request: BookletRequest) -> str:
    return f"{request.language}-{request.spec.name}-"


def _booklet(request: BookletRequest, pdf: bytes, cached: bool, seconds: float) -> Booklet:
    return Booklet(request.spec.name, request.language, f"{request.spec.name}-{request.language}.pdf",
                   request.labels.title, pdf, [page.key for page in request.pages], cached, seconds)
