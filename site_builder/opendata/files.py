"""Open data (pure): the validated models in, the files of the site's data/ folder out, as bytes.

    export_data(site, strategy, population, survey) -> DataExport
        .files   {"data/goals.csv": b"...", ...}: every file, ready for the writer
        .tables  the CSV tables with their columns, for the data page
        .package the files that describe or bundle everything (JSON, datapackage, DCAT, zip)

Nothing here reads the disk or the clock: the only dates are the data's own (`site.data_modified`,
`strategy.issued`), so two builds of the same input give byte-identical files.

CSV conventions (総務省「統一ルール」, RFC 4180), documented on the data page and in the README:
UTF-8 with a BOM (so Excel in Japan opens it), one header row of ASCII field names, one value per
cell, numbers as plain digits exactly as in the data, Western-calendar years, codes as text,
empty cell = no value, CRLF after every line including the last. A text cell that a spreadsheet
would run as a formula (=, +, -, @, tab, CR first) gets a leading "'"; strategy.json keeps the text.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .. import formats
from ..load.models import Population, Site, Strategy, Survey, Text
from ..opendata.meta import DataFile, catalog, citation, datapackage, readme, zip_bytes
from ..opendata.reviews import review_tables, reviews_json
from ..opendata.tables import Table, all_tables
from ..opendata.xlsx import MEDIA_TYPE as XLSX_MEDIA_TYPE
from ..opendata.xlsx import table_sheet, workbook_bytes
from .csvtext import csv_text, neutralised

if TYPE_CHECKING:
    from ..derive.facts import Derived

DATA = "data/"  # folder of the site that holds the files; the URLs under it are stable
XLSX_NAME = "indicators.xlsx"
XLSX_SHEETS = (("indicators", Text(ja="指標", en="Indicators")), ("budget_items", Text(ja="予算事業", en="Budget")),
               ("review_results", Text(ja="実績", en="Results")))


@dataclass(frozen=True)
class DataExport:
    files: dict[str, bytes]
    tables: tuple[Table, ...]
    table_files: dict[str, DataFile]  # table name -> its CSV
    package: tuple[DataFile, ...]  # strategy.json, datapackage.json, the zip, catalog.jsonld
    zip_name: str

    def file(self, path: str) -> DataFile:
        return next(f for f in (*self.table_files.values(), *self.package) if f.path == path)


def export_data(site: Site, strategy: Strategy, population: Population | None, survey: Survey | None,
                derived: Derived | None = None) -> DataExport:
    """`derived`: the yearly reviews with their grades, which join the tables and strategy.json (None: none)."""
    source = strategy_source(strategy)
    tables = all_tables(strategy, population, survey, source) + (review_tables(site, strategy, derived) if derived else ())
    files: dict[str, bytes] = {}
    table_files: dict[str, DataFile] = {}
    for table in tables:
        content = csv_bytes(table)
        files[DATA + table.filename] = content
        table_files[table.name] = describe(DATA + table.filename, table.title, "CSV", "text/csv", content)

    package: list[DataFile] = []

    def add(name: str, title: Text, fmt: str, media: str, content: bytes) -> None:
        files[DATA + name] = content
        package.append(describe(DATA + name, title, fmt, media, content))

    add("strategy.json", Text(ja="総合戦略の全データ", en="The whole strategy"), "JSON", "application/json",
        strategy_json(site, strategy, population, survey, derived))
    add("datapackage.json", Text(ja="データパッケージ（Frictionless Data Package）",
                                 en="Data package (Frictionless Data Package)"), "JSON", "application/json",
        json_bytes(datapackage(site, strategy, tables, table_files)))
    # For Excel: the indicators, the budget codes (as text) and any review results, with Japanese and English
    # header rows (one file for both pages). Not a
    # datapackage resource: Frictionless tabular resources are the CSVs, which it repeats.
    sheets = [table_sheet(t, title) for t in tables for name, title in XLSX_SHEETS if t.name == name]
    add(XLSX_NAME, Text(ja="指標・予算事業・実績（Excel形式）", en="Indicators, budget and results (Excel)"), "XLSX", XLSX_MEDIA_TYPE,
        workbook_bytes(sheets, site.data_modified))
    readme_text = readme(site, strategy, tables, table_files, package)
    inside = {"README.md": readme_text.encode("utf-8")}
    inside |= {f.name: files[f.path] for f in (*table_files.values(), *package)}
    zip_name = f"{strategy.id}-data.zip"
    add(zip_name, Text(ja="全データ一式", en="All data in one file"), "ZIP", "application/zip",
        zip_bytes(inside, site.data_modified))
    # The catalogue describes every file, the zip included, so it is made last and is not in the zip.
    add("catalog.jsonld", Text(ja="データカタログ（DCAT 3）", en="Data catalogue (DCAT 3)"), "JSON-LD",
        "application/ld+json", json_bytes(catalog(site, strategy, tables, table_files, package)))
    return DataExport(files, tables, table_files, tuple(package), zip_name)


def strategy_source(strategy: Strategy) -> Text:
    """The strategy document itself, as the source of every table made from it."""
    return Text(ja=f"{strategy.publisher.ja}「{strategy.title.ja}」（{formats.year_month(strategy.issued, 'ja')}）",
                en=f"{strategy.publisher.get('en')}, {strategy.title.get('en')} ({formats.year_month(strategy.issued, 'en')})")


__all__ = ["DataExport", "DataFile", "citation", "csv_bytes", "csv_text", "export_data", "json_bytes", "neutralised"]


def describe(path: str, title: Text, fmt: str, media: str, content: bytes) -> DataFile:
    return DataFile(path, title, fmt, media, len(content), hashlib.sha256(content).hexdigest())


# --- serialisations ----------------------------------------------------------------------------


def literal_columns(table: Table) -> frozenset[int]:
    """Columns never neutralised: numbers ("-13" is data), and text limited to an enum or a pattern
    (ids, status words, 事業コード "-"), which validation keeps free of formulas."""
    return frozenset(i for i, c in enumerate(table.columns) if c.type in ("integer", "number") or c.enum or c.pattern)


def csv_bytes(table: Table) -> bytes:
    """An open-data table as CSV bytes (see csv_text)."""
    for row in table.rows:
        if len(row) != len(table.columns):
            raise ValueError(f"{table.name}: a row has {len(row)} cells for {len(table.columns)} columns")  # a bug
    return csv_text((c.name for c in table.columns), table.rows, literal_columns(table)).encode("utf-8")


def json_bytes(value: Any) -> bytes:
    """JSON, UTF-8 without BOM, LF line ends, key order as given; Decimals as numbers with their digits (1.40).

    The same layout as json.dumps(indent=2, ensure_ascii=False), from an encoder that also knows Decimal."""
    return ("".join(_json(value, "\n")) + "\n").encode("utf-8")


def _json(value: Any, newline: str) -> Iterator[str]:
    if isinstance(value, str):
        yield json.dumps(value, ensure_ascii=False)
    elif value is None or isinstance(value, bool | int):
        yield json.dumps(value)
    elif isinstance(value, Decimal | float):
        if not (value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)):
            raise ValueError(f"{value} has no JSON form")  # a bug: the models refuse NaN and infinity
        # A Decimal keeps the digits as written (1.40, never 1.4E+1); a float is written as json writes it.
        yield format(value, "f") if isinstance(value, Decimal) else float.__repr__(value)
    elif isinstance(value, dict | list | tuple):
        items = list(value.items()) if isinstance(value, dict) else list(value)
        if not items:
            yield "{}" if isinstance(value, dict) else "[]"
            return
        inner = newline + "  "
        yield "{" if isinstance(value, dict) else "["
        for n, item in enumerate(items):
            yield ("," if n else "") + inner
            if isinstance(value, dict):
                key, item = item
                if not isinstance(key, str):
                    raise TypeError(f"JSON keys are text, not {key!r}")  # a bug
                yield json.dumps(key, ensure_ascii=False) + ": "
            yield from _json(item, inner)
        yield newline + ("}" if isinstance(value, dict) else "]")
    else:
        raise TypeError(f"no JSON form for {type(value).__name__}")  # a bug


def strategy_json(site: Site, strategy: Strategy, population: Population | None, survey: Survey | None,
                  derived: Derived | None = None) -> bytes:
    """The whole validated model in both languages; null = not stated in the source."""
    return json_bytes({
        "title": site.name.model_dump(),
        "licence": {"name": site.licence.name.model_dump(), "url": site.licence.url,
                    "attribution": site.licence.attribution.model_dump()},
        "modified": site.data_modified,
        "strategy": strategy.model_dump(mode="python"),
        # the figures some strategies cite: present only where the project has them
        **({"population": population.model_dump(mode="python")} if population is not None else {}),
        **({"survey": survey.model_dump(mode="python")} if survey is not None else {}),
        # the yearly reviews, each indicator entry with its grade: only once there is one
        **({"reviews": reviews_json(derived)} if derived is not None and derived.reviews else {}),
    })

