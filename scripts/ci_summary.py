"""Translation status of a pull request, in Markdown, for the CI job summary.

    .venv/bin/python scripts/ci_summary.py --base origin/main >> "$GITHUB_STEP_SUMMARY"

Prints, per target language, the share of translated messages and a table per catalog
(from ``mdbabel stats --json``), then what changed in ``locales/`` against the base
branch, per language: ``git diff --shortstat`` plus the change in translated, fuzzy and
all messages of the changed catalogs. Exit status 0, or 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path


def stats_markdown(stats: dict) -> list[str]:
    """Markdown for the output of ``mdbabel stats --json``."""
    if not stats:
        return ["No target language in mkdocs.yml.", ""]
    lines = []
    for language, data in stats.items():
        total = data["total"]
        lines += [
            f"### `{language}`: {total['translated_share']:.0%} translated",
            "",
            f"{total['translated']} of {total['total']} messages translated, {total['fuzzy']} fuzzy "
            f"(source changed, needs review), {total['untranslated']} untranslated.",
            "",
            "| catalog | translated | fuzzy | untranslated | share |",
            "|---|--:|--:|--:|--:|",
        ]
        for domain, s in data["domains"].items():
            lines.append(f"| `{domain}` | {s['translated']} | {s['fuzzy']} | {s['untranslated']} "
                         f"| {s['translated_share']:.0%} |")
        lines.append("")
    return lines


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def _counts(data: bytes | None) -> tuple[int, int, int]:
    """(translated, fuzzy, total) active messages of a PO file's bytes (zeros for none)."""
    if data is None:
        return 0, 0, 0
    from io import StringIO

    from babel.messages.pofile import PoFileError, read_po

    from mdbabel.textnorm import decode_normal

    try:
        # in the normal form (LF, NFC), as every reader of the project reads a catalog
        catalog = read_po(StringIO(decode_normal(data)), abort_invalid=False)
    except (ValueError, LookupError, PoFileError, UnicodeDecodeError):  # malformed: reported by `make check`
        return 0, 0, 0
    translated = fuzzy = total = 0
    for message in catalog:
        if not message.id:
            continue
        total += 1
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated += 1
    return translated, fuzzy, total


def _message_delta(root: Path, base: str, folder: str) -> str:
    """"; translated +3, fuzzy -1" for the changed catalogs of *folder* against *base*."""
    names = _git(root, "diff", "--name-only", base, "--", folder).stdout.split()
    before = [0, 0, 0]
    after = [0, 0, 0]
    for name in names:
        if not name.endswith(".po"):
            continue
        old = subprocess.run(["git", "show", f"{base}:{name}"], cwd=root, capture_output=True)
        new_path = root / name
        for total, data in ((before, old.stdout if old.returncode == 0 else None),
                            (after, new_path.read_bytes() if new_path.is_file() else None)):
            for index, value in enumerate(_counts(data)):
                total[index] += value
    parts = []
    for label, index in (("translated", 0), ("fuzzy", 1), ("messages", 2)):
        difference = after[index] - before[index]
        if difference:
            parts.append(f"{label} {difference:+d}")
    return "; " + ", ".join(parts) if parts else ""


def changes_markdown(root: Path, base: str, locales_dir: str = "locales") -> list[str]:
    """Per-language ``git diff --stat`` of the catalogs against *base*."""
    lines = [f"## Catalog changes against `{base}`", ""]
    if _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode != 0:
        return lines + [f"`{base}` is not available here (fetch it with `git fetch origin`).", ""]
    locales = root / locales_dir
    languages = sorted(p.name for p in locales.iterdir() if p.is_dir()) if locales.is_dir() else []
    # languages removed in this branch only exist on the base
    listed = _git(root, "ls-tree", "-d", "--name-only", f"{base}:{locales_dir}")
    if listed.returncode == 0:
        languages = sorted(set(languages) | set(listed.stdout.split()))
    changed = []
    for language in languages:
        result = _git(root, "diff", "--shortstat", base, "--", f"{locales_dir}/{language}/")
        summary = result.stdout.strip()
        if summary:
            name = "templates (.pot)" if language == "templates" else f"`{language}`"
            delta = "" if language == "templates" else _message_delta(root, base, f"{locales_dir}/{language}/")
            changed.append(f"- {name}: {summary}{delta}")
    if not changed:
        return lines + ["No catalog changed.", ""]
    detail = _git(root, "diff", "--stat=120", base, "--", f"{locales_dir}/").stdout.rstrip()
    return lines + changed + ["", "<details><summary>Files</summary>", "", "```", detail, "```", "",
                              "</details>", ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="project folder (default: .)")
    parser.add_argument("--base", help="git ref to compare locales/ with, e.g. origin/main")
    parser.add_argument("--mdbabel", default=str(Path(sys.executable).parent / "mdbabel"),
                        help="the mdbabel command (default: next to this Python)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    out = ["## Translation status", ""]
    result = subprocess.run([args.mdbabel, "stats", "--json"], cwd=root, capture_output=True, text=True)
    if result.returncode == 0:
        out += stats_markdown(json.loads(result.stdout))
    else:
        out += ["`mdbabel stats` failed:", "", "```", (result.stderr or result.stdout).strip(), "```", ""]
    if args.base:
        out += changes_markdown(root, args.base)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
