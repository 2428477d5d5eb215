"""``mdbabel check`` reads hostile catalogs too: what an entry costs there, and no traceback.

The site checks render each translation that has a link, to check where it points
(:func:`mdbabel.site_checks.check_catalog_links`). They rendered whatever a catalog held: an
entry whose msgid is no text of the page (the build never uses it), with 16,000 characters of
``[](``, took half a minute to render, each; emphasis nested 3,000 deep stopped the check with
a RecursionError. Now only what the build could publish is rendered, within the judge's
complexity budget; the catalog check names the rest with its line.
"""

from __future__ import annotations

from pathlib import Path

from catalog_site import make_site, po_path, po_text, update
from mdbabel.catalogs import check_project, load_site_config
from mdbabel.site_checks import check_pages, rendering

PAGE = "# Trang chủ\n\nXem [chế độ](guides/benefits.md).\n"
PARAGRAPH = "Xem [chế độ](guides/benefits.md)."


def _project(tmp_path: Path, entries: list[tuple[str, str]]) -> Path:
    """A two-page site with up-to-date catalogs (catalog_site), and *entries* (msgid, msgstr)
    written into the English catalog of index.md: translations, or entries of its own."""
    root = make_site(tmp_path, {"index.md": PAGE,
                                "guides/benefits.md": "# Chế độ\n\nVề [trang chủ](../index.md).\n"})
    update(root)
    text = po_text(root)
    for msgid, msgstr in entries:
        entry = f'msgid "{msgid}"\nmsgstr ""\n'
        if entry in text:
            text = text.replace(entry, f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
        else:
            text += f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
    po_path(root).write_text(text, encoding="utf-8")
    return root


def _rendered(monkeypatch) -> list[str]:
    seen: list[str] = []
    render = rendering._Renderer.render

    def recording(self, text):
        seen.append(text)
        return render(self, text)

    monkeypatch.setattr(rendering._Renderer, "render", recording)
    return seen


def test_an_entry_the_build_never_uses_is_not_rendered(tmp_path, monkeypatch):
    costly = "[](" * 2000
    root = _project(tmp_path, [(costly, costly + "[x](guides/benefits.md)"),
                               (PARAGRAPH, "See [benefits](guides/missing.md).")])
    seen = _rendered(monkeypatch)
    found = [str(p) for p in check_pages(root)]
    assert not any(costly in text for text in seen)
    # an entry of the page is still checked
    assert any("guides/missing.md" in p and p.startswith("locales/en/LC_MESSAGES/index.po:")
               for p in found), found


def test_an_entry_over_the_budget_is_reported_by_the_catalog_check_not_rendered(tmp_path,
                                                                               monkeypatch):
    nested = "*" * 3000 + "x" + "*" * 3000 + " [benefits](guides/benefits.md)."
    root = _project(tmp_path, [(PARAGRAPH, nested)])
    seen = _rendered(monkeypatch)
    check_pages(root)  # no RecursionError
    assert nested not in seen
    problems = check_project(load_site_config(root)).problems
    assert any(p.startswith("locales/en/LC_MESSAGES/index.po:") and '"*" characters' in p
               for p in problems), problems

