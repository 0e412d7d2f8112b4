"""The accessibility policy page, in both languages, shows the latest results file's own numbers."""

from __future__ import annotations

import pytest

from site_builder.load.accessibility import load_results

from .support import ROOT


@pytest.fixture(scope="module")
def results():
    found, problems = load_results(ROOT)
    assert not problems, problems
    assert found is not None, "data/accessibility-results.yaml is missing: run python scripts/accessibility_results.py"
    return found


@pytest.mark.parametrize("lang", ["", "en/"])
def test_policy_page_shows_the_recorded_results(page, base_url, results, lang):
    page.goto(f"{base_url}{lang}accessibility/")
    assert page.locator("h1").inner_text() in ("ウェブアクセシビリティ方針", "Accessibility policy")
    assert "JIS X 8341-3:2016" in page.locator("#policy").inner_text()
    assert page.get_by_test_id("a11y-date").inner_text() == results.date
    pages_text = page.get_by_test_id("a11y-pages").inner_text()
    assert str(len(results.pages)) in pages_text
    assert str(len(results.pages_in("ja"))) in pages_text and str(len(results.pages_in("en"))) in pages_text
    violations_text = page.get_by_test_id("a11y-violations").inner_text()
    assert violations_text.startswith(str(results.violations)) and str(results.clean_pages) in violations_text
    rows = page.locator("tr[data-page]")
    assert rows.count() == len(results.pages)
    for i, recorded in enumerate(results.pages):
        cells = rows.nth(i).locator("td").all_inner_texts()
        assert rows.nth(i).get_attribute("data-page") == recorded.path
        assert cells[1].split()[0] == str(recorded.violations) and all(r in cells[1] for r in recorded.failed_rules)
        assert cells[2:] == [str(recorded.incomplete), str(recorded.passed)]
    checks = page.locator("tr[data-check]")
    assert checks.count() == len(results.checks)
    for i, check in enumerate(results.checks):
        assert checks.nth(i).locator("td").all_inner_texts()[:2] == [str(check.tests), str(check.passed)]


def test_every_page_links_the_policy_from_its_footer(built_site):
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        footer = html.split('<footer class="site-footer">', 1)[1]
        assert "accessibility/index.html" in footer, path
