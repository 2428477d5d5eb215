"""Site checks: front matter (reviewed, sources) and internal links, in sources, catalogs and built HTML."""

from __future__ import annotations

import textwrap
from pathlib import Path

from mdbabel.site_checks import (Problem, check_admonition_titles, check_built_site, check_fences,
                                 check_front_matter, check_html_text, check_pages)

GOOD_FRONT = """\
---
title: Trang
description: Mô tả.
audience: everyone
reviewed: 2026-11-25
sources:
  - title: Luật Bảo hiểm xã hội số 41/2024/QH15
    url: https://example.org/law
---
"""

MKDOCS_YML = """\
site_name: Test
markdown_extensions:
  - attr_list
  - admonition
  - footnotes
  - toc:
      permalink: true
      slugify: !!python/name:mdbabel.slugs.slugify
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def project(tmp_path: Path) -> Path:
    write(tmp_path, "mkdocs.yml", MKDOCS_YML)
    write(tmp_path, "docs/index.md", GOOD_FRONT + "\n# Trang chủ\n\n## Đóng bảo hiểm\n\nXem [chế độ](guides/benefits.md#che-do-om-dau).\n")
    write(tmp_path, "docs/guides/benefits.md", GOOD_FRONT + "\n# Chế độ\n\n## Chế độ ốm đau\n\n## Khác { #other }\n\n"
          "Về [trang chủ](../index.md#dong-bao-hiem), [khác](#other), ![ảnh](../img/a.png).\n")
    write(tmp_path, "docs/img/a.png", "png")
    write(tmp_path, "docs/_data/figures.yml", "x: {value: 1, type: number}\n")
    return tmp_path


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_a_good_project_has_no_problems(tmp_path):
    assert check_pages(project(tmp_path)) == []


def test_missing_reviewed_and_sources_are_reported_with_the_fix():
    text = "---\ntitle: X\n---\n\n# X\n"
    assert messages(check_front_matter("docs/x.md", text)) == [
        "docs/x.md:1: missing `reviewed` date in the front matter; add `reviewed: YYYY-MM-DD`",
        "docs/x.md:1: missing `sources` in the front matter; add `sources:` with at least one "
        "`- title: ...` (and `url:` when there is one)",
    ]


def test_bad_date_and_source_without_title(tmp_path):
    text = "---\ntitle: X\nreviewed: 25/11/2026\nsources:\n  - url: https://example.org\n---\n"
    found = messages(check_front_matter("docs/x.md", text))
    assert found == [
        "docs/x.md:3: `reviewed: 25/11/2026` is not a date; write it as `reviewed: YYYY-MM-DD`",
        "docs/x.md:4: source 1 in `sources` has no `title`; write it as `- title: ...`",
    ]
    assert check_front_matter("docs/x.md", "---\nreviewed: '2026-02-30'\nsources: [{title: a}]\n---\n")
    assert [str(p) for p in check_front_matter("docs/x.md", "---\nreviewed: 2026-13-25\nsources: [{title: a}]\n---\n")] == [
        "docs/x.md:2: `reviewed: 2026-13-25` is not a date; write it as `reviewed: YYYY-MM-DD`"]
    assert check_front_matter("docs/x.md", "---\nreviewed: '2026-02-28'\nsources: [{title: a}]\n---\n") == []


def test_page_without_front_matter(tmp_path):
    root = project(tmp_path)
    write(root, "docs/plain.md", "# Plain\n")
    found = messages(check_pages(root))
    assert len(found) == 1 and found[0].startswith("docs/plain.md:1: no front matter")


def test_broken_links_and_anchors_name_file_and_line(tmp_path):
    root = project(tmp_path)
    write(root, "docs/guides/bad.md", GOOD_FRONT + "\n# Bad\n\nA [missing](nothere.md) link.\n\n"
          "An [anchor](benefits.md#khong-co) and [here](#nope) and [ok](benefits.md#other).\n\n"
          "[Abs](/guides/benefits.md) and ![img](missing.png) and [web](https://example.org/x.md).\n")
    found = messages(check_pages(root))
    assert found == [
        "docs/guides/bad.md:13: broken link `nothere.md`: docs/guides/nothere.md does not exist; "
        "fix the path or create the page",
        "docs/guides/bad.md:15: broken anchor `#khong-co` in link `benefits.md#khong-co`: docs/guides/benefits.md "
        "has no heading with that id; use one of its heading ids (mdbabel.slugs.slugify of the heading text)",
        "docs/guides/bad.md:15: broken anchor `#nope` in link `#nope`: this page has no heading with that id; "
        "use one of its heading ids (mdbabel.slugs.slugify of the heading text)",
        "docs/guides/bad.md:17: absolute link `/guides/benefits.md`; use a path relative to this page (e.g. `../guides/x.md`) "
        "so it works in every language",
        "docs/guides/bad.md:17: broken link `missing.png`: docs/guides/missing.png does not exist; "
        "fix the path or create the page",
    ]


def test_links_changed_by_a_translation_are_checked_in_the_catalog(tmp_path):
    root = project(tmp_path)
    write(root, "locales/en/LC_MESSAGES/index.po", """\
        msgid ""
        msgstr ""
        "Language: en\\n"

        #: docs/index.md:14
        msgid "Xem [chế độ](guides/benefits.md#che-do-om-dau)."
        msgstr "See [benefits](guides/benefit.md#che-do-om-dau)."

        #: docs/index.md:12
        msgid "Đóng bảo hiểm"
        msgstr "Paying [in](#wrong-anchor)"

        #, fuzzy
        msgid "Trang chủ"
        msgstr "Home [x](broken.md)"
        """)
    found = messages(check_pages(root))
    assert found == [
        "locales/en/LC_MESSAGES/index.po:6: translation: broken link `guides/benefit.md#che-do-om-dau`: "
        "docs/guides/benefit.md does not exist; fix the path or create the page (the page is docs/index.md)",
        "locales/en/LC_MESSAGES/index.po:10: translation: broken anchor `#wrong-anchor` in link `#wrong-anchor`: "
        "this page has no heading with that id; use one of its heading ids (mdbabel.slugs.slugify of the "
        "heading text) (the page is docs/index.md)",
    ]


def test_built_site_local_links_and_fragments(tmp_path):
    site = tmp_path / "site"
    write(site, "index.html", '<a href="en/">en</a><a href="guide/#a">g</a><img src="assets/x.png">'
          '<link href="assets/style.css" rel="stylesheet"><a href="https://example.org/">e</a>')
    write(site, "guide/index.html", '<h2 id="a">A</h2><a href="../missing/">m</a><a href="#b">b</a>'
          '<script src="/assets/app.js"></script>')
    write(site, "en/index.html", '<a href="../guide/#zz">g</a><a href="../">vi</a>')
    write(site, "assets/x.png", "")
    write(site, "assets/style.css", "")
    found = messages(check_built_site(site))
    assert found == [
        'site/en/index.html:1: <a href="../guide/#zz">: guide/index.html has no element with id "zz"',
        'site/guide/index.html:1: <a href="../missing/"> points at /missing, which is not in the built site',
        'site/guide/index.html:1: <a href="#b">: guide/index.html has no element with id "b"',
        'site/guide/index.html:1: <script src="/assets/app.js"> points at /assets/app.js, which is not in the built site',
    ]


def test_built_site_served_from_a_sub_folder(tmp_path):
    """Absolute links (404 page, hreflang alternates) are checked against site_url from the sitemap."""
    site = tmp_path / "site"
    write(site, "sitemap.xml", "<urlset><url><loc>https://example.org/guide/</loc></url></urlset>")
    write(site, "index.html", '<link rel="alternate" hreflang="en" href="https://example.org/guide/en/">'
          '<link rel="alternate" hreflang="de" href="https://example.org/guide/de/">'
          '<a href="https://example.org/other/">other site</a>')
    write(site, "en/index.html", "")
    write(site, "404.html", '<link href="/guide/assets/x.css"><a href="/guide/.">home</a><a href="/guide/en/">en</a>'
          '<img src="/guide/assets/missing.png">')
    write(site, "assets/x.css", "")
    assert messages(check_built_site(site)) == [
        'site/404.html:1: <img src="/guide/assets/missing.png"> points at /assets/missing.png, '
        "which is not in the built site",
        'site/index.html:1: <link href="https://example.org/guide/de/"> points at /de, which is not in the built site',
    ]


def test_the_checks_do_not_import_mkdocs(tmp_path):
    import subprocess
    import sys

    root = project(tmp_path)
    code = ("import sys; from mdbabel.site_checks import check_pages; check_pages(sys.argv[1]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))")
    result = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_command_line_exit_statuses(tmp_path, capsys):
    from mdbabel.site_checks import main

    root = project(tmp_path)
    assert main(["--root", str(root)]) == 0
    write(root, "docs/bad.md", "# no front matter\n")
    assert main(["--root", str(root)]) == 1
    assert "docs/bad.md:1: no front matter" in capsys.readouterr().out
    assert main(["--root", str(tmp_path / "nothing")]) == 2
    assert main(["--unknown-option"]) == 2
    assert main(["--no-pages", "--site", str(tmp_path / "no-site")]) == 2


def test_an_unclosed_code_fence_is_reported_with_its_line_and_the_fix(tmp_path):
    root = project(tmp_path)
    write(root, "docs/guides/fences.md", GOOD_FRONT + "\n# Mã\n\n```bash\nmkdocs build\n```\n\n"
          "- Bước:\n\n    ~~~~\n    ls\n    ~~~\n\nSau đó.\n")
    found = messages(check_pages(root))
    line = GOOD_FRONT.count("\n") + 10  # the "~~~~" line: "~~~" is too short to close it
    assert found == [f"docs/guides/fences.md:{line}: the code block opened by `~~~~` here is never "
                     "closed, so the site shows it and the rest of the page as text; add a line "
                     "`~~~~` where the code ends"]


def test_closed_fences_and_inline_triple_backticks_are_fine():
    assert check_fences("docs/x.md", "```\na\n```\n\n> ~~~\n> b\n> ~~~\n\nUse ```x``` here.\n") == []
    assert check_fences("docs/x.md", "````md\n```\ninner\n```\n````\n") == []
    assert [p.line for p in check_fences("docs/x.md", "a\n\n```\ncode\n")] == [3]


def test_an_admonition_without_a_title_is_reported(tmp_path):
    root = project(tmp_path)
    write(root, "docs/guides/notes.md", GOOD_FRONT + '\n# Ghi chú\n\n!!! warning\n\n    Cẩn thận.\n\n'
          '??? tip "Mẹo"\n\n    Mẹo.\n\n```md\n!!! note\n```\n\n- Mục\n\n    ???+ info\n\n        Chi tiết.\n')
    found = messages(check_pages(root))
    first = GOOD_FRONT.count("\n") + 4
    assert found == [
        f'docs/guides/notes.md:{first}: `!!! warning` has no title, so every language shows the '
        'English word "Warning" as its title; write one in quotes, `!!! warning "Lưu ý"`, or '
        '`!!! warning ""` for none',
        f'docs/guides/notes.md:{first + 14}: `???+ info` has no title, so every language shows the '
        'English word "Info" as its title; write one in quotes, `???+ info "Lưu ý"`, or '
        '`???+ info ""` for none']


def test_titled_and_empty_titled_admonitions_are_fine():
    assert check_admonition_titles("docs/x.md", '!!! note "Lưu ý"\n\n!!! note ""\n\n!!!note "x"\n') == []
    assert check_admonition_titles("docs/x.md", "---\ntitle: x\n---\n\n~~~\n!!! note\n~~~\n") == []


def test_text_in_a_raw_html_block_is_reported(tmp_path):
    root = project(tmp_path)
    write(root, "docs/guides/html.md", GOOD_FRONT + "\n# HTML\n\n<table>\n<tr><td>Mức đóng</td></tr>\n</table>\n")
    line = GOOD_FRONT.count("\n") + 4
    assert messages(check_pages(root)) == [
        f"docs/guides/html.md:{line}: the text in this HTML block (<table>) is not sent to the "
        "translators, so every language shows it as written here; write it in Markdown, or add "
        "`markdown` to the tag (`<table markdown>`) to make its content Markdown"]


def test_html_without_text_markdown_blocks_code_and_skipped_blocks_are_fine():
    source = ('<div markdown>\nChữ **đậm**\n</div>\n\n<!-- i18n-skip -->\n<p>Giữ nguyên</p>\n\n'
              '<pre>\nmã\n</pre>\n\n<p align="center"><img src="a.png" alt=""></p>\n\n'
              '<div>\n<!-- ghi chú cho biên tập viên -->\n</div>\n\n```html\n<p>Ví dụ</p>\n```\n\n'
              'Đoạn có <b>chữ đậm</b> trong dòng.\n')
    assert check_html_text("docs/x.md", source) == []
