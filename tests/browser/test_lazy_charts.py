"""Lazy charts (issue #12 §5): the static SVG is the first render; the vega-embed bundle is fetched only
when the reader scrolls a chart into view, focuses it or touches it; nothing moves when it swaps; and no
page transfers more than 200 KB (compressed) before any interaction.

The test server (conftest.py) sends files as they are, uncompressed, while every static host the README
names compresses text (nginx `gzip on`, Netlify, Cloudflare Pages). So a response's transferred size is
counted as its body gzip-compressed (level 6, what nginx and most hosts use): text shrinks, images barely.
"""

from __future__ import annotations

import gzip
import time

import pytest

from .support import PAGES, page_url

BUNDLE = "vendor/vega-embed.js"
BUDGET = 200_000  # bytes, compressed, before any interaction
PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
GOAL = "goals/g1/index.html"


def watched(page) -> tuple[list[str], list[str]]:
    """URLs requested by the page, and its JavaScript errors and CSP violations."""
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return requests, errors


def tooltip(page) -> dict:
    return page.evaluate("""() => { const t = document.getElementById("vg-tooltip-element");
      return t ? {visible: t.classList.contains("visible"), text: t.textContent} : {visible: false, text: ""}; }""")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_page_transfers_more_than_200kb_before_any_interaction(new_page, base_url, lang):
    page = new_page(**PHONE)
    sizes: dict[str, int] = {}

    def count(response) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect has no body
            body = b""
        sizes[response.url] = len(gzip.compress(body, 6, mtime=0))

    page.on("response", count)
    over, bundle_loaded, checked = [], [], 0
    for path in [p for p in PAGES if p.startswith("en/") == (lang == "en")]:
        sizes.clear()
        page.goto(page_url(base_url, path), wait_until="networkidle")
        page.wait_for_timeout(200)  # anything late (fonts, a lazy script) counts too
        total = sum(sizes.values())
        checked += 1
        if total > BUDGET:
            over.append(f"{path}: {total} bytes: " + ", ".join(f"{u.rsplit('/', 1)[-1]} {n}" for u, n in sizes.items()))
        bundle_loaded += [path for url in sizes if url.endswith(BUNDLE)]
    assert checked >= 40
    assert not bundle_loaded, f"vega-embed.js fetched without any interaction on {bundle_loaded}"
    assert not over, "\n".join(over)


def test_scrolling_a_chart_into_view_loads_the_bundle_and_makes_it_interactive(new_page, base_url):
    page = new_page(**PHONE)
    requests, errors = watched(page)
    page.goto(page_url(base_url, GOAL), wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [u for u in requests if u.endswith(BUNDLE)], "fetched before any scroll"
    assert not page.locator("figure.chart.chart-live").count()
    figure = page.locator("figure.chart").nth(2)
    summary = figure.locator(".chart-summary")
    figure.scroll_into_view_if_needed()
    before = summary.bounding_box()
    page.wait_for_function("() => document.querySelectorAll('figure.chart.chart-live').length > 0", timeout=30000)
    assert [u for u in requests if u.endswith(BUNDLE)] and len([u for u in requests if u.endswith(BUNDLE)]) == 1
    page.wait_for_function("() => document.querySelectorAll('figure.chart')[2].classList.contains('chart-live')", timeout=30000)
    assert figure.locator(".chart-visual svg.marks").count() == 1 and figure.locator("svg.chart-svg").count() == 0
    assert summary.bounding_box() == before  # the live chart took the static one's place exactly
    # a chart far below is still the static SVG: only what comes into view is made live
    assert page.locator("figure.chart").last.locator("svg.chart-svg").count() == 1
    box = figure.locator(".chart-point").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # hover: Vega's own tooltip
    page.wait_for_function("() => document.getElementById('vg-tooltip-element')?.classList.contains('visible')")
    assert not errors, errors


def test_no_layout_shift_when_charts_go_live(new_page, base_url):
    page = new_page(**PHONE)
    page.goto(page_url(base_url, GOAL), wait_until="networkidle")
    page.evaluate("""() => { window.shifts = [];
      new PerformanceObserver(list => window.shifts.push(...list.getEntries().map(e => e.value))).observe({type: "layout-shift"}); }""")
    for n in range(page.locator("figure.chart").count()):  # every chart, each scrolled to in turn
        page.locator("figure.chart").nth(n).scroll_into_view_if_needed()
        page.wait_for_function(f"() => document.querySelectorAll('figure.chart')[{n}].classList.contains('chart-live')", timeout=30000)
    page.wait_for_timeout(300)
    assert sum(page.evaluate("window.shifts")) < 0.001, page.evaluate("window.shifts")


def test_keyboard_focus_wakes_a_chart_and_shows_each_points_tooltip(new_page, base_url):
    page = new_page(**DESKTOP)
    requests, errors = watched(page)
    page.goto(page_url(base_url, "en/indicators/nursery-waiting-list/"), wait_until="networkidle")
    for _ in range(80):  # Tab, as a keyboard reader does, until the chart has focus
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.chart-visual')"):
            break
    assert page.evaluate("!!document.activeElement.closest('.chart-visual')"), "the chart is not reachable by Tab"
    page.wait_for_selector("figure.chart.chart-live", timeout=30000)
    assert [u for u in requests if u.endswith(BUNDLE)]
    page.wait_for_function("() => document.activeElement.classList.contains('chart-point')")  # focus moved onto the first point
    first = page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.wait_for_function("() => document.getElementById('vg-tooltip-element')?.classList.contains('visible')")
    shown = tooltip(page)
    assert first and all(part.split(": ", 1)[1] in shown["text"] for part in first.split("; ")), (first, shown)
    page.keyboard.press("ArrowRight")
    second = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert second != first and second.split("; ")[-1].split(": ", 1)[1] in tooltip(page)["text"]
    assert page.locator(".chart-point[tabindex='0']").count() == 1  # one tab stop per chart
    page.keyboard.press("Escape")
    assert not tooltip(page)["visible"]
    assert not errors, errors


def test_a_tap_wakes_a_chart_and_a_second_tap_shows_a_tooltip(new_page, base_url):
    page = new_page(**PHONE)
    requests, errors = watched(page)
    page.goto(page_url(base_url, "indicators/total-fertility-rate/"), wait_until="networkidle")
    figure = page.locator("figure.chart").first
    figure.locator(".chart-visual").tap()
    page.wait_for_selector("figure.chart.chart-live", timeout=30000)
    assert [u for u in requests if u.endswith(BUNDLE)]
    point = figure.locator(".chart-point").first
    box = point.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => document.getElementById('vg-tooltip-element')?.classList.contains('visible')")
    label = point.get_attribute("aria-label")
    assert label.split("; ")[-1].split(": ", 1)[1] in tooltip(page)["text"]
    assert not errors, errors


@pytest.mark.parametrize("path", PAGES)
def test_nothing_moves_while_a_page_loads(new_page, base_url, path):
    """The controls that need JavaScript (header search, quick filter, search form) take their place from the
    first paint where scripting is on; Lighthouse counted a shift of 0.2 when a script revealed them."""
    page = new_page(**PHONE)
    # the scripts arrive late, as on a slow phone network: the page is painted before they run
    page.route("**/assets/*.js", lambda route: (time.sleep(0.6), route.continue_()))
    page.goto(page_url(base_url, path), wait_until="networkidle")
    shifts = page.evaluate("""() => new Promise(done => new PerformanceObserver((list, observer) => {
      observer.disconnect(); done(list.getEntries().filter(e => !e.hadRecentInput).map(e => e.value));
    }).observe({type: "layout-shift", buffered: true}) || setTimeout(() => done([]), 500))""")
    assert sum(shifts) < 0.01, shifts
