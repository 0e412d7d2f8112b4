"""The yearly reviews as open data: the reviews, every reviewed value with its grade (long format), each
program's implementation status per year, and the goal/measure assessments with the committee's opinion.

Tables as in `exports_tables` (one `Table` is the CSV, its schema and its catalogue entry). With no
review there is no table at all (never an empty dataset); a review without programs or assessments
has no such table either. Foreign keys tie every row to its review year and to indicators, programs,
goals and measures of the strategy.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..derive.grading import STATES, Grade
from ..load.models import Site, Strategy, Text
from ..opendata.tables import (
    ID_PATTERN,
    INDICATOR_ID,
    PROGRAM_ID,
    ForeignKey,
    Table,
    both,
    col,
    dec,
    ident,
    text_pair,
)

YEAR = col("year", "integer", "評価年度", "Reviewed year", "評価の対象の年度（西暦）", "The fiscal year reviewed (Western calendar)",
           required=True)
TO_REVIEW = ForeignKey(("year",), "reviews", ("year",))
AS_OF_KINDS = ("fiscal", "calendar", "date")

if TYPE_CHECKING:
    from ..derive.facts import Derived


def review_tables(site: Site, s: Strategy, derived: Derived) -> tuple[Table, ...]:
    if not derived.reviews:
        return ()
    sources = tuple({r.review.reviewer.ja: r.review.reviewer for r in derived.reviews}.values())
    period = (derived.reviews[0].year, derived.reviews[-1].year)
    tables = [reviews_table(derived, sources), results_table(derived, sources)]
    if any(r.review.programs for r in derived.reviews):
        tables.append(programs_table(site, derived, sources))
    if any(r.review.goals or r.review.measures for r in derived.reviews):
        tables.append(assessments_table(s, derived, sources))
    return tuple(replace(t, period=period) for t in tables)


def reviews_table(derived: Derived, sources: tuple[Text, ...]) -> Table:
    columns = (
        YEAR,
        col("held", "string", "評価の時期", "Held", "評価が行われた・公表された年月（日）", "When the review was held or published",
            required=True, pattern=r"^\d{4}-\d{2}(-\d{2})?$"),
        *text_pair("reviewer", "評価した者", "Reviewer", required=True),
        col("report_url", "string", "報告書のURL", "Report URL", "公式の報告書・会議録のURL。ない場合は空欄",
            "Address of the official report or minutes; empty where there is none"),
        *text_pair("summary", "総括", "Summary"),
    )
    rows = tuple((str(r.year), r.review.held, *both(r.review.reviewer), r.review.report_url or "", *both(r.review.summary))
                 for r in derived.reviews)
    return Table("reviews", Text(ja="評価（効果検証）", en="Yearly reviews"),
                 Text(ja="年度ごとの評価（効果検証）：時期、評価した者、報告書。", en="Each yearly review: when, by whom, and its report."),
                 columns, rows, sources, ("year",))


def results_table(derived: Derived, sources: tuple[Text, ...]) -> Table:
    grades = tuple(b.id for b in derived.rule.bands) + STATES
    columns = (
        INDICATOR_ID, YEAR,
        col("value", "number", "実績値", "Value",
            "評価で報告された実績値（単位は indicators.csv の unit_ja 列）。測定されなかった場合は空欄",
            "The value the review reports (unit: the unit_en column of indicators.csv); empty where it was not measured"),
        col("as_of", "string", "時点", "As of", "値の時点：年（西暦）または日付（YYYY-MM-DD）。値がない場合は空欄",
            "What the value refers to: a year (Western calendar) or a day (YYYY-MM-DD); empty without a value"),
        col("as_of_kind", "string", "時点の種類", "As-of kind", "fiscal＝年度、calendar＝暦年、date＝日付",
            "fiscal year, calendar year, or date", enum=AS_OF_KINDS),
        col("grade", "string", "評価", "Grade", "評価の区分のID（about ページの評価の基準）、または not_measured＝未測定、"
            "not_gradable＝評価不能", "The band's id (see the grading rule on the about page), or not_measured / not_gradable",
            required=True, enum=grades),
        *text_pair("grade_label", "評価の名前", "Grade label"),
        *text_pair("not_measured", "測定しなかった理由", "Why not measured"),
        *text_pair("source", "出典", "Source"),
        *text_pair("note", "注記", "Note"),
    )
    rows = []
    for n, review in enumerate(derived.reviews):
        for info in derived.indicators:
            result = info.results[n]
            entry = result.entry
            if entry is None:
                continue  # the review leaves it out: no row (not reviewed)
            as_of = result.as_of if entry.value is not None else None
            when = "" if as_of is None else (as_of.date or str(as_of.year))
            kind = "" if as_of is None else ("date" if as_of.date else as_of.kind or "fiscal")
            o = result.outcome
            label = o.band.label if isinstance(o, Grade) else None
            rows.append((info.indicator.id, str(review.year), dec(entry.value), when, kind, o.id, *both(label),
                         *both(entry.not_measured), *both(entry.source), *both(entry.note)))
    return Table("review_results", Text(ja="評価結果（指標ごと・縦持ち）", en="Review results (per indicator, long format)"),
                 Text(ja="各年度の評価で報告された指標の実績値と評価を1行1値で並べた表。評価は data/site.yaml の基準によります。",
                      en="Each indicator's value and grade in each yearly review, one row per value; graded by the rule "
                         "of the site's settings."),
                 columns, tuple(rows), sources, ("indicator_id", "year"),
                 (ForeignKey(("indicator_id",), "indicators", ("indicator_id",)), TO_REVIEW))


def programs_table(site: Site, derived: Derived, sources: tuple[Text, ...]) -> Table:
    statuses = site.review.program_statuses
    names = {s.id: s.name for s in statuses}
    columns = (
        PROGRAM_ID, YEAR,
        col("status", "string", "実施状況", "Status", "、".join(f"{s.id}＝{s.name.ja}" for s in statuses),
            ", ".join(f"{s.id} ({s.name.get('en')})" for s in statuses), required=True,
            enum=tuple(s.id for s in statuses)),
        *text_pair("status_name", "実施状況の名前", "Status name"),
        *text_pair("comment", "コメント", "Comment"),
    )
    rows = tuple((p.id, str(r.year), p.status, *both(names[p.status]), *both(p.comment))
                 for r in derived.reviews for p in r.review.programs)
    return Table("review_programs", Text(ja="取り組みの実施状況", en="Program implementation"),
                 Text(ja="各年度の評価での取り組みの実施状況。", en="Each program's implementation status in each yearly review."),
                 columns, rows, sources, ("program_id", "year"),
                 (ForeignKey(("program_id",), "programs", ("program_id",)), TO_REVIEW))


def assessments_table(s: Strategy, derived: Derived, sources: tuple[Text, ...]) -> Table:
    goal_of = {m.id: g.id for g in s.goals for m in g.measures}
    has_measures = any(g.measures for g in s.goals)
    columns = (
        YEAR,
        ident("goal_id", "基本目標ID", "Goal ID", "評価の対象の基本目標", "The basic goal assessed"),
        col("measure_id", "string", "施策ID", "Measure ID", "評価の対象の施策。基本目標全体の評価は空欄",
            "The measure assessed; empty for the assessment of the whole goal", pattern=ID_PATTERN),
        *text_pair("results", "成果", "Results"),
        *text_pair("issues", "課題", "Issues"),
        *text_pair("next_steps", "今後の方向", "Next steps"),
        *text_pair("opinion", "推進委員会の意見", "Committee's opinion"),
    )
    rows = []
    for r in derived.reviews:
        for goal, measure, a in ([(a.id, "", a) for a in r.review.goals] + [(goal_of[a.id], a.id, a) for a in r.review.measures]):
            rows.append((str(r.year), goal, measure, *both(a.results), *both(a.issues), *both(a.next_steps), *both(a.opinion)))
    keys = (ForeignKey(("goal_id",), "goals", ("goal_id",)), TO_REVIEW,
            *((ForeignKey(("measure_id",), "measures", ("measure_id",)),) if has_measures else ()))
    return Table("review_assessments", Text(ja="評価の所見と委員会の意見", en="Assessments and the committee's opinions"),
                 Text(ja="各年度の評価での基本目標・施策ごとの成果・課題・今後の方向と、推進委員会の意見。",
                      en="Per goal and measure in each yearly review: results, issues, next steps and the committee's opinion."),
                 columns, tuple(rows), sources, (), keys)


def reviews_json(derived: Derived) -> list[dict[str, Any]]:
    """For strategy.json: each review as written, every indicator entry with the grade it was given."""
    out = []
    for n, r in enumerate(derived.reviews):
        data = r.review.model_dump(mode="python")
        grades = {info.indicator.id: info.results[n].outcome.id for info in derived.indicators}
        for entry in data["indicators"]:
            entry["grade"] = grades[entry["id"]]
        out.append(data)
    return out
