"""`site-builder template --year 2017`: a ready-to-fill results sheet (.xlsx and a CSV twin), pure.

One row per indicator, in the order of data/kpi.yaml, with what staff need beside the empty cells: the
name, the unit and the previous value (the latest reviewed one, else the baseline) with its year.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from ..load.inputs import Inputs
from ..load.models import Indicator
from ..load.reviews import Review
from ..opendata.csvtext import BOM, LINE_END, neutralised
from ..opendata.xlsx import Sheet, workbook_bytes
from ..spreadsheets.layout import COLUMNS, HELP_ROWS, HELP_SHEET, SHEET, YEAR_LABEL

Row = tuple[str, ...]


def template_rows(inputs: Inputs, year: int) -> list[Row]:
    rows = []
    earlier = [r for r in inputs.reviews if r.year < year]
    for _, _, ind in inputs.strategy.indicators():
        value, when = previous(ind, earlier)
        rows.append((ind.id, ind.name.ja, ind.name.en or "", ind.unit.ja, value, when) + ("",) * (len(COLUMNS) - 6))
    return rows


def previous(ind: Indicator, reviews: list[Review]) -> tuple[str, str]:
    """The latest reviewed value before the year, else the baseline, and what it refers to."""
    for review in reversed(reviews):
        entry = review.result(ind.id)
        if entry is not None and entry.value is not None:
            as_of = review.as_of(entry)
            when = as_of.date or f"{as_of.year}{'暦年' if as_of.kind == 'calendar' else '年度'}"
            return _digits(entry.value), f"{when}（{review.year}年度の評価）"
    if ind.baseline is None:
        return "", "基準値なし"
    b = ind.baseline
    year = f"{b.year}{'年' if b.year_kind == 'calendar' else '年度'}" if b.year else "年の記載なし"
    return _digits(b.written), f"基準値（{year}）"


def _digits(value: Decimal) -> str:
    return format(value, "f")


def template_xlsx(rows: list[Row], year: int, modified: str) -> bytes:
    results = Sheet(SHEET, [[c.header for c in COLUMNS]], rows, [c.width for c in COLUMNS],
                    inputs=frozenset(i for i, c in enumerate(COLUMNS) if c.filled),
                    comments={i: f"{c.help_ja}\n{c.help_en}" for i, c in enumerate(COLUMNS)},
                    above=[[YEAR_LABEL, str(year), f"{year}年度の評価（効果検証）の実績値 / Results of the FY{year} review"]])
    explained = Sheet(HELP_SHEET, [["説明", "Explanation"]],
                      [*HELP_ROWS, *((c.header, f"{c.help_ja} / {c.help_en}") for c in COLUMNS)], [60, 90])
    return workbook_bytes([results, explained], modified)


def template_csv(rows: list[Row], year: int) -> bytes:
    """The same sheet as CSV (UTF-8 with BOM, CRLF): row 1 the year, row 2 the headers."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=LINE_END)
    writer.writerow([YEAR_LABEL, str(year)])
    writer.writerow([c.header for c in COLUMNS])
    writer.writerows([neutralised(cell) for cell in row] for row in rows)
    return (BOM + out.getvalue()).encode("utf-8")
