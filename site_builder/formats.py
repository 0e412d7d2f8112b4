"""How years and quantities are written in each language (pure functions).

Japanese: 「平成31年度（2019年度）」 and 「18,167人」; English: "FY2019" and "18,167 people".
Data always holds Western-calendar years; eras are only for display.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal

from .load.models import Lang, Unit

# (first day, era name); the era of a fiscal year is the era on its first day, 1 April.
_ERAS = ((date(2019, 5, 1), "令和"), (date(1989, 1, 8), "平成"), (date(1926, 12, 25), "昭和"))
_LOCALES = {"ja": "ja_JP", "en": "en_US"}


def era_year(day: date) -> str:
    """「平成31」, 「令和元」 for the era year containing `day`."""
    for start, name in _ERAS:
        if day >= start:
            n = day.year - start.year + 1
            return f"{name}{'元' if n == 1 else n}"
    raise ValueError(f"no era known for {day}")


def era_of(year: int, kind: str) -> str:
    """The era year of a fiscal year (its era on 1 April) or a calendar year (on 1 January)."""
    return era_year(date(year, 4 if kind == "fiscal" else 1, 1))


def fiscal_year(year: int, lang: Lang) -> str:
    """Fiscal year starting in April of `year`: 「平成31年度（2019年度）」 / "FY2019"."""
    if lang == "en":
        return f"FY{year}"
    return f"{era_of(year, 'fiscal')}年度（{year}年度）"


def calendar_year(year: int, lang: Lang) -> str:
    """Calendar year: 「平成26年（2014年）」 / "2014"."""
    if lang == "en":
        return str(year)
    return f"{era_of(year, 'calendar')}年（{year}年）"


def year_month(value: str, lang: Lang) -> str:
    """A "YYYY-MM" text of the data (issued dates): 「平成28年3月」 / "March 2016"."""
    year, number_ = (int(x) for x in value.split("-")[:2])
    return month(year, number_, lang)


def month(year: int, month: int, lang: Lang) -> str:
    """「平成28年3月」 / "March 2016"."""
    if lang == "en":
        return format_date(date(year, month, 1), "MMMM y", locale="en_US")
    return f"{era_year(date(year, month, 1))}年{month}月"


def year(year: int, kind: str, lang: Lang) -> str:
    return fiscal_year(year, lang) if kind == "fiscal" else calendar_year(year, lang)


def number(value: Decimal | int, lang: Lang) -> str:
    """Digits grouped for the locale, keeping exactly the decimals the data was written with."""
    value = Decimal(value)
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=_LOCALES[lang])


def quantity(value: Decimal | int, unit: Unit, lang: Lang) -> str:
    """「18,167人」 / "18,167 people"; "56.2%" in both; a bare number where the source has no unit."""
    digits = number(value, lang)
    if lang == "ja":
        return digits + unit.ja
    name = unit.en_one if unit.en_one and Decimal(value) == 1 else unit.en
    if not name or name == "%":
        return digits + name
    return f"{digits} {name}"


# --- numbering of goals and measures (the document's own style: Strategy.numbering) ---------------

_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def goal_number(n: int, style: str, lang: Lang) -> str:
    """Goal 4 as 「Ⅳ」 / "IV" (roman) or 4 (arabic)."""
    if style == "arabic":
        return str(n)
    if lang == "ja":  # Ⅰ … Ⅻ are one character each; 13 is ⅩⅢ
        return chr(0x215F + n) if n <= 12 else "Ⅹ" * ((n - 1) // 10) + chr(0x215F + (n - 1) % 10 + 1)
    letters = ""
    for value, numeral in _ROMAN:
        while n >= value:
            letters, n = letters + numeral, n - value
    return letters


def measure_number(n: int, style: str, lang: Lang) -> str:
    """Measure 2 as 「②」 / "2." (circled) or "(2)" (parenthesised)."""
    if style == "parenthesised":
        return f"({n})"
    return chr(0x245F + n) if lang == "ja" and n <= 20 else f"{n}."  # ① … ⑳


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count(n: int, lang: Lang) -> str:
    """A small count in running text: 「4」 (「4つ」) / "four"; digits from 11 on."""
    return _WORDS[n] if lang == "en" and 0 <= n < len(_WORDS) else str(n)
