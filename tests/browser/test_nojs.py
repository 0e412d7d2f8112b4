"""With JavaScript off, every page shows all its text, its tables and its (static) charts."""

from __future__ import annotations

import pytest

from .support import PAGES, page_url

HIDDEN_CONTENT = """() => {
  const main = document.querySelector("main");
  const hidden = [...main.querySelectorAll(":not(script, style, template)")]  // script here: JSON data blocks
    .filter(el => !el.checkVisibility({visibilityProperty: true, opacityProperty: true}))
    .filter(el => el.textContent.trim() && !el.parentElement.closest("[hidden]"))
    // folded, not hidden: a closed <details> opens without JavaScript (test_cards.py opens them)
    .filter(el => !el.parentElement.closest("details:not([open])") || el.closest("summary"))
    .map(el => el.outerHTML.slice(0, 100));
  const shown = sel => [...main.querySelectorAll(sel)].filter(el => !el.closest("details:not([open])")).filter(el => {
    const r = el.getBoundingClientRect(); return !(r.width > 0 && r.height > 0) || !el.checkVisibility();
  }).map(el => el.outerHTML.slice(0, 100));
  return {hidden, tables: main.querySelectorAll("table").length, hiddenTables: shown("table"),
          charts: main.querySelectorAll("figure svg, figure img").length, hiddenCharts: shown("figure svg, figure img"),
          text: main.innerText.length};
}"""

# Shown only where they apply: the search page's message for pages opened from disk, and its status line.
ALLOWED_HIDDEN = ("search-file", "search-status")
# Controls that only work with JavaScript (a filter form, the search box) are hidden without it: not content.
JS_CONTROLS = ("<form ",)


@pytest.fixture
def nojs_page(new_page):
    return new_page(java_script_enabled=False)


@pytest.mark.parametrize("path", PAGES)
def test_page_shows_everything_without_javascript(nojs_page, base_url, path):
    nojs_page.goto(page_url(base_url, path))
    r = nojs_page.evaluate(HIDDEN_CONTENT)
    hidden = [h for h in r["hidden"] if not any(f'id="{a}"' in h for a in ALLOWED_HIDDEN) and not h.startswith(JS_CONTROLS)]
    assert not hidden, f"text hidden without JavaScript: {hidden[:3]}"
    assert not r["hiddenTables"] and not r["hiddenCharts"], (r["hiddenTables"], r["hiddenCharts"])
    assert r["text"] > 40


def test_goal_page_has_its_tables_and_charts_without_javascript(nojs_page, base_url):
    nojs_page.goto(base_url + "goals/g1/")
    r = nojs_page.evaluate(HIDDEN_CONTENT)
    assert r["text"] > 2000
