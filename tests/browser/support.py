"""What the browser tests share besides fixtures: the page list, URLs, and the results recorder."""

from __future__ import annotations

import importlib.metadata
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from site_builder.derive.facts import derive
from site_builder.load.inputs import load_inputs
from site_builder.load.models import LANGS
from site_builder.render.environment import output_path
from site_builder.render.pages import plan_pages

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-default-apps", "--disable-sync",
                 "--metrics-recording-only", "--no-default-browser-check"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Test modules (test_<id>.py) in the order the policy page lists them.
CHECKS = ["axe", "keyboard", "structure", "zoom", "motion", "nojs", "print", "phone", "cards", "chart_text",
          "lazy_charts", "search", "security", "policy"]


def site_pages() -> list[str]:
    """Every page's output path in both languages ("index.html", "en/goals/g1/index.html", …)."""
    inputs = load_inputs(ROOT)
    return [output_path(page.key, lang) for page in plan_pages(inputs, derive(inputs)) for lang in LANGS]


PAGES = site_pages()


def page_lang(path: str) -> str:
    return "en" if path.startswith("en/") else "ja"


def page_url(base: str, path: str) -> str:
    return base + path.removesuffix("index.html")


@dataclass
class Recorder:
    """Collects axe results per page and pass/fail per test group, and writes the results file."""

    expected_pages: list[str]
    axe: dict[str, dict] = field(default_factory=dict)  # path -> {violations, incomplete, passed}
    axe_version: str = ""
    browser_version: str = ""
    outcomes: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # [failed, passed]

    def complete(self) -> bool:
        return set(self.axe) == set(self.expected_pages)

    def write(self, target: Path) -> bool:
        """Write only a complete run: a partial one (-k, a single file) would misreport the site."""
        if not self.complete():
            return False
        data = {
            "tested_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "tools": {"axe_core": self.axe_version, "playwright": importlib.metadata.version("playwright"),
                      "browser": self.browser_version},
            "tags": AXE_TAGS,
            "pages": [{"path": p, "lang": page_lang(p), **self.axe[p]} for p in self.expected_pages],
            "checks": [{"id": check, "tests": failed + passed, "passed": passed}
                       for check, (failed, passed) in sorted(self.outcomes.items(), key=lambda kv: _order(kv[0]))],
        }
        header = ("# Written by the browser tests (tests/browser) at the end of a full run; do not edit by hand.\n"
                  "# Regenerate: python scripts/accessibility_results.py — the accessibility page renders this file.\n")
        target.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
        return True


def _order(check: str) -> tuple[int, str]:
    return (CHECKS.index(check) if check in CHECKS else len(CHECKS), check)


# assets/charts.js makes a chart interactive only when the reader reaches for it (scroll, focus, touch).
# Pages are inspected with every chart woken (a focusin on each figure, as a keyboard reader's focus gives)
# and live, so the DOM tested is the one people use (and a chart that never goes live fails the test).
# test_lazy_charts.py tests the page before anyone reaches for a chart.
WAKE = """() => document.querySelectorAll("figure.chart[data-chart-spec]")
  .forEach(f => f.dispatchEvent(new FocusEvent("focusin", {bubbles: true})))"""
SETTLED = """() => document.fonts.status === "loaded" &&
  [...document.querySelectorAll("figure.chart[data-chart-spec]")].every(f => f.classList.contains("chart-live"))"""


def open_page(page, url: str) -> None:
    page.goto(url)
    page.evaluate(WAKE)
    page.wait_for_function(SETTLED, timeout=30000)
