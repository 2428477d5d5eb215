"""An editor changes a figure and a new language is added as README says: the suite's
assertions about the real site still hold.

A copy of the repository gets a new value for a figure in docs/_data/figures.yml and a new
language (one entry in mkdocs.yml, `mdbabel init LANG`, `make catalogs`); then test modules
that read the real site (figures from docs/_data, languages from mkdocs.yml, through
tests/repo_data.py) run against the copy (MDBABEL_TEST_REPO) and must pass. They build the
site (three languages, one of them a preview) and check hreflang, sitemap, 404 pages, search
indexes, catalogs, the parallel build and, in Chromium, that Vietnamese text on the new
language's pages carries lang="vi".
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from mdbabel import figures as figures_module
from mdbabel.catalogs import load_site_config
from mdbabel.languages import site_states
from workflow_support import copy_project, run, tool

pytestmark = pytest.mark.slow

TESTS = Path(__file__).resolve().parents[1]
#: Modules that read the repository under test; fast, with one site build (and the parallel one).
MODULES = ["site/test_site_full.py", "content/test_content_pages.py", "workflow/test_workflow_docs.py",
           "site/test_site_parallel_build.py", "languages/test_languages_core.py",
           # in Chromium: every text in another language than its page carries its lang
           "a11y/test_a11y_axe.py::test_vietnamese_text_on_other_language_pages_is_marked_lang_vi"]
NEW_LANGUAGE = "de"
FIGURE = "base_salary"


def change_figure(project: Path) -> tuple[str, str]:
    """A new value of FIGURE, 8 % above the one in force, from the date `make site` builds on
    (the last commit's), added to its history in docs/_data/figures.yml as an editor would;
    its (old, new) text on a Vietnamese page."""
    data = project / "docs" / "_data"
    before = figures_module.format_figure(figures_module.load_figures(data), FIGURE, "vi")
    path = data / "figures.yml"
    text = path.read_text(encoding="utf-8")
    entry = yaml.safe_load(text)[FIGURE]
    values = entry.get("values") or [entry]
    value = Decimal(str(values[-1]["value"]))
    new = int(value * Decimal("1.08") // 1000 * 1000)
    # the date `make site` builds on: the last commit's, or today's outside a git work tree
    found = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=project,
                           capture_output=True, text=True)
    since = found.stdout.strip() if found.returncode == 0 and found.stdout.strip() \
        else dt.datetime.now(dt.UTC).date().isoformat()
    if "values" in entry:  # one more item at the end of FIGURE's own list (comments kept)
        block = re.compile(rf"^{FIGURE}:\n(?:[ \t].*\n)+", re.M)
        item = (f"    - from: {since}\n      value: {new}\n      source: \"test\"\n"
                f"      confidence: high\n")
        text, count = block.subn(lambda m: m.group(0) + item, text, count=1)
    else:  # a figure of one value: that value changes
        pattern = re.compile(rf"^({FIGURE}:\n(?:[ \t].*\n|#.*\n|\n)*?[ \t]+value:[ \t]*)[^\n]+$", re.M)
        text, count = pattern.subn(lambda m: f"{m.group(1)}{new}", text, count=1)
    assert count == 1, f"no block for {FIGURE} in {path}"
    path.write_text(text, encoding="utf-8")
    after = figures_module.format_figure(figures_module.load_figures(data), FIGURE, "vi")
    return before, after


def add_language(project: Path, code: str, name: str) -> None:
    """README, "Adding a language", as written: one line below the `- locale: en` entry under
    plugins: i18n: languages, then `mdbabel init LANG` and `make catalogs`."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    english = next(i for i, line in enumerate(lines) if re.fullmatch(r"\s+- locale: en", line))
    indent = lines[english][: lines[english].index("-")]
    end = english + 1
    while end < len(lines) and lines[end].startswith(indent + "  ") and lines[end].strip():
        end += 1
    lines.insert(end, f"{indent}- {{ locale: {code}, name: {name}, build: true }}")
    config.write_text("\n".join(lines), encoding="utf-8")
    run([tool("mdbabel"), "init", code], project)
    run(["make", "-o", ".venv/.installed-stamp", "--no-print-directory", "catalogs"], project)


def test_suite_holds_after_a_figure_change_and_a_new_language(tmp_path):
    project = copy_project(tmp_path / "clone")
    os.symlink(Path(tool("python")).parent.parent, project / ".venv")  # for `make`
    before, after = change_figure(project)
    assert before != after
    add_language(project, NEW_LANGUAGE, "Deutsch")
    config = load_site_config(project)
    assert NEW_LANGUAGE in config.languages
    assert site_states(config)[NEW_LANGUAGE].preview  # nothing translated yet
    # README step 3: `make site` builds it as a preview and says so
    built = run(["make", "-o", ".venv/.installed-stamp", "--no-print-directory", "site"], project)
    assert f"mdbabel: {NEW_LANGUAGE} is built as a preview: 0% of its page messages" in built.stdout + built.stderr
    home = (project / "site" / NEW_LANGUAGE / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in home
    assert re.search(rf'hreflang="{NEW_LANGUAGE}" lang="{NEW_LANGUAGE}" class="md-select__link"[^>]*>\s*'
                     r'Deutsch \(<span lang="vi">bản xem trước</span>\)', home)

    env = {**os.environ, "MDBABEL_TEST_REPO": str(project), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--basetemp", str(tmp_path / "inner"), "--rootdir", str(TESTS.parent),
         *(str(TESTS / module) for module in MODULES)],
        cwd=TESTS.parent, env=env, capture_output=True, text=True, timeout=1500)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", summary) and "skipped" not in summary, summary

    # the inner run saw the edited copy: the new figure and the new language are in its site
    site = next((tmp_path / "inner").rglob("site/index.html")).parent
    assert (site / NEW_LANGUAGE / "index.html").is_file()
    assert '<meta name="robots" content="noindex">' in (site / NEW_LANGUAGE / "index.html").read_text(encoding="utf-8")
    pages = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("index.html")
                     if "changes" not in p.relative_to(site).parts)  # it lists every value
    assert after in pages and before not in pages
