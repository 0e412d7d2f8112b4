"""Text resized to 200% (WCAG 1.4.4): nothing scrolls sideways and no text is clipped."""

from __future__ import annotations

import pytest

from .support import PAGES, open_page, page_url

CLIPPED = """() => {
  document.documentElement.style.fontSize = "200%";
  const clipped = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".visually-hidden, .table-scroll, [aria-hidden=true]") || !el.checkVisibility()) continue;
    const style = getComputedStyle(el);
    if (!/(hidden|clip)/.test(style.overflowX + style.overflowY)) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) clipped.push(el.outerHTML.slice(0, 100));
  }
  return {clipped, scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth,
          bodyFont: parseFloat(getComputedStyle(document.body).fontSize)};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_text_at_200_percent_loses_nothing(page, base_url, path):
    open_page(page, page_url(base_url, path))
    before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    r = page.evaluate(CLIPPED)
    assert r["bodyFont"] >= 2 * before - 0.5, "the text did not grow: sizes must be relative (rem/em), not px"
    assert r["scrollWidth"] <= r["width"], f"scrolls sideways at 200% text: {r['scrollWidth']} > {r['width']}"
    assert not r["clipped"], f"text cut off at 200%: {r['clipped'][:3]}"
    assert page.locator(".site-nav").is_visible() and page.locator("footer").is_visible()
