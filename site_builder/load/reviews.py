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
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from ..derive.plausibility import plausibility
from ..errors import Problem, clipped, shown
from ..load.advice import halfwidth
from ..load.english import missing_english
from ..load.loaders import Document, Loc, load
from ..load.models import HttpsUrl, Id, Model, Number, ProgramStatus, Site, Strategy, Text, Year, about
from ..messages import say

FOLDER = Path("data/reviews")


class AsOf(Model):
    """What a value refers to: a fiscal or calendar year, or a day (a waiting list counted on 1 April)."""

    year: Year | None = about("値が指す年（西暦）", "Year the value refers to", 2016, default=None)
    # with `year`; None = fiscal
    kind: Literal["fiscal", "calendar"] | None = about(
        "年の種類: fiscal（年度）または calendar（暦年）", "Kind of year: fiscal or calendar", "fiscal", default=None)
    date: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] | None = about(
        "値が指す日（\"YYYY-MM-DD\"、引用符で囲む）", "Day the value refers to (\"YYYY-MM-DD\", in quotes)", "2017-04-01", default=None)


class IndicatorResult(Model):
    """One indicator in one review: its value (with source), or why it was not measured."""

    id: Id = about("指標の id（data/kpi.yaml）", "Indicator id (data/kpi.yaml)", "g1-birth-rate")
    value: Number | None = about(
        "実績値（半角数字。コンマ・単位は付けない）", "Measured value (half-width digits, no commas or units)", 18167, default=None)
    # the reason, when there is no value
    not_measured: Text | None = about("測定しなかった理由（値がないとき）", "Why there is no value", default=None)
    # None: the review's fiscal year
    as_of: AsOf | None = about(
        "値が指す年または日（省くとこの年度）", "Year or day the value refers to (default: this fiscal year)", default=None)
    source: Text | None = about("出典", "Source", default=None)
    note: Text | None = about("注記", "Note", default=None)
    # the project behind it has ended (いの町's ×)
    ended: bool = about("事業が終了した", "The project behind it has ended", True, default=False)


# The statuses data/site.yaml defines, while load_reviews reads the reviews: a status typed by its name
# (実施, as the printed report has it) is told its id, anything else that is no id the ids allowed.
_STATUSES: ContextVar[tuple[ProgramStatus, ...]] = ContextVar("review_program_statuses", default=())
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class ProgramResult(Model):
    id: Id = about("取り組みの id（data/kpi.yaml）", "Program id (data/kpi.yaml)", "g1-m1-p1")
    # one of data/site.yaml review.program_statuses
    status: Id = about(
        "実施状況の id（data/site.yaml の review.program_statuses）", "Status id (data/site.yaml review.program_statuses)", "done")
    comment: Text | None = about("コメント", "Comment", default=None)

    @field_validator("status", mode="before")
    @classmethod
    def _status_id(cls, value: object) -> object:
        # An id-like value (full-width letters included: advice.py names those) is checked against site.yaml later.
        if not isinstance(value, str) or _ID.fullmatch(halfwidth(value)):
            return value
        statuses = _STATUSES.get()
        ids = say("comma").join(s.id for s in statuses)
        word = value.strip().strip("【】[] ")
        named = next((s for s in statuses if word in (s.name.ja, s.name.en)), None)
        if named is not None:
            message = say("review.status_name", value=shown(value), id=named.id, statuses=ids)
        else:
            hint = say("ref.status_one_of", statuses=ids) if statuses else say("ref.no_statuses")
            message = say("ref.unknown_status", status=clipped(value), hint=hint)
        raise PydanticCustomError("program_status", "{message}", {"message": message})


class Assessment(Model):
    """A goal's or measure's self-assessment by the department, and the committee's opinion."""

    id: Id = about("基本目標または施策の id", "Goal or measure id", "g1")
    results: Text | None = about("成果", "Results", default=None)  # 成果
    issues: Text | None = about("課題", "Issues", default=None)  # 課題
    next_steps: Text | None = about("今後の方向", "Next steps", default=None)  # 今後の方向
    opinion: Text | None = about("委員会の意見", "The committee's opinion", default=None)  # 委員会の意見


class Review(Model):
    # the fiscal year reviewed; the file is named after it
    year: Year = about("検証した年度（ファイル名と同じ）", "Fiscal year reviewed (as the file name)", 2016)
    # when it was held or published
    held: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")] = about(
        "実施・公表した年月（\"YYYY-MM\" または \"YYYY-MM-DD\"）",
        "When it was held or published (\"YYYY-MM\" or \"YYYY-MM-DD\")",
        "2017-08")
    reviewer: Text = about("検証した組織", "Reviewer")
    # the official report or minutes
    report_url: HttpsUrl | None = about("報告書・議事録のURL（https://）", "Address of the report or minutes (https://)", default=None)
    summary: Text | None = about("概要", "Summary", default=None)
    indicators: list[IndicatorResult] = about("指標の実績値", "Indicator values", default=[])
    programs: list[ProgramResult] = about("取り組みの実施状況", "Program statuses", default=[])
    goals: list[Assessment] = about("基本目標の評価", "Goal assessments", default=[])
    measures: list[Assessment] = about("施策の評価", "Measure assessments", default=[])

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
            problems.append(Problem(shown, None, None, say("review.file_name")))
            continue
        review, doc, found = load_review(path, shown, site)
        problems += found
        warnings += doc.warnings if doc is not None else ()
        if review is None or doc is None:
            continue
        found = check_review(review, doc, strategy, site, int(path.stem))
        problems += found
        if not found:
            warnings += plausibility(review, doc, strategy) + missing_english(review, doc)
            reviews.append(review)
    return tuple(sorted(reviews, key=lambda r: r.year)), problems, warnings


def load_review(path: Path, shown: Path | str, site: Site) -> tuple[Review | None, Document | None, list[Problem]]:
    """One review file, validated; a status typed by its name is told its id from data/site.yaml."""
    token = _STATUSES.set(tuple(site.review.program_statuses))
    try:
        return load(Review, path, shown)
    finally:
        _STATUSES.reset(token)


def check_review(review: Review, doc: Document, strategy: Strategy, site: Site, named: int) -> list[Problem]:
    problems: list[Problem] = []
    if review.year != named:
        problems.append(doc.problem(("year",), say("review.year_not_name", year=review.year, named=named)))
    if review.year < strategy.period.start:
        problems.append(doc.problem(("year",), say("review.year_before_plan", year=review.year, start=strategy.period.start)))
    problems += _check_held(review, doc)

    indicators = {ind.id: ind for _, _, ind in strategy.indicators()}
    problems += _check_ids(((r.id, ("indicators", i, "id")) for i, r in enumerate(review.indicators)), indicators,
                           doc, "indicator")
    for i, entry in enumerate(review.indicators):
        problems += _check_entry(entry, ("indicators", i), doc)

    programs = {p.id for _, _, p in strategy.programs()}
    problems += _check_ids(((r.id, ("programs", i, "id")) for i, r in enumerate(review.programs)), programs,
                           doc, "program")
    statuses = [s.id for s in site.review.program_statuses]
    for i, entry in enumerate(review.programs):
        if entry.status not in statuses:
            hint = say("ref.status_one_of", statuses=say("comma").join(statuses)) if statuses else say("ref.no_statuses")
            problems.append(doc.problem(("programs", i, "status"), say("ref.unknown_status", status=entry.status, hint=hint)))

    goals = {g.id for g in strategy.goals}
    measures = {m.id for g in strategy.goals for m in g.measures}
    problems += _check_ids(((a.id, ("goals", i, "id")) for i, a in enumerate(review.goals)), goals, doc, "goal")
    problems += _check_ids(((a.id, ("measures", i, "id")) for i, a in enumerate(review.measures)), measures, doc, "measure")
    return problems


def _check_held(review: Review, doc: Document) -> list[Problem]:
    parts = [int(x) for x in review.held.split("-")]
    try:
        date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return [doc.problem(("held",), say("review.held_not_date", held=shown(review.held)))]
    if (parts[0], parts[1]) < (review.year, 4):
        return [doc.problem(("held",), say("review.held_early", held=review.held, year=review.year))]
    return []


def _check_entry(entry: IndicatorResult, loc: Loc, doc: Document) -> list[Problem]:
    """Exactly one of value / not_measured; a value has a source; as_of is a year or a date."""
    problems: list[Problem] = []
    if entry.value is None and entry.not_measured is None:
        problems.append(doc.problem(loc, say("review.no_value", id=entry.id)))
    elif entry.value is not None and entry.not_measured is not None:
        problems.append(doc.problem(loc + ("not_measured",), say("review.value_and_reason", id=entry.id)))
    elif entry.value is not None and entry.source is None:
        problems.append(doc.problem(loc + ("value",), say("review.no_source", id=entry.id)))
    elif entry.not_measured is not None:
        for key in ("source", "as_of"):
            if getattr(entry, key) is not None:
                problems.append(doc.problem(loc + (key,), say("review.not_measured_extra", id=entry.id, key=key), at_key=True))
    as_of = entry.as_of
    if as_of is not None:
        if (as_of.year is None) == (as_of.date is None):
            problems.append(doc.problem(loc + ("as_of",), say("review.as_of_one")))
        elif as_of.date is not None and as_of.kind is not None:
            problems.append(doc.problem(loc + ("as_of", "kind"), say("review.kind_with_date"), at_key=True))
        elif as_of.date is not None:
            try:
                date.fromisoformat(as_of.date)
            except ValueError:
                problems.append(doc.problem(loc + ("as_of", "date"), say("review.not_a_date", value=shown(as_of.date))))
    return problems


def _check_ids(items: Iterable[tuple[str, Loc]], known: Iterable[str], doc: Document, kind: str) -> list[Problem]:
    """Each id refers to something in data/kpi.yaml, and appears once in the review (kind: goal, measure…)."""
    known = list(known)
    problems: list[Problem] = []
    seen: dict[str, Loc] = {}
    for ident, loc in items:
        if ident not in known:
            close = difflib.get_close_matches(ident, known, n=1)
            guess = say("ref.did_you_mean", close=close[0]) if close else ""
            problems.append(doc.problem(loc, say("ref.unknown", kind=say(f"ref.{kind}"), id=ident, guess=guess,
                                                 where=say(f"ref.where_{kind}"))))
        elif ident in seen:
            line = doc.mark(seen[ident])[0]
            problems.append(doc.problem(loc, say("ref.listed_twice", kind=say(f"ref.{kind}"), id=ident, line=line)))
        else:
            seen[ident] = loc
    return problems
