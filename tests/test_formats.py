from decimal import Decimal

import pytest

from site_builder.formats import calendar_year, fiscal_year, month, number, quantity
from site_builder.load.models import Unit


@pytest.mark.parametrize(("year", "ja", "en"), [
    (2019, "平成31年度（2019年度）", "FY2019"),
    (2015, "平成27年度（2015年度）", "FY2015"),
    (2020, "令和2年度（2020年度）", "FY2020"),
    (1989, "平成元年度（1989年度）", "FY1989"),
])
def test_fiscal_year(year, ja, en):
    assert fiscal_year(year, "ja") == ja
    assert fiscal_year(year, "en") == en


def test_calendar_year_and_month():
    assert calendar_year(2014, "ja") == "平成26年（2014年）"
    assert calendar_year(2001, "ja") == "平成13年（2001年）"
    assert calendar_year(2014, "en") == "2014"
    assert month(2016, 3, "ja") == "平成28年3月"
    assert month(2016, 3, "en") == "March 2016"


def test_numbers_keep_written_decimals():
    assert number(Decimal("18167"), "ja") == "18,167"
    assert number(Decimal("1.40"), "en") == "1.40"
    assert number(Decimal("41.08"), "ja") == "41.08"
    assert number(Decimal("-13"), "en") == "-13"


def test_quantities():
    people = Unit(ja="人", en="people", en_one="person")
    assert quantity(Decimal("18167"), people, "ja") == "18,167人"
    assert quantity(Decimal("18167"), people, "en") == "18,167 people"
    assert quantity(Decimal("1"), people, "en") == "1 person"
    assert quantity(Decimal("56.2"), Unit(ja="%", en="%"), "en") == "56.2%"
    assert quantity(Decimal("1.16"), Unit(), "ja") == "1.16"
