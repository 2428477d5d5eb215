"""The primary navigation written by mdbabel.mkdocs_plugin.nav_html is Material's: the same elements, classes,
attributes and text, in the same order, on every page, for every nav shape and every setting of
the features it knows (navigation.prune, navigation.indexes). Sites that use a feature or an
item it does not know get Material's own macros, byte for byte."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from test_site_translation import build, make_project

PAGES = {
    "index.md": "# Trang chủ\n\nLời chào.\n\n## Mục một\n\nVăn bản.\n\n### Mục con\n\nThêm.\n",
    "guide/index.md": "# Hướng dẫn chung\n\nGiới thiệu.\n\n## Bắt đầu\n\nVăn bản.\n",
    "guide/a.md": "# Trang A\n\nChỉ một tiêu đề, không có mục lục.\n",
    "guide/deep/b.md": "# Trang B\n\n## Hỏi & đáp\n\nVăn bản.\n",
    "guide/deep/deeper/c.md": "# Trang C\n\n## Một\n\n## Hai\n\nVăn bản.\n",
    "guide/d.md": "Không có tiêu đề cấp một.\n\n## Phần dưới\n\nVăn bản.\n",
    "group/e.md": "# Trang E\n\nVăn bản.\n",
    "group/f.md": "# Trang F & G\n\nVăn bản.\n",
    "only/index.md": "# Chỉ một trang\n\nVăn bản.\n",
    "orphan.md": "# Ngoài mục lục\n\n## Mục\n\nTrang không có trong nav.\n",
    "status.md": "---\ntitle: Tình trạng bản dịch\n---\n\n<!-- mdbabel:translation-status -->\n",
}

NAV = """\
nav:
  - index.md
  - Hướng dẫn:
      - guide/index.md
      - guide/a.md
      - Chi tiết:
          - guide/deep/b.md
          - Sâu hơn:
              - guide/deep/deeper/c.md
      - guide/d.md
  - Nhóm & tổ:
      - Con:
          - group/e.md
      - group/f.md
  - Chỉ mục:
      - only/index.md
  - Cổng thông tin: https://vss.gov.vn/
  - status.md
"""

START = '<ul class="md-nav__list" data-md-scrollfix>'


def project(tmp_path: Path, name: str, features: list[str], fast: bool,
            pages: dict[str, str] = PAGES) -> Path:
    root = make_project(tmp_path / name, pages=pages)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.split("nav:\n", 1)[0] + NAV
    listed = "".join(f"    - {feature}\n" for feature in features)
    config = config.replace("  font: false\n", "  font: false\n  features:\n" + listed
                            if features else "  font: false\n  features: []\n")
    config = config.replace("  - mdbabel:\n", f"  - mdbabel:\n      fast_nav: {str(fast).lower()}\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


class _Tree(HTMLParser):
    """Elements as (tag, attributes, children); class lists and text with whitespace
    collapsed, which is all a browser keeps of the theme's blank lines."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list = ["#root", (), []]
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs, closed=False):
        attributes = tuple(sorted(
            (key, " ".join((value or "").split()) if key == "class" else (value or ""))
            for key, value in attrs))
        node = [tag, attributes, []]
        self.stack[-1][2].append(node)
        if tag not in self.VOID and not closed:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack[-1][0] == tag, (tag, self.stack[-1][0])
        self.stack.pop()

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.stack[-1][2].append(text)


def listing(node, depth: int = 0) -> list[str]:
    """One line per element and per text, indented by depth (readable in a failed assert)."""
    if isinstance(node, str):
        return ["  " * depth + repr(node)]
    tag, attributes, children = node
    lines = ["  " * depth + tag + "".join(f' {key}="{value}"' for key, value in attributes)]
    for child in children:
        lines += listing(child, depth + 1)
    return lines


def nav_part(html: str) -> tuple[str, str, str]:
    """(before, the items of the primary navigation, after)."""
    start = html.index(START, html.index('<nav class="md-nav md-nav--primary"')) + len(START)
    depth, position = 1, start
    for match in re.finditer(r"<(/?)ul\b", html[start:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            position = start + match.start()
            break
    return html[:start], html[start:position], html[position:]


def dom(fragment: str):
    tree = _Tree()
    tree.feed(fragment)
    tree.close()
    assert tree.stack == [tree.root]
    return listing(tree.root)


def pages_of(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}


@pytest.mark.parametrize("features", [
    ["navigation.indexes", "navigation.prune"],
    ["navigation.indexes"],
    ["navigation.prune"],
    [],
], ids=["indexes+prune", "indexes", "prune", "none"])
def test_the_navigation_is_materials_on_every_page(tmp_path, features):
    material = pages_of(project(tmp_path, "material", features, fast=False))
    ours = pages_of(project(tmp_path, "ours", features, fast=True))
    assert ours.keys() == material.keys()
    compared = 0
    for name, html in material.items():
        if START not in html:
            continue
        before, items, after = nav_part(html)
        our_before, our_items, our_after = nav_part(ours[name])
        # everything around the items is untouched, byte for byte
        assert (our_before, our_after) == (before, after), name
        assert dom(our_items) == dom(items), name
        compared += 1
        if name.endswith("404.html"):
            continue  # no page: Material's macros render it
        # written by the renderer: without the macros' runs of blank lines
        assert len(our_items) < 0.75 * len(items), name
    # both languages, every page with a nav (orphan.md included) and both 404 pages
    assert compared == 2 * len(PAGES) + 2


def test_the_current_page_is_marked_and_its_table_of_contents_shown(tmp_path):
    site = project(tmp_path, "ours", ["navigation.indexes", "navigation.prune"], fast=True)
    _, items, _ = nav_part((site / "en" / "guide" / "deep" / "deeper" / "c" / "index.html")
                           .read_text(encoding="utf-8"))
    # the open path: the guide, its details, the deeper section, then the page with its toc
    for path in ("__nav_2", "__nav_2_3", "__nav_2_3_2"):
        assert f'id="{path}" checked>' in items
    assert 'class="md-nav__link md-nav__link--active" for="__toc"' in items
    assert items.count('data-md-component="toc"') == 1
    # a closed section links to its first page, even through a section of its own
    assert ('<li class="md-nav__item md-nav__item--pruned md-nav__item--nested">'
            '<a href="../../../../group/e/" class="md-nav__link">') in items
    assert '<a href="https://vss.gov.vn/" class="md-nav__link">' in items
    # titles are escaped text: a page's first heading (MkDocs keeps its "&amp;") and a nav
    # title written in mkdocs.yml ("&") alike (mdbabel.escaping.title_html)
    _, items, _ = nav_part((site / "en" / "group" / "e" / "index.html").read_text(encoding="utf-8"))
    assert "Trang F &amp; G</span>" in items and "Nhóm &amp; tổ</span>" in items


@pytest.mark.parametrize("variant", ["tabs", "subtitle"])
def test_what_the_renderer_does_not_know_is_left_to_material(tmp_path, variant):
    features = ["navigation.indexes", "navigation.prune"]
    pages = dict(PAGES)
    if variant == "tabs":
        features.append("navigation.tabs")
    else:
        pages["guide/a.md"] = "---\nsubtitle: Một dòng phụ\n---\n\n# Trang A\n\nVăn bản.\n"
    material = pages_of(project(tmp_path, "material", features, fast=False, pages=pages))
    ours = pages_of(project(tmp_path, "ours", features, fast=True, pages=pages))
    assert ours == material
    if variant == "subtitle":
        assert "Một dòng phụ" in ours["guide/index.html"]
