"""Cross-checks the models cannot make alone: unique ids, references, years, status tags.

Each check returns problems pointing at the line of the offending value in data/kpi.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Problem
from ..load.loaders import Document, Loc
from ..load.models import Indicator, Strategy
from ..messages import say


def check_strategy(s: Strategy, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Loc] = {}

    def unique(kind: str, ident: str, loc: Loc) -> None:
        if ident in seen:
            line = doc.mark(seen[ident])[0]
            problems.append(doc.problem(loc, say("id.used_twice", kind=say(f"ref.{kind}"), id=ident, line=line)))
        else:
            seen[ident] = loc

    start, end = s.period.start, s.period.end
    if start > end:
        problems.append(doc.problem(("period",), say("plan.period_order", start=start, end=end)))
    if not s.goals:
        problems.append(doc.problem(("goals",), say("plan.no_goals"), at_key=True))
    # Status tags (【継続】…) are all or nothing: a strategy that tags its programs tags every one.
    tagged = any(p.status or p.sub_items for _, _, p in s.programs())
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
                if tagged and program.status is None and not program.sub_items:
                    problems.append(doc.problem(ploc, say("id.no_status", id=program.id)))
            for ki, ind in enumerate(measure.kpis):
                problems += _indicator(ind, mloc + ("kpis", ki), doc, start, end, unique)
    problems += _numbers(((("goals", i), g.number) for i, g in enumerate(s.goals)), doc, "goal")
    for gi, goal in enumerate(s.goals):
        problems += _numbers(((("goals", gi, "measures", i), m.number) for i, m in enumerate(goal.measures)),
                             doc, "measure")
    problems += _also_in(s, doc)
    programs = {p.id for _, _, p in s.programs()}
    for bi, item in enumerate(s.budget_items):
        for pi, ref in enumerate(item.programs):
            if ref not in programs:
                problems.append(doc.problem(("budget_items", bi, "programs", pi), say("ref.budget_program", id=ref)))
    return problems


def _indicator(ind: Indicator, loc: Loc, doc: Document, start: int, end: int, unique) -> list[Problem]:
    unique("indicator", ind.id, loc + ("id",))
    problems = []
    if ind.target.year is None:
        problems.append(doc.problem(loc + ("target",), say("plan.target_no_year")))
    elif not start <= ind.target.year <= end:
        problems.append(doc.problem(loc + ("target", "year"), say("plan.target_outside", year=ind.target.year, start=start, end=end)))
    for part in ("baseline", "target"):
        amount = getattr(ind, part)
        if amount is None:
            continue
        if amount.scale is not None and amount.unit is None:
            problems.append(doc.problem(loc + (part, "scale"), say("plan.scale_no_unit", part=part)))
        elif amount.unit is not None and amount.unit != ind.unit and amount.scale is None:
            ours, theirs = amount.unit.ja or amount.unit.en, ind.unit.ja or ind.unit.en or say("plan.no_unit")
            problems.append(doc.problem(loc + (part, "unit"), say("plan.unit_no_scale", part=part, ours=ours, theirs=theirs)))
    if ind.baseline and ind.baseline.year is not None and ind.baseline.year > start:
        problems.append(doc.problem(loc + ("baseline", "year"), say("plan.baseline_after_start", year=ind.baseline.year, start=start)))
    return problems


def _also_in(s: Strategy, doc: Document) -> list[Problem]:
    """`also_in` lists other measures a KPI serves: they exist, and are not the KPI's own measure."""
    problems: list[Problem] = []
    measures = {m.id for g in s.goals for m in g.measures}
    for gi, goal in enumerate(s.goals):
        for ii, ind in enumerate(goal.indicators):
            if ind.also_in:
                problems.append(doc.problem(("goals", gi, "indicators", ii, "also_in"), say("plan.also_in_strategic", id=ind.id),
                                            at_key=True))
        for mi, measure in enumerate(goal.measures):
            for ki, ind in enumerate(measure.kpis):
                seen: set[str] = set()
                other = min(measures - {measure.id}, default="g1-m2")
                for ai, ref in enumerate(ind.also_in):
                    loc = ("goals", gi, "measures", mi, "kpis", ki, "also_in", ai)
                    if ref == measure.id:
                        problems.append(doc.problem(loc, say("plan.also_in_own", id=ref)))
                    elif ref not in measures:
                        problems.append(doc.problem(loc, say("ref.also_in", id=ref, example=other)))
                    elif ref in seen:
                        problems.append(doc.problem(loc, say("plan.also_in_twice", id=ref)))
                    seen.add(ref)
    return problems


def _numbers(items: Iterable[tuple[Loc, int]], doc: Document, kind: str) -> list[Problem]:
    problems, seen = [], set()
    for loc, n in items:
        if n in seen:
            problems.append(doc.problem(loc + ("number",), say("plan.number_twice", kind=say(f"ref.{kind}"), number=n)))
        seen.add(n)
    return problems


def check_unique_ids(items: Iterable[tuple[str, Loc]], doc: Document, kind: str) -> list[Problem]:
    """Ids of a flat list (cities, survey questions) must be unique (`kind`: city, question: a message id ref.KIND)."""
    problems, seen = [], set()
    for ident, loc in items:
        if ident in seen:
            problems.append(doc.problem(loc, say("plan.id_twice", kind=say(f"ref.{kind}"), id=ident)))
        seen.add(ident)
    return problems
