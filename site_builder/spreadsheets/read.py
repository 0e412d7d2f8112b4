"""Read a filled results sheet (.xlsx, or CSV as Excel and LibreOffice save it) into a grid of cells.

A CSV is UTF-8 (with or without BOM) or, as Excel saves "CSV" in Japan, Shift_JIS (cp932): that is
detected and said. Every cell keeps its place, so each message can say `results.xlsx:結果!G5`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..errors import Problem, SiteError
from ..messages import say
from ..spreadsheets.layout import SHEET

MAX_BYTES = 20_000_000  # a results sheet is a few kilobytes; refuse what could only be a mistake or a bomb
MAX_ROWS = 5000


@dataclass(frozen=True)
class Grid:
    name: str  # the file as the user named it
    sheet: str | None  # None for a CSV
    rows: list[list[object]]  # rows[0] is spreadsheet row 1
    note: str | None = None  # how the file was read, when that was a guess (Shift_JIS)

    def cell(self, row: int, col: int) -> object:
        """The value at 1-based (row, col); None when empty or outside the grid."""
        if row > len(self.rows) or col > len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][col - 1]

    def problem(self, row: int, col: int, message: str) -> Problem:
        """`results.xlsx:結果!G5: …` for a workbook, `results.csv:5:7: … (G5)` for a CSV (line:column)."""
        ref = f"{get_column_letter(col)}{row}"
        if self.sheet is None:
            return Problem(self.name, row, col, say("cell.at", message=message, ref=ref))
        return Problem(f"{self.name}:{self.sheet}!{ref}", None, None, message)


def read_grid(path: Path, shown: str) -> Grid:
    if not path.is_file():
        raise SiteError(say("sheet.not_found", file=shown))
    if path.stat().st_size > MAX_BYTES:
        raise SiteError(say("sheet.too_big", file=shown, limit=MAX_BYTES // 1_000_000))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, shown)
    if suffix == ".csv":
        return _read_csv(path.read_bytes(), shown)
    raise SiteError(say("sheet.file_type", file=shown, kind=suffix or say("sheet.no_extension")))


def _read_xlsx(path: Path, shown: str) -> Grid:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise SiteError(say("sheet.bad_xlsx", file=shown, detail=type(e).__name__)) from None
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS:
                raise SiteError(say("sheet.too_many_rows", file=shown, limit=MAX_ROWS))
        return Grid(shown, sheet.title, rows)
    finally:
        book.close()


def _read_csv(data: bytes, shown: str) -> Grid:
    note = None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise SiteError(say("sheet.bad_bom", file=shown)) from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp932")
            except UnicodeDecodeError:
                raise SiteError(say("sheet.encoding", file=shown)) from None
            note = say("sheet.shift_jis", file=shown)
    rows: list[list[object]] = [[c if c != "" else None for c in row] for row in csv.reader(io.StringIO(text, newline=""))]
    if len(rows) > MAX_ROWS:
        raise SiteError(say("sheet.too_many_rows", file=shown, limit=MAX_ROWS))
    return Grid(shown, None, rows, note)
