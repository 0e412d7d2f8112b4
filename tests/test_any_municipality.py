"""Another municipality's strategy builds from its data alone (issue #10 §6).

The example project examples/sample-city (a fictional town: no budget table, no programs, no section-2
figures, arabic numbering, its own reviews and grading rule) builds strict and contains no word of
Kiyose's; the tiny project still builds with each optional part taken out; and the messages for the
optional parts say what to write or how to leave the part out.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import frictionless
import pytest
from badinput import edit, line_of, rebuild
from conftest import ROOT, write_tiny
from sitecheck import html_pages, internal_links, parse

from site_builder import formats
from site_builder.build import build
from site_builder.load.inputs import load_inputs

SAMPLE = ROOT / "examples/sample-city"
# What the sample leaves out, as the site would show it: pages, open-data tables, strategy.json keys.
ABSENT_PAGES = ("budget/", "programs/", "vision/")
ABSENT_TABLES = ("budget_items", "programs", "program_sub_items", "births_deaths", "fertility_comparison",
                 "survey_results")
TEXT_FILES = (".html", ".csv", ".json", ".jsonld", ".xml", ".txt", ".svg", ".js", ".css", ".md")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "build"
    report = build(SAMPLE, out, strict=True)
    assert report.warnings == []
    return out


def site_texts(site: Path) -> dict[str, str]:
    """Every text file of a built site, and every member of its data zip, by path."""
    texts = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
             for p in site.rglob("*") if p.is_file() and p.suffix in TEXT_FILES and not p.is_relative_to(site / "pagefind")}
    for archive in (site / "data").glob("*.zip"):
        with zipfile.ZipFile(archive) as z:
            texts |= {f"{archive.name}!{name}": z.read(name).decode("utf-8", errors="replace") for name in z.namelist()}
    return texts


def kiyose_words() -> set[str]:
    """Kiyose's own words, read from its data: names, titles, section titles, dates and address."""
    inputs = load_inputs(ROOT)
    s, site = inputs.strategy, inputs.site
    texts = [s.title, s.publisher, s.department, s.concept, site.name, site.short_name, site.contact,
             s.budget_title, *(section.title for section in (site.sections.vision, site.sections.goal_narrative) if section),
             *(g.title for g in s.goals)]
    words = {"清瀬", "Kiyose", "kiyose", urlsplit(site.base_url).hostname}
    words |= {t.ja for t in texts if t} | {t.en for t in texts if t and t.en}
    words |= {formats.year_month(s.issued, lang) for lang in ("ja", "en")}  # 平成28年3月, March 2016
    words |= {f"{formats.era_of(s.period.start, 'fiscal')}年度"}  # 平成27年度
    return words


def test_sample_builds_strict_without_the_parts_it_lacks(sample_site):
    pages = {p.relative_to(sample_site).as_posix() for p in html_pages(sample_site)}
    assert {"index.html", "goals/g3/index.html", "indicators/index.html", "data/index.html",
            "en/goals/g3/index.html"} <= pages
    for key in ABSENT_PAGES:
        assert not (sample_site / key).exists() and not (sample_site / "en" / key).exists()


def test_sample_pages_and_data_contain_no_word_of_kiyose(sample_site):
    words = kiyose_words()
    assert {"清瀬市", "Kiyose City", "清瀬市の方向性", "平成28年3月", "March 2016"} <= words  # the list is read from the data
    for path, text in site_texts(sample_site).items():
        found = sorted(w for w in words if w in text)
        assert not found, f"{path} contains {found}"


def test_missing_sections_are_absent_from_navigation_pages_sitemap_and_open_data(sample_site):
    for page in html_pages(sample_site):
        html = page.read_text(encoding="utf-8")
        for _tag, _attr, url, _ in parse(page).urls:
            target = urlsplit(url).path
            assert not any(f"{key}" in target for key in ABSENT_PAGES), f"{page}: links to {url}"
            assert not any(f"data/{t}.csv" in target for t in ABSENT_TABLES), f"{page}: links to {url}"
        assert "badge-" not in html  # no status tags
        # no count of a part the strategy lacks (a grade with no indicators this year is a real 0: allowed)
        assert not re.search(r"（0件）|\(0\)|（0）|All 0 |(施策|取り組み|（KPI）|Measures:|Programs:|KPIs:) 0(?!\d)", html), page
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/goals/g3/" in sitemap and not any(key in sitemap for key in ABSENT_PAGES)
    files = {p.name for p in (sample_site / "data").iterdir()}
    assert not {f"{t}.csv" for t in ABSENT_TABLES} & files
    package = json.loads((sample_site / "data/datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in package["resources"]}
    assert {"goals", "measures", "indicators", "indicator_measures", "indicator_values"} <= names
    assert not names & set(ABSENT_TABLES)
    report = frictionless.validate(sample_site / "data/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert "予算" not in package["description"] and "人口" not in package["description"]
    catalog = (sample_site / "data/catalog.jsonld").read_text(encoding="utf-8")
    assert not any(f"#dataset-{t}\"" in catalog for t in ABSENT_TABLES)
    whole = json.loads((sample_site / "data/strategy.json").read_text(encoding="utf-8"))
    assert "population" not in whole and "survey" not in whole and whole["strategy"]["budget_items"] == []
    with zipfile.ZipFile(sample_site / "data/sample-city-2020-data.zip") as z:
        assert not {f"{t}.csv" for t in ABSENT_TABLES} & set(z.namelist())


def test_every_internal_link_of_the_sample_resolves(sample_site):
    checked, broken = internal_links(sample_site)
    assert not broken, "\n".join(broken)
    assert checked > 300


def test_sample_is_marked_fictional_on_every_page_and_kiyose_is_not(sample_site):
    for page in html_pages(sample_site):
        html = page.read_text(encoding="utf-8")
        banner = "A fictional example" if parse(page).lang == "en" else "架空の自治体の例です"
        assert f'<p class="fictional-banner">{banner}' in html, page
    assert not load_inputs(ROOT).site.fictional


def test_sample_numbers_goals_and_measures_its_own_way(sample_site):
    goal = (sample_site / "goals/g1/index.html").read_text(encoding="utf-8")
    assert "基本目標1" in goal and '<span class="measure-no">施策 (1)</span>' in goal
    assert not re.search("[ⅠⅡⅢⅣ①②③④⑤]", goal)
    assert "Basic Goal 2" in (sample_site / "en/goals/g2/index.html").read_text(encoding="utf-8")
    home = (sample_site / "en/index.html").read_text(encoding="utf-8")
    assert "The three basic goals" in home and "covering the five fiscal years FY2020 to FY2024" in home
    caption = (sample_site / "indicators/index.html").read_text(encoding="utf-8")
    assert "基準値と令和6年度の目標値" in caption


def test_money_in_two_units_is_shown_as_written_and_graded_in_one(sample_site):
    goal = (sample_site / "goals/g2/index.html").read_text(encoding="utf-8")
    assert "8,600万円" in goal and "1.2億円" in goal and "件/年" in goal
    assert "1.2 × 100 million yen" in (sample_site / "en/goals/g2/index.html").read_text(encoding="utf-8")
    # the CSV holds every value in the indicator's unit (万円); strategy.json keeps what was written
    with (sample_site / "data/indicators.csv").open(encoding="utf-8-sig", newline="") as f:
        tourism = next(r for r in csv.DictReader(f) if r["indicator_id"] == "tourist-spending")
    assert tourism["unit_ja"] == "万円" and tourism["target"] == "12000" and tourism["baseline"] == "8600"
    whole = json.loads((sample_site / "data/strategy.json").read_text(encoding="utf-8"))
    target = whole["strategy"]["goals"][1]["measures"][1]["kpis"][0]["target"]
    assert target["value"] == 1.2 and target["scale"] == 10000 and target["unit"]["ja"] == "億円"
    # FY2023 11,500万円 from 8,600 towards 1.2億円 = 12,000万円 is 85 % of the way: △ (four-band), not ◎
    row = re.search(r"観光消費額.*?</tr>", (sample_site / "indicators/index.html").read_text(encoding="utf-8"), re.S)
    assert row and "△" in row[0] and "◎" not in row[0]


def test_a_kpi_under_two_measures_has_one_place_and_a_link_from_the_other(sample_site):
    rows = (sample_site / "data/indicators.csv").read_text(encoding="utf-8-sig").splitlines()
    assert sum(r.startswith("work-life-balance,") for r in rows) == 1
    assert (sample_site / "data/indicator_measures.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "indicator_id,measure_id", "work-life-balance,g2-m1"]
    g2 = (sample_site / "goals/g2/index.html").read_text(encoding="utf-8")
    assert 'href="../../goals/g1/index.html#indicator-work-life-balance"' in g2 and 'id="indicator-work-life-balance"' not in g2
    assert 'id="indicator-work-life-balance"' in (sample_site / "goals/g1/index.html").read_text(encoding="utf-8")


def test_a_goal_without_measures_and_a_kpi_without_baseline(sample_site):
    g3 = (sample_site / "goals/g3/index.html").read_text(encoding="utf-8")
    assert 'class="measure"' not in g3 and "重要業績評価指標" not in g3 and 'id="indicator-wish-to-stay"' in g3
    assert 'id="narrative"' not in g3  # g3 has no narrative file: no empty section
    g2 = (sample_site / "goals/g2/index.html").read_text(encoding="utf-8")
    assert "基準値なし" in g2  # startups: the support begins with the strategy


# --- the tiny project with each optional part taken out ------------------------------------------


def _no_budget(p: Path) -> None:
    text = (p / "data/kpi.yaml").read_text(encoding="utf-8")
    (p / "data/kpi.yaml").write_text(text[:text.index("budget_items:")], encoding="utf-8")


def _no_programs(p: Path) -> None:
    _no_budget(p)
    text = (p / "data/kpi.yaml").read_text(encoding="utf-8")
    start, end = text.index("        programs:"), text.index("        kpis:")
    (p / "data/kpi.yaml").write_text(text[:start] + text[end:], encoding="utf-8")


def _no_section_two(p: Path) -> None:
    (p / "data/population.yaml").unlink()
    (p / "data/survey.yaml").unlink()


def _no_vision(p: Path) -> None:
    for lang in ("ja", "en"):
        (p / f"content/pages/vision.{lang}.md").unlink()
    edit(p / "data/site.yaml", "  vision:\n    title: {ja: 清瀬市の方向性, en: Kiyose's direction}\n", "")


def _no_narratives(p: Path) -> None:
    for name in ("pages/about", "goals/g1"):
        for lang in ("ja", "en"):
            (p / f"content/{name}.{lang}.md").unlink()


OPTIONAL_PARTS = {
    "no-budget-table": (_no_budget, ["budget/"], ["budget_items"]),
    "no-programs": (_no_programs, ["budget/", "programs/"], ["budget_items", "programs", "program_sub_items"]),
    "no-status-tags": (lambda p: edit(p / "data/kpi.yaml", "            sub_items:\n              - {name: {ja: 家庭的保育事業, "
                                      "en: Home-based childcare}, status: new}\n", ""),
                       ["programs/new/"], ["program_sub_items"]),
    "no-aim": (lambda p: edit(p / "data/kpi.yaml", "        aim: {ja: 目的, en: Aim}\n", ""), [], []),
    "no-strategic-indicators": (lambda p: _drop_between(p, "    indicators:\n", "    measures:\n"), [], []),
    "no-kpis-written-empty": (lambda p: _drop_between(p, "        kpis:\n", "budget_items:", keep="        kpis:\n"), [], []),
    "goal-without-measures": (lambda p: (_no_programs(p), _drop_between(p, "    measures:\n", "\n\n", keep="    measures: []\n")),
                              ["budget/", "programs/"], ["budget_items", "programs", "measures"]),
    "no-indicators-at-all": (lambda p: (_drop_between(p, "    indicators:\n", "    measures:\n"),
                                        _drop_between(p, "        kpis:\n", "budget_items:")),
                             ["indicators/"], ["indicators", "indicator_values"]),
    "no-concept": (lambda p: edit(p / "data/kpi.yaml", "concept: {ja: 舞台, en: Stage}\n", ""), [], []),
    "no-section-two-figures": (_no_section_two, [], ["births_deaths", "fertility_comparison", "survey_results"]),
    "no-vision-page": (_no_vision, ["vision/"], []),
    "no-narratives": (_no_narratives, [], []),
}


def _drop_between(p: Path, start: str, end: str, keep: str = "") -> None:
    """Remove kpi.yaml from `start` up to (not including) `end`, putting `keep` in its place."""
    text = (p / "data/kpi.yaml").read_text(encoding="utf-8") + "\n\n"
    i = text.index(start)
    j = text.index(end, i + len(start))
    (p / "data/kpi.yaml").write_text((text[:i] + keep + text[j:]).rstrip("\n") + "\n", encoding="utf-8")


@pytest.mark.parametrize("part", OPTIONAL_PARTS, ids=list(OPTIONAL_PARTS))
def test_tiny_project_builds_with_a_part_left_out(part, tmp_path):
    leave_out, gone_pages, gone_tables = OPTIONAL_PARTS[part]
    project = write_tiny(tmp_path / "tiny")
    leave_out(project)
    out = tmp_path / "out"
    report = build(project, out, strict=True, search=False)  # strict: a link to a missing page is a warning
    assert report.warnings == []
    for key in gone_pages:
        assert not (out / key).exists(), f"{key} exists"
    for table in gone_tables:
        assert not (out / f"data/{table}.csv").exists(), f"{table}.csv exists"
    home = (out / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="site-nav".*?</nav>', home, re.S)[0]
    assert not any(f'href="{key}' in nav for key in gone_pages)
    report = frictionless.validate(out / "data/datapackage.json")  # no foreign key to a table left out
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert (out / "goals/g1/index.html").is_file() and (out / "en/data/index.html").is_file()


def test_the_full_tiny_project_has_what_the_parts_removed(tmp_path):
    """The other side of the test above: with every part present, the pages and tables exist."""
    out = tmp_path / "out"
    build(write_tiny(tmp_path / "tiny"), out, strict=True, search=False)
    for key in ("budget/", "programs/", "programs/new/", "vision/"):
        assert (out / key / "index.html").is_file(), key
    for table in ("budget_items", "programs", "program_sub_items", "births_deaths", "survey_results"):
        assert (out / f"data/{table}.csv").is_file(), table
    assert '<p class="fictional-banner">' not in (out / "index.html").read_text(encoding="utf-8")


# --- messages: what to write, or how to leave the part out ----------------------------------------

KPI = "data/kpi.yaml"
SITE = "data/site.yaml"


def _second_program(p: Path) -> None:
    edit(p / KPI, "            description: {ja: 説明, en: Description}\n",
         "            description: {ja: 説明, en: Description}\n          - id: untagged\n"
         "            name: {ja: 無印, en: Untagged}\n            description: {ja: 説明, en: Description}\n")


def _kpi_line(p: Path, needle: str) -> int:
    return line_of(p / KPI, needle)


BAD = {
    "one-program-without-status": (
        _second_program, KPI, lambda p: _kpi_line(p, "- id: untagged"), ("has no status", "delete every program's status")),
    "also-in-unknown-measure": (
        lambda p: edit(p / KPI, "            direction: lower\n", "            direction: lower\n            also_in: [g9-m9]\n"),
        KPI, lambda p: _kpi_line(p, "also_in: [g9-m9]"), ("'g9-m9', which does not exist",)),
    "also-in-own-measure": (
        lambda p: edit(p / KPI, "            direction: lower\n", "            direction: lower\n            also_in: [g1-m1]\n"),
        KPI, lambda p: _kpi_line(p, "also_in: [g1-m1]"), ("the KPI's own measure",)),
    "also-in-on-a-strategic-indicator": (
        lambda p: edit(p / KPI, "        direction: higher\n", "        direction: higher\n        also_in: [g1-m1]\n"),
        KPI, lambda p: _kpi_line(p, "also_in: [g1-m1]"), ("also_in is for a measure's KPI",)),
    "target-in-another-unit-without-scale": (
        lambda p: edit(p / KPI, "target: {value: 20, year: 2019}", "target: {value: 20, year: 2019, unit: {ja: 百人, en: hundreds}}"),
        KPI, lambda p: _kpi_line(p, "unit: {ja: 百人"), ("written in 百人, the indicator in 人", "add scale")),
    "scale-without-unit": (
        lambda p: edit(p / KPI, "target: {value: 20, year: 2019}", "target: {value: 20, year: 2019, scale: 100}"),
        KPI, lambda p: _kpi_line(p, "scale: 100"), ("scale but no unit",)),
    "no-goals": (
        lambda p: _drop_between(p, "goals:\n", "budget_items:", keep="goals: []\n"), KPI,
        lambda p: _kpi_line(p, "goals: []"), ("has no goals",)),
    "vision-without-title": (
        lambda p: edit(p / SITE, "  vision:\n    title: {ja: 清瀬市の方向性, en: Kiyose's direction}\n", ""), SITE,
        lambda p: line_of(p / SITE, "sections:"), ("content/pages/vision.ja.md has no title", "or delete")),
    "narrative-in-one-language": (
        lambda p: (p / "content/pages/vision.en.md").unlink(), "content/pages/vision.en.md", lambda p: None,
        ("write the en text of content/pages/vision.ja.md", "or delete")),
    "population-file-missing-a-part": (
        lambda p: (p / "data/population.yaml").write_text(
            (p / "data/population.yaml").read_text(encoding="utf-8").partition("fertility:")[0], encoding="utf-8"),
        "data/population.yaml", lambda p: line_of(p / "data/population.yaml", "vital_statistics:"),
        ("'fertility' is missing", "or delete data/population.yaml")),
    "figure-without-section-two-data": (
        lambda p: (_no_section_two(p), edit(p / "content/pages/vision.ja.md", "text\n", "text\n\n[[figure:fertility]]\n")),
        "content/pages/vision.ja.md", lambda p: line_of(p / "content/pages/vision.ja.md", "[[figure:fertility]]"),
        ("this project has no figures", "delete the line")),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_missing_or_wrong_optional_part_says_what_to_write(case, tmp_path, tiny_built):
    mistake, file, line, says = BAD[case]
    result = rebuild(tmp_path, mistake, tiny_built)
    result.fails_at(file, line(result.project), *says)


def test_a_vision_title_without_its_page_is_a_warning(tmp_path, tiny_built):
    result = rebuild(tmp_path, _no_vision_files, tiny_built)
    result.warns_at(SITE, line_of(result.project / SITE, "  vision:"), "the page is left out")
    assert not (result.project / "build/vision").exists()


def _no_vision_files(p: Path) -> None:
    for lang in ("ja", "en"):
        (p / f"content/pages/vision.{lang}.md").unlink()
