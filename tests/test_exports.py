"""Open data: the files under data/ are exact, standard, deterministic, and readable by people's tools.

Most tests call the pure `export_data` and never touch the disk; frictionless and LibreOffice need
files, so those tests write into tmp_path. Regenerate the golden file after an intended change with:

    UPDATE_GOLDEN=1 python -m pytest tests/test_exports.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest

from site_builder.load.inputs import Inputs, load_inputs
from site_builder.load.loaders import read_yaml
from site_builder.opendata.files import DataExport, export_data

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
BOM = b"\xef\xbb\xbf"


@pytest.fixture(scope="module")
def inputs() -> Inputs:
    return load_inputs(ROOT)


@pytest.fixture(scope="module")
def exported(inputs) -> DataExport:
    return export_data(inputs.site, inputs.strategy, inputs.population, inputs.survey)


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(BOM)
    return list(csv.DictReader(io.StringIO(content[len(BOM):].decode("utf-8"), newline="")))


def csv_files(exported: DataExport) -> dict[str, bytes]:
    return {path: content for path, content in exported.files.items() if path.endswith(".csv")}


def write_files(files: dict[str, bytes], folder: Path) -> Path:
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return folder


# --- CSV rules (総務省 統一ルール, RFC 4180) -------------------------------------------------------


def test_every_table_has_its_csv_and_the_files_are_where_the_site_promises(exported):
    expected = {"goals", "measures", "programs", "program_sub_items", "indicators", "indicator_values",
                "budget_items", "births_deaths", "fertility_comparison", "survey_results"}
    assert {t.name for t in exported.tables} == expected
    assert set(csv_files(exported)) == {f"data/{name}.csv" for name in expected}
    assert {"data/strategy.json", "data/datapackage.json", "data/catalog.jsonld",
            f"data/{exported.zip_name}"} <= set(exported.files)


def test_csv_is_utf8_with_bom_one_header_row_and_crlf_line_ends(exported):
    for table in exported.tables:
        content = exported.files[f"data/{table.filename}"]
        assert content.startswith(BOM), table.name
        assert content.count(BOM) == 1
        text = content[len(BOM):].decode("utf-8")
        assert text.endswith("\r\n"), table.name
        assert "\n" not in text.replace("\r\n", ""), f"{table.name}: a bare LF (line break inside a cell?)"
        lines = text.split("\r\n")[:-1]
        assert lines[0] == ",".join(c.name for c in table.columns)
        assert len(lines) == 1 + len(table.rows), f"{table.name}: one line per row, one header row"
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert all(len(row) == len(table.columns) for row in rows)


def test_numbers_are_plain_digits_and_years_western(exported):
    number = re.compile(r"^-?\d+(\.\d+)?$")
    integer = re.compile(r"^-?\d+$")
    for table in exported.tables:
        rows = read_csv(exported.files[f"data/{table.filename}"])
        for column in table.columns:
            cells = [row[column.name] for row in rows if row[column.name] != ""]
            if column.type == "number":
                assert all(number.match(c) for c in cells), (table.name, column.name, cells)
            if column.type == "integer":
                assert all(integer.match(c) for c in cells), (table.name, column.name, cells)
            if column.name.endswith("year"):
                assert all(1900 <= int(c) <= 2100 for c in cells), (table.name, column.name)
            if column.required:
                assert len(cells) == len(rows), f"{table.name}.{column.name} is required"


def test_decimals_are_written_exactly_as_in_the_data(exported):
    fertility = {r["city_id"]: r["total_fertility_rate"] for r in read_csv(exported.files["data/fertility_comparison.csv"])}
    assert fertility["kodaira"] == "1.40"  # never 1.4, never 1.4000000001
    indicators = {r["indicator_id"]: r for r in read_csv(exported.files["data/indicators.csv"])}
    assert "41.08" in {r["baseline"] for r in indicators.values()}
    model = json.loads(exported.files["data/strategy.json"], parse_float=Decimal)
    rates = {c["id"]: c["rate"] for c in model["population"]["fertility"]["cities"]}
    assert str(rates["kodaira"]) == "1.40"
    assert b'"rate": 1.40' in exported.files["data/strategy.json"]


# --- values read back equal data/kpi.yaml, as written -------------------------------------------


def kpi_document() -> dict:
    """data/kpi.yaml as the text that was written (the project loader keeps every scalar as text)."""
    doc, problems = read_yaml(ROOT / "data/kpi.yaml")
    assert doc is not None and not problems
    return doc.data


def yaml_indicators(doc: dict) -> dict[str, dict]:
    out = {}
    for goal in doc["goals"]:
        for ind in goal["indicators"]:
            out[ind["id"]] = {**ind, "_goal": goal["id"], "_measure": ""}
        for measure in goal["measures"]:
            for ind in measure["kpis"]:
                out[ind["id"]] = {**ind, "_goal": goal["id"], "_measure": measure["id"]}
    return out


def test_indicator_values_read_back_equal_kpi_yaml(exported):
    expected = yaml_indicators(kpi_document())
    rows = read_csv(exported.files["data/indicators.csv"])
    assert [r["indicator_id"] for r in rows] == list(expected)  # document order
    for row in rows:
        ind = expected[row["indicator_id"]]
        baseline = ind.get("baseline") or {}
        assert row["kind"] == ("strategic" if ind["_measure"] == "" else "kpi")
        assert (row["goal_id"], row["measure_id"]) == (ind["_goal"], ind["_measure"])
        assert row["name_ja"] == ind["name"]["ja"] and row["name_en"] == ind["name"]["en"]
        assert row["baseline"] == baseline.get("value", "")  # the text as written in the YAML
        assert row["baseline_year"] == (baseline.get("year") or "")  # never invented
        assert row["target"] == ind["target"]["value"]
        assert row["target_year"] == ind["target"]["year"]
        assert row["direction"] == ind["direction"]
        assert row["unit_ja"] == (ind["unit"]["ja"] or "")

    long = read_csv(exported.files["data/indicator_values.csv"])
    for ident, ind in expected.items():
        values = {(r["kind"], r["year"]): r["value"] for r in long if r["indicator_id"] == ident}
        want = {("target", ind["target"]["year"]): ind["target"]["value"]}
        if ind.get("baseline"):
            want[("baseline", ind["baseline"].get("year") or "")] = ind["baseline"]["value"]
        want |= {("actual", a["year"]): a["value"] for a in ind.get("actuals") or []}
        assert values == want, ident


def test_a_baseline_year_the_source_does_not_state_is_an_empty_cell(exported):
    rows = read_csv(exported.files["data/indicators.csv"])
    no_year = [r for r in rows if r["baseline"] and not r["baseline_year"]]
    assert no_year and all(r["baseline_year_kind"] == "" for r in no_year)
    no_baseline = [r for r in rows if not r["baseline"]]
    assert len(no_baseline) == 4 and all(r["baseline_year"] == "" for r in no_baseline)


def test_budget_codes_keep_their_leading_zero_in_csv_and_json(exported):
    items = kpi_document()["budget_items"]
    rows = read_csv(exported.files["data/budget_items.csv"])
    assert len(rows) == sum(len(item["programs"]) for item in items)  # one row per (table row, program)
    expected = [(str(n), pid, item.get("code") or "") for n, item in enumerate(items, 1) for pid in item["programs"]]
    assert [(r["row_no"], r["program_id"], r["code"]) for r in rows] == expected
    assert rows[0]["code"] == "0104010217"
    assert any(r["code"] == "-" for r in rows), "the printed dash stays a dash"
    assert any(r["code"] == "" for r in rows), "a blank cell stays empty"
    assert b"\r\n1,prenatal-checkups," in exported.files["data/budget_items.csv"]

    model = json.loads(exported.files["data/strategy.json"])
    codes = [b.get("code") for b in model["strategy"]["budget_items"]]
    assert codes == [item.get("code") for item in items]
    assert "0104010217" in codes and all(isinstance(c, str) for c in codes if c is not None)


def test_section_2_tables_equal_their_yaml(exported, inputs):
    births = read_csv(exported.files["data/births_deaths.csv"])
    assert births == [{"year": "2001", "births": "508", "deaths": "502"},
                      {"year": "2014", "births": "484", "deaths": "741"}]
    survey = read_csv(exported.files["data/survey_results.csv"])
    assert [(r["question_id"], r["answer_ja"], r["percent"], r["rank"]) for r in survey] == [
        (q.id, a.label.ja, str(a.percent), "" if a.rank is None else str(a.rank))
        for q in inputs.survey.questions for a in q.answers]


# A small strategy with every awkward case, so the golden files change only when the format does
# (not when the shipped data is edited): decimals with trailing zeros, a negative value, no baseline,
# a baseline without a year, a calendar year, a target note, a missing English text, a comma and
# quotes inside a cell, a leading-zero code, a printed dash, a blank cell, a row for two programs.
GOLDEN_STRATEGY = {
    "id": "golden", "title": {"ja": "テスト戦略", "en": "Test strategy"}, "publisher": {"ja": "テスト市"},
    "department": {"ja": "企画課"}, "issued": "2016-03", "period": {"start": "2015", "end": "2019"},
    "concept": {"ja": "舞台"},
    "goals": [{
        "id": "g1", "number": "1", "title": {"ja": "子育て", "en": "Child-rearing"},
        "direction": {"ja": "一段落目。\n\n二段落目。", "en": "First.\n\nSecond."},
        "indicators": [
            {"id": "tfr", "name": {"ja": "合計特殊出生率", "en": "Total fertility rate"}, "unit": {},
             "baseline": {"value": "1.40", "year": "2014", "year_kind": "calendar"},
             "target": {"value": "1.50", "year": "2019"}, "source": {"ja": "東京都", "en": "Tokyo"},
             "direction": "higher"},
            {"id": "net-migration", "name": {"ja": "転入・転出の差", "en": 'Net "migration", people'},
             "unit": {"ja": "人", "en": "people"}, "baseline": {"value": "-13"},
             "target": {"value": "0", "year": "2019", "note": {"ja": "※平成32年世論調査"}},
             "source": {"ja": "住民基本台帳"}, "direction": "higher"}],
        "measures": [{
            "id": "g1-m1", "number": "1", "title": {"ja": "保育"}, "aim": {"ja": "目的"},
            "programs": [
                {"id": "nursery", "name": {"ja": "保育園運営事業"}, "status": "continuing", "description": {"ja": "説明"}},
                {"id": "open-data", "name": {"ja": "オープンデータの推進"}, "status": "new", "description": {"ja": "説明"}}],
            "kpis": [{"id": "datasets", "name": {"ja": "公開データセット数", "en": "Published datasets"},
                      "unit": {"ja": "件", "en": "datasets"}, "target": {"value": "226", "year": "2019"},
                      "source": {"ja": "担当課統計"}, "direction": "higher"}]}]}],
    "budget_items": [
        {"programs": ["nursery"], "name": {"ja": "保育園運営事業費", "en": "Nursery operation costs"},
         "code": "0103020201"},
        {"programs": ["nursery", "open-data"], "name": {"ja": "情報システム管理運営事業等"}, "code": "-",
         "note": {"ja": "※予算事業のみ", "en": "Budget project only"}},
        {"programs": ["open-data"]}],
}


@pytest.mark.parametrize("table", ["indicators", "budget_items"])
def test_golden_csv_byte_for_byte(table):
    from site_builder.load.models import Strategy, Text
    from site_builder.opendata.files import csv_bytes
    from site_builder.opendata.tables import budget_items_table, indicators_table

    strategy = Strategy.model_validate(GOLDEN_STRATEGY)
    make = {"indicators": indicators_table, "budget_items": budget_items_table}[table]
    content = csv_bytes(make(strategy, Text(ja="テスト市「テスト戦略」", en="Test City, Test strategy")))
    golden = GOLDEN / f"{table}.csv"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(content)
    assert content == golden.read_bytes(), "if the change is intended: UPDATE_GOLDEN=1 python -m pytest tests/test_exports.py"


# --- deterministic ------------------------------------------------------------------------------


def test_two_exports_of_the_same_input_are_byte_identical(inputs, exported):
    again = export_data(inputs.site, inputs.strategy, inputs.population, inputs.survey)
    assert again.files == exported.files


def test_the_zip_is_sorted_dated_by_the_data_and_holds_a_bilingual_readme(exported, inputs):
    archive = zipfile.ZipFile(io.BytesIO(exported.files[f"data/{exported.zip_name}"]))
    names = archive.namelist()
    assert names == sorted(names)
    expected = {p.removeprefix("data/") for p in exported.files} - {"catalog.jsonld", exported.zip_name}
    assert set(names) == expected | {"README.md"}
    modified = inputs.site.data_modified
    for info in archive.infolist():
        assert info.date_time[:2] == (int(modified[:4]), int(modified[5:7]))
        if info.filename != "README.md":
            assert archive.read(info) == exported.files["data/" + info.filename]
    readme = archive.read("README.md").decode("utf-8")
    for needle in ("## 内容", "## Contents", "## 利用条件", "## Licence", "## 出典の記載例", "## How to cite", "CRLF",
                   inputs.site.licence.url, inputs.site.licence.attribution.ja):
        assert needle in readme


def test_the_shipped_build_writes_exactly_the_exported_bytes(shipped_site, exported):
    for path, content in exported.files.items():
        assert (shipped_site / path).read_bytes() == content, path


# --- Frictionless Data Package ------------------------------------------------------------------


def test_datapackage_validates_with_frictionless(exported, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    folder = write_files(exported.files, tmp_path) / "data"
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_datapackage_inside_the_zip_validates_too(exported, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    zipfile.ZipFile(io.BytesIO(exported.files[f"data/{exported.zip_name}"])).extractall(tmp_path)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_broken_foreign_key(exported, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    folder = write_files(exported.files, tmp_path) / "data"
    broken = (folder / "budget_items.csv").read_bytes().replace(b",prenatal-checkups,", b",no-such-program,")
    (folder / "budget_items.csv").write_bytes(broken)
    report = frictionless.validate(folder / "datapackage.json")
    errors = {e.type for task in report.tasks for e in task.errors}
    assert {"foreign-key", "hash-count"} <= errors


def test_datapackage_describes_every_column_in_both_languages(exported, inputs):
    package = json.loads(exported.files["data/datapackage.json"])
    assert package["licenses"][0]["path"] == inputs.site.licence.url
    resources = {r["name"]: r for r in package["resources"]}
    for table in exported.tables:
        resource = resources[table.name]
        assert resource["bytes"] == len(exported.files[f"data/{table.filename}"])
        assert resource["dialect"]["lineTerminator"] == "\r\n"
        for spec, column in zip(resource["schema"]["fields"], table.columns, strict=True):
            assert spec["name"] == column.name
            assert spec["titles"]["ja"] and spec["titles"]["en"]
            assert spec["descriptions"]["ja"] and spec["descriptions"]["en"]
    code = next(f for f in resources["budget_items"]["schema"]["fields"] if f["name"] == "code")
    assert code["type"] == "string"
    births = next(f for f in resources["births_deaths"]["schema"]["fields"] if f["name"] == "births")
    assert births["unit"] == {"ja": "人", "en": "people"}


# --- DCAT 3 catalogue ---------------------------------------------------------------------------


def test_catalog_lists_every_distribution_with_its_true_size(exported, inputs):
    catalogue = json.loads(exported.files["data/catalog.jsonld"])
    assert catalogue["@type"] == "dcat:Catalog"
    base = inputs.site.base_url
    seen = {}
    for dataset in catalogue["dcat:dataset"]:
        assert dataset["@type"] == "dcat:Dataset"
        assert {lit["@language"] for lit in dataset["dct:title"]} == {"ja", "en"}
        for dist in dataset["dcat:distribution"]:
            assert dist["@type"] == "dcat:Distribution"
            url = dist["dcat:downloadURL"]["@id"]
            assert url.startswith(base + "data/")
            path = url.removeprefix(base)
            assert int(dist["dcat:byteSize"]["@value"]) == len(exported.files[path]), path
            assert dist["dcat:mediaType"]["@id"].startswith("https://www.iana.org/assignments/media-types/")
            assert dist["dct:license"]["@id"] == inputs.site.licence.url
            assert dist["dct:issued"]["@value"] == inputs.strategy.issued
            assert dist["dct:modified"]["@value"] == inputs.site.data_modified
            seen[path] = dist
    assert set(seen) == set(exported.files) - {"data/catalog.jsonld"}
    assert catalogue["dct:publisher"]["foaf:name"][0]["@value"] == inputs.site.publisher.ja


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's parser
def test_catalog_is_dcat_rdf_that_a_harvester_can_query(exported):
    rdflib = pytest.importorskip("rdflib")
    graph = rdflib.Graph().parse(data=exported.files["data/catalog.jsonld"].decode("utf-8"), format="json-ld")
    rows = list(graph.query("""
        PREFIX dcat: <http://www.w3.org/ns/dcat#>
        PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?url ?size ?licence WHERE {
          ?catalogue a dcat:Catalog ; dcat:dataset ?dataset .
          ?dataset a dcat:Dataset ; dct:title ?title ; dcat:distribution ?dist .
          ?dist a dcat:Distribution ; dcat:downloadURL ?url ; dcat:byteSize ?size ; dct:license ?licence ;
                dcat:mediaType ?media ; dct:issued ?issued ; dct:modified ?modified .
          FILTER (lang(?title) = "ja")
        }"""))
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert len(rows) == len(exported.files) - 1  # every file but the catalogue itself
    for url, size, _ in rows:
        assert str(size.datatype) == xsd + "nonNegativeInteger"
        assert size.toPython() == len(exported.files["data/" + str(url).rsplit("/data/", 1)[1]])


# --- the data page and the links to it ----------------------------------------------------------


def test_data_pages_link_every_file_and_show_the_licence(shipped_site, exported, inputs):
    for page in ("data/index.html", "en/data/index.html"):
        html = (shipped_site / page).read_text(encoding="utf-8")
        prefix = "../" * page.count("/")
        for path in exported.files:
            if path.endswith(".csv") or path == f"data/{exported.zip_name}":
                assert f'href="{prefix}{path}"' in html, (page, path)
        assert inputs.site.licence.url in html
        assert "CRLF" in html
    ja = (shipped_site / "data/index.html").read_text(encoding="utf-8")
    size = len(exported.files["data/indicators.csv"])
    assert f"{size:,}バイト" in ja


@pytest.mark.parametrize("page, csv_name", [("goals/g1/index.html", "indicators.csv"),
                                            ("goals/g1/index.html", "programs.csv"),
                                            ("indicators/index.html", "indicators.csv"),
                                            ("en/indicators/index.html", "indicators.csv"),
                                            ("budget/index.html", "budget_items.csv")])
def test_pages_link_to_the_data_behind_them(shipped_site, page, csv_name):
    html = (shipped_site / page).read_text(encoding="utf-8")
    link = "../" * page.count("/") + "data/" + csv_name
    assert f'href="{link}"' in html
    assert (shipped_site / page).parent.joinpath(link).resolve().is_file()


# --- the way a citizen opens it: LibreOffice ----------------------------------------------------

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                                   reason="LibreOffice (apt: libreoffice-calc-nogui) is not installed")
# LibreOffice's CSV import: comma, double quote, UTF-8 (76), from line 1; column 5 "2" = import as text.
UTF8 = "CSV:44,34,76,1"


def soffice(args: list[str], tmp_path: Path) -> None:
    assert SOFFICE, "CI must install LibreOffice (apt: libreoffice-calc-nogui)"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", *args], check=True,
                   capture_output=True, timeout=180, cwd=tmp_path)


def xlsx_strings(path: Path) -> list[str]:
    """The shared strings of an .xlsx, read with zipfile and ElementTree (no spreadsheet library)."""
    ns = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{ns['x']}}}t")) for si in root.findall("x:si", ns)]


@needs_soffice
def test_libreoffice_opens_the_csv_and_keeps_the_japanese(exported, tmp_path):
    write_files(exported.files, tmp_path)
    soffice(["--infilter=" + UTF8, "--convert-to", "xlsx", "--outdir", "xlsx",
             "data/survey_results.csv", "data/goals.csv"], tmp_path)
    strings = xlsx_strings(tmp_path / "xlsx/survey_results.xlsx")
    assert "question_id" in strings, "the BOM must not leak into the first header"
    assert "自分の通勤・通学のしやすさ" in strings
    assert "結婚・出産・子育ての希望実現戦略" in xlsx_strings(tmp_path / "xlsx/goals.xlsx")

    # …and back to CSV: the same cells come out.
    soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", "back",
             "xlsx/survey_results.xlsx"], tmp_path)
    back = (tmp_path / "back/survey_results.csv").read_bytes().decode("utf-8-sig")
    original = exported.files["data/survey_results.csv"].decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(back))) == list(csv.reader(io.StringIO(original)))


@needs_soffice
def test_libreoffice_keeps_the_leading_zero_when_the_code_column_is_imported_as_text(exported, tmp_path):
    write_files(exported.files, tmp_path)
    soffice(["--infilter=" + UTF8 + ",5/2", "--convert-to", "xlsx", "--outdir", "xlsx", "data/budget_items.csv"],
            tmp_path)
    assert "0104010217" in xlsx_strings(tmp_path / "xlsx/budget_items.xlsx")


# --- formula injection and safe serialisation ---------------------------------------------------

FORMULA = '=HYPERLINK("http://x","y")'


def hostile_strategy():
    """The golden strategy with texts a spreadsheet would run as formulas (OWASP's starting characters)."""
    from site_builder.load.models import Strategy

    data = json.loads(json.dumps(GOLDEN_STRATEGY))
    programs = data["goals"][0]["measures"][0]["programs"]
    programs[0]["name"] = {"ja": FORMULA, "en": "+81 42-492-5111"}
    programs[1]["description"] = {"ja": "@SUM(A1:A9)", "en": "-2+3"}
    data["goals"][0]["measures"][0]["aim"] = {"ja": "@メンション", "en": "a = b stays"}
    return Strategy.model_validate(data)


@pytest.fixture(scope="module")
def hostile_export(inputs) -> DataExport:
    return export_data(inputs.site, hostile_strategy(), inputs.population, inputs.survey)


def test_text_cells_that_look_like_formulas_are_neutralised_in_csv_and_kept_in_json(hostile_export):
    programs = {row["program_id"]: row for row in read_csv(hostile_export.files["data/programs.csv"])}
    assert programs["nursery"]["name_ja"] == "'" + FORMULA
    assert programs["nursery"]["name_en"] == "'+81 42-492-5111"
    assert programs["open-data"]["description_ja"] == "'@SUM(A1:A9)"
    assert programs["open-data"]["description_en"] == "'-2+3"
    measures = read_csv(hostile_export.files["data/measures.csv"])
    assert measures[0]["aim_ja"] == "'@メンション" and measures[0]["aim_en"] == "a = b stays"
    strategy = json.loads(hostile_export.files["data/strategy.json"])["strategy"]
    program = strategy["goals"][0]["measures"][0]["programs"][0]
    assert program["name"] == {"ja": FORMULA, "en": "+81 42-492-5111"}  # the JSON keeps the text as written


def test_numbers_and_codes_are_never_neutralised(hostile_export):
    indicators = {row["indicator_id"]: row for row in read_csv(hostile_export.files["data/indicators.csv"])}
    assert indicators["net-migration"]["baseline"] == "-13"
    values = [row["value"] for row in read_csv(hostile_export.files["data/indicator_values.csv"])]
    assert "-13" in values
    codes = [row["code"] for row in read_csv(hostile_export.files["data/budget_items.csv"])]
    assert codes == ["0103020201", "-", "-", ""]  # "-": the dash printed in the source, for each of its programs


def test_the_neutralised_package_still_validates_with_frictionless(hostile_export, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    folder = write_files(hostile_export.files, tmp_path) / "data"
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_chart_downloads_neutralise_text_and_keep_numbers():
    from site_builder.opendata.files import csv_text

    text = csv_text(["label", "value"], [["=1+1", -13], ["-", 1.5], ["\tx", Decimal("-2.50")], ["plain", 0]])
    assert text == "\ufefflabel,value\r\n'=1+1,-13\r\n'-,1.5\r\n'\tx,-2.50\r\nplain,0\r\n"


def sheet_formulas(path: Path) -> list[str]:
    """The formulas of an .xlsx's first sheet (its <f> elements)."""
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml"))
    return [f.text or "" for f in root.iter(f"{ns}f")]


@needs_soffice
def test_libreoffice_shows_a_neutralised_formula_as_text(hostile_export, tmp_path):
    write_files(hostile_export.files, tmp_path)
    # The same table without neutralising: LibreOffice turns the cell into a live formula.
    raw = hostile_export.files["data/programs.csv"].replace(b'"\'=HYPERLINK', b'"=HYPERLINK')  # a quoted cell
    assert raw != hostile_export.files["data/programs.csv"]
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw/programs.csv").write_bytes(raw)
    soffice(["--infilter=" + UTF8, "--convert-to", "xlsx", "--outdir", "xlsx", "data/programs.csv"], tmp_path)
    soffice(["--infilter=" + UTF8, "--convert-to", "xlsx", "--outdir", "xlsx-raw", "raw/programs.csv"], tmp_path)
    assert any("HYPERLINK" in f.upper() for f in sheet_formulas(tmp_path / "xlsx-raw/programs.xlsx"))
    assert sheet_formulas(tmp_path / "xlsx/programs.xlsx") == []
    assert any(FORMULA in s for s in xlsx_strings(tmp_path / "xlsx/programs.xlsx"))


def test_json_is_made_by_an_encoder_that_knows_decimal():
    from site_builder.opendata.files import json_bytes

    value = {"nul": "a\0b", "quote": 'say "hi" </script>', "line": "x\u2028y",
             "numbers": [Decimal("1.40"), Decimal("41.08"), Decimal("-13"), Decimal("1E+2"), Decimal("0.000001")]}
    text = json_bytes(value).decode("utf-8")
    assert json.loads(text, parse_float=Decimal) == {**value, "numbers": [Decimal("1.40"), Decimal("41.08"), Decimal("-13"),
                                                                        Decimal("100"), Decimal("0.000001")]}
    assert '"numbers": [\n    1.40,\n    41.08,\n    -13,\n    100,\n    0.000001\n  ]' in text
    plain = {"a": [1, 2.5, True, None, {}, []], "b": {"c": "日本語"}}
    assert json_bytes(plain) == (json.dumps(plain, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    with pytest.raises(ValueError):
        json_bytes({"x": Decimal("NaN")})


def test_every_json_file_parses_and_keeps_the_written_digits(exported):
    for path, content in exported.files.items():
        if path.endswith((".json", ".jsonld")):
            json.loads(content)  # the whole file is JSON
    text = exported.files["data/strategy.json"].decode("utf-8")
    assert '"value": 41.08' in text and '"rate": 1.40' in text and '"value": -13' in text
