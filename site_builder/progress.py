"""Attainment and evaluation grades of indicators (pure).

The rule, also stated on the site's about page:
- attainment = (actual − baseline) / (target − baseline): 0 at the baseline, 1 at the target, for
  rising and falling targets alike. Without a baseline the start is taken as 0 for a rising target
  (a count or share that is being built up); a falling target without a baseline has no attainment.
- grade, from the latest actual value:
  achieved  – the value has reached the target (≥ for higher-is-better, ≤ for lower-is-better);
  on_track  – attainment ≥ on_track_ratio × the share of the way that straight-line pacing expects by
              that year, counted from the baseline year (or the configured assumed year) to the target year;
  behind    – anything else;
  no_data   – no actual value yet (the case for every indicator in the shipped data).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from .models import Actual, Grading, Indicator

Grade = Literal["achieved", "on_track", "behind", "no_data"]
GRADES: tuple[Grade, ...] = ("achieved", "on_track", "behind", "no_data")


@dataclass(frozen=True)
class Progress:
    latest: Actual | None
    attainment: Decimal | None
    expected: Decimal | None
    grade: Grade


def attainment(indicator: Indicator, value: Decimal) -> Decimal | None:
    target = indicator.target.value
    if indicator.baseline is None:
        if indicator.direction == "lower" or target == 0:
            return None
        return value / target
    start = indicator.baseline.value
    if target == start:
        return Decimal(1) if reached(indicator, value) else Decimal(0)
    return (value - start) / (target - start)


def reached(indicator: Indicator, value: Decimal) -> bool:
    target = indicator.target.value
    return value >= target if indicator.direction == "higher" else value <= target


def expected_share(indicator: Indicator, year: int, grading: Grading, plan_start: int) -> Decimal:
    """Share of the way from baseline to target that straight-line pacing expects by `year`."""
    start = (indicator.baseline.year if indicator.baseline and indicator.baseline.year
             else grading.assumed_baseline_year or plan_start - 1)
    end = indicator.target.year or start
    if end <= start:
        return Decimal(1)
    return min(Decimal(1), max(Decimal(0), Decimal(year - start) / Decimal(end - start)))


def evaluate(indicator: Indicator, grading: Grading, plan_start: int) -> Progress:
    if not indicator.actuals:
        return Progress(None, None, None, "no_data")
    latest = max(indicator.actuals, key=lambda a: a.year)
    share = attainment(indicator, latest.value)
    expected = expected_share(indicator, latest.year, grading, plan_start)
    if reached(indicator, latest.value):
        grade: Grade = "achieved"
    elif share is not None and share >= expected * grading.on_track_ratio:
        grade = "on_track"
    else:
        grade = "behind"
    return Progress(latest, share, expected, grade)
