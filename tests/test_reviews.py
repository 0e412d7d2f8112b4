"""The yearly review files (data/reviews/<year>.yaml): loading, errors at their lines, plausibility
warnings at their lines, one truth for measured values, and the facts derived from reviews.

Fixture reviews only, written into tmp_path: the shipped data has none (Kiyose's review reports are
not in our sources, and no value is ever invented).
"""

from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from badinput import edit, line_of, rebuild
from conftest import ROOT

from site_builder.derive.facts import derive
from site_builder.derive.grading import Grade, State
from site_builder.load.inputs import load_inputs

REVIEW = """\
year: 2016
held: 2017-08
reviewer: {ja: 総合戦略推進委員会, en: Strategy promotion committee}
report_url: https://www.example.org/review-2016.pdf
summary: {ja: 概ね順調に進んでいる, en: Roughly on track}
indicators:
  - id: waiting
    value: 39
    as_of: {date: "2017-04-01"}
    source: {ja: 保育課, en: Childcare Division}
  - id: tfr
    not_measured: {ja: 人口動態統計が未公表, en: Vital statistics not yet published}
programs:
  - id: nursery
    status: implemented
    comment: {ja: 家庭的保育を開始, en: Home-based childcare started}
goals:
  - id: g1
    results: {ja: 待機児童が減少, en: Fewer children waiting}
    issues: {ja: 保育士の確保, en: Hiring nursery staff}
    next_steps: {ja: 定員の拡大, en: More places}
    opinion: {ja: 引き続き推進されたい, en: Keep going}
measures:
  - id: g1-m1
    opinion: {ja: 評価する, en: Well done}
"""

LATER = """\
year: 2017
held: 2018-07-20
reviewer: {ja: 総合戦略推進委員会}
indicators:
  - {id: waiting, value: 30, source: {ja: 保育課}}
  - {id: tfr, value: 1.20, as_of: {year: 2016, kind: calendar}, source: {ja: 人口動態統計}}
programs:
  - {id: nursery, status: partly}
"""


def write(root: Path, text: str, name: str = "2016.yaml") -> Path:
    folder = root / "data/reviews"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


# --- no review ------------------------------------------------------------------------------------

def test_without_reviews_every_indicator_is_not_reviewed(tiny_project):
    inputs = load_inputs(tiny_project)
    assert inputs.reviews == ()
    derived = derive(inputs)
    assert {info.outcome for info in derived.indicators} == {State("not_reviewed")}
    assert all(info.results == () and info.latest is None and info.change is None for info in derived.indicators)
    assert derived.reviews == () and derived.plan.latest_review is None and not derived.plan.ended
    assert derived.plan.end == 2019  # the last fiscal year is known, so pages can name it


def test_a_folder_with_only_its_readme_holds_no_review(tiny_project):
    (tiny_project / "data/reviews").mkdir()
    (tiny_project / "data/reviews/README.md").write_text("# reviews\n", encoding="utf-8")
    assert load_inputs(tiny_project).reviews == ()


def test_what_the_yaml_reader_changed_in_a_review_is_a_warning(tiny_project):
    path = write(tiny_project, REVIEW.replace("    value: 39\n", "    value: 39 # 4月1日現在\n"))
    inputs = load_inputs(tiny_project)
    assert any(str(w.path) == "data/reviews/2016.yaml" and w.line == line_of(path, "value: 39") for w in inputs.warnings)


def test_shipped_data_has_no_review():
    assert not list((ROOT / "data/reviews").glob("*.y*ml"))  # the README only: no invented values
    assert (ROOT / "data/reviews/README.md").is_file()


# --- a review, and what is derived from reviews -------------------------------------------------------

def test_a_review_is_loaded_and_graded(tiny_project):
    write(tiny_project, REVIEW)
    inputs = load_inputs(tiny_project)
    (review,) = inputs.reviews
    assert (review.year, review.held, review.reviewer.en) == (2016, "2017-08", "Strategy promotion committee")
    assert review.goals[0].next_steps.ja == "定員の拡大" and review.measures[0].opinion.en == "Well done"
    derived = derive(inputs)
    waiting, tfr = derived.indicator("waiting"), derived.indicator("tfr")
    # pacing: 39 children is (39 − 45) ÷ (20 − 45) = 24 % of the way; FY2016 is year 2 of 2014→2019,
    # 2/5 = 40 % expected; 24 ÷ 40 = 60 % → 「概ね順調」
    assert isinstance(waiting.outcome, Grade) and waiting.outcome.band.id == "roughly"
    assert waiting.latest.as_of.date == "2017-04-01" and waiting.latest.source.ja == "保育課"
    assert waiting.change == D(-6)
    assert tfr.outcome == State("not_measured", note=review.indicators[1].not_measured)
    assert tfr.latest_value is None and tfr.change is None


def test_series_counts_and_changes_across_reviews(tiny_project):
    write(tiny_project, REVIEW)
    write(tiny_project, LATER, "2017.yaml")
    derived = derive(load_inputs(tiny_project))
    waiting, tfr = derived.indicator("waiting"), derived.indicator("tfr")
    assert [r.year for r in waiting.results] == [2016, 2017]
    # FY2017: 30 children = 60 % of the way, year 3 of 5 expects 60 % → 100 % of pace: 「順調に進んでいる」
    assert [r.outcome.band.id for r in waiting.results] == ["roughly", "steady"]
    assert waiting.latest_value.value == D(30) and waiting.change == D(-15)
    # TFR: the default as_of is the review's fiscal year; here a calendar year is given
    assert tfr.latest.as_of.kind == "calendar" and tfr.latest.as_of.year == 2016
    assert tfr.change == D("0.04")
    first, second = derived.reviews
    assert derived.review(2017) is second
    assert first.band_counts == {"steady": 0, "roughly": 1, "needs-improvement": 0}
    assert first.state_counts == {"not_reviewed": 0, "not_measured": 1, "not_gradable": 0}
    assert first.program_counts["implemented"] == 1 and sum(first.program_counts.values()) == 1
    assert list(first.program_counts) == ["implemented", "partly", "not-implemented", "completed", "discontinued", "revised"]
    assert (first.previous, first.changes) == (None, ())
    assert second.previous == 2016
    changes = {c.indicator: c.direction for c in second.changes}
    assert changes == {"waiting": "up", "tfr": None}  # tfr: not measured before, so no direction
    assert derived.plan.latest_review == 2017 and not derived.plan.ended


def test_an_indicator_left_out_of_a_review_is_not_reviewed_that_year(tiny_project):
    write(tiny_project, LATER.replace("  - {id: tfr, value: 1.20, as_of: {year: 2016, kind: calendar}, source: {ja: 人口動態統計}}\n", ""),
          "2017.yaml")
    derived = derive(load_inputs(tiny_project))
    assert derived.indicator("tfr").outcome == State("not_reviewed")
    assert derived.reviews[0].state_counts["not_reviewed"] == 1


def test_the_plan_has_ended_once_its_last_year_is_reviewed(tiny_project):
    write(tiny_project, LATER.replace("year: 2017", "year: 2019").replace("held: 2018-07-20", "held: 2020-07"), "2019.yaml")
    plan = derive(load_inputs(tiny_project)).plan
    assert (plan.latest_review, plan.end, plan.ended) == (2019, 2019, True)


# --- mistakes, each at its line (the bad-input harness: built the way staff build) --------------------

RF = "data/reviews/2016.yaml"
CASES = {
    # id: (file name, text, the text on the line the error points at (None: the file), fragments)
    "year-not-file-name": ("2017.yaml", REVIEW, "year: 2016", ("does not match the file name 2017.yaml",)),
    "year-before-plan": ("2014.yaml", REVIEW.replace("year: 2016", "year: 2014").replace("2017-08", "2015-08"),
                         "year: 2014", ("before the plan starts",)),
    "file-name": ("review-2016.yaml", REVIEW, None, ("named after the fiscal year", "2016.yaml")),
    "yml": ("2016.yml", REVIEW, None, ("2016.yaml",)),
    "unknown-indicator": ("2016.yaml", REVIEW.replace("id: waiting", "id: waitng"), "id: waitng",
                          ("unknown indicator 'waitng'", "did you mean 'waiting'", "data/kpi.yaml")),
    "indicator-twice": ("2016.yaml", REVIEW.replace("programs:\n", "  - {id: waiting, value: 30, source: {ja: 課}}\nprograms:\n"),
                        "{id: waiting, value: 30", ("indicator 'waiting' is already listed at line 7",)),
    "program-twice": ("2016.yaml", REVIEW.replace("goals:\n", "  - {id: nursery, status: partly}\ngoals:\n"),
                      "{id: nursery, status: partly}", ("program 'nursery' is already listed",)),
    "unknown-program": ("2016.yaml", REVIEW.replace("id: nursery", "id: nursery-x"), "id: nursery-x",
                        ("unknown program 'nursery-x'",)),
    "value-and-not-measured": ("2016.yaml", REVIEW.replace("    value: 39\n", "    value: 39\n    not_measured: {ja: 未集計}\n"),
                               "not_measured: {ja: 未集計}", ("both value and not_measured",)),
    "neither": ("2016.yaml", REVIEW.replace("    value: 39\n", "").replace("    as_of: {date: \"2017-04-01\"}\n", ""),
                "id: waiting", ("neither value nor not_measured",)),
    "value-without-source": ("2016.yaml", REVIEW.replace("    source: {ja: 保育課, en: Childcare Division}\n", ""),
                             "value: 39", ("has no source", "source: {ja: 出典")),
    "source-when-not-measured": ("2016.yaml", REVIEW.replace(
        "    not_measured: {ja: 人口動態統計が未公表, en: Vital statistics not yet published}\n",
        "    not_measured: {ja: 人口動態統計が未公表}\n    source: {ja: 東京都}\n"), "source: {ja: 東京都}", ("remove source",)),
    "unknown-status": ("2016.yaml", REVIEW.replace("status: implemented", "status: done"), "status: done",
                       ("unknown status 'done'", "implemented, partly, not-implemented, completed, discontinued, revised")),
    "unknown-goal": ("2016.yaml", REVIEW.replace("  - id: g1\n", "  - id: g9\n"), "id: g9", ("unknown goal 'g9'",)),
    "unknown-measure": ("2016.yaml", REVIEW.replace("id: g1-m1", "id: g1-m9"), "id: g1-m9", ("unknown measure 'g1-m9'",)),
    "as-of-year-and-date": ("2016.yaml", REVIEW.replace('as_of: {date: "2017-04-01"}', 'as_of: {year: 2016, date: "2017-04-01"}'),
                            "as_of:", ("a year or a date, not both",)),
    "as-of-not-a-date": ("2016.yaml", REVIEW.replace("2017-04-01", "2017-02-30"), "2017-02-30", ("'2017-02-30' is not a date",)),
    "held-not-a-date": ("2016.yaml", REVIEW.replace("held: 2017-08", "held: 2017-13"), "held:", ("not a date",)),
    "held-too-early": ("2016.yaml", REVIEW.replace("held: 2017-08", "held: 2016-03"), "held:",
                       ("before fiscal year 2016 began",)),
    "reviewer-missing": ("2016.yaml", REVIEW.replace("reviewer: {ja: 総合戦略推進委員会, en: Strategy promotion committee}\n", ""),
                         "year: 2016", ("reviewer",)),
    "not-a-number": ("2016.yaml", REVIEW.replace("value: 39", "value: 39人"), "value: 39人", ("value",)),
    "report-url-not-https": ("2016.yaml", REVIEW.replace("https://www.example.org", "http://www.example.org"),
                             "report_url", ("report_url",)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_review_mistakes_are_located(case, tmp_path, tiny_built):
    name, text, at, says = CASES[case]
    result = rebuild(tmp_path, lambda p: write(p, text, name), tiny_built)
    file = f"data/reviews/{name}"
    result.fails_at(file, line_of(result.project / file, at) if at else None, *says)


def test_actuals_left_in_kpi_yaml_say_where_to_move_them(tmp_path, tiny_built):
    def mistake(project: Path) -> None:
        edit(project / "data/kpi.yaml", "            direction: lower\n",
             "            direction: lower\n            actuals:\n              - {year: 2017, value: 30}\n")

    result = rebuild(tmp_path, mistake, tiny_built)
    message = result.fails_at("data/kpi.yaml", line_of(result.project / "data/kpi.yaml", "{year: 2017, value: 30}"),
                              "data/reviews/<year>.yaml", "data/reviews/2017.yaml")
    # the example is the entry to write: this indicator's id and the value
    assert "- id: waiting" in result.err and "value: 30" in result.err and "source:" in result.err, message


def test_a_grading_mistake_in_site_yaml_is_located(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: edit(p / "data/site.yaml", "  preset: pacing\n",
                                              "  preset: four-band\n  thresholds: {levle: 85}\n"), tiny_built)
    result.fails_at("data/site.yaml", line_of(result.project / "data/site.yaml", "thresholds: {levle: 85}"),
                    "no band 'levle'", "met, level, below")


# --- plausibility: warnings at the value's line -----------------------------------------------------

DOUBTFUL = """\
year: 2016
held: 2017-08
reviewer: {ja: 推進委員会}
indicators:
  - {id: nursery-waiting-list, value: -5, source: {ja: 保育課}}
  - {id: childrearing-friendly-rating, value: 802, source: {ja: 市民意識調査}}
  - {id: employees-in-city, value: 1840500, source: {ja: 経済センサス}}
  - {id: farm-event-participants, value: 740, source: {ja: 産業振興課}}
  - {id: facebook-followers, value: 500, as_of: {year: 2017}, source: {ja: 秘書広報課}}
  - {id: website-accesses, value: 500000, as_of: {date: "2017-04-02"}, source: {ja: 秘書広報課}}
  - {id: round-table-locations, value: 7, as_of: {date: "2017-04-01"}, source: {ja: 協働推進課}}
  - {id: net-migration-20s-30s, value: 0, source: {ja: 住民基本台帳}}
  - {id: total-fertility-rate, value: 1.30, as_of: {year: 2016, kind: calendar}, source: {ja: 人口動態統計}}
"""
HELD_EARLY = """\
year: 2017
held: 2017-10
reviewer: {ja: 推進委員会}
indicators:
  - {id: matchmaking-couples, value: 8, as_of: {date: "2017-12-01"}, source: {ja: 企画課}}
"""


def test_implausible_values_warn_at_their_lines(shipped_copy):
    path = write(shipped_copy, DOUBTFUL)
    write(shipped_copy, HELD_EARLY, "2017.yaml")
    inputs = load_inputs(shipped_copy)
    found = {(str(w.path), w.line): w.message for w in inputs.warnings
             if "data/reviews" in str(w.path) and w.kind != "no_english"}  # these reviews are in Japanese only
    late = shipped_copy / "data/reviews/2017.yaml"
    expected = {
        (path, "nursery-waiting-list"): "negative",  # −5 children: a count below zero
        (path, "childrearing-friendly-rating"): "over 100 but the unit is %",  # 802 typed for 80.2
        (path, "employees-in-city"): "more than ten times",  # 1,840,500 > 10 × 18,404 (the larger)
        (path, "farm-event-participants"): "less than a tenth",  # 740 against 74,000 → 95,000
        (path, "facebook-followers"): "after the reviewed fiscal year 2016",  # as_of 2017 in the 2016 review
        (path, "website-accesses"): "after fiscal year 2016 ended",  # a day after 1 April 2017
        (late, "matchmaking-couples"): "after the review was held",  # dated 2017-12, held 2017-10
    }
    want = {(f"data/reviews/{p.name}", line_of(p, ident)): says for (p, ident), says in expected.items()}
    assert set(found) == set(want), found  # round-table (1 April), 0 migrants and a calendar-year TFR are plausible
    for where, says in want.items():
        assert says in found[where], (where, found[where])
    # a warning does not change the grade: −5 children is graded as written, (−5 − 45) ÷ (20 − 45) = 200 %
    waiting = derive(inputs).indicator("nursery-waiting-list").results[0].outcome
    assert waiting.band.id == "steady" and waiting.attainment == 2


def test_a_warning_is_reported_by_the_build_and_fails_strict(tmp_path, tiny_built):
    text = REVIEW.replace("value: 39", "value: -5")
    result = rebuild(tmp_path, lambda p: write(p, text), tiny_built)
    result.warns_at(RF, line_of(result.project / RF, "value: -5"), "negative", "check the sign")
    # every grade on a page links to the rule that gave it
    goal = (result.project / "build/goals/g1/index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="grade grade-0" href="\.\./\.\./about/(index\.html)?#grading-steady">◎ 順調に進んでいる</a>', goal)
    assert re.search(r'<a class="grade grade-state" href="[^"]*about/(index\.html)?#grading-not-measured">未測定</a>', goal)
    about = (result.project / "build/en/about/index.html").read_text(encoding="utf-8")
    assert 'id="grading-steady"' in about and 'id="grading-not-measured"' in about
    assert "progress against the straight-line pace is at least 100%" in about
    strict = rebuild(tmp_path / "strict", lambda p: write(p, text), tiny_built, "--strict")
    assert strict.code == 1 and strict.unchanged
    assert any(w.startswith(f"{RF}:") and "negative" in w for w in strict.warnings), strict.err
