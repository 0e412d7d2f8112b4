"""Files that describe the open data (pure): Frictionless datapackage.json, DCAT 3 catalog.jsonld,
the README of the zip, and the zip itself.

Bilingual metadata: the standard `title` and `description` are in Japanese, the site's primary
language; every one of them also has `titles` / `descriptions` {"ja", "en"} beside it, and each
field a `unit` {"ja", "en"} where it has one (extension properties, which both specs allow).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..load.models import Lang, Site, Strategy, Text
from ..opendata.tables import Column, Table

CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}
IANA = "https://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
FORMATS = {"CSV": "CSV", "JSON": "JSON", "JSON-LD": "JSON_LD", "ZIP": "ZIP", "XLSX": "XLSX"}
FRICTIONLESS = "https://datapackage.org/standard/data-package/"


@dataclass(frozen=True)
class DataFile:
    """One published file: what it is and its exact size."""

    path: str  # under the site: "data/goals.csv"
    title: Text
    format: str  # "CSV", "JSON", "JSON-LD", "ZIP"
    media_type: str
    size: int
    sha256: str

    @property
    def name(self) -> str:
        return self.path.removeprefix("data/")

    @property
    def kilobytes(self) -> Decimal:
        """Size in KB (1,024 bytes), to one decimal, for people; `size` is the exact byte count."""
        return (Decimal(self.size) / 1024).quantize(Decimal("0.1"), ROUND_HALF_UP)


def both(text: Text) -> dict[str, str]:
    return {"ja": text.ja, "en": text.get("en")}


def citation(site: Site, title: Text, url: str, lang: Lang) -> str:
    """How to credit one file: the licence's attribution text, the dataset and where it is."""
    attribution = site.licence.attribution.get(lang)
    if lang == "ja":
        return f"{attribution} データ：「{title.ja}」 {url}（{ja_date(site.data_modified)}更新）"
    return f"{attribution} Data: “{title.get('en')}”, {url} (updated {site.data_modified})"


def ja_date(value: str) -> str:
    """"2016-03" → 「2016年3月」, "2016-03-31" → 「2016年3月31日」."""
    parts = [int(x) for x in value.split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, "年月日", strict=False))


# --- Frictionless Data Package (v2) ------------------------------------------------------------


def field_descriptor(c: Column) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name, "type": c.type, "title": c.title.ja, "description": c.description.ja,
                           "titles": both(c.title), "descriptions": both(c.description)}
    if c.unit:
        out["unit"] = both(c.unit)
    constraints: dict[str, Any] = {}
    if c.required:
        constraints["required"] = True
    if c.enum:
        constraints["enum"] = list(c.enum)
    if c.pattern:
        constraints["pattern"] = c.pattern
    if constraints:
        out["constraints"] = constraints
    return out


def licences(site: Site) -> list[dict[str, str]]:
    return [{"path": site.licence.url, "title": f"{site.licence.name.ja} / {site.licence.name.get('en')}"}]


def datapackage(site: Site, strategy: Strategy, tables: tuple[Table, ...], files: dict[str, DataFile]) -> dict[str, Any]:
    resources = []
    for t in tables:
        f = files[t.name]
        schema: dict[str, Any] = {"fields": [field_descriptor(c) for c in t.columns], "missingValues": [""]}
        if t.primary_key:
            schema["primaryKey"] = list(t.primary_key)
        if t.foreign_keys:
            schema["foreignKeys"] = [{"fields": list(k.fields), "reference": {"resource": k.resource,
                                                                              "fields": list(k.reference)}}
                                     for k in t.foreign_keys]
        resources.append({
            "name": t.name, "type": "table", "path": f.name, "title": t.title.ja, "description": t.description.ja,
            "titles": both(t.title), "descriptions": both(t.description),
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "bytes": f.size, "hash": f"sha256:{f.sha256}",
            "sources": [{"title": s.ja} for s in t.sources],
            "dialect": CSV_DIALECT, "schema": schema,
        })
    title = Text(ja=f"{strategy.title.ja} オープンデータ", en=f"{strategy.title.get('en')}: open data")
    # name only the parts this strategy has (no programs, budget table or cited figures in some)
    names = {t.name for t in tables}
    parts = [("基本目標", "goals"), ("施策", "measures"), *([("取り組み", "programs")] if "programs" in names else []),
             ("指標（基準値と目標値）", "indicators (baselines and targets)"),
             *([("予算事業", "budget projects")] if "budget_items" in names else [])]
    cited = [(ja, en) for table, ja, en in (("births_deaths", "人口", "population"), ("survey_results", "調査", "survey"))
             if table in names]
    description = Text(
        ja=f"{strategy.publisher.ja}が{strategy.issued[:4]}年{int(strategy.issued[5:])}月に策定した総合戦略の"
           + "・".join(ja for ja, _ in parts)
           + ("と、戦略が引用する" + "と".join(ja for ja, _ in cited) + "の数値" if cited else "") + "。",
        en="The " + ", ".join(en for _, en in parts[:-1]) + f" and {parts[-1][1]} of the strategy "
           f"{strategy.publisher.get('en')} adopted in {strategy.issued}"
           + (", with the " + " and ".join(en for _, en in cited) + " figures it cites" if cited else "") + ".")
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": f"{strategy.id}-strategy",
        "id": f"{site.base_url}data/datapackage.json",
        "title": title.ja, "description": description.ja, "titles": both(title), "descriptions": both(description),
        "homepage": f"{site.base_url}data/",
        "keywords": ["まち・ひと・しごと創生", "総合戦略", "KPI", strategy.publisher.ja, strategy.publisher.get("en"),
                     "regional revitalization"],
        "licenses": licences(site),
        "sources": [{"title": f"{strategy.publisher.ja}「{strategy.title.ja}」（{strategy.issued}）"}],
        "contributors": [{"title": f"{strategy.publisher.ja} {strategy.department.ja}", "roles": ["publisher"],
                          **({"path": site.publisher_url} if site.publisher_url else {})}],
        "resources": resources,
    }


# --- DCAT 3 catalogue (JSON-LD) ----------------------------------------------------------------

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "spdx": "http://spdx.org/rdf/terms#",
}


def lang_literals(text: Text) -> list[dict[str, str]]:
    out = [{"@value": text.ja, "@language": "ja"}]
    if text.en:
        out.append({"@value": text.en, "@language": "en"})
    return out


def date_literal(value: str) -> dict[str, str]:
    """"2016-03" → xsd:gYearMonth, "2016-03-31" → xsd:date: the data's own dates, never the build's."""
    return {"@value": value, "@type": "xsd:date" if len(value) == 10 else "xsd:gYearMonth"}


def temporal(period: tuple[int, int]) -> dict[str, Any]:
    return {"@type": "dct:PeriodOfTime", "dcat:startDate": {"@value": str(period[0]), "@type": "xsd:gYear"},
            "dcat:endDate": {"@value": str(period[1]), "@type": "xsd:gYear"}}


def distribution(site: Site, strategy: Strategy, f: DataFile) -> dict[str, Any]:
    url = site.base_url + f.path
    out: dict[str, Any] = {
        "@id": f"{site.base_url}data/#distribution-{f.name.replace('.', '-')}",
        "@type": "dcat:Distribution",
        "dct:title": lang_literals(f.title),
        "dcat:downloadURL": {"@id": url},
        "dcat:accessURL": {"@id": url},
        "dcat:mediaType": {"@id": IANA + f.media_type},
        "dct:format": {"@id": FILE_TYPE + FORMATS[f.format]},
        "dcat:byteSize": {"@value": str(f.size), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {"@type": "spdx:Checksum", "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
                          "spdx:checksumValue": {"@value": f.sha256, "@type": "xsd:hexBinary"}},
        "dct:license": {"@id": site.licence.url},
        "dct:issued": date_literal(strategy.issued),
        "dct:modified": date_literal(site.data_modified),
    }
    if f.format == "CSV":
        out["dct:conformsTo"] = {"@id": f"{site.base_url}data/datapackage.json"}
    elif f.name == "datapackage.json":
        out["dct:conformsTo"] = {"@id": FRICTIONLESS}
    return out


def catalog(site: Site, strategy: Strategy, tables: tuple[Table, ...], files: dict[str, DataFile],
            package: list[DataFile]) -> dict[str, Any]:
    base = site.base_url
    publisher = {"@id": site.publisher_url or base, "@type": "foaf:Agent", "foaf:name": lang_literals(site.publisher)}
    contact = {"@type": "vcard:Organization", "vcard:fn": lang_literals(site.contact)}
    common = {
        "dct:publisher": publisher, "dcat:contactPoint": contact, "dct:license": {"@id": site.licence.url},
        "dct:issued": date_literal(strategy.issued), "dct:modified": date_literal(site.data_modified),
        "dct:language": [{"@id": "http://id.loc.gov/vocabulary/iso639-1/ja"},
                         {"@id": "http://id.loc.gov/vocabulary/iso639-1/en"}],
    }
    keywords = lang_literals(Text(ja="総合戦略", en="comprehensive strategy")) + lang_literals(
        Text(ja="まち・ひと・しごと創生", en="regional revitalization"))
    datasets = []
    for t in tables:
        datasets.append({
            "@id": f"{base}data/#dataset-{t.name}", "@type": "dcat:Dataset", "dct:identifier": f"{strategy.id}-{t.name}",
            "dct:title": lang_literals(t.title), "dct:description": lang_literals(t.description),
            "dcat:keyword": keywords, "dcat:landingPage": {"@id": f"{base}data/#dataset-{t.name}"},
            "dct:source": lang_literals(t.sources[0]) if t.sources else [],
            **({"dct:temporal": temporal(t.period)} if t.period else {}),
            **common, "dcat:distribution": [distribution(site, strategy, files[t.name])],
        })
    whole = Text(ja="総合戦略の全データ", en="All data of the strategy")
    datasets.append({
        "@id": f"{base}data/#dataset-all", "@type": "dcat:Dataset", "dct:identifier": f"{strategy.id}-all",
        "dct:title": lang_literals(whole),
        "dct:description": lang_literals(Text(
            ja="上の表すべてと総合戦略のデータ全体（JSON）、データパッケージ（Frictionless）、全データのZIP。",
            en="All the tables above, the whole strategy as JSON, the Frictionless data package and a ZIP of everything.")),
        "dcat:keyword": keywords, "dcat:landingPage": {"@id": f"{base}data/"}, **common,
        "dcat:distribution": [distribution(site, strategy, f) for f in package],
    })
    return {
        "@context": CONTEXT,
        "@id": f"{base}data/#catalog", "@type": "dcat:Catalog",
        "dct:title": lang_literals(Text(ja=f"{site.name.ja} データカタログ", en=f"{site.name.get('en')}: data catalogue")),
        "dct:description": lang_literals(Text(ja="総合戦略のオープンデータの一覧。", en="The strategy's open data.")),
        "foaf:homepage": {"@id": f"{base}data/"},
        **common,
        "dcat:dataset": datasets,
    }


# --- README and zip ----------------------------------------------------------------------------


def readme(site: Site, strategy: Strategy, tables: tuple[Table, ...], files: dict[str, DataFile],
           package: list[DataFile]) -> str:
    """The README inside the zip, Japanese first then English: contents, CSV rules, licence, citation."""
    rows = [(f.name, f.title, f.size) for f in (*files.values(), *package)]
    whole = Text(ja="総合戦略の全データ", en="All data of the strategy")
    url = f"{site.base_url}data/"
    lines = [f"# {site.name.ja} オープンデータ", "",
             f"{strategy.publisher.ja}「{strategy.title.ja}」（{ja_date(strategy.issued)}）のデータです。"
             f"最終更新：{ja_date(site.data_modified)}。",
             f"データの説明（列の意味、型、単位）：{url}", "", "## 内容", ""]
    lines += [f"- `{name}`：{title.ja}（{size:,}バイト）" for name, title, size in rows if name != "catalog.jsonld"]
    lines += ["", "## CSVの形式", "",
              "- 文字コードはUTF-8（BOM付き）。Excelでそのまま開けます。",
              "- 1行目が見出し（英字の列名）、2行目からデータ。1セルに1つの値。改行コードはCRLF（最終行にも付きます）。",
              "- 数値は単位・桁区切りなしの数字。年は西暦。事業コードは文字列です（表計算ソフトでは列を「文字列」として"
              "読み込むと先頭の0が残ります）。",
              "- 空欄は値がないこと（原資料に記載がない）を表します。事業コードの「-」は原資料の「-」です。",
              "- 列の型・単位・意味は datapackage.json（Frictionless Data Package）にもあります。", "",
              "## 利用条件", "",
              f"{site.licence.name.ja}（{site.licence.url}）"
              + (f"。{site.licence.compatible_with.ja}" if site.licence.compatible_with else "") + "。", "",
              "## 出典の記載例", "", citation(site, whole, url, "ja"), "", "---", "",
              f"# {site.name.get('en')}: open data", "",
              f"Data of {strategy.publisher.get('en')}, {strategy.title.get('en')} ({strategy.issued}). "
              f"Last updated: {site.data_modified}.",
              f"What each column means, its type and unit: {url}", "", "## Contents", ""]
    lines += [f"- `{name}`: {title.get('en')} ({size:,} bytes)" for name, title, size in rows if name != "catalog.jsonld"]
    lines += ["", "## CSV format", "",
              "- UTF-8 with a byte order mark (BOM), so Excel opens it as it is.",
              "- One header row (ASCII column names), then the data; one value per cell; lines end in CRLF, "
              "the last one too.",
              "- Numbers are plain digits without units or thousands separators. Years are Western calendar years. "
              "Project codes are text (import the column as text in a spreadsheet to keep the leading zero).",
              "- An empty cell means no value (the source does not give one). A project code \"-\" is the dash printed "
              "in the source.",
              "- Column types, units and meanings are also in datapackage.json (a Frictionless Data Package).", "",
              "## Licence", "",
              f"{site.licence.name.get('en')} ({site.licence.url})"
              + (f", {site.licence.compatible_with.get('en')}" if site.licence.compatible_with else "") + ".", "",
              "## How to cite", "", citation(site, whole, url, "en"), ""]
    return "\n".join(lines)


def zip_bytes(files: dict[str, bytes], modified: str) -> bytes:
    """A zip that is the same bytes on every build: sorted entries, the data's own date as timestamp,
    fixed permissions and creator system."""
    year, month = int(modified[:4]), int(modified[5:7])
    day = int(modified[8:10]) if len(modified) == 10 else 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(year, month, day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the building machine
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()
