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
from ..derive.headings import GoalHeading, MeasureHeading, StrategyHeading
from ..load.inputs import Inputs
from ..load.models import ProgramStatus, Successor, Text
from ..load.reviews import Assessment

if TYPE_CHECKING:
    from ..render.pages import Page, PageSet


@dataclass(frozen=True)
class LatestReview:
    """The latest review as the home page sums it up: when, by whom, and how many indicators got each grade."""

    year: int
    held: str
    reviewer: Text
    band_counts: dict[str, int]
    state_counts: dict[str, int]


@dataclass(frozen=True)
class ResultsStatus:
    """Where the plan period stands, and where the city publishes its own reports."""

    plan: PlanFacts
    rule: Rule
    reports_url: str | None  # data/site.yaml reports_url: the city's own review reports
    successor: Successor | None  # data/site.yaml successor: linked once the plan has ended
    statuses: tuple[ProgramStatus, ...]  # the implementation statuses a review may give a program


@dataclass(frozen=True)
class IndicatorContext:
    """indicators/<id>/: one indicator, its values in every review, and what stands behind it."""

    strategy: StrategyHeading
    info: IndicatorInfo
    programs: list[ProgramInfo]  # the programs of its measure, with their budget items (none for a strategic one)
    results: list[Result]  # one per review with an entry for it, oldest first
    status: ResultsStatus


@dataclass(frozen=True)
class GoalResults:
    """One goal in one review: its indicators' results and the assessments of the goal and its measures."""

    goal: GoalHeading
    assessment: Assessment | None
    indicators: list[tuple[IndicatorInfo, Result]]
    measures: list[tuple[MeasureHeading, Assessment]]  # only the measures the review assesses


@dataclass(frozen=True)
class ReviewContext:
    """reviews/<year>/: the review of one fiscal year."""

    strategy: StrategyHeading
    review: ReviewInfo
    goals: list[GoalResults]
    changes: list[tuple[IndicatorInfo, Change]]  # outcomes that differ from the previous review
    newer: int | None  # the year of the next review, if any
    status: ResultsStatus


@dataclass(frozen=True)
class ReviewsContext:
    """reviews/: every review year × grade at a glance."""

    strategy: StrategyHeading
    reviews: list[ReviewInfo]  # newest first
    states: list[str]  # the states (not measured …) that occur in some review: a column each
    status: ResultsStatus


def results_status(inputs: Inputs, derived: Derived) -> ResultsStatus:
    site = inputs.site
    return ResultsStatus(derived.plan, derived.rule, site.reports_url, site.successor, tuple(site.review.program_statuses))


def latest_review(derived: Derived) -> LatestReview | None:
    """The home page's summary of the latest review (None: no review yet: the page says so, with no empty grades)."""
    if not derived.reviews:
        return None
    last = derived.reviews[-1]
    return LatestReview(last.year, last.review.held, last.review.reviewer, last.band_counts, last.state_counts)


def review_pages(out: PageSet, inputs: Inputs, derived: Derived, page: type[Page]) -> None:
    """An indicator page for every indicator; a page per review and the overview where there are reviews."""
    s, status = derived.strategy, results_status(inputs, derived)
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
            s, info, _goal_results(inputs, derived, n), _changes(derived, info),
            years[n + 1] if n + 1 < len(years) else None, status)))


def _goal_results(inputs: Inputs, derived: Derived, n: int) -> list[GoalResults]:
    review = derived.reviews[n].review
    goals = {a.id: a for a in review.goals}
    measures = {a.id: a for a in review.measures}
    return [GoalResults(derived.goals[g.id], goals.get(g.id), [(i, i.results[n]) for i in derived.indicators_of(g)],
                        [(derived.measures[m.id], measures[m.id]) for m in g.measures if m.id in measures])
            for g in inputs.strategy.goals]


def _changes(derived: Derived, info: ReviewInfo) -> list[tuple[IndicatorInfo, Change]]:
    return [(derived.indicator(c.indicator), c) for c in info.changes if c.before.id != c.after.id]
