"""Charts: deterministic specs (snapshots), pages that show every chart in both languages, tables that
equal the data, nothing loaded from another host, and the render cache.

Regenerate the snapshots after an intended change to a chart (then review the diff):
    UPDATE_SNAPSHOTS=1 python -m pytest tests/test_charts.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import copy_project, write_tiny

from site_builder import formats
from site_builder.build import build
from site_builder.charts import render as chart_render
from site_builder.charts import specs as charts
from site_builder.charts import work as chart_work
from site_builder.charts.kit import Words
from site_builder.derive.facts import IndicatorInfo, derive, indicator_info
from site_builder.load.inputs import load_inputs
from site_builder.load.models import Text
from site_builder.load.reviews import IndicatorResult, Review

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).parent / "snapshots" / "charts"
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60]")


# Fixture data only, in a copy of the project: the shipped data has no review, and none may be invented there.
# One review of goal 1 with every kind of row: three bands, a not-measured entry, an indicator left out.
REVIEW_2016 = """\
year: 2016
held: 2017-08
reviewer: {ja: 推進委員会, en: Strategy Promotion Committee}
indicators:
  - {id: total-fertility-rate, value: 1.24, as_of: {year: 2016, kind: calendar}, source: {ja: 東京都, en: Tokyo}}
  - {id: childrearing-friendly-rating, value: 74.5, source: {ja: 市民意識調査, en: Residents' survey}}
  - {id: nursery-waiting-list, value: 38, as_of: {date: "2017-04-01"}, source: {ja: 保育課, en: Childcare Division}}
  - {id: fertility-treatment-grant-cases, value: 13, source: {ja: 健康推進課, en: Health Division}}
  - {id: matchmaking-couples, not_measured: {ja: 集計中のため, en: Still being counted}}
  - {id: school-education-satisfaction, value: 80, source: {ja: 市民意識調査, en: Residents' survey}}
"""


@pytest.fixture(scope="module")
def shipped():
    inputs = load_inputs(ROOT)
    return inputs, derive(inputs)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("reviewed") / "project")
    (root / "data/reviews").mkdir(exist_ok=True)
    (root / "data/reviews/2016.yaml").write_text(REVIEW_2016, encoding="utf-8")
    inputs = load_inputs(root)
    assert inputs.warnings == () and len(inputs.reviews) == 1
    return inputs, derive(inputs)


def all_of(shipped, lang):
    """Every chart as the build makes it."""
    inputs, derived = shipped
    return {c.id: c for c in charts.all_charts(derived.indicators, inputs.strategy.goals, inputs.population,
                                               inputs.survey, inputs.catalogue, lang, inputs.strategy.period.start,
                                               inputs.strategy.numbering, derived.reviews, derived.rule)}


def with_actuals(shipped) -> IndicatorInfo:
    """Fixture data only: the shipped data has no actual values, and none may be invented there."""
    inputs, derived = shipped
    info = derived.indicator("nursery-waiting-list")
    reviews = tuple(Review(year=year, held=f"{year + 1}-08", reviewer=Text(ja="推進委員会"), indicators=[
        IndicatorResult(id=info.indicator.id, value=Decimal(value), source=Text(ja="担当課"))])
        for year, value in ((2016, 40), (2017, 31)))
    return indicator_info(derived.rule, reviews, info.goal, info.measure, info.indicator, 2015)


# --- the specs ---------------------------------------------------------------------------------

SNAPSHOT_CASES = {
    "indicator-year-not-stated": "indicator-nursery-waiting-list",
    "indicator-calendar-baseline": "indicator-total-fertility-rate",
    "indicator-no-baseline": "indicator-open-datasets",
    "vital-statistics": "vital-statistics",
    "fertility": "fertility",
    "survey": "survey-reasons-pleasant",
}


def check_snapshot(name: str, spec: dict) -> None:
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    path = SNAPSHOTS / f"{name}.json"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no snapshot {path}: run UPDATE_SNAPSHOTS=1 python -m pytest tests/test_charts.py"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: review, then UPDATE_SNAPSHOTS=1"


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("case", sorted(SNAPSHOT_CASES))
def test_spec_snapshot(shipped, case, lang):
    check_snapshot(f"{case}.{lang}", all_of(shipped, lang)[SNAPSHOT_CASES[case]].spec)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_goal_spec_snapshot(reviewed, lang):
    check_snapshot(f"goal.{lang}", all_of(reviewed, lang)["goal-g1"].spec)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_spec_snapshot_with_actuals(shipped, lang):
    inputs, _ = shipped
    chart = charts.indicator_chart(with_actuals(shipped), inputs.catalogue, lang, 2015)
    check_snapshot(f"indicator-with-actuals.{lang}", chart.spec)


def test_same_input_same_json(shipped):
    first = {k: chart_render.spec_json(c.spec) for k, c in all_of(shipped, "ja").items()}
    second = {k: chart_render.spec_json(c.spec) for k, c in all_of(shipped, "ja").items()}
    assert first == second


def test_every_encoding_has_a_type_and_data_is_inline(shipped, reviewed):
    def walk(node):
        if isinstance(node, dict):
            if "encoding" in node:
                for channel, enc in node["encoding"].items():
                    if channel in ("x2", "y2"):  # secondary channels take x's and y's type (no `type` allowed)
                        continue
                    for one in enc if isinstance(enc, list) else [enc]:
                        if isinstance(one, dict) and ("field" in one or "datum" in one):
                            assert "type" in one, f"{channel} has no type"
            if "data" in node:
                assert set(node["data"]) == {"values"}, "data must be inline values (no URL)"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for lang in ("ja", "en"):
        for chart in [*all_of(shipped, lang).values(), *all_of(reviewed, lang).values()]:
            walk(chart.spec)
            assert "http" not in json.dumps(chart.spec), chart.id


def test_every_spec_is_valid_vega_lite(shipped, reviewed):
    """The build skips Altair's validation for speed; it is done here instead."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema = load_schema()
    for lang in ("ja", "en"):
        for chart in [*all_of(shipped, lang).values(), *all_of(reviewed, lang).values()]:
            validate_jsonschema(chart.spec, schema)
    inputs, _ = shipped
    validate_jsonschema(charts.indicator_chart(with_actuals(shipped), inputs.catalogue, "en", 2015).spec, schema)


def test_every_chart_names_a_cjk_font(shipped):
    for chart in all_of(shipped, "ja").values():
        assert chart.spec["config"]["font"].startswith("Noto Sans CJK JP")


def test_palette_contrast_at_least_3_to_1():
    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    background = luminance(charts.BACKGROUND)
    for colour in charts.PALETTE + (charts.TRACK_LINE,):
        fg = luminance(colour)
        ratio = (max(fg, background) + 0.05) / (min(fg, background) + 0.05)
        assert ratio >= 3, f"{colour} has contrast {ratio:.2f}:1"


# --- what the charts say ----------------------------------------------------------------------


def test_baseline_without_year_is_shown_as_such(shipped):
    ja, en = all_of(shipped, "ja"), all_of(shipped, "en")
    spec = json.dumps(ja["indicator-nursery-waiting-list"].spec, ensure_ascii=False)
    assert "年の記載なし" in spec
    assert "year not stated" in json.dumps(en["indicator-nursery-waiting-list"].spec)
    assert ja["indicator-nursery-waiting-list"].summary == (
        "基準値 45人から、平成31年度（2019年度）の目標 20人へ（実績値はまだ登録されていません）。")
    baseline_row = ja["indicator-nursery-waiting-list"].table.rows[0]
    assert baseline_row[1].value is None  # no invented year


def test_indicator_without_baseline_shows_target_alone(shipped):
    chart = all_of(shipped, "en")["indicator-open-datasets"]
    kinds = {v["kind"] for layer in chart.spec["layer"] for v in layer["data"]["values"]}
    assert kinds == {"target"}
    assert chart.summary.startswith("No baseline; the target for FY2019 is 226 datasets")
    assert chart.table.rows[0][2].text.startswith("No baseline")


def test_numbers_and_years_in_both_languages(shipped):
    ja = all_of(shipped, "ja")["indicator-employees-in-city"]
    en = all_of(shipped, "en")["indicator-employees-in-city"]
    values = lambda c: [v for layer in c.spec["layer"] for v in layer["data"]["values"]]  # noqa: E731
    assert {v["value_label"] for v in values(ja)} == {"18,167人", "18,404人"}
    assert {v["value_label"] for v in values(en)} == {"18,167 people", "18,404 people"}
    assert "平成31年度（2019年度）" in {v["year_label"] for v in values(ja)}
    assert "FY2019" in {v["year_label"] for v in values(en)}


def test_goal_overview_only_once_a_result_exists(shipped, reviewed):
    """Before any review a goal overview would be empty tracks: none is made. With one, a goal with a
    reviewed indicator gets its overview, every row says its grade or state, best first in the summary."""
    for lang in ("ja", "en"):
        assert not [c for c in all_of(shipped, lang) if c.startswith(("goal-", "review-"))]
        made = [c for c in all_of(reviewed, lang) if c.startswith(("goal-", "review-"))]
        assert made == ["goal-g1", "review-2016"]  # goals 2–4 have no reviewed indicator
    goal = all_of(reviewed, "ja")["goal-g1"]
    assert {row[0].text: row[5].value for row in goal.table.rows} == {
        "合計特殊出生率": "steady", "子育てしやすいと回答する市民（就学前の保護者の割合）": "needs-improvement",
        "保育園待機児童数": "roughly", "不妊・不育症治療費助成数": "steady", "婚活事業のカップリング数": "not_measured",
        "身近な生活環境に満足している人の割合": "not_reviewed", "学校教育に関する保護者の満足度": "steady"}
    waiting = next(row for row in goal.table.rows if row[0].text == "保育園待機児童数")
    assert [c.text for c in waiting[1:5]] == ["45人", "20人", "38人", "28%"]  # (45 − 38) ÷ (45 − 20)
    assert goal.summary == ("指標7件のうち、◎ 順調に進んでいる 3件、○ 概ね順調 1件、△ 改善が必要 1件、"
                            "未評価 1件、未測定 1件。")


def test_actuals_and_grade_are_charted(shipped):
    inputs, _ = shipped
    info = with_actuals(shipped)
    for lang in ("ja", "en"):
        chart = charts.indicator_chart(info, inputs.catalogue, lang, 2015)
        points = next(layer for layer in chart.spec["layer"] if layer["mark"]["type"] == "point")
        actual = [v for v in points["data"]["values"] if v["kind"] == "actual"]
        assert [a["value"] for a in actual] == [40, 31]
        assert [r[2].value for r in chart.table.rows] == [45, 40, 31, 20]
    ja = charts.indicator_chart(info, inputs.catalogue, "ja", 2015)
    grade = charts.outcome_label(info.outcome, "ja", Words(inputs.catalogue, "ja"))
    assert f"評価は「{grade}」" in ja.summary and "31人" in ja.summary
    goal = charts.goal_chart(info.goal, [info], inputs.catalogue, "en")
    row = goal.spec["data"]["values"][0]
    assert row["share"] == pytest.approx(float((Decimal(31) - 45) / (20 - 45)))
    assert goal.table.rows[0][4].value == pytest.approx(56.0)


def test_fertility_highlights_kiyose(shipped):
    chart = all_of(shipped, "ja")["fertility"]
    assert chart.summary == "清瀬市の合計特殊出生率は1.16で、比較した8市のうち最も低い値です。"
    values = chart.spec["data"]["values"]  # shared by the bars and their labels
    assert [v["city"] for v in values if v["group"] == "清瀬市"] == ["清瀬市"]
    assert chart.table.highlight == (0,)


def test_csv_is_for_people_and_programs():
    table = charts.Table("t", (charts.Column("年度"), charts.Column("値", "人")),
                         ((charts.Cell("平成31年度（2019年度）", 2019), charts.Cell("1,234", 1234)),
                          (charts.Cell("年の記載なし", None), charts.Cell("1.5", 1.5))))
    text = charts.table_csv(table)
    assert text.startswith("\ufeff") and "\r\n" in text
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff")))) == [["年度", "値（人）"], ["2019", "1234"], ["", "1.5"]]


def test_a_chart_worker_imports_only_the_chart_code():
    """What the chart code brings into a spawned worker (besides the entry script, which `python -m site_builder`
    does not run there): no open-data stage (openpyxl), templates or search, and Altair and vl-convert only when a
    spec or an SVG is made. Each worker of a cold build pays its imports."""
    import subprocess
    import sys

    script = ("import sys, json; import site_builder.charts.work\n"
              "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & "
              "{'altair', 'jinja2', 'openpyxl', 'vl_convert', 'pagefind', 'markdown', 'fontTools'})))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_wrap_keeps_closing_brackets_on_the_line():
    assert charts.wrap("子育てしやすいと回答する市民（就学前の保護者の割合）", 50)[-1] != "）"
    assert charts.wrap("Share of people satisfied", 12) == ["Share of", "people", "satisfied"]


# --- rendering ------------------------------------------------------------------------------


def test_svg_is_deterministic_and_cached(tmp_path, shipped, monkeypatch):
    spec = all_of(shipped, "ja")["vital-statistics"].spec
    first = chart_render.render_svgs({"a": spec}, tmp_path)["a"]
    assert first == chart_render.render_svgs({"a": spec}, None)["a"]  # byte-identical, rendered again

    def refuse(_spec, *_faces):
        raise AssertionError("rendered although cached")

    monkeypatch.setattr(chart_work, "render_svg", refuse)
    assert chart_render.render_svgs({"a": spec, "b": dict(spec)}, tmp_path) == {"a": first, "b": first}
    assert len(list(tmp_path.glob("*.svg"))) == 1


def test_only_changed_specs_are_rendered(tmp_path, shipped, monkeypatch):
    specs = {k: c.spec for k, c in list(all_of(shipped, "en").items())[:2]}
    chart_render.render_svgs(specs, tmp_path)
    seen = []
    real = chart_work.render_svg
    monkeypatch.setattr(chart_work, "render_svg", lambda text, *faces: seen.append(text) or real(text, *faces))
    changed = dict(specs)
    name = next(iter(changed))
    changed[name] = {**changed[name], "height": 123}
    chart_render.render_svgs(changed, tmp_path)
    assert len(seen) == 1 and '"height":123' in seen[0]


def test_inline_svg_is_one_named_image():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="10" height="5" viewBox="0 0 10 5">'
           '<defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)">'
           '<g class="mark-rect" role="graphics-symbol" aria-roledescription="rect mark container"><path/></g></g></svg>')
    out = str(chart_render.inline_svg(svg, "chart-x", 'A "quoted" <title>'))
    assert out.count("role=") == 1 and "aria-roledescription" not in out  # one image; Vega's inner roles go
    assert 'role="img"' in out and 'aria-label="A &quot;quoted&quot; &lt;title&gt;"' in out
    assert 'aria-describedby="chart-x-summary"' in out
    assert 'id="chart-x-clip1"' in out and "url(#chart-x-clip1)" in out


# --- the built site -------------------------------------------------------------------------


def figure(page: str, chart_id: str) -> str:
    match = re.search(rf'<figure class="chart" id="chart-{re.escape(chart_id)}".*?</figure>', page, re.S)
    assert match, f"no chart {chart_id}"
    return match.group(0)


def cells(fig: str) -> list[list[str]]:
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", fig, re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
            for r in rows]


def test_every_chart_figure_holds_its_svg_and_no_mark_is_left(shipped_site):
    """Pages are rendered with a mark where each SVG goes, filled in once the SVGs are drawn (charts/render.py)."""
    figures = 0
    for page in shipped_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "site-builder:svg" not in html, page
        for visual in re.findall(r'<div class="chart-visual" data-pagefind-ignore>(.*?)</div>', html, re.S):
            assert visual.startswith("<svg ") and visual.endswith("</svg>"), page
            figures += 1
    assert figures >= 58


def test_every_indicator_has_a_chart_in_both_languages(shipped_site, shipped):
    inputs, derived = shipped
    for info in derived.indicators:
        for lang, prefix in (("ja", ""), ("en", "en/")):
            for page_path in (f"{prefix}goals/{info.goal.id}/index.html", f"{prefix}indicators/{info.indicator.id}/index.html"):
                fig = figure((shipped_site / page_path).read_text(encoding="utf-8"), f"indicator-{info.indicator.id}")
                assert re.search(r'<svg [^>]*role="img" aria-label="[^"]+"', fig)
                assert f'id="chart-indicator-{info.indicator.id}-summary"' in fig
                assert re.search(r"<caption[^>]*>.+</caption>", fig) and '<th scope="col">' in fig
            for kind in ("csv", "vl.json"):
                assert (shipped_site / f"charts/{lang}/indicator-{info.indicator.id}.{kind}").is_file()
    for goal in inputs.strategy.goals:  # no review shipped: no goal overview of empty tracks
        for prefix in ("", "en/"):
            page = (shipped_site / f"{prefix}goals/{goal.id}/index.html").read_text(encoding="utf-8")
            assert f'id="chart-goal-{goal.id}"' not in page
            assert not (shipped_site / f"charts/ja/goal-{goal.id}.csv").exists()


def test_svg_speaks_the_page_language(shipped_site):
    ja = figure((shipped_site / "goals/g1/index.html").read_text(encoding="utf-8"), "indicator-nursery-waiting-list")
    svg = ja[ja.index("<svg"):ja.index("</svg>")]
    # year slots are two-line labels, 「2019」 over 「平成31」, under the axis title 年度 (narrow enough for a phone)
    for text in ("保育園待機児童数", "基準値 45人", "目標値 20人", "2019", "平成31", "年度"):
        assert f">{text}<" in svg or text in re.sub(r"<[^>]+>", "", svg), text
    en = figure((shipped_site / "en/goals/g1/index.html").read_text(encoding="utf-8"), "indicator-nursery-waiting-list")
    svg = en[en.index("<svg"):en.index("</svg>")]
    assert "Baseline 45 children" in svg and "FY2019" in re.sub(r"<[^>]+>", "", svg)  # "FY" over "2019"
    assert not CJK.search(re.sub(r"<[^>]+>", "", svg))
    vision = (shipped_site / "vision/index.html").read_text(encoding="utf-8")
    assert "清瀬市" in figure(vision, "fertility").split("</svg>")[0]


def test_tables_equal_the_data(shipped_site, shipped):
    inputs, derived = shipped
    for info in derived.indicators:
        ind = info.indicator
        page = (shipped_site / f"goals/{info.goal.id}/index.html").read_text(encoding="utf-8")
        rows = cells(figure(page, f"indicator-{ind.id}"))
        body = {r[0]: r for r in rows[1:]}
        assert body["目標値"][2] == formats.number(ind.target.value, "ja")
        if ind.baseline:
            assert body["基準値"][2] == formats.number(ind.baseline.value, "ja")
        else:
            assert body["基準値"][1] == "—"
        data = (shipped_site / f"charts/ja/indicator-{ind.id}.csv").read_text(encoding="utf-8-sig")
        csv_rows = list(csv.reader(io.StringIO(data)))
        assert Decimal(csv_rows[-1][2]) == ind.target.value
        assert (Decimal(csv_rows[1][2]) == ind.baseline.value) if ind.baseline else csv_rows[1][2] == ""
    vision = (shipped_site / "en/vision/index.html").read_text(encoding="utf-8")
    rows = cells(figure(vision, "fertility"))[1:]
    assert [(r[0], Decimal(r[1])) for r in rows] == [(c.name.en, c.rate) for c in inputs.population.fertility.cities]
    rows = cells(figure(vision, "vital-statistics"))[1:]
    assert [[int(x.replace(",", "")) for x in r[1:3]] for r in rows] == [
        [r.births, r.deaths] for r in inputs.population.vital_statistics.rows]


def test_spec_block_and_file_match_the_page(tiny_reviewed):
    page = (tiny_reviewed / "en/goals/g1/index.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="chart-goal-g1-spec">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["options"]["ast"] is True and data["options"]["actions"]["editor"] is False
    assert "Save as PNG image" in data["options"]["i18n"].values()
    on_disk = json.loads((tiny_reviewed / "charts/en/goal-g1.vl.json").read_text(encoding="utf-8"))
    assert on_disk.pop("$schema").startswith("https://vega.github.io/schema/vega-lite/")
    assert on_disk == data["spec"]


def test_nothing_comes_from_another_host(shipped_site):
    for path in shipped_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        for url in re.findall(r'\b(?:src|data-src|srcset)="([^"]+)"', page):
            assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", url, re.I), f"{path}: {url}"
        for tag in re.findall(r"<link\b[^>]*>", page):
            if re.search(r'rel="(?:stylesheet|icon|preload|modulepreload|manifest)"', tag):
                assert not re.search(r'href="(?:[a-z]+:|//)', tag), f"{path}: {tag}"
        for block in re.findall(r'<script type="application/json" id="chart-[^"]+">(.*?)</script>', page, re.S):
            assert "http" not in block, path
    js = (shipped_site / "assets/charts.js").read_text(encoding="utf-8")
    assert not re.search(r"https?://|fetch\(|XMLHttpRequest", js)


def test_scripts_only_on_pages_with_charts(shipped_site):
    goal = (shipped_site / "goals/g1/index.html").read_text(encoding="utf-8")
    # the bundle is not a script of the page: charts.js fetches it from data-bundle when a chart is reached for
    assert '<script defer src="../../assets/charts.js" data-bundle="../../assets/vendor/vega-embed.js"></script>' in goal
    assert '<script defer src="../../assets/vendor/vega-embed.js">' not in goal
    assert "<script>" not in goal and " onclick=" not in goal and " onload=" not in goal
    programs = (shipped_site / "programs/index.html").read_text(encoding="utf-8")
    assert "vega-embed.js" not in programs and "charts.js" not in programs
    bundle = (shipped_site / "assets/vendor/vega-embed.js").read_text(encoding="utf-8")
    assert bundle.split("\n", 1)[1].startswith("(function () {") and bundle.rstrip().endswith("})();")
    assert "window.SiteVega" in bundle


@pytest.fixture(scope="module")
def tiny_reviewed(tmp_path_factory) -> Path:
    """Fixture data in a tmp folder: the tiny project with one review, built strict."""
    root = write_tiny(tmp_path_factory.mktemp("tiny-reviewed") / "tiny")
    (root / "data/reviews").mkdir()
    (root / "data/reviews/2017.yaml").write_text(
        "year: 2017\nheld: 2018-08\nreviewer: {ja: 推進委員会, en: Promotion Committee}\n"
        "indicators:\n  - {id: waiting, value: 30, source: {ja: 担当課, en: Division statistics}}\n", encoding="utf-8")
    out = root.parent / "out"
    build(root, out, strict=True)
    return out


def test_built_site_with_actuals(tiny_reviewed):
    """A reviewed value reaches the chart, its table and its CSV; the goal gets its overview."""
    page = (tiny_reviewed / "goals/g1/index.html").read_text(encoding="utf-8")
    rows = cells(figure(page, "indicator-waiting"))
    assert ["実績値", "平成29年度（2017年度）", "30"] in rows
    assert "評価は「" in figure(page, "indicator-waiting")
    assert "30" in (tiny_reviewed / "charts/en/indicator-waiting.csv").read_text(encoding="utf-8-sig")
    for prefix in ("", "en/"):
        goal = figure((tiny_reviewed / f"{prefix}goals/g1/index.html").read_text(encoding="utf-8"), "goal-g1")
        assert re.search(r'<svg [^>]*role="img" aria-label="[^"]+"', goal) and '<th scope="col">' in goal
    en = cells(figure((tiny_reviewed / "en/goals/g1/index.html").read_text(encoding="utf-8"), "goal-g1"))
    assert [r[0] for r in en[1:]] == ["Total fertility rate", "Children on nursery waiting lists"]
    assert en[2][3] == "30 children" and en[1][5] == "Not reviewed yet"
