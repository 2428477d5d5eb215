"""Translation statistics: fuzzy entries are counted apart and never as translated."""

from catalog_site import make_site, translate_entry, update, write_page

from mdbabel import catalogs


def test_stats_count_translated_fuzzy_and_untranslated_per_page(tmp_path):
    make_site(tmp_path, {"index.md": "Người lao động đóng 8% tiền lương.\n\nMột.\n\nHai.\n",
                         "other.md": "Khác.\n"})
    update(tmp_path)
    translate_entry(tmp_path, "Người lao động đóng 8% tiền lương.", "Employees pay 8% of pay.")
    translate_entry(tmp_path, "Một.", "One.")
    write_page(tmp_path, "index.md", "Người lao động đóng 10,5% tiền lương.\n\nMột.\n\nHai.\n")
    update(tmp_path)
    stats = catalogs.project_stats(catalogs.load_site_config(tmp_path))["en"]
    assert stats["index"].as_dict() == {"total": 3, "translated": 1, "fuzzy": 1,
                                        "untranslated": 1, "translated_share": 0.3333}
    assert (stats["other"].total, stats["other"].translated) == (1, 0)


def test_page_without_messages_counts_as_fully_translated(tmp_path):
    assert catalogs.CatalogStats().translated_share == 1.0


def test_missing_catalog_counts_every_message_as_untranslated(tmp_path):
    make_site(tmp_path, {"index.md": "Một.\n\nHai.\n"})
    stats = catalogs.project_stats(catalogs.load_site_config(tmp_path))["en"]["index"]
    assert (stats.total, stats.untranslated) == (2, 2)
