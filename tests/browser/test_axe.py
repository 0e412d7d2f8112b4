"""axe-core (bundled by axe-playwright-python) finds no WCAG 2.0/2.1 A or AA violation on any page."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .support import AXE_TAGS, PAGES, open_page, page_url

AXE = Axe()
OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {', '.join(map(str, n['target']))}: {n['html'][:160]}" for n in v["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page, base_url, recorder, path):
    open_page(page, page_url(base_url, path))
    page.wait_for_load_state("load")
    response = AXE.run(page, options=OPTIONS).response
    recorder.axe_version = response["testEngine"]["version"]
    recorder.axe[path] = {"violations": len(response["violations"]), "incomplete": len(response["incomplete"]),
                          "passed": len(response["passes"])}
    if response["violations"]:
        recorder.axe[path]["failed_rules"] = [v["id"] for v in response["violations"]]
    assert not response["violations"], f"{path}:\n{describe(response['violations'])}"


def test_search_results_have_no_axe_violations(page, base_url):
    """The search page showing results (not only the empty page)."""
    page.goto(base_url + "search/?q=" + "保育")
    page.wait_for_selector(".search-result", timeout=15000)
    response = AXE.run(page, options=OPTIONS).response
    assert not response["violations"], describe(response["violations"])
