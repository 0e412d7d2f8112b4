"""CSV as this site publishes it, open data and chart downloads alike (the conventions: `opendata.files`).

Apart from the open data's stage so that the chart workers, which write the charts' CSVs, import no more
than this (the stage brings openpyxl and the data package along)."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable

BOM = "\ufeff"
LINE_END = "\r\n"

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: object) -> object:
    """A text cell a spreadsheet would run as a formula, made plain text by a leading "'" (OWASP's advice)."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_START) else cell


def csv_text(header: Iterable[object], rows: Iterable[Iterable[object]], literal: Collection[int] = ()) -> str:
    """CSV as this site publishes it (open data and chart downloads alike): BOM, one header row,
    CRLF line ends, quotes only where a cell needs them.

    Text cells are neutralised against formula injection; numbers (int, float, Decimal) and the columns
    in `literal` (typed columns whose values are numbers, or validated codes such as "-") are written as they are."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(neutralised(cell) for cell in header)
    writer.writerows((cell if i in literal else neutralised(cell) for i, cell in enumerate(row)) for row in rows)
    return BOM + out.getvalue()
