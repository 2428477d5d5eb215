"""Build the site with ProperDocs instead of MkDocs and compare the outputs (`make properdocs-check`).

    .venv/bin/python scripts/properdocs_check.py [--root DIR] [--keep DIR]

MkDocs 1.6.1 is the last MkDocs 1.x and Material for MkDocs ends its life in 2027; ProperDocs
1.6 is the maintained fork of MkDocs 1.6 (same configuration file, it loads the plugins and
themes MkDocs loads). Four builds of the same commit, with the same SOURCE_DATE_EPOCH:

1. ``mkdocs build --strict``                                   (the reference)
2. ``properdocs build --strict -f mkdocs.yml``
3. ``python -m mdbabel.parallel_build --engine properdocs``     (what `make site` runs)
4. ``python -m mdbabel.parallel_build --engine mkdocs``

2, 3 and 4 must equal 1 byte for byte except for the differences listed in ``EXPLAINED``
(each one is counted and printed); 3 must equal 2 exactly. Exits 1 on any other
difference, 2 when a build fails or ProperDocs is not the expected version.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PROPERDOCS_VERSION = "1.6.7"
FALLBACK_EPOCH = "1764028800"  # 2025-11-25 00:00:00 UTC

#: Differences that are expected, with why: (what, pattern of the part that may differ).
EXPLAINED = [
    ("the generator <meta> names the engine: overrides/main.html writes "
     "mkdocs-{{ mkdocs_version }}, which ProperDocs fills with its own name and version",
     re.compile(r'<meta name="generator" content="mkdocs-[^"]*">')),
]


def source_date_epoch(root: Path) -> str:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else FALLBACK_EPOCH


def build(name: str, command: list[str], root: Path, epoch: str) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1", MDBABEL_STRICT="true",
               PYTHONHASHSEED="0", DISABLE_MKDOCS_2_WARNING="true")
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-6000:])
        raise SystemExit(f"properdocs-check: the {name} build failed (exit {result.returncode}): "
                         f"{' '.join(command)}")
    print(f"built: {name}")


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _same_but_explained(left: bytes, right: bytes) -> bool:
    """Whether two versions of an HTML page differ only by the EXPLAINED parts."""
    a, b = left.decode("utf-8"), right.decode("utf-8")
    for _why, pattern in EXPLAINED:
        a, b = pattern.sub("", a), pattern.sub("", b)
    return a == b


def _manifest_follows(path: str, left: bytes, right: bytes, reference: dict[str, bytes],
                      other: dict[str, bytes]) -> bool:
    """Whether *path* is an offline manifest whose only differences are the hashes (and the
    version digest made of them) of pages that differ by an explained part only."""
    if not (path.endswith(".json") and "offline/" in path):
        return False
    try:
        a, b = json.loads(left), json.loads(right)
    except ValueError:
        return False
    if not (isinstance(a, dict) and isinstance(b, dict)) or a.keys() != b.keys():
        return False
    files_a, files_b = a.get("files", {}), b.get("files", {})
    if files_a.keys() != files_b.keys():
        return False
    for name, digest in files_a.items():  # (paths from the site's root)
        if digest == files_b[name]:
            continue
        if not (name.endswith(".html") and name in reference and name in other
                and _same_but_explained(reference[name], other[name])):
            return False
    return all(a[key] == b[key] for key in a if key not in ("files", "version"))


def compare(reference: dict[str, bytes], other: dict[str, bytes], *,
            explained: bool) -> tuple[list[str], dict[str, int]]:
    """(unexplained differences, {explanation: number of files}) between two builds."""
    problems = [f"only in the reference: {p}" for p in sorted(reference.keys() - other.keys())]
    problems += [f"only in the other build: {p}" for p in sorted(other.keys() - reference.keys())]
    counts: dict[str, int] = {}
    for path in sorted(reference.keys() & other.keys()):
        left, right = reference[path], other[path]
        if left == right:
            continue
        if explained and _manifest_follows(path, left, right, reference, other):
            why = "an offline manifest (mdbabel.offline) lists the hashes of those pages"
            counts[why] = counts.get(why, 0) + 1
            continue
        if explained and path.endswith(".html"):
            a, b = left.decode("utf-8"), right.decode("utf-8")
            for why, pattern in EXPLAINED:
                if pattern.sub("", a) != a:
                    a, b = pattern.sub("", a), pattern.sub("", b)
                    counts[why] = counts.get(why, 0) + 1
            if a == b:
                continue
            diff = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
            first = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")][:4]
            problems.append(f"differs: {path}: " + " | ".join(first))
        else:
            problems.append(f"differs: {path}")
    return problems, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="the project (with mkdocs.yml)")
    parser.add_argument("--keep", help="write the four sites into this folder and keep them")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    try:
        found = version("properdocs")
    except PackageNotFoundError:
        print("properdocs-check: ProperDocs is not installed; run `make setup`", file=sys.stderr)
        return 2
    if found != PROPERDOCS_VERSION:
        print(f"properdocs-check: ProperDocs {found} is installed, this check is for "
              f"{PROPERDOCS_VERSION}; run `make setup` (requirements/lock.txt)", file=sys.stderr)
        return 2
    bin_dir = Path(sys.executable).parent
    out = Path(args.keep).resolve() if args.keep else Path(tempfile.mkdtemp(prefix="properdocs-check-"))
    out.mkdir(parents=True, exist_ok=True)
    epoch = source_date_epoch(root)
    sites = {name: out / name for name in ("mkdocs", "properdocs", "properdocs-parallel", "mkdocs-parallel")}
    try:
        for _name, site in sites.items():
            shutil.rmtree(site, ignore_errors=True)
        build("mkdocs", [str(bin_dir / "mkdocs"), "build", "--strict", "-q", "-d", str(sites["mkdocs"])],
              root, epoch)
        build("properdocs", [str(bin_dir / "properdocs"), "build", "--strict", "-q", "-f", "mkdocs.yml",
                             "-d", str(sites["properdocs"])], root, epoch)
        for engine in ("properdocs", "mkdocs"):
            build(f"{engine}-parallel", [sys.executable, "-m", "mdbabel.parallel_build", "--engine", engine,
                                         "--site-dir", str(sites[f"{engine}-parallel"])], root, epoch)
        reference = files(sites["mkdocs"])
        failed = False
        for name, explained in (("properdocs", True), ("properdocs-parallel", True),
                                ("mkdocs-parallel", False)):
            problems, counts = compare(reference, files(sites[name]), explained=explained)
            print(f"{name} vs mkdocs: {len(reference)} files, "
                  f"{sum(counts.values())} with explained differences, {len(problems)} other")
            for why, count in counts.items():
                print(f"  explained ({count} files): {why}")
            for problem in problems:
                print(f"  {problem}")
            failed |= bool(problems)
        problems, _ = compare(files(sites["properdocs"]), files(sites["properdocs-parallel"]), explained=False)
        print(f"properdocs-parallel vs properdocs: {len(problems)} differences")
        for problem in problems:
            print(f"  {problem}")
        failed |= bool(problems)
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
    print("properdocs-check: " + ("FAILED" if failed else f"ProperDocs {found} builds the same site"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
