"""How the benchmark measures (``scripts/benchmark.py``): a command's wall time, CPU time
and peak memory (:func:`measure`, :class:`Run`, :class:`Series`), a build of a corpus with
one process per language (:func:`parallel_build`) and the files two builds differ in."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BENCHMARK = ROOT / "scripts" / "benchmark.py"  # it builds one language when asked (parallel_build)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MDBABEL_STRICT": "true",
       "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass
class Run:
    wall: float      # seconds
    cpu: float       # user + system seconds of the process (and its children)
    peak_mb: float   # maximum resident set size
    parts: tuple[float, ...] = ()  # CPU of each process of a parallel build


@dataclass
class Series:
    runs: list[Run] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs)

    @property
    def wall(self) -> float:
        return self.median("wall")

    @property
    def cpu(self) -> float:
        return self.median("cpu")

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)


# GNU time measures the process it starts itself: a child forked from this (large) process
# would report this process's memory as its own peak (Linux keeps the high-water mark
# across exec).
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def _start(command: list[str], cwd: Path, env: dict | None = None):
    report = None
    if GNU_TIME:
        handle, name = tempfile.mkstemp(prefix="bench-time-")
        os.close(handle)
        report = Path(name)
        command = [GNU_TIME, "-f", "%U %S %M", "-o", str(report), *command]
    process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    return process, report


def _finish(process, report: Path | None) -> tuple[int, bytes, float, float]:
    """(exit status, output, CPU seconds, peak MB) of a process from :func:`_start`."""
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    cpu, peak = usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024
    if report is not None:
        try:
            user, system, kb = report.read_text().split("\n")[-2].split()
            cpu, peak = float(user) + float(system), int(kb) / 1024
        except (OSError, ValueError, IndexError):
            pass
        report.unlink(missing_ok=True)
    return code, output, cpu, peak


def measure(command: list[str], cwd: Path, *, env: dict | None = None) -> Run:
    """Run *command*, fail loudly on a non-zero exit, return its wall/CPU time and peak RSS."""
    start = time.perf_counter()
    code, output, cpu, peak = _finish(*_start(command, cwd, env))
    wall = time.perf_counter() - start
    if code:
        sys.stderr.write(output.decode("utf-8", "replace")[-4000:])
        raise SystemExit(f"benchmark: {' '.join(command)} failed in {cwd} (exit status {code})")
    return Run(wall, cpu, peak)


def byte_compile_package() -> None:
    """Write the bytecode of the mdbabel package, as pip does for every library it installs.

    The package is installed in editable mode, and with ``PYTHONDONTWRITEBYTECODE`` (set in
    ``ENV``, and on some machines for everything) Python would compile its sources again in
    every build process (about 0.14 s), while MkDocs, Material and Babel load theirs from
    bytecode: the comparison would count that against our layer. An outdated ``.pyc`` is
    never used (Python checks the source's time and size).
    """
    import compileall

    compileall.compile_dir(str(ROOT / "scripts" / "mdbabel"), quiet=1)


def forget_translations(project: Path) -> None:
    """Remove what an earlier build kept: its page translations (mdbabel.build_cache) and
    its compiled templates (mdbabel.template_cache). The next build is cold, as in a fresh
    clone."""
    from mdbabel.build_cache import CACHE_FILE
    from mdbabel.template_cache import TEMPLATE_CACHE_DIR

    (project / CACHE_FILE).unlink(missing_ok=True)
    shutil.rmtree(project / TEMPLATE_CACHE_DIR, ignore_errors=True)


def build_command(site_dir: Path) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir)]


# ----------------------------------------------------------------------------- one build per language


# build_one_language: mdbabel.parallel_build (what `make site` runs), imported where used.


def parallel_build(project: Path, site_dir: Path, languages: list[str]) -> Run:
    """One process per language into one site_dir; wall of the whole, CPU summed,
    peak memory of the largest process."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.mkdir(parents=True)
    start = time.perf_counter()
    started = [_start([sys.executable, str(BENCHMARK), "--build-one-language", language,
                       "--config", str(project / "mkdocs.yml"), "--site-dir", str(site_dir)],
                      project)
               for language in languages]
    parts, peak, failed = [], 0.0, []
    for process, report in started:
        code, output, cpu, memory = _finish(process, report)
        parts.append(cpu)
        peak = max(peak, memory)
        if code:
            failed.append(output.decode("utf-8", "replace")[-3000:])
    if failed:
        raise SystemExit("benchmark: parallel build failed:\n" + "\n".join(failed))
    return Run(time.perf_counter() - start, sum(parts), peak, tuple(parts))


def differing_files(left: Path, right: Path) -> list[str]:
    """Relative paths whose bytes differ (or exist on one side only)."""
    def listing(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}

    a, b = listing(left), listing(right)
    differ = sorted(set(a) ^ set(b))
    for name in sorted(set(a) & set(b)):
        if a[name].read_bytes() != b[name].read_bytes():
            differ.append(name)
    return differ
