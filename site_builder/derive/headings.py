"""The strategy, its goals and its measures as other pages name them: a heading and a link, not their contents.

A page's cache key is a hash of its context (render/cached_pages.py). A context that held a whole `Goal` was
rendered again after an edit anywhere in that goal, and one that held the whole `Strategy` after any edit at
all; one that holds a heading is rendered again only when what it shows changes."""

from __future__ import annotations

from dataclasses import dataclass

from ..load.models import Goal, Measure, Period, Strategy, Text


@dataclass(frozen=True)
class StrategyHeading:
    """The strategy as every page's header, footer and introduction name it."""

    title: Text
    publisher: Text
    department: Text
    issued: str
    period: Period
    concept: Text | None
    budget_title: Text | None


@dataclass(frozen=True)
class GoalHeading:
    """A goal where a page names or links it ("Goal II  A city where …")."""

    id: str
    number: int
    title: Text


@dataclass(frozen=True)
class MeasureHeading:
    """A measure where a page names or links it, with the aim an indicator's page quotes."""

    id: str
    number: int
    title: Text
    aim: Text | None


def strategy_heading(s: Strategy) -> StrategyHeading:
    return StrategyHeading(s.title, s.publisher, s.department, s.issued, s.period, s.concept, s.budget_title)


def goal_heading(g: Goal) -> GoalHeading:
    return GoalHeading(g.id, g.number, g.title)


def measure_heading(m: Measure) -> MeasureHeading:
    return MeasureHeading(m.id, m.number, m.title, m.aim)
