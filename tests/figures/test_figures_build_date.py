"""The whole site shows the figures valid on its build date (SOURCE_DATE_EPOCH): two builds,
the day before the base salary's last change and the day of it, read from the data files."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mdbabel.figures import format_figure, load_figures

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp()))


def text(path: Path) -> str:
    main = path.read_text(encoding="utf-8").split("<article", 1)[-1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def site_message(message: str, language: str) -> str:
    """*message* as the ``_site`` catalog of *language* translates it."""
    from babel.messages.pofile import read_po

    path = REPO / "locales" / language / "LC_MESSAGES" / "_site.po"
    if not path.is_file():
        return message
    with path.open("rb") as stream:
        found = read_po(stream).get(message)
    return found.string if found is not None and found.string and not found.fuzzy else message


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    figures = load_figures(REPO / "docs" / "_data")
    change = [v.start for v in figures["base_salary"].history if v.start][-1]
    sites = {}
    for day in (change - dt.timedelta(days=1), change):
        site = tmp_path_factory.mktemp("site") / day.isoformat()
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=REPO,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "MDBABEL_STRICT": "true",
                 "SOURCE_DATE_EPOCH": epoch(day)},
            capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-4000:]
        sites[day] = site
    return sites


@pytest.mark.parametrize("language, prefix", [("vi", ""), ("en", "en/")])
def test_pages_show_the_value_of_the_build_date(builds, language, prefix):
    for day, site in builds.items():
        figures = load_figures(REPO / "docs" / "_data", on=day)
        page = text(site / prefix / "employers" / "index.html")
        for name in ("base_salary", "salary_cap"):
            assert format_figure(figures, name, language) in page, (day, name)
        assert format_figure(figures, "base_salary", language, attribute="from") in page
        check = format_figure(figures, "base_salary", language, attribute="check",
                              gettext=lambda message: site_message(message, language))
        if figures["base_salary"].confidence in ("medium", "low"):
            assert check and check in page
        else:
            assert check == ""
        calculator = (site / prefix / "calculator" / "index.html").read_text(encoding="utf-8")
        selected = re.search(r'<option value="([0-9-]+)" selected>', calculator).group(1)
        assert dt.date.fromisoformat(selected) <= day


def test_the_changes_page_does_not_depend_on_the_build_date(builds):
    first, second = builds.values()
    for prefix in ("", "en/"):
        pages = [(site / prefix / "changes" / "index.html").read_text(encoding="utf-8") for site in (first, second)]
        assert pages[0] == pages[1]
