"""A build's booklets made together (mdbabel.booklets.batch): rendered side by side in a
pool of processes they are the same bytes, in the same order, as one after the other; the
cache serves them the next time; a version of one booklet never removes another's."""

from __future__ import annotations

import datetime as dt
import os
import threading

import pytest

from mdbabel.booklets import BOOKLETS, BookletRequest, Labels, PageInput, batch, build_booklets
from mdbabel.booklets.plan import BookletSpec
from mdbabel.booklets.render import BookletError

BUILT = dt.date(2026, 11, 30)


def requests(online=None, words: str = "") -> list[BookletRequest]:
    """Three small booklets of different lengths (the first the shortest), Vietnamese."""
    labels = Labels(*[(f"nhãn {i}", "vi") for i in range(7)])
    made = []
    for number, spec in enumerate((*BOOKLETS, BookletSpec("foreign-workers-1", BOOKLETS[0].title,
                                                          BOOKLETS[0].audiences, part=1, parts=2))):
        pages = [PageInput("index.md", "Trang chủ", "https://example.org/", "<p>Giới thiệu.</p>", "vi",
                           is_home=True)]
        pages += [PageInput(f"p{n}.md", f"Trang {n}", f"https://example.org/p{n}/",
                            f"<h2 id='a'>Mục {n}</h2><p>Đóng 8% tiền lương. {words}</p>" * (n + 1), "vi")
                  for n in range(number + 1)]
        texts = {page.url: (f"Trang này trên mạng: {page.url}", "vi") for page in pages}
        made.append(BookletRequest(spec, pages, "vi", labels, online or texts.__getitem__,
                                   "https://example.org/", BUILT))
    return made


def test_booklets_rendered_side_by_side_are_the_bytes_of_one_after_the_other(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(batch, "_jobs", lambda tasks, workers: calls.append(workers) or
                        (1 if workers == 1 else min(2, len(tasks))))
    alone = build_booklets(requests(), tmp_path / "one", workers=1)
    together = build_booklets(requests(), tmp_path / "pool", workers=2)
    assert calls == [1, 2]
    assert [b.filename for b in together] == [b.filename for b in alone] == [
        "foreign-workers-vi.pdf", "working-abroad-vi.pdf", "foreign-workers-1-vi.pdf"]
    assert [b.pdf for b in together] == [b.pdf for b in alone]
    assert all(b.pdf.startswith(b"%PDF-") and not b.cached for b in together)
    assert [b.pages for b in together] == [[p.key for p in r.pages] for r in requests()]
    # the pool's children stored them in the cache: the next build renders none
    again = build_booklets(requests(), tmp_path / "pool", workers=2)
    assert [b.cached for b in again] == [True, True, True]
    assert [b.pdf for b in again] == [b.pdf for b in alone]


def test_a_new_version_replaces_its_own_cache_file_only(tmp_path):
    cache = tmp_path / "cache"
    build_booklets(requests(), cache, workers=1)
    first = sorted(path.name for path in cache.iterdir())
    assert len(first) == 3
    # "foreign-workers" changes: its old file goes, "foreign-workers-1-..." (another booklet
    # whose name begins the same) stays
    changed = requests(words="Thêm một câu.")
    build_booklets(changed[:1], cache, workers=1)
    now = sorted(path.name for path in cache.iterdir())
    assert len(now) == 3
    assert [name for name in first if name.startswith("vi-foreign-workers-1-")] == \
        [name for name in now if name.startswith("vi-foreign-workers-1-")]
    assert [name for name in first if name not in now] == \
        [name for name in first if name.startswith("vi-foreign-workers-") and "-1-" not in name]


def test_how_many_processes(monkeypatch):
    tasks = [(request, "0" * 64, None) for request in requests()]
    monkeypatch.delenv(batch.JOBS_ENV, raising=False)
    # as in a build's process, whatever threads the test runner has (a real one comes below)
    monkeypatch.setattr(batch.threading, "active_count", lambda: 1)
    cores = len(os.sched_getaffinity(0))
    assert batch._jobs(tasks, None) == (min(cores, 3) if cores > 1 else 1)
    assert batch._jobs(tasks, 2) == 2
    assert batch._jobs(tasks, 8) == 3  # never more than booklets
    assert batch._jobs(tasks[:1], 8) == 1  # one booklet: rendered here
    monkeypatch.setenv(batch.JOBS_ENV, "1")
    assert batch._jobs(tasks, None) == 1
    monkeypatch.setenv(batch.JOBS_ENV, "2")
    assert batch._jobs(tasks, None) == 2
    # another thread (mkdocs serve's server): a fork would copy the locks it holds
    monkeypatch.undo()
    monkeypatch.delenv(batch.JOBS_ENV, raising=False)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert batch._jobs(tasks, 2) == 1
    finally:
        stop.set()
        other.join()
    monkeypatch.setattr(batch.threading, "active_count", lambda: 1)
    # a lambda cannot be handed to another process: rendered here, not an error
    lambdas = [(request, "0" * 64, None) for request in requests(online=lambda url: (url, "vi"))]
    assert batch._jobs(lambdas, 2) == 1
    monkeypatch.setenv(batch.JOBS_ENV, "two")
    with pytest.raises(BookletError, match=rf"^{batch.JOBS_ENV}: not a whole number \('two'\); give e.g. 1"):
        batch._jobs(tasks, None)


def test_a_failing_booklet_is_named(tmp_path, monkeypatch):
    from mdbabel.booklets import render

    def broken(*args, **kwargs):
        raise BookletError("the booklets need WeasyPrint")

    monkeypatch.setattr(render, "render_pdf", broken)
    with pytest.raises(BookletError, match=r"^booklet 'foreign-workers' \(vi\): the booklets need WeasyPrint$"):
        build_booklets(requests()[:1], tmp_path, workers=1)


def test_a_cache_that_cannot_be_written_does_not_stop_the_booklets(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    made = build_booklets(requests()[:2], blocked / "booklets", workers=1)
    assert [b.pdf[:5] for b in made] == [b"%PDF-", b"%PDF-"]
    assert not any(b.cached for b in made)
