"""Phones (issue #13 §1 §4): tables become readable cards, long pages fold, the header stays small.

What "squeezed" means here: Japanese may break between any two characters, so a column that is too
narrow shows one or two characters a line (施/策, 備/考). Each run of visible text in a table cell or
caption (a text node: lines the template breaks on purpose, value / year, are separate runs) that wraps
onto several lines must carry at least MIN_CHARS_PER_LINE characters a line on average. Text on one line
always passes ("7組"); a sentence in a card wraps at 15-20 characters a line; 合計特/殊出生/率 fails.
Visually hidden helper text (1 px wide by design) is not counted.
"""

from __future__ import annotations

import pytest

from .support import PAGES, open_page, page_url

WIDTH = 375
MAX_HEADER = 120  # px at 375 px wide: the header left 222 px (27 % of the first screen) before
MIN_CHARS_PER_LINE = 4

SQUEEZED = """(minChars) => {
  const squeezed = [];
  for (const cell of document.querySelectorAll("td, th, caption")) {
    if (!cell.checkVisibility()) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      if (node.parentElement.closest(".visually-hidden, [aria-hidden=true]")) continue;
      const chars = node.textContent.replace(/\\s/g, "").length;
      if (!chars) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const tops = [...range.getClientRects()].filter(r => r.width > 0).map(r => r.top).sort((a, b) => a - b);
      let lines = 0, last = -Infinity;
      for (const top of tops) if (top - last > 4) { lines++; last = top; }
      if (lines > 1 && chars / lines < minChars) {
        squeezed.push(`${lines} lines for ${chars} characters: ${node.textContent.trim().slice(0, 40)}`);
      }
    }
  }
  return squeezed;
}"""

PHONE = {"viewport": {"width": WIDTH, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def phone(browser):
    ctx = browser.new_context(**PHONE)
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_table_cell_is_squeezed_at_375px(phone, base_url, path):
    open_page(phone, page_url(base_url, path))
    squeezed = phone.evaluate(SQUEEZED, MIN_CHARS_PER_LINE)
    assert not squeezed, f"{len(squeezed)} cells squeezed below {MIN_CHARS_PER_LINE} characters a line: {squeezed[:3]}"


@pytest.mark.parametrize("path", ["budget/", "en/budget/", "indicators/", "en/indicators/"])
def test_rows_become_cards_with_labels_and_group_headings(phone, base_url, path):
    open_page(phone, page_url(base_url, path))
    r = phone.evaluate("""() => {
      const table = document.querySelector("table.cards");
      const row = table.querySelector("tbody tr:not(.group)");
      const cell = row.querySelector("td[data-label]");
      const label = getComputedStyle(cell, "::before").content;
      return {display: getComputedStyle(row).display, label, dataLabel: cell.dataset.label,
              headers: [...table.querySelectorAll("thead th")].map(th => th.textContent.trim()),
              groups: table.querySelectorAll("tbody > tr.group > th[scope=rowgroup]").length,
              rowBox: row.getBoundingClientRect().width, tableBox: table.getBoundingClientRect().width};
    }""")
    assert r["display"] == "block", "a row is a card below the breakpoint"
    assert r["dataLabel"] in r["headers"], "each card label is the column's header"
    assert r["dataLabel"] in r["label"], f"the label is shown before the value: {r['label']}"
    assert r["groups"] >= 1, "the measure (and goal) each row repeated is a group heading instead"
    assert r["rowBox"] <= WIDTH


def test_cards_keep_the_table_for_screen_readers(phone, base_url):
    """Chromium's accessibility tree still has the table, its rows and its cells when rows look like cards."""
    open_page(phone, base_url + "budget/")
    cdp = phone.context.new_cdp_session(phone)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    roles = [n.get("role", {}).get("value") for n in nodes if not n.get("ignored")]
    cdp.detach()
    tables = phone.locator("main table").count()
    assert roles.count("table") >= tables
    assert roles.count("columnheader") >= 4 * tables and roles.count("rowheader") > 50 and roles.count("cell") > 100


@pytest.mark.parametrize("path", ["index.html", "goals/g1/", "en/goals/g1/", "search/", "en/search/", "en/data/"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_phone_header_is_small(new_page, base_url, path, javascript):
    page = new_page(java_script_enabled=javascript, **PHONE)
    page.goto(page_url(base_url, path))
    height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert height <= MAX_HEADER, f"the header takes {height:.0f} px at {WIDTH} px wide"


def test_menu_opens_without_javascript_by_keyboard_and_pointer(new_page, base_url):
    page = new_page(java_script_enabled=False, **PHONE)
    page.goto(base_url + "budget/")
    summary = page.locator(".site-nav summary")
    links = page.locator(".site-nav li a")
    assert summary.is_visible() and not links.first.is_visible(), "on a phone the menu starts folded"
    summary.focus()
    outline = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }")
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2, "the menu button shows its focus"
    page.keyboard.press("Enter")
    assert all(link.is_visible() for link in links.all()), "Enter opens the menu"
    page.keyboard.press("Enter")
    assert not links.first.is_visible()
    summary.click()
    assert links.first.is_visible()
    assert page.locator(".site-nav a[aria-current=page]").is_visible()


def test_menu_is_open_on_a_desktop(page, base_url):
    open_page(page, base_url + "goals/g1/")
    assert not page.locator(".site-nav summary").is_visible()
    assert all(link.is_visible() for link in page.locator(".site-nav li a").all())


@pytest.mark.parametrize("path", ["goals/g1/", "en/goals/g2/"])
def test_goal_page_folds_program_descriptions_and_keeps_ways_around(new_page, base_url, path):
    page = new_page(java_script_enabled=False, **PHONE)
    page.goto(base_url + path)
    programs = page.locator("li.program > details")
    assert programs.count() >= 5
    first = programs.first
    description = first.locator("p").first
    assert not description.is_visible(), "a program's description starts folded"
    first.locator("summary").click()
    assert description.is_visible(), "a click opens it, without JavaScript"
    # the in-page navigation reaches every measure; each measure ends with a way back to the top
    toc = page.locator("nav.toc a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    measures = page.locator("section.measure").evaluate_all("sections => sections.map(s => '#' + s.id)")
    assert set(measures) <= set(toc)
    to_top = page.locator("section.measure .to-top a")
    assert to_top.count() == len(measures)
    assert set(to_top.evaluate_all("links => links.map(a => a.getAttribute('href'))")) == {"#main"}
    assert to_top.first.inner_text() == ("Back to top" if path.startswith("en/") else "ページの先頭へ")


@pytest.mark.parametrize("path", ["goals/g1/", "en/goals/g1/", "budget/", "en/budget/", "data/", "en/data/"])
def test_links_say_where_they_go(page, base_url, path):
    """No two links on a page share their text but go to different places (WCAG 2.4.9): 「予算事業」 was
    the text of 34 links to 34 rows. Charts' download links are named by their figure (WCAG 2.4.4) and
    are left out here."""
    open_page(page, base_url + path)
    # textContent: the name a screen reader's list of links gives, visually hidden suffixes included
    links = page.evaluate("""() => [...document.querySelectorAll("main a[href]")].filter(a => !a.closest("figure.chart"))
      .map(a => [a.textContent.replace(/\\s+/g, " ").trim(), a.href])""")
    targets: dict[str, set[str]] = {}
    for name, href in links:
        targets.setdefault(name, set()).add(href)
    ambiguous = {name: len(hrefs) for name, hrefs in targets.items() if len(hrefs) > 1}
    assert not ambiguous, f"the same link text goes to different places: {ambiguous}"


def test_data_dictionaries_fold_and_print_open(new_page, base_url):
    page = new_page(java_script_enabled=False, **PHONE)
    page.goto(base_url + "data/")
    folds = page.locator("section.dataset details.columns-fold")
    assert folds.count() == page.locator("section.dataset").count()
    assert not folds.first.locator("table").is_visible()
    folds.first.locator("summary").click()
    assert folds.first.locator("table").is_visible()
    page.emulate_media(media="print")
    assert all(f.locator("table").is_visible() for f in folds.all()), "folded tables print in full"


def test_prose_has_a_comfortable_measure(page, base_url):
    open_page(page, base_url + "goals/g1/")
    widths = page.evaluate("""() => [...document.querySelectorAll("#direction p")].map(p =>
      p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize))""")
    assert widths and all(w <= 40.5 for w in widths), f"paragraphs {widths} em wide at 1280 px"
