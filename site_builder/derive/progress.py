"""How far an indicator has come (pure arithmetic; the grading rules that use it are in `grading`).

- attainment = (value − baseline) ÷ (target − baseline): 0 at the baseline, 1 at the target, for rising
  and falling targets alike ("lower is better" needs no special case). Without a baseline a rising target
  counts from 0 (value ÷ target: a count or share being built up); a falling target without a baseline
  has no starting point, so no attainment. A target equal to its baseline (keep a level) is 1 when the
  value is on the right side of it, else 0.
- expected share = k ÷ n: straight-line pacing over an n-year path expects k/n of the way in year k,
  the path counted from the baseline's year, or from `path_start` when the baseline states no year.

Fractions, not Decimals: the grades compare these numbers with thresholds, and 3/5 must be exactly 60 %.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..load.models import Indicator


def attainment(indicator: Indicator, value: Decimal) -> Fraction | None:
    target = Fraction(indicator.target.value)
    if indicator.baseline is None:
        if indicator.direction == "lower" or target == 0:
            return None
        return Fraction(value) / target
    start = Fraction(indicator.baseline.value)
    if target == start:
        return Fraction(1) if reached(indicator, value) else Fraction(0)
    return (Fraction(value) - start) / (target - start)


def reached(indicator: Indicator, value: Decimal) -> bool:
    target = indicator.target.value
    return value >= target if indicator.direction == "higher" else value <= target


def path_start(indicator: Indicator, default: int) -> int:
    """The fiscal year the straight-line path starts: the baseline's year, else `default`."""
    return indicator.baseline.year if indicator.baseline and indicator.baseline.year else default


def expected_share(indicator: Indicator, year: int, start: int) -> Fraction:
    """Share of the way from baseline to target that straight-line pacing expects by `year` (0 to 1)."""
    end = indicator.target.year or start
    if end <= start:
        return Fraction(1)
    return min(Fraction(1), max(Fraction(0), Fraction(year - start, end - start)))


def as_decimal(value: Fraction | None) -> Decimal | None:
    """A fraction for people (28 significant digits; pages round it further)."""
    return None if value is None else Decimal(value.numerator) / Decimal(value.denominator)
