"""The incremental build: cached and uncached builds are byte-identical, and a change to any input redoes
exactly what it affects (specs made, SVGs rendered, pages rendered are counted, never timed)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, write_tiny

from site_builder import build as build_module
from site_builder.build import BuildSession, build
from site_builder.charts import cached as chart_cache
from site_builder.charts import work as chart_work
from site_builder.incremental.store import Store
from site_builder.render import cached_pages

REVIEW = """\
year: 2016
held: 2017-08
reviewer: {ja: 委員会, en: Committee}
indicators:
  - id: waiting
    value: 39
    source: {ja: 保育課調べ, en: Childcare Division}
"""


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Counts:
    """What a build did: chart specs made, SVGs rendered (their specs), pages rendered."""

    def __init__(self, monkeypatch):
        self.specs: list[str] = []
        self.charts: list[str] = []  # "lang/id" of each spec made
        self.svgs: list[str] = []
        real_make, real_render = chart_work.make_spec, chart_work.render_svg

        def make(name, args):
            self.specs.append(f"{name} {next(a for a in args if a in ('ja', 'en'))}")
            chart = real_make(name, args)
            self.charts.append(f"{chart.lang}/{chart.id}")
            return chart

        def render(text, *faces):
            self.svgs.append(text)
            return real_render(text, *faces)

        monkeypatch.setattr(chart_work, "SERIAL_BELOW", 10**9)  # in this process, where they are counted
        monkeypatch.setattr(chart_work, "make_spec", make)
        monkeypatch.setattr(chart_work, "render_svg", render)


@pytest.fixture(scope="module")
def cold(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes]]:
    """The tiny project (with a review) built once with an empty cache: (project, cache, site)."""
    base = tmp_path_factory.mktemp("cold")
    root = write_tiny(base / "tiny")
    (root / "data/reviews").mkdir()
    (root / "data/reviews/2016.yaml").write_text(REVIEW, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_BUILDER_CACHE", str(base / "cache"))
        report = build(root, base / "site", strict=True)
    assert not report.reused and report.rendered == 2 * report.pages  # nothing came from a cache
    return root, base / "cache", tree(base / "site")


@pytest.fixture
def cache(tmp_path, monkeypatch, cold) -> Path:
    """A copy of the cold build's cache, this test's own."""
    folder = tmp_path / "cache"
    shutil.copytree(cold[1], folder)
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(folder))
    return folder


@pytest.fixture
def project(tmp_path, cold) -> Path:
    return Path(shutil.copytree(cold[0], tmp_path / "tiny"))


@pytest.fixture
def built(project, cache, cold, tmp_path) -> tuple[Path, dict[str, bytes]]:
    """A copy of the tiny project built once through the cold build's cache: (project, its site)."""
    build(project, tmp_path / "first", strict=True)
    assert tree(tmp_path / "first") == cold[2]  # a build from a full cache equals one from an empty cache
    return project, cold[2]


# --- the same bytes, cached or not ----------------------------------------------------------------


def test_a_build_from_a_full_cache_equals_a_build_from_an_empty_one(built, tmp_path, monkeypatch):
    project, first = built
    counts = Counts(monkeypatch)
    report = build(project, tmp_path / "second", strict=True)
    assert tree(tmp_path / "second") == first
    assert counts.specs == [] and counts.svgs == [] and report.rendered == 0


def test_nothing_changed_writes_nothing(built, tmp_path, monkeypatch):
    project, first = built
    monkeypatch.setattr(build_module, "make_site", lambda *a, **k: pytest.fail("built although nothing changed"))
    report = build(project, tmp_path / "first", strict=True)
    assert report.reused and report.files == len(first) - 1  # the writer's marker is no file of the site
    assert tree(tmp_path / "first") == first


def test_an_output_changed_by_hand_is_built_again(built, tmp_path):
    project, first = built
    (tmp_path / "first/index.html").write_text("mine", encoding="utf-8")
    assert not build(project, tmp_path / "first").reused
    assert tree(tmp_path / "first") == first


def test_a_deleted_cache_is_harmless(built, cache, tmp_path):
    project, first = built
    shutil.rmtree(cache)
    build(project, tmp_path / "first")
    assert tree(tmp_path / "first") == first


def test_a_corrupt_cache_entry_is_never_served(built, cache, cold, tmp_path, monkeypatch):
    project, first = built
    # the chart font's faces are checked otherwise (tests/test_chart_fonts.py)
    entries = [p for p in cache.rglob("*") if p.is_file() and "fonts" not in p.relative_to(cache).parts]
    assert {p.parent.name for p in entries} >= {"specs", "svg", "pages", "search", "builds", "jinja"}
    for path in entries:  # the same length, one byte changed: only the checksum can tell
        data = bytearray(path.read_bytes())
        data[-2] = (data[-2] + 1) % 256
        path.write_bytes(bytes(data))
    counts = Counts(monkeypatch)
    build(project, tmp_path / "second")
    assert tree(tmp_path / "second") == first
    assert counts.specs and counts.svgs  # made again, not served
    made = [p for p in entries if p.parent.name != "builds"]  # a build's record is by its output folder: not this one
    # compiled templates are named by the template's path: those the cold build left are another project folder's
    made = [p for p in made if not (p.parent.name == "jinja" and (cold[1] / "jinja" / p.name).exists())]
    assert [p for p in made if Store(p.parent).get(p.name) is None] == []  # and rewritten whole


def test_cache_entries_are_written_whole_or_not_at_all(tmp_path, monkeypatch):
    store = Store(tmp_path)
    store.put("a.json", b"first")

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    store.put("a.json", b"second")
    store.put("b.json", b"other")
    assert store.get("a.json") == b"first" and store.get("b.json") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]  # no temporary file left behind


# --- a change redoes what it affects, nothing else -------------------------------------------------


def test_a_session_rebuild_equals_a_fresh_build(project, cache, tmp_path, monkeypatch):
    session = BuildSession(project)
    build(project, tmp_path / "live", session=session)
    edit(project / "content/goals/g1.ja.md", "text", "新しい文")
    edit(project / "data/reviews/2016.yaml", "value: 39", "value: 35")
    report = build(project, tmp_path / "live", session=session)
    assert "goals/g1/index.html" in report.changed and "about/index.html" not in report.changed
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "fresh-cache"))
    build(project, tmp_path / "fresh")
    assert tree(tmp_path / "live") == tree(tmp_path / "fresh")


def test_a_session_rebuild_after_a_narrative_keeps_the_charts_warnings(project, cache, tmp_path):
    """A Markdown edit reuses the session's charts: a UI string they asked for in vain is still reported."""
    for lang in ("ja", "en"):
        path = project / f"templates/locales/{lang}.yaml"
        path.write_text(re.sub(r"(?m)^chart\.baseline: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    missing = "templates/locales/en.yaml: UI string 'chart.baseline' is missing: add it"
    session = BuildSession(project)
    assert missing in build(project, tmp_path / "live", session=session).warnings
    edit(project / "content/goals/g1.ja.md", "text", "新しい文")
    report = build(project, tmp_path / "live", session=session)
    assert "goals/g1/index.html" in report.changed and missing in report.warnings


def test_a_narrative_rerenders_its_page_and_no_chart(built, tmp_path, monkeypatch):
    project, first = built
    edit(project / "content/goals/g1.ja.md", "text", "新しい文")
    counts = Counts(monkeypatch)
    report = build(project, tmp_path / "second")
    assert counts.specs == [] and counts.svgs == []
    assert 1 <= report.rendered < report.pages
    site = tree(tmp_path / "second")
    assert "新しい文".encode() in site["goals/g1/index.html"]


def test_a_template_rerenders_pages_and_no_chart(built, tmp_path, monkeypatch):
    project, first = built
    edit(project / "templates/base.html", "</body>", "<!-- changed --></body>")
    counts = Counts(monkeypatch)
    report = build(project, tmp_path / "second")
    assert counts.specs == [] and counts.svgs == []
    assert report.rendered == 2 * report.pages
    assert b"<!-- changed -->" in tree(tmp_path / "second")["index.html"]


def test_an_asset_rerenders_nothing(built, tmp_path, monkeypatch):
    project, first = built
    (project / "assets/style.css").write_text("body { color: black }\n", encoding="utf-8")
    counts = Counts(monkeypatch)
    report = build(project, tmp_path / "second")
    assert counts.specs == [] and counts.svgs == [] and report.rendered == 0
    site = tree(tmp_path / "second")
    assert site["assets/style.css"] == b"body { color: black }\n"
    assert {p for p in site if site[p] != first.get(p)} == {"assets/style.css"}


def test_a_value_rerenders_only_its_charts(built, tmp_path, monkeypatch):
    project, first = built
    edit(project / "data/reviews/2016.yaml", "value: 39", "value: 35")
    counts = Counts(monkeypatch)
    build(project, tmp_path / "second")
    assert not any(name.startswith(("vital", "fertility", "survey")) for name in counts.specs)
    # drawn again: exactly the charts whose spec changed (the indicator's, its goal's overview, the review's
    # grade counts, in both languages), nothing else
    second = tree(tmp_path / "second")
    changed = sorted(p for p in second if p.endswith(".vl.json") and second[p] != first[p])
    assert [p.rsplit("/", 1)[1] for p in changed] == ["goal-g1.vl.json", "indicator-waiting.vl.json", "review-2016.vl.json"] * 2
    assert len(counts.svgs) == len(changed)


# the pages that show the nursery waiting list: its goal, the lists, its own page, the review that grades it, the open data
SHOW_WAITING = {"goals/g1/", "indicators/", "indicators/waiting/", "reviews/2016/", "data/"}


@pytest.mark.parametrize("path, old, new, shown", [
    ("data/reviews/2016.yaml", "value: 39", "value: 35", SHOW_WAITING | {"", "reviews/"}),  # + the grade counts
    ("data/kpi.yaml", "baseline: {value: 45}", "baseline: {value: 46}", SHOW_WAITING),
    ("data/kpi.yaml", "ja: 保育園待機児童数", "ja: 保育所の待機児童数", SHOW_WAITING),
])
def test_a_data_edit_rerenders_only_the_pages_that_show_it(built, tmp_path, monkeypatch, path, old, new, shown):
    """Pages name other goals, measures and the strategy by their headings only, so an edit re-renders the pages
    that show what changed (both languages: a page's context holds both), not every page."""
    project, first = built
    rendered: set[str] = set()
    real = cached_pages.PageRenderer.page

    def page(self, parts, render):
        def spy(*args):
            rendered.add(parts[0].key)
            return render(*args)
        return real(self, parts, spy)

    monkeypatch.setattr(cached_pages.PageRenderer, "page", page)
    edit(project / path, old, new)
    build(project, tmp_path / "second", strict=True)
    second = tree(tmp_path / "second")
    changed = {p.removeprefix("en/").removesuffix("index.html") for p in second
               if p.endswith(".html") and second[p] != first[p]}
    assert changed <= rendered == shown  # (the review's page shows no baseline, but the grade it shows uses it)


def test_a_baseline_remakes_only_the_charts_that_draw_it(built, tmp_path, monkeypatch):
    """A chart is keyed by what it draws, not by the whole goal: the goal's other indicator is not made again."""
    project, first = built
    edit(project / "data/kpi.yaml", "baseline: {value: 45}", "baseline: {value: 46}")
    counts = Counts(monkeypatch)
    build(project, tmp_path / "second", strict=True)
    # the indicator's chart and its goal's overview (which plots its attainment), in both languages
    assert sorted(counts.charts) == ["en/goal-g1", "en/indicator-waiting", "ja/goal-g1", "ja/indicator-waiting"]
    second = tree(tmp_path / "second")
    assert second["charts/en/indicator-waiting.vl.json"] != first["charts/en/indicator-waiting.vl.json"]
    assert second["charts/en/review-2016.vl.json"] == first["charts/en/review-2016.vl.json"]  # the same grade counts
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "empty-cache"))
    build(project, tmp_path / "cold", strict=True)
    assert tree(tmp_path / "cold") == second  # the same bytes as a build of the changed project from nothing


def test_charts_made_in_worker_processes_equal_charts_made_here(project, tmp_path, monkeypatch):
    """A cold build makes every spec and SVG in worker processes, none in this one; the site is the same bytes
    as when they are all made here, and a UI string a worker found missing is reported all the same."""
    for lang in ("ja", "en"):  # a string only the goal overview reads: reported only if the workers tell what they read
        path = project / f"templates/locales/{lang}.yaml"
        path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.startswith("chart.attainment_axis:")), encoding="utf-8")
    missing = "templates/locales/en.yaml: UI string 'chart.attainment_axis' is missing: add it"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITE_BUILDER_CACHE", str(tmp_path / "pool-cache"))
        mp.setattr(chart_work, "SERIAL_BELOW", 1)
        mp.setattr(chart_work, "make_spec", lambda *a: pytest.fail("a spec was made in the main process"))
        mp.setattr(chart_work, "render_svg", lambda *a: pytest.fail("an SVG was rendered in the main process"))
        pooled = build(project, tmp_path / "pooled")
    counts = Counts(monkeypatch)  # in this process, one chart after the other
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "serial-cache"))
    serial = build(project, tmp_path / "serial")
    assert counts.specs and counts.svgs
    assert tree(tmp_path / "pooled") == tree(tmp_path / "serial")
    assert missing in pooled.warnings and pooled.warnings == serial.warnings
    assert sorted(p.name for p in (tmp_path / "pool-cache/specs").iterdir()) == \
        sorted(p.name for p in (tmp_path / "serial-cache/specs").iterdir())


def test_a_locale_string_remakes_the_charts_that_use_it(built, tmp_path, monkeypatch):
    project, first = built
    edit(project / "templates/locales/en.yaml", "\nchart.baseline: Baseline\n", "\nchart.baseline: Starting point\n")
    counts = Counts(monkeypatch)
    report = build(project, tmp_path / "second")
    # the charts that say "Baseline" (the two indicators', the goal's overview), in English only
    assert sorted(counts.specs) == ["goal_chart en", "indicator_chart en", "indicator_chart en"]
    assert counts.svgs and any("Starting point" in svg for svg in counts.svgs)
    assert 0 < report.rendered < 2 * report.pages


@pytest.mark.parametrize("constant", ["RENDERER", "FONTS"], ids=["renderer-version", "fonts"])
def test_the_renderer_or_the_fonts_rerender_every_svg_and_no_spec(built, tmp_path, monkeypatch, constant):
    project, first = built
    monkeypatch.setattr(chart_work, constant, getattr(chart_work, constant) + " (changed)")
    counts = Counts(monkeypatch)
    build(project, tmp_path / "second")
    assert counts.specs == []
    assert len(counts.svgs) == len([p for p in first if p.endswith(".vl.json")])


def test_the_chart_code_remakes_every_spec(built, tmp_path, monkeypatch):
    project, first = built
    monkeypatch.setattr(chart_cache, "code_version", lambda: "another version of the chart code")
    counts = Counts(monkeypatch)
    build(project, tmp_path / "second")
    assert len(counts.specs) == len([p for p in first if p.endswith(".vl.json")])
    assert counts.svgs == []  # the same specs: their SVGs are still good
    assert tree(tmp_path / "second") == first


def test_a_check_renders_no_svg_and_writes_nothing(project, cache, monkeypatch):
    monkeypatch.setattr(chart_work, "SERIAL_BELOW", 10**9)
    monkeypatch.setattr(chart_work, "render_svg", lambda *a: pytest.fail("an SVG was rendered by a check"))
    before = tree(project)
    report = build(project, None)
    assert report.checked and report.files > 0 and tree(project) == before


def test_the_recipes_are_the_charts_all_charts_makes():
    """charts.cached lists the charts without the chart code; it must list what specs.all_charts makes."""
    from site_builder.charts.specs import all_charts
    from site_builder.derive.facts import derive
    from site_builder.load.inputs import load_inputs
    from site_builder.load.models import LANGS

    for root in (ROOT, ROOT / "examples/sample-city"):
        inputs = load_inputs(root)
        derived = derive(inputs)
        for lang in LANGS:
            made = [chart_work.make_spec(name, tuple(inputs.catalogue if a is chart_cache.CATALOGUE else a for a in args))
                    for name, args in chart_cache.recipes(inputs, derived, lang)]
            assert made == all_charts(derived.indicators, inputs.strategy.goals, inputs.population, inputs.survey,
                                      inputs.catalogue, lang, inputs.strategy.period.start, inputs.strategy.numbering,
                                      derived.reviews, derived.rule)
