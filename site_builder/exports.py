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
empty cell = no value, CRLF after every line including the last.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import formats
from .exports_meta import DataFile, catalog, citation, datapackage, readme, zip_bytes
from .exports_tables import Table, all_tables
from .models import Population, Site, Strategy, Survey, Text

DATA = "data/"  # folder of the site that holds the files; the URLs under it are stable
BOM = "\ufeff"
LINE_END = "\r\n"


@dataclass(frozen=True)
class DataExport:
    files: dict[str, bytes]
    tables: tuple[Table, ...]
    table_files: dict[str, DataFile]  # table name -> its CSV
    package: tuple[DataFile, ...]  # strategy.json, datapackage.json, the zip, catalog.jsonld
    zip_name: str

    def file(self, path: str) -> DataFile:
        return next(f for f in (*self.table_files.values(), *self.package) if f.path == path)


def export_data(site: Site, strategy: Strategy, population: Population, survey: Survey) -> DataExport:
    source = strategy_source(strategy)
    tables = all_tables(strategy, population, survey, source)
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
        strategy_json(site, strategy, population, survey))
    add("datapackage.json", Text(ja="データパッケージ（Frictionless Data Package）",
                                 en="Data package (Frictionless Data Package)"), "JSON", "application/json",
        json_bytes(datapackage(site, strategy, tables, table_files)))
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


__all__ = ["DataExport", "DataFile", "citation", "csv_bytes", "export_data", "json_bytes"]


def describe(path: str, title: Text, fmt: str, media: str, content: bytes) -> DataFile:
    return DataFile(path, title, fmt, media, len(content), hashlib.sha256(content).hexdigest())


# --- serialisations ----------------------------------------------------------------------------


def csv_text(header: Iterable[object], rows: Iterable[Iterable[object]]) -> str:
    """CSV as this site publishes it (open data and chart downloads alike): BOM, one header row,
    CRLF line ends, quotes only where a cell needs them."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return BOM + out.getvalue()


def csv_bytes(table: Table) -> bytes:
    """An open-data table as CSV bytes (see csv_text)."""
    for row in table.rows:
        if len(row) != len(table.columns):
            raise ValueError(f"{table.name}: a row has {len(row)} cells for {len(table.columns)} columns")  # a bug
    return csv_text((c.name for c in table.columns), table.rows).encode("utf-8")


_DECIMAL = re.compile(r'"\\u0000(-?[0-9.]+)\\u0000"')


def json_bytes(value: Any) -> bytes:
    """JSON, UTF-8 without BOM, LF line ends, key order as given; Decimals as numbers with their digits (1.40)."""

    def mark(v: Any) -> Any:
        if isinstance(v, Decimal):
            return f"\0{format(v, 'f')}\0"
        if isinstance(v, dict):
            return {k: mark(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [mark(x) for x in v]
        return v

    text = json.dumps(mark(value), ensure_ascii=False, indent=2)
    return (_DECIMAL.sub(r"\1", text) + "\n").encode("utf-8")


def strategy_json(site: Site, strategy: Strategy, population: Population, survey: Survey) -> bytes:
    """The whole validated model in both languages; null = not stated in the source."""
    return json_bytes({
        "title": site.name.model_dump(),
        "licence": {"name": site.licence.name.model_dump(), "url": site.licence.url,
                    "attribution": site.licence.attribution.model_dump()},
        "modified": site.data_modified,
        "strategy": strategy.model_dump(mode="python"),
        "population": population.model_dump(mode="python"),
        "survey": survey.model_dump(mode="python"),
    })

