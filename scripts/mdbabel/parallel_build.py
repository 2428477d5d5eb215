"""Build each language of a mkdocs-static-i18n site in its own process (MkDocs adapter).

``mkdocs build`` builds the languages one after the other in one process: i18n's
``on_post_build`` starts a nested build per extra language. On a machine with several cores
this module runs the languages in ``--jobs`` processes instead (one per language when there
are cores enough), all writing into one site folder, and the result is byte-identical to
``mkdocs build`` (tested): for each of its languages a process first collects the other
languages' files the way i18n would (the sitemap lists every language), then runs the build
of that language only. With more languages than jobs, the languages are dealt out in turn
(three languages on two cores: ``vi, ko`` and ``en``) and a process builds its languages one
after the other, as ``mkdocs build`` does: it starts once, and what one build has read,
compiled or translated serves the next (three processes on two cores would each pay for
starting, and one would wait for a core).

    python -m mdbabel.parallel_build [--config-file mkdocs.yml] [--site-dir site] [--jobs N]
                                     [--engine mkdocs|properdocs]

``--engine properdocs`` (or ``MDBABEL_ENGINE=properdocs``) builds with ProperDocs, the
maintained fork of MkDocs 1.6, instead: its ``properdocs.replacement`` module makes every
``mkdocs.*`` import (this module's, the theme's and the plugins') load ``properdocs.*``, as
the ``properdocs`` command does.

Exit status 0 when every language built, 1 when one failed (its messages are printed).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mdbabel import offline


ENGINES = ("mkdocs", "properdocs")


def use_engine(engine: str) -> None:
    """Make ``mkdocs.*`` imports load *engine* (before anything imports mkdocs)."""
    if engine == "properdocs":
        import properdocs.replacement  # noqa: F401 - aliases mkdocs.* to properdocs.*


def build_one_language(config_file: str, language: str, site_dir: str) -> None:
    """Build only *language* into *site_dir* (not cleaned: the parent cleans it once), as
    i18n's own nested build of that language would."""
    from mkdocs import utils
    from mkdocs.commands import build as build_module
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation

    config = load_config(config_file=config_file, site_dir=site_dir, strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        i18n = config.plugins["i18n"]
        # The sitemap lists the pages of every language: i18n collects them build after
        # build (on_files). Collect the other languages' files first, in the same order.
        # (quietly: a nav entry without its page is said by this language's own build, once)
        nav_log = logging.getLogger("mkdocs.structure.nav")
        level = nav_log.level
        nav_log.setLevel(logging.ERROR)
        try:
            for code in i18n.build_languages:
                if code == language:
                    i18n.i18n_files_per_language.setdefault(code, [])
                    continue
                i18n.current_language = code
                i18n.on_config(config)
                get_navigation(i18n.on_files(get_files(config), config), config)
        finally:
            nav_log.setLevel(level)
        i18n.current_language = language
        i18n.building = True  # i18n's on_post_build then does not start the other languages
        utils.clean_directory = lambda directory: None
        build_module.build(config)
    finally:
        config.plugins.on_shutdown()


def build_languages(config_file: str) -> list[str]:
    """The languages i18n builds, default first, from the validated configuration."""
    from mkdocs.config import load_config

    config = load_config(config_file=config_file)
    return list(config.plugins["i18n"].build_languages)


def language_groups(languages: list[str], jobs: int) -> list[list[str]]:
    """*languages* dealt out in turn to at most *jobs* processes, in order:
    ``[vi, en, ko]`` on two jobs gives ``[[vi, ko], [en]]``."""
    count = max(1, min(jobs, len(languages)))
    return [languages[start::count] for start in range(count)]


def parallel_build(config_file: str, site_dir: str, jobs: int, engine: str = "mkdocs") -> int:
    """Clean *site_dir* once, then build the languages in at most *jobs* processes."""
    languages = build_languages(config_file)
    if os.path.isdir(site_dir):
        shutil.rmtree(site_dir)
    os.makedirs(site_dir)
    groups = language_groups(languages, jobs)

    def run(group: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "mdbabel.parallel_build", "--one-language", ",".join(group),
             "--config-file", config_file, "--site-dir", site_dir, "--engine", engine],
            capture_output=True, text=True, env={**os.environ, offline.ONE_LANGUAGE_ENV: ",".join(group)})

    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        results = list(pool.map(run, groups))
    failed = False
    for group, result in zip(groups, results):
        if result.stderr.strip():
            sys.stderr.write(result.stderr)
        if result.returncode != 0:
            failed = True
            names = " and ".join(f"'{language}'" for language in group)
            sys.stderr.write(f"mdbabel: the {names} build failed (exit {result.returncode})\n")
    if not failed:  # every language is written: the offline manifests (mdbabel.offline)
        try:
            offline.write_manifests(Path(site_dir))
        except OSError as error:
            sys.stderr.write(f"mdbabel: {site_dir}: the offline manifests cannot be written ({error})\n")
            failed = True
    if not failed:  # the printed booklets (mdbabel.booklets), when the build made them
        for pdf in sorted(Path(site_dir).glob("**/booklets/*.pdf")):
            print(f"booklet {pdf.relative_to(site_dir).as_posix()}: {pdf.stat().st_size / 1e6:.2f} MB")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mdbabel.parallel_build",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--config-file", default="mkdocs.yml")
    parser.add_argument("--site-dir", default="site")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--engine", choices=ENGINES, default=os.environ.get("MDBABEL_ENGINE") or "mkdocs",
                        help="build with MkDocs (default) or ProperDocs")
    parser.add_argument("--one-language", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.engine not in ENGINES:
        print(f"mdbabel: MDBABEL_ENGINE must be one of {', '.join(ENGINES)} (got {args.engine!r})",
              file=sys.stderr)
        return 2
    try:
        use_engine(args.engine)
    except ImportError:
        print(f"mdbabel: {args.engine} is not installed; run `make setup` (it installs "
              "requirements/lock.txt)", file=sys.stderr)
        return 2
    if args.one_language:
        from mkdocs.exceptions import MkDocsException

        logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s")
        # the mdbabel plugin's notes (a language built as a preview) are shown too
        logging.getLogger("mkdocs.plugins.mdbabel").setLevel(logging.INFO)
        try:
            for language in args.one_language.split(","):  # one after the other, as mkdocs build
                build_one_language(args.config_file, language, args.site_dir)
        except MkDocsException as error:
            print(error.format_message(), file=sys.stderr)
            return 1
        return 0
    from .problems import CatalogError
    from .project import read_mkdocs_yaml

    from .po.dates import fixed_date

    try:  # a syntax error in mkdocs.yml: one line with its place, not MkDocs' traceback
        read_mkdocs_yaml(Path(args.config_file), args.config_file)
        fixed_date()  # (and SOURCE_DATE_EPOCH that is no number: one line, not MkDocs' traceback)
    except CatalogError as error:
        print(error, file=sys.stderr)
        return 1
    return parallel_build(str(Path(args.config_file)), args.site_dir, args.jobs, args.engine)


if __name__ == "__main__":
    sys.exit(main())
