"""The JSON Schemas in schema/ (issue #11 §4): every shipped data file names its schema on its first line
and validates against it, the committed schemas are what `site-builder schema` makes from the models now,
and every property a staff member can type has help in Japanese and English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from badinput import line_of
from conftest import ROOT, write_tiny

from site_builder.__main__ import main
from site_builder.errors import DataError
from site_builder.load.inputs import load_inputs
from site_builder.schema import DATA_FILES, FOLDER, first_line, schema_files, stale_schemas

SCHEMAS = {data.name: data for data in DATA_FILES}
SAMPLE = ROOT / "examples/sample-city"
# Every data file staff edit, in both shipped projects, with the schema it must name.
SHIPPED = sorted(
    [(p, "review") for base in (ROOT, SAMPLE) for p in (base / "data/reviews").glob("[0-9][0-9][0-9][0-9].yaml")]
    + [(base / "data" / f"{name}.yaml", name) for base in (ROOT, SAMPLE) for name in ("kpi", "site", "population", "survey")
       if (base / "data" / f"{name}.yaml").exists()])
# YAML 1.2 core schema, as the editor's YAML extension reads plain values (PyYAML's 1.1 reads `no` as false).
_CORE = [(re.compile(r"null|Null|NULL|~|"), lambda s: None),
         (re.compile(r"true|True|TRUE|false|False|FALSE"), lambda s: s.lower() == "true"),
         (re.compile(r"[-+]?[0-9]+"), int), (re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"), float)]


def as_editor_reads(node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        if node.style is None:
            for pattern, convert in _CORE:
                if pattern.fullmatch(node.value):
                    return convert(node.value)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [as_editor_reads(item) for item in node.value]
    return {key.value: as_editor_reads(value) for key, value in node.value}


def editor_data(path: Path):
    return as_editor_reads(yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader))


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / FOLDER / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(name: str, data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(data)]


def test_both_projects_have_data_files_to_check():
    names = {(path.parent.name if name != "review" else "reviews", name) for path, name in SHIPPED}
    assert {name for _, name in names} == set(SCHEMAS)
    assert sum(1 for path, _ in SHIPPED if path.is_relative_to(SAMPLE)) >= 3


@pytest.mark.parametrize(("path", "name"), SHIPPED, ids=[str(p.relative_to(ROOT)) for p, _ in SHIPPED])
def test_shipped_data_file_names_its_schema_and_validates(path: Path, name: str):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    depth = len(path.relative_to(ROOT).parts) - 1
    assert first == first_line(SCHEMAS[name], depth)
    target = (path.parent / first.split("$schema=", 1)[1]).resolve()
    assert target == (ROOT / FOLDER / f"{name}.schema.json").resolve() and target.is_file()
    assert errors(name, editor_data(path)) == []


def test_committed_schemas_are_what_the_models_give():
    stale = stale_schemas(ROOT)
    assert stale == [], f"schema/ differs from the models in {stale}: run `site-builder schema` and commit schema/"
    assert sorted(p.name for p in (ROOT / FOLDER).glob("*.json")) == sorted(schema_files())


def test_schema_output_is_deterministic_json_with_a_trailing_newline():
    first, second = schema_files(), schema_files()
    assert first == second
    for text in first.values():
        assert text.endswith("}\n") and not text.endswith("\n\n")
        assert json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n" == text


def properties(node, where: str = ""):
    """(place, schema) of every property in a schema, however deep."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                for name, prop in value.items():
                    yield f"{where}.{name}", prop
                    yield from properties(prop, f"{where}.{name}")
            else:
                yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for item in node:
            yield from properties(item, where)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_property_has_japanese_and_english_help(name: str):
    schema = json.loads(schema_files()[f"{name}.schema.json"])
    found = list(properties(schema))
    assert len(found) >= 5
    for place, prop in found:
        ja, _, en = prop.get("description", "").partition("／")
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", ja), f"{name}{place}: no Japanese description"
        assert re.search(r"[A-Za-z]{2}", en), f"{name}{place}: no English description"
    assert "ja" in schema["title"] or re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", schema["title"])


def test_descriptions_and_examples_are_the_models_own():
    amount = json.loads(schema_files()["kpi.schema.json"])["$defs"]["Amount"]["properties"]["value"]
    assert amount["description"] == "値（半角数字。コンマ・単位は付けない）／Value (half-width digits, no commas or units)"
    assert amount["examples"] == [18167]


@pytest.mark.parametrize(("name", "path", "change", "key"), [
    ("kpi", ROOT / "data/kpi.yaml", lambda d: d["goals"][0].update(colour="red"), "colour"),
    ("site", ROOT / "data/site.yaml", lambda d: d.update(theme="dark"), "theme"),
    ("review", SAMPLE / "data/reviews/2020.yaml", lambda d: d["indicators"][0].update(valu=1), "valu"),
], ids=["kpi goal", "site", "review indicator"])
def test_schema_refuses_an_unknown_key_as_the_builder_does(name, path, change, key):
    data = editor_data(path)
    change(data)
    assert any(key in message and "Additional properties" in message for message in errors(name, data))


def test_retired_actuals_is_not_offered():
    indicator = json.loads(schema_files()["kpi.schema.json"])["$defs"]["Indicator"]
    assert "actuals" not in indicator["properties"]


def test_a_list_left_empty_is_valid_for_the_schema_and_the_builder(tmp_path):
    root = write_tiny(tmp_path / "p")
    kpi = root / "data/kpi.yaml"
    text = kpi.read_text(encoding="utf-8")
    assert "\n        direction: higher\n    measures:\n" in text
    kpi.write_text(text.replace("\n        direction: higher\n    measures:\n",
                                "\n        direction: higher\n        also_in:\n    measures:\n", 1), encoding="utf-8")
    assert editor_data(kpi)["goals"][0]["indicators"][0]["also_in"] is None  # `also_in:` with nothing after it
    assert errors("kpi", editor_data(kpi)) == []
    assert load_inputs(root).strategy.goals[0].indicators[0].also_in == []


def test_the_builder_ignores_the_first_line_and_keeps_line_numbers(tmp_path):
    root = write_tiny(tmp_path / "p")
    kpi = root / "data/kpi.yaml"
    text = first_line(SCHEMAS["kpi"], 1) + "\n" + kpi.read_text(encoding="utf-8").replace("number: 1", "number: x", 1)
    kpi.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_inputs(root)
    assert any(p.line == line_of(kpi, "number: x") and str(p.path) == "data/kpi.yaml" for p in caught.value.problems)


def test_schema_command_writes_and_checks(tmp_path, capsys):
    root = write_tiny(tmp_path / "p")
    assert main(["--root", str(root), "schema", "--check"]) == 1
    assert "run site-builder schema" in capsys.readouterr().err
    assert main(["--root", str(root), "schema"]) == 0
    assert sorted(p.name for p in (root / FOLDER).iterdir()) == sorted(schema_files())
    assert main(["--root", str(root), "schema", "--check"]) == 0
    (root / FOLDER / "kpi.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["--root", str(root), "schema", "--check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: schema/kpi.schema.json: ") and "run site-builder schema" in err
