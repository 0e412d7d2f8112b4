"""Validate a filled results sheet, cell by cell, into the entries of a review file.

Every problem is reported at once, at its cell, with the advice the YAML loader gives for the same
mistake (全角 digits, 24人, 18,167, 平成29年度). A row whose cells to fill are all empty is left out: that
indicator stays "not reviewed". Numbers keep the digits as typed: 1.40 stays 1.40 when the cell is text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..errors import UNSAFE, Problem, shown
from ..load.advice import NUMBER_KINDS, era_advice, friendly, fullwidth_advice, halfwidth, number_advice
from ..load.models import Number, Strategy
from ..messages import say
from ..spreadsheets.layout import COLUMNS, HEADER_ROW, INPUT_KEYS, header_key
from ..spreadsheets.read import Grid

_NUMBER = TypeAdapter(Number)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SLASHED = re.compile(r"(\d{4})\s*[/.年]\s*(\d{1,2})\s*[/.月]\s*(\d{1,2})\s*日?")
_YEAR = re.compile(r"(?:FY\s*)?(\d{4})\s*(年度|fiscal|暦年|calendar|年)?", re.IGNORECASE)
LABELS = {c.key: c.ja for c in COLUMNS}


@dataclass(frozen=True)
class Entry:
    """One indicator's result as it goes into data/reviews/<year>.yaml."""

    id: str
    row: int
    value: str | None = None  # the digits as typed
    as_of: dict[str, Any] | None = None
    source: dict[str, str] | None = None
    note: dict[str, str] | None = None
    not_measured: dict[str, str] | None = None


def read_sheet(grid: Grid, strategy: Strategy, sourced: Callable[[int, str], bool] = lambda year, ident: False
               ) -> tuple[int | None, list[Entry], list[Problem]]:
    """The reviewed year (cell B1), the entries, and every problem found. `sourced(year, id)`: the review file
    already gives that indicator a source, so its empty source cell keeps it."""
    problems: list[Problem] = []
    year = _year(grid, problems)
    columns = _columns(grid, problems)
    if columns is None:
        return year, [], problems
    known = [ind.id for _, _, ind in strategy.indicators()]
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for row in range(HEADER_ROW + 1, len(grid.rows) + 1):
        cells = {key: _text(grid.cell(row, col)) for key, col in columns.items()}
        if not any(cells.get(key) for key in INPUT_KEYS):
            continue  # nothing filled in: not reviewed
        entry = _entry(grid, row, columns, cells, known, seen, problems,
                       year is not None and bool(cells.get("id")) and sourced(year, str(cells.get("id"))))
        if entry is not None:
            entries.append(entry)
    return year, entries, problems


def _year(grid: Grid, problems: list[Problem]) -> int | None:
    raw = grid.cell(1, 2)
    text = _text(raw)
    if text is None:
        problems.append(grid.problem(1, 2, say("cell.no_year")))
        return None
    if re.fullmatch(r"\d{4}", text) and 1900 <= int(text) <= 2100:
        return int(text)
    advice = fullwidth_advice(text) or era_advice(text) or say("cell.not_year", value=shown(text))
    problems.append(grid.problem(1, 2, say("cell.year", advice=advice)))
    return None


def _columns(grid: Grid, problems: list[Problem]) -> dict[str, int] | None:
    header = grid.rows[HEADER_ROW - 1] if len(grid.rows) >= HEADER_ROW else []
    columns: dict[str, int] = {}
    for col, cell in enumerate(header, start=1):
        key = header_key(cell)
        if key is not None and key not in columns:
            columns[key] = col
    missing = [c.header for c in COLUMNS if c.key in ("id", "value", "source", "not_measured") and c.key not in columns]
    if missing:
        problems.append(grid.problem(HEADER_ROW, 1, say("cell.header", row=HEADER_ROW, missing=say("comma").join(missing))))
        return None
    return columns


def _entry(grid: Grid, row: int, columns: dict[str, int], cells: dict[str, str | None], known: list[str],
           seen: dict[str, int], problems: list[Problem], sourced: bool) -> Entry | None:
    found: list[Problem] = []

    def bad(key: str, message: str) -> None:
        found.append(grid.problem(row, columns[key], say("cell.column", key=key, label=LABELS[key], message=message)))

    for key, text in cells.items():
        if text and UNSAFE.search(text.replace("\n", "")):
            bad(key, say("cell.control"))
    ident = cells.get("id")
    if not ident:
        bad("id", say("cell.no_id"))
    elif ident not in known:
        close = difflib.get_close_matches(halfwidth(ident).lower(), known, n=1)
        guess = say("ref.did_you_mean", close=close[0]) if close else ""
        bad("id", fullwidth_advice(ident) or say("cell.unknown_id", value=shown(ident), guess=guess))
    elif ident in seen:
        bad("id", say("cell.id_twice", id=ident, row=seen[ident]))
    else:
        seen[ident] = row

    value = _number(cells.get("value"), lambda m: bad("value", m))
    as_of = _as_of(grid.cell(row, columns["as_of"]) if "as_of" in columns else None, lambda m: bad("as_of", m))
    source, note, reason = (_pair(cells, key, columns, bad) for key in ("source", "note", "not_measured"))
    if cells.get("value") is None and reason is None:
        bad("value", say("cell.no_value", label=LABELS["not_measured"]))
    elif cells.get("value") is not None and reason is not None:
        bad("not_measured", say("cell.value_and_reason"))
    elif cells.get("value") is not None and source is None and not cells.get("source_en") and not sourced:
        bad("source", say("cell.no_source"))
    elif reason is not None:
        for key in ("source", "as_of"):
            if cells.get(key):
                bad(key, say("cell.not_measured_extra", label=LABELS[key]))
    problems += found
    if found or not ident:
        return None
    return Entry(ident, row, value, as_of, source, note, reason)


def _text(value: object) -> str | None:
    """A cell as text: numbers as their digits, days as YYYY-MM-DD, blanks as None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        # the shortest text that is this float (41.08, never 41.079999999999998)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else format(Decimal(repr(value)), "f")
    text = str(value).strip()
    return text or None


def _number(text: str | None, bad) -> str | None:
    if text is None:
        return None
    try:
        _NUMBER.validate_python(text)
    except ValidationError as e:
        err = e.errors()[0]
        if err["type"] in NUMBER_KINDS:
            message = number_advice(text, ("value", "unit")).replace(say("number.unit_belongs"), say("cell.unit_column"))
        else:
            message = friendly(err).split(": ", 1)[-1]
        if not any(c.isdigit() for c in halfwidth(text)):
            message += say("cell.or_reason", label=LABELS["not_measured"])
        bad(message)
        return None
    return text


def _as_of(raw: object, bad) -> dict[str, Any] | None:
    """Empty: the reviewed year; 2016: a fiscal year; 2016暦年 / 2016 calendar: a calendar year; a day."""
    if isinstance(raw, datetime | date):
        return {"date": _text(raw)}
    text = _text(raw)
    if text is None:
        return None
    forms = say("cell.time_forms")
    if advice := fullwidth_advice(text):
        bad(advice)
        return None
    if _DATE.fullmatch(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            bad(say("cell.not_day", value=shown(text), forms=forms))
            return None
        return {"date": text}
    if slashed := _SLASHED.fullmatch(text):
        day = f"{slashed[1]}-{int(slashed[2]):02d}-{int(slashed[3]):02d}"
        bad(say("cell.day", value=shown(text), day=day))
        return None
    year = _YEAR.fullmatch(text)
    if year and 1900 <= int(year[1]) <= 2100:
        kind = (year[2] or "").lower()
        if kind in ("暦年", "calendar", "年"):
            return {"year": int(year[1]), "kind": "calendar"}
        return {"year": int(year[1])}
    if era := era_advice(text):
        bad(era.replace(say("year.era_calendar"), say("cell.era_calendar")))
        return None
    bad(say("cell.not_time", value=shown(text), forms=forms))
    return None


def _pair(cells: dict[str, str | None], key: str, columns: dict[str, int], bad) -> dict[str, str] | None:
    """A text in both languages from the column and its _en twin; English alone is not enough."""
    ja, en = cells.get(key), cells.get(f"{key}_en")
    if ja is None:
        if en is not None and f"{key}_en" in columns:
            bad(key, say("cell.english_only", label=LABELS[key]))
        return None
    return {"ja": ja, "en": en} if en else {"ja": ja}
