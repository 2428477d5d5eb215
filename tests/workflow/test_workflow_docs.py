"""CONTRIBUTING.md says true things: its commands, paths, examples and Weblate settings."""

from __future__ import annotations

import re

from mdbabel.site_checks import check_front_matter
from workflow_support import ROOT

TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_make_target_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w-]*):", makefile, re.M))
    used = set(re.findall(r"`?make ([a-z][\w-]*)", TEXT))
    assert {"catalogs", "check", "serve", "site", "stats", "test"} <= used
    assert used <= targets, f"CONTRIBUTING names make targets the Makefile lacks: {used - targets}"


def test_every_mdbabel_command_exists():
    from mdbabel.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse has no API for it
    used = set(re.findall(r"mdbabel (\w+)", TEXT))
    assert used and used <= set(commands), used - set(commands)


def test_weblate_discovery_matches_every_catalog_and_finds_its_template():
    regex = re.search(r"`(locales/\(\?P<language>[^`]+)`", TEXT).group(1)
    template = re.search(r"`(locales/templates/\{\{ component \}\}\.pot)`", TEXT).group(1)
    catalogs = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "locales").glob("*/LC_MESSAGES/**/*.po"))
    assert catalogs, "no catalog in locales/"
    for path in catalogs:
        match = re.fullmatch(regex, path)
        assert match, f"{path} is not matched by the discovery regex {regex}"
        assert match["language"] != "templates"
        pot = ROOT / template.replace("{{ component }}", match["component"])
        assert pot.is_file(), f"{path}: no template {pot.relative_to(ROOT)}"
    # the file mask of a single component names the same files
    mask = "locales/*/LC_MESSAGES/<page>.po"
    assert f"`{mask}`" in TEXT


def test_front_matter_example_passes_the_check():
    example = re.search(r"```yaml\n(---\n.*?\n---\n)```", TEXT, re.S).group(1)
    assert check_front_matter("docs/example.md", example) == []
    assert check_front_matter("docs/example.md", example.replace("reviewed:", "checked:"))


def test_example_paths_and_anchor_exist():
    assert (ROOT / "locales" / "en" / "LC_MESSAGES" / "foreign-workers" / "benefits.po").is_file()
    page = (ROOT / "docs" / "foreign-workers" / "benefits.md").read_text(encoding="utf-8")
    assert "## Quỹ nào trả cho từng chế độ?" in page
    from mdbabel.slugs import slugify

    assert slugify("Quỹ nào trả cho từng chế độ?") == "quy-nao-tra-cho-tung-che-do"
    assert "quy-nao-tra-cho-tung-che-do" in TEXT


def test_exit_statuses_match_the_cli():
    from mdbabel import cli

    assert (cli.EXIT_OK, cli.EXIT_PROBLEMS, cli.EXIT_USAGE) == (0, 1, 2)
    for status in ("| 0 ", "| 1 ", "| 2 "):
        assert status in TEXT


def test_pre_commit_instructions_match_the_config():
    assert ".venv/bin/pip install pre-commit && .venv/bin/pre-commit install" in TEXT
    assert (ROOT / ".pre-commit-config.yaml").is_file()
