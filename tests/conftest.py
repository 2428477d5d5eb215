"""Fixtures shared by the tests of the real site (mkdocs.yml at the repository top).

- ``built_site``: the whole site built once per test session (``mkdocs build --strict``).
- ``site_url``: the site's public address (mkdocs.yml ``site_url``, or ``SITE_URL``).
- ``served_site``: the built site served from 127.0.0.1 under the path of ``site_url``
  (``/guide/`` for ``https://bhxh.github.io/guide/``), the way the public host serves it:
  the 404 pages, whose links are absolute, load their styles and scripts, and a missing
  address answers with the 404 page of its language and status 404.

A module may still define a fixture of the same name; its own one wins inside it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import hypothesis
import pytest
from repo_data import REPO
from search_support import serve_site

# The tests live in one folder per area (tests/site/, tests/a11y/...); the support modules here
# (repo_data, search_support...) are importable because pytest puts this conftest's folder on
# sys.path. A test module may import helpers of another area's module (the page lists of
# a11y/test_a11y_axe.py, the tiny project of site/test_site_translation.py): every area folder
# is on sys.path too, so that a module run alone finds them.
TESTS = Path(__file__).resolve().parent
for _area in sorted(TESTS.iterdir()):
    if _area.is_dir() and _area.name != "fixtures" and any(_area.glob("test_*.py")) \
            and str(_area) not in sys.path:
        sys.path.append(str(_area))

# Hypothesis: no deadline per example. A test asserts behaviour, not speed (figures go in
# dev/performance.md), and a deadline fails a correct test on a busy machine or under xdist.
hypothesis.settings.register_profile("mdbabel", deadline=None)
hypothesis.settings.load_profile("mdbabel")

# `make site` makes the PDF booklets unless MDBABEL_BOOKLETS says otherwise: the tests that run
# it (or a build) for something else leave them out; tests/booklets/test_booklets_site.py turns them on.
os.environ.setdefault("MDBABEL_BOOKLETS", "false")


def read_site_url() -> str:
    """``site_url`` of mkdocs.yml: ``!ENV [SITE_URL, default]``, so SITE_URL wins when set."""
    raw = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r'^site_url:.*?"(https?://[^"]+)"', raw, re.M)
    return os.environ.get("SITE_URL") or match.group(1)


def _build_site(site: Path) -> str | None:
    """Build the real site into *site* (``mkdocs build --strict``); its error output if it failed."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=600,
    )
    return None if result.returncode == 0 else result.stderr[-4000:] or f"exit status {result.returncode}"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, request) -> Path:
    """The real site, built once per test run. Under pytest-xdist (``make test``: one worker
    per core) the workers of one run share one build: the first to get the lock builds it
    into the run's common temporary folder, the others wait and read it (tests only read it)."""
    # an xdist worker has `workerinput` (a pytest started by a test inherits only the environment)
    run_id = getattr(request.config, "workerinput", {}).get("testrunuid")
    if run_id is None:  # one process: a build of its own
        site = tmp_path_factory.mktemp("site") / "site"
        error = _build_site(site)
        assert error is None, error
        return site
    import fcntl

    shared = tmp_path_factory.getbasetemp().parent / f"built-site-{run_id}"
    shared.mkdir(exist_ok=True)
    site, done, failed = shared / "site", shared / "done", shared / "failed"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists() and not failed.exists():
            error = _build_site(site)
            (failed if error else done).write_text(error or "", encoding="utf-8")
    assert not failed.exists(), failed.read_text(encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def site_url() -> str:
    return read_site_url()


@pytest.fixture(scope="session")
def served_site(built_site, site_url):
    """Base URL of the built site served locally under the path of ``site_url``."""
    with serve_site(built_site, site_url) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole test session (Playwright)."""
    from playwright.sync_api import sync_playwright

    from search_support import launch_chromium

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


# ------------------------------------------------------------------ `make test-fast`
# `slow`: a test that builds a site with MkDocs or runs a command end to end (seconds each);
# `make test-fast` leaves out `slow` and `browser` tests. A module listed here is slow as a
# whole (new tests in it too); single tests are listed by module and name. A module may also
# set `pytestmark = pytest.mark.slow` itself.
SLOW_MODULES = {
    "test_acceptance_anchors", "test_acceptance_bad_inputs", "test_acceptance_cli_translate",
    "test_acceptance_identity", "test_acceptance_pseudo",
    "test_catalog_parallel_update", "test_guard_rail", "test_search_plugin",
    "test_site_build_cache", "test_site_converter_reuse", "test_site_gc_freeze",
    "test_site_nav_html", "test_site_parallel_build", "test_site_serve_state",
    "test_site_title_spaces", "test_site_translation", "test_workflow_ci", "test_workflow_precommit",
    "test_languages_site", "test_languages_page_fallback", "test_bench_corpus",
}
SLOW_TESTS = {
    ("test_catalog_fast_reader", "test_hand_written_catalogs_load_as_babel_reads_them"),
    ("test_catalog_fast_reader", "test_catalogs_written_by_mdbabel_load_as_babel_reads_them"),
    ("test_search_tokenizer", "test_random_markup_is_read_as_html_parser_reads_it_or_left_to_it"),
    ("test_search_tokenizer", "test_every_page_of_the_site_is_read_fast_and_as_html_parser_reads_it"),
    ("test_bench_corpus", "test_a_reused_corpus_and_its_baseline_get_the_templates_of_this_commit"),
    ("test_share_cards", "test_hostile_text_is_escaped_and_sections_are_named"),
    ("test_share_cards", "test_two_builds_give_the_same_cards_and_the_second_draws_none"),
    ("test_share_cards", "test_a_korean_title_builds_with_its_card"),
    ("test_share_cards", "test_a_title_the_font_cannot_draw_fails_the_build_with_one_line"),
    ("test_share_cards", "test_a_translated_title_the_font_cannot_draw_names_its_catalog_line"),
    ("test_content_pages", "test_the_repository_passes_mdbabel_check"),
    ("test_safety_corpus", "test_mdbabel_check_names_each_hostile_entry_with_its_catalog_line"),
}


# ------------------------------------------------------------------ `make test` (pytest-xdist)
# `make test` runs one worker per core with `--dist loadgroup`: the tests of a module go to one
# worker (its module fixtures, a tiny project or a copy of the site, are built once), except in
# the modules below, whose tests are long and independent (each audits a language, or builds a
# broken copy of the site): they are spread over the workers, so that no worker is left with
# one long module at the end.
SPREAD_MODULES = {"test_a11y_axe", "test_acceptance_bad_inputs"}


@pytest.hookimpl(tryfirst=True)  # before pytest's own -m selection and xdist's grouping
def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.module.__name__.rpartition(".")[2] if item.module else ""
        if module not in SPREAD_MODULES and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(module))
        if module in SLOW_MODULES or (module, item.originalname) in SLOW_TESTS \
                or "built_site" in getattr(item, "fixturenames", ()):  # the real site, built
            item.add_marker(pytest.mark.slow)
