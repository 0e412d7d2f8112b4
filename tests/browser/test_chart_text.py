"""Charts a phone can read (issue #13 §2): at 375 px every text of every chart is at least 12 px as
displayed, and every point with a tooltip offers a finger a target of at least 24 × 24 px."""

from __future__ import annotations

import pytest

from .support import PAGES, page_lang, page_url

PHONE = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
MIN_PX = 12
TAP_PX = 24

# Each text's size as shown: its computed font size × the SVG's scale (shown width ÷ drawn width). The
# charts are static SVG until the reader reaches for one; that is what a phone shows on arrival.
TEXT_SIZES = """() => [...document.querySelectorAll("figure.chart .chart-visual svg")].map(svg => {
  const box = svg.viewBox.baseVal;
  const drawn = box && box.width ? box.width : svg.width.baseVal.value;
  const scale = svg.getBoundingClientRect().width / drawn;
  return {chart: svg.closest("figure").id, scale,
          texts: [...svg.querySelectorAll("text")].filter(t => t.textContent.trim())
                   .map(t => ({text: t.textContent.slice(0, 30), px: parseFloat(getComputedStyle(t).fontSize) * scale}))};
})"""


def chart_pages(built_site, lang: str) -> list[str]:
    return [p for p in PAGES if page_lang(p) == lang and "data-chart-spec" in (built_site / p).read_text(encoding="utf-8")]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_chart_text_is_at_least_12px_on_a_phone(new_page, base_url, built_site, lang):
    pages = chart_pages(built_site, lang)
    assert len(pages) >= 20, pages  # the goal, indicator and vision pages at least
    page = new_page(**PHONE)
    small, charts, texts = [], 0, 0
    for path in pages:
        page.goto(page_url(base_url, path))
        page.wait_for_function("() => document.fonts.status === 'loaded'")
        for chart in page.evaluate(TEXT_SIZES):
            charts += 1
            texts += len(chart["texts"])
            small += [f"{path} {chart['chart']} (scale {chart['scale']:.2f}): {t['text']!r} {t['px']:.1f}px"
                      for t in chart["texts"] if t["px"] < MIN_PX - 0.01]
    assert charts >= 40 and texts >= 600, (charts, texts)
    assert not small, f"{len(small)} of {texts} chart texts under {MIN_PX}px:\n" + "\n".join(small[:40])


# Every mark that has a tooltip: the element a finger lands on at its centre, and how big that one is.
TAP_TARGETS = """() => [...document.querySelectorAll("figure.chart-live .chart-point")].map(point => {
  const r = point.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  const h = hit ? hit.getBoundingClientRect() : {width: 0, height: 0};
  return {label: point.getAttribute("aria-label"), same: !!(hit && hit.__data__ && point.__data__ &&
          JSON.stringify(hit.__data__.tooltip) === JSON.stringify(point.__data__.tooltip)), width: h.width, height: h.height,
          marktype: point.__data__ && point.__data__.mark ? point.__data__.mark.marktype : ""};
})"""


@pytest.mark.parametrize("path", ["indicators/nursery-waiting-list/index.html", "en/indicators/total-fertility-rate/index.html"])
def test_each_point_of_a_live_chart_is_a_24px_tap_target(new_page, base_url, path):
    page = new_page(**PHONE)
    page.goto(page_url(base_url, path))
    page.locator("figure.chart").first.tap()  # a touch wakes the chart
    page.wait_for_selector("figure.chart.chart-live", timeout=30000)
    page.locator("figure.chart").first.scroll_into_view_if_needed()
    targets = [t for t in page.evaluate(TAP_TARGETS) if t["marktype"] == "symbol"]
    assert len(targets) >= 2, targets  # a baseline and a target at least
    for t in targets:
        assert t["same"] and t["width"] >= TAP_PX - 0.5 and t["height"] >= TAP_PX - 0.5, t
