"""Warnings for reviewed values that are possible but probably typed wrong (pure).

A wrong value would still be graded, and −5 waiting children would read 「達成」, so each of these is a
warning with the value's file:line (and `--strict` fails on it):
- a negative value where the baseline and the target are not negative (a count);
- a value over 100 where the unit is %;
- a value more than ten times away from both the baseline and the target: above ten times the larger
  of them, or (when neither is 0, and the value is not 0) below a tenth of the smaller;
- a value that refers to a time after the review: a year after the reviewed fiscal year, a day after
  1 April of the next fiscal year (a count at the start of the next year is the latest a review reports)
  or after the day the review was held.
At most one warning per value about its size, the first that applies.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..errors import Problem
from ..load.loaders import Document
from ..load.models import Indicator, Strategy
from ..messages import say

if TYPE_CHECKING:
    from ..load.reviews import IndicatorResult, Review

PERCENT_UNITS = ("%", "％")


def plausibility(review: Review, doc: Document, strategy: Strategy) -> list[Problem]:
    """The review's ids are known to exist (checked before)."""
    indicators = {ind.id: ind for _, _, ind in strategy.indicators()}
    out: list[Problem] = []
    for i, entry in enumerate(review.indicators):
        if entry.value is None:
            continue
        doubt = suspicious_value(indicators[entry.id], entry.value)
        if doubt:
            out.append(doc.problem(("indicators", i, "value"), f"'{entry.id}': {doubt}"))
        doubt = after_review(review, entry)
        if doubt:
            out.append(doc.problem(("indicators", i, "as_of"), f"'{entry.id}': {doubt}"))
    return out


def suspicious_value(ind: Indicator, value: Decimal) -> str | None:
    baseline = ind.baseline.value if ind.baseline else None
    target = ind.target.value
    refs = [abs(x) for x in (baseline, target) if x is not None]
    if value < 0 and target >= 0 and (baseline is None or baseline >= 0):
        return say("doubt.negative", value=value)
    if ind.unit.ja.strip() in PERCENT_UNITS and value > 100:
        return say("doubt.over_100", value=value)
    shown = ", ".join(str(x) for x in (baseline, target) if x is not None)
    if max(refs) > 0 and abs(value) > 10 * max(refs):
        return say("doubt.ten_times", value=value, refs=shown)
    if value != 0 and all(refs) and abs(value) * 10 < min(refs):
        return say("doubt.tenth", value=value, refs=shown)
    return None


def after_review(review: Review, entry: IndicatorResult) -> str | None:
    as_of = review.as_of(entry)
    if as_of.year is not None and as_of.year > review.year:
        kind = say("doubt.fiscal_year" if as_of.kind == "fiscal" else "doubt.calendar_year")
        return say("doubt.later_year", kind=kind, year=as_of.year, reviewed=review.year)
    if as_of.date is None:
        return None
    day = date.fromisoformat(as_of.date)
    next_year = date(review.year + 1, 4, 1)
    if day > next_year:
        return say("doubt.after_year", date=as_of.date, reviewed=review.year, latest=next_year)
    held = held_day(review.held)
    if day > held:
        return say("doubt.after_held", date=as_of.date, held=review.held)
    return None


def held_day(held: str) -> date:
    """The last day a `held: YYYY-MM[-DD]` can mean."""
    parts = [int(x) for x in held.split("-")]
    if len(parts) == 3:
        return date(*parts)
    return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
