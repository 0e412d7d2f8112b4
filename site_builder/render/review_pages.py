"""The yearly review's pages: one per indicator, one per reviewed year, and the overview of all years.

Page contexts as in `pages`; `review_pages` adds them to the page set. The review-related facts every
page may show (latest review, plan period, the city's own reports, the successor plan) are one
`ResultsStatus`, so that "results not published yet" and "the plan has ended" read the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..derive.facts import Change, Derived, IndicatorInfo, PlanFacts, ProgramInfo, Result, ReviewInfo
from ..derive.grading import STATES, Rule
from ..load.inputs import Inputs
from ..load.models import Goal, Measure, ProgramStatus, Strategy, Successor
from ..load.reviews import Assessment

if TYPE_CHECKING:
    from ..render.pages import Page, PageSet


@dataclass(frozen=True)
class ResultsStatus:
    """Whether results have been published, and where the plan period stands."""

    latest: ReviewInfo | None  # None: no review yet (pages say so once, and show no empty grades)
    plan: PlanFacts
    rule: Rule
    reports_url: str | None  # data/site.yaml reports_url: the city's own review reports
    successor: Successor | None  # data/site.yaml successor: linked once the plan has ended
    statuses: tuple[ProgramStatus, ...]  # the implementation statuses a review may give a program


@dataclass(frozen=True)
class IndicatorContext:
    """indicators/<id>/: one indicator, its values in every review, and what stands behind it."""

    strategy: Strategy
    info: IndicatorInfo
    programs: list[ProgramInfo]  # the programs of its measure, with their budget items (none for a strategic one)
    results: list[Result]  # one per review with an entry for it, oldest first
    status: ResultsStatus


@dataclass(frozen=True)
class GoalResults:
    """One goal in one review: its indicators' results and the assessments of the goal and its measures."""

    goal: Goal
    assessment: Assessment | None
    indicators: list[tuple[IndicatorInfo, Result]]
    measures: list[tuple[Measure, Assessment]]  # only the measures the review assesses


@dataclass(frozen=True)
class ReviewContext:
    """reviews/<year>/: the review of one fiscal year."""

    strategy: Strategy
    review: ReviewInfo
    goals: list[GoalResults]
    changes: list[tuple[IndicatorInfo, Change]]  # outcomes that differ from the previous review
    newer: int | None  # the year of the next review, if any
    status: ResultsStatus


@dataclass(frozen=True)
class ReviewsContext:
    """reviews/: every review year × grade at a glance."""

    strategy: Strategy
    reviews: list[ReviewInfo]  # newest first
    states: list[str]  # the states (not measured …) that occur in some review: a column each
    status: ResultsStatus


def results_status(inputs: Inputs, derived: Derived) -> ResultsStatus:
    site = inputs.site
    return ResultsStatus(derived.reviews[-1] if derived.reviews else None, derived.plan, derived.rule, site.reports_url,
                         site.successor, tuple(site.review.program_statuses))


def review_pages(out: PageSet, inputs: Inputs, derived: Derived, page: type[Page]) -> None:
    """An indicator page for every indicator; a page per review and the overview where there are reviews."""
    s, status = inputs.strategy, results_status(inputs, derived)
    for info in derived.indicators:
        programs = derived.programs_in(info.measure) if info.measure else []
        results = [r for r in info.results if r.entry is not None]
        out.add(page(f"indicators/{info.indicator.id}/", "indicator.html",
                     IndicatorContext(s, info, programs, results, status)))
    if not derived.reviews:
        return  # no review, no result pages: the pages above say once that none is published
    out.add(page("reviews/", "reviews.html", ReviewsContext(
        s, list(reversed(derived.reviews)), [st for st in STATES if any(r.state_counts[st] for r in derived.reviews)], status)))
    years = [r.year for r in derived.reviews]
    for n, info in enumerate(derived.reviews):
        out.add(page(f"reviews/{info.year}/", "review.html", ReviewContext(
            s, info, _goal_results(s, derived, n), _changes(derived, info),
            years[n + 1] if n + 1 < len(years) else None, status)))


def _goal_results(s: Strategy, derived: Derived, n: int) -> list[GoalResults]:
    review = derived.reviews[n].review
    goals = {a.id: a for a in review.goals}
    measures = {a.id: a for a in review.measures}
    return [GoalResults(g, goals.get(g.id), [(i, i.results[n]) for i in derived.indicators_of(g)],
                        [(m, measures[m.id]) for m in g.measures if m.id in measures]) for g in s.goals]


def _changes(derived: Derived, info: ReviewInfo) -> list[tuple[IndicatorInfo, Change]]:
    return [(derived.indicator(c.indicator), c) for c in info.changes if c.before.id != c.after.id]
