"""Which pages exist, and the typed context each template gets.

A page is one language-neutral key ("goals/g1/") rendered once per language; the key gives both
the output path and the reciprocal hreflang links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..derive.facts import Derived, IndicatorInfo, ProgramInfo
from ..derive.grading import Rule
from ..derive.headings import GoalHeading, MeasureHeading, StrategyHeading
from ..load.accessibility import AccessibilityResults
from ..load.inputs import Inputs
from ..load.markup import Narrative
from ..load.models import LANGS, BudgetItem, Goal, Lang, Measure, Site, Strategy, Text
from ..opendata.files import DataExport, citation, export_data
from ..render.review_pages import LatestReview, ResultsStatus, latest_review, results_status, review_pages

STATUSES = ("continuing", "expanded", "new", "considering")


@dataclass(frozen=True)
class Page:
    key: str  # "" home, "goals/g1/", "404.html"
    template: str
    context: Any
    in_sitemap: bool = True
    absolute_links: bool = False


@dataclass(frozen=True)
class GoalCard:
    """A goal on the home page: its heading, how many measures, programs and KPIs it has, its strategic indicators."""

    goal: GoalHeading
    counts: list[tuple[str, int]]  # (UI string, count) for each part the goal has: no 「0」
    strategic: list[IndicatorInfo]


@dataclass(frozen=True)
class HomeContext:
    strategy: StrategyHeading
    goals: list[GoalCard]
    status_counts: dict[str, int]
    program_count: int
    indicator_count: int
    results: ResultsStatus
    latest: LatestReview | None  # the latest review's summary (None: none is published yet)


@dataclass(frozen=True)
class GoalContext:
    strategy: StrategyHeading
    goal: Goal
    narrative: dict[Lang, Narrative] | None  # None: the goal has no narrative (content/goals/<id>.*.md)
    strategic: list[IndicatorInfo]
    measures: list[tuple[Measure, list[ProgramInfo], list[IndicatorInfo]]]  # (Measure, programs, KPIs)
    also: dict[str, list[IndicatorInfo]]  # measure id → KPIs of other measures that list it in `also_in`
    previous: GoalHeading | None
    next: GoalHeading | None


@dataclass(frozen=True)
class AboutContext:
    """about/: section 1 of the source, and how indicators are graded."""

    strategy: StrategyHeading
    narrative: dict[Lang, Narrative] | None  # None: no content/pages/about.*.md
    rule: Rule  # the grading rule of data/site.yaml: its bands and states are explained, with anchors
    reviewed: bool  # at least one yearly review is recorded


@dataclass(frozen=True)
class VisionContext:
    """vision/: section 2, with its figures where the narrative places them (charts: `h.chart(name)`).
    The page exists only where content/pages/vision.*.md does; its title is the strategy's own."""

    strategy: StrategyHeading
    title: Text  # data/site.yaml sections.vision.title
    narrative: dict[Lang, Narrative]


@dataclass(frozen=True)
class ProgramsContext:
    strategy: StrategyHeading
    status: str | None  # None: all programs; else the one status shown
    groups: list[tuple[GoalHeading, list[tuple[MeasureHeading, list[ProgramInfo]]]]]
    status_counts: dict[str, int]
    total: int
    shown: int


@dataclass(frozen=True)
class IndicatorsContext:
    strategy: StrategyHeading
    rows: list[IndicatorInfo]
    target_year: int | None  # the fiscal year of every target, where they share one
    also: dict[str, list[tuple[GoalHeading, MeasureHeading]]]  # indicator id → the other measures it serves


@dataclass(frozen=True)
class BudgetContext:
    strategy: StrategyHeading
    groups: list[tuple[GoalHeading, list[tuple[MeasureHeading, list[tuple[ProgramInfo, list[BudgetItem]]]]]]]
    distinct_codes: int


@dataclass(frozen=True)
class SearchContext:
    strategy: StrategyHeading
    goals: list[GoalHeading]  # browsed by, for a visitor without JavaScript


@dataclass(frozen=True)
class AccessibilityContext:
    """The accessibility policy: target, scope, method, and the latest recorded browser test run."""

    strategy: StrategyHeading
    target: str
    results: AccessibilityResults | None  # None: no run recorded yet


@dataclass(frozen=True)
class DataContext:
    """data/: every open-data table with its columns and file, and the files that bundle them all."""

    strategy: StrategyHeading
    data: DataExport
    citations: dict[str, dict[Lang, str]]  # table name -> how to cite its CSV, per language


@dataclass(frozen=True)
class NotFoundContext:
    strategy: StrategyHeading


@dataclass
class PageSet:
    pages: list[Page] = field(default_factory=list)

    def add(self, page: Page) -> None:
        if any(p.key == page.key for p in self.pages):
            raise ValueError(f"two pages with key {page.key!r}")  # a bug in this module, not user input
        self.pages.append(page)


def plan_pages(inputs: Inputs, derived: Derived, data: DataExport | None = None) -> list[Page]:
    """`data`: the open-data files already made by the build (made here when not given)."""
    s, top = inputs.strategy, derived.strategy  # a page that only names the strategy holds its heading
    goals = [derived.goals[g.id] for g in s.goals]
    data = data or export_data(inputs.site, s, inputs.population, inputs.survey, derived)
    out = PageSet()
    # A part the strategy lacks has no page: no programs, no status tags, no budget table, no vision narrative.
    statuses = {tag: n for tag, n in derived.status_counts.items() if n}
    out.add(Page("", "home.html", HomeContext(
        top, [_goal_card(g, derived) for g in s.goals], statuses, len(derived.programs), len(derived.indicators),
        results_status(inputs, derived), latest_review(derived))))
    for n, goal in enumerate(s.goals):
        infos = derived.indicators_of(goal)
        measures = [(m, derived.programs_in(m),
                     [i for i in infos if i.measure is not None and i.measure.id == m.id]) for m in goal.measures]
        also = {m.id: [i for i in derived.indicators if m.id in i.indicator.also_in] for m in goal.measures}
        out.add(Page(f"goals/{goal.id}/", "goal.html", GoalContext(
            top, goal, _narrative(inputs, f"goals/{goal.id}"), [i for i in infos if i.kind == "strategic"],
            measures, also, goals[n - 1] if n else None, goals[n + 1] if n + 1 < len(goals) else None)))
    out.add(Page("about/", "about.html", AboutContext(top, _narrative(inputs, "pages/about"), derived.rule,
                                                      bool(derived.reviews))))
    vision = _narrative(inputs, "pages/vision")
    if vision and inputs.site.sections.vision:
        out.add(Page("vision/", "vision.html", VisionContext(top, inputs.site.sections.vision.title, vision)))
    if derived.programs:
        for status in (None, *statuses):
            out.add(Page("programs/" + (f"{status}/" if status else ""), "programs.html",
                         _programs_context(s, derived, status, statuses)))
    years = {i.indicator.target.year for i in derived.indicators}
    if derived.indicators:
        out.add(Page("indicators/", "indicators.html", IndicatorsContext(
            top, list(derived.indicators), years.pop() if len(years) == 1 else None, _also_serves(s, derived))))
    review_pages(out, inputs, derived, Page)  # indicators/<id>/, reviews/, reviews/<year>/
    if s.budget_items:
        out.add(Page("budget/", "budget.html", _budget_context(s, derived)))
    out.add(Page("data/", "data.html", _data_context(top, inputs.site, data)))
    out.add(Page("search/", "search.html", SearchContext(top, goals)))
    out.add(Page("accessibility/", "accessibility.html", AccessibilityContext(
        top, inputs.site.accessibility_target, inputs.accessibility)))
    out.add(Page("404.html", "404.html", NotFoundContext(top), in_sitemap=False, absolute_links=True))
    return out.pages


def _goal_card(goal: Goal, derived: Derived) -> GoalCard:
    counts = [("home.count_measures", len(goal.measures)), ("home.count_programs", sum(len(m.programs) for m in goal.measures)),
              ("home.count_kpis", sum(len(m.kpis) for m in goal.measures))]
    return GoalCard(derived.goals[goal.id], [(key, n) for key, n in counts if n],
                    [i for i in derived.indicators_of(goal) if i.kind == "strategic"])


def _also_serves(s: Strategy, derived: Derived) -> dict[str, list[tuple[GoalHeading, MeasureHeading]]]:
    """For each indicator listed under other measures too (`also_in`): those measures, in the strategy's order."""
    return {i.indicator.id: [(derived.goals[g.id], derived.measures[m.id]) for g in s.goals for m in g.measures
                             if m.id in i.indicator.also_in] for i in derived.indicators if i.indicator.also_in}


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
        measures = [(derived.measures[m.id], [p for p in derived.programs_in(m) if keep(p)]) for m in goal.measures]
        measures = [(m, ps) for m, ps in measures if ps]
        if measures:
            groups.append((derived.goals[goal.id], measures))
    shown = sum(len(ps) for _, ms in groups for _, ps in ms)
    return ProgramsContext(derived.strategy, status, groups, statuses, len(derived.programs), shown)


def _budget_context(s: Strategy, derived: Derived) -> BudgetContext:
    groups = []
    for goal in s.goals:  # no heading for a goal or measure without programs
        measures = [(derived.measures[m.id], [(p, list(p.budget)) for p in derived.programs_in(m)])
                    for m in goal.measures if derived.programs_in(m)]
        if measures:
            groups.append((derived.goals[goal.id], measures))
    codes = {b.code for b in s.budget_items if b.code and b.code != "-"}
    return BudgetContext(derived.strategy, groups, len(codes))


def _data_context(s: StrategyHeading, site: Site, data: DataExport) -> DataContext:
    citations = {t.name: {lang: citation(site, t.title, site.base_url + data.table_files[t.name].path, lang)
                          for lang in LANGS} for t in data.tables}
    return DataContext(s, data, citations)
