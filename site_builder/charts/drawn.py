"""What each chart draws, and nothing more: the chart functions' arguments, so that a chart's cache key (a hash
of its arguments) changes only when the chart would.

An `IndicatorInfo` holds its whole goal, so keyed by it, an edit anywhere in a goal re-made every indicator chart
of that goal; a `ReviewInfo` holds every value of its review. These carry only the fields the charts read.
Picklable and imported without Altair: the cache and the worker processes use them."""

from __future__ import annotations

from dataclasses import dataclass

from ..derive.facts import IndicatorInfo, Result, ReviewInfo
from ..derive.grading import NOT_REVIEWED, Outcome
from ..load.models import Goal, Indicator


@dataclass(frozen=True)
class IndicatorDrawn:
    """One indicator as its chart and its goal's overview show it."""

    indicator: Indicator
    results: tuple[Result, ...]  # one per review, oldest first
    latest: Result | None
    latest_value: Result | None

    @property
    def outcome(self) -> Outcome:
        return self.latest.outcome if self.latest else NOT_REVIEWED


@dataclass(frozen=True)
class GoalDrawn:
    """A goal as its overview chart names it ("Goal 2"): not its text, measures or indicators."""

    id: str
    number: int


@dataclass(frozen=True)
class ReviewDrawn:
    """A review as its chart counts it: how many indicators got each band and state."""

    year: int
    band_counts: dict[str, int]
    state_counts: dict[str, int]


def indicator(info: IndicatorInfo) -> IndicatorDrawn:
    return IndicatorDrawn(info.indicator, info.results, info.latest, info.latest_value)


def goal(g: Goal) -> GoalDrawn:
    return GoalDrawn(g.id, g.number)


def review(info: ReviewInfo) -> ReviewDrawn:
    return ReviewDrawn(info.year, info.band_counts, info.state_counts)
