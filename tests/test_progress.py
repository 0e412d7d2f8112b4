"""Attainment and grades, on fixture actuals (the shipped data has none)."""

from decimal import Decimal as D

from site_builder.models import Actual, Amount, Grading, Indicator, Text, Unit
from site_builder.progress import attainment, evaluate


def ind(baseline, target, direction="higher", actuals=(), baseline_year=None):
    return Indicator(id="x", name=Text(ja="x"), unit=Unit(), source=Text(ja="s"), direction=direction,
                     baseline=Amount(value=D(baseline), year=baseline_year) if baseline is not None else None,
                     target=Amount(value=D(target), year=2019),
                     actuals=[Actual(year=y, value=D(v)) for y, v in actuals])


GRADING = Grading()


def test_attainment_rising_and_falling():
    assert attainment(ind("1.16", "1.23"), D("1.195")) == D("0.5")
    assert attainment(ind("45", "20", "lower"), D("30")) == D("0.6")
    assert attainment(ind("-13", "0"), D("-13")) == D("0")


def test_attainment_without_baseline():
    assert attainment(ind(None, "30"), D("15")) == D("0.5")
    assert attainment(ind(None, "30", "lower"), D("15")) is None


def test_grades():
    assert evaluate(ind("45", "20", "lower"), GRADING, 2015).grade == "no_data"
    assert evaluate(ind("45", "20", "lower", [(2019, "18")]), GRADING, 2015).grade == "achieved"
    # baseline year unstated: pacing counts from the year before the plan (2014): 2017 expects 3/5
    on_track = evaluate(ind("45", "20", "lower", [(2017, "30")]), GRADING, 2015)
    assert (on_track.grade, on_track.attainment, on_track.expected) == ("on_track", D("0.6"), D("0.6"))
    assert evaluate(ind("45", "20", "lower", [(2017, "40")]), GRADING, 2015).grade == "behind"
    # the latest actual decides, whatever the order in the file
    assert evaluate(ind("10", "20", actuals=[(2018, "20"), (2016, "11")]), GRADING, 2015).grade == "achieved"


def test_on_track_ratio_is_configurable():
    indicator = ind("0", "100", actuals=[(2017, "55")], baseline_year=2014)  # expected 60
    assert evaluate(indicator, Grading(on_track_ratio=D("0.9")), 2015).grade == "on_track"
    assert evaluate(indicator, Grading(on_track_ratio=D("1")), 2015).grade == "behind"
