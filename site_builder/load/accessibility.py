"""The latest accessibility test results, as the browser tests record them (data/accessibility-results.yaml).

The file is written by `tests/browser` (see scripts/accessibility_results.py), never by hand; the
accessibility policy page renders it. A project without the file still builds: the page then says
that no results have been recorded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from ..errors import Problem
from ..load.loaders import load
from ..load.models import Lang, Model
from ..messages import say

RESULTS_FILE = "data/accessibility-results.yaml"

Count = Annotated[int, Field(ge=0)]


class Tools(Model):
    axe_core: str
    playwright: str
    browser: str


class PageResult(Model):
    path: str  # the page's output path, "en/goals/g1/index.html"
    lang: Lang
    violations: Count  # axe rules failed on this page
    incomplete: Count = 0  # axe rules that need a person to review
    passed: Count = 0  # axe rules passed
    failed_rules: list[str] = []  # ids of the axe rules violated, e.g. color-contrast

    @property
    def key(self) -> str:
        """The language-neutral page key ("goals/g1/") of the output path."""
        path = self.path.removeprefix(f"{self.lang}/") if self.lang != "ja" else self.path
        return path.removesuffix("index.html")


class CheckResult(Model):
    """One group of browser tests (keyboard, zoom, print…): how many tests ran and passed."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
    tests: Count
    passed: Count


class AccessibilityResults(Model):
    tested_at: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")]
    tools: Tools
    tags: list[str]
    pages: list[PageResult]
    checks: list[CheckResult] = []

    @property
    def date(self) -> str:
        return self.tested_at[:10]

    @property
    def violations(self) -> int:
        return sum(p.violations for p in self.pages)

    @property
    def clean_pages(self) -> int:
        return sum(1 for p in self.pages if p.violations == 0)

    def pages_in(self, lang: Lang) -> list[PageResult]:
        return [p for p in self.pages if p.lang == lang]


def load_results(root: Path) -> tuple[AccessibilityResults | None, list[Problem]]:
    path = root / RESULTS_FILE
    if not path.is_file():
        return None, []
    results, _, problems = load(AccessibilityResults, path, Path(RESULTS_FILE))
    if problems:  # written by the browser tests, never by hand: say how to mend it
        problems.append(Problem(Path(RESULTS_FILE), None, None, say("results.rewrite")))
    return results, problems
