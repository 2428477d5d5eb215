"""Guard rail: the built site and the catalogs, byte for byte, against a recorded record.

    .venv/bin/python scripts/guard_rail.py                    # compare      (make guard)
    .venv/bin/python scripts/guard_rail.py --record           # write record (make guard-record)
    .venv/bin/python scripts/guard_rail.py --if-inputs-match  # CI: compare only when the
                                                              # inputs are those of the record

The inputs (docs/, locales/, overrides/, mkdocs.yml) are copied into a temporary folder;
there ``mdbabel update`` runs (extract, merge and the PO writer, without the update cache)
and the site is built the way ``make site`` builds it (``mdbabel.parallel_build``, strict,
fixed SOURCE_DATE_EPOCH, no build cache). The SHA-256 of every file of the built site and of
every catalog after the update is compared with the record ``dev/guard-rail.sha256``
(sorted, one ``<sha256>  <path>`` line per file; ``#`` lines: the digest of the inputs).

Same inputs, other bytes: the code changed the output (a refactor that does so is a bug).
Other inputs: a content edit; check that the differences are the edit's, run
``make guard-record`` and commit the record with the edit. For text files the first lines
that differ are shown when a copy of the recorded outputs is at hand (``.cache/guard-rail/``,
kept by ``--record`` and by a passing comparison; for a catalog, the catalog itself).

Exit status: 0 identical (or skipped by --if-inputs-match), 1 differences, 2 no record or a
failed build. See dev/decisions/guard-rail.md.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

#: Fixed build date: the output must not depend on when or from which commit it is built.
EPOCH = "1764028800"  # 2025-11-25 00:00:00 UTC
RECORD = Path("dev/guard-rail.sha256")
#: What the site and the catalogs are made from (besides the code).
INPUTS = ("docs", "locales", "overrides", "mkdocs.yml")
#: A copy of the recorded outputs, for the diffs (not versioned: .cache/ is ignored).
REFERENCE = Path(".cache/guard-rail/reference")
CATALOG_SUFFIXES = (".po", ".pot")
DIFF_LINES = 12
DIFF_FILES = 10  # files shown with a diff; the others by path only


class GuardError(Exception):
    """The guard cannot compare (no record, a failed build); one line for the user."""


# --------------------------------------------------------------------------- inputs


def input_files(root: Path) -> list[str]:
    """The input files, relative to *root*, sorted: what git would commit (tracked or not
    ignored), else every file under the input folders."""
    try:
        result = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard",
                                 "--", *INPUTS], cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        result = None
    if result is not None and result.returncode == 0:
        names = {name for name in result.stdout.decode("utf-8").split("\0") if name}
        return sorted(name for name in names if (root / name).is_file())
    found = []
    for name in INPUTS:
        path = root / name
        if path.is_file():
            found.append(name)
        elif path.is_dir():
            found += [p.relative_to(root).as_posix() for p in path.rglob("*")
                      if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".mo"]
    return sorted(found)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inputs_digest(root: Path, files: Iterable[str] | None = None) -> str:
    """One digest of the input files: their paths and their bytes."""
    digest = hashlib.sha256()
    for name in files if files is not None else input_files(root):
        digest.update(f"{name}\0{file_digest(root / name)}\n".encode())
    return digest.hexdigest()


# --------------------------------------------------------------------------- outputs


def tree_hashes(directory: Path, prefix: str, suffixes: tuple[str, ...] | None = None) -> dict[str, str]:
    """``{prefix/relative path: sha256}`` of the files under *directory*."""
    return {f"{prefix}/{p.relative_to(directory).as_posix()}": file_digest(p)
            for p in sorted(directory.rglob("*"))
            if p.is_file() and (suffixes is None or p.name.endswith(suffixes))}


def outputs(site: Path, locales: Path) -> dict[str, str]:
    return {**tree_hashes(site, "site"), **tree_hashes(locales, "locales", CATALOG_SUFFIXES)}


def build(root: Path, work: Path) -> tuple[Path, Path]:
    """Copy the inputs of *root* into *work*, update the catalogs there and build the site;
    return (site folder, locales folder)."""
    project = work / "project"
    for name in input_files(root):
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL",)}
    env.update(SOURCE_DATE_EPOCH=EPOCH, MDBABEL_STRICT="true", NO_MKDOCS_2_WARNING="1",
               PYTHONHASHSEED="0")
    site = work / "site"
    steps = (
        ("mdbabel update", [sys.executable, "-c", "import sys; from mdbabel.cli import main; "
                            "sys.exit(main(['update']))"]),
        ("site build", [sys.executable, "-m", "mdbabel.parallel_build", "--config-file",
                        "mkdocs.yml", "--site-dir", str(site)]),
    )
    for name, command in steps:
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise GuardError(f"guard rail: the {name} failed (exit {result.returncode}):\n"
                             f"{result.stderr[-4000:]}")
    return site, project / "locales"


# --------------------------------------------------------------------------- record


def write_record(path: Path, hashes: dict[str, str], digest: str) -> None:
    lines = [
        "# mdbabel guard rail: SHA-256 of every file of the built site and every catalog.",
        "# Compare: make guard. Rewrite after a content edit: make guard-record (commit it with",
        "# the edit). See dev/decisions/guard-rail.md.",
        f"# inputs {digest}",
        f"# SOURCE_DATE_EPOCH {EPOCH}",
        *(f"{hashes[name]}  {name}" for name in sorted(hashes)),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_record(path: Path) -> tuple[dict[str, str], str | None]:
    """(hashes, input digest) of a record."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GuardError(f"{path}: no record; run `make guard-record` and commit it") from None
    hashes: dict[str, str] = {}
    digest = None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("# inputs "):
            digest = line.split()[-1]
        elif line and not line.startswith("#"):
            value, sep, name = line.partition("  ")
            if not sep or len(value) != 64:
                raise GuardError(f"{path}:{number}: not a '<sha256>  <path>' line; "
                                 "run `make guard-record` to write the record again")
            hashes[name] = value
    return hashes, digest


def keep_reference(root: Path, site: Path, locales: Path) -> None:
    """Keep a copy of outputs equal to the record, for the diffs of a later comparison."""
    reference = root / REFERENCE
    try:
        shutil.rmtree(reference, ignore_errors=True)
        shutil.copytree(site, reference / "site")
        shutil.copytree(locales, reference / "locales")
    except OSError:
        pass  # only the diffs are lost


# --------------------------------------------------------------------------- compare


def differences(recorded: dict[str, str], current: dict[str, str]) -> list[tuple[str, str]]:
    """(kind, path) for each file missing, extra or different, sorted by path."""
    found = [("missing", name) for name in recorded.keys() - current.keys()]
    found += [("extra", name) for name in current.keys() - recorded.keys()]
    found += [("differs", name) for name in recorded.keys() & current.keys()
              if recorded[name] != current[name]]
    return sorted(found, key=lambda item: item[1])


def _text(path: Path) -> list[str] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return None


def short_diff(name: str, recorded_hash: str, current: Path, root: Path) -> list[str]:
    """The first lines of a unified diff between the recorded version of *name* (if a copy
    of it is at hand) and *current*."""
    candidates = [root / REFERENCE / name]
    if name.startswith("locales/"):
        candidates.append(root / name)  # the catalog as committed: usually what was recorded
    old = next((p for p in candidates if p.is_file() and file_digest(p) == recorded_hash), None)
    if old is None:
        return ["    (no copy of the recorded version at hand: run `make guard-record` on the "
                "reference commit to see diffs)"]
    before, after = _text(old), _text(current)
    if before is None or after is None:
        return ["    (binary file)"]
    lines = list(difflib.unified_diff(before, after, f"recorded/{name}", f"built/{name}",
                                      n=1, lineterm=""))
    shown = [f"    {line[:200]}" for line in lines[:DIFF_LINES]]
    if len(lines) > DIFF_LINES:
        shown.append(f"    ... ({len(lines) - DIFF_LINES} more diff lines)")
    return shown


def report(found: list[tuple[str, str]], recorded: dict[str, str], current_dirs: dict[str, Path],
           root: Path, same_inputs: bool) -> list[str]:
    out = []
    shown = 0
    for kind, name in found:
        out.append(f"{kind}: {name}")
        if kind == "differs" and shown < DIFF_FILES:
            shown += 1
            top, _, rest = name.partition("/")
            out += short_diff(name, recorded[name], current_dirs[top] / rest, root)
    if same_inputs:
        out.append(f"{len(found)} difference(s) with the inputs of the record: the code changed "
                   "the output. A refactor must not (a bug); a change meant to alter the output "
                   "explains each difference in its commit and runs `make guard-record`.")
    else:
        out.append(f"{len(found)} difference(s), and the inputs (docs/, locales/, overrides/, "
                   "mkdocs.yml) differ from the record's: if they are what your edit makes, run "
                   "`make guard-record` and commit dev/guard-rail.sha256 with the edit.")
    return out


def compare(root: Path, record: Path, *, site: Path, locales: Path, digest: str,
            keep: bool = True) -> tuple[int, list[str]]:
    """(exit status, lines to print) of comparing built outputs with the record."""
    recorded, recorded_digest = read_record(record)
    current = outputs(site, locales)
    found = differences(recorded, current)
    if not found:
        if keep:
            keep_reference(root, site, locales)
        return 0, [f"guard rail: {len(current)} files identical to {record.name}"]
    return 1, report(found, recorded, {"site": site, "locales": locales}, root,
                     recorded_digest == digest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guard_rail.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="project folder with mkdocs.yml (default: .)")
    parser.add_argument("--record", action="store_true", help="write the record instead of comparing")
    parser.add_argument("--if-inputs-match", action="store_true",
                        help="compare only when the inputs are those of the record (CI)")
    parser.add_argument("--record-file", default=None, help=f"default: <root>/{RECORD}")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    record = Path(args.record_file) if args.record_file else root / RECORD
    files = input_files(root)
    digest = inputs_digest(root, files)
    try:
        if not args.record:
            recorded_digest = read_record(record)[1]  # no record: say so before building
            if args.if_inputs_match and recorded_digest != digest:
                print("guard rail: skipped, the inputs differ from the record's (a content edit "
                      "not re-recorded: run `make guard-record` and commit the record)")
                return 0
        with tempfile.TemporaryDirectory(prefix="guard-rail-") as work:
            site, locales = build(root, Path(work))
            if args.record:
                hashes = outputs(site, locales)
                write_record(record, hashes, digest)
                keep_reference(root, site, locales)
                print(f"guard rail: recorded {len(hashes)} files in {record}")
                return 0
            status, lines = compare(root, record, site=site, locales=locales, digest=digest)
    except GuardError as error:
        print(error, file=sys.stderr)
        return 2
    print("\n".join(lines), file=sys.stdout if status == 0 else sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
