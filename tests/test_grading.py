"""Every grading preset against worked examples written from its published rule (the arithmetic is in
the comments), the states that are not grades, and the checks of a `grading:` block."""

from decimal import Decimal as D

import pytest

from site_builder.derive.grading import Grade, State, check, evaluate, rule
from site_builder.load.models import Amount, BandSpec, Grading, Indicator, Text, Unit
from site_builder.load.reviews import IndicatorResult

PLAN_START = 2015  # plan 2015–2019: a baseline without a year starts the path in 2014, the year before


def ind(baseline, target, direction="higher", baseline_year=None, ident="x"):
    return Indicator(id=ident, name=Text(ja="x"), unit=Unit(), source=Text(ja="s"), direction=direction,
                     baseline=Amount(value=D(baseline), year=baseline_year) if baseline is not None else None,
                     target=Amount(value=D(target), year=2019))


WAITING = ind("45", "20", "lower")  # 保育園待機児童数: lower is better, baseline year not stated
TFR = ind("1.16", "1.23", baseline_year=2014)  # 合計特殊出生率: baseline 2014
DATASETS = ind(None, "226")  # オープンデータ数: no baseline, rising (counts from 0)
MIGRATION = ind("-13", "0")  # 20–30代の転入超過数: a negative baseline


def rule_of(**settings):
    grading = Grading(**settings)
    assert check(grading) == []
    return rule(grading)


def measured(value, ended=False):
    return IndicatorResult(id="x", value=D(value), source=Text(ja="担当課"), ended=ended)


def band(r, indicator, value, year=2016):
    outcome = evaluate(r, indicator, measured(value), year, PLAN_START)
    assert isinstance(outcome, Grade), outcome
    return outcome.band.id


# --- pacing (多摩市): year k of an n-year path expects k/n; ≥ 100 %, ≥ 60 %, below ------------------

PACING = rule_of(preset="pacing")


@pytest.mark.parametrize("value, expected", [
    ("35", "steady"),  # (35 − 45) ÷ (20 − 45) = 40 % of the way; FY2016 is year 2 of 2014→2019: 2/5 = 40 % → 100 %
    ("39", "roughly"),  # 6 ÷ 25 = 24 %; 24 ÷ 40 = 60 % → 60 % counts as roughly on track
    ("40", "needs-improvement"),  # 5 ÷ 25 = 20 %; 20 ÷ 40 = 50 %
    ("50", "needs-improvement"),  # the wrong way: −5 ÷ 25 = −20 %; −50 %
], ids=["on-the-line", "sixty-percent", "fifty-percent", "wrong-way"])
def test_pacing_lower_is_better(value, expected):
    assert band(PACING, WAITING, value) == expected


def test_pacing_counts_from_the_baseline_year_and_records_the_numbers():
    # TFR: path 2014 → 2019 (5 years); FY2017 is year 3: expects 60 %.
    # 1.20: (1.20 − 1.16) ÷ (1.23 − 1.16) = 0.04 ÷ 0.07 = 57.14 %; ÷ 60 % = 95.24 % → roughly
    grade = evaluate(PACING, TFR, measured("1.20"), 2017, PLAN_START)
    assert isinstance(grade, Grade) and grade.band.id == "roughly"
    assert round(grade.attainment, 4) == D("0.5714") and grade.expected == D("0.6")
    assert round(grade.score, 2) == D("95.24")
    assert (grade.rule, grade.anchor) == ("pacing", "grading-roughly")
    # 1.21: 0.05 ÷ 0.07 = 71.43 %; ÷ 60 % = 119 % → steady
    assert band(PACING, TFR, "1.21", 2017) == "steady"


def test_pacing_without_baseline_counts_from_zero():
    # 0 → 226 datasets, path 2014 → 2019; FY2018 is year 4 of 5: expects 80 % = 180.8 datasets
    assert band(PACING, DATASETS, "181", 2018) == "steady"  # 181 ÷ 226 = 80.09 %; ÷ 80 % = 100.1 %
    assert band(PACING, DATASETS, "180", 2018) == "roughly"  # 79.65 %; ÷ 80 % = 99.6 %


def test_pacing_path_start_and_thresholds_are_data():
    # path_start 2015: 2015 → 2019 is 4 years; FY2016 is year 1: expects 25 %.
    # 40 children: 20 % of the way; 20 ÷ 25 = 80 % → roughly (with the default start it was 50 %)
    assert band(rule_of(preset="pacing", path_start=2015), WAITING, "40") == "roughly"
    # the same 50 % of pace reaches "roughly" when its lower bound is moved to 50 %
    assert band(rule_of(preset="pacing", thresholds={"roughly": D(50)}), WAITING, "40") == "roughly"
    # the path starts in 2016: a review of FY2016 is year 0, nothing is expected yet
    outcome = evaluate(rule_of(preset="pacing", path_start=2016), WAITING, measured("40"), 2016, PLAN_START)
    assert outcome == State("not_gradable", reason="path-not-started")
    # after the target year the whole way is expected: FY2021, 35 children = 40 % → 40 %
    assert band(PACING, WAITING, "35", 2021) == "needs-improvement"


# --- four-band (いの町): ◎ ≥ 100 %, ○ ≥ 90 %, △ > 0 %, × ≤ 0 % or ended ------------------------------

FOUR = rule_of(preset="four-band")


@pytest.mark.parametrize("value, expected", [
    ("20", "met"),  # (20 − 45) ÷ (20 − 45) = 100 %
    ("15", "met"),  # −30 ÷ −25 = 120 %
    ("22.5", "level"),  # −22.5 ÷ −25 = 90 %: level with the target
    ("23", "below"),  # −22 ÷ −25 = 88 %
    ("44", "below"),  # −1 ÷ −25 = 4 %: above 0
    ("45", "none"),  # 0 %: no progress
    ("50", "none"),  # −20 %
], ids=["met", "exceeded", "ninety", "eighty-eight", "four", "zero", "negative"])
def test_four_band(value, expected):
    assert band(FOUR, WAITING, value) == expected
    assert band(FOUR, WAITING, value, 2019) == expected  # attainment alone: the year does not matter


def test_four_band_ended_project_is_cross_whatever_the_value():
    grade = evaluate(FOUR, WAITING, measured("30", ended=True), 2016, PLAN_START)  # 60 %, but ended
    assert isinstance(grade, Grade) and grade.band.id == "none" and grade.ended and grade.score is None
    ended = IndicatorResult(id="x", not_measured=Text(ja="事業終了"), ended=True)
    assert evaluate(FOUR, WAITING, ended, 2016, PLAN_START).band.id == "none"
    # a preset without an ended band grades the value
    assert evaluate(PACING, WAITING, measured("35", ended=True), 2016, PLAN_START).band.id == "steady"


def test_four_band_level_threshold_is_data():
    # 25 children: −20 ÷ −25 = 80 %: below by default, level with `thresholds: {level: 80}`
    assert band(FOUR, WAITING, "25") == "below"
    assert band(rule_of(preset="four-band", thresholds={"level": D(80)}), WAITING, "25") == "level"


# --- letters: A ≥ 100 %, B ≥ 80 %, C ≥ 50 %, D below ---------------------------------------------

LETTERS = rule_of(preset="letters")


@pytest.mark.parametrize("indicator, value, expected", [
    (DATASETS, "226", "a"),  # 226 ÷ 226 = 100 %
    (DATASETS, "180.8", "b"),  # 180.8 ÷ 226 = 80 %
    (DATASETS, "180", "c"),  # 79.6 %
    (DATASETS, "113", "c"),  # 50 %
    (DATASETS, "112", "d"),  # 49.6 %
    (WAITING, "25", "b"),  # lower is better: −20 ÷ −25 = 80 %
    (MIGRATION, "-2.6", "b"),  # a negative baseline: (−2.6 + 13) ÷ (0 + 13) = 10.4 ÷ 13 = 80 %
], ids=["a", "b-exactly", "c-just-below-b", "c-exactly", "d", "lower-is-better", "negative-baseline"])
def test_letters(indicator, value, expected):
    assert band(LETTERS, indicator, value) == expected


# --- custom -------------------------------------------------------------------------------------

CUSTOM_BANDS = [BandSpec(id="top", symbol="7", label=Text(ja="高", en="high"), min=D(100)),
                BandSpec(id="mid", symbol="4", label=Text(ja="中", en="middle"), min=D(50), inclusive=False),
                BandSpec(id="low", symbol="1", label=Text(ja="低", en="low"))]


def test_custom_bands_on_attainment_and_on_pace():
    attained = rule_of(preset="custom", measure="attainment", bands=CUSTOM_BANDS)
    assert band(attained, WAITING, "32.5") == "low"  # −12.5 ÷ −25 = 50 %: not above 50
    assert band(attained, WAITING, "32") == "mid"  # 52 %
    paced = rule_of(preset="custom", measure="pace", bands=CUSTOM_BANDS)
    assert band(paced, WAITING, "35") == "top"  # 40 % of the way in year 2 of 5: 100 % of pace


# --- states, for every preset ---------------------------------------------------------------------

ALL = {"pacing": PACING, "four-band": FOUR, "letters": LETTERS,
       "custom": rule_of(preset="custom", measure="attainment", bands=CUSTOM_BANDS)}


@pytest.mark.parametrize("preset", sorted(ALL))
def test_states_are_not_grades(preset):
    r = ALL[preset]
    reason = Text(ja="調査を実施せず", en="no survey that year")
    not_measured = evaluate(r, WAITING, IndicatorResult(id="x", not_measured=reason), 2016, PLAN_START)
    assert not_measured == State("not_measured", note=reason) and not not_measured.graded
    no_review = evaluate(r, WAITING, None, 2016, PLAN_START)
    assert no_review == State("not_reviewed") and no_review.anchor == "grading-not-reviewed"
    falling = evaluate(r, ind(None, "20", "lower"), measured("10"), 2016, PLAN_START)
    assert falling == State("not_gradable", reason="falling-without-baseline")
    zero = evaluate(r, ind(None, "0"), measured("3"), 2016, PLAN_START)
    assert zero == State("not_gradable", reason="zero-target-without-baseline")


# --- the rule as data: descriptions, colours, checks ------------------------------------------------

def test_bands_describe_themselves_from_their_thresholds():
    assert [(b.symbol, b.description.ja) for b in FOUR.bands] == [
        ("◎", "達成度が100%以上"), ("○", "達成度が90%以上100%未満"), ("△", "達成度が0%を超え90%未満"),
        ("×", "達成度が0%以下、または事業が終了")]
    assert [b.description.en for b in FOUR.bands] == [
        "attainment is at least 100%", "attainment is at least 90% and below 100%",
        "attainment is above 0% and below 90%", "attainment is 0% or less, or the project has ended"]
    moved = rule_of(preset="pacing", thresholds={"roughly": D("62.5")})
    assert moved.bands[1].description.en == "progress against the straight-line pace is at least 62.5% and below 100%"
    assert moved.bands[2].description.ja == "直線的な進み具合に対する達成度が62.5%未満"


def test_colours_run_from_best_to_worst():
    assert [b.colour for b in FOUR.bands] == [0, 1, 2, 3]
    assert [b.colour for b in PACING.bands] == [0, 1, 3]
    assert [b.anchor for b in PACING.bands] == ["grading-steady", "grading-roughly", "grading-needs-improvement"]


@pytest.mark.parametrize("settings, where, says", [
    ({"preset": "custom"}, ("preset",), "needs measure"),
    ({"preset": "custom", "measure": "pace"}, ("preset",), "needs bands"),
    ({"preset": "letters", "bands": CUSTOM_BANDS}, ("bands",), "sets its own bands"),
    ({"preset": "pacing", "measure": "attainment"}, ("measure",), "use preset: custom"),
    ({"preset": "four-band", "thresholds": {"levle": D(85)}}, ("thresholds", "levle"), "use one of met, level, below"),
    ({"preset": "four-band", "thresholds": {"none": D(5)}}, ("thresholds", "none"), "last band"),
    ({"preset": "four-band", "thresholds": {"level": D(100)}}, ("thresholds", "level"), "start lower than the one above"),
    ({"preset": "custom", "measure": "pace", "bands": CUSTOM_BANDS[::-1]}, ("bands", 0, "min"), "is not the last"),
    ({"preset": "custom", "measure": "pace", "bands": [CUSTOM_BANDS[0], CUSTOM_BANDS[0], CUSTOM_BANDS[2]]},
     ("bands", 1, "id"), "used twice"),
    ({"preset": "custom", "measure": "pace", "bands": [CUSTOM_BANDS[0].model_copy(update={"id": "not-reviewed"}),
                                                       CUSTOM_BANDS[2]]}, ("bands", 0, "id"), "reserved"),
    ({"preset": "custom", "measure": "pace", "bands": CUSTOM_BANDS[:1]}, ("bands",), "at least two bands"),
    ({"preset": "letters", "ended_band": "e"}, ("ended_band",), "use one of a, b, c, d"),
], ids=["custom-no-measure", "custom-no-bands", "bands-on-preset", "measure-on-preset", "unknown-threshold",
        "threshold-on-last", "threshold-out-of-order", "custom-wrong-order", "duplicate-band", "reserved-id",
        "one-band", "unknown-ended-band"])
def test_check_finds_what_is_wrong(settings, where, says):
    found = check(Grading(**settings))
    assert any(loc == where and says in message for loc, message in found), found


def test_ended_band_can_be_given_to_any_preset():
    letters = rule_of(preset="letters", ended_band="d")
    assert evaluate(letters, WAITING, measured("20", ended=True), 2016, PLAN_START).band.id == "d"
    assert letters.bands[-1].description.en.endswith("or the project has ended")
