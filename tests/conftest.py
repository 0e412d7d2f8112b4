"""Shared fixtures: the shipped site built once per session, and tiny projects written into tmp_path."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

from site_builder.build import build

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("data", "content", "templates", "assets")


def copy_project(dest: Path) -> Path:
    """A copy of the shipped project's inputs, safe to break in a test."""
    for part in PROJECT_PARTS:
        shutil.copytree(ROOT / part, dest / part)
    return dest


@pytest.fixture(scope="session", autouse=True)
def shared_chart_cache(tmp_path_factory):
    """One chart cache for the whole session, so the many small builds share rendered SVGs
    (a test of the cache itself points SITE_BUILDER_CACHE elsewhere with monkeypatch). Under pytest-xdist the
    workers share one: cache entries are written whole and renamed into place, so builds may share a cache."""
    previous = os.environ.get("SITE_BUILDER_CACHE")
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.getbasetemp().parent / "chart-cache"  # the run's folder, above each worker's own
        folder.mkdir(exist_ok=True)
    else:
        folder = tmp_path_factory.mktemp("chart-cache")
    os.environ["SITE_BUILDER_CACHE"] = str(folder)
    yield
    if previous is None:
        os.environ.pop("SITE_BUILDER_CACHE", None)
    else:
        os.environ["SITE_BUILDER_CACHE"] = previous


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """Messages in English whatever the machine's locale (tests of Japanese set SITE_BUILDER_LANG=ja themselves)."""
    monkeypatch.setenv("SITE_BUILDER_LANG", "en")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped data built once (strict) into a temporary folder."""
    out = tmp_path_factory.mktemp("shipped") / "build"
    build(ROOT, out, strict=True)
    return out


@pytest.fixture
def shipped_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


TINY_KPI = """\
id: tiny
title: {ja: テスト戦略, en: Test strategy}
publisher: {ja: テスト市, en: Test City}
department: {ja: 企画課, en: Planning}
issued: "2016-03"
period: {start: 2015, end: 2019}
concept: {ja: 舞台, en: Stage}
goals:
  - id: g1
    number: 1
    title: {ja: 子育て, en: Child-rearing}
    direction: {ja: 方向性, en: Direction}
    indicators:
      - id: tfr
        name: {ja: 合計特殊出生率, en: Total fertility rate}
        unit: {ja: "", en: ""}
        baseline: {value: 1.16, year: 2014, year_kind: calendar}
        target: {value: 1.23, year: 2019}
        source: {ja: 東京都, en: Tokyo}
        direction: higher
    measures:
      - id: g1-m1
        number: 1
        title: {ja: 保育, en: Childcare}
        aim: {ja: 目的, en: Aim}
        programs:
          - id: nursery
            name: {ja: 保育園運営事業, en: Nursery operation}
            sub_items:
              - {name: {ja: 家庭的保育事業, en: Home-based childcare}, status: new}
            description: {ja: 説明, en: Description}
        kpis:
          - id: waiting
            name: {ja: 保育園待機児童数, en: Children on nursery waiting lists}
            unit: {ja: 人, en: children, en_one: child}
            baseline: {value: 45}
            target: {value: 20, year: 2019}
            source: {ja: 担当課統計, en: Division statistics}
            direction: lower
budget_items:
  - programs: [nursery]
    name: {ja: 保育園運営事業費, en: Nursery operation costs}
    code: "0103020201"
"""


def write_tiny(root: Path, kpi: str = TINY_KPI) -> Path:
    """A minimal but complete project: the shipped templates, assets and settings, tiny data."""
    for part in ("templates", "assets"):
        shutil.copytree(ROOT / part, root / part)
    (root / "data").mkdir(parents=True)
    for name in ("site.yaml", "population.yaml", "survey.yaml"):
        shutil.copy(ROOT / "data" / name, root / "data" / name)
    (root / "data/kpi.yaml").write_text(textwrap.dedent(kpi), encoding="utf-8")
    for name in ("pages/about", "pages/vision", "goals/g1"):
        for lang in ("ja", "en"):
            path = root / "content" / f"{name}.{lang}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"## {name} {lang}\n\ntext\n", encoding="utf-8")
    return root


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    return write_tiny(tmp_path / "tiny")


@pytest.fixture(scope="session")
def tiny_built(tmp_path_factory) -> Path:
    """A tiny project built once, with a good site in build/: the starting point of every bad-input case
    (tests/badinput.py copies it before breaking it)."""
    from badinput import built_tiny
    return built_tiny(tmp_path_factory.mktemp("tiny-built") / "tiny")
