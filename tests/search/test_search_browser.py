"""Search in a real browser (Debian Chromium via Playwright) on the fixture site.

vi at /, en at /en/ (tests/fixtures/search-site). Every test gets a fresh page (new
browser context) on a site served from 127.0.0.1.
"""

from urllib.parse import urlsplit

import pytest

from search_support import build_site, first_visit_bytes, serve

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    site = build_site(tmp_path_factory.mktemp("search-browser") / "site")
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    assert tab.errors == []
    context.close()


def search(page, url, query):
    """Open ``url``, type ``query`` in the search box; returns result hrefs (relative to site)."""
    if page.url != url:
        page.goto(url)
    page.click("#mdb-search-input")
    page.fill("#mdb-search-input", query)
    # index loaded, then search now instead of after the typing pause
    page.evaluate("() => window.mdbabelSearch.load().then(() => window.mdbabelSearch.run())")
    return results(page)


def results(page):
    origin = page.url.split("/", 3)[:3]
    prefix = "/".join(origin) + "/"
    return [
        href.replace(prefix, "")
        for href in page.eval_on_selector_all(".mdb-search__link", "links => links.map(a => a.href)")
    ]


def status(page):
    return page.inner_text(".mdb-search__status")


# -- Vietnamese --------------------------------------------------------------------------------
def test_unaccented_query_finds_unemployment_insurance_first(page, base_url):
    found = search(page, base_url, "bao hiem that nghiep")
    assert found[0] == "that-nghiep/"


def test_accented_query_finds_unemployment_insurance_first(page, base_url):
    found = search(page, base_url, "bảo hiểm thất nghiệp")
    assert found[0] == "that-nghiep/"
    assert "y-te/#khi-mat-viec" in found  # has every word, not as a phrase: ranked lower


def test_unaccented_query_finds_paying_contributions(page, base_url):
    found = search(page, base_url, "dong bao hiem")
    assert found[0].startswith("dong-bao-hiem/")


def test_accented_query_ranks_exact_matches_above_folded_ones(page, base_url):
    found = [href.split("#")[0] for href in search(page, base_url, "đóng")]
    # pages with "đóng" before the page with only "Dòng"/"Đồng", even though that one
    # has the folded word in its title
    exact = {"dong-bao-hiem/", "that-nghiep/", "huu-tri/"}
    assert set(found[:3]) == exact
    assert found.index("dong-thoi-gian/") > 2


def test_unaccented_query_matches_every_accent_variant(page, base_url):
    found = {href.split("#")[0] for href in search(page, base_url, "dong")}
    assert {"dong-bao-hiem/", "that-nghiep/", "huu-tri/", "dong-thoi-gian/"} <= found


def test_result_shows_title_section_snippet_with_highlights_and_anchor(page, base_url):
    found = search(page, base_url, "muc huong")
    assert found[0] == "that-nghiep/#muc-huong"
    first = page.locator(".mdb-search__results li").first
    assert first.locator(".mdb-search__title").inner_text() == "Bảo hiểm thất nghiệp"
    assert first.locator(".mdb-search__section").inner_text() == "Mức hưởng"
    assert "60%" in first.locator(".mdb-search__snippet").inner_text()
    assert first.locator(".mdb-search__snippet mark").all_inner_texts()[:2] == ["Mức", "hưởng"]
    assert first.locator(".mdb-search__section mark").count() == 2


def test_status_announces_the_number_of_results_in_vietnamese(page, base_url):
    search(page, base_url, "bảo hiểm thất nghiệp")
    assert status(page) == "2 kết quả"
    assert page.get_attribute(".mdb-search__status", "aria-live") == "polite"


def test_all_words_are_required_with_fallback_to_some(page, base_url):
    assert search(page, base_url, "lương hưu")[0] == "huu-tri/"
    assert search(page, base_url, "tuổi nghỉ hưu") == ["huu-tri/#tuoi-nghi-huu"]
    assert status(page) == "1 kết quả"
    assert search(page, base_url, "lương zzzz")[0] == "huu-tri/"
    assert "Không trang nào có đủ mọi từ" in status(page)


def test_vietnamese_search_returns_no_english_page(page, base_url):
    assert search(page, base_url, "insurance") == []
    assert status(page) == "Không có kết quả"


# -- English ---------------------------------------------------------------------------------
def test_english_query_finds_unemployment_insurance_first(page, base_url):
    found = search(page, base_url + "en/", "unemployment insurance")
    assert found[0] == "en/that-nghiep/"
    assert status(page) == "2 results"


def test_english_query_finds_paying_contributions_first(page, base_url):
    found = search(page, base_url + "en/", "paying contributions")
    assert found[0] == "en/dong-bao-hiem/"


def test_english_search_is_case_insensitive_and_finds_sections(page, base_url):
    found = search(page, base_url + "en/", "Contribution Rates")
    assert found[0] == "en/dong-bao-hiem/#muc-dong"


def test_english_search_returns_no_vietnamese_page(page, base_url):
    for query in ("bảo hiểm thất nghiệp", "bao hiem that nghiep", "dong bao hiem", "Dòng thời gian"):
        assert search(page, base_url + "en/", query) == [], query
        assert status(page) == "No results"


def test_english_page_fetches_only_the_english_index(page, base_url):
    search(page, base_url + "en/that-nghiep/", "pension")
    index_requests = [u for u in page.requests if u.endswith(".json")]
    assert index_requests == [base_url + "en/search/en.json"]


def test_interface_is_in_the_page_language(page, base_url):
    page.goto(base_url + "en/")
    assert page.get_attribute("#mdb-search-input", "placeholder") == "Search"
    assert page.inner_text(".mdb-search__label") == "Search"
    page.goto(base_url)
    assert page.get_attribute("#mdb-search-input", "placeholder") == "Tìm kiếm"


# -- lightness ------------------------------------------------------------------------------
def test_index_is_fetched_only_when_the_search_box_gets_focus(page, base_url):
    page.goto(base_url + "that-nghiep/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert not [u for u in page.requests if "/search/" in u]
    page.focus("#mdb-search-input")
    page.wait_for_function("() => window.mdbabelSearch"
                           " && document.querySelector('.mdb-search__status').textContent === ''")
    page.wait_for_timeout(200)
    assert [u for u in page.requests if "/search/" in u] == [base_url + "search/vi.json"]


def test_first_visit_is_well_under_150_kb_compressed(page, base_url):
    total, sizes = first_visit_bytes(page, base_url + "that-nghiep/")
    assert not [u for u, _ in sizes if "/search/" in u]
    print(f"\nfirst visit of /that-nghiep/: {total / 1024:.1f} KB gzip over {len(sizes)} responses")
    for url, size in sizes:
        print(f"  {size / 1024:6.1f} KB  {url}")
    assert total < 150 * 1024


def test_no_request_goes_to_another_host(page, base_url):
    host = urlsplit(base_url).netloc
    search(page, base_url + "en/", "insurance")
    search(page, base_url, "bảo hiểm")
    assert page.requests
    assert {urlsplit(u).netloc for u in page.requests if not u.startswith("data:")} == {host}


# -- keyboard and small screens ----------------------------------------------------------------
def test_keyboard_arrows_move_through_results_and_enter_opens(page, base_url):
    search(page, base_url, "bảo hiểm")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('mdb-search__link')")
    first = page.evaluate("document.activeElement.href")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.href")
    assert second != first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "mdb-search-input"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(second)


def test_typing_in_the_box_does_not_trigger_material_shortcuts(page, base_url):
    # Material binds n/p/,/. to next/previous page; they must stay letters in the box.
    page.goto(base_url + "huu-tri/")
    page.click("#mdb-search-input")
    page.keyboard.type("np.,")
    page.wait_for_timeout(200)
    assert page.url == base_url + "huu-tri/"
    assert page.input_value("#mdb-search-input") == "np.,"


def test_enter_in_the_box_opens_the_first_result(page, base_url):
    search(page, base_url, "bao hiem that nghiep")
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "that-nghiep/")


def test_escape_closes_the_results(page, base_url):
    search(page, base_url, "bảo hiểm")
    assert page.is_visible(".mdb-search__results")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert not page.is_visible(".mdb-search__results")
    assert page.evaluate("document.activeElement.id") == "mdb-search-input"


def test_slash_key_focuses_the_search_box(page, base_url):
    page.goto(base_url)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "mdb-search-input"


def test_search_landmark_and_label(page, base_url):
    page.goto(base_url)
    form = page.get_by_role("search")
    assert form.count() == 1
    assert form.get_attribute("aria-label") == "Tìm kiếm"
    searchbox = page.get_by_role("searchbox", name="Tìm kiếm", exact=True)
    assert searchbox.get_attribute("id") == "mdb-search-input"


def test_phone_width_opens_a_full_screen_panel_and_escape_returns_to_the_button(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 700}, has_touch=True)
    page = context.new_page()
    try:
        page.goto(base_url + "en/")
        assert not page.is_visible("#mdb-search-input")
        button = page.get_by_role("button", name="Open search")
        button.click()
        assert page.is_visible("#mdb-search-input")
        assert button.get_attribute("aria-expanded") == "true"
        page.fill("#mdb-search-input", "health")
        page.wait_for_selector(".mdb-search__link")
        box = page.locator(".mdb-search__panel").bounding_box()
        assert box["width"] == 375
        link = page.locator(".mdb-search__link").first.bounding_box()
        assert link["x"] >= 0 and link["x"] + link["width"] <= 375
        page.keyboard.press("Escape")
        assert not page.is_visible("#mdb-search-input")
        assert page.evaluate("document.activeElement.classList.contains('mdb-search__open')")
    finally:
        context.close()


def test_phone_panel_is_a_modal_dialog_that_keeps_the_focus(browser, base_url):
    """Full screen on a phone, the panel hides the page: Tab and Shift+Tab go round the box,
    the search field, the close button and the results, never to the page behind it."""
    context = browser.new_context(viewport={"width": 375, "height": 700}, has_touch=True)
    page = context.new_page()
    inside = "document.querySelector('.mdb-search__panel').contains(document.activeElement)"
    try:
        page.goto(base_url + "en/")
        page.get_by_role("button", name="Open search").click()
        dialog = page.get_by_role("dialog", name="Search")
        assert dialog.get_attribute("aria-modal") == "true"
        page.fill("#mdb-search-input", "health")
        page.wait_for_selector(".mdb-search__link")
        links = page.locator(".mdb-search__link").count()
        assert links >= 1
        seen = set()
        for _ in range(links + 3):  # once round and further
            page.keyboard.press("Tab")
            assert page.evaluate(inside)
            seen.add(page.evaluate("['mdb-search__input', 'mdb-search__close', 'mdb-search__link']"
                                   ".find(c => document.activeElement.classList.contains(c))"))
        assert {"mdb-search__input", "mdb-search__close", "mdb-search__link"} <= seen
        page.focus("#mdb-search-input")
        page.keyboard.press("Shift+Tab")  # from the field back to the last result
        assert page.evaluate("document.activeElement === [...document.querySelectorAll("
                             "'.mdb-search__link')].pop()")
        page.keyboard.press("Escape")
        assert page.get_by_role("dialog").count() == 0
    finally:
        context.close()


def test_wide_screen_box_is_not_a_dialog_and_tab_leaves_it(page, base_url):
    page.goto(base_url + "en/")
    page.click("#mdb-search-input")
    page.fill("#mdb-search-input", "health")
    page.wait_for_selector(".mdb-search__link")
    assert page.get_by_role("dialog").count() == 0
    for _ in range(page.locator(".mdb-search__link").count() + 3):
        page.keyboard.press("Tab")
    assert not page.evaluate("document.querySelector('.mdb-search').contains(document.activeElement)")


def test_js_fold_agrees_with_python_fold(page, base_url):
    from mdbabel.search_index import fold

    samples = [
        "Bảo hiểm thất nghiệp", "ĐÓNG BẢO HIỂM", "Người lao động được hưởng", "dòng đồng đóng",
        "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ",
        "Crème brûlée, Ærø, İstanbul, straße",
    ]
    page.goto(base_url)
    folded = page.evaluate("s => s.map(window.mdbabelSearch.fold)", samples)
    assert folded == [fold(s) for s in samples]


AXE = __import__("pathlib").Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_problem_in_the_open_search_box(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(base_url)
        if width < 960:
            page.click(".mdb-search__open")
        page.fill("#mdb-search-input", "bao hiem")
        page.wait_for_selector(".mdb-search__link")
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("""async () => {
            const r = await axe.run('.mdb-search', {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
            return r.violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))]); }""")
        assert found == []
    finally:
        context.close()
