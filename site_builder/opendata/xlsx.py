"""Excel workbooks (.xlsx) that are the same bytes on every build, for people who open data in Excel.

openpyxl writes the time of saving into docProps/core.xml and into every zip entry; both are replaced by
the data's own date, and the entries are stored sorted, so the same input gives the same file.
Text stays text: an id, a 事業コード (0104010217) or a value that starts with "=" is a string cell with the
text format "@", never a number or a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..load.models import Text
from ..opendata.meta import zip_bytes
from ..opendata.tables import Table

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT_FORMAT = "@"
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
INPUT_FILL = PatternFill("solid", fgColor="FFF8D6")  # the cells staff fill in
Cell = str | int | Decimal | None


@dataclass(frozen=True)
class Sheet:
    title: str
    header: Sequence[Sequence[str]]  # one or more header rows (bold, frozen)
    rows: Sequence[Sequence[Cell]]
    widths: Sequence[int] = ()  # characters per column; a Japanese character counts about two
    numbers: frozenset[int] = frozenset()  # columns (0-based) whose Decimal/int cells stay numbers
    inputs: frozenset[int] = frozenset()  # columns shaded as "fill in here"
    comments: dict[int, str] = field(default_factory=dict)  # column → a note on its header cell
    above: Sequence[Sequence[Cell]] = ()  # rows above the header (a title, the year), not frozen apart


def workbook_bytes(sheets: Sequence[Sheet], modified: str) -> bytes:
    """The workbook as bytes; `modified` (YYYY-MM or YYYY-MM-DD) is its date in the file and the zip."""
    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        _fill(book.create_sheet(spec.title), spec)
    stamp = datetime(int(modified[:4]), int(modified[5:7]), int(modified[8:10]) if len(modified) == 10 else 1)
    book.properties.creator = "site-builder"
    book.properties.created = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:
        files = {name: z.read(name) for name in z.namelist()}
    # openpyxl stamps the saving time as modified; the data's date is the truth
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    files["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + iso, files["docProps/core.xml"])
    return zip_bytes(files, modified)


def _fill(ws, spec: Sheet) -> None:
    first = len(spec.above) + 1
    for r, row in enumerate(spec.above, start=1):
        for c, value in enumerate(row, start=1):
            _put(ws.cell(r, c), value, number=isinstance(value, int))
    for h, row in enumerate(spec.header):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(first + h, c)
            _put(cell, value)
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if h == 0 and c - 1 in spec.comments:
                cell.comment = Comment(spec.comments[c - 1], "site-builder", width=320, height=160)
    start = first + len(spec.header)
    columns = max([len(r) for r in (*spec.header, *spec.rows)] or [0])
    for r, row in enumerate(spec.rows, start=start):
        for c in range(columns):
            value = row[c] if c < len(row) else None
            cell = ws.cell(r, c + 1)
            _put(cell, value, number=c in spec.numbers)
            if c in spec.inputs:
                cell.fill = INPUT_FILL
    for c in range(columns):
        letter = get_column_letter(c + 1)
        if c < len(spec.widths):
            ws.column_dimensions[letter].width = spec.widths[c]
        if c not in spec.numbers:  # what is typed into a text column stays text (leading zeros, "1.40")
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
    ws.freeze_panes = ws.cell(start, 1)


def _put(cell, value: Cell, number: bool = False) -> None:
    if value is None or value == "":
        if not number:
            cell.number_format = TEXT_FORMAT
        return
    if number and isinstance(value, int | Decimal):
        cell.value = value
        places = -value.as_tuple().exponent if isinstance(value, Decimal) else 0
        if places > 0:  # 1.40 is shown as 1.40, as the data writes it
            cell.number_format = "0." + "0" * places
        return
    cell.value = str(value)
    cell.data_type = "s"  # never a formula, whatever the text begins with
    cell.number_format = TEXT_FORMAT


def table_sheet(table: Table, title: Text) -> Sheet:
    """An open-data table as a sheet: Japanese titles, then English titles, as header rows (one file serves
    both languages, and sorting or filtering works under either); number columns as numbers, the rest as
    text; each Japanese title notes the CSV field name and its meaning in both languages."""
    numbers = frozenset(i for i, c in enumerate(table.columns) if c.type in ("integer", "number"))
    rows = [tuple(Decimal(v) if i in numbers and v != "" else v for i, v in enumerate(row)) for row in table.rows]
    notes = {i: f"{c.name}\n{c.description.ja}\n{c.description.get('en')}" for i, c in enumerate(table.columns)}
    widths = [max(10, min(40, 2 * len(c.title.ja) + 2, len(c.title.get("en")) + 2)) for c in table.columns]
    return Sheet(f"{title.ja} {title.get('en')}"[:31], [[c.title.ja for c in table.columns],
                                                        [c.title.get("en") for c in table.columns]],
                 rows, widths, numbers, comments=notes)
