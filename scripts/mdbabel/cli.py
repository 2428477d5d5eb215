"""``mdbabel``: the command line, a thin front end over :mod:`mdbabel.catalogs`.

Every error is one line ``file:line: what; how to fix`` on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from babel.core import Locale, UnknownLocaleError

from . import catalogs, project
from .po import read_po_file
from .problems import CatalogError
from .project import SiteConfig

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

_EPILOG = """\
exit status: 0 everything is fine; 1 problems were found (check, translate) or a
catalog is malformed; 2 usage or configuration error (bad option, mkdocs.yml, unknown
language). Every problem is one line: file:line: what is wrong; how to fix it.

Catalogs: locales/templates/<page>.pot and locales/<lang>/LC_MESSAGES/<page>.po, one per
page of docs/, plus _site (navigation, site name, interface strings). `make catalogs`
runs `mdbabel update`.
"""


class UsageError(Exception):
    """A command cannot run as asked (exit status 2)."""


def _print_error(message: str) -> None:
    print(message, file=sys.stderr)


def _config(args: argparse.Namespace) -> SiteConfig:
    try:
        return project.load_site_config(args.root)
    except CatalogError as error:
        raise UsageError(str(error)) from None


def _report_plan(plan: catalogs.UpdatePlan) -> None:
    for line in plan.moved:
        print(line)
    for write in plan.changes:
        action = "removed" if write.text is None else ("created" if write.created else "updated")
        print(f"{action} {write.shown}")
    if not plan.changes and not plan.moved:
        print("catalogs are up to date")
    for notice in plan.orphaned:
        _print_error(f"note: {notice}")


# --------------------------------------------------------------------------- commands


def cmd_extract(args: argparse.Namespace) -> int:
    config = _config(args)
    plan = catalogs.plan_update(config, languages=[])
    catalogs.apply_plan(plan)
    _report_plan(plan)
    return EXIT_OK


def cmd_update(args: argparse.Namespace) -> int:
    config = _config(args)
    plan = catalogs.update_catalogs(config)
    _report_plan(plan)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    config = _config(args)
    spelling = lambda code: code.replace("-", "_").lower()  # noqa: E731 - pt-BR is pt_BR
    language = next((listed for listed in (config.source_language, *config.languages)
                     if spelling(listed) == spelling(args.language)), args.language)
    if language == config.source_language:
        raise UsageError(f"{language} is the source language (the pages in {config.docs_dir}/ "
                         "are written in it); give a target language")
    if language not in config.languages:
        line = f":{config.languages_line}" if config.languages_line else ""
        listed = ", ".join(config.languages) or "none"
        raise UsageError(
            f"mkdocs.yml{line}: language {language!r} is not listed under plugins: i18n: "
            f"languages (target languages: {listed}); add\n"
            f"        - locale: {language}\n"
            f"          name: <the language's own name>\n"
            f"          build: true\n"
            f"to that list, then run `mdbabel init {language}` again")
    plan = catalogs.update_catalogs(config, languages=[language])
    _report_plan(plan)
    print(f"catalogs for {language} are in "
          f"{project.catalog_folder(Path(config.locales_dir), language).as_posix()}/")
    return EXIT_OK


def cmd_translate(args: argparse.Namespace) -> int:
    from .textnorm import read_normal
    from .translate import translate_markdown

    root = Path(args.root)
    try:
        source = read_normal(args.source)  # LF, NFC: as extraction read the page
    except OSError as error:
        raise UsageError(f"{args.source}: cannot read ({error.strerror}); give a Markdown file") from None
    except UnicodeDecodeError:
        raise UsageError(f"{args.source}: not UTF-8 text; save the file as UTF-8") from None
    # Any Markdown file and any catalog made from it: mkdocs.yml is optional here.
    config = _config(args) if (root / "mkdocs.yml").exists() else None
    translations = catalogs.load_translations(args.catalog, root=root)
    result = translate_markdown(source, catalogs.make_lookup(translations),
                                source_lang=config.source_language if config else "vi",
                                mark_untranslated=args.mark_untranslated)
    markdown = result.markdown
    if args.figures:
        markdown = _with_figures(args, markdown, root, config)
        if markdown is None:
            return EXIT_PROBLEMS
    sys.stdout.write(markdown)
    for problem in result.problems:
        _print_error(problem)
    _print_error(f"{args.source}: {result.translated} of {result.total} messages translated "
                 f"({result.translated_share:.0%})")
    return EXIT_PROBLEMS if result.problems else EXIT_OK


def _with_figures(args: argparse.Namespace, markdown: str, root: Path,
                  config: SiteConfig | None) -> str | None:
    """*markdown* with ``{{ name }}`` replaced by figures formatted for the catalog's language."""
    from .figures import FigureError, load_figures, substitute

    language = args.language or read_po_file(args.catalog).header("Language")
    if not language:
        raise UsageError(f"{args.catalog}: no Language header; pass --language to format "
                         "the figures")
    try:
        Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"--language {language}: unknown language; give a code Babel knows, "
                         "such as en or ko") from None
    data_dir = root / (config.docs_dir if config else "docs") / "_data"
    try:
        return substitute(markdown, load_figures(data_dir, relative_to=root), language,
                          path=args.source)
    except FigureError as error:
        _print_error(str(error))
        return None


def cmd_where(args: argparse.Namespace) -> int:
    from .locate import find_message

    config = _config(args)
    found = find_message(config, args.text)
    for item in found:
        print(item)
    if not found:
        _print_error(f"no message contains {args.text!r}; copy a part of the msgid, e.g. "
                     "from the catalog, without its Markdown")
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_move(args: argparse.Namespace) -> int:
    from .catalogs.moves import Move, carry_moves, copy_translations

    config = _config(args)
    domains = []
    for given in (args.old, args.new):
        relative = Path(given).as_posix()
        prefix = f"{config.docs_dir}/"
        relative = relative[len(prefix):] if relative.startswith(prefix) else relative
        if not relative.endswith(".md"):
            raise UsageError(f"{given}: not a page; give the paths of the pages, e.g. "
                             f"`mdbabel move {config.docs_dir}/faq.md {config.docs_dir}/questions.md`")
        domains.append(project.page_domain(relative))
    old, new = domains
    if old == new:
        raise UsageError(f"{args.new}: the same page as {args.old}; give the page's old path "
                         "and its new path")
    if not (config.docs_path / f"{new}.md").is_file():
        raise UsageError(f"{args.new}: no such page; move the page there first, then run "
                         "this again")
    if not any(path.is_file() for path in (config.template_path(old), *(
            config.catalog_path(language, old) for language in config.languages))):
        from .catalogs.moves import orphan_domains

        left = ", ".join(f"{config.docs_dir}/{domain}.md" for domain in orphan_domains(config))
        raise UsageError(f"{args.old}: no catalog of this page in {config.locales_dir}/; give "
                         "the page's old path" + (f" (catalogs without a page: {left})" if left
                                                  else " (no catalog is without its page)"))
    # a page left at the old path (a short "this page moved" page) keeps its catalogs
    if old in {project.page_domain(page) for page in config.pages()}:
        done = copy_translations(config, Move(old, new))
    else:
        done = carry_moves(config, [Move(old, new)])
    for line in done:
        print(line)
    plan = catalogs.update_catalogs(config)
    _report_plan(plan)
    return EXIT_OK


def cmd_check_config(args: argparse.Namespace) -> int:
    """``mkdocs.yml`` reads (``make serve`` runs it first: MkDocs' own message spans lines),
    and with ``--serve-addr`` the address is free (else MkDocs builds the whole site first,
    then stops with a traceback)."""
    _config(args)
    if args.serve_addr:
        _check_serve_address(args.serve_addr)
    return EXIT_OK


def _check_serve_address(address: str) -> None:
    import socket

    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f"SERVE_ADDR={address}: not HOST:PORT; give e.g. 127.0.0.1:8000")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs binds
            probe.bind((host.strip("[]"), int(port)))
    except OSError as error:
        other = f"{host}:{int(port) + 1}"
        raise UsageError(f"{address}: cannot serve there ({error.strerror or error}; another "
                         f"`make serve` still running?); stop it, or use another port: "
                         f"`make serve SERVE_ADDR={other}`") from None


def cmd_stats(args: argparse.Namespace) -> int:
    config = _config(args)
    stats = catalogs.project_stats(config)
    if args.json:
        data = {language: {"total": sum(per.values(), catalogs.CatalogStats()).as_dict(),
                           "domains": {domain: s.as_dict() for domain, s in per.items()}}
                for language, per in stats.items()}
        print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
        return EXIT_OK
    if not stats:
        print(f"no target language in mkdocs.yml (source language: {config.source_language})")
        return EXIT_OK
    rows = [("language", "catalog", "total", "translated", "fuzzy", "untranslated", "share")]
    for language, per in stats.items():
        for domain, s in per.items():
            rows.append((language, domain, *_numbers(s)))
        rows.append((language, "(all)", *_numbers(sum(per.values(), catalogs.CatalogStats()))))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [cell.rjust(width) for cell, width in zip(row[2:], widths[2:])]
        print("  ".join(cells).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))
    _print_readability(config)
    return EXIT_OK


def _print_readability(config: SiteConfig) -> None:
    """Plain-language figures of the built site, when there is one (:mod:`mdbabel.readability`)."""
    site_dir = config.root / str(config.raw.get("site_dir") or "site")
    try:
        from . import readability
        import textstat  # noqa: F401 - only to know whether the report can be made
    except ImportError:
        print("\nplain language: not measured (install textstat: pip install -e '.[test]')")
        return
    if not site_dir.is_dir():
        print(f"\nplain language: not measured ({config.shown(site_dir)}/ is not built; run make site)")
        return
    languages = [config.source_language, *config.languages]
    results, missing = readability.site_report(site_dir, config.pages(), languages,
                                               config.source_language)
    print("\n".join(readability.format_report(results, missing)))


def _numbers(s: catalogs.CatalogStats) -> tuple[str, ...]:
    return (str(s.total), str(s.translated), str(s.fuzzy), str(s.untranslated),
            f"{s.translated_share:.0%}")


def cmd_check(args: argparse.Namespace) -> int:
    config = _config(args)
    report = catalogs.check_project(config)
    problems = list(report.problems)
    if not args.catalogs_only:
        problems += _page_problems(config)
    for notice in report.notices:
        _print_error(f"note: {notice}")
    for problem in problems:
        _print_error(problem)
    if problems:
        _print_error(f"{len(problems)} problem(s) found")
        return EXIT_PROBLEMS
    print("catalogs are up to date and every translation keeps the rules")
    return EXIT_OK


def _page_problems(config: SiteConfig) -> list[str]:
    """The site's own page rules (front matter, internal links), when it has them
    (:mod:`mdbabel.site_checks`)."""
    try:
        from . import site_checks
    except ImportError:
        return []
    return [str(problem) for problem in site_checks.check_pages(config.root)]


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    def root_option(default) -> argparse.ArgumentParser:
        holder = argparse.ArgumentParser(add_help=False)
        holder.add_argument("--root", default=default, metavar="DIR",
                            help="site folder containing mkdocs.yml (default: current folder)")
        return holder

    # Accepted before or after the command; SUPPRESS keeps a value given before it.
    common = root_option(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="mdbabel", parents=[root_option(".")],
        description="Translate a Markdown (MkDocs) site through Babel gettext catalogs.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, handler, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=summary, description=summary,
                                  epilog=_EPILOG,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
        sub.set_defaults(handler=handler)
        return sub

    add("extract", cmd_extract, "write the templates locales/templates/*.pot from the sources")
    add("update", cmd_update, "extract, then update every catalog of every language "
                              "(`make catalogs`; never loses a translation)")
    init = add("init", cmd_init, "create the catalogs of a language listed in mkdocs.yml")
    init.add_argument("language", metavar="LANG", help="language code, e.g. en")
    translate = add("translate", cmd_translate,
                    "print a Markdown file translated with a catalog (problems on stderr)")
    translate.add_argument("source", metavar="SOURCE.md", help="the source Markdown file")
    translate.add_argument("--catalog", required=True, metavar="FILE.po",
                           help="catalog made from that file")
    translate.add_argument("--figures", action="store_true",
                           help="replace {{ name }} with figures from docs/_data formatted "
                                "for the catalog's language")
    translate.add_argument("--language", help="language for --figures (default: the "
                                              "catalog's Language header)")
    translate.add_argument("--mark-untranslated", action="store_true",
                           help='wrap untranslated text in <span lang="vi">')
    where = add("where", cmd_where, "print file:line of the source of a message (catalog "
                                    "references name the file only)")
    where.add_argument("text", metavar="TEXT", help="the msgid, or a part of it")
    move = add("move", cmd_move, "carry the catalogs of a page that moved to its new path "
                                 "(`make catalogs` does it when the page kept its messages)")
    move.add_argument("old", metavar="OLD.md", help="the page's old path, e.g. docs/faq.md")
    move.add_argument("new", metavar="NEW.md", help="its new path, e.g. docs/questions.md")
    check_config = add("check-config", cmd_check_config,
                       "check that mkdocs.yml reads (one line if not)")
    check_config.add_argument("--serve-addr", metavar="HOST:PORT",
                              help="also check that `mkdocs serve` can listen there")
    stats = add("stats", cmd_stats, "translated, fuzzy and untranslated messages per language "
                                    "and page")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    check = add("check", cmd_check,
                "fail (status 1) if catalogs are stale or malformed, a translation breaks a "
                "rule, or a page breaks the site's rules (front matter, internal links)")
    check.add_argument("--catalogs-only", action="store_true",
                       help="check the catalogs only, not the pages' front matter and links")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except UsageError as error:
        _print_error(str(error))
        return EXIT_USAGE
    except CatalogError as error:
        _print_error(str(error))
        return EXIT_PROBLEMS
    except BrokenPipeError:  # `mdbabel where ... | head`: the reader had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:  # unreadable page, read-only locales/, full disk...
        where = error.filename or "mdbabel"
        _print_error(f"{where}: {error.strerror or error}; check the path and its permissions")
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
