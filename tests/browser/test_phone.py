"""At 375 px wide no page scrolls sideways; a wide table scrolls inside its own (focusable) box."""

from __future__ import annotations

import pytest

from .support import PAGES, open_page, page_url

WIDTH = 375

LAYOUT = """(width) => {
  const tables = [...document.querySelectorAll("table")].map(t => {
    const box = t.closest(".table-scroll");
    const fits = t.getBoundingClientRect().right <= width + 1;
    return {fits, boxed: !!box && ["auto", "scroll"].includes(getComputedStyle(box).overflowX)
            && box.tabIndex === 0 && box.getBoundingClientRect().right <= width + 1,
            html: t.outerHTML.slice(0, 80)};
  });
  return {scrollWidth: document.documentElement.scrollWidth, tables};
}"""


@pytest.fixture(scope="module")
def phone(browser):
    ctx = browser.new_context(viewport={"width": WIDTH, "height": 740}, device_scale_factor=2, is_mobile=True,
                              has_touch=True)
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_at_375px(phone, base_url, path):
    open_page(phone, page_url(base_url, path))
    r = phone.evaluate(LAYOUT, WIDTH)
    assert r["scrollWidth"] <= WIDTH, f"the page scrolls sideways: {r['scrollWidth']} px"
    bad = [t["html"] for t in r["tables"] if not (t["fits"] or t["boxed"])]
    assert not bad, f"wide tables outside a scrolling box: {bad[:2]}"
