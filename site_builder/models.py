"""The strategy as typed, validated data (pydantic).

Every human-readable text is a `Text`: Japanese and English side by side. Numbers that people
read are `Decimal`, so 41.08 stays 41.08 and 55 stays 55 (the loader hands over the text as written).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
Year = Annotated[int, Field(ge=1900, le=2100)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Status = Literal["continuing", "expanded", "new", "considering"]
Direction = Literal["higher", "lower"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Model):
    """One text in both languages; English may be missing (it then falls back to Japanese)."""

    ja: NonEmpty
    en: NonEmpty | None = None

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" and self.en else self.ja

    def has(self, lang: Lang) -> bool:
        return lang == "ja" or bool(self.en)


class Unit(Model):
    """A unit as printed (「人」) and in English ("people"; `en_one` for exactly 1: "school")."""

    ja: str = ""
    en: str = ""
    en_one: str | None = None


class Amount(Model):
    """A baseline or target: value, the year it refers to (None = not stated), and a note."""

    value: Decimal
    year: Year | None = None
    year_kind: Literal["fiscal", "calendar"] = "fiscal"
    note: Text | None = None


class Actual(Model):
    """A measured value for a fiscal year. The shipped data has none: never invent one."""

    year: Year
    value: Decimal
    source: Text | None = None
    note: Text | None = None


class Indicator(Model):
    """A strategic indicator (戦略指標) or a measure's KPI (重要業績評価指標)."""

    id: Id
    name: Text
    unit: Unit
    baseline: Amount | None = None  # None: printed 「－」, no baseline
    target: Amount
    source: Text
    direction: Direction
    note: Text | None = None
    actuals: list[Actual] = []


class SubItem(Model):
    """A named part of a program with its own status tag (家庭的保育事業【新規】)."""

    name: Text
    status: Status


class Program(Model):
    """A program line (取り組み内容) of a measure."""

    id: Id
    name: Text
    detail: Text | None = None  # the parenthesis after the name: （つどいの広場・子育て広場）
    status: Status | None = None  # None only where the sub-items carry the tags
    sub_items: list[SubItem] = []
    description: Text


class Measure(Model):
    id: Id
    number: Annotated[int, Field(ge=1, le=20)]
    title: Text
    aim: Text
    programs: list[Program]
    kpis: list[Indicator]


class Goal(Model):
    id: Id
    number: Annotated[int, Field(ge=1, le=20)]
    title: Text
    direction: Text
    indicators: list[Indicator]
    measures: list[Measure]


class BudgetItem(Model):
    """A row of the appendix table: budget project and 10-digit code, linked to its program(s)."""

    programs: Annotated[list[Id], Field(min_length=1)]
    name: Text | None = None  # None: the cell is blank or 「-」 in the source
    code: Annotated[str, StringConstraints(pattern=r"^(\d{10}|-)$")] | None = None  # "-" as printed
    note: Text | None = None


class Period(Model):
    start: Year
    end: Year


class Strategy(Model):
    id: Id
    title: Text
    publisher: Text
    department: Text
    issued: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")]
    period: Period
    concept: Text
    goals: list[Goal]
    budget_items: list[BudgetItem]

    def indicators(self) -> list[tuple[Goal, Measure | None, Indicator]]:
        """Every indicator in document order, with the goal and measure it belongs to."""
        out: list[tuple[Goal, Measure | None, Indicator]] = []
        for goal in self.goals:
            out += [(goal, None, ind) for ind in goal.indicators]
            for measure in goal.measures:
                out += [(goal, measure, ind) for ind in measure.kpis]
        return out

    def programs(self) -> list[tuple[Goal, Measure, Program]]:
        return [(g, m, p) for g in self.goals for m in g.measures for p in m.programs]


# --- Section 2 of the source: population figures and citizens' views ---------------------------


class VitalYear(Model):
    year: Year
    births: Annotated[int, Field(ge=0)]
    deaths: Annotated[int, Field(ge=0)]


class VitalStatistics(Model):
    title: Text
    source: Text
    rows: list[VitalYear]


class CityRate(Model):
    id: Id
    name: Text
    rate: Decimal
    highlight: bool = False


class FertilityComparison(Model):
    title: Text
    year: Year
    year_kind: Literal["fiscal", "calendar"] = "calendar"
    source: Text
    cities: list[CityRate]


class Population(Model):
    vital_statistics: VitalStatistics
    fertility: FertilityComparison


class SurveyAnswer(Model):
    label: Text
    percent: Annotated[Decimal, Field(ge=0, le=100)]
    rank: int | None = None  # the rank the source states (「2番目に多く」), if it does


class SurveyQuestion(Model):
    id: Id
    question: Text
    respondents: Text | None = None  # who answered, where the source restricts it
    answers: list[SurveyAnswer]


class Survey(Model):
    title: Text
    source: Text
    note: Text | None = None
    questions: list[SurveyQuestion]


# --- Site settings (data/site.yaml) -------------------------------------------------------------


class Licence(Model):
    id: NonEmpty
    name: Text
    url: Annotated[str, StringConstraints(pattern=r"^https://")]
    compatible_with: Text | None = None
    attribution: Text  # how to credit the source


class Grading(Model):
    """The documented, configurable grading rule (see site_builder/progress.py)."""

    on_track_ratio: Annotated[Decimal, Field(gt=0, le=1)] = Decimal("0.9")
    assumed_baseline_year: Year | None = None  # used for pacing only, never shown


class Site(Model):
    name: Text
    short_name: Text
    base_url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+/$")]
    publisher: Text
    publisher_url: Annotated[str, StringConstraints(pattern=r"^https://")] | None = None
    contact: Text
    licence: Licence
    data_modified: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]
    accessibility_target: NonEmpty = "JIS X 8341-3:2016 AA"
    grading: Grading = Grading()
