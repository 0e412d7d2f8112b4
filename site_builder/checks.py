"""Cross-checks the models cannot make alone: unique ids, references, years, status tags.

Each check returns problems pointing at the line of the offending value in data/kpi.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import Problem
from .loaders import Document, Loc
from .models import Indicator, Strategy


def check_strategy(s: Strategy, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Loc] = {}

    def unique(kind: str, ident: str, loc: Loc) -> None:
        if ident in seen:
            line = doc.mark(seen[ident])[0]
            problems.append(doc.problem(loc, f"{kind} id '{ident}' is already used at line {line}: ids must be unique"))
        else:
            seen[ident] = loc

    start, end = s.period.start, s.period.end
    if start > end:
        problems.append(doc.problem(("period",), f"period starts ({start}) after it ends ({end})"))
    for gi, goal in enumerate(s.goals):
        gloc: Loc = ("goals", gi)
        unique("goal", goal.id, gloc + ("id",))
        for ii, ind in enumerate(goal.indicators):
            problems += _indicator(ind, gloc + ("indicators", ii), doc, start, end, unique)
        for mi, measure in enumerate(goal.measures):
            mloc = gloc + ("measures", mi)
            unique("measure", measure.id, mloc + ("id",))
            for pi, program in enumerate(measure.programs):
                ploc = mloc + ("programs", pi)
                unique("program", program.id, ploc + ("id",))
                if program.status is None and not program.sub_items:
                    problems.append(doc.problem(ploc, f"program '{program.id}' has no status: add "
                                                "status: continuing, expanded, new or considering"))
            for ki, ind in enumerate(measure.kpis):
                problems += _indicator(ind, mloc + ("kpis", ki), doc, start, end, unique)
    problems += _numbers(((("goals", i), g.number) for i, g in enumerate(s.goals)), doc, "goal")
    for gi, goal in enumerate(s.goals):
        problems += _numbers(((("goals", gi, "measures", i), m.number) for i, m in enumerate(goal.measures)),
                             doc, "measure")
    programs = {p.id for _, _, p in s.programs()}
    for bi, item in enumerate(s.budget_items):
        for pi, ref in enumerate(item.programs):
            if ref not in programs:
                problems.append(doc.problem(("budget_items", bi, "programs", pi),
                                            f"budget item refers to program '{ref}', which does not exist: "
                                            "use the id of a program under goals → measures → programs"))
    return problems


def _indicator(ind: Indicator, loc: Loc, doc: Document, start: int, end: int, unique) -> list[Problem]:
    unique("indicator", ind.id, loc + ("id",))
    problems = []
    if ind.target.year is None:
        problems.append(doc.problem(loc + ("target",), "target needs its fiscal year, e.g. year: 2019"))
    elif not start <= ind.target.year <= end:
        problems.append(doc.problem(loc + ("target", "year"),
                                    f"target year {ind.target.year} is outside the plan period {start}–{end}"))
    if ind.baseline and ind.baseline.year is not None and ind.baseline.year > start:
        problems.append(doc.problem(loc + ("baseline", "year"),
                                    f"baseline year {ind.baseline.year} is after the plan starts ({start})"))
    years: set[int] = set()
    for ai, actual in enumerate(ind.actuals):
        aloc = loc + ("actuals", ai, "year")
        if not start <= actual.year <= end:
            problems.append(doc.problem(aloc, f"actual value for {actual.year} is outside the plan period {start}–{end}"))
        if actual.year in years:
            problems.append(doc.problem(aloc, f"two actual values for {actual.year}: keep one per fiscal year"))
        years.add(actual.year)
    return problems


def _numbers(items: Iterable[tuple[Loc, int]], doc: Document, kind: str) -> list[Problem]:
    problems, seen = [], set()
    for loc, n in items:
        if n in seen:
            problems.append(doc.problem(loc + ("number",), f"{kind} number {n} is used twice"))
        seen.add(n)
    return problems


def check_unique_ids(items: Iterable[tuple[str, Loc]], doc: Document, kind: str) -> list[Problem]:
    """Ids of a flat list (cities, survey questions) must be unique."""
    problems, seen = [], set()
    for ident, loc in items:
        if ident in seen:
            problems.append(doc.problem(loc, f"{kind} id '{ident}' is used twice"))
        seen.add(ident)
    return problems
