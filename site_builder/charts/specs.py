"""Charts: models in, Vega-Lite dicts out (pure: no I/O, same input → same JSON).

Each chart comes with what a reader without the picture needs: a one-sentence summary in the page's
language and the chart's data as a table (which the build also writes as CSV). Numbers and years are
formatted here, in Python, with the same functions as the pages (`formats`), and handed to Vega as
ready-made labels, so the chart says 「18,167人」 and "FY2019" exactly as the text around it does.

The shared look and helpers are in `chart_kit`; rendering (SVG, cache, JavaScript bundle) in `chart_render`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from .. import formats
from ..charts import drawn
from ..charts.drawn import GoalDrawn, IndicatorDrawn, ReviewDrawn
from ..charts.kit import (
    BACKGROUND,
    BAND_COLOURS,
    BLUE,
    FONT,
    GREY,
    INK,
    KIND_COLOURS,
    KIND_SHAPES,
    PALETTE,
    SPLIT_LABEL,
    TAP_AREA,
    TRACK_FILL,
    TRACK_LINE,
    VERMILLION,
    WIDTH,
    Cell,
    Chart,
    Column,
    Table,
    Words,
    amount_text,
    axis_slot,
    decimals,
    finish,
    json_number,
    layer,
    table_csv,
    title_params,
    unchecked,
    unit_name,
    wrap,
    y_title,
    year_label,
)
from ..derive.facts import IndicatorInfo, Result, ReviewInfo
from ..derive.grading import STATES, Grade, Outcome, Rule
from ..incremental.lazy import altair as alt  # imported on first use: cached charts need no Altair
from ..load.models import Amount, FertilityComparison, Goal, Lang, Numbering, SurveyQuestion, Unit, VitalStatistics
from ..render.i18n import Catalogue

# --- one indicator ---------------------------------------------------------------------------


@unchecked
def indicator_chart(info: IndicatorDrawn, catalogue: Catalogue, lang: Lang, plan_start: int) -> Chart:
    """Baseline and target on a fiscal-year axis, the straight path between them, actuals, grade."""
    ind, w = info.indicator, Words(catalogue, lang)
    unit = unit_name(ind.unit, lang)

    def qty(value: Decimal) -> str:
        return formats.quantity(value, ind.unit, lang)

    baseline_slot = None
    if ind.baseline is not None:
        b = ind.baseline
        in_plan = b.year is not None and b.year_kind == "fiscal" and b.year >= plan_start
        # a baseline without a year sits in a slot of its own, named once (the facts beside the chart say
        # "year not stated"; repeating it on every axis and table row was noise)
        baseline_slot = None if in_plan else w("chart.baseline")
        if b.year is not None and not in_plan:
            baseline_slot = axis_slot(b.year, b.year_kind, lang)
    measured = [r for r in info.results if r.value is not None]
    last = max([ind.target.year or plan_start] + [r.year for r in measured])
    first = min([plan_start] + [r.year for r in measured])
    fiscal = {year: axis_slot(year, "fiscal", lang) for year in range(first, last + 1)}
    slots = ([baseline_slot] if baseline_slot else []) + list(fiscal.values())

    def point(kind: str, slot: str, amount_value: Decimal, year_label: str, shown: str | None = None) -> dict:
        # plotted in the indicator's unit; labelled as written (a target in its own unit: 1.2億円)
        shown = shown or qty(amount_value)
        return {"kind": kind, "series": w(f"chart.{kind}"), "slot": slot, "value": json_number(amount_value),
                "value_label": shown, "year_label": year_label, "label": f"{w(f'chart.{kind}')} {shown}"}

    points = []
    if ind.baseline is not None:
        slot = baseline_slot or fiscal[ind.baseline.year or plan_start]
        points.append(point("baseline", slot, ind.baseline.value, year_label(ind.baseline, lang, w),
                            amount_text(ind.baseline, ind.unit, lang)))
    target_year = ind.target.year or last
    target = point("target", fiscal[target_year], ind.target.value, formats.fiscal_year(target_year, lang),
                   amount_text(ind.target, ind.unit, lang))
    # a measured value sits at the year of the review that reports it; its label says what it refers to
    actuals = [point("actual", fiscal[r.year], r.value, as_of_label(r, lang)) for r in measured]

    kinds = [k for k in ("baseline", "target", "actual") if any(p["kind"] == k for p in points + [target] + actuals)]
    series = alt.Color("series:N", title=None, scale=alt.Scale(
        domain=[w(f"chart.{k}") for k in kinds], range=[KIND_COLOURS[k] for k in kinds]))
    shape = alt.Shape("series:N", title=None, scale=alt.Scale(
        domain=[w(f"chart.{k}") for k in kinds], range=[KIND_SHAPES[k] for k in kinds]))
    # the axis says what its slots are: fiscal years, or fiscal years after a calendar-year baseline (出生率 平成26年)
    calendar = ind.baseline is not None and ind.baseline.year is not None and baseline_slot is not None \
        and ind.baseline.year_kind == "calendar"
    x_title = w("chart.year_or_fiscal_year") if calendar else w("chart.fiscal_year")
    x = alt.X("slot:N", title=x_title, sort=slots, scale=alt.Scale(domain=slots),
              axis=alt.Axis(labelAngle=0, labelExpr=SPLIT_LABEL, labelLineHeight=14, labelPadding=4))
    values = [Decimal(str(p["value"])) for p in points + [target] + actuals]
    # a count starts at zero, or a small change would look like a steep rise; a rate may be zoomed
    zero = is_count(info) or min(values) <= 0 <= max(values) or min(values) == max(values)
    if zero and min(values) >= 0 and max(values) > 0:  # from 0 exactly, with room above for the labels
        # (the scale's padding would put −10 under a count)
        scale = alt.Scale(domainMin=0, domainMax=json_number(max(values) * Decimal("1.15")), nice=True)
    else:
        scale = alt.Scale(zero=zero, nice=True, padding=16)
    y = alt.Y("value:Q", scale=scale,
              axis=alt.Axis(format=f",.{decimals(values)}f", tickCount=5, **y_title(unit or w("chart.value"))))
    tooltip = [alt.Tooltip("series:N", title=w("chart.kind")), alt.Tooltip("year_label:N", title=x_title),
               alt.Tooltip("value_label:N", title=w("chart.value"))]

    layers = []
    if points:  # the straight-line path from baseline to target: dashed, lighter, named in the legend, so
        # that it cannot be mistaken for a measured trend
        path = [{**p, "path": w("chart.path")} for p in points + [target]]
        # TRACK_LINE: lighter than the marks, still 3:1 on white (GREY at opacity 0.7 was 2.9:1)
        layers.append(alt.Chart(alt.Data(values=path)).mark_line(color=TRACK_LINE, strokeWidth=1.5).encode(
            x=x, y=y, strokeDash=alt.StrokeDash("path:N", title=None, scale=alt.Scale(
                domain=[w("chart.path")], range=[[6, 4]]))))
    if actuals:
        layers.append(alt.Chart(alt.Data(values=actuals)).mark_line(color=VERMILLION, strokeWidth=2).encode(x=x, y=y))
    marks = points + [target] + actuals
    layers.append(alt.Chart(alt.Data(values=marks)).mark_point(filled=True, size=90, opacity=1).encode(
        x=x, y=y, color=series, shape=shape, tooltip=tooltip))
    layers.append(alt.Chart(alt.Data(values=marks)).mark_point(filled=True, size=TAP_AREA, opacity=0, shape="square").encode(
        x=x, y=y, tooltip=tooltip))  # unseen: a 24 px target for a finger over each small mark
    # Words beside the first and last points run inwards, so they stay clear of the axis and the edge.
    for rows, align, dx in ((points, "left", -6), (actuals[-1:], "center", 0), ([target], "right", 6)):
        if rows:
            layers.append(alt.Chart(alt.Data(values=rows)).mark_text(
                dy=-14, dx=dx, align=align, fontSize=12, color=INK).encode(x=x, y=y, text=alt.Text("label:N")))

    grade = outcome_label(info.outcome, lang, w)
    path_note = w("chart.path_note") if points else w("indicator.no_baseline")
    title = ind.name.get(lang)
    chart = layer(
        *layers,  # no "not reviewed" on every chart before any review: the page says that once
        width=WIDTH - 44, height=170, title=title_params(title, lang, f"{w('chart.grade', grade=grade)} · {path_note}"
                                                         if info.latest else path_note))

    rows = []
    if ind.baseline is not None:
        rows.append(_amount_row(w("chart.baseline"), ind.baseline, lang, w))
    else:
        rows.append((Cell(w("chart.baseline"), w("chart.baseline")), Cell("—", None),
                     Cell(w("indicator.no_baseline"), None)))
    rows += [(Cell(w("chart.actual"), w("chart.actual")), Cell(as_of_label(r, lang), r.as_of.year if r.as_of else None),
              Cell(formats.number(r.value, lang), json_number(r.value))) for r in measured if r.value is not None]
    rows.append(_amount_row(w("chart.target"), ind.target, lang, w))
    columns = (Column(w("chart.kind")), Column(w("chart.year")), Column(w("chart.value"), unit, True))
    # a baseline's or target's note (「※平成32年（2020年）世論調査」) travels with its row into the table and CSV
    notes = {w("chart.baseline"): ind.baseline.note if ind.baseline else None, w("chart.target"): ind.target.note}
    if any(notes.values()):
        columns += (Column(w("indicator.note")),)
        rows = [(*row, Cell(notes[row[0].text].get(lang), notes[row[0].text].get(lang)) if notes.get(row[0].text)
                 else Cell("", None)) for row in rows]
    table = Table(w("chart.table_caption", name=title), columns, tuple(rows))
    return Chart(f"indicator-{ind.id}", lang, title, _indicator_summary(info, lang, w), finish(chart), table,
                 ind.source.get(lang))


def is_count(info: IndicatorDrawn | IndicatorInfo) -> bool:
    """A count (people, cases, schools): whole, non-negative baseline and target in a unit that is not a
    percentage or a unitless ratio. Its axis starts at zero."""
    ind = info.indicator
    amounts = [a.value for a in (ind.baseline, ind.target) if a is not None]
    return bool(ind.unit.ja) and ind.unit.ja not in ("%", "％") and all(
        v >= 0 and v == v.to_integral_value() for v in amounts)


def _amount_row(kind: str, amount: Amount, lang: Lang, w: Words) -> tuple[Cell, ...]:
    return (Cell(kind, kind), Cell(year_label(amount, lang, w) if amount.year is not None else "—", amount.year),
            Cell(formats.number(amount.value, lang), json_number(amount.value)))


def _indicator_summary(info: IndicatorDrawn, lang: Lang, w: Words) -> str:
    ind, latest = info.indicator, info.latest_value
    target_year = formats.fiscal_year(ind.target.year, lang) if ind.target.year else w("year.not_stated")
    target = amount_text(ind.target, ind.unit, lang)
    if latest is None or latest.value is None:
        actual = w("chart.summary_no_actual")
    else:
        actual = w("chart.summary_actual", value=formats.quantity(latest.value, ind.unit, lang),
                   year=as_of_label(latest, lang), grade=outcome_label(latest.outcome, lang, w))
    if ind.baseline is None:
        return w("chart.summary_no_baseline", target=target, target_year=target_year, actual=actual)
    baseline = amount_text(ind.baseline, ind.unit, lang)
    if ind.baseline.year is not None:
        year = formats.year(ind.baseline.year, ind.baseline.year_kind, lang)
        baseline += f"（{year}）" if lang == "ja" else f" ({year})"
    return w("chart.summary", baseline=baseline, target=target, target_year=target_year, actual=actual)


# --- one goal: every indicator on one scale ------------------------------------------------------


@unchecked
def goal_chart(goal: GoalDrawn, infos: Sequence[IndicatorDrawn], catalogue: Catalogue, lang: Lang,
               numbering: Numbering | None = None) -> Chart:
    """Each indicator's attainment on a common 0–100 % scale (baseline = 0 %, target = 100 %).

    While an indicator has no actual value its row shows "baseline → target" in words on an empty
    track, so the chart reads at a glance even before any progress is recorded."""
    w = Words(catalogue, lang)
    goal_label = w("goal.label", n=formats.goal_number(goal.number, (numbering or Numbering()).goals, lang))
    rows, table_rows = [], []
    colours: dict[str, str] = {}  # grade label → colour, in order of first appearance
    for n, info in enumerate(infos):
        ind, result, outcome = info.indicator, info.latest, info.outcome
        name = ind.name.get(lang)
        row_label = "\n".join(wrap(name, 40 if lang == "ja" else 38))
        start = amount_text(ind.baseline, ind.unit, lang) if ind.baseline else w("chart.none")
        target = amount_text(ind.target, ind.unit, lang)
        span = f"{start} → {target}"
        grade = outcome_label(outcome, lang, w)
        share = float(outcome.attainment) if isinstance(outcome, Grade) and outcome.attainment is not None else None
        if result is None or result.value is None:
            note = f"{span}（{grade}）" if lang == "ja" else f"{span} ({grade})"
        else:
            latest = formats.quantity(result.value, ind.unit, lang)
            note = w("chart.goal_latest", value=latest, year=as_of_label(result, lang),
                     grade=grade, share=_percent(share, lang) if share is not None else "—")
        shown = None if share is None else max(0.0, min(share, 1.2))
        rows.append({"order": n, "indicator": row_label, "name": name, "share": shown,
                     "share_label": _percent(share, lang) if share is not None else "—",
                     "grade": grade, "note": note, "span": span})
        colours[grade] = outcome_colour(outcome)
        table_rows.append((Cell(name, name), Cell(start, json_number(ind.baseline.value) if ind.baseline else None),
                           Cell(target, json_number(ind.target.value)),
                           Cell(formats.quantity(result.value, ind.unit, lang) if result and result.value is not None
                                else "—", json_number(result.value) if result and result.value is not None else None),
                           Cell(_percent(share, lang) if share is not None else "—",
                                round(share * 100, 1) if share is not None else None),
                           Cell(grade, outcome.id)))

    # One row per indicator, its name above its track (not beside it), so the chart stays narrow on phones.
    order = [r["indicator"] for r in rows]
    scale = alt.Scale(domain=[0, 1.2], nice=False)
    x = alt.X("share:Q", title=w("chart.attainment_axis"), scale=scale,
              axis=alt.Axis(values=[0, 0.5, 1], format=".0%", grid=True))
    tooltip = [alt.Tooltip("name:N", title=w("chart.indicator")), alt.Tooltip("span:N", title=w("chart.span")),
               alt.Tooltip("share_label:N", title=w("chart.attainment")), alt.Tooltip("grade:N", title=w("chart.grade_title"))]
    track = alt.Chart().mark_bar(color=TRACK_FILL, stroke=TRACK_LINE, strokeWidth=1).encode(
        x=alt.X(datum=0, type="quantitative", scale=scale, title=w("chart.attainment_axis")), x2=alt.X2Datum(1),
        tooltip=tooltip)  # X2Datum, not alt.datum: the dict alt.datum gives goes through from_dict (≈10 ms a chart)
    # The progress bar runs thin along the bottom of the track, under the words, so both stay legible.
    bar = alt.Chart().mark_bar(height=7, yOffset=8).encode(  # a null share (no actual) draws no bar
        x=x, color=alt.Color("grade:N", title=w("chart.grade_title"), legend=None,
                             scale=alt.Scale(domain=list(colours), range=list(colours.values()))),
        tooltip=tooltip)
    text = alt.Chart().mark_text(align="left", dx=6, dy=-5, fontSize=12, color=INK).encode(
        x=alt.X(datum=0, type="quantitative", scale=scale), text=alt.Text("note:N"))
    header = alt.Header(title=None, labelOrient="top", labelAnchor="start", labelAngle=0, labelAlign="left",
                        labelExpr=SPLIT_LABEL, labelFontSize=13, labelColor=INK, labelPadding=4, labelLineHeight=15,
                        labelBaseline="bottom")
    chart = layer(track, bar, text, data=alt.Data(values=rows), width=WIDTH, height=34).facet(
        row=alt.Row("indicator:N", sort=order, header=header), spacing=10,
        title=title_params(w("chart.goal_title", goal=goal_label), lang, w("chart.goal_subtitle")))
    counts = Counter(outcome_label(i.outcome, lang, w) for i in sorted(infos, key=lambda i: outcome_rank(i.outcome)))
    listed = [w("chart.goal_count", label=label, n=count) for label, count in counts.items()]
    summary = w("chart.goal_summary", n=len(infos), counts=("、" if lang == "ja" else ", ").join(listed))
    table = Table(w("chart.goal_caption", goal=goal_label),
                  (Column(w("chart.indicator")), Column(w("chart.baseline"), numeric=True), Column(w("chart.target"), numeric=True),
                   Column(w("chart.latest"), numeric=True), Column(w("chart.attainment"), "%", True), Column(w("chart.grade_title"))),
                  tuple(table_rows))
    return Chart(f"goal-{goal.id}", lang, w("chart.goal_title", goal=goal_label), summary, finish(chart), table)


# --- one review: how many indicators got each grade ---------------------------------------------


@unchecked
def review_chart(info: ReviewDrawn, rule: Rule, catalogue: Catalogue, lang: Lang) -> Chart:
    """The count of each band (best first), then of each state that occurs, as bars from zero."""
    w = Words(catalogue, lang)
    rows = [(f"{b.symbol} {b.label.get(lang)}", info.band_counts[b.id], BAND_COLOURS[b.colour], b.id) for b in rule.bands]
    rows += [(w(f"state.{s}"), n, GREY, s) for s, n in info.state_counts.items() if n]
    values = [{"grade": label, "count": n, "colour": colour} for label, n, colour, _ in rows]
    y = alt.Y("grade:N", title=None, sort=[v["grade"] for v in values], axis=alt.Axis(labelLimit=150, ticks=False))
    x = alt.X("count:Q", title=w("review.count_axis"), scale=alt.Scale(zero=True, nice=True),
              axis=alt.Axis(tickMinStep=1, format="d"))
    data = alt.Data(values=values)
    bars = alt.Chart().mark_bar().encode(y=y, x=x, color=alt.Color("colour:N", scale=None, legend=None),
                                         tooltip=[alt.Tooltip("grade:N", title=w("chart.grade_title")),
                                                  alt.Tooltip("count:Q", title=w("review.count"))])
    labels = alt.Chart().mark_text(align="left", dx=4, fontSize=12, color=INK).encode(y=y, x=x, text="count:Q")
    title = w("review.chart_title", year=formats.fiscal_year(info.year, lang))
    chart = layer(bars, labels, data=data, width=WIDTH - 140, height=28 * len(values), title=title_params(title, lang))
    total = sum(n for _, n, _, _ in rows)
    listed = [w("chart.goal_count", label=label, n=n) for label, n, _, _ in rows if n]
    summary = w("review.chart_summary", n=total, counts=("、" if lang == "ja" else ", ").join(listed))
    table = Table(title, (Column(w("chart.grade_title")), Column(w("review.count"), numeric=True)),
                  tuple((Cell(label, ident), Cell(formats.number(n, lang), n)) for label, n, _, ident in rows))
    return Chart(f"review-{info.year}", lang, title, summary, finish(chart), table)


def outcome_label(outcome: Outcome, lang: Lang, w: Words) -> str:
    """「◎ 順調に進んでいる」 for a grade, 「未評価」 for a state."""
    if isinstance(outcome, Grade):
        return f"{outcome.band.symbol} {outcome.band.label.get(lang)}"
    return w(f"state.{outcome.id}")


def outcome_rank(outcome: Outcome) -> tuple[int, Decimal]:
    """The order a summary lists outcomes in: best band first (bands have falling lower bounds, the last
    none), then the states in their fixed order."""
    if isinstance(outcome, Grade):
        return (0, -outcome.band.min) if outcome.band.min is not None else (1, Decimal(0))
    return (2, Decimal(STATES.index(outcome.id)))


def outcome_colour(outcome: Outcome) -> str:
    return BAND_COLOURS[outcome.band.colour] if isinstance(outcome, Grade) else GREY


def as_of_label(result: Result, lang: Lang) -> str:
    """What a reviewed value refers to: 「平成28年度（2016年度）」, "2016", 「平成29年4月1日」 / "1 April 2017"."""
    as_of = result.as_of
    if as_of is None:
        return formats.fiscal_year(result.year, lang)
    if as_of.year is not None:
        return formats.year(as_of.year, as_of.kind or "fiscal", lang)
    day = date.fromisoformat(as_of.date or "")
    month = formats.month(day.year, day.month, lang)
    return f"{month}{day.day}日" if lang == "ja" else f"{day.day} {month}"


def _percent(share: float, lang: Lang) -> str:
    return formats.number(Decimal(str(round(share * 100))), lang) + "%"


# --- section 2 of the source -------------------------------------------------------------------


@unchecked
def vital_chart(f: VitalStatistics, catalogue: Catalogue, lang: Lang) -> Chart:
    """Births against deaths, side by side for each year the source gives."""
    w = Words(catalogue, lang)
    people = Unit(ja="人", en="people", en_one="person")
    series = [w("figure.births"), w("figure.deaths")]
    years = [axis_slot(r.year, "calendar", lang) for r in f.rows]
    values = []
    for r, year in zip(f.rows, years, strict=True):
        for name, count in zip(series, (r.births, r.deaths), strict=True):
            values.append({"year": year, "year_label": formats.calendar_year(r.year, lang), "series": name,
                           "value": count, "value_label": formats.quantity(count, people, lang)})
    x = alt.X("year:N", title=None, sort=years, axis=alt.Axis(labelAngle=0, labelExpr=SPLIT_LABEL, labelLineHeight=14))
    y = alt.Y("value:Q", axis=alt.Axis(format=",~f", **y_title(w("chart.people"))))
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=series, range=[BLUE, VERMILLION]))
    offset = alt.XOffset("series:N", sort=series)
    tooltip = [alt.Tooltip("year_label:N", title=w("figure.year")), alt.Tooltip("series:N", title=w("chart.kind")),
               alt.Tooltip("value_label:N", title=w("chart.value"))]
    data = alt.Data(values=values)
    bars = alt.Chart().mark_bar().encode(x=x, y=y, xOffset=offset, color=colour, tooltip=tooltip)
    labels = alt.Chart().mark_text(dy=-7, fontSize=12, color=INK).encode(
        x=x, y=y, xOffset=offset, text=alt.Text("value_label:N"))
    title = f.title.get(lang)
    chart = layer(bars, labels, data=data, width=WIDTH - 50, height=200, title=title_params(title, lang))
    first, last = f.rows[0], f.rows[-1]

    def qty(n: int) -> str:
        return formats.quantity(n, people, lang)

    summary = w("chart.vital_summary", y1=formats.calendar_year(first.year, lang),
                y2=formats.calendar_year(last.year, lang), b1=qty(first.births), b2=qty(last.births),
                d1=qty(first.deaths), d2=qty(last.deaths))
    rows = tuple((Cell(formats.calendar_year(r.year, lang), r.year), Cell(formats.number(r.births, lang), r.births),
                  Cell(formats.number(r.deaths, lang), r.deaths),
                  Cell(formats.number(r.births - r.deaths, lang), r.births - r.deaths)) for r in f.rows)
    unit = people.ja if lang == "ja" else people.en
    table = Table(title, (Column(w("figure.year")), Column(w("figure.births"), unit, True), Column(w("figure.deaths"), unit, True),
                          Column(w("figure.natural_change"), unit, True)), rows)
    return Chart("vital-statistics", lang, title, summary, finish(chart), table, f.source.get(lang))


@unchecked
def fertility_chart(f: FertilityComparison, catalogue: Catalogue, lang: Lang) -> Chart:
    """The total fertility rate of each city, highest first, the data's highlighted city (the strategy's own)
    in colour and bold."""
    w = Words(catalogue, lang)
    ranked = sorted(f.cities, key=lambda c: (-c.rate, c.id))
    ours = ("・" if lang == "ja" else ", ").join(c.name.get(lang) for c in f.cities if c.highlight)
    values = [{"city": c.name.get(lang), "rate": json_number(c.rate), "rate_label": formats.number(c.rate, lang),
               "group": ours if c.highlight else w("chart.compared")} for c in ranked]
    order = [v["city"] for v in values]
    highlighted = [c.name.get(lang) for c in f.cities if c.highlight]
    bold = alt.condition(alt.FieldOneOfPredicate(field="value", oneOf=highlighted), alt.value("bold"), alt.value("normal"))
    y = alt.Y("city:N", title=None, sort=order, scale=alt.Scale(paddingInner=0.2), axis=alt.Axis(labelFontWeight=bold, ticks=False))
    x = alt.X("rate:Q", title=w("figure.tfr"), scale=alt.Scale(zero=True), axis=alt.Axis(format=".1f", tickCount=4))
    colour = alt.Color("group:N", title=None, scale=alt.Scale(domain=[ours, w("chart.compared")] if ours else [w("chart.compared")],
                                                              range=[VERMILLION, GREY] if ours else [GREY]))
    tooltip = [alt.Tooltip("city:N", title=w("figure.city")), alt.Tooltip("rate_label:N", title=w("figure.tfr"))]
    data = alt.Data(values=values)
    bars = alt.Chart().mark_bar().encode(y=y, x=x, color=colour, tooltip=tooltip)
    labels = alt.Chart().mark_text(align="left", dx=4, fontSize=12, color=INK).encode(
        y=y, x=x, text=alt.Text("rate_label:N"))
    year = formats.year(f.year, f.year_kind, lang)
    title = f"{f.title.get(lang)}（{year}）" if lang == "ja" else f"{f.title.get(lang)} ({year})"
    chart = layer(bars, labels, data=data, width=WIDTH - 110, height=30 * len(values), title=title_params(title, lang))
    summary = _fertility_summary(f, lang, w)
    rows = tuple((Cell(c.name.get(lang), c.name.get(lang)), Cell(formats.number(c.rate, lang), json_number(c.rate)))
                 for c in f.cities)
    table = Table(title, (Column(w("figure.city")), Column(w("figure.tfr"), numeric=True)), rows,
                  tuple(n for n, c in enumerate(f.cities) if c.highlight))
    return Chart("fertility", lang, title, summary, finish(chart), table, f.source.get(lang))


def _fertility_summary(f: FertilityComparison, lang: Lang, w: Words) -> str:
    ours = next((c for c in f.cities if c.highlight), None)
    if ours is None:
        return w("chart.fertility_plain", n=len(f.cities))
    rank = 1 + sum(1 for c in f.cities if c.rate > ours.rate)
    key = ("chart.fertility_lowest" if all(ours.rate < c.rate for c in f.cities if c is not ours)
           else "chart.fertility_highest" if rank == 1 else "chart.fertility_rank")
    return w(key, city=ours.name.get(lang), rate=formats.number(ours.rate, lang), n=len(f.cities), rank=rank)


@unchecked
def survey_chart(q: SurveyQuestion, catalogue: Catalogue, lang: Lang, source: str, note: str = "") -> Chart:
    """The answers the source quotes for one question, as bars on a 0–100 % scale."""
    w = Words(catalogue, lang)
    pct = Unit(ja="%", en="%")
    values = [{"answer": "\n".join(wrap(a.label.get(lang), 20)), "name": a.label.get(lang),
               "percent": json_number(a.percent), "percent_label": formats.quantity(a.percent, pct, lang),
               "rank": w("figure.rank_n", n=a.rank) if a.rank else "—"} for a in q.answers]
    order = [v["answer"] for v in values]
    y = alt.Y("answer:N", title=None, sort=order, scale=alt.Scale(paddingInner=0.3), axis=alt.Axis(labelExpr=SPLIT_LABEL, labelLimit=140,
                                                                labelLineHeight=14, ticks=False))
    x = alt.X("percent:Q", title=w("chart.share_axis"), scale=alt.Scale(domain=[0, 100]),
              axis=alt.Axis(values=[0, 25, 50, 75, 100]))
    tooltip = [alt.Tooltip("name:N", title=w("figure.answer")), alt.Tooltip("percent_label:N", title=w("figure.percent")),
               alt.Tooltip("rank:N", title=w("figure.rank"))]
    data = alt.Data(values=values)
    bars = alt.Chart().mark_bar(color=BLUE).encode(y=y, x=x, tooltip=tooltip)
    labels = alt.Chart().mark_text(align="left", dx=4, fontSize=12, color=INK).encode(
        y=y, x=x, text=alt.Text("percent_label:N"))
    title = q.question.get(lang)
    subtitle = w("chart.respondents", who=q.respondents.get(lang)) if q.respondents else None
    lines = sum(v["answer"].count("\n") + 1 for v in values)
    chart = layer(bars, labels, data=data, width=WIDTH - 130, height=14 * lines + 22 * len(values),
                  title=title_params(title, lang, subtitle))
    top = max(q.answers, key=lambda a: a.percent)
    summary = w("chart.survey_summary", label=top.label.get(lang), percent=formats.quantity(top.percent, pct, lang))
    rows = tuple((Cell(a.label.get(lang), a.label.get(lang)), Cell(formats.number(a.percent, lang), json_number(a.percent)),
                  Cell(w("figure.rank_n", n=a.rank) if a.rank else "—", a.rank)) for a in q.answers)
    table = Table(title, (Column(w("figure.answer")), Column(w("figure.percent"), "%", True), Column(w("figure.rank"))), rows)
    return Chart(f"survey-{q.id}", lang, title, summary, finish(chart), table, source, note)


def all_charts(indicators: Sequence[IndicatorInfo], goals: Sequence[Goal], population, survey,
               catalogue: Catalogue, lang: Lang, plan_start: int, numbering: Numbering | None = None,
               reviews: Sequence[ReviewInfo] = (), rule: Rule | None = None) -> list[Chart]:
    """Every chart of the site in one language, in a stable order: a goal without indicators has no
    overview, a strategy without population or survey figures (None) has no such charts."""
    charts = [indicator_chart(drawn.indicator(i), catalogue, lang, plan_start) for i in indicators]
    for g in goals:
        infos = [i for i in indicators if i.goal.id == g.id]
        if any(i.latest_value for i in infos):  # until a result is published, empty tracks say nothing
            charts.append(goal_chart(drawn.goal(g), [drawn.indicator(i) for i in infos], catalogue, lang, numbering))
    if rule is not None:
        charts += [review_chart(drawn.review(r), rule, catalogue, lang) for r in reviews]
    if population is not None:
        charts += [vital_chart(population.vital_statistics, catalogue, lang),
                   fertility_chart(population.fertility, catalogue, lang)]
    if survey is not None:
        note = survey.note.get(lang) if survey.note else ""  # said once, under the first survey chart
        charts += [survey_chart(q, catalogue, lang, survey.source.get(lang), "" if n else note)
                   for n, q in enumerate(survey.questions)]
    return charts


__all__ = ["Chart", "Table", "Column", "Cell", "all_charts", "indicator_chart", "goal_chart", "vital_chart",
           "fertility_chart", "survey_chart", "table_csv", "wrap", "PALETTE", "BACKGROUND", "TRACK_LINE", "FONT"]
