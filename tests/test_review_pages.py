"""The yearly review's pages: an indicator page for every indicator, a page per review year, the overview,
the home summary, the plan-period notice, and the honest state before any review is published."""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import write_tiny
from sitecheck import html_pages, internal_links, parse

from site_builder.build import build

REVIEW_2016 = """\
year: 2016
held: "2017-08"
reviewer: {ja: テスト市推進委員会, en: Test City Strategy Committee}
report_url: https://www.example.jp/review-2016.pdf
summary: {ja: 総括の文, en: Overall conclusion}
indicators:
  - id: tfr
    value: 1.18
    as_of: {year: 2016, kind: calendar}
    source: {ja: 人口動態統計, en: Vital statistics}
  - id: waiting
    value: 39
    as_of: {date: "2017-04-01"}
    source: {ja: 保育課調べ, en: Childcare Division}
    note: {ja: 4月1日現在, en: On 1 April}
programs:
  - id: nursery
    status: implemented
    comment: {ja: 定員を拡大, en: Places added}
goals:
  - id: g1
    opinion: {ja: 委員会の意見の文, en: The committee's opinion text}
measures:
  - id: g1-m1
    results: {ja: 成果の文, en: Results text}
    issues: {ja: 課題の文, en: Issues text}
"""
REVIEW_2017 = """\
year: 2017
held: "2018-08-20"
reviewer: {ja: テスト市推進委員会, en: Test City Strategy Committee}
indicators:
  - id: tfr
    not_measured: {ja: 統計が未公表, en: Statistics not yet published}
  - id: waiting
    value: 30
    source: {ja: 保育課調べ, en: Childcare Division}
"""
INDICATORS = ("tfr", "waiting")


def write_reviews(root: Path, site_extra: str = "") -> Path:
    """The tiny project with two yearly reviews (and extra lines for data/site.yaml)."""
    write_tiny(root)
    folder = root / "data/reviews"
    folder.mkdir()
    (folder / "2016.yaml").write_text(REVIEW_2016, encoding="utf-8")
    (folder / "2017.yaml").write_text(REVIEW_2017, encoding="utf-8")
    if site_extra:
        site = root / "data/site.yaml"
        site.write_text(site.read_text(encoding="utf-8") + textwrap.dedent(site_extra), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def reviewed_site(tmp_path_factory) -> Path:
    root = write_reviews(tmp_path_factory.mktemp("reviewed") / "tiny", """\
        reports_url: https://www.example.jp/reviews/
        successor: {name: {ja: 第2期総合戦略, en: Second strategy}, url: "https://www.example.jp/second/"}
        """)
    out = root / "build"
    build(root, out, strict=True, search=False)
    return out


def linked(page: Path, refs) -> set[Path]:
    """Every file a page links to, resolved."""
    return {(page.parent / urlsplit(u).path).resolve() for _, _, u, _ in refs.urls if urlsplit(u).path and not urlsplit(u).scheme}


def main_text(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    main = page[page.index("<main"):page.index("</main>")]
    main = re.sub(r"<svg.*?</svg>|<script.*?</script>", "", main, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_indicator_page_for_every_indicator(reviewed_site, lang):
    prefix = "" if lang == "ja" else "en/"
    listing = parse(reviewed_site / prefix / "indicators/index.html")
    for ident in INDICATORS:
        page = reviewed_site / prefix / f"indicators/{ident}/index.html"
        assert page.is_file(), page
        assert page.resolve() in linked(reviewed_site / prefix / "indicators/index.html", listing), f"no link to {ident}"
        assert parse(page).lang == lang
        assert (reviewed_site / f"charts/{lang}/indicator-{ident}.csv").resolve() in linked(page, parse(page))


def test_indicator_page_shows_value_date_grade_source_change_and_programs(reviewed_site):
    text = main_text(reviewed_site / "en/indicators/waiting/index.html")
    assert "30 children" in text and "FY2017" in text  # the latest value and its year
    assert "Childcare Division" in text  # the source of the value, on the page
    assert "On 1 April" in text and "1 April 2017" in text  # note and the day an earlier value refers to
    assert "\u221215 children" in text and "-15" not in text  # 30 − 45 since the baseline, with a real minus sign
    assert "Nursery operation" in text and "0103020201" in text  # the program behind it and its budget code
    assert "lower" in text and "https://" in text  # direction, permalink
    tfr = main_text(reviewed_site / "en/indicators/tfr/index.html")
    assert "1.18" in tfr and "Statistics not yet published" in tfr  # the latest value, and why 2017 has none


def test_review_page_has_counts_values_programs_opinions_and_changes(reviewed_site):
    text = main_text(reviewed_site / "en/reviews/2017/index.html")
    assert "Test City Strategy Committee" in text and "20 August 2018" in text
    assert "Not measured" in text and "Statistics not yet published" in text
    assert "Changes since the review of FY2016" in text
    first = main_text(reviewed_site / "en/reviews/2016/index.html")
    for words in ("Implemented", "The committee's opinion text", "Results text", "Issues text", "Overall conclusion"):
        assert words in first
    assert "https://www.example.jp/review-2016.pdf" in {u for _, _, u, _ in parse(reviewed_site / "en/reviews/2016/index.html").urls}
    assert (reviewed_site / "charts/en/review-2016.csv").is_file()


def test_overview_home_and_nav(reviewed_site):
    overview = main_text(reviewed_site / "reviews/index.html")
    assert "平成28年度" in overview and "平成29年度" in overview
    home = reviewed_site / "en/index.html"
    assert (reviewed_site / "en/reviews/2017/index.html").resolve() in linked(home, parse(home))  # the latest review
    nav = home.read_text(encoding="utf-8").split('class="site-nav"')[1].split("</nav>")[0]
    assert "reviews/index.html" in nav and "Results" in nav


def test_plan_end_is_said_with_the_successor_from_the_data_date(reviewed_site):
    """data_modified (shipped 2016-03) is before the plan ends: no notice; the successor only after the end."""
    assert "plan-ended" not in (reviewed_site / "index.html").read_text(encoding="utf-8")


def test_plan_end_notice_after_the_last_year(tmp_path):
    root = write_reviews(tmp_path / "tiny", """\
        successor: {name: {ja: 第2期総合戦略, en: Second strategy}, url: "https://www.example.jp/second/"}
        """)
    site = root / "data/site.yaml"
    site.write_text(re.sub(r'data_modified: "[^"]+"', 'data_modified: "2020-06"', site.read_text(encoding="utf-8")),
                    encoding="utf-8")
    build(root, root / "build", strict=True, search=False)
    text = main_text(root / "build/en/index.html")
    assert "This plan's period (FY2015 to FY2019) has ended." in text and "Second strategy" in text
    assert "https://www.example.jp/second/" in {u for _, _, u, _ in parse(root / "build/en/reviews/index.html").urls}


def test_grade_links_resolve_to_the_about_page(reviewed_site):
    about = {lang: parse(reviewed_site / p / "about/index.html").ids for lang, p in (("ja", ""), ("en", "en"))}
    seen = 0
    for page in html_pages(reviewed_site):
        for _, _, url, _ in parse(page).urls:
            if "about/index.html#grading-" in url:
                lang = "en" if "/en/" in str(page.relative_to(reviewed_site.parent)) else "ja"
                assert urlsplit(url).fragment in about[lang], f"{page}: {url}"
                seen += 1
    assert seen > 20


def test_every_internal_link_resolves(reviewed_site):
    checked, broken = internal_links(reviewed_site, skip=("pagefind/",))
    assert not broken, "\n".join(broken)
    assert checked > 300


# --- before any review: the shipped Kiyose site ------------------------------------------------


def test_no_review_says_so_once_and_shows_no_empty_grades(shipped_site):
    assert not (shipped_site / "reviews").exists()
    assert not list((shipped_site / "charts/ja").glob("goal-*"))  # no overview of empty tracks
    for prefix, none in (("", "未評価"), ("en/", "Not reviewed yet")):
        for page in ("", "indicators/", "goals/g1/", "indicators/nursery-waiting-list/"):
            text = (shipped_site / prefix / page / "index.html").read_text(encoding="utf-8")
            assert text.count('class="results-none"') == 1, f"{prefix}{page}"
            assert none not in text, f"{prefix}{page} repeats '{none}'"
            assert "reviews/" not in text.split('class="site-nav"')[1].split("</nav>")[0]
    kiyose = yaml.safe_load((Path(__file__).parent.parent / "data/kpi.yaml").read_text(encoding="utf-8"))
    every = [i["id"] for g in kiyose["goals"] for i in g.get("indicators") or []] + [
        k["id"] for g in kiyose["goals"] for m in g.get("measures") or [] for k in m.get("kpis") or []]
    for ident in every:
        for prefix in ("", "en/"):
            assert (shipped_site / prefix / "indicators" / ident / "index.html").is_file(), ident


def test_target_path_is_labelled_and_counts_start_at_zero(shipped_site):
    spec = (shipped_site / "charts/en/indicator-nursery-waiting-list.vl.json").read_text(encoding="utf-8")
    assert "Path to the target (plan)" in spec and "strokeDash" in spec
    assert '"domainMin": 0' in spec  # a count's axis starts at zero exactly
