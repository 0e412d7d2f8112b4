"""With prefers-reduced-motion: reduce, nothing animates, transitions or scrolls smoothly."""

from __future__ import annotations

import pytest

from .support import page_url

MOVING = """() => {
  const moving = [];
  for (const el of [document.documentElement, ...document.querySelectorAll("body *")]) {
    const s = getComputedStyle(el);
    const animated = s.animationName !== "none" && parseFloat(s.animationDuration) > 0;
    const transition = s.transitionDuration.split(",").some(d => parseFloat(d) > 0);
    if (animated || transition || s.scrollBehavior === "smooth") moving.push(el.outerHTML.slice(0, 100));
  }
  return moving;
}"""


@pytest.mark.parametrize("path", ["index.html", "goals/g1/index.html", "data/index.html", "en/programs/index.html"])
def test_reduced_motion_stops_movement(new_page, base_url, path):
    page = new_page(reduced_motion="reduce")
    page.goto(page_url(base_url, path))
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    assert page.evaluate(MOVING) == []


def test_reduced_motion_on_search_results(new_page, base_url):
    page = new_page(reduced_motion="reduce")
    page.goto(base_url + "en/search/?q=nursery")
    page.wait_for_selector(".search-result-title a", timeout=15000)
    assert page.evaluate(MOVING) == []
