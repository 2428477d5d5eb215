"""One Python-Markdown converter per language build (``mdbabel.mkdocs_plugin.converter``).

MkDocs builds a converter per page; the plugin makes ``Page.render`` reuse one, reset between
pages. These tests build sites both ways and compare every output file byte for byte: the
real site, and a generated one whose pages all carry footnotes, abbreviations, tabs,
definition lists and headings of the same names, the per-document state a converter that
was not reset would carry from one page into the next.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure import pages as mkdocs_pages

import mdbabel.mkdocs_plugin.converter as converter
import mdbabel.mkdocs_plugin as plugin_module

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import bench_corpus  # noqa: E402
from repo_data import target_languages  # noqa: E402 - after the sys.path entry above, as bench_corpus


def files_of(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def run_build(root: Path, site: Path) -> None:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


@pytest.fixture
def quiet_env(monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("MDBABEL_STRICT", "true")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # the same dates in both builds


def count_converters(monkeypatch) -> list[int]:
    built = [0]
    original = markdown.Markdown.__init__

    def counting(self, *args, **kwargs):
        built[0] += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(markdown.Markdown, "__init__", counting)
    return built


def both_ways(root: Path, tmp_path: Path, monkeypatch) -> tuple[dict, dict, int, int]:
    """Build *root* with one converter per page (MkDocs' way), then with reuse."""
    built = count_converters(monkeypatch)
    with monkeypatch.context() as m:
        m.setattr(converter, "install", lambda: False)
        run_build(root, tmp_path / "per-page")
    per_page = built[0]
    built[0] = 0
    shutil.rmtree(root / ".cache", ignore_errors=True)  # a cold build both times
    run_build(root, tmp_path / "reused")
    return files_of(tmp_path / "per-page"), files_of(tmp_path / "reused"), per_page, built[0]


def test_generated_site_is_byte_identical_with_one_converter(tmp_path, monkeypatch, quiet_env):
    corpus = bench_corpus.make_project(tmp_path / "corpus", 24)
    # an abbreviation defined on the first page only, used on every page
    pages = sorted((corpus.root / "docs").glob("chu-de-*/*.md"))
    for n, page in enumerate(pages):
        defined = "\n\n*[QĐ]: Quyết định\n" if n == 0 else ""
        page.write_text(page.read_text(encoding="utf-8") + f"\n\nTheo QĐ số {n}.{defined}\n",
                        encoding="utf-8")
    monkeypatch.chdir(corpus.root)
    before, after, per_page, reused = both_ways(corpus.root, tmp_path, monkeypatch)
    assert before.keys() == after.keys()
    changed = [name for name in before if before[name] != after[name]]
    assert changed == []
    pages = sum(1 for name in after if name.endswith("index.html"))
    assert per_page >= pages  # MkDocs' way: at least one converter per page
    assert reused <= 6, reused  # ours: one per language, plus the plugin's own few
    # pages enough with the per-document state that a converter not reset carries over
    pages = [after[n].decode() for n in after if n.endswith("index.html")]
    others = tuple(f"{code}/" for code in target_languages())  # the other languages' folders
    vietnamese = [after[n].decode() for n in after if n.endswith("index.html") and
                  not n.startswith(others)]
    assert sum('class="footnote-ref"' in html for html in pages) >= 10
    assert sum('<abbr title="Quyết định">QĐ</abbr>' in html for html in vietnamese) == 1
    assert sum('class="tabbed-set' in html for html in pages) >= 4


def test_real_site_is_byte_identical_with_one_converter(tmp_path, monkeypatch, quiet_env):
    root = tmp_path / "repo"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", "site", ".site-*", "bench-out", ".cache", "tests"))
    monkeypatch.chdir(root)
    before, after, per_page, reused = both_ways(root, tmp_path, monkeypatch)
    assert [n for n in before if before[n] != after.get(n)] == []
    assert before.keys() == after.keys()
    assert reused < per_page


def test_mkdocs_gets_its_own_markdown_module_back(tmp_path, monkeypatch, quiet_env):
    corpus = bench_corpus.make_project(tmp_path / "corpus", 3)
    monkeypatch.chdir(corpus.root)
    seen = []
    original = plugin_module.MdBabelPlugin.on_page_markdown

    def watch(self, *args, **kwargs):
        seen.append(mkdocs_pages.markdown)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(plugin_module.MdBabelPlugin, "on_page_markdown", watch)
    run_build(corpus.root, tmp_path / "site")
    assert seen and all(module is not markdown for module in seen)  # reused during the build
    assert mkdocs_pages.markdown is markdown  # and handed back after it


def test_a_failed_build_gives_the_module_back_too(tmp_path, monkeypatch, quiet_env):
    corpus = bench_corpus.make_project(tmp_path / "corpus", 3)
    monkeypatch.chdir(corpus.root)

    def fail(self, *args, **kwargs):
        raise PluginError("a page that cannot be built")

    monkeypatch.setattr(plugin_module.MdBabelPlugin, "on_page_markdown", fail)
    with pytest.raises((PluginError, Abort)):
        run_build(corpus.root, tmp_path / "site")
    assert mkdocs_pages.markdown is markdown


def test_different_options_get_different_converters():
    module = converter._ReusingMarkdownModule()
    first = module.Markdown(extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    again = module.Markdown(extensions=["toc"], extension_configs={"toc": {"permalink": True}})
    other = module.Markdown(extensions=["toc"], extension_configs={"toc": {"permalink": False}})
    assert first is again and first is not other
    assert 'class="headerlink"' in again.convert("# A")
    assert 'class="headerlink"' not in other.convert("# A")
    again.reset()
    assert again.convert("# A\n\n# A").count('id="a_1"') == 1  # toc's ids start over per page
