"""README's "Adding a language", steps 1, 2, 4 and 5, followed as written on a copy of the
repository's mkdocs.yml, docs/ and locales/ (no build: tests/edits/test_edits_repo_changes.py builds
a copy with a new language): the lines README gives are read from README itself, so a change
of the repository that makes them wrong (a second `fallback:` key that would silently drop
the first, a line in the wrong place) fails here."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mdbabel import review_state
from mdbabel.catalogs import SITE_DOMAIN, load_site_config
from mdbabel.languages import fallback_chains, plugin_options
from workflow_support import run, tool

REPO = Path(__file__).resolve().parents[2]


def section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^### Adding a language\n(.*?)(?=^#)", readme, re.S | re.M)
    assert found, "README has no section 'Adding a language'"
    return found.group(1)


def step(number: int) -> str:
    """Step *number*'s text, its lines joined (a code span keeps its own spaces)."""
    found = re.search(rf"^{number}\. (.*?)(?=^\d\. |\Z)", section(), re.S | re.M)
    assert found, f"README 'Adding a language' has no step {number}"
    return re.sub(r"\n\s*", " ", found.group(1).strip())


def test_readme_steps_give_a_new_language_with_its_fallback_and_review_state(tmp_path):
    project = tmp_path / "copy"
    for name in ("docs", "locales", "overrides"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    before = load_site_config(project)
    code_line = re.search(r"add\s+the line `([^`]+)`", step(1))
    assert code_line, "README step 1 gives no line to add"
    code = re.search(r"locale: ([a-z-]+)", code_line.group(1)).group(1)
    assert code not in before.languages
    # step 1: the line, below the `- locale: en` entry (and the lines that belong to it)
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    english = next(i for i, line in enumerate(lines) if re.fullmatch(r"\s*- locale: en\s*", line))
    end = english + 1
    while end < len(lines) and re.match(r"\s+[a-z_]+: ", lines[end]) and not lines[end].lstrip().startswith("-"):
        end += 1
    lines.insert(end, code_line.group(1))
    # step 4: the fallback line as README says it becomes
    change = re.search(r"the line `(fallback: [^`]+)` becomes `(fallback: [^`]+)`", step(4))
    assert change, "README step 4 does not say which fallback line to change, and how"
    old, new = change.groups()
    at = [i for i, line in enumerate(lines) if line.strip() == old]
    assert len(at) == 1, f"mkdocs.yml has no single line {old!r} for README step 4 to change"
    lines[at[0]] = lines[at[0]].replace(old, new)
    config.write_text("\n".join(lines), encoding="utf-8")
    after = load_site_config(project)
    assert sorted(after.languages) == sorted([*before.languages, code])
    chains = fallback_chains(plugin_options(after).get("fallback"), list(after.languages),
                             after.source_language)
    old_chains = fallback_chains(plugin_options(before).get("fallback"), list(before.languages),
                                 before.source_language)
    for language, chain in old_chains.items():  # every language keeps its chain
        assert chains[language] == chain, language
    assert chains[code][1:-1] and chains[code][-1] == after.source_language
    # step 2: `mdbabel init` writes the new language's catalogs
    assert f"mdbabel init {code}" in step(2)
    run([tool("mdbabel"), "init", code], project)
    site_po = after.catalog_path(code, SITE_DOMAIN)
    assert site_po.is_file()
    # step 5: the review-state header, as README writes it, is read as that state
    header = re.search(r'the header `"(X-Review-State: [^`]+?)\\n"`', step(5))
    assert header, "README step 5 gives no X-Review-State header"
    header = header.group(1)
    text = site_po.read_text(encoding="utf-8")
    text = re.sub(r'^("Content-Type:[^\n]*\n)', lambda m: m.group(1) + f'"{header}\\n"\n', text,
                  count=1, flags=re.M)
    site_po.write_text(text, encoding="utf-8")
    assert review_state.catalog_state(site_po) == review_state.MACHINE_ASSISTED
