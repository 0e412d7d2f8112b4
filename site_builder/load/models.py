"""The strategy as typed, validated data (pydantic).

Every human-readable text is a `Text`: Japanese and English side by side. Numbers that people
read are `Decimal`, so 41.08 stays 41.08 and 55 stays 55 (the loader hands over the text as written).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..errors import shown

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")

# Ids become folder names; Windows cannot create a folder with a device name.
RESERVED_IDS = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))})
# Every number a person reads stays below this and has at most 6 decimals: larger values crash the
# chart renderer (≥ 1e20) and number formatting (≥ 1e28), and no figure of a city plan comes near.
NUMBER_LIMIT = 10**15
NUMBER_DECIMALS = 6
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_PLAIN_INTEGER = re.compile(r"-?[0-9]+")


def _not_reserved(value: str) -> str:
    if value in RESERVED_IDS:
        raise PydanticCustomError("reserved_id", "'{id}' is a reserved device name on Windows", {"id": value})
    return value


def _plain(pattern: re.Pattern[str]):
    """Only ASCII digits, one '-' and one '.': Python would read ３８, 1_000 or 1e3 as numbers, staff would not."""
    def check(value: object) -> object:
        if isinstance(value, str) and not pattern.fullmatch(value):
            raise PydanticCustomError("number_text", "not a plain number", {"whole": pattern is _PLAIN_INTEGER})
        return value
    return BeforeValidator(check)


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60), AfterValidator(_not_reserved)]
Number = Annotated[Decimal, _plain(_PLAIN_NUMBER),
                   Field(gt=-NUMBER_LIMIT, lt=NUMBER_LIMIT, decimal_places=NUMBER_DECIMALS, allow_inf_nan=False)]
Count = Annotated[int, _plain(_PLAIN_INTEGER), Field(ge=0, lt=NUMBER_LIMIT)]
Year = Annotated[int, _plain(_PLAIN_INTEGER), Field(ge=1900, le=2100)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Status = Literal["continuing", "expanded", "new", "considering"]
Direction = Literal["higher", "lower"]
# A list a strategy may leave out: absent, empty (`kpis:`) or `[]` all mean "none", never an error.
NoneIsEmpty = BeforeValidator(lambda value: [] if value is None else value)


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
    """A baseline or target: value, the year it refers to (None = not stated), and a note.

    A value written in another unit than its indicator's (a target of 1.2 億円 for an indicator in 万円)
    gives that `unit` and `scale`, how many of the indicator's unit one of its own is (億円 → 万円: 10000).
    `value` is then converted into the indicator's unit, so that every comparison and grade is made in one
    unit; `written` keeps the number as written, for display, and the JSON export writes it back."""

    value: Number
    year: Year | None = None
    year_kind: Literal["fiscal", "calendar"] = "fiscal"
    note: Text | None = None
    unit: Unit | None = None  # None: the indicator's unit
    scale: Annotated[Number, Field(gt=0)] | None = None
    _written: Decimal | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _in_indicator_unit(self) -> Amount:
        if self.scale is None:
            return self
        value = self.value * self.scale
        if value == value.to_integral_value():  # 1.2 億円 is 12000 万円, not 12000.0
            value = value.quantize(Decimal(1))
        converted = self.model_copy(update={"value": value})
        converted._written = self.value
        return converted

    @field_serializer("value")
    def _as_written(self, value: Decimal) -> Decimal:
        return self.written

    @property
    def written(self) -> Decimal:
        """The number as written in the data (in `unit` where it has one)."""
        return self._written if self._written is not None else self.value

    def shown_unit(self, indicator_unit: Unit) -> Unit:
        return self.unit or indicator_unit


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
    # A KPI that serves more measures than its own: their ids. It keeps one id and one page, and is listed
    # under those measures as a reference to it.
    also_in: Annotated[list[Id], NoneIsEmpty] = []
    # Retired: measured values live in the yearly review files (data/reviews/<year>.yaml, one truth).
    # The field stays only so that an `actuals:` left here is told where its values belong.
    actuals: None = Field(None, exclude=True, repr=False)

    @field_validator("actuals", mode="before")
    @classmethod
    def _actuals_moved(cls, value: object, info: ValidationInfo) -> None:
        raise PydanticCustomError("moved", moved_actuals(info.data.get("id"), value))


def moved_actuals(ident: object, actuals: object) -> str:
    """What to do with an `actuals:` list: move each value into the review of its year (with an example)."""
    first = actuals[0] if isinstance(actuals, list) and actuals and isinstance(actuals[0], dict) else {}
    year, value = first.get("year") or "2016", first.get("value") or "30"
    return (f"'actuals' is no longer read here: each measured value belongs in the review of its fiscal year, "
            f"data/reviews/<year>.yaml (see data/reviews/README.md); move it there and delete 'actuals', e.g. "
            f"in data/reviews/{year}.yaml:\n    indicators:\n      - id: {ident or 'indicator-id'}\n"
            f"        value: {value}\n        source: {{ja: 出典, en: Source}}")


class SubItem(Model):
    """A named part of a program with its own status tag (家庭的保育事業【新規】)."""

    name: Text
    status: Status


class Program(Model):
    """A program line (取り組み内容) of a measure."""

    id: Id
    name: Text
    detail: Text | None = None  # the parenthesis after the name: （つどいの広場・子育て広場）
    # None where the sub-items carry the tags, or where the strategy tags no program at all (then the
    # site shows no status badges or filters; checks.py: a strategy tags all its programs or none)
    status: Status | None = None
    sub_items: Annotated[list[SubItem], NoneIsEmpty] = []
    description: Text


class Measure(Model):
    id: Id
    number: Annotated[int, _plain(_PLAIN_INTEGER), Field(ge=1, le=20)]
    title: Text
    aim: Text | None = None  # the paragraph under the measure's title, where the strategy has one
    programs: Annotated[list[Program], NoneIsEmpty] = []
    kpis: Annotated[list[Indicator], NoneIsEmpty] = []


class Goal(Model):
    id: Id
    number: Annotated[int, _plain(_PLAIN_INTEGER), Field(ge=1, le=20)]
    title: Text
    direction: Text
    indicators: Annotated[list[Indicator], NoneIsEmpty] = []  # strategic indicators (数値目標), if the strategy has them
    measures: Annotated[list[Measure], NoneIsEmpty] = []


class BudgetItem(Model):
    """A row of the appendix table: budget project and 10-digit code, linked to its program(s)."""

    programs: Annotated[list[Id], Field(min_length=1)]
    name: Text | None = None  # None: the cell is blank or 「-」 in the source
    code: Annotated[str, StringConstraints(pattern=r"^([0-9]{10}|-)$")] | None = None  # "-" as printed
    note: Text | None = None


class Period(Model):
    start: Year
    end: Year


class Numbering(Model):
    """How the document numbers its goals and measures: Ⅰ and ① (roman, circled) or 1 and (1) (arabic, parenthesised)."""

    goals: Literal["roman", "arabic"] = "roman"
    measures: Literal["circled", "parenthesised"] = "circled"


class Strategy(Model):
    id: Id
    title: Text
    publisher: Text
    department: Text
    issued: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}$")]
    period: Period
    concept: Text | None = None  # 戦略コンセプト, where the strategy states one
    numbering: Numbering = Numbering()
    goals: Annotated[list[Goal], NoneIsEmpty]
    # The table of budget projects behind the programs, where the strategy has one (none: no budget page)
    budget_items: Annotated[list[BudgetItem], NoneIsEmpty] = []
    budget_title: Text | None = None  # the table's name in the source, for the budget page

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
    births: Count
    deaths: Count


class VitalStatistics(Model):
    title: Text
    description: Text | None = None  # for the open-data table; None: the title
    source: Text
    rows: list[VitalYear]


class CityRate(Model):
    id: Id
    name: Text
    rate: Number
    highlight: bool = False


class FertilityComparison(Model):
    title: Text
    description: Text | None = None  # for the open-data table; None: the title
    year: Year
    year_kind: Literal["fiscal", "calendar"] = "calendar"
    source: Text
    cities: list[CityRate]


class Population(Model):
    vital_statistics: VitalStatistics
    fertility: FertilityComparison


class SurveyAnswer(Model):
    label: Text
    percent: Annotated[Number, Field(ge=0, le=100)]
    # the rank the source states (「2番目に多く」), if it does
    rank: Annotated[int, _plain(_PLAIN_INTEGER), Field(ge=1, le=1000)] | None = None


class SurveyQuestion(Model):
    id: Id
    question: Text
    respondents: Text | None = None  # who answered, where the source restricts it
    answers: list[SurveyAnswer]


class Survey(Model):
    title: Text
    description: Text | None = None  # for the open-data table (the survey's note is added to it); None: the title
    source: Text
    note: Text | None = None
    questions: list[SurveyQuestion]


# --- Site settings (data/site.yaml) -------------------------------------------------------------


# Addresses end up in sitemap.xml, robots.txt, JSON-LD and href attributes: only a plain web address
# passes (scheme, host, path; no markup, spaces, quotes, user name, query or fragment).
_URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<host>[^/]*)(?P<path>.*)", re.DOTALL)
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::[0-9]{1,5})?")
_PATH = re.compile(r"(?:/(?:[A-Za-z0-9._~!$&()*+,;=:@-]|%[0-9A-Fa-f]{2})*)*")


def url_problem(value: str, schemes: tuple[str, ...], folder: bool) -> str | None:
    """Why `value` is not a web address this site can publish, or None."""
    match = _URL.fullmatch(value)
    if not match or match["scheme"].lower() not in schemes:
        return f"it must start with {' or '.join(s + '://' for s in schemes)}"
    if match["scheme"] not in schemes:
        return f"write the scheme in lowercase ({match['scheme'].lower()}://)"
    bad = next((c for c in value if c.isspace() or c in "\"'<>`{}|^\\" or not c.isprintable()), None)
    if bad is not None:
        return "spaces, quotes, '<', '>' and other markup characters are not allowed in an address"
    if "?" in value or "#" in value:
        return "a query ('?…') or fragment ('#…') is not allowed: give the address of the page itself"
    if "@" in match["host"]:
        return "a user name or password ('…@') is not allowed"
    if not value.isascii():
        return "write it in ASCII: a Japanese domain in its xn-- form, other characters %-encoded (copy it from the browser)"
    if not match["host"] or not _HOST.fullmatch(match["host"]):
        return "it has no valid host name after '//'"
    if not _PATH.fullmatch(match["path"]):
        return "its path has a character an address cannot hold ('%' must start a %XX code)"
    if folder and not match["path"].endswith("/"):
        return "it must end with '/' (the folder the site is published in)"
    return None


def _web_address(schemes: tuple[str, ...], folder: bool, example: str):
    def check(value: str) -> str:
        reason = url_problem(value, schemes, folder)
        if reason:
            raise PydanticCustomError("web_address", "{message}", {
                "message": f"{shown(value)} is not a web address the site can publish: {reason}; write e.g. {example}"})
        return value
    return AfterValidator(check)


# base_url: where the site is published (http for a local test server); other addresses: https only.
SiteUrl = Annotated[str, _web_address(("https", "http"), True, "https://www.city.kiyose.lg.jp/strategy/")]
HttpsUrl = Annotated[str, _web_address(("https",), False, "https://www.city.kiyose.lg.jp/")]


class Licence(Model):
    id: NonEmpty
    name: Text
    url: HttpsUrl
    compatible_with: Text | None = None
    attribution: Text  # how to credit the source


class BandSpec(Model):
    """One band of a custom grading rule, best first. `min` in percent; None for the last band (all below)."""

    id: Id
    symbol: Annotated[str, StringConstraints(min_length=1, max_length=4)]  # ◎, A, 7 …
    label: Text
    min: Number | None = None
    inclusive: bool = True  # False: the score must be above `min`, not equal to it (いの町's △ "> 0 %")


class Grading(Model):
    """The published rule that grades each reviewed value (presets and arithmetic: site_builder/derive/grading.py)."""

    preset: Literal["pacing", "four-band", "letters", "custom"] = "pacing"
    measure: Literal["attainment", "pace"] | None = None  # custom only: what the bands compare
    bands: list[BandSpec] | None = None  # custom only
    thresholds: dict[Id, Number] = {}  # band id → its lower bound in percent, replacing the preset's
    # pace: where the straight line starts when a baseline states no year (None: the year before the plan)
    path_start: Year | None = None
    ended_band: Id | None = None  # custom: the band of an indicator whose project ended (`ended: true`)


class ProgramStatus(Model):
    """An implementation status a yearly review may give a program (実施, 一部実施 …)."""

    id: Id
    name: Text


class ReviewSettings(Model):
    program_statuses: list[ProgramStatus] = []


class Section(Model):
    title: Text


class Sections(Model):
    """Titles of the parts whose names differ between strategies."""

    vision: Section | None = None  # the page of content/pages/vision.*.md (「○○市の方向性」); needed when it exists
    goal_narrative: Section | None = None  # heading over each goal's narrative; None: a general one


class Successor(Model):
    """The plan that follows this one (第2期総合戦略 …): linked once the plan period has ended."""

    name: Text
    url: HttpsUrl


class Site(Model):
    name: Text
    short_name: Text
    base_url: SiteUrl
    publisher: Text
    publisher_url: HttpsUrl | None = None
    contact: Text
    licence: Licence
    data_modified: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")]
    accessibility_target: NonEmpty = "JIS X 8341-3:2016 AA"
    grading: Grading = Grading()
    review: ReviewSettings = ReviewSettings()
    sections: Sections = Sections()
    fictional: bool = False  # an example, not a real municipality: every page says so
    reports_url: HttpsUrl | None = None  # the city's own page of review reports (効果検証), where it has one
    successor: Successor | None = None  # the next plan, linked once this plan's period has ended
