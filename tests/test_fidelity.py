"""The site says what the source says (issue #13 §5, §6): plan period, budget notes, program names, the
opinion-survey year, the fertility rate's calendar year, axis titles, the source link, "last updated"
that follows the data, the site's own commentary labelled, and the programs count explained.

Expected texts come from the source document (清瀬市まち・ひと・しごと創生総合戦略, 平成28年3月) as quoted
in the comments, or from data/kpi.yaml itself where a page must repeat the data.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, write_tiny

from site_builder.build import build
from site_builder.load.inputs import load_inputs


def text_of(page: Path) -> str:
    """The visible text of a page's main part and footer, tags and scripts removed, spaces collapsed."""
    raw = page.read_text(encoding="utf-8")
    raw = re.sub(r"<svg.*?</svg>|<script.*?</script>", "", raw[raw.index("<main"):], flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw)))


def program_item(page: Path, program_id: str) -> str:
    """The visible text of one program's entry on a goal page."""
    raw = page.read_text(encoding="utf-8")
    start = raw.index(f'id="program-{program_id}"')
    part = raw[start:raw.index("</li>", start)]
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part)))


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(ROOT)


# --- §6 the plan period: 「本総合戦略の対象期間は、平成 27 年から平成 31 年までの 5 か年とする。」 ---------

def test_home_page_gives_the_plan_period_as_the_source_does(shipped_site):
    ja, en = text_of(shipped_site / "index.html"), text_of(shipped_site / "en/index.html")
    assert "計画期間は平成27年（2015年）から平成31年（2019年）までの5か年です。" in ja
    assert "平成27年度" not in ja.split("計画期間")[1][:40]
    assert "covering the five years from 2015 to 2019" in en and "fiscal years 2015" not in en


# --- §6 budget notes: the goal pages keep what the budget table says ---------------------------------

def test_goal_pages_keep_every_budget_note(shipped_site, inputs):
    goal_of = {p.id: g.id for g in inputs.strategy.goals for m in g.measures for p in m.programs}
    noted = [b for b in inputs.strategy.budget_items if b.note]
    assert len(noted) == 9  # 4 ※予算事業のみ, 4 【検討事業】, 1 長期総合計画 施策322関連事業
    for item in noted:
        for program in item.programs:
            for lang, prefix in (("ja", ""), ("en", "en/")):
                entry = program_item(shipped_site / prefix / f"goals/{goal_of[program]}/index.html", program)
                assert item.note.get(lang) in entry, (program, lang, entry)


@pytest.mark.parametrize("program", ["business-networking-events", "vacant-shop-contest", "attraction-supporters",
                                     "city-50th-anniversary"])
def test_a_program_under_consideration_is_not_shown_as_unlisted(shipped_site, program, inputs):
    """【検討事業】 rows have no budget project, but they are listed: not 「記載なし」."""
    goal = next(g.id for g in inputs.strategy.goals for m in g.measures for p in m.programs if p.id == program)
    entry = program_item(shipped_site / f"goals/{goal}/index.html", program)
    assert "【検討事業】" in entry and "記載なし" not in entry


def test_school_support_keeps_its_long_term_plan_note(shipped_site):
    # 資料: 学校支援地域本部 - 「- 長期総合計画 施策 322 関連事業」
    assert "長期総合計画 施策322関連事業" in program_item(shipped_site / "goals/g4/index.html",
                                                       "school-support-headquarters")


# --- §6 the budget page keeps the bracketed parts of program names -----------------------------------

def test_budget_page_rows_keep_bracketed_names(shipped_site):
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", (shipped_site / "budget/index.html").read_text(encoding="utf-8"), re.S)
    sport = [html.unescape(re.sub(r"<[^>]+>", "", r)) for r in rows if "スポーツを活かしたまちづくりの推進" in r]
    assert len(sport) == 3  # サッカー場等整備事業 has two budget projects, 健幸ポイント事業 one
    assert sum("（サッカー場等整備事業）" in r for r in sport) == 2
    assert sum("（健幸ポイント事業）" in r for r in sport) == 1
    en = (shipped_site / "en/budget/index.html").read_text(encoding="utf-8")
    assert "Building the city through sport (development of soccer fields and related facilities)" in en


# --- §6 「55% ※平成 32 年世論調査」: the era year converted like every other, in tables and CSV -----

def test_survey_year_note_is_converted_and_exported(shipped_site):
    assert "※平成32年（2020年）世論調査" in text_of(shipped_site / "goals/g1/index.html")
    indicators = list(csv.DictReader(io.StringIO((shipped_site / "data/indicators.csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in indicators if r["indicator_id"] == "living-environment-satisfaction")
    assert row["target_note_ja"] == "※平成32年（2020年）世論調査"
    tfr = next(r for r in indicators if r["indicator_id"] == "total-fertility-rate")
    assert tfr["baseline_year_kind"] == "calendar" and "calendar year 2014" in tfr["note_en"]
    for lang, note in (("ja", "※平成32年（2020年）世論調査"), ("en", "Measured by the 2020 municipal public opinion survey")):
        chart_csv = shipped_site / f"charts/{lang}/indicator-living-environment-satisfaction.csv"
        rows = list(csv.reader(io.StringIO(chart_csv.read_text(encoding="utf-8-sig"))))
        assert rows[-1][-1] == note and rows[-1][1] == "2019"  # the target row carries its note


def test_indicator_chart_table_has_the_note_column_only_where_a_note_exists(shipped_site):
    header = (shipped_site / "charts/en/indicator-nursery-waiting-list.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "Series,Year,Value (children)"


# --- §6 the fertility rate: 本文「平成 26 年度」, 図表2「平成 26 年」 -------------------------------------

@pytest.mark.parametrize("lang,prefix,says", [
    ("ja", "", "基準値1.16は平成26年（2014年）の暦年の値です"),
    ("en", "en/", "The baseline of 1.16 is for calendar year 2014"),
])
def test_fertility_rate_note_in_both_languages(shipped_site, lang, prefix, says):
    assert says in text_of(shipped_site / prefix / "goals/g1/index.html")
    assert says in text_of(shipped_site / prefix / "indicators/total-fertility-rate/index.html")


def test_axes_say_what_their_years_are(shipped_site):
    def x_titles(lang: str, ident: str) -> set[str]:
        def walk(node):
            if isinstance(node, dict):
                if isinstance(node.get("x"), dict) and "title" in node["x"]:
                    yield node["x"]["title"]
                for value in node.values():
                    yield from walk(value)
            elif isinstance(node, list):
                for value in node:
                    yield from walk(value)
        spec = json.loads((shipped_site / f"charts/{lang}/indicator-{ident}.vl.json").read_text(encoding="utf-8"))
        return set(walk(spec))
    # a calendar-year baseline (平成26年) before fiscal years
    assert x_titles("ja", "total-fertility-rate") == {"年・年度"}
    assert x_titles("en", "total-fertility-rate") == {"Year or fiscal year"}
    # fiscal years only (a baseline without a year has a slot named "Baseline")
    assert x_titles("ja", "nursery-waiting-list") == {"年度"}
    assert x_titles("en", "nursery-waiting-list") == {"Fiscal year"}


# --- §5 the site's own commentary is labelled; the programs count explained ----------------------

@pytest.mark.parametrize("prefix,label", [("", "このサイトによる解説"), ("en/", "Explanation by this site")])
def test_goal_narratives_are_labelled_as_the_sites_own(shipped_site, prefix, label):
    for goal in ("g1", "g2", "g3", "g4"):
        text = text_of(shipped_site / prefix / f"goals/{goal}/index.html")
        narrative = text.split(label)
        assert len(narrative) == 2, goal  # labelled once, in the narrative section


@pytest.mark.parametrize("page", ["index.html", "programs/index.html"])
def test_programs_count_is_explained_next_to_the_counts(shipped_site, page, inputs):
    programs = sum(len(m.programs) for g in inputs.strategy.goals for m in g.measures)
    assert programs == 61
    assert "状態別の件数の合計（63件）はすべての取り組みの数（61件）より多くなります" in text_of(shipped_site / page)
    assert "the counts by status add up to 63, more than the 61 programs" in text_of(shipped_site / "en" / page)


# --- §5 the source document and "last updated" -------------------------------------------------------

def test_no_source_link_is_invented(shipped_site, inputs):
    """Our source names only the city's home page, not the document's address: no link is shown."""
    assert inputs.site.source_url is None
    about = (shipped_site / "about/index.html").read_text(encoding="utf-8")
    assert 'class="source-document"' not in about


REVIEW = """\
year: 2016
held: "2017-08"
reviewer: {ja: テスト市推進委員会, en: Test City Strategy Committee}
indicators:
  - id: waiting
    value: 39
    as_of: {date: "2017-04-01"}
    source: {ja: 保育課調べ, en: Childcare Division}
"""


def _site_yaml(root: Path, modified: str | None, extra: str = "") -> None:
    site = root / "data/site.yaml"
    text = re.sub(r'^data_modified: "[^"]+"\n', f'data_modified: "{modified}"\n' if modified else "",
                  site.read_text(encoding="utf-8"), flags=re.M)
    site.write_text(text + extra, encoding="utf-8")


def _last_updated(out: Path) -> tuple[str, str, str]:
    ja = re.search(r'class="last-updated">([^<]+)<', (out / "index.html").read_text(encoding="utf-8")).group(1)
    en = re.search(r'class="last-updated">([^<]+)<', (out / "en/index.html").read_text(encoding="utf-8")).group(1)
    whole = json.loads((out / "data/strategy.json").read_text(encoding="utf-8"))  # the open data carries it too
    return ja, en, whole["modified"]


@pytest.fixture(scope="module")
def tiny_with_review(tmp_path_factory) -> Path:
    root = write_tiny(tmp_path_factory.mktemp("fidelity") / "tiny")
    (root / "data/reviews").mkdir()
    (root / "data/reviews/2016.yaml").write_text(REVIEW, encoding="utf-8")
    return root


def test_last_updated_is_the_plans_date_without_a_review(tmp_path):
    root = write_tiny(tmp_path / "tiny")
    _site_yaml(root, None)  # no override: the plan's date (issued "2016-03")
    build(root, root / "build", strict=True, search=False)
    assert _last_updated(root / "build") == ("最終更新：平成28年3月", "Last updated: March 2016", "2016-03")


def test_last_updated_follows_the_newest_review(tiny_with_review):
    root = tiny_with_review
    build(root, root / "build", strict=True, search=False)
    # held 2017-08 is later than the plan (2016-03), the shipped data_modified (2016-03) and the value's day
    assert _last_updated(root / "build") == ("最終更新：平成29年8月", "Last updated: August 2017", "2017-08")


def test_a_later_data_modified_overrides(tiny_with_review, tmp_path):
    root = tmp_path / "tiny"
    shutil.copytree(tiny_with_review, root, ignore=shutil.ignore_patterns("build"))
    _site_yaml(root, "2018-01-15")
    build(root, root / "build", strict=True, search=False)
    assert _last_updated(root / "build") == ("最終更新：平成30年1月15日", "Last updated: 15 January 2018", "2018-01-15")


def test_source_link_where_its_address_is_set(tmp_path):
    root = write_tiny(tmp_path / "tiny")
    _site_yaml(root, "2016-03", "source_url: https://www.example.jp/strategy.pdf\n")
    build(root, root / "build", strict=True, search=False)
    for prefix in ("", "en/"):
        for page in ("index.html", "about/index.html"):  # the footer of every page, and the about page
            assert 'href="https://www.example.jp/strategy.pdf"' in (root / "build" / prefix / page).read_text(encoding="utf-8")
    about = text_of(root / "build/en/about/index.html")
    assert "Read the original document" in about
