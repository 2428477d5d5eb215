"""dev/architecture.md stays a map a newcomer can trust: it names every module of the package,
every `mdbabel` command and every make target (read from the code, not from a list here)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from mdbabel import cli

ROOT = Path(__file__).resolve().parents[2]
ARCHITECTURE = (ROOT / "dev" / "architecture.md").read_text(encoding="utf-8")


def test_every_module_of_the_package_is_on_the_map():
    package = ROOT / "scripts" / "mdbabel"
    modules = sorted(p.relative_to(package).as_posix() for p in package.rglob("*.py")
                     if p.name != "__init__.py")
    assert modules
    missing = [m for m in modules if f"`{m}`" not in ARCHITECTURE]
    assert not missing, f"dev/architecture.md does not name: {missing}"


def test_every_mdbabel_command_says_where_it_goes():
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert commands.choices
    for name in commands.choices:
        function = name.replace('-', '_')
        assert re.search(rf"^\| `mdbabel {name}\b[^|]*` \| `cli\.cmd_{function}`", ARCHITECTURE, re.M), name


def test_every_make_target_is_on_the_map():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split()
    documented = set(re.findall(r"`make ([\w-]+)`", ARCHITECTURE))
    missing = sorted(set(targets) - documented - {"help", "setup", "clean"})
    assert not missing, f"dev/architecture.md does not name: {missing}"


def test_the_decisions_listed_exist():
    index = (ROOT / "dev" / "decisions" / "README.md").read_text(encoding="utf-8")
    linked = re.findall(r"\]\(([\w-]+\.md)\)", index)
    on_disk = {p.name for p in (ROOT / "dev" / "decisions").glob("*.md")} - {"README.md"}
    assert linked and set(linked) == on_disk
