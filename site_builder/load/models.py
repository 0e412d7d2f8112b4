"""The strategy as typed, validated data (pydantic).

Every human-readable text is a `Text`: Japanese and English side by side. Numbers that people
read are `Decimal`, so 41.08 stays 41.08 and 55 stays 55 (the loader hands over the text as written).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

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
from pydantic_core import PydanticCustomError, PydanticUndefined

from ..errors import shown
from ..messages import say

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


ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60), AfterValidator(_not_reserved)]
Number = Annotated[Decimal, _plain(_PLAIN_NUMBER),
                   Field(gt=-NUMBER_LIMIT, lt=NUMBER_LIMIT, decimal_places=NUMBER_DECIMALS, allow_inf_nan=False)]
Count = Annotated[int, _plain(_PLAIN_INTEGER), Field(ge=0, lt=NUMBER_LIMIT)]
Year = Annotated[int, _plain(_PLAIN_INTEGER), Field(ge=1900, le=2100)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Status = Literal["continuing", "expanded", "new", "considering"]
Direction = Literal["higher", "lower"]
# A list a strategy may leave out: absent, empty (`kpis:`) or `[]` all mean "none", never an error.
NoneIsEmpty = BeforeValidator(lambda value: [] if value is None else value)


def about(ja: str, en: str, *examples: object, default: Any = PydanticUndefined) -> Any:
    """A field's help for staff, shown by their editor from the JSON Schemas (`site-builder schema`):
    "目標値／Target value" and examples. Without `default` the field is required."""
    return Field(default, description=f"{ja}／{en}", examples=list(examples) or None)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Model):
    """One text in both languages; English may be missing (it then falls back to Japanese)."""

    ja: NonEmpty = about("日本語", "Japanese")
    en: NonEmpty | None = about("英語（省くと日本語を表示）", "English (when left out, the Japanese is shown)", default=None)

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" and self.en else self.ja

    def has(self, lang: Lang) -> bool:
        return lang == "ja" or bool(self.en)


class Unit(Model):
    """A unit as printed (「人」) and in English ("people"; `en_one` for exactly 1: "school")."""

    ja: str = about("単位（資料の表記。なければ空）", "Unit as printed in Japanese (empty if none)", "人", default="")
    en: str = about("英語の単位（複数形）", "Unit in English, plural", "people", default="")
    en_one: str | None = about("英語の単位（値がちょうど1のとき）", "Unit in English for exactly 1", "person", default=None)


class Amount(Model):
    """A baseline or target: value, the year it refers to (None = not stated), and a note.

    A value written in another unit than its indicator's (a target of 1.2 億円 for an indicator in 万円)
    gives that `unit` and `scale`, how many of the indicator's unit one of its own is (億円 → 万円: 10000).
    `value` is then converted into the indicator's unit, so that every comparison and grade is made in one
    unit; `written` keeps the number as written, for display, and the JSON export writes it back."""

    value: Number = about("値（半角数字。コンマ・単位は付けない）", "Value (half-width digits, no commas or units)", 18167)
    year: Year | None = about("年度（西暦、半角数字）", "Fiscal year (Western calendar, half-width digits)", 2019, default=None)
    year_kind: Literal["fiscal", "calendar"] = about(
        "年の種類: fiscal（年度）または calendar（暦年）", "Kind of year: fiscal or calendar", "fiscal", default="fiscal")
    note: Text | None = about("注記", "Note", default=None)
    unit: Unit | None = about("この値の単位（指標の単位と違うときだけ）", "Unit of this value, only if not the indicator's", default=None)
    scale: Annotated[Number, Field(gt=0)] | None = about(
        "この単位1つが指標の単位でいくつか（億円→万円: 10000）", "How many of the indicator's unit one of this is", 10000, default=None)
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

    id: Id = about("指標の id（半角英小文字・数字・ハイフン）", "Indicator id (lowercase letters, digits, hyphens)", "g1-birth-rate")
    name: Text = about("指標名（【出典：…】を除く）", "Indicator name (without 【出典：…】)")
    unit: Unit = about("単位", "Unit")
    baseline: Amount | None = about("基準値（資料が「－」なら省く）", "Baseline (leave out where the source prints 「－」)", default=None)
    target: Amount = about("目標値", "Target value")
    source: Text = about("出典（【出典：…】の中身）", "Source (the text inside 【出典：…】)")
    direction: Direction = about("望ましい方向: higher（増やす）または lower（減らす）", "Desired direction: higher or lower", "higher")
    note: Text | None = about("注記", "Note", default=None)
    # A KPI that serves more measures than its own: their ids. It keeps one id and one page, and is listed
    # under those measures as a reference to it.
    also_in: Annotated[list[Id], NoneIsEmpty] = about(
        "この KPI が他にも関わる施策の id", "Ids of other measures this KPI also serves", ["g1-m2"], default=[])
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
    return say("plan.actuals_moved", year=year, id=ident or "indicator-id", value=value)


class SubItem(Model):
    """A named part of a program with its own status tag (家庭的保育事業【新規】)."""

    name: Text = about("名称", "Name")
    status: Status = about("状態: continuing（継続）, expanded（拡充）, new（新規）, considering（検討）", "Status tag", "new")


class Program(Model):
    """A program line (取り組み内容) of a measure."""

    id: Id = about("取り組みの id", "Program id", "g1-m1-p1")
    name: Text = about("取り組み名", "Program name")
    detail: Text | None = about("名前の後ろの括弧書き", "The parenthesis after the name", default=None)
    # None where the sub-items carry the tags, or where the strategy tags no program at all (then the
    # site shows no status badges or filters; checks.py: a strategy tags all its programs or none)
    status: Status | None = about(
        "状態タグ: continuing（継続）, expanded（拡充）, new（新規）, considering（検討）", "Status tag", "continuing", default=None)
    sub_items: Annotated[list[SubItem], NoneIsEmpty] = about("それぞれの状態タグを持つ内訳", "Parts with their own status tag", default=[])
    description: Text = about("内容", "Description")


class Measure(Model):
    id: Id = about("施策の id", "Measure id", "g1-m1")
    number: Annotated[int, _plain(_PLAIN_INTEGER), Field(ge=1, le=20)] = about("施策の番号（1〜20）", "Measure number (1–20)", 1)
    title: Text = about("施策名", "Measure title")
    aim: Text | None = about("施策の目的（見出しの下の段落）", "Aim: the paragraph under the title", default=None)
    programs: Annotated[list[Program], NoneIsEmpty] = about("取り組み内容", "Programs", default=[])
    kpis: Annotated[list[Indicator], NoneIsEmpty] = about("重要業績評価指標（KPI）", "Key performance indicators (KPIs)", default=[])


class Goal(Model):
    id: Id = about("基本目標の id", "Goal id", "g1")
    number: Annotated[int, _plain(_PLAIN_INTEGER), Field(ge=1, le=20)] = about("基本目標の番号（1〜20）", "Goal number (1–20)", 1)
    title: Text = about("基本目標名", "Goal title")
    direction: Text = about("基本的方向", "Basic direction")
    indicators: Annotated[list[Indicator], NoneIsEmpty] = about(
        "数値目標（戦略指標）", "Strategic indicators (numerical targets)", default=[])
    measures: Annotated[list[Measure], NoneIsEmpty] = about("施策", "Measures", default=[])


class BudgetItem(Model):
    """A row of the appendix table: budget project and 10-digit code, linked to its program(s)."""

    programs: Annotated[list[Id], Field(min_length=1)] = about(
        "この行が属する取り組みの id", "Ids of the programs this row belongs to", ["g1-m1-p1"])
    name: Text | None = about("予算事業名（空欄なら省く）", "Budget project name (leave out where blank)", default=None)
    code: Annotated[str, StringConstraints(pattern=r"^([0-9]{10}|-)$")] | None = about(
        "事業コード（10桁、引用符で囲む。資料が「-」なら \"-\"）", "10-digit project code in quotes, or \"-\"", "0104010217", default=None)
    note: Text | None = about("注記", "Note", default=None)


class Period(Model):
    start: Year = about("計画期間の最初の年度", "First fiscal year of the plan", 2015)
    end: Year = about("計画期間の最後の年度", "Last fiscal year of the plan", 2019)
    # how the strategy states its period, shown as stated: 「平成27年から平成31年まで」 is `calendar`
    kind: Literal["fiscal", "calendar"] = about("計画期間の書き方（fiscal: 年度、calendar: 年）",
                                                "How the strategy states its period (fiscal years or years)",
                                                "calendar", default="fiscal")


class Numbering(Model):
    """How the document numbers its goals and measures: Ⅰ and ① (roman, circled) or 1 and (1) (arabic, parenthesised)."""

    goals: Literal["roman", "arabic"] = about(
        "基本目標の番号: roman（Ⅰ）または arabic（1）", "Goal numbering: roman (Ⅰ) or arabic (1)", "roman", default="roman")
    measures: Literal["circled", "parenthesised"] = about(
        "施策の番号: circled（①）または parenthesised（(1)）", "Measure numbering: circled or parenthesised", "circled", default="circled")


class Strategy(Model):
    id: Id = about("戦略の id", "Strategy id", "kiyose")
    title: Text = about("戦略の名称", "Strategy title")
    publisher: Text = about("発行者", "Publisher")
    department: Text = about("担当部署", "Department")
    issued: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}$")] = about(
        "策定年月（\"YYYY-MM\"、引用符で囲む）", "Issued (\"YYYY-MM\", in quotes)", "2016-03")
    period: Period = about("計画期間", "Plan period")
    concept: Text | None = about("戦略コンセプト", "Strategy concept", default=None)  # 戦略コンセプト, where the strategy states one
    numbering: Numbering = about("番号の書き方", "Numbering style", default=Numbering())
    goals: Annotated[list[Goal], NoneIsEmpty] = about("基本目標", "Goals")
    # The table of budget projects behind the programs, where the strategy has one (none: no budget page)
    budget_items: Annotated[list[BudgetItem], NoneIsEmpty] = about(
        "予算事業の対照表（1行ずつ）", "Table of budget projects, one entry per row", default=[])
    budget_title: Text | None = about("対照表の名称", "Name of the budget table", default=None)

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
    year: Year = about("年（西暦）", "Year", 2015)
    births: Count = about("出生数", "Births", 600)
    deaths: Count = about("死亡数", "Deaths", 800)


class VitalStatistics(Model):
    title: Text = about("図表の題名", "Title")
    description: Text | None = about(
        "オープンデータの表の説明（省くと題名）", "Description of the open-data table (default: the title)", default=None)
    source: Text = about("出典", "Source")
    rows: list[VitalYear] = about("年ごとの行", "One row per year")


class CityRate(Model):
    id: Id = about("市の id", "City id", "kiyose")
    name: Text = about("市の名称", "City name")
    rate: Number = about("合計特殊出生率（半角数字）", "Total fertility rate (half-width digits)", 1.23)
    highlight: bool = about("強調する（この市）", "Highlight (this city)", True, default=False)


class FertilityComparison(Model):
    title: Text = about("図表の題名", "Title")
    description: Text | None = about(
        "オープンデータの表の説明（省くと題名）", "Description of the open-data table (default: the title)", default=None)
    year: Year = about("年（西暦）", "Year", 2014)
    year_kind: Literal["fiscal", "calendar"] = about(
        "年の種類: fiscal（年度）または calendar（暦年）", "Kind of year: fiscal or calendar", "calendar", default="calendar")
    source: Text = about("出典", "Source")
    cities: list[CityRate] = about("市ごとの値", "One entry per city")


class Population(Model):
    vital_statistics: VitalStatistics = about("出生数と死亡数の推移", "Births and deaths by year")
    fertility: FertilityComparison = about("合計特殊出生率の比較", "Total fertility rates compared")


class SurveyAnswer(Model):
    label: Text = about("回答", "Answer")
    percent: Annotated[Number, Field(ge=0, le=100)] = about("割合（%、半角数字）", "Share in percent (half-width digits)", 41.08)
    rank: Annotated[int, _plain(_PLAIN_INTEGER), Field(ge=1, le=1000)] | None = about(
        "資料が示す順位", "Rank the source states", 2, default=None)


class SurveyQuestion(Model):
    id: Id = about("設問の id", "Question id", "q1")
    question: Text = about("設問", "Question")
    respondents: Text | None = about("回答者（限定があるとき）", "Who answered, where restricted", default=None)
    answers: list[SurveyAnswer] = about("回答", "Answers")


class Survey(Model):
    title: Text = about("調査名", "Survey title")
    # for the open-data table (the survey's note is added to it); None: the title
    description: Text | None = about(
        "オープンデータの表の説明（省くと題名）", "Description of the open-data table (default: the title)", default=None)
    source: Text = about("出典", "Source")
    note: Text | None = about("注記", "Note", default=None)
    questions: list[SurveyQuestion] = about("設問", "Questions")


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
        return say("url.scheme", schemes=say("or").join(s + "://" for s in schemes))
    if match["scheme"] not in schemes:
        return say("url.lowercase", scheme=match["scheme"].lower())
    bad = next((c for c in value if c.isspace() or c in "\"'<>`{}|^\\" or not c.isprintable()), None)
    if bad is not None:
        return say("url.markup")
    if "?" in value or "#" in value:
        return say("url.query")
    if "@" in match["host"]:
        return say("url.user")
    if not value.isascii():
        return say("url.ascii")
    if not match["host"] or not _HOST.fullmatch(match["host"]):
        return say("url.host")
    if not _PATH.fullmatch(match["path"]):
        return say("url.path")
    if folder and not match["path"].endswith("/"):
        return say("url.folder")
    return None


def _web_address(schemes: tuple[str, ...], folder: bool, example: str):
    def check(value: str) -> str:
        reason = url_problem(value, schemes, folder)
        if reason:
            raise PydanticCustomError("web_address", "{message}", {
                "message": say("url.not_publishable", value=shown(value), reason=reason, example=example)})
        return value
    return AfterValidator(check)


# base_url: where the site is published (http for a local test server); other addresses: https only.
SiteUrl = Annotated[str, _web_address(("https", "http"), True, "https://www.city.kiyose.lg.jp/strategy/")]
HttpsUrl = Annotated[str, _web_address(("https",), False, "https://www.city.kiyose.lg.jp/")]


class Licence(Model):
    id: NonEmpty = about("ライセンスの id", "Licence id", "CC-BY-4.0")
    name: Text = about("ライセンス名", "Licence name")
    url: HttpsUrl = about(
        "ライセンスのURL（https://）", "Licence address (https://)", "https://creativecommons.org/licenses/by/4.0/deed.ja")
    compatible_with: Text | None = about("互換性の説明", "Compatibility note", default=None)
    attribution: Text = about("出典の記載方法", "How to credit the source")  # how to credit the source


class BandSpec(Model):
    """One band of a custom grading rule, best first. `min` in percent; None for the last band (all below)."""

    id: Id = about("評価区分の id", "Band id", "on-track")
    symbol: Annotated[str, StringConstraints(min_length=1, max_length=4)] = about("記号（4文字まで）", "Symbol (up to 4 characters)", "◎")
    label: Text = about("区分名", "Label")
    min: Number | None = about("下限（%）。最後の区分では省く", "Lower bound in percent; left out for the last band", 100, default=None)
    # False: the score must be above `min`, not equal to it (いの町's △ "> 0 %")
    inclusive: bool = about("下限ちょうどを含む", "Whether the lower bound itself is included", True, default=True)


class Grading(Model):
    """The published rule that grades each reviewed value (presets and arithmetic: site_builder/derive/grading.py)."""

    preset: Literal["pacing", "four-band", "letters", "custom"] = about(
        "評価方法: pacing, four-band, letters, custom", "Grading rule: pacing, four-band, letters or custom", "pacing", default="pacing")
    measure: Literal["attainment", "pace"] | None = about(
        "custom のみ: attainment（達成率）または pace（進捗）", "custom only: attainment or pace", default=None)
    bands: list[BandSpec] | None = about("custom のみ: 評価区分（良い順）", "custom only: the bands, best first", default=None)
    thresholds: dict[Id, Number] = about(
        "区分の id ごとの下限（%）", "Lower bound in percent for each band id", {"on-track": 90}, default={})
    # pace: where the straight line starts when a baseline states no year (None: the year before the plan)
    path_start: Year | None = about(
        "pace: 基準値に年度がないときの起点の年度", "pace: start year when a baseline states none", 2014, default=None)
    ended_band: Id | None = about("custom: 事業が終了した指標の区分の id", "custom: band of an indicator whose project ended", default=None)


class ProgramStatus(Model):
    """An implementation status a yearly review may give a program (実施, 一部実施 …)."""

    id: Id = about("実施状況の id", "Status id", "done")
    name: Text = about("実施状況の名称（実施、一部実施 など）", "Status name")


class ReviewSettings(Model):
    program_statuses: list[ProgramStatus] = about("効果検証で使う取り組みの実施状況", "Program statuses the reviews may use", default=[])


class Section(Model):
    title: Text = about("題名", "Title")
    # the site's own reading, not the strategy's text: labelled so on the page
    commentary: bool = about("「このサイトによる解説」と表示する", "Labelled as this site's explanation", True, default=False)


class Sections(Model):
    """Titles of the parts whose names differ between strategies."""

    # the page of content/pages/vision.*.md (「○○市の方向性」); needed when it exists
    vision: Section | None = about(
        "「○○市の方向性」ページの題名（content/pages/vision.*.md があれば必須）",
        "Title of the vision page (needed when it exists)",
        default=None)
    goal_narrative: Section | None = about("各基本目標の解説の見出し", "Heading over each goal's narrative", default=None)


class Successor(Model):
    """The plan that follows this one (第2期総合戦略 …): linked once the plan period has ended."""

    name: Text = about("次期計画の名称", "Name of the next plan")
    url: HttpsUrl = about("次期計画のURL（https://）", "Address of the next plan (https://)")


class Site(Model):
    name: Text = about("サイト名", "Site name")
    short_name: Text = about("短い名称", "Short name")
    base_url: SiteUrl = about(
        "公開先のURL（/ で終わる）", "Address the site is published at (ends with /)", "https://www.city.kiyose.lg.jp/strategy/")
    publisher: Text = about("発行者", "Publisher")
    publisher_url: HttpsUrl | None = about("発行者のURL（https://）", "Publisher's address (https://)", default=None)
    contact: Text = about("問い合わせ先", "Contact")
    licence: Licence = about("ライセンス", "Licence")
    # a later change than the plan and its reviews show (a correction); the build fills in the latest date
    # of the three (derive/updated.py), which is what pages and open data call "last updated"
    data_modified: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")] | None = about(
        "データの最終更新日（\"YYYY-MM\" または \"YYYY-MM-DD\"）",
        "Last data change (\"YYYY-MM\" or \"YYYY-MM-DD\")",
        "2017-08",
        default=None)
    # the strategy document on the city's own site, linked where it is cited
    source_url: HttpsUrl | None = about("戦略の原本（PDF）のURL（https://）", "Address of the strategy document (https://)", default=None)
    accessibility_target: NonEmpty = about(
        "アクセシビリティの目標", "Accessibility target", "JIS X 8341-3:2016 AA", default="JIS X 8341-3:2016 AA")
    grading: Grading = about("評価の方法", "Grading rule", default=Grading())
    review: ReviewSettings = about("効果検証の設定", "Review settings", default=ReviewSettings())
    sections: Sections = about("ページの題名", "Section titles", default=Sections())
    # an example, not a real municipality: every page says so
    fictional: bool = about("架空の自治体の例（全ページに表示）", "A fictional example (every page says so)", True, default=False)
    # the city's own page of review reports (効果検証), where it has one
    reports_url: HttpsUrl | None = about(
        "市の効果検証の報告ページ（https://）", "The city's page of review reports (https://)", default=None)
    # the next plan, linked once this plan's period has ended
    successor: Successor | None = about("次期計画", "The next plan", default=None)
