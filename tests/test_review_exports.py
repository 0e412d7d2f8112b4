"""The yearly reviews in the open data: CSVs, strategy.json, the data package (foreign keys) and DCAT,
read back equal to the review files; no review, no review dataset."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_review_pages import write_reviews

from site_builder.derive.facts import derive
from site_builder.load.inputs import load_inputs
from site_builder.opendata.files import export_data

REVIEW_FILES = ("reviews", "review_results", "review_programs", "review_assessments")


def exported_from(root: Path):
    inputs = load_inputs(root)
    return export_data(inputs.site, inputs.strategy, inputs.population, inputs.survey, derive(inputs))


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    root = write_reviews(tmp_path_factory.mktemp("reviewed-data") / "tiny")
    return root, exported_from(root)


def rows(data, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.files[f"data/{name}.csv"].decode("utf-8-sig"), newline="")))


def test_values_round_trip_through_csv_and_json(reviewed):
    root, data = reviewed
    by_key = {(r["indicator_id"], r["year"]): r for r in rows(data, "review_results")}
    saved = json.loads(data.files["data/strategy.json"])["reviews"]
    for path in sorted((root / "data/reviews").glob("*.yaml")):
        review = yaml.safe_load(path.read_text(encoding="utf-8"))
        from_json = next(r for r in saved if r["year"] == review["year"])
        assert from_json["held"] == str(review["held"])
        for entry in review["indicators"]:
            row = by_key[(entry["id"], str(review["year"]))]
            json_entry = next(e for e in from_json["indicators"] if e["id"] == entry["id"])
            if "value" in entry:
                assert Decimal(row["value"]) == Decimal(str(entry["value"])) == Decimal(str(json_entry["value"]))
                assert row["source_ja"] == entry["source"]["ja"] and row["source_en"] == entry["source"]["en"]
            else:
                assert row["value"] == "" and row["grade"] == "not_measured"
                assert row["not_measured_en"] == entry["not_measured"]["en"]
            assert row["grade"] == json_entry["grade"]
    waiting = by_key[("waiting", "2016")]
    assert (waiting["as_of"], waiting["as_of_kind"], waiting["note_en"]) == ("2017-04-01", "date", "On 1 April")
    assert (by_key[("tfr", "2016")]["as_of"], by_key[("tfr", "2016")]["as_of_kind"]) == ("2016", "calendar")


def test_programs_and_assessments_are_exported(reviewed):
    _, data = reviewed
    assert [(r["program_id"], r["year"], r["status"], r["status_name_ja"]) for r in rows(data, "review_programs")] == [
        ("nursery", "2016", "implemented", "実施")]
    found = {(r["year"], r["goal_id"], r["measure_id"]): r for r in rows(data, "review_assessments")}
    assert found[("2016", "g1", "")]["opinion_en"] == "The committee's opinion text"
    assert found[("2016", "g1", "g1-m1")]["issues_ja"] == "課題の文"


def test_package_has_foreign_keys_and_the_catalogue_lists_the_reviews(reviewed):
    _, data = reviewed
    package = json.loads(data.files["data/datapackage.json"])
    schemas = {r["name"]: r["schema"] for r in package["resources"]}
    refs = {(fk["fields"][0], fk["reference"]["resource"]) for fk in schemas["review_results"]["foreignKeys"]}
    assert refs == {("indicator_id", "indicators"), ("year", "reviews")}
    assert ("program_id", "programs") in {(fk["fields"][0], fk["reference"]["resource"])
                                          for fk in schemas["review_programs"]["foreignKeys"]}
    assert {"goals", "measures", "reviews"} <= {fk["reference"]["resource"] for fk in schemas["review_assessments"]["foreignKeys"]}
    catalogue = data.files["data/catalog.jsonld"].decode("utf-8")
    for name in REVIEW_FILES:
        assert f"data/{name}.csv" in catalogue


def test_review_package_validates_with_frictionless(reviewed, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    _, data = reviewed
    for path, content in data.files.items():
        (tmp_path / Path(path).name).write_bytes(content)
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_no_review_no_review_datasets():
    data = exported_from(ROOT)
    assert not [p for p in data.files if any(p == f"data/{name}.csv" for name in REVIEW_FILES)]
    assert "reviews" not in json.loads(data.files["data/strategy.json"])
    assert "review_results" not in data.files["data/datapackage.json"].decode("utf-8")
