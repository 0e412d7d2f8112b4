"""The loader keeps text as text, refuses duplicate keys, and every error says file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TINY_KPI, write_tiny

from site_builder.errors import DataError
from site_builder.load.inputs import load_inputs
from site_builder.load.loaders import read_text, read_yaml


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
    assert [str(p) for p in problems] == ["x.yaml:1:4: the '[' opened here is not closed where expected (noticed on line 2): "
                                          "add ']' at the end of the value, and check the commas"]
    doc, problems = read(tmp_path, "a: 1\nb: c: d\n")
    assert str(problems[0]).startswith("x.yaml:2:5: the ':' on this line cannot be read: line this key up with the keys")


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
    assert any(f":{line_of(kpi, 'value: 45人')}:" in e and "'45人' has the unit '人': write 45 and put '人' in the indicator's unit"
               in e for e in errors), errors
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
    assert f"data/kpi.yaml:{line}:9: goals[0].indicators[0].directon: unknown field 'directon': did you mean 'direction'? " \
           "Otherwise remove it" in errors
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
        "content/goals/g1.en.md: file not found: write the en text of content/goals/g1.ja.md here (each narrative is in both "
        "languages), or delete content/goals/g1.ja.md to leave it out"]


def test_unknown_figure_placeholder(tmp_path):
    root = write_tiny(tmp_path / "p")
    (root / "content/pages/vision.ja.md").write_text("## a\n\n[[figure:nope]]\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_inputs(root)
    assert str(info.value.problems[0]).startswith("content/pages/vision.ja.md:3:1: unknown figure 'nope'")


# --- hostile and broken files: refused before anything is expanded -------------------------------

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))


def test_billion_laughs_is_refused_fast_and_small(tmp_path):
    import time
    import tracemalloc
    path = tmp_path / "x.yaml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")  # 9^9 strings if expanded
    tracemalloc.start()
    started = time.perf_counter()
    doc, problems = read_yaml(path, "x.yaml")
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert doc is None and seconds < 2 and peak < 5_000_000, (seconds, peak)
    assert str(problems[0]).startswith("x.yaml:1:4: '&a' marks a value to repeat elsewhere (a YAML anchor)")
    assert str(problems[2]).startswith("x.yaml:2:8: '*a' repeats a value given elsewhere (a YAML alias)")
    assert len(problems) == 21 and problems[-1].message.startswith("… and 61 more problems")  # 9 anchors, 72 aliases


@pytest.mark.parametrize("text", ["a: " + "[" * 10000 + "]" * 10000 + "\n",
                                  "a:\n" + "".join(" " * (i + 1) + "- \n" for i in range(300))], ids=["flow", "block"])
def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path, text):
    doc, problems = read(tmp_path, text)
    assert doc is None and len(problems) == 1
    assert "too deeply nested (more than 64 lists and mappings" in problems[0].message and problems[0].line is not None


def test_merge_keys_and_tags_are_refused(tmp_path):
    _, problems = read(tmp_path, "a: {x: 1}\nb:\n  <<: {x: 1}\nc: !!str 38\n")
    assert [str(p) for p in problems] == [
        "x.yaml:4:4: the YAML tag '!!str' is not supported: remove it (put text in quotes instead)"]
    _, problems = read(tmp_path, "a: {x: 1}\nb:\n  <<: {x: 1}\n")
    assert [str(p) for p in problems] == ["x.yaml:3:3: '<<' (a YAML merge key) is not supported: write the keys out in full"]


def test_control_characters_are_refused_where_they_are(tmp_path):
    _, problems = read(tmp_path, "a: x\x1by\nb: \"\\e[31mred\"\nc: a\u202eb\nd: |\n  tab\there\n\"k\\x07\": 1\n")
    assert [str(p) for p in problems] == [
        "x.yaml:1:5: invisible control character U+001B (ESC): delete it (retype the text around it if unsure)",
        "x.yaml:3:5: invisible bidirectional-text control U+202E (RIGHT-TO-LEFT OVERRIDE): it shows text in another order "
        "than it is stored: delete it"]
    _, problems = read(tmp_path, "b: \"\\e[31mred\"\nd: |\n  tab\there\n\"k\\x07\": 1\n")  # escapes, once the raw text is clean
    assert [(p.line, p.col, p.message[:40]) for p in problems] == [
        (1, 4, "invisible control character U+001B (ESC)"), (4, 1, "invisible control character U+0007: dele")]


def test_crlf_and_bom_read_exactly_like_lf(tmp_path):
    text = "# c\na:\n  - x: 1 # cut\n    y: |\n      two\n      lines\n"
    lf, _ = read(tmp_path, text)
    (tmp_path / "x.yaml").write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    crlf, problems = read_yaml(tmp_path / "x.yaml", "x.yaml")
    assert problems == [] and crlf == lf and crlf.data["a"][0]["y"] == "two\nlines\n"


def test_markdown_bom_and_crlf(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff## 見出し\r\n\r\ntext\r\n".encode())
    assert read_text(path, "a.md") == ("## 見出し\n\ntext\n", [])
    path.write_bytes(b"## a\n\nx\x00y\n")
    assert [str(p) for p in read_text(path, "a.md")[1]] == [
        "a.md:3:2: invisible control character U+0000 (NUL): delete it (retype the text around it if unsure)"]


def test_shift_jis_is_located(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes("a: 1\nb: テスト\n".encode("cp932"))
    _, problems = read_yaml(path, "x.yaml")
    assert str(problems[0]).startswith("x.yaml:2:4: not UTF-8 text (byte 0x83 here; it looks like Shift_JIS;")
    assert "save the file as UTF-8" in problems[0].message


@pytest.mark.parametrize("text", ["", "# only\n# comments\n"], ids=["empty", "comments"])
def test_empty_file(tmp_path, text):
    _, problems = read(tmp_path, text)
    assert [str(p) for p in problems] == [
        "x.yaml:1:1: the file is empty (or has only comments): write its keys and values again, or restore the last saved version"]


def test_text_cut_by_a_comment_is_a_warning(tmp_path):
    doc, problems = read(tmp_path, "a: 保育園 #1\nb: '#ok'\nc: {d: e}  # fine\nf:  # fine\ng: ~  # fine\nh: x#y\n")
    assert problems == [] and doc.data["a"] == "保育園" and doc.data["h"] == "x#y"
    assert [str(w) for w in doc.warnings] == [
        "x.yaml:1:8: the text after '#' was read as a comment, so the value is '保育園': put the whole value in quotes "
        "if '#1' belongs to it"]


@pytest.mark.parametrize(("text", "line", "says"), [
    ("t:\n  ja： テスト\n  en: Test\n", 2, "full-width colon '：' after 'ja': write 'ja: テスト' (半角 colon, then a space)"),
    ("t:\n  en: Test\n  ja： テスト\nx: 1\n", 3, "full-width colon '：' after 'ja'"),
    ("t: {ja：テスト, en: Test}\n", 1, "full-width colon '：' in 'ja：テスト': write 'ja: テスト'"),
    ("a:\n  - year: 2016\n    value: 1\n  -year: 2017\n    value: 2\n", 4, "'-year' needs a space after '-': write '- year:'"),
    ("a:\n  ja: \"テスト\n  en: Test\nb: 1\n", 2, "the quote \" opened here is never closed"),
    ("a:\n  ja: \"テスト\n  en: \"Test\"\nb: 1\n", 2, "the quote \" opened here closes only on line 3"),
    ("a:\n\tb: 1\n", 2, "a tab is used here: YAML indents with spaces only"),
    ("ｉｄ: x\n", 1, "the key 'ｉｄ' has full-width (全角) letters: write id (半角)"),
], ids=["colon-first", "colon-last", "colon-flow", "dash-year", "open-quote", "quote-closed-late", "tab", "full-width-key"])
def test_typing_slips_point_at_the_slip(tmp_path, text, line, says):
    _, problems = read(tmp_path, text)
    assert problems[0].line == line and says in problems[0].message, problems


def test_messages_escape_control_characters_and_cut_long_values():
    from site_builder.errors import Problem, shown
    assert str(Problem("x.yaml", 1, 2, "bad 'a\x1b[31mb\u202e'")) == "x.yaml:1:2: bad 'a\\x1b[31mb\\u202e'"
    assert shown("x" * 500) == "'" + "x" * 59 + "…'"


def test_links_outside_the_project_are_refused(tmp_path):
    from site_builder.load.loaders import links_outside
    from site_builder.render.site_files import static_assets
    root = write_tiny(tmp_path / "p")
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (root / "assets/inside.css").symlink_to(root / "assets/style.css")  # a link within the project is fine
    assert links_outside(root) == []
    (root / "assets/passwd.txt").symlink_to(secret)
    (root / "content/goals/g1.ja.md").unlink()
    (root / "content/goals/g1.ja.md").symlink_to(secret)
    assert [str(p) for p in links_outside(root)] == [
        f"content/goals/g1.ja.md: is a link to {secret}, outside the project: copy the file into the project instead of linking to it",
        f"assets/passwd.txt: is a link to {secret}, outside the project: copy the file into the project instead of linking to it"]
    with pytest.raises(DataError, match="assets/passwd.txt: is a link to a file outside the project"):
        list(static_assets(root / "assets"))


def test_links_are_followed_inside_the_project_and_loops_end(tmp_path):
    from site_builder.load.loaders import links_outside
    root = write_tiny(tmp_path / "p")
    (root / "other").mkdir()
    (root / "other/g1.ja.md").symlink_to(tmp_path / "secret.txt")  # outside the input folders: found through a link
    (root / "content/more").symlink_to(root / "other", target_is_directory=True)
    (root / "content/again").symlink_to(root / "content", target_is_directory=True)  # a loop through the parent
    (root / "data/self.yaml").symlink_to(root / "data/self.yaml")
    assert [str(p) for p in links_outside(root)] == [
        "data/self.yaml: is a link that loops: copy the file into the project instead of linking to it",
        f"content/more/g1.ja.md: is a link to {tmp_path / 'secret.txt'}, outside the project: copy the file into the project "
        "instead of linking to it"]


@pytest.mark.parametrize(("value", "says"), [
    ("３８", "'３８' has full-width (全角) digits: write 38 (半角)"),
    ("－５", "'－５' has full-width (全角) digits and minus '－': write -5 (半角)"),
    ("38　", "'38\u3000' has full-width (全角) space: write 38 (半角)"),
    ("平成30年度", "'平成30年度' is a Japanese era year (和暦): write 2018 (the Western year, 西暦)"),
    ("H30", "write 2018"), ("R2", "write 2020"), ("令和元年", "write 2019 (the Western year, 西暦) (and year_kind: calendar"),
    ("2018年度", "'2018年度': write the year as digits only: 2018"),
    ("24人", "'24人' has the unit '人': write 24 and put '人' in the indicator's unit"),
    ("18,167", "'18,167' has a thousands separator ',': write 18167"),
    ("41.08%", "'41.08%' has the unit '%': write 41.08 (the unit belongs in unit:)"),
    ("1e3", "'1e3' is not written as a plain number: write 1000"),
    (".5", "write 0.5"),
    ("ー", "'ー' means 'none' in the printed table: to leave the baseline out, delete the whole baseline: entry"),
    ("abc", "'abc' is not a number: write digits only"),
])
def test_number_advice(value, says):
    from site_builder.load.advice import number_advice
    assert says in number_advice(value, ("baseline", "value")), number_advice(value, ("baseline", "value"))
