"""Attainment and straight-line pacing: the arithmetic every grading rule uses (the rules: test_grading.py)."""

from decimal import Decimal as D
from fractions import Fraction as F

from site_builder.derive.progress import as_decimal, attainment, expected_share, path_start, reached
from site_builder.load.models import Amount, Indicator, Text, Unit


def ind(baseline, target, direction="higher", baseline_year=None, target_year=2019):
    return Indicator(id="x", name=Text(ja="x"), unit=Unit(), source=Text(ja="s"), direction=direction,
                     baseline=Amount(value=D(baseline), year=baseline_year) if baseline is not None else None,
                     target=Amount(value=D(target), year=target_year))


def test_attainment_rising_and_falling():
    # (1.195 − 1.16) ÷ (1.23 − 1.16) = 0.035 ÷ 0.07 = 1/2
    assert attainment(ind("1.16", "1.23"), D("1.195")) == F(1, 2)
    # lower is better, same formula: (30 − 45) ÷ (20 − 45) = −15 ÷ −25 = 3/5
    assert attainment(ind("45", "20", "lower"), D("30")) == F(3, 5)
    # moving the wrong way is negative: (50 − 45) ÷ (20 − 45) = −1/5
    assert attainment(ind("45", "20", "lower"), D("50")) == F(-1, 5)
    assert attainment(ind("-13", "0"), D("-13")) == 0


def test_attainment_without_baseline():
    assert attainment(ind(None, "30"), D("15")) == F(1, 2)  # a rising target counts from 0: 15 ÷ 30
    assert attainment(ind(None, "30", "lower"), D("15")) is None  # a falling target has no starting point
    assert attainment(ind(None, "0"), D("3")) is None  # 3 ÷ 0


def test_target_equal_to_baseline_is_kept_or_not():
    keep = ind("100", "100")
    assert attainment(keep, D("100")) == 1 and attainment(keep, D("99")) == 0
    assert reached(keep, D("101")) and not reached(ind("5", "5", "lower"), D("6"))


def test_expected_share_is_k_of_n():
    waiting = ind("45", "20", "lower")  # target FY2019
    # a path from 2014 to 2019 is 5 years: 2016 is year 2 of 5
    assert expected_share(waiting, 2016, 2014) == F(2, 5)
    assert expected_share(waiting, 2014, 2014) == 0
    assert expected_share(waiting, 2013, 2014) == 0  # before the path: nothing expected yet
    assert expected_share(waiting, 2021, 2014) == 1  # after the target year: the whole way
    assert expected_share(ind("1", "2", target_year=2014), 2016, 2014) == 1  # a path of no length


def test_path_starts_at_the_baseline_year_or_the_default():
    assert path_start(ind("1.16", "1.23", baseline_year=2014), 2010) == 2014
    assert path_start(ind("45", "20"), 2014) == 2014
    assert path_start(ind(None, "30"), 2014) == 2014


def test_fractions_are_exact_and_shown_as_decimals():
    share = attainment(ind("45", "20", "lower"), D("39"))  # 6 ÷ 25
    assert share == F(6, 25) and as_decimal(share) == D("0.24")
    assert as_decimal(None) is None
