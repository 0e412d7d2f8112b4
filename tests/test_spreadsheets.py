"""Results by spreadsheet (`template`, `import`) and the .xlsx download, with files LibreOffice saved.

The round trip is the one staff make: template → fill in (openpyxl, as Excel would) → save with
LibreOffice → import → the review file holds the values, the rest of it is unchanged byte for byte,
and the site builds.
"""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from site_builder.__main__ import main
from site_builder.load.inputs import load_inputs
from site_builder.opendata.files import XLSX_NAME, export_data

SOFFICE = shutil.which("soffice") or "soffice"  # scripts/test.sh installs LibreOffice (libreoffice-calc-nogui)


def cli(root: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--root", str(root), *args])
        except SystemExit as e:
            code = int(e.code or 0)
    assert "Traceback" not in err.getvalue() + out.getvalue()
    return code, out.getvalue(), err.getvalue()


def soffice(src: Path, to: str, outdir: Path, infilter: str | None = None) -> Path:
    """Save `src` with LibreOffice as `to` (a private profile, so parallel runs do not collide)."""
    profile = outdir / "lo-profile"
    cmd = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", to, "--outdir", str(outdir)]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    subprocess.run([*cmd, str(src)], check=True, capture_output=True, timeout=180)
    made = outdir / f"{src.stem}.{to.split(':')[0]}"
    assert made.is_file(), f"LibreOffice made no {made}"
    return made


@pytest.fixture
def sheet(tiny_project, tmp_path) -> Path:
    code, out, _ = cli(tiny_project, "template", "--year", "2017", "--out", str(tmp_path / "results.xlsx"))
    assert code == 0 and "results.xlsx" in out
    return tmp_path / "results.xlsx"


def fill(path: Path, cells: dict[str, object], to: Path | None = None) -> Path:
    book = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        book["結果"][ref] = value
    book.save(to or path)
    return to or path


def edit_csv(path: Path, cells: dict[tuple[int, int], str], encoding: str) -> None:
    """Set cells at 1-based (row, column), as a text editor would, and save with `encoding`."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    for (row, col), value in cells.items():
        rows[row - 1][col - 1] = value
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


# --- template ---------------------------------------------------------------------------------------


def test_the_template_lists_every_indicator_with_its_previous_value_and_text_cells(sheet, tiny_project):
    book = openpyxl.load_workbook(sheet)
    assert book.sheetnames == ["結果", "説明"]
    ws = book["結果"]
    assert (ws["A1"].value, ws["B1"].value) == ("年度 (year)", "2017")
    assert ws.freeze_panes == "A3"
    assert ws["A2"].value == "指標ID (id)" and ws["G2"].value == "今回の値 (value)"
    assert ws["A2"].comment is not None and "変更しないでください" in ws["A2"].comment.text
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [r[:6] for r in rows] == [
        ["tfr", "合計特殊出生率", "Total fertility rate", None, "1.16", "基準値（2014年）"],
        ["waiting", "保育園待機児童数", "Children on nursery waiting lists", "人", "45", "基準値（年の記載なし）"]]
    assert all(ws.cell(r, 1).data_type == "s" and ws.cell(r, 7).number_format == "@" for r in (3, 4))
    assert ws.column_dimensions["B"].width == 36
    assert "半角" in " ".join(str(c.value) for row in book["説明"].iter_rows() for c in row)
    with (sheet.with_suffix(".csv")).open(encoding="utf-8-sig", newline="") as f:
        assert [r[:5] for r in csv.reader(f)][2:] == [["tfr", "合計特殊出生率", "Total fertility rate", "", "1.16"],
                                                      ["waiting", "保育園待機児童数", "Children on nursery waiting lists", "人", "45"]]


def test_the_template_never_overwrites_without_force(sheet, tiny_project):
    before = sheet.read_bytes()
    code, _, err = cli(tiny_project, "template", "--year", "2017", "--out", str(sheet))
    assert code == 1 and "--force" in err and sheet.read_bytes() == before
    code, _, _ = cli(tiny_project, "template", "--year", "2018", "--out", str(sheet), "--force")
    assert code == 0 and openpyxl.load_workbook(sheet)["結果"]["B1"].value == "2018"


def test_the_previous_value_is_the_latest_review_before_the_year(tiny_project, tmp_path):
    (tiny_project / "data/reviews").mkdir()
    (tiny_project / "data/reviews/2016.yaml").write_text(
        "year: 2016\nheld: 2017-08\nreviewer: {ja: 委員会}\nindicators:\n"
        "  - {id: waiting, value: 38, as_of: {date: \"2016-04-01\"}, source: {ja: 保育課}}\n", encoding="utf-8")
    assert cli(tiny_project, "template", "--year", "2017", "--out", str(tmp_path / "r.xlsx"))[0] == 0
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx")["結果"]
    assert (ws["E4"].value, ws["F4"].value) == ("38", "2016-04-01（2016年度の評価）")


# --- import: the round trip through LibreOffice -------------------------------------------------------

REVIEW = """\
# FY2017 review, typed by the planning division
year: 2017
held: 2018-08  # the committee met in August
reviewer: {ja: 推進委員会, en: Promotion Committee}
indicators:
  # the fertility rate comes from the metropolitan statistics
  - id: tfr
    value: 1.18  # preliminary
    as_of: {year: 2017, kind: calendar}
    source: {ja: 東京都, en: Tokyo}
programs:
  - id: nursery
    status: implemented
    comment: {ja: 予定どおり}   # kept as written
"""


def test_a_sheet_saved_by_libreoffice_updates_the_review_and_keeps_the_rest_byte_for_byte(sheet, tiny_project, tmp_path):
    (tiny_project / "data/reviews").mkdir()
    (tiny_project / "data/reviews/2017.yaml").write_text(REVIEW, encoding="utf-8")
    (tmp_path / "filled").mkdir()
    filled = fill(sheet, {"G3": "1.20", "G4": "39", "H4": "2018-04-01", "I4": "保育課調べ", "J4": "Childcare Division",
                          "K4": "4月1日現在"}, tmp_path / "filled" / "results.xlsx")
    saved = soffice(filled, "xlsx", tmp_path / "lo")
    code, out, err = cli(tiny_project, "import", str(saved))  # not interactive: a dry run
    assert code == 0 and "dry run" in out, err
    assert "tfr" in out and "1.18 (東京都; 2017 calendar) → 1.20 (東京都; 2017 calendar)" in out
    assert "waiting  — → 39 (保育課調べ; 2018-04-01; note: 4月1日現在)" in out
    assert (tiny_project / "data/reviews/2017.yaml").read_text(encoding="utf-8") == REVIEW
    code, out, err = cli(tiny_project, "import", str(saved), "--yes")
    assert code == 0, err
    expected = REVIEW.replace("value: 1.18  # preliminary", "value: 1.20  # preliminary").replace(
        "    source: {ja: 東京都, en: Tokyo}\n",
        "    source: {ja: 東京都, en: Tokyo}\n  - id: waiting\n    value: 39\n    as_of: {date: \"2018-04-01\"}\n"
        "    source: {ja: 保育課調べ, en: Childcare Division}\n    note: {ja: 4月1日現在}\n")
    assert (tiny_project / "data/reviews/2017.yaml").read_text(encoding="utf-8") == expected
    code, _, err = cli(tiny_project, "build")
    assert code == 0, err
    page = (tiny_project / "build/indicators/waiting/index.html")
    assert not page.exists() or "39" in page.read_text(encoding="utf-8")


def test_a_csv_opened_and_saved_by_libreoffice_keeps_exact_decimals_and_days(tiny_project, tmp_path):
    """LibreOffice reads 41.08 as a number and 2018-04-01 as a date: the import writes 41.08 and the day."""
    assert cli(tiny_project, "template", "--year", "2017", "--out", str(tmp_path / "t" / "results.xlsx"))[0] == 0
    edit_csv(tmp_path / "t" / "results.csv", {(3, 7): "41.08", (3, 8): "2017暦年", (3, 9): "東京都",
                                              (4, 7): "39", (4, 8): "2018-04-01", (4, 9): "保育課"}, "utf-8")
    saved = soffice(tmp_path / "t" / "results.csv", "xlsx", tmp_path / "lo", infilter="CSV:44,34,76")
    assert openpyxl.load_workbook(saved).active["G3"].data_type == "n"  # LibreOffice made it a number
    code, out, err = cli(tiny_project, "import", str(saved), "--yes", "--held", "2018-08", "--reviewer", "委員会")
    assert code == 0, err
    written = (tiny_project / "data/reviews/2017.yaml").read_text(encoding="utf-8")
    assert "  - id: tfr\n    value: 41.08\n    as_of: {year: 2017, kind: calendar}\n    source: {ja: 東京都}\n" in written
    assert "  - id: waiting\n    value: 39\n    as_of: {date: \"2018-04-01\"}\n    source: {ja: 保育課}\n" in written
    assert written.startswith("# yaml-language-server: $schema=../../schema/review.schema.json\n"
                              "# data/reviews/2017.yaml: the review (効果検証) of FY2017\n")
    assert cli(tiny_project, "check")[0] == 0


def test_a_shift_jis_csv_from_libreoffice_is_read_and_said(sheet, tiny_project, tmp_path):
    filled = fill(sheet, {"M3": "人口動態統計が未公表のため", "G4": "40", "I4": "保育課"}, tmp_path / "sjis.xlsx")
    saved = soffice(filled, "csv:Text - txt - csv (StarCalc):44,34,64", tmp_path / "lo")
    raw = saved.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    code, out, err = cli(tiny_project, "import", str(saved), "--yes", "--held", "2018-08", "--reviewer", "委員会")
    assert code == 0, err
    assert "read as Shift_JIS (cp932)" in out
    written = (tiny_project / "data/reviews/2017.yaml").read_text(encoding="utf-8")
    assert "  - id: tfr\n    not_measured: {ja: 人口動態統計が未公表のため}\n" in written


def test_a_file_neither_utf8_nor_shift_jis_is_refused(tiny_project, tmp_path):
    bad = tmp_path / "latin.csv"
    bad.write_bytes(b"\x80\xff\xfe\x81\n")
    code, _, err = cli(tiny_project, "import", str(bad), "--yes")
    assert code == 1 and "CSV UTF-8" in err and not (tiny_project / "data/reviews").exists()


# --- import: bad cells, each at sheet!cell ------------------------------------------------------------

BAD_CELLS = [
    pytest.param({"G3": "１．２５", "I3": "東京都"}, "G3", "全角", id="full-width-digits"),
    pytest.param({"G4": "24人", "I4": "保育課"}, "G4", "write 24", id="unit-in-value"),
    pytest.param({"G4": "1,024", "I4": "保育課"}, "G4", "write 1024", id="thousands-separator"),
    pytest.param({"G4": "39"}, "I4", "needs its source", id="empty-required-source"),
    pytest.param({"H4": "2018-04-01", "I4": "保育課"}, "G4", "empty: write the value", id="empty-required-value"),
    pytest.param({"A4": "waitng", "G4": "39", "I4": "保育課"}, "A4", "did you mean 'waiting'", id="unknown-id"),
    pytest.param({"G4": "未集計", "I4": "保育課"}, "G4", "not a number", id="text-in-number-column"),
    pytest.param({"G3": "1.2", "I3": "東京都", "H3": "平成29年"}, "H3", "write 2017", id="era-year-as-of"),
    pytest.param({"B1": "H29", "G3": "1.2", "I3": "東京都"}, "B1", "write 2017", id="era-year-in-B1"),
    pytest.param({"G4": "39", "I4": "保育課", "M4": "未実施"}, "M4", "not both", id="value-and-reason"),
]


@pytest.mark.parametrize(("cells", "at", "says"), BAD_CELLS)
def test_a_bad_cell_is_reported_at_its_sheet_row_and_column(sheet, tiny_project, cells, at, says):
    fill(sheet, cells)
    code, _, err = cli(tiny_project, "import", str(sheet), "--yes", "--held", "2018-08", "--reviewer", "委員会")
    assert code == 1
    hits = [line for line in err.splitlines() if line.startswith(f"error: {sheet}:結果!{at}: ")]
    assert hits and says in hits[0], err
    assert "nothing was written" in err and not (tiny_project / "data/reviews").exists()


# The same cells told in Japanese (--lang ja), at the same sheet!cell.
BAD_CELLS_JA = [
    pytest.param({"G3": "１．２５", "I3": "東京都"}, "G3", "に全角の数字と小数点 '．'があります: 半角で 1.25 と書いてください",
                 id="full-width-digits"),
    pytest.param({"G4": "39"}, "I4", "source（出典）: 空です: 値には出典が必要です", id="empty-required-source"),
    pytest.param({"H4": "2018-04-01", "I4": "保育課"}, "G4", "value（今回の値）: 空です: 値を書くか、測定しなかった理由を未測定の理由",
                 id="empty-required-value"),
    pytest.param({"A4": "waitng", "G4": "39", "I4": "保育課"}, "A4",
                 "指標 'waitng' がありません（'waiting' の書き間違いではありませんか？）", id="unknown-id"),
    pytest.param({"G4": "39", "I4": "保育課", "H4": "2017/4/1"}, "H4", "'2017/4/1': 日付は 2017-04-01 と書いてください（年-月-日）",
                 id="day-with-slashes"),
    pytest.param({"G4": "39", "I4": "保育課", "M4": "未実施"}, "M4", "1行には値か測定しなかった理由のどちらか一方を書きます",
                 id="value-and-reason"),
    pytest.param({"B1": "来年", "G3": "1.2", "I3": "東京都"}, "B1", "年度: '来年' は年ではありません: 西暦で書いてください",
                 id="no-year-in-B1"),
]


@pytest.mark.parametrize(("cells", "at", "says"), BAD_CELLS_JA)
def test_a_bad_cell_is_reported_in_japanese(sheet, tiny_project, cells, at, says):
    fill(sheet, cells)
    code, _, err = cli(tiny_project, "--lang", "ja", "import", str(sheet), "--yes", "--held", "2018-08", "--reviewer", "委員会")
    assert code == 1
    hits = [line for line in err.splitlines() if line.startswith(f"error: {sheet}:結果!{at}: ")]
    assert hits and says in hits[0], err
    assert "何も書き込んでいません。" in err and not (tiny_project / "data/reviews").exists()


def test_the_spreadsheet_commands_speak_japanese(sheet, tiny_project, tmp_path):
    code, _, err = cli(tiny_project, "--lang", "ja", "template", "--year", "2017", "--out", str(sheet))
    assert code == 1 and "はすでにあります: --out で別の名前にするか、置き換えるなら --force を付けてください" in err
    code, out, _ = cli(tiny_project, "--lang", "ja", "template", "--year", "2017", "--out", str(tmp_path / "new.xlsx"))
    assert code == 0 and "2017年度の指標 2 件" in out and "黄色の列に記入してから" in out
    fill(sheet, {"G4": "39", "I4": "保育課"})
    code, _, err = cli(tiny_project, "--lang", "ja", "import", str(sheet), "--yes", "--reviewer", "委員会")
    assert code == 1 and "は新しいファイルです: 検証を実施した年月を指定してください（例: --held 2018-08。年-月）" in err
    code, out, err = cli(tiny_project, "--lang", "ja", "import", str(sheet), "--yes", "--held", "2018-08", "--reviewer", "委員会")
    assert code == 0, err
    assert "data/reviews/2017.yaml（新しいファイル）: 記入された 1 行のうち 1 行で変わります" in out
    assert "data/reviews/2017.yaml を書きました。" in out
    missing = tmp_path / "missing.xlsx"
    code, _, err = cli(tiny_project, "--lang", "ja", "import", str(missing), "--yes")
    assert code == 1 and "見つかりません: 記入した .xlsx か .csv ファイルのパスを指定してください" in err


def test_a_csv_cell_is_reported_at_line_and_column(sheet, tiny_project):
    path = sheet.with_suffix(".csv")
    edit_csv(path, {(4, 7): "２４", (4, 9): "保育課"}, "utf-8-sig")
    code, _, err = cli(tiny_project, "import", str(path), "--yes", "--held", "2018-08", "--reviewer", "委員会")
    assert code == 1 and f"error: {path}:4:7: value (今回の値): '２４' has full-width (全角) digits: write 24 (半角) (cell G4)" in err


def test_an_untouched_template_changes_nothing(sheet, tiny_project):
    code, out, err = cli(tiny_project, "import", str(sheet), "--yes", "--held", "2018-08", "--reviewer", "委員会")
    assert code == 0, err
    assert "0 of 0 filled rows" in out


def test_a_new_file_needs_to_know_when_the_review_was_held(sheet, tiny_project):
    fill(sheet, {"G4": "39", "I4": "保育課"})
    code, _, err = cli(tiny_project, "import", str(sheet), "--yes", "--reviewer", "委員会")
    assert code == 1 and "--held 2018-08" in err and not (tiny_project / "data/reviews").exists()


# --- the .xlsx download ------------------------------------------------------------------------------


def test_the_xlsx_download_has_both_headers_text_codes_and_the_same_bytes_every_time(tiny_project):
    inputs = load_inputs(tiny_project)
    first = export_data(inputs.site, inputs.strategy, inputs.population, inputs.survey).files[f"data/{XLSX_NAME}"]
    time.sleep(1.1)  # openpyxl stamps the second it saves: the file must not show it
    again = export_data(inputs.site, inputs.strategy, inputs.population, inputs.survey).files[f"data/{XLSX_NAME}"]
    assert first == again
    archive = zipfile.ZipFile(io.BytesIO(first))
    stamp = inputs.site.data_modified
    assert all(i.date_time[:2] == (int(stamp[:4]), int(stamp[5:7])) for i in archive.infolist())
    assert archive.namelist() == sorted(archive.namelist())
    book = openpyxl.load_workbook(io.BytesIO(first))
    assert book.sheetnames == ["指標 Indicators", "予算事業 Budget"]
    ws = book["指標 Indicators"]
    assert (ws["A1"].value, ws["A2"].value, ws["A3"].value) == ("指標ID", "Indicator ID", "tfr")
    assert ws.freeze_panes == "A3"
    target = next(c for c in ws[1] if c.value == "目標値")
    assert ws.cell(3, target.column).data_type == "n" and ws.cell(3, target.column).value == pytest.approx(1.23)
    assert ws.cell(3, target.column).number_format == "0.00"
    budget = book["予算事業 Budget"]
    code = next(c for c in budget[1] if c.value == "事業コード")
    assert budget.cell(3, code.column).value == "0103020201" and budget.cell(3, code.column).data_type == "s"


def test_the_xlsx_download_gets_the_review_results_once_there_are_any(tiny_project):
    (tiny_project / "data/reviews").mkdir()
    (tiny_project / "data/reviews/2016.yaml").write_text(
        "year: 2016\nheld: 2017-08\nreviewer: {ja: 委員会}\nindicators:\n  - {id: waiting, value: 38, source: {ja: 保育課}}\n",
        encoding="utf-8")
    from site_builder.derive.facts import derive
    inputs = load_inputs(tiny_project)
    files = export_data(inputs.site, inputs.strategy, inputs.population, inputs.survey, derive(inputs)).files
    book = openpyxl.load_workbook(io.BytesIO(files[f"data/{XLSX_NAME}"]))
    assert book.sheetnames[-1] == "実績 Results"
    assert [c.value for c in book["実績 Results"][3]][:3] == ["waiting", 2016, 38]


FLOW_REVIEW = """\
# entries written as in the README, one { } over two lines
year: 2016
held: 2017-08
reviewer: {ja: 総合戦略推進委員会, en: Strategy Promotion Committee}
indicators:
  - {id: tfr, value: 1.20, as_of: {year: 2016, kind: calendar},
     source: {ja: 東京都福祉保健局 人口動態統計, en: "Tokyo Metropolitan Government, vital statistics"}}
  - {id: waiting, value: 41,
     source: {ja: 保育課}}
programs:
  - {id: nursery,
     status: implemented}
"""


def test_entries_the_import_does_not_change_keep_their_own_layout():
    """ruamel writes a two-line { } on one line: only the entry the sheet changes may be rewritten."""
    from site_builder.spreadsheets.cells import Entry
    from site_builder.spreadsheets.review_yaml import merged
    text, changes = merged(FLOW_REVIEW, [Entry("waiting", 4, "39", None, None)], "data/reviews/2016.yaml")
    assert [(c.id, c.before, c.after) for c in changes] == [("waiting", "41 (保育課)", "39 (保育課)")]
    assert text == FLOW_REVIEW.replace("  - {id: waiting, value: 41,\n     source: {ja: 保育課}}\n",
                                       "  - {id: waiting, value: 39, source: {ja: 保育課}}\n")
    text, _ = merged(FLOW_REVIEW, [Entry("other", 4, "1.50", None, {"ja": "課"})], "data/reviews/2016.yaml")
    assert text == FLOW_REVIEW.replace("programs:\n", "  - id: other\n    value: 1.50\n    source: {ja: 課}\nprograms:\n")


def test_answering_yes_writes_and_anything_else_does_not(sheet, tiny_project, monkeypatch):
    fill(sheet, {"G4": "39", "I4": "保育課"})
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    answers = iter(["n", "はい"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    args = ("import", str(sheet), "--held", "2018-08", "--reviewer", "委員会")
    code, out, _ = cli(tiny_project, *args)
    assert code == 0 and "Stopped" in out and not (tiny_project / "data/reviews/2017.yaml").exists()
    code, out, _ = cli(tiny_project, *args)
    assert code == 0 and "Wrote data/reviews/2017.yaml" in out
    assert "  - id: waiting\n    value: 39\n    source: {ja: 保育課}\n" in (tiny_project / "data/reviews/2017.yaml").read_text("utf-8")
