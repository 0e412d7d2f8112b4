"""Stage 3: facts computed from the validated inputs, once, for every page to share."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..derive import grading
from ..derive.grading import NOT_REVIEWED, STATES, Outcome, Rule
from ..derive.headings import GoalHeading, MeasureHeading, StrategyHeading, goal_heading, measure_heading, strategy_heading
from ..load.inputs import Inputs
from ..load.models import BudgetItem, Goal, Indicator, Measure, Program, Text
from ..load.reviews import AsOf, IndicatorResult, Review


@dataclass(frozen=True)
class Result:
    """One indicator in one review: what the review says about it, and the grade that gives."""

    year: int  # the reviewed fiscal year
    entry: IndicatorResult | None  # None: the review does not list the indicator
    as_of: AsOf | None  # what the value refers to (None without an entry)
    outcome: Outcome

    @property
    def value(self) -> Decimal | None:
        return self.entry.value if self.entry else None

    @property
    def source(self) -> Text | None:
        return self.entry.source if self.entry else None

    @property
    def note(self) -> Text | None:
        return self.entry.note if self.entry else None


@dataclass(frozen=True)
class IndicatorInfo:
    indicator: Indicator
    goal: GoalHeading
    measure: MeasureHeading | None  # None for a goal's strategic indicator
    results: tuple[Result, ...] = ()  # one per review, oldest first
    latest: Result | None = None  # in the latest review (None: no review at all)
    latest_value: Result | None = None  # the latest result with a value, whichever review it is in
    change: Decimal | None = None  # latest value − baseline (None without either)

    @property
    def outcome(self) -> Outcome:
        """The grade (or state) of the latest review: what lists and pages show."""
        return self.latest.outcome if self.latest else NOT_REVIEWED

    @property
    def kind(self) -> str:
        return "strategic" if self.measure is None else "kpi"

    @property
    def anchor(self) -> str:
        return f"indicator-{self.indicator.id}"


Direction = Literal["up", "down", "same"]


@dataclass(frozen=True)
class Change:
    """An indicator's outcome in a review against the review before."""

    indicator: str
    before: Outcome
    after: Outcome
    direction: Direction | None  # up = a better band; None when either side is a state, not a band


@dataclass(frozen=True)
class ReviewInfo:
    review: Review
    band_counts: dict[str, int]  # every band of the rule, in order (zeros included)
    state_counts: dict[str, int]  # not_reviewed / not_measured / not_gradable
    program_counts: dict[str, int]  # every configured implementation status, in order
    previous: int | None  # the year of the review before, if any
    changes: tuple[Change, ...]  # per indicator, against the previous review (empty for the first)

    @property
    def year(self) -> int:
        return self.review.year


@dataclass(frozen=True)
class PlanFacts:
    start: int
    end: int  # the plan's last fiscal year
    latest_review: int | None
    ended: bool  # a review of the last fiscal year (or later) exists, or data_modified is after it: the period is over


@dataclass(frozen=True)
class ProgramInfo:
    program: Program
    goal: GoalHeading
    measure: MeasureHeading
    budget: tuple[BudgetItem, ...]

    @property
    def statuses(self) -> tuple[str, ...]:
        """The program's own status tag and those of its sub-items, in order, without repeats."""
        tags = ([self.program.status] if self.program.status else []) + [s.status for s in self.program.sub_items]
        return tuple(dict.fromkeys(tags))


@dataclass(frozen=True)
class Derived:
    indicators: tuple[IndicatorInfo, ...]
    programs: tuple[ProgramInfo, ...]
    status_counts: dict[str, int]
    rule: Rule  # the grading rule of data/site.yaml
    plan: PlanFacts
    strategy: StrategyHeading  # how pages name the strategy, its goals and its measures (by id)
    goals: dict[str, GoalHeading]
    measures: dict[str, MeasureHeading]
    reviews: tuple[ReviewInfo, ...] = ()  # oldest first

    def indicators_of(self, goal: Goal | GoalHeading) -> list[IndicatorInfo]:
        return [i for i in self.indicators if i.goal.id == goal.id]

    def programs_in(self, measure: Measure | MeasureHeading) -> list[ProgramInfo]:
        return [p for p in self.programs if p.measure.id == measure.id]

    def indicator(self, ident: str) -> IndicatorInfo:
        return next(i for i in self.indicators if i.indicator.id == ident)

    def review(self, year: int) -> ReviewInfo:
        return next(r for r in self.reviews if r.year == year)


def derive(inputs: Inputs) -> Derived:
    s = inputs.strategy
    rule = grading.rule(inputs.site.grading)
    goals = {g.id: goal_heading(g) for g in s.goals}  # one heading per goal, shared by all that name it
    measures = {m.id: measure_heading(m) for g in s.goals for m in g.measures}
    indicators = tuple(indicator_info(rule, inputs.reviews, goals[goal.id], measure and measures[measure.id], ind,
                                      s.period.start) for goal, measure, ind in s.indicators())
    programs = tuple(ProgramInfo(p, goals[g.id], measures[m.id], tuple(b for b in s.budget_items if p.id in b.programs))
                     for g, m, p in s.programs())
    counts = Counter(tag for info in programs for tag in info.statuses)
    order = ("continuing", "expanded", "new", "considering")
    statuses = [st.id for st in inputs.site.review.program_statuses]
    reviews = tuple(review_info(n, inputs.reviews, indicators, rule, statuses) for n in range(len(inputs.reviews)))
    latest = inputs.reviews[-1].year if inputs.reviews else None
    # Over once the last fiscal year is reviewed, or the data's own date is past it (never the build clock).
    after_end = inputs.site.data_modified[:7] >= f"{s.period.end + 1}-04"
    plan = PlanFacts(s.period.start, s.period.end, latest, after_end or (latest is not None and latest >= s.period.end))
    return Derived(indicators, programs, {tag: counts.get(tag, 0) for tag in order}, rule, plan, strategy_heading(s),
                   goals, measures, reviews)


def indicator_info(rule: Rule, reviews: tuple[Review, ...], goal: GoalHeading, measure: MeasureHeading | None,
                   ind: Indicator, plan_start: int) -> IndicatorInfo:
    results = []
    for review in reviews:
        entry = review.result(ind.id)
        outcome = grading.evaluate(rule, ind, entry, review.year, plan_start)
        results.append(Result(review.year, entry, review.as_of(entry) if entry else None, outcome))
    latest_value = next((r for r in reversed(results) if r.value is not None), None)
    change = (latest_value.value - ind.baseline.value
              if latest_value is not None and latest_value.value is not None and ind.baseline else None)
    return IndicatorInfo(ind, goal, measure, tuple(results), results[-1] if results else None, latest_value, change)


def review_info(n: int, reviews: tuple[Review, ...], indicators: tuple[IndicatorInfo, ...], rule: Rule,
                statuses: list[str]) -> ReviewInfo:
    """Counts for the n-th review (oldest first), and what changed since the review before it."""
    review = reviews[n]
    outcomes = [info.results[n].outcome for info in indicators]
    bands = Counter(o.id for o in outcomes if isinstance(o, grading.Grade))
    states = Counter(o.id for o in outcomes if isinstance(o, grading.State))
    programs = Counter(p.status for p in review.programs)
    changes: tuple[Change, ...] = ()
    if n:
        order = [b.id for b in rule.bands]
        changes = tuple(_change(info.indicator.id, info.results[n - 1].outcome, info.results[n].outcome, order)
                        for info in indicators)
    return ReviewInfo(review, {b.id: bands.get(b.id, 0) for b in rule.bands}, {s: states.get(s, 0) for s in STATES},
                      {s: programs.get(s, 0) for s in statuses}, reviews[n - 1].year if n else None, changes)


def _change(ident: str, before: Outcome, after: Outcome, order: list[str]) -> Change:
    if not (isinstance(before, grading.Grade) and isinstance(after, grading.Grade)):
        return Change(ident, before, after, None)
    was, now = order.index(before.id), order.index(after.id)
    return Change(ident, before, after, "up" if now < was else "down" if now > was else "same")
