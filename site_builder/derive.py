"""Stage 3: facts computed from the validated inputs, once, for every page to share."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .inputs import Inputs
from .models import BudgetItem, Goal, Indicator, Measure, Program
from .progress import Progress, evaluate


@dataclass(frozen=True)
class IndicatorInfo:
    indicator: Indicator
    goal: Goal
    measure: Measure | None  # None for a goal's strategic indicator
    progress: Progress

    @property
    def kind(self) -> str:
        return "strategic" if self.measure is None else "kpi"

    @property
    def anchor(self) -> str:
        return f"indicator-{self.indicator.id}"


@dataclass(frozen=True)
class ProgramInfo:
    program: Program
    goal: Goal
    measure: Measure
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

    def indicators_of(self, goal: Goal) -> list[IndicatorInfo]:
        return [i for i in self.indicators if i.goal.id == goal.id]

    def programs_in(self, measure: Measure) -> list[ProgramInfo]:
        return [p for p in self.programs if p.measure.id == measure.id]

    def indicator(self, ident: str) -> IndicatorInfo:
        return next(i for i in self.indicators if i.indicator.id == ident)


def derive(inputs: Inputs) -> Derived:
    s, grading = inputs.strategy, inputs.site.grading
    indicators = tuple(IndicatorInfo(ind, goal, measure, evaluate(ind, grading, s.period.start))
                       for goal, measure, ind in s.indicators())
    programs = tuple(ProgramInfo(p, g, m, tuple(b for b in s.budget_items if p.id in b.programs))
                     for g, m, p in s.programs())
    counts = Counter(tag for info in programs for tag in info.statuses)
    order = ("continuing", "expanded", "new", "considering")
    return Derived(indicators, programs, {tag: counts.get(tag, 0) for tag in order})
