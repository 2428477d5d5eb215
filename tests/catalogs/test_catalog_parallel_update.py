"""A large site's update is planned in worker processes; the plan, the malformed catalogs
and the first error must be exactly those of one process."""

from __future__ import annotations

import pytest
from catalog_site import make_site, translate_entry, update

from mdbabel import catalogs

PAGES = catalogs.PARALLEL_MIN_DOMAINS + 6


def site(tmp_path):
    pages = {"index.md": "# Trang chủ\n"}
    pages.update({f"muc-{n:03d}.md": f"# Mục {n}\n\nĐoạn văn của mục {n}.\n\n- Ý một\n- Ý hai\n"
                  for n in range(PAGES)})
    make_site(tmp_path, pages, languages=("en", "fr"))
    update(tmp_path)
    translate_entry(tmp_path, "Trang chủ", "Home")
    # pages edited after the last update: their catalogs change (fuzzy, new messages)
    for n in (3, 40, PAGES - 1):
        (tmp_path / "docs" / f"muc-{n:03d}.md").write_text(f"# Mục {n} mới\n\nĐoạn khác.\n",
                                                          encoding="utf-8")
    return catalogs.load_site_config(tmp_path)


def shape(plan):
    return [(w.shown, w.text, w.changed, w.created, w.domain, w.language) for w in plan.writes]


def test_parallel_plan_is_the_plan_of_one_process(tmp_path, monkeypatch):
    config = site(tmp_path)
    # changed catalogs are dated "now": the two plans must not fall on two sides of a minute
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    one = catalogs.plan_update(config, workers=1)
    two = catalogs.plan_update(config, workers=2)
    assert len(one.writes) == 1 + (PAGES + 1) * 3 + 2  # _site, index, pages; pot + en + fr
    assert shape(two) == shape(one)
    assert sum(w.changed for w in two.writes) == sum(w.changed for w in one.writes) > 0
    # `mdbabel check` reads the catalogs from the plan
    assert all(w.existing is not None for w in two.writes if w.language)


def test_parallel_plan_reports_the_same_malformed_catalogs(tmp_path):
    config = site(tmp_path)
    for n in (10, PAGES - 2):
        path = tmp_path / "locales" / "en" / "LC_MESSAGES" / f"muc-{n:03d}.po"
        path.write_text(path.read_text(encoding="utf-8") + 'msgid "x\n', encoding="utf-8")
    found_one, found_two = [], []
    catalogs.plan_update(config, workers=1, malformed=found_one)
    catalogs.plan_update(config, workers=2, malformed=found_two)
    assert len(found_one) == 2 and found_two == found_one
    with pytest.raises(catalogs.CatalogError) as one:
        catalogs.plan_update(config, workers=1)
    with pytest.raises(catalogs.CatalogError) as two:
        catalogs.plan_update(config, workers=2)
    assert str(two.value) == str(one.value)
    assert "muc-010.po" in str(two.value)
