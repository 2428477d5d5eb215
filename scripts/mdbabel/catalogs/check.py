"""``mdbabel check`` for catalogs: everything wrong with them, one line each.

Owns :func:`check_project` (malformed catalogs, catalogs an update would change, catalogs of
removed pages, and translations that break a rule of :mod:`mdbabel.checks`),
:func:`check_interface_translation` (the rules for ``_site`` strings, also used by the site
build) and the gettext rules ``msgfmt --check`` applies to line breaks. Findings are
:class:`mdbabel.problems.Problem` lines, ``file:line: what; fix``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import checks
from ..po.entries import active_messages, has_translation, key_of
from ..po.read import PoFile
from ..problems import Problem
from ..project import (SITE_DOMAIN, SiteConfig, catalog_files, catalog_folder, domain_of,
                       read_text_file, templates_folder)
from ..translate import translate_markdown
from .moves import detect_moves
from .translations import make_lookup, translations_of
from .update import plan_update

__all__ = ["CheckReport", "check_project", "check_interface_translation"]


@dataclass
class CheckReport:
    """Result of :func:`check_project`: problems fail the check, notices do not."""

    problems: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def check_project(config: SiteConfig) -> CheckReport:
    """Everything wrong with the catalogs of a site, as ``file:line: what; how to fix`` texts:

    malformed catalogs, catalogs out of date with the sources (``make catalogs`` would change
    them), and translations that break a rule of :mod:`mdbabel.checks` (dropped link, code,
    placeholder...). Catalogs of removed pages are notices.
    """
    report = CheckReport()
    moves = detect_moves(config)
    plan = plan_update(config, malformed=report.problems, moves=moves)
    moved_from = {move.old: move.new for move in moves}
    for write in plan.content_changes:
        if write.text is None:
            domain = domain_of(write.path, templates_folder(config.locales_path))
            where = f"; it carries the messages of {config.docs_dir}/{moved_from[domain]}.md" \
                if domain in moved_from else ""
            problem = Problem(write.shown, None, f"template of a page that no longer exists{where}",
                              "run `make catalogs`")
        elif write.created:
            problem = Problem(write.shown, None, "missing", "run `make catalogs`")
        else:
            problem = Problem(write.shown, None, "out of date with the sources", "run `make catalogs`")
        report.problems.append(str(problem))
    # a catalog without a page is an error: its translations reach no page
    report.problems.extend(plan.orphaned)
    report.problems.extend(_translations_left_behind(config, plan.writes))
    report.problems.extend(_stray_catalogs(config))
    for write in plan.writes:
        po = write.existing  # each catalog is read once, by the update plan
        if po is None:
            continue
        report.problems.extend(map(str, _gettext_rule_problems(po)))
        translations = translations_of(po)
        if write.domain == SITE_DOMAIN:
            for (_context, msgid), translation in translations.items():
                found = check_interface_translation(msgid, translation.text, translation.reorder,
                                                    write.language)
                report.problems.extend(f"{translation.origin}: {p}" for p in found)
            continue
        page = config.docs_path / f"{write.domain}.md"
        result = translate_markdown(read_text_file(page, config.shown(page)),
                                    make_lookup(translations),
                                    source_lang=config.source_language, mark_untranslated=False,
                                    language=write.language)
        report.problems.extend(result.problems)
    return report


def _translations_left_behind(config: SiteConfig, writes: list) -> list[str]:
    """A page catalog whose untranslated messages (two or more, and at least half of them)
    have their translations kept as obsolete entries of another page's catalog: text moved
    there from that page (the page moved and left a short page at its old path, was split,
    or a section moved). It is shown untranslated while its translations sit unused;
    ``mdbabel move`` copies them."""
    problems = []
    by_language: dict[str | None, list] = {}
    for write in writes:
        if write.existing is not None and write.language and write.domain != SITE_DOMAIN:
            by_language.setdefault(write.language, []).append(write)
    for catalogs_of_language in by_language.values():
        kept: dict[tuple, set[str]] = {}   # key of an obsolete translation -> domains keeping it
        for write in catalogs_of_language:
            for message in write.existing.catalog.obsolete.values():
                if has_translation(message):
                    kept.setdefault(key_of(message), set()).add(write.domain)
        for write in catalogs_of_language:
            active = active_messages(write.existing.catalog)
            counts: dict[str, int] = {}
            for message in active:
                if not has_translation(message):
                    for domain in kept.get(key_of(message), ()):
                        if domain != write.domain:
                            counts[domain] = counts.get(domain, 0) + 1
            if not counts:
                continue
            count, domain = max((count, domain) for domain, count in counts.items())
            untranslated = sum(1 for message in active if not has_translation(message))
            if count >= 2 and count >= untranslated / 2:
                source = config.catalog_path(write.language, domain)
                problems.append(str(Problem(
                    write.shown, None,
                    f"{count} of its {len(active)} messages are untranslated here while "
                    f"{config.shown(source)} keeps their translations as obsolete entries (text "
                    f"moved from {config.docs_dir}/{domain}.md?)",
                    f"run `mdbabel move {config.docs_dir}/{domain}.md {config.docs_dir}/"
                    f"{write.domain}.md` to copy them")))
    return problems


def _stray_catalogs(config: SiteConfig) -> list[str]:
    """A ``.po`` of a listed language outside its ``<lang>/LC_MESSAGES/`` folder (saved one
    folder off, ``locales/en/faq.po``): no tool reads it, and its translations reach no page."""
    locales = config.locales_path
    if not locales.is_dir():
        return []
    problems = []
    for language in config.languages:
        folder = locales / language
        if not folder.is_dir():
            continue
        inside = catalog_folder(locales, language)
        for path in catalog_files(folder, ".po"):
            if inside in path.parents:
                continue
            relative = path.relative_to(folder)
            problems.append(str(Problem(
                config.shown(path), None, "not in the catalog folder, so no tool reads it and its "
                "translations reach no page",
                f"move it to {config.shown(inside / relative)} (if that catalog exists, copy "
                "its translations into it instead)")))
    return problems


def check_interface_translation(msgid: str, msgstr: str, reorder: bool = False,
                                language: str | None = None) -> list[str]:
    """Problems of a ``_site`` translation (nav label, template or plugin string): the rules
    of :mod:`mdbabel.checks` plus its ``%(name)s`` placeholders (the same ones, and no other
    ``%`` than ``%%``). Used by ``mdbabel check`` and by the site build."""
    return checks.check_translation(msgid, msgstr, "interface", reorder=reorder,
                                    language=language) \
        + _format_problems(msgid, msgstr)


_NAMED_FORMAT = re.compile(r"%\([A-Za-z_]\w*\)[-#0 +]?\d*(?:\.\d+)?[diouxXeEfFgGcrs]")
_NAMED_SPEC = re.compile(r"%\(([A-Za-z_]\w*)\)[-#0 +]?\d*(?:\.\d+)?([diouxXeEfFgGcrs])")


def _format_problems(msgid: str, msgstr: str) -> list[str]:
    """Interface strings are filled in with ``%(name)s`` by the site: keep each one, and
    nothing else that ``%`` would read as a placeholder.

    (Catalogs carry no ``python-format`` flag, so ``msgfmt --check-format`` cannot see this.)
    """
    wanted, written = sorted(_NAMED_FORMAT.findall(msgid)), sorted(_NAMED_FORMAT.findall(msgstr))
    if wanted == written:
        return _percent_problems(msgid, msgstr)
    missing = sorted(set(wanted) - set(written)) or sorted(set(written) - set(wanted))
    return [f"translation changes the placeholders {', '.join(missing)}; keep exactly "
            f"{', '.join(wanted) or 'none'} (the site fills them in)"]


def _percent_problems(msgid: str, msgstr: str) -> list[str]:
    """A ``%`` in the translation that is neither ``%%`` nor a placeholder of the msgid.

    The site fills in interface strings with ``text % values`` (the plugin's sentences, and
    the templates' ``_()``, which Jinja's new-style gettext formats even without values), so
    such a ``%`` stops the build with a traceback (``100% done``: "unsupported format
    character"), or prints the values (``%s``). Judged when the msgid is a format string (no
    such ``%`` of its own). Read, never run: ``"%9999999999s" % values`` asks for 10 GB (the
    values are a mapping, which ``%s`` prints), in the check itself."""
    if "%" not in msgstr or _stray_percent(msgid) is not None:
        return []  # no % to judge, or a msgid the site never formats
    at = _stray_percent(msgstr)
    if at is None:
        return []
    return [f'translation has a % that is not a placeholder ("{msgstr[at:at + 12]}"); write %% '
            "for a percent sign"]


def _stray_percent(text: str) -> int | None:
    """Where *text* has a ``%`` that is neither ``%%`` nor a named placeholder, as Python's
    ``%`` operator reads it from left to right; None when it has none."""
    position = text.find("%")
    while position >= 0:
        if text.startswith("%%", position):
            position = text.find("%", position + 2)
            continue
        named = _NAMED_FORMAT.match(text, position)
        if named is None:
            return position
        position = text.find("%", named.end())
    return None


def _gettext_rule_problems(po: PoFile) -> list[Problem]:
    """What ``msgfmt --check`` would reject in a translation: a line break at the start or
    end of the msgstr that the msgid does not have (or the other way round)."""
    problems = []
    for message in active_messages(po.catalog):
        if not has_translation(message) or not isinstance(message.id, str):
            continue
        line = po.msgstr_lines.get(key_of(message), message.lineno)
        for end, test in (("start", str.startswith), ("end", str.endswith)):
            if test(message.id, "\n") != test(message.string, "\n"):
                need = "must" if test(message.id, "\n") else "must not"
                problems.append(Problem(po.shown, line, f"the translation {need} {end} with a line "
                                        "break, like the source text", "fix the msgstr"))
    return problems
