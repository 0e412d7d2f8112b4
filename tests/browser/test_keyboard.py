"""Keyboard alone: Tab reaches every link and control, in document order, with a visible focus."""

from __future__ import annotations

import pytest

from .support import open_page, page_url

# One page of each kind, in both languages.
KINDS = ["index.html", "goals/g1/index.html", "about/index.html", "programs/new/index.html", "indicators/index.html",
         "budget/index.html", "data/index.html", "search/index.html", "accessibility/index.html", "404.html"]
PAGES = KINDS + ["en/" + p for p in KINDS]

MARK = """() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  const all = [...document.querySelectorAll(selector)]
    .filter(el => el.checkVisibility({visibilityProperty: true}) && !el.disabled && !el.closest("[inert]"));
  all.forEach((el, i) => el.dataset.kb = i);
  return {count: all.length, positive: [...document.querySelectorAll("[tabindex]")].filter(el => el.tabIndex > 0).length};
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const visible = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
  return {index: el.dataset.kb === undefined ? -1 : Number(el.dataset.kb), visible, html: el.outerHTML.slice(0, 120)};
}"""


def tab_through(page, limit: int) -> list[dict]:
    seen: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (seen and focused["index"] == seen[0]["index"]):
            break  # focus left the page (to the browser) or wrapped around
        seen.append(focused)
    return seen


@pytest.mark.parametrize("path", PAGES)
def test_tab_reaches_everything_in_order_with_visible_focus(page, base_url, path):
    open_page(page, page_url(base_url, path))
    if path.endswith("search/index.html"):  # with results showing, so their links count too
        page.goto(page_url(base_url, path) + "?q=" + ("waiting" if path.startswith("en/") else "%E4%BF%9D%E8%82%B2"))
        page.wait_for_selector(".search-result-title a", timeout=15000)
    marked = page.evaluate(MARK)
    assert marked["positive"] == 0, "no positive tabindex: it breaks the document order"
    seen = tab_through(page, marked["count"] + 5)
    order = [f["index"] for f in seen]
    assert -1 not in order, f"focus went to an element not counted as focusable: {seen[order.index(-1)]['html']}"
    assert order == sorted(order), f"focus order is not document order: {order}"
    missing = sorted(set(range(marked["count"])) - set(order))
    assert not missing, f"{len(missing)} of {marked['count']} focusable elements never got focus (first: #{missing[0]})"
    hidden_focus = [f["html"] for f in seen if not f["visible"]]
    assert not hidden_focus, f"focus not visible on: {hidden_focus[:3]}"
    assert seen[0]["html"].startswith('<a class="skip-link"')


def test_skip_link_moves_focus_to_main(page, base_url):
    page.goto(base_url + "goals/g1/")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-48px"  # it shows itself
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
