"""Build the site twice and compare the two trees byte for byte.

    .venv/bin/python scripts/reproducible_check.py [--root DIR] [--keep]

Both builds use the same SOURCE_DATE_EPOCH (the environment's, else the last commit's
time, else a fixed date) and different PYTHONHASHSEED values, so that anything that
depends on the clock, on set or dict ordering or on the build folder shows up. Prints every
file that differs and exits 1 if any does, 0 if the trees are identical, 2 if a build fails.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FALLBACK_EPOCH = "1764028800"  # 2025-11-25 00:00:00 UTC


def source_date_epoch(root: Path) -> str:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else FALLBACK_EPOCH


def hashes(directory: Path) -> dict[str, str]:
    return {p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def build(root: Path, site: Path, epoch: str, seed: str) -> None:
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, PYTHONHASHSEED=seed, NO_MKDOCS_2_WARNING="1",
               MDBABEL_STRICT="true")
    result = subprocess.run([str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(site)],
                            cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed:\n{result.stderr[-4000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="project folder with mkdocs.yml (default: .)")
    parser.add_argument("--keep", action="store_true", help="keep the two builds and print where they are")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    epoch = source_date_epoch(root)
    work = Path(tempfile.mkdtemp(prefix="reproducible-"))
    try:
        first, second = work / "first", work / "second"
        try:
            build(root, first, epoch, "1")
            build(root, second, epoch, "2")
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 2
        a, b = hashes(first), hashes(second)
        differences = [f"only in the first build: {p}" for p in sorted(a.keys() - b.keys())]
        differences += [f"only in the second build: {p}" for p in sorted(b.keys() - a.keys())]
        differences += [f"differs: {p}" for p in sorted(a.keys() & b.keys()) if a[p] != b[p]]
        for line in differences:
            print(line)
        print(f"{len(a)} files, {len(differences)} difference(s), SOURCE_DATE_EPOCH={epoch}", file=sys.stderr)
        if args.keep:
            print(f"builds kept in {first} and {second}", file=sys.stderr)
        return 1 if differences else 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
