"""Which pages exist, and the typed context each template gets.

A page is one language-neutral key ("goals/g1/") rendered once per language; the key gives both
the output path and the reciprocal hreflang links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..derive.facts import Derived, IndicatorInfo, ProgramInfo
from ..derive.grading import Rule
from ..load.accessibility import AccessibilityResults
from ..load.inputs import Inputs
from ..load.markup import Narrative
from ..load.models import LANGS, BudgetItem, Goal, Lang, Site, Strategy, Text
from ..opendata.files import DataExport, citation, export_data
from ..render.review_pages import ResultsStatus, results_status, review_pages

STATUSES = ("continuing", "expanded", "new", "considering")


@dataclass(frozen=True)
class Page:
    key: str  # "" home, "goals/g1/", "404.html"
    template: str
    context: Any
    in_sitemap: bool = True
    absolute_links: bool = False


@dataclass(frozen=True)
class HomeContext:
    strategy: Strategy
    goals: list[tuple[Goal, list[IndicatorInfo]]]
    status_counts: dict[str, int]
    program_count: int
    indicator_count: int
    results: ResultsStatus | None = None  # the latest review's summary, or that none is published yet


@dataclass(frozen=True)
class GoalContext:
    strategy: Strategy
    goal: Goal
    narrative: dict[Lang, Narrative] | None  # None: the goal has no narrative (content/goals/<id>.*.md)
    strategic: list[IndicatorInfo]
    measures: list[tuple[Any, list[ProgramInfo], list[IndicatorInfo]]]  # (Measure, programs, KPIs)
    also: dict[str, list[IndicatorInfo]]  # measure id → KPIs of other measures that list it in `also_in`
    previous: Goal | None
    next: Goal | None


@dataclass(frozen=True)
class AboutContext:
    """about/: section 1 of the source, and how indicators are graded."""

    strategy: Strategy
    narrative: dict[Lang, Narrative] | None  # None: no content/pages/about.*.md
    rule: Rule  # the grading rule of data/site.yaml: its bands and states are explained, with anchors
    reviewed: bool  # at least one yearly review is recorded


@dataclass(frozen=True)
class VisionContext:
    """vision/: section 2, with its figures where the narrative places them (charts: `h.chart(name)`).
    The page exists only where content/pages/vision.*.md does; its title is the strategy's own."""

    strategy: Strategy
    title: Text  # data/site.yaml sections.vision.title
    narrative: dict[Lang, Narrative]


@dataclass(frozen=True)
class ProgramsContext:
    strategy: Strategy
    status: str | None  # None: all programs; else the one status shown
    groups: list[tuple[Goal, list[tuple[Any, list[ProgramInfo]]]]]
    status_counts: dict[str, int]
    total: int
    shown: int


@dataclass(frozen=True)
class IndicatorsContext:
    strategy: Strategy
    rows: list[IndicatorInfo]
    target_year: int | None  # the fiscal year of every target, where they share one


@dataclass(frozen=True)
class BudgetContext:
    strategy: Strategy
    groups: list[tuple[Goal, list[tuple[Any, list[tuple[ProgramInfo, list[BudgetItem]]]]]]]
    distinct_codes: int


@dataclass(frozen=True)
class SearchContext:
    strategy: Strategy


@dataclass(frozen=True)
class AccessibilityContext:
    """The accessibility policy: target, scope, method, and the latest recorded browser test run."""

    strategy: Strategy
    target: str
    results: AccessibilityResults | None  # None: no run recorded yet


@dataclass(frozen=True)
class DataContext:
    """data/: every open-data table with its columns and file, and the files that bundle them all."""

    strategy: Strategy
    data: DataExport
    citations: dict[str, dict[Lang, str]]  # table name -> how to cite its CSV, per language


@dataclass(frozen=True)
class NotFoundContext:
    strategy: Strategy


@dataclass
class PageSet:
    pages: list[Page] = field(default_factory=list)

    def add(self, page: Page) -> None:
        if any(p.key == page.key for p in self.pages):
            raise ValueError(f"two pages with key {page.key!r}")  # a bug in this module, not user input
        self.pages.append(page)


def plan_pages(inputs: Inputs, derived: Derived, data: DataExport | None = None) -> list[Page]:
    """`data`: the open-data files already made by the build (made here when not given)."""
    s = inputs.strategy
    data = data or export_data(inputs.site, s, inputs.population, inputs.survey, derived)
    out = PageSet()
    # A part the strategy lacks has no page: no programs, no status tags, no budget table, no vision narrative.
    statuses = {tag: n for tag, n in derived.status_counts.items() if n}
    out.add(Page("", "home.html", HomeContext(
        s, [(g, [i for i in derived.indicators_of(g) if i.kind == "strategic"]) for g in s.goals],
        statuses, len(derived.programs), len(derived.indicators), results_status(inputs, derived))))
    for n, goal in enumerate(s.goals):
        infos = derived.indicators_of(goal)
        measures = [(m, derived.programs_in(m),
                     [i for i in infos if i.measure is not None and i.measure.id == m.id]) for m in goal.measures]
        also = {m.id: [i for i in derived.indicators if m.id in i.indicator.also_in] for m in goal.measures}
        out.add(Page(f"goals/{goal.id}/", "goal.html", GoalContext(
            s, goal, _narrative(inputs, f"goals/{goal.id}"), [i for i in infos if i.kind == "strategic"],
            measures, also, s.goals[n - 1] if n else None, s.goals[n + 1] if n + 1 < len(s.goals) else None)))
    out.add(Page("about/", "about.html", AboutContext(s, _narrative(inputs, "pages/about"), derived.rule,
                                                      bool(derived.reviews))))
    vision = _narrative(inputs, "pages/vision")
    if vision and inputs.site.sections.vision:
        out.add(Page("vision/", "vision.html", VisionContext(s, inputs.site.sections.vision.title, vision)))
    if derived.programs:
        for status in (None, *statuses):
            out.add(Page("programs/" + (f"{status}/" if status else ""), "programs.html",
                         _programs_context(s, derived, status, statuses)))
    years = {i.indicator.target.year for i in derived.indicators}
    if derived.indicators:
        out.add(Page("indicators/", "indicators.html", IndicatorsContext(
            s, list(derived.indicators), years.pop() if len(years) == 1 else None)))
    review_pages(out, inputs, derived, Page)  # indicators/<id>/, reviews/, reviews/<year>/
    if s.budget_items:
        out.add(Page("budget/", "budget.html", _budget_context(s, derived)))
    out.add(Page("data/", "data.html", _data_context(s, inputs.site, data)))
    out.add(Page("search/", "search.html", SearchContext(s)))
    out.add(Page("accessibility/", "accessibility.html", AccessibilityContext(
        s, inputs.site.accessibility_target, inputs.accessibility)))
    out.add(Page("404.html", "404.html", NotFoundContext(s), in_sitemap=False, absolute_links=True))
    return out.pages


def _narrative(inputs: Inputs, name: str) -> dict[Lang, Narrative] | None:
    """A narrative in both languages, or None where the project leaves it out."""
    if not inputs.has_narrative(name):
        return None
    return {lang: inputs.narratives[(name, lang)] for lang in LANGS}


def _programs_context(s: Strategy, derived: Derived, status: str | None, statuses: dict[str, int]) -> ProgramsContext:
    def keep(info: ProgramInfo) -> bool:
        return status is None or status in info.statuses

    groups = []
    for goal in s.goals:
        measures = [(m, [p for p in derived.programs_in(m) if keep(p)]) for m in goal.measures]
        measures = [(m, ps) for m, ps in measures if ps]
        if measures:
            groups.append((goal, measures))
    shown = sum(len(ps) for _, ms in groups for _, ps in ms)
    return ProgramsContext(s, status, groups, statuses, len(derived.programs), shown)


def _budget_context(s: Strategy, derived: Derived) -> BudgetContext:
    groups = []
    for goal in s.goals:  # no heading for a goal or measure without programs
        measures = [(m, [(p, list(p.budget)) for p in derived.programs_in(m)])
                    for m in goal.measures if derived.programs_in(m)]
        if measures:
            groups.append((goal, measures))
    codes = {b.code for b in s.budget_items if b.code and b.code != "-"}
    return BudgetContext(s, groups, len(codes))


def _data_context(s: Strategy, site: Site, data: DataExport) -> DataContext:
    citations = {t.name: {lang: citation(site, t.title, site.base_url + data.table_files[t.name].path, lang)
                          for lang in LANGS} for t in data.tables}
    return DataContext(s, data, citations)
