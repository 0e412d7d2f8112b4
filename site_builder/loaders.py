"""Read YAML and Markdown, keeping every value's line and column so any later error can point at it.

The YAML reader is deliberately dumb: every scalar stays the text that was written (only an empty
value or `null`/`~` is None). The pydantic models decide what is a number; nothing else guesses, so
`0104010217` stays "0104010217" and `no` stays "no". Duplicate keys are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import Problem

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_NULLS = {"", "~", "null", "Null", "NULL"}

# Japanese names shown beside field names in messages, for staff who know the source's terms.
FIELD_LABELS = {
    "baseline": "基準値", "target": "目標値", "code": "事業コード", "source": "出典",
    "status": "状態", "name": "名称", "title": "タイトル", "unit": "単位", "actuals": "実績値",
    "direction": "方向", "description": "内容", "aim": "施策の目的", "programs": "取り組み内容",
    "kpis": "重要業績評価指標", "indicators": "戦略指標", "measures": "施策", "goals": "基本目標",
}


@dataclass(frozen=True)
class Document:
    """A YAML file as plain data plus the position of every value in it."""

    path: Path
    data: Any
    marks: dict[Loc, tuple[int, int]]
    key_marks: dict[Loc, tuple[int, int]]

    def mark(self, loc: Loc, at_key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of the deepest part of `loc` that exists in the file (of its key if asked)."""
        if at_key and loc in self.key_marks:
            return self.key_marks[loc]
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.marks:
                return self.marks[loc[:end]]
        return None, None

    def problem(self, loc: Loc, message: str, at_key: bool = False) -> Problem:
        line, col = self.mark(loc, at_key)
        return Problem(self.path, line, col, message)


class _ComposeOnly(yaml.SafeLoader):
    """Builds the node tree only; conversion to Python is ours."""


def read_yaml(path: Path, shown_as: Path | str | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file. Returns the document, or None and the problems found."""
    shown = shown_as or path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(shown, None, None, "file not found: create it (see README: Editing the data)")]
    except UnicodeDecodeError as e:
        return None, [Problem(shown, None, None, f"not UTF-8 text ({e.reason}): save the file as UTF-8")]
    try:
        node = yaml.compose(text, Loader=_ComposeOnly)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = e.problem or "YAML syntax error"
        hint = "check indentation, the colon after each key, and quotes around text containing ': ' or '#'"
        return None, [Problem(shown, line, col, f"YAML syntax error: {what} ({hint})")]
    marks: dict[Loc, tuple[int, int]] = {}
    key_marks: dict[Loc, tuple[int, int]] = {}
    problems: list[Problem] = []
    data = _convert(node, (), (marks, key_marks), problems, shown) if node is not None else None
    return Document(Path(shown), data, marks, key_marks), problems


def _convert(node: yaml.Node, loc: Loc, both: tuple[dict, dict], problems: list[Problem], shown) -> Any:
    marks, key_marks = both
    marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, loc + (i,), both, problems, shown) for i, item in enumerate(node.value)]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            line = key_node.start_mark.line + 1
            problems.append(Problem(shown, line, key_node.start_mark.column + 1, "a key must be plain text"))
            continue
        key = key_node.value
        if key in out:
            first = marks.get(loc + (key,), (None, None))[0]
            problems.append(Problem(shown, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                    f"duplicate key '{key}' (first at line {first}): keep only one"))
            continue
        key_marks[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        out[key] = _convert(value_node, loc + (key,), both, problems, shown)
    return out


def validate(model: type[M], doc: Document) -> tuple[M | None, list[Problem]]:
    """Validate a document against a model; every pydantic error becomes a Problem with its place."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as e:
        return None, [doc.problem(err["loc"], friendly(err), at_key=err["type"] == "extra_forbidden")
                      for err in e.errors(include_url=False)]


def load(model: type[M], path: Path, shown_as: Path | str | None = None) -> tuple[M | None, Document | None, list[Problem]]:
    doc, problems = read_yaml(path, shown_as)
    if doc is None or problems:
        return None, doc, problems
    value, problems = validate(model, doc)
    return value, doc, problems


def friendly(err: dict) -> str:
    """A pydantic error in words a city employee can act on."""
    loc = err["loc"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    label = f"{field} ({FIELD_LABELS[field]})" if field in FIELD_LABELS else field
    value = err.get("input")
    kind = err["type"]
    where = _dotted(loc)
    if kind == "missing":
        return f"{where}: required field '{label}' is missing: add it"
    if kind == "extra_forbidden":
        return f"{where}: unknown field '{field}': check its spelling or remove it"
    if kind in ("decimal_parsing", "int_parsing", "float_parsing", "decimal_type", "int_type"):
        return f"{where}: '{value}' is not a number: write digits only, e.g. 1200 or 41.08 (no commas, no units)"
    if kind == "literal_error":
        allowed = err.get("ctx", {}).get("expected", "")
        return f"{where}: '{value}' is not allowed here: write one of {allowed}"
    if kind == "string_pattern_mismatch":
        if field == "code":
            return f"{where}: 事業コード '{value}' must be 10 digits in quotes, e.g. \"0104010217\", or \"-\""
        if field in ("id", "programs") or loc[-1:] and isinstance(loc[-1], int):
            return f"{where}: '{value}' is not a valid id: use lowercase letters, digits and hyphens, e.g. nursery-waiting-list"
        return f"{where}: '{value}' has the wrong form ({err['msg']})"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where}: expected keys and values here (e.g. ja: … and en: … on their own lines), not '{value}'"
    if kind == "list_type":
        return f"{where}: expected a list here (one '- ' line per item)"
    if kind in ("string_type",):
        return f"{where}: expected text here"
    if kind == "string_too_short":
        return f"{where}: '{label}' must not be empty"
    return f"{where}: {err['msg']}"


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def read_text(path: Path, shown_as: Path | str) -> tuple[str | None, list[Problem]]:
    """Read a Markdown file as UTF-8."""
    try:
        return path.read_text(encoding="utf-8"), []
    except FileNotFoundError:
        return None, [Problem(shown_as, None, None, "file not found: create it (one file per goal and language)")]
    except UnicodeDecodeError as e:
        return None, [Problem(shown_as, None, None, f"not UTF-8 text ({e.reason}): save the file as UTF-8")]
