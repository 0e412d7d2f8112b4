"""Print: no navigation chrome, link addresses shown, tables and charts kept whole, nothing cut off."""

from __future__ import annotations

import re

import pytest

from .support import open_page

A4_WIDTH_MM, MARGIN_MM = 210, 15
PRINTABLE_PX = int((A4_WIDTH_MM - 2 * MARGIN_MM) / 25.4 * 96)  # CSS pixels across the printable area

CHROME = [".site-nav", ".skip-link", ".lang-switch", ".breadcrumbs", ".site-search", ".toc", ".pager"]

LAYOUT = """(width) => {
  const beyond = [...document.querySelectorAll("main *")].filter(el => el.checkVisibility())
    .filter(el => el.getBoundingClientRect().right > width + 1).map(el => el.outerHTML.slice(0, 100));
  const whole = [...document.querySelectorAll("main table, main figure, main svg")]
    .filter(el => !["avoid", "avoid-page"].includes(getComputedStyle(el).breakInside)).map(el => el.outerHTML.slice(0, 80));
  const links = [...document.querySelectorAll("main a[href^='http']")].map(a => [a.href, getComputedStyle(a, "::after").content]);
  return {beyond, whole, links, scrollWidth: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("path", ["goals/g1/", "en/goals/g1/"])
def test_goal_page_prints_whole(new_page, base_url, path):
    page = new_page(viewport={"width": PRINTABLE_PX, "height": 1000})
    open_page(page, base_url + path)
    page.emulate_media(media="print")
    for selector in CHROME:
        for el in page.locator(selector).all():
            assert not el.is_visible(), f"{selector} is printed"
    r = page.evaluate(LAYOUT, PRINTABLE_PX)
    assert r["scrollWidth"] <= PRINTABLE_PX, f"wider than an A4 page: {r['scrollWidth']} px"
    assert not r["beyond"], f"cut off at the right edge of the page: {r['beyond'][:3]}"
    assert not r["whole"], f"may be split across pages: {r['whole'][:3]}"
    pdf = page.pdf(format="A4", margin={side: f"{MARGIN_MM}mm" for side in ("top", "right", "bottom", "left")},
                   print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 2, "the whole goal page is printed"


def test_printed_links_show_their_address(new_page, base_url):
    page = new_page()
    page.goto(base_url + "data/")
    page.emulate_media(media="print")
    links = page.evaluate(LAYOUT, 2000)["links"]
    assert links, "the data page links its licence"
    for href, after in links:
        assert href in after, f"{href} is printed without its address ({after})"
