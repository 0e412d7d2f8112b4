"""The open-data tables: what each CSV holds (columns with types, units and meanings) and its rows.

One `Table` is both the data and its documentation: the CSV header, the Frictionless Table Schema,
the DCAT dataset and the data page's column list are all made from it, so they cannot drift.
Every cell is text, written exactly as in the data: Decimals keep their digits (1.40 stays 1.40),
codes keep their leading zeros, a value the source does not give is an empty cell.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from .. import formats
from ..load.models import Lang, Population, Strategy, Survey, Text

FieldType = str  # Table Schema types used here: "string", "integer", "number"


@dataclass(frozen=True)
class Column:
    name: str  # ASCII snake_case: the CSV header and the Table Schema field name
    type: FieldType
    title: Text
    description: Text
    unit: Text | None = None  # None: no unit (an id, a text); see the description where it varies by row
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str  # resource name; the file is data/<name>.csv
    title: Text
    description: Text
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    sources: tuple[Text, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    period: tuple[int, int] | None = None  # first and last year the data covers; None: not stated

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


# --- cells -------------------------------------------------------------------------------------


def dec(value: Decimal | int | None) -> str:
    """A number as plain digits, exactly as written in the data: no exponent, no grouping, no unit."""
    if value is None:
        return ""
    return format(Decimal(value), "f")


def txt(value: Text | None, lang: Lang) -> str:
    """One language of a text on one line: CSV cells hold no line breaks (総務省 統一ルール).

    Paragraphs are joined (Japanese directly, English with a space); strategy.json keeps them.
    A missing English text is an empty cell, never the Japanese copied over.
    """
    if value is None:
        return ""
    raw = value.ja if lang == "ja" else (value.en or "")
    parts = [line.strip() for line in raw.splitlines() if line.strip()]
    return ("" if lang == "ja" else " ").join(parts)


def both(value: Text | None) -> tuple[str, str]:
    return txt(value, "ja"), txt(value, "en")


def opt(value: object) -> str:
    return "" if value is None else str(value)


# --- column helpers ----------------------------------------------------------------------------


def col(name: str, type_: FieldType, ja: str, en: str, desc_ja: str, desc_en: str, **more) -> Column:
    return Column(name, type_, Text(ja=ja, en=en), Text(ja=desc_ja, en=desc_en), **more)


def text_pair(stem: str, ja: str, en: str, desc_ja: str = "", desc_en: str = "",
              required: bool = False) -> tuple[Column, Column]:
    """A bilingual text as two columns, <stem>_ja and <stem>_en."""
    return (col(f"{stem}_ja", "string", f"{ja}（日本語）", f"{en} (Japanese)", desc_ja or f"{ja}（日本語）",
                desc_en or f"{en} in Japanese", required=required),
            col(f"{stem}_en", "string", f"{ja}（英語）", f"{en} (English)", f"{ja}の英訳。訳がない場合は空欄",
                f"{en} in English; empty where there is no translation"))


ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
STATUSES = ("continuing", "expanded", "new", "considering")
STATUS_HELP = Text(ja="continuing＝継続、expanded＝拡充、new＝新規、considering＝検討",
                   en="continuing, expanded, new or considering (keizoku, kakujū, shinki, kentō in the source)")
YEAR_KINDS = ("fiscal", "calendar")
PERCENT = Text(ja="%", en="%")
PEOPLE = Text(ja="人", en="people")


def ident(name: str, ja: str, en: str, desc_ja: str, desc_en: str, required: bool = True) -> Column:
    return col(name, "string", ja, en, desc_ja, desc_en, required=required, pattern=ID_PATTERN)


GOAL_ID = ident("goal_id", "基本目標ID", "Goal ID", "基本目標の識別子（g1〜g4）", "Identifier of the basic goal (g1 to g4)")
MEASURE_ID = ident("measure_id", "施策ID", "Measure ID", "施策の識別子", "Identifier of the measure")
PROGRAM_ID = ident("program_id", "取り組みID", "Program ID", "取り組みの識別子", "Identifier of the program")
INDICATOR_ID = ident("indicator_id", "指標ID", "Indicator ID", "指標の識別子", "Identifier of the indicator")
STATUS_JA = {"continuing": "継続", "expanded": "拡充", "new": "新規", "considering": "検討"}


def goal_id(s: Strategy) -> Column:
    """GOAL_ID with the strategy's own ids named: (g1 to g4)."""
    first, last = s.goals[0].id, s.goals[-1].id
    if first == last:
        return GOAL_ID
    return ident("goal_id", "基本目標ID", "Goal ID", f"基本目標の識別子（{first}〜{last}）",
                 f"Identifier of the basic goal ({first} to {last})")


def target_years(s: Strategy) -> Text:
    """「平成31年度（2019年度）の目標値」 where every target is for one year, else 「目標値」."""
    years = {ind.target.year for _, _, ind in s.indicators()}
    if len(years) == 1 and None not in years:
        year = years.pop()
        return Text(ja=f"{formats.fiscal_year(year, 'ja')}の目標値", en=f"{formats.fiscal_year(year, 'en')} target")
    return Text(ja="目標値", en="target")


def year_columns(stem: str, ja: str, en: str) -> tuple[Column, Column]:
    return (col(f"{stem}_year", "integer", f"{ja}の年", f"{en} year",
                f"{ja}の年（西暦）。原資料に年の記載がない場合は空欄",
                f"Year of the {en.lower()} (Western calendar); empty where the source does not state it"),
            col(f"{stem}_year_kind", "string", f"{ja}の年の種類", f"{en} year kind",
                "fiscal＝年度（4月〜翌年3月）、calendar＝暦年。年が空欄なら空欄",
                "fiscal (April to March) or calendar year; empty where the year is empty", enum=YEAR_KINDS))


# --- the strategy's tables ---------------------------------------------------------------------

def goals_table(s: Strategy, source: Text) -> Table:
    last, style = max(g.number for g in s.goals), s.numbering.goals
    ja, en = "", ""  # how a number is printed, where it is not printed as itself: (1 = I … 4 = IV)
    if style == "roman" and last > 1:
        ja = f"（1＝{formats.goal_number(1, style, 'ja')} … {last}＝{formats.goal_number(last, style, 'ja')}）"
        en = f" (1 = {formats.goal_number(1, style, 'en')} … {last} = {formats.goal_number(last, style, 'en')})"
    columns = (
        goal_id(s),
        col("number", "integer", "番号", "Number", "基本目標の番号" + ja, "Number of the goal" + en, required=True),
        *text_pair("title", "基本目標名", "Goal title", required=True),
        *text_pair("direction", "戦略の方向性", "Strategic direction",
                   "戦略の方向性（段落は1行につなげています）", "Strategic direction (paragraphs joined on one line)"),
    )
    rows = tuple((g.id, str(g.number), *both(g.title), *both(g.direction)) for g in s.goals)
    return Table("goals", Text(ja="基本目標", en="Basic goals"),
                 Text(ja=f"総合戦略の{len(s.goals)}つの基本目標と戦略の方向性。",
                      en=f"The strategy's {formats.count(len(s.goals), 'en')} basic goals and their direction."),
                 columns, rows, (source,), ("goal_id",))


def measures_table(s: Strategy, source: Text) -> Table:
    style = s.numbering.measures
    last = max((m.number for g in s.goals for m in g.measures), default=1)
    first_no, last_no = formats.measure_number(1, style, "ja"), formats.measure_number(last, style, "ja")
    columns = (
        MEASURE_ID, goal_id(s),
        col("number", "integer", "番号", "Number", f"基本目標の中での施策の番号（1＝{first_no}）",
            f"Number of the measure within its goal (1 = {first_no})", required=True),
        *text_pair("title", "施策名", "Measure title", required=True),
        *text_pair("aim", "施策の目的", "Aim"),
    )
    rows = tuple((m.id, g.id, str(m.number), *both(m.title), *both(m.aim)) for g in s.goals for m in g.measures)
    return Table("measures", Text(ja="施策", en="Measures"),
                 Text(ja=f"基本目標ごとの施策（{first_no}〜{last_no}）とその目的。",
                      en=f"The measures ({first_no} to {last_no}) of each basic goal and their aims."),
                 columns, rows, (source,), ("measure_id",), (ForeignKey(("goal_id",), "goals", ("goal_id",)),))


def tagged(s: Strategy) -> bool:
    """Whether the strategy tags its programs with a status (【継続】…); one that does not has no status column."""
    return any(p.status or p.sub_items for _, _, p in s.programs())


def programs_table(s: Strategy, source: Text) -> Table:
    status = (col("status", "string", "状態", "Status",
                  "取り組みの状態（" + STATUS_HELP.ja + "）。空欄は、状態が内訳ごとに付いている取り組み（program_sub_items.csv）",
                  "Status of the program: " + STATUS_HELP.en + ". Empty where the tags are on the program's sub-items "
                  "(program_sub_items.csv)", enum=STATUSES),) if tagged(s) else ()
    columns = (
        PROGRAM_ID, goal_id(s), MEASURE_ID, *status,
        *text_pair("name", "取り組み名", "Program name", required=True),
        *text_pair("detail", "補足", "Detail", "取り組み名の後の括弧内の補足", "The parenthesis after the program name"),
        *text_pair("description", "内容", "Description"),
    )
    rows = tuple((p.id, g.id, m.id, *((opt(p.status),) if status else ()), *both(p.name), *both(p.detail), *both(p.description))
                 for g, m, p in s.programs())
    description = (Text(ja="施策ごとの取り組みと、その状態（継続・拡充・新規・検討）。",
                        en="The programs of each measure and their status (continuing, expanded, new, under consideration).")
                   if status else Text(ja="施策ごとの取り組み。", en="The programs of each measure."))
    return Table("programs", Text(ja="取り組み内容", en="Programs"), description,
                 columns, rows, (source,), ("program_id",),
                 (ForeignKey(("goal_id",), "goals", ("goal_id",)), ForeignKey(("measure_id",), "measures", ("measure_id",))))


def program_sub_items_table(s: Strategy, source: Text) -> Table:
    columns = (
        PROGRAM_ID,
        col("item_no", "integer", "内訳番号", "Item number", "取り組みの中での内訳の順番（1から）",
            "Order of the sub-item within its program, from 1", required=True),
        *text_pair("name", "内訳名", "Sub-item name", required=True),
        col("status", "string", "状態", "Status", "内訳の状態（" + STATUS_HELP.ja + "）", "Status of the sub-item: "
            + STATUS_HELP.en, required=True, enum=STATUSES),
    )
    rows = tuple((p.id, str(n), *both(item.name), item.status)
                 for _, _, p in s.programs() for n, item in enumerate(p.sub_items, 1))
    program, item = next((p, p.sub_items[0]) for _, _, p in s.programs() if p.sub_items)  # an example from the data
    return Table("program_sub_items", Text(ja="取り組みの内訳", en="Program sub-items"),
                 Text(ja=f"状態が内訳ごとに付いている取り組みの内訳（例：{program.name.ja}の{item.name.ja}【{STATUS_JA[item.status]}】）。",
                      en=f"Parts of a program that carry their own status tag (e.g. {item.name.get('en')}, {item.status}, "
                         f"within {program.name.get('en')})."),
                 columns, rows, (source,), ("program_id", "item_no"),
                 (ForeignKey(("program_id",), "programs", ("program_id",)),))


def indicators_table(s: Strategy, source: Text) -> Table:
    columns = (
        INDICATOR_ID,
        col("kind", "string", "指標の種類", "Kind", "strategic＝戦略指標（基本目標の数値目標）、kpi＝重要業績評価指標（施策のKPI）",
            "strategic = strategic indicator of a goal; kpi = key performance indicator of a measure",
            required=True, enum=("strategic", "kpi")),
        goal_id(s),
        ident("measure_id", "施策ID", "Measure ID", "KPIの施策の識別子。戦略指標は空欄",
              "Identifier of the KPI's measure; empty for a strategic indicator", required=False),
        *text_pair("name", "指標名", "Indicator name", required=True),
        *text_pair("unit", "単位", "Unit", "基準値・目標値の単位。原資料に単位がない場合は空欄",
                   "Unit of the baseline and target; empty where the source prints none"),
        col("baseline", "number", "基準値", "Baseline", "基準値。原資料で「－」（基準値なし）の場合は空欄。単位は unit_ja 列",
            "Baseline value; empty where the source prints a dash (no baseline). Unit: the unit_en column"),
        *year_columns("baseline", "基準値", "Baseline"),
        col("target", "number", "目標値", "Target", "目標値（単位は unit_ja 列）", "Target value (unit: the unit_en column)",
            required=True),
        *year_columns("target", "目標値", "Target"),
        *text_pair("target_note", "目標値の注記", "Target note", "目標値の注記（例：※平成32年世論調査）",
                   "Note on the target (e.g. measured by the FY2020 opinion survey)"),
        *text_pair("source", "出典", "Source", required=True),
        col("direction", "string", "望ましい方向", "Direction", "higher＝高いほど良い、lower＝低いほど良い",
            "higher = higher is better; lower = lower is better", required=True, enum=("higher", "lower")),
        *text_pair("note", "備考", "Note"),
    )
    rows = []
    for g, m, ind in s.indicators():
        b, t = ind.baseline, ind.target
        rows.append((
            ind.id, "strategic" if m is None else "kpi", g.id, m.id if m else "", *both(ind.name),
            ind.unit.ja, ind.unit.en,
            dec(b.value) if b else "", opt(b.year) if b else "", b.year_kind if b and b.year else "",
            dec(t.value), opt(t.year), t.year_kind if t.year else "", *both(t.note),
            *both(ind.source), ind.direction, *both(ind.note)))
    targets = target_years(s)
    return Table("indicators", Text(ja="指標（戦略指標・KPI）", en="Indicators (strategic indicators and KPIs)"),
                 Text(ja=f"基本目標の戦略指標と施策の重要業績評価指標（KPI）：基準値、{targets.ja}、出典。",
                      en="The goals' strategic indicators and the measures' key performance indicators (KPIs): "
                         f"baseline, {targets.en} and source."),
                 columns, tuple(rows), (source,), ("indicator_id",),
                 (ForeignKey(("goal_id",), "goals", ("goal_id",)),  # measures.csv exists only where there are measures
                  *((ForeignKey(("measure_id",), "measures", ("measure_id",)),) if any(g.measures for g in s.goals) else ())))


def indicator_values_table(s: Strategy, source: Text) -> Table:
    columns = (
        INDICATOR_ID,
        col("kind", "string", "値の種類", "Kind", "baseline＝基準値、target＝目標値、actual＝実績値",
            "baseline, target or actual (measured) value", required=True, enum=("baseline", "target", "actual")),
        col("year", "integer", "年", "Year", "値の年（西暦）。原資料に年の記載がない基準値は空欄",
            "Year of the value (Western calendar); empty for a baseline whose year the source does not state"),
        col("year_kind", "string", "年の種類", "Year kind", "fiscal＝年度、calendar＝暦年。年が空欄なら空欄",
            "fiscal or calendar year; empty where the year is empty", enum=YEAR_KINDS),
        col("value", "number", "値", "Value", "値（単位は indicators.csv の unit_ja 列）",
            "The value (unit: the unit_en column of indicators.csv)", required=True),
        *text_pair("note", "注記", "Note"),
        *text_pair("source", "実績値の出典", "Source of the actual", "実績値の出典。基準値・目標値は総合戦略が出典のため空欄",
                   "Source of an actual value; empty for baselines and targets, whose source is the strategy"),
    )
    rows = []
    for _, _, ind in s.indicators():
        if ind.baseline:
            b = ind.baseline
            rows.append((ind.id, "baseline", opt(b.year), b.year_kind if b.year else "", dec(b.value),
                         *both(b.note), "", ""))
        t = ind.target
        rows.append((ind.id, "target", opt(t.year), t.year_kind if t.year else "", dec(t.value), *both(t.note), "", ""))
        # measured values (kind "actual") come from the yearly reviews: data/reviews/<year>.yaml
    return Table("indicator_values", Text(ja="指標の値（縦持ち）", en="Indicator values (long format)"),
                 Text(ja="指標ごとの基準値・目標値・実績値を1行1値で並べた表。実績値は原資料になく、公表されたものだけを出典とともに追加します。",
                      en="Baseline, target and actual values of every indicator, one value per row. The source has no "
                         "actual values; published ones are added with their source."),
                 columns, tuple(rows), (source,), (),
                 (ForeignKey(("indicator_id",), "indicators", ("indicator_id",)),))


def indicator_measures_table(s: Strategy, source: Text) -> Table:
    """A KPI that also serves other measures (`also_in`): one row per further measure. Only where there is one."""
    columns = (INDICATOR_ID, ident("measure_id", "施策ID", "Measure ID", "その指標を自らの指標ともする施策の識別子",
                                   "Identifier of a further measure the indicator serves"))
    rows = tuple((ind.id, ref) for _, _, ind in s.indicators() for ref in ind.also_in)
    return Table("indicator_measures", Text(ja="複数の施策に属する指標", en="Indicators shared by measures"),
                 Text(ja="ある施策の重要業績評価指標（KPI）で、ほかの施策の指標でもあるもの（indicators.csv の measure_id が"
                         "本来の施策）。",
                      en="KPIs of one measure that also measure others (the measure_id of indicators.csv is the KPI's own)."),
                 columns, rows, (source,), ("indicator_id", "measure_id"),
                 (ForeignKey(("indicator_id",), "indicators", ("indicator_id",)),
                  ForeignKey(("measure_id",), "measures", ("measure_id",))))


def budget_items_table(s: Strategy, source: Text) -> Table:
    columns = (
        col("row_no", "integer", "行番号", "Row number",
            "原資料の対照表での行の順番（1から）。2つの取り組みにまたがる行は、取り組みごとに同じ行番号で2行になります",
            "Order of the row in the source table, from 1. A row shared by two programs appears once per program, "
            "with the same row number", required=True),
        PROGRAM_ID,
        *text_pair("budget_name", "予算事業名", "Budget project",
                   "予算事業名。原資料で空欄または「-」の場合は空欄", "Budget project name; empty where the source cell is "
                   "blank or a dash"),
        col("code", "string", "事業コード", "Project code",
            "10桁の事業コード（文字列。先頭の0を含む）。原資料で「-」の場合は「-」、空欄の場合は空欄",
            "10-digit project code (text, with its leading zero). \"-\" where the source prints a dash; empty where "
            "the source cell is blank", pattern=r"^(\d{10}|-)$"),
        *text_pair("note", "備考", "Note", "備考（※予算事業のみ、【検討事業】など）", "Note (budget project only, "
                   "project under consideration, …)"),
    )
    rows = tuple((str(n), pid, *both(b.name), opt(b.code), *both(b.note))
                 for n, b in enumerate(s.budget_items, 1) for pid in b.programs)
    return Table("budget_items", Text(ja="予算事業対照表", en="Budget projects"),
                 Text(ja="取り組みと予算事業名・事業コードの対照表"
                         + (f"（原資料の「{s.budget_title.ja}」）。" if s.budget_title else "。"),
                      en="Programs and their budget projects and project codes (the appendix table of the source)."),
                 columns, rows, (source,), ("row_no", "program_id"),
                 (ForeignKey(("program_id",), "programs", ("program_id",)),))


# --- section 2 of the strategy: population and survey ------------------------------------------


def births_deaths_table(p: Population) -> Table:
    v = p.vital_statistics
    columns = (
        col("year", "integer", "年", "Year", "暦年（西暦）", "Calendar year", required=True),
        col("births", "integer", "出生数", "Births", "出生数", "Number of births", unit=PEOPLE, required=True),
        col("deaths", "integer", "死亡数", "Deaths", "死亡数", "Number of deaths", unit=PEOPLE, required=True),
    )
    rows = tuple((str(r.year), str(r.births), str(r.deaths)) for r in v.rows)
    return Table("births_deaths", v.title, v.description or v.title,
                 columns, rows, (v.source,), ("year",))


def fertility_table(p: Population) -> Table:
    f = p.fertility
    columns = (
        col("city_id", "string", "市ID", "City ID", "市の識別子", "Identifier of the city", required=True, pattern=ID_PATTERN),
        *text_pair("city", "市名", "City", required=True),
        col("year", "integer", "年", "Year", "暦年（西暦）" if f.year_kind == "calendar" else "年度（西暦）",
            "Calendar year" if f.year_kind == "calendar" else "Fiscal year", required=True),
        col("total_fertility_rate", "number", "合計特殊出生率", "Total fertility rate", "合計特殊出生率",
            "Total fertility rate (TFR)", required=True),
    )
    rows = tuple((c.id, *both(c.name), str(f.year), dec(c.rate)) for c in f.cities)
    return Table("fertility_comparison", f.title, f.description or f.title,
                 columns, rows, (f.source,), ("city_id",))


def survey_table(sv: Survey) -> Table:
    columns = (
        col("question_id", "string", "設問ID", "Question ID", "設問の識別子", "Identifier of the question", required=True,
            pattern=ID_PATTERN),
        col("answer_no", "integer", "回答番号", "Answer number", "設問の中での回答の順番（1から）",
            "Order of the answer within its question, from 1", required=True),
        *text_pair("question", "設問", "Question", required=True),
        *text_pair("respondents", "回答者", "Respondents", "回答者の範囲（限定がある場合）", "Who answered, where restricted"),
        *text_pair("answer", "回答", "Answer", required=True),
        col("percent", "number", "割合", "Percent", "その回答を選んだ人の割合", "Share of respondents who chose the answer",
            unit=PERCENT, required=True),
        col("rank", "integer", "順位", "Rank", "原資料が述べている順位。述べていない場合は空欄",
            "Rank as the source states it; empty where it does not"),
    )
    rows = tuple((q.id, str(n), *both(q.question), *both(q.respondents), *both(a.label), dec(a.percent), opt(a.rank))
                 for q in sv.questions for n, a in enumerate(q.answers, 1))
    about = sv.description or sv.title
    return Table("survey_results", sv.title,
                 Text(ja=about.ja + (sv.note.ja if sv.note else ""),
                      en=" ".join(t for t in (about.en, sv.note.en if sv.note else None) if t) or None),
                 columns, rows, (sv.source,), ("question_id", "answer_no"))


def all_tables(s: Strategy, p: Population | None, sv: Survey | None, strategy_source: Text) -> tuple[Table, ...]:
    """Every table, in the order they are listed on the data page and in the package, with the years it covers
    (the plan period for the strategy's own tables; the survey's dates are not in the source).

    A part the strategy lacks has no table, never an empty one: measures, programs, their sub-items,
    indicators, shared KPIs, the budget table, the population and survey figures."""
    plan = (s.period.start, s.period.end)
    programs = [p for _, _, p in s.programs()]
    indicators = s.indicators()
    strategy_tables = (goals_table, *((measures_table,) if any(g.measures for g in s.goals) else ()),
                       *((programs_table,) if programs else ()),
                       *((program_sub_items_table,) if any(p.sub_items for p in programs) else ()),
                       *((indicators_table,) if indicators else ()),
                       *((indicator_measures_table,) if any(i.also_in for _, _, i in indicators) else ()),
                       *((indicator_values_table,) if indicators else ()), *((budget_items_table,) if s.budget_items else ()))
    tables = [replace(make(s, strategy_source), period=plan) for make in strategy_tables]
    if p is not None:
        years = [r.year for r in p.vital_statistics.rows]
        tables += [replace(births_deaths_table(p), period=(min(years), max(years)) if years else None),
                   replace(fertility_table(p), period=(p.fertility.year, p.fertility.year))]
    if sv is not None:
        tables.append(survey_table(sv))
    return tuple(tables)
