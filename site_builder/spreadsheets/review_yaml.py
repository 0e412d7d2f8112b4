"""Put a sheet's entries into data/reviews/<year>.yaml, leaving everything else in the file as it was.

ruamel.yaml's round trip keeps comments, key order, quoting and layout; only the indicators the sheet
fills in are changed (an existing entry in place, keeping its other keys and comments) or added at the
end of `indicators:`. Numbers are written with the digits as typed (1.40, never 1.4 or 1.4000000000000001).
A missing file is created with a header comment that says where the format is explained.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..errors import SiteError
from ..messages import say
from ..spreadsheets.cells import Entry

NEW_FILE = """\
# yaml-language-server: $schema=../../schema/review.schema.json
# data/reviews/{year}.yaml: the review (効果検証) of FY{year}
# Made by `site-builder import`; edit it freely. The format: data/reviews/README.md
year: {year}
# when the review was held or published: YYYY-MM or YYYY-MM-DD
held: {held}
reviewer: {reviewer}
indicators:
"""


class Digits(str):
    """A number as typed, written as a plain YAML number (never quoted, never reformatted)."""


def _represent_digits(representer, data: Digits):
    tag = "tag:yaml.org,2002:float" if "." in data else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, str(data))


@dataclass(frozen=True)
class Change:
    id: str
    before: str  # "—" when the review did not list it
    after: str


def new_file(year: int, held: str, reviewer: dict[str, str]) -> str:
    return NEW_FILE.format(year=year, held=held, reviewer=_flow_text(reviewer))


def merged(text: str, entries: list[Entry], shown: str) -> tuple[str, list[Change]]:
    """The file's text with the entries put in, and what changed for each indicator."""
    yaml = _yaml(text)
    try:
        data = yaml.load(text)
        plain = _dump(yaml, data)
    except YAMLError as e:
        raise SiteError(say("sheet.yaml_unreadable", file=shown, detail=str(e).splitlines()[0])) from None
    if not isinstance(data, CommentedMap):
        raise SiteError(say("sheet.not_review", file=shown))
    listed = data.get("indicators")
    if not isinstance(listed, CommentedSeq):
        listed = CommentedSeq()
        data["indicators"] = listed
    changes: list[Change] = []
    for entry in entries:
        old = next((item for item in listed if isinstance(item, CommentedMap) and str(item.get("id")) == entry.id), None)
        before = summary(old) if old is not None else "—"
        target = old if old is not None else CommentedMap(id=entry.id)
        _apply(target, entry)
        after = summary(target)
        if old is None:
            listed.append(target)
        if before != after:
            changes.append(Change(entry.id, before, after))
    return _keep_layout(text, plain, _dump(yaml, data), yaml), changes


def _dump(yaml: YAML, data: object) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _keep_layout(original: str, plain: str, changed: str, yaml: YAML) -> str:
    """`changed` with every part the edits did not touch as the original wrote it.

    ruamel re-emits some layouts its own way (a `{ }` entry over two lines comes back on one). `plain` is
    its dump of the file without the edits: where it differs from the original and no edit falls inside,
    the original's lines are put back. The result must read as `changed` does, or `changed` is used."""
    a, b, c = (t.splitlines(keepends=True) for t in (original, plain, changed))
    edits = [op for op in SequenceMatcher(None, b, c, autojunk=False).get_opcodes() if op[0] != "equal"]
    to_c = {}  # line of `plain` → its line in `changed`, for lines the edits leave alone
    for tag, i1, i2, j1, _ in SequenceMatcher(None, b, c, autojunk=False).get_opcodes():
        if tag == "equal":
            to_c.update({i1 + k: j1 + k for k in range(i2 - i1)})
    swaps = []
    for tag, a1, a2, b1, b2 in _segments(a, b):
        touched = any(i1 < b2 and i2 > b1 or i1 == i2 and b1 < i1 < b2 for _, i1, i2, _, _ in edits)
        if tag == "equal" or touched or not all(k in to_c for k in range(b1, b2)):
            continue
        start = to_c[b1] if b1 < b2 else to_c.get(b1, len(c))
        swaps.append((start, start + (b2 - b1), a[a1:a2]))
    for start, end, lines in sorted(swaps, reverse=True):
        c[start:end] = lines
    result = "".join(c)
    try:
        same = _plain_data(yaml.load(result)) == _plain_data(yaml.load(changed))
    except YAMLError:
        same = False
    return result if same else changed


def _segments(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """How `b` lines up with `a`, a changed run split into its list items where both have the same number."""
    out = []
    for tag, a1, a2, b1, b2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        starts_a, starts_b = _item_starts(a, a1, a2), _item_starts(b, b1, b2)
        if tag == "equal" or len(starts_a) != len(starts_b) or len(starts_a) < 2:
            out.append((tag, a1, a2, b1, b2))
            continue
        ends_a, ends_b = [*starts_a[1:], a2], [*starts_b[1:], b2]
        out += [("replace", sa, ea, sb, eb) for sa, ea, sb, eb in zip(starts_a, ends_a, starts_b, ends_b, strict=True)]
    return out


def _item_starts(lines: list[str], start: int, end: int) -> list[int]:
    """The lines in [start, end) that begin a list item at the run's outermost item indent; [start] first."""
    items = [(k, len(lines[k]) - len(lines[k].lstrip())) for k in range(start, end) if lines[k].lstrip().startswith("- ")]
    if not items or items[0][0] != start:
        return []
    indent = min(i for _, i in items)
    return [k for k, i in items if i == indent]


def _plain_data(value: object) -> object:
    if isinstance(value, dict):
        return [(str(k), _plain_data(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_plain_data(v) for v in value]
    return str(value)


def summary(item: CommentedMap) -> str:
    """One line for the change list: `39 (保育課調べ; 2017-04-01)` or `not measured: reason`."""
    if item.get("not_measured") is not None:
        return say("sheet.not_measured", reason=_ja(item["not_measured"]))
    if item.get("value") is None:
        return "—"
    extras = [_ja(item.get("source"))] if item.get("source") is not None else []
    as_of = item.get("as_of")
    if isinstance(as_of, dict):
        calendar = say("sheet.calendar") if as_of.get("kind") == "calendar" else ""
        extras.append(str(as_of.get("date") or f"{as_of.get('year')}{calendar}"))
    if item.get("note") is not None:
        extras.append(say("sheet.note_item", note=_ja(item["note"])))
    return f"{item['value']}" + (f" ({'; '.join(extras)})" if extras else "")


def _apply(item: CommentedMap, entry: Entry) -> None:
    """Set what the sheet fills in; empty optional cells leave the file's as_of and note as they were."""
    if entry.value is not None:
        item.pop("not_measured", None)
        _put(item, "value", Digits(entry.value))
        if entry.as_of is not None:
            as_of = CommentedMap(entry.as_of)
            if "date" in as_of:
                as_of["date"] = DoubleQuotedScalarString(as_of["date"])
            as_of.fa.set_flow_style()
            _put(item, "as_of", as_of)
        if entry.source is not None:
            _put(item, "source", _flow(entry.source))
    else:
        for key in ("value", "source", "as_of"):
            item.pop(key, None)
        _put(item, "not_measured", _flow(entry.not_measured or {}))
    if entry.note is not None:
        _put(item, "note", _flow(entry.note))


def _put(item: CommentedMap, key: str, value: object) -> None:
    """Replace a key's value where it stands, or add it after the keys that come before it in the format."""
    if key in item:
        item[key] = value
        return
    order = ("id", "value", "not_measured", "as_of", "source", "note", "ended")
    position = sum(1 for k in item if k in order and order.index(k) < order.index(key))
    item.insert(position, key, value)


def _flow(text: dict[str, str]) -> CommentedMap:
    out = CommentedMap(text)
    out.fa.set_flow_style()
    return out


def _flow_text(text: dict[str, str]) -> str:
    yaml = _yaml("")
    out = io.StringIO()
    yaml.dump({"x": _flow(text)}, out)
    return out.getvalue().strip().removeprefix("x: ")


def _ja(text: object) -> str:
    return str(text.get("ja")) if isinstance(text, dict) else str(text)


def _yaml(text: str) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long Japanese line
    yaml.representer.add_representer(Digits, _represent_digits)
    indent, offset = 4, 2  # the layout of data/reviews/README.md
    if re.search(r"^\s*- ", text, re.MULTILINE):
        try:
            _, guessed, guessed_offset = load_yaml_guess_indent(text)
            indent, offset = guessed or indent, guessed_offset if guessed_offset is not None else offset
        except YAMLError:
            pass
    yaml.indent(mapping=max(2, indent - offset), sequence=indent, offset=offset)
    return yaml
