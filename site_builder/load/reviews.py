"""The yearly reviews (効果検証): one file per reviewed fiscal year, data/reviews/<YYYY>.yaml.

Models, loading, and the cross-checks a model cannot make alone: the file is named after its year,
every id exists in data/kpi.yaml, each indicator or program appears once, a value has a source, a
program's status is one data/site.yaml defines. Suspicious but possible values are warnings
(`plausibility`). The folder may be missing or empty: then nothing has been reviewed yet.
The file format is documented for staff in data/reviews/README.md.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import StringConstraints

from ..derive.plausibility import plausibility
from ..errors import Problem
from ..load.loaders import Document, Loc, load
from ..load.models import HttpsUrl, Id, Model, Number, Site, Strategy, Text, Year

FOLDER = Path("data/reviews")


class AsOf(Model):
    """What a value refers to: a fiscal or calendar year, or a day (a waiting list counted on 1 April)."""

    year: Year | None = None
    kind: Literal["fiscal", "calendar"] | None = None  # with `year`; None = fiscal
    date: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] | None = None


class IndicatorResult(Model):
    """One indicator in one review: its value (with source), or why it was not measured."""

    id: Id
    value: Number | None = None
    not_measured: Text | None = None  # the reason, when there is no value
    as_of: AsOf | None = None  # None: the review's fiscal year
    source: Text | None = None
    note: Text | None = None
    ended: bool = False  # the project behind it has ended (いの町's ×)


class ProgramResult(Model):
    id: Id
    status: Id  # one of data/site.yaml review.program_statuses
    comment: Text | None = None


class Assessment(Model):
    """A goal's or measure's self-assessment by the department, and the committee's opinion."""

    id: Id
    results: Text | None = None  # 成果
    issues: Text | None = None  # 課題
    next_steps: Text | None = None  # 今後の方向
    opinion: Text | None = None  # 委員会の意見


class Review(Model):
    year: Year  # the fiscal year reviewed; the file is named after it
    held: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")]  # when it was held or published
    reviewer: Text
    report_url: HttpsUrl | None = None  # the official report or minutes
    summary: Text | None = None
    indicators: list[IndicatorResult] = []
    programs: list[ProgramResult] = []
    goals: list[Assessment] = []
    measures: list[Assessment] = []

    def result(self, ident: str) -> IndicatorResult | None:
        return next((r for r in self.indicators if r.id == ident), None)

    def as_of(self, entry: IndicatorResult) -> AsOf:
        """What the entry's value refers to, the default (this fiscal year) filled in."""
        if entry.as_of is None:
            return AsOf(year=self.year, kind="fiscal")
        if entry.as_of.year is not None and entry.as_of.kind is None:
            return AsOf(year=entry.as_of.year, kind="fiscal")
        return entry.as_of


def load_reviews(root: Path, strategy: Strategy, site: Site) -> tuple[tuple[Review, ...], list[Problem], list[Problem]]:
    """Every review under data/reviews/, oldest first, with the problems and warnings found."""
    folder = root / FOLDER
    if not folder.is_dir():
        return (), [], []
    reviews: list[Review] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for path in sorted(folder.iterdir()):
        shown = FOLDER / path.name
        if path.name.startswith(".") or not path.is_file() or path.suffix not in (".yaml", ".yml"):
            continue  # README.md, editor backups
        if path.suffix == ".yml" or not re.fullmatch(r"\d{4}", path.stem):
            problems.append(Problem(shown, None, None, "a review file is named after the fiscal year it reviews: "
                                    "rename it like data/reviews/2016.yaml (four digits, .yaml)"))
            continue
        review, doc, found = load(Review, path, shown)
        problems += found
        warnings += doc.warnings if doc is not None else ()
        if review is None or doc is None:
            continue
        found = check_review(review, doc, strategy, site, int(path.stem))
        problems += found
        if not found:
            warnings += plausibility(review, doc, strategy)
            reviews.append(review)
    return tuple(sorted(reviews, key=lambda r: r.year)), problems, warnings


def check_review(review: Review, doc: Document, strategy: Strategy, site: Site, named: int) -> list[Problem]:
    problems: list[Problem] = []
    if review.year != named:
        problems.append(doc.problem(("year",), f"year {review.year} does not match the file name {named}.yaml: "
                                    f"correct the year, or rename the file to {review.year}.yaml"))
    if review.year < strategy.period.start:
        problems.append(doc.problem(("year",), f"year {review.year} is before the plan starts "
                                    f"({strategy.period.start}): a review covers a fiscal year of the plan"))
    problems += _check_held(review, doc)

    indicators = {ind.id: ind for _, _, ind in strategy.indicators()}
    problems += _check_ids(((r.id, ("indicators", i, "id")) for i, r in enumerate(review.indicators)), indicators,
                           doc, "indicator", "an indicator in data/kpi.yaml (goals → indicators, or measures → kpis)")
    for i, entry in enumerate(review.indicators):
        problems += _check_entry(entry, ("indicators", i), doc)

    programs = {p.id for _, _, p in strategy.programs()}
    problems += _check_ids(((r.id, ("programs", i, "id")) for i, r in enumerate(review.programs)), programs,
                           doc, "program", "a program in data/kpi.yaml (measures → programs)")
    statuses = [s.id for s in site.review.program_statuses]
    for i, entry in enumerate(review.programs):
        if entry.status not in statuses:
            hint = (f"write one of {', '.join(statuses)} (data/site.yaml review.program_statuses)" if statuses else
                    "no statuses are defined yet: list them in data/site.yaml under review: program_statuses:")
            problems.append(doc.problem(("programs", i, "status"), f"unknown status '{entry.status}': {hint}"))

    goals = {g.id for g in strategy.goals}
    measures = {m.id for g in strategy.goals for m in g.measures}
    problems += _check_ids(((a.id, ("goals", i, "id")) for i, a in enumerate(review.goals)), goals,
                           doc, "goal", "a goal in data/kpi.yaml")
    problems += _check_ids(((a.id, ("measures", i, "id")) for i, a in enumerate(review.measures)), measures,
                           doc, "measure", "a measure in data/kpi.yaml (goals → measures)")
    return problems


def _check_held(review: Review, doc: Document) -> list[Problem]:
    parts = [int(x) for x in review.held.split("-")]
    try:
        date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return [doc.problem(("held",), f"held '{review.held}' is not a date: write YYYY-MM or YYYY-MM-DD, e.g. 2017-08")]
    if (parts[0], parts[1]) < (review.year, 4):
        return [doc.problem(("held",), f"held {review.held} is before fiscal year {review.year} began "
                            f"({review.year}-04): write when the review was held or published")]
    return []


def _check_entry(entry: IndicatorResult, loc: Loc, doc: Document) -> list[Problem]:
    """Exactly one of value / not_measured; a value has a source; as_of is a year or a date."""
    problems: list[Problem] = []
    if entry.value is None and entry.not_measured is None:
        problems.append(doc.problem(loc, f"indicator '{entry.id}' has neither value nor not_measured: write "
                                    "value: (a number) with source:, or not_measured: {ja: 理由, en: reason}"))
    elif entry.value is not None and entry.not_measured is not None:
        problems.append(doc.problem(loc + ("not_measured",), f"indicator '{entry.id}' has both value and "
                                    "not_measured: keep the value, or remove it and keep the reason"))
    elif entry.value is not None and entry.source is None:
        problems.append(doc.problem(loc + ("value",), f"the value of '{entry.id}' has no source: add "
                                    "source: {ja: 出典, en: source} (pages show it beside the value)"))
    elif entry.not_measured is not None:
        for key in ("source", "as_of"):
            if getattr(entry, key) is not None:
                problems.append(doc.problem(loc + (key,), f"'{entry.id}' was not measured, so it has no {key}: "
                                            f"remove {key} (a note: is kept)", at_key=True))
    as_of = entry.as_of
    if as_of is not None:
        if (as_of.year is None) == (as_of.date is None):
            problems.append(doc.problem(loc + ("as_of",), "as_of needs a year or a date, not both: "
                                        "write {year: 2016, kind: fiscal} or {date: \"2017-04-01\"}"))
        elif as_of.date is not None and as_of.kind is not None:
            problems.append(doc.problem(loc + ("as_of", "kind"), "kind belongs to a year, not a date: remove kind",
                                        at_key=True))
        elif as_of.date is not None:
            try:
                date.fromisoformat(as_of.date)
            except ValueError:
                problems.append(doc.problem(loc + ("as_of", "date"), f"'{as_of.date}' is not a date: write "
                                            "YYYY-MM-DD, e.g. \"2017-04-01\""))
    return problems


def _check_ids(items: Iterable[tuple[str, Loc]], known: Iterable[str], doc: Document, kind: str, where: str
               ) -> list[Problem]:
    """Each id refers to something in data/kpi.yaml, and appears once in the review."""
    known = list(known)
    problems: list[Problem] = []
    seen: dict[str, Loc] = {}
    for ident, loc in items:
        if ident not in known:
            close = difflib.get_close_matches(ident, known, n=1)
            guess = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(doc.problem(loc, f"unknown {kind} '{ident}'{guess}: use the id of {where}"))
        elif ident in seen:
            line = doc.mark(seen[ident])[0]
            problems.append(doc.problem(loc, f"{kind} '{ident}' is already listed at line {line}: "
                                        "a review lists each one once; keep one entry"))
        else:
            seen[ident] = loc
    return problems
