"""The shipped data matches the source document: counts, codes, figures, English everywhere."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
from conftest import ROOT

from site_builder.build import build
from site_builder.load.inputs import load_inputs


@pytest.fixture(scope="module")
def inputs():
    return load_inputs(ROOT)


def test_counts_per_goal_and_measure_match_the_source(inputs):
    s = inputs.strategy
    # (programs, KPIs) per measure, read off section 3 of the source
    expected = {
        "g1": [(10, 1), (5, 1), (3, 2), (7, 1), (9, 1)],
        "g2": [(6, 1), (6, 2)],
        "g3": [(7, 3)],
        "g4": [(3, 4), (5, 2)],
    }
    assert {g.id: [(len(m.programs), len(m.kpis)) for m in g.measures] for g in s.goals} == expected
    assert [len(g.indicators) for g in s.goals] == [1, 2, 1, 1]
    assert len(s.indicators()) == 23


def test_status_tags_as_printed(inputs):
    programs = {p.id: p for _, _, p in inputs.strategy.programs()}
    nursery = programs["nursery-operation"]
    assert nursery.status is None
    assert [(i.name.ja, i.status) for i in nursery.sub_items] == [("家庭的保育事業", "new"), ("小規模保育事業", "considering")]
    assert programs["email-and-social-media"].status == "continuing"
    assert programs["wifi-spots"].status == "considering"
    tags = Counter(t for _, _, p in inputs.strategy.programs() for t in [p.status, *(i.status for i in p.sub_items)] if t)
    assert tags == {"continuing": 31, "expanded": 8, "new": 12, "considering": 12}  # 【継続】… counted in the source


def test_budget_codes_keep_leading_zeros_from_data_to_page(inputs, shipped_site):
    codes = {b.code for b in inputs.strategy.budget_items if b.code and b.code != "-"}
    assert len(codes) == 41
    assert all(re.fullmatch(r"0\d{9}", c) for c in codes)
    for lang in ("", "en/"):
        page = (shipped_site / lang / "budget/index.html").read_text(encoding="utf-8")
        shown = set(re.findall(r'<code class="code">(\d+)</code>', page))
        assert shown == codes


def test_baselines_as_printed(inputs):
    by_id = {i.id: i for _, _, i in inputs.strategy.indicators()}
    assert by_id["total-fertility-rate"].baseline.value == Decimal("1.16")
    assert by_id["total-fertility-rate"].baseline.year == 2014
    assert by_id["public-facility-utilization"].baseline.value == Decimal("41.08")
    assert by_id["open-datasets"].baseline is None and by_id["open-datasets"].target.value == 226
    assert by_id["net-migration-20s-30s"].baseline.value == -13
    stated = sorted(i.id for i in by_id.values() if i.baseline and i.baseline.year)
    assert stated == ["living-environment-satisfaction", "total-fertility-rate"]
    assert all(not i.actuals for i in by_id.values())  # the source has no actual values


def test_section_two_figures(inputs):
    vital = {r.year: (r.births, r.deaths) for r in inputs.population.vital_statistics.rows}
    assert vital == {2001: (508, 502), 2014: (484, 741)}
    rates = {c.name.ja: str(c.rate) for c in inputs.population.fertility.cities}
    assert rates == {"清瀬市": "1.16", "小平市": "1.40", "東村山市": "1.26", "東久留米市": "1.43", "西東京市": "1.25",
                     "東大和市": "1.37", "武蔵村山市": "1.38", "あきる野市": "1.43"}
    percents = sorted(str(a.percent) for q in inputs.survey.questions for a in q.answers)
    assert percents == sorted(["31.8", "26.5", "71.2", "26.7", "75.4", "33.3", "48.3", "47.4", "41.7"])


def test_every_text_has_english_and_strict_build_passes(tmp_path):
    report = build(ROOT, None, strict=True)
    assert report.warnings == []


def test_pages_show_no_baseline_and_unstated_year_honestly(shipped_site):
    goal1 = (shipped_site / "goals/g1/index.html").read_text(encoding="utf-8")
    assert "基準値なし（原資料で「－」）" in goal1  # 不妊・不育症治療費助成数
    assert "年の記載なし" in goal1
    assert "平成26年（2014年）" in goal1
