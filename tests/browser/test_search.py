"""Site search (Pagefind, built at build time, asked by assets/search.js): Japanese and English indexes,
results that land on the item (its name, then the page it is on), the header box, and what the search
page says without JavaScript or when opened from disk. The ranking itself: tests/test_search_quality.py."""

from __future__ import annotations

from urllib.parse import quote

RESULT_LINKS = ".search-result-title a"


def result_hrefs(page) -> list[str]:
    page.wait_for_selector(RESULT_LINKS, timeout=15000)
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")


def test_japanese_search_lands_on_the_indicator(page, base_url):
    page.goto(base_url + "search/?q=" + quote("待機児童"))
    hrefs = result_hrefs(page)
    assert base_url + "indicators/nursery-waiting-list/" in hrefs[:3], hrefs
    assert not any("/en/" in h for h in hrefs), "the Japanese page searched the English index"
    status = page.locator("#search-status[role=status]")
    page.wait_for_function("() => document.getElementById('search-status').textContent.includes('待機児童')", timeout=5000)
    assert str(len(hrefs)) in status.inner_text()


def test_a_program_result_shows_its_name_then_its_page(page, base_url):
    page.goto(base_url + "search/?q=" + quote("学童クラブ"))
    result_hrefs(page)
    first = page.locator(".search-result").first
    assert first.locator(".search-result-title a").inner_text() == "学童クラブ運営管理事業"
    assert first.locator(".search-result-title a").get_attribute("href").endswith("goals/g1/#program-after-school-clubs")
    assert "結婚・出産・子育ての希望実現戦略" in first.locator(".search-result-page").inner_text()
    assert first.locator(".search-result-excerpt mark").count() >= 1
    assert "\u2060" not in first.inner_text() and "」について" not in first.inner_text()


def test_english_search_lands_on_the_indicator(page, base_url):
    page.goto(base_url + "en/search/?q=" + quote("waiting list"))
    hrefs = result_hrefs(page)
    assert base_url + "en/indicators/nursery-waiting-list/" in hrefs[:3], hrefs
    assert all("/en/" in h for h in hrefs), "the English page searched the Japanese index"


def test_header_box_on_every_page_leads_to_results(page, base_url):
    page.goto(base_url + "en/programs/")
    box = page.get_by_role("search").get_by_role("searchbox")
    assert box.is_visible()
    box.fill("waiting list")
    box.press("Enter")
    page.wait_for_url("**/en/search/index.html?q=waiting+list", timeout=10000)
    assert base_url + "en/indicators/nursery-waiting-list/" in result_hrefs(page)
    assert page.locator("#search-q").input_value() == "waiting list"


def test_typing_on_the_search_page_searches(page, base_url):
    page.goto(base_url + "en/search/")
    page.locator("#search-q").fill("community bus")
    assert base_url + "en/goals/g1/#program-community-bus" in result_hrefs(page)[:3]


def test_result_opens_the_item(page, base_url):
    page.goto(base_url + "search/?q=" + quote("健幸ポイント"))
    page.wait_for_selector(RESULT_LINKS, timeout=15000)
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_load_state()
    assert page.url == base_url + "goals/g2/#program-sports-kenko-points"
    assert page.locator("#program-sports-kenko-points").is_visible()


def test_search_page_csp_allows_webassembly_but_no_eval(built_site):
    for lang_dir in ("", "en/"):
        html = (built_site / lang_dir / "search/index.html").read_text(encoding="utf-8")
        csp = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src")).split()
        assert script_src == ["script-src", "'self'", "'wasm-unsafe-eval'"]


def test_without_javascript_the_box_is_hidden_and_the_search_page_explains(new_page, base_url):
    page = new_page(java_script_enabled=False)
    page.goto(base_url)
    assert page.locator("form.site-search").count() == 1
    assert not page.locator("form.site-search").is_visible()
    page.goto(base_url + "search/?q=" + quote("待機児童"))
    assert page.locator("#search-nojs").is_visible()
    assert not page.locator("#search-form").is_visible(), "a box that cannot search is not offered"
    assert "JavaScript" in page.locator("#search-nojs").inner_text()
    assert page.locator("#search-fallback a[href$='indicators/index.html']").is_visible()


def test_opened_from_disk_the_search_page_says_why_it_cannot_search(new_page, built_site):
    page = new_page()
    page.goto((built_site / "en/search/index.html").as_uri())
    message = page.locator("#search-file")
    message.wait_for(state="visible", timeout=5000)
    assert "file://" in message.inner_text()
    assert not page.locator("#search-nojs").is_visible()
