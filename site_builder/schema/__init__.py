"""JSON Schemas of the data files, made from the models, so that staff's editor (VS Code with the YAML
extension) checks and completes data/*.yaml as they type: `site-builder schema` writes them into schema/.

Each data file names its schema on its first line (`# yaml-language-server: $schema=../schema/kpi.schema.json`).
The schema follows what the builder accepts: unknown keys are refused where the model forbids extras, and
a list that may be left empty (`kpis:`) may also be null. Output is deterministic (sorted keys, one
trailing newline), so tests/test_schema.py can compare the committed files with a fresh run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from ..load.models import NoneIsEmpty, Population, Site, Strategy, Survey
from ..load.reviews import Review

FOLDER = "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Fields the model keeps only to refuse them with a message (an old key): a schema must not offer them.
RETIRED = {"Indicator": ("actuals",)}


@dataclass(frozen=True)
class DataFile:
    name: str  # the schema is schema/<name>.schema.json
    model: type[BaseModel]
    files: str  # which data files it describes (a glob under the project folder)
    title: str  # 日本語／English


DATA_FILES = (
    DataFile("kpi", Strategy, "data/kpi.yaml", "総合戦略の基本目標・施策・指標／The strategy: goals, measures, indicators"),
    DataFile("site", Site, "data/site.yaml", "サイトの設定／Site settings"),
    DataFile("population", Population, "data/population.yaml", "人口の図表／Population figures"),
    DataFile("survey", Survey, "data/survey.yaml", "アンケート調査の回答／Survey answers"),
    DataFile("review", Review, "data/reviews/[0-9][0-9][0-9][0-9].yaml", "年度ごとの効果検証／A year's review"),
)


def schema_of(data: DataFile) -> dict[str, Any]:
    """The JSON Schema of one data file, as the editor should apply it."""
    schema = data.model.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    for model in _models(data.model):
        target = schema if model is data.model else defs[model.__name__]
        for name in RETIRED.get(model.__name__, ()):
            target["properties"].pop(name, None)
            if name in target.get("required", []):
                target["required"].remove(name)
        for name, info in model.model_fields.items():
            if NoneIsEmpty in info.metadata and name in target["properties"]:
                target["properties"][name]["type"] = ["array", "null"]  # `items` applies to the list only
    _strip_titles(schema)
    _json_schema_bounds(schema)
    for part in (schema, *defs.values()):
        part.pop("description", None)  # the models' docstrings are for programmers; fields carry the help
    schema["title"] = data.title
    return {"$schema": DIALECT, **schema}


def schema_files() -> dict[str, str]:
    """schema/<name>.schema.json → its text."""
    return {f"{data.name}.schema.json": json.dumps(schema_of(data), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for data in DATA_FILES}


def first_line(data: DataFile, depth: int) -> str:
    """The line that names the schema, for a data file `depth` folders below the project folder."""
    return f"# yaml-language-server: $schema={'../' * depth}{FOLDER}/{data.name}.schema.json"


def write_schemas(root: Path) -> list[Path]:
    folder = root / FOLDER
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    return written


def stale_schemas(root: Path) -> list[str]:
    """The schema files that differ from what the models give now (missing ones included)."""
    folder = root / FOLDER
    return [name for name, text in schema_files().items()
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]


def _models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """`model` and every model inside it, each once."""
    found: list[type[BaseModel]] = []
    stack = [model]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.append(current)
        for info in current.model_fields.values():
            stack.extend(_all_models(info.annotation))
    return found


def _all_models(annotation: Any) -> list[type[BaseModel]]:
    out, stack = [], [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            out.append(item)
        else:
            stack.extend(get_args(item))
    return out


# Constraints pydantic leaves in its own words when a validator runs before them (Year, Count, Number).
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _json_schema_bounds(node: Any) -> None:
    """ge/le/gt/lt → minimum/maximum/exclusive…; decimal_places dropped (the builder says how to round)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                for prop in value.values():
                    _json_schema_bounds(prop)
            else:
                _json_schema_bounds(value)
        if "type" in node or "anyOf" in node:
            for ours, theirs in _BOUNDS.items():
                if ours in node:
                    node[theirs] = node.pop(ours)
            node.pop("decimal_places", None)
    elif isinstance(node, list):
        for item in node:
            _json_schema_bounds(item)


def _strip_titles(node: Any) -> None:
    """Drop pydantic's automatic titles ("Target", "Baseline"): English only, and the descriptions say more."""
    if isinstance(node, dict):
        if isinstance(node.get("title"), str):
            del node["title"]
        for key, value in node.items():
            if key == "properties":
                for prop in value.values():
                    _strip_titles(prop)
            else:
                _strip_titles(value)
    elif isinstance(node, list):
        for item in node:
            _strip_titles(item)
