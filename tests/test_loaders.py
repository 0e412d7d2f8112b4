"""The loader keeps text as text, refuses duplicate keys, and every error says file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TINY_KPI, write_tiny

from site_builder.errors import DataError
from site_builder.inputs import load_inputs
from site_builder.loaders import read_yaml


def read(tmp_path: Path, text: str):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, "x.yaml")


def test_scalars_stay_text(tmp_path):
    doc, problems = read(tmp_path, "code: 0104010217\nflag: no\non: yes\nwhen: 2016-03-01\nempty:\nn: null\n")
    assert problems == []
    assert doc.data == {"code": "0104010217", "flag": "no", "on": "yes", "when": "2016-03-01", "empty": None, "n": None}


def test_marks_point_at_values(tmp_path):
    doc, _ = read(tmp_path, "a:\n  - x: 1\n    y: 2\n")
    assert doc.mark(("a", 0, "y")) == (3, 8)
    assert doc.mark(("a", 0, "missing")) == (2, 5)  # falls back to the enclosing mapping


def test_duplicate_key_is_an_error_with_both_lines(tmp_path):
    doc, problems = read(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert [str(p) for p in problems] == ["x.yaml:3:1: duplicate key 'a' (first at line 1): keep only one"]


def test_syntax_error_has_line_and_hint(tmp_path):
    doc, problems = read(tmp_path, "a: [1, 2\nb: 3\n")
    assert doc is None
    assert problems[0].line is not None and "YAML syntax error" in problems[0].message


def errors_for(tmp_path: Path, kpi: str) -> list[str]:
    root = write_tiny(tmp_path / "p", kpi)
    with pytest.raises(DataError) as info:
        load_inputs(root)
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth - 1]


def test_semantic_errors_all_reported_with_lines(tmp_path):
    kpi = (TINY_KPI.replace("direction: lower", "direction: down")
           .replace("value: 45}", "value: 45人}")
           .replace("programs: [nursery]", "programs: [nursary]")
           .replace('code: "0103020201"', "code: 103020201"))
    errors = errors_for(tmp_path, kpi)
    assert any(e.startswith(f"data/kpi.yaml:{line_of(kpi, 'direction: down')}:") and "'down' is not allowed" in e
               and "'higher' or 'lower'" in e for e in errors), errors
    assert any(f":{line_of(kpi, 'value: 45人')}:" in e and "'45人' is not a number" in e for e in errors), errors
    assert any(f":{line_of(kpi, 'code: 103020201')}:" in e and "事業コード" in e for e in errors), errors
    # the unknown program is reported too, in the same run, once the models are valid
    fixed = kpi.replace("direction: down", "direction: lower").replace("45人", "45").replace(
        "code: 103020201", 'code: "0103020201"')
    errors = errors_for(tmp_path / "2", fixed)
    assert errors == [f"data/kpi.yaml:{line_of(fixed, 'nursary')}:16: budget item refers to program 'nursary', "
                      "which does not exist: use the id of a program under goals → measures → programs"]


def test_unknown_field_and_missing_field(tmp_path):
    kpi = TINY_KPI.replace("        direction: higher\n", "        directon: higher\n")
    errors = errors_for(tmp_path, kpi)
    line = line_of(kpi, "directon")
    assert f"data/kpi.yaml:{line}:9: goals[0].indicators[0].directon: unknown field 'directon': check its spelling or remove it" in errors
    assert any("required field 'direction (方向)' is missing" in e for e in errors)


def test_duplicate_ids_and_years_outside_period(tmp_path):
    kpi = TINY_KPI.replace("id: waiting", "id: tfr").replace("target: {value: 20, year: 2019}",
                                                             "target: {value: 20, year: 2022}")
    errors = errors_for(tmp_path, kpi)
    assert any(f":{line_of(kpi, 'id: tfr', 2)}:" in e and "indicator id 'tfr' is already used at line" in e for e in errors)
    assert any("target year 2022 is outside the plan period 2015–2019" in e for e in errors)


def test_missing_narrative_is_reported(tmp_path):
    root = write_tiny(tmp_path / "p")
    (root / "content/goals/g1.en.md").unlink()
    with pytest.raises(DataError) as info:
        load_inputs(root)
    assert [str(p) for p in info.value.problems] == [
        "content/goals/g1.en.md: file not found: create it (one file per goal and language)"]


def test_unknown_figure_placeholder(tmp_path):
    root = write_tiny(tmp_path / "p")
    (root / "content/pages/vision.ja.md").write_text("## a\n\n[[figure:nope]]\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_inputs(root)
    assert str(info.value.problems[0]).startswith("content/pages/vision.ja.md:3:1: unknown figure 'nope'")
