"""Specifications of catalogs.check_project beyond staleness: rules a translation must keep."""

import pytest

from catalog_site import make_site, po_path, translate_entry, update

from mdbabel import catalogs


def problems(root):
    return catalogs.check_project(catalogs.load_site_config(root)).problems


def test_translation_ending_with_a_line_break_the_source_lacks_is_a_problem(tmp_path):
    make_site(tmp_path, {"index.md": "Một.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Một.", "One.\\n")
    [problem] = problems(tmp_path)
    assert problem.startswith("locales/en/LC_MESSAGES/index.po:")
    assert "must not end with a line break" in problem


def test_interface_string_translation_must_keep_its_named_placeholders(tmp_path):
    make_site(tmp_path)
    partial = tmp_path / "overrides" / "partials" / "pager.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('{{ _("Trang %(page)s trên %(total)s") }}\n', encoding="utf-8")
    update(tmp_path)
    path = po_path(tmp_path, "_site")
    text = path.read_text(encoding="utf-8")
    entry = 'msgid "Trang %(page)s trên %(total)s"\nmsgstr ""\n'
    path.write_text(text.replace(entry, entry.replace('msgstr ""', 'msgstr "Page %(page)s"')),
                    encoding="utf-8")
    [problem] = problems(tmp_path)
    assert problem.startswith("locales/en/LC_MESSAGES/_site.po:")
    assert "translation changes the placeholders %(total)s" in problem


def test_catalog_of_a_removed_page_is_a_problem_with_a_fix(tmp_path):
    # An error since issue 19 (it was a notice): its translations reach no page, and a page
    # that moved without `make catalogs` left them behind unseen (tests/edits/test_edits_moves.py).
    make_site(tmp_path, {"index.md": "Một.\n", "old.md": "Cũ.\n"})
    update(tmp_path)
    (tmp_path / "docs/old.md").unlink()
    update(tmp_path)
    report = catalogs.check_project(catalogs.load_site_config(tmp_path))
    [problem] = report.problems
    assert problem.startswith("locales/en/LC_MESSAGES/old.po: page docs/old.md no longer exists")
    assert problem.endswith("else delete the catalog: `rm locales/en/LC_MESSAGES/old.po`")


def test_a_different_source_date_epoch_neither_rewrites_nor_stales_catalogs(tmp_path, monkeypatch):
    make_site(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    update(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert not catalogs.plan_update(catalogs.load_site_config(tmp_path)).changes
    assert problems(tmp_path) == []


def test_interface_string_translation_with_a_lone_percent_sign_is_one_line(tmp_path):
    # `text % values` fills it in: "(% of" would stop the build with a traceback ("% o" reads
    # as a placeholder). ("100% done" is refused anyway: a figure the source lacks.)
    make_site(tmp_path)
    partial = tmp_path / "overrides" / "partials" / "done.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('{{ _("Đã dịch %(share)s nội dung") }}\n', encoding="utf-8")
    update(tmp_path)
    translate_entry(tmp_path, "Đã dịch %(share)s nội dung", "%(share)s translated (% of it)",
                    domain="_site")
    [problem] = problems(tmp_path)
    assert problem.startswith("locales/en/LC_MESSAGES/_site.po:")
    assert problem.endswith("; write %% for a percent sign") and "\n" not in problem
    path = po_path(tmp_path, "_site")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("(% of it)", "(%% of it)"), encoding="utf-8")
    assert problems(tmp_path) == []


@pytest.mark.parametrize("msgid, msgstr", [
    ("Đã dịch %(share)s nội dung", "%(share)s translated, 100% done"),  # "% d": a placeholder
    ("Đã dịch %(share)s nội dung", "%(share)s done (%s)"),  # formats, with every value
    ("Đã dịch %(share)s nội dung", "%(share)s done, 100%"),  # incomplete format
    ("Xong", "100% done"),  # a template's _() formats even without values (new-style gettext)
    ("%(count)d trang", "%(count)d pages (% more)"),
])
def test_a_percent_sign_that_is_no_placeholder_is_refused(msgid, msgstr):
    found = catalogs.check_interface_translation(msgid, msgstr)
    assert [p for p in found if p.endswith("; write %% for a percent sign")], found


@pytest.mark.parametrize("msgid, msgstr", [
    ("Đã dịch %(share)s nội dung", "%(share)s translated (%% of it)"),
    ("Tỷ lệ 8%", "Rate 8%"),  # a lone % in the msgid: the site never formats it
    ("%(count)d trang", "%(count)d pages"),
])
def test_percent_signs_the_site_can_format_are_accepted(msgid, msgstr):
    assert catalogs.check_interface_translation(msgid, msgstr) == []
