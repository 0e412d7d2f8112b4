"""Every page: one h1 and no skipped heading level, the landmarks, `lang` wherever the language changes,
and a search box."""

from __future__ import annotations

import pytest

from .support import PAGES, open_page, page_lang, page_url

OUTLINE = """() => {
  const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map(h => Number(h.tagName[1]));
  const top = sel => [...document.querySelectorAll(sel)].filter(el => !el.parentElement.closest("main, article, aside, section, nav"));
  const name = el => el.getAttribute("aria-label")
    || (el.getAttribute("aria-labelledby") || "").split(" ").map(id => document.getElementById(id)?.textContent || "").join(" ").trim();
  const navNames = [...document.querySelectorAll("nav")].map(name);
  return {
    levels,
    banner: top("header").length,
    main: document.querySelectorAll("main").length,
    contentinfo: top("footer").length,
    navNames,
    firstFocusable: document.querySelector("a[href], button, input, select, textarea, [tabindex]")?.getAttribute("href"),
    htmlLang: document.documentElement.lang,
  };
}"""

# Text in Japanese script (kana, kanji) found on an English page without lang="ja" around it.
UNMARKED_JAPANESE = """() => {
  const japanese = /[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff66-\\uff9f]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!japanese.test(node.data)) continue;
    const el = node.parentElement;
    if (el.closest("script, style")) continue;
    const lang = el.closest("[lang]").getAttribute("lang");
    if (!lang.startsWith("ja")) found.push(node.data.trim().slice(0, 60));
  }
  return found;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_headings_landmarks_and_language(page, base_url, path):
    open_page(page, page_url(base_url, path))
    o = page.evaluate(OUTLINE)
    assert o["htmlLang"] == page_lang(path)
    assert o["levels"].count(1) == 1 and o["levels"][0] == 1, f"one h1, first: {o['levels']}"
    skips = [(a, b) for a, b in zip(o["levels"], o["levels"][1:], strict=False) if b > a + 1]
    assert not skips, f"heading levels skipped: {skips} in {o['levels']}"
    assert (o["banner"], o["main"], o["contentinfo"]) == (1, 1, 1)
    assert o["navNames"] and all(o["navNames"]), "every nav has a name"
    assert len(set(o["navNames"])) == len(o["navNames"]), f"nav names repeat: {o['navNames']}"
    assert o["firstFocusable"] == "#main", "the skip link comes first"
    other = "ja" if page_lang(path) == "en" else "en"
    switch = page.locator(".lang-switch a")
    assert switch.get_attribute("lang") == other and switch.get_attribute("hreflang") == other
    if page_lang(path) == "en":
        assert page.evaluate(UNMARKED_JAPANESE) == []
    # A search box on every page: the header's, or on the search page its own.
    box = "#search-q" if path.endswith("search/index.html") else "form.site-search input[name=q]"
    page.locator(box).wait_for(state="visible", timeout=10000)
