"""The accessibility policy page renders data/accessibility-results.yaml (written by the browser
tests), says so when there is none, and a broken file is a data error with its line."""

from __future__ import annotations

import textwrap

import pytest

from site_builder.build import build
from site_builder.errors import DataError

RESULTS = """\
tested_at: '2026-01-15T09:30:00Z'
tools: {axe_core: 4.12.1, playwright: 1.65.2, browser: Chromium 156.0.8078.108}
tags: [wcag2a, wcag2aa, wcag21a, wcag21aa]
pages:
  - {path: index.html, lang: ja, violations: 0, incomplete: 1, passed: 28}
  - {path: en/goals/g1/index.html, lang: en, violations: 2, incomplete: 0, passed: 26, failed_rules: [color-contrast, list]}
checks:
  - {id: axe, tests: 2, passed: 1}
  - {id: keyboard, tests: 4, passed: 4}
"""


def page(out, lang="ja"):
    return (out / ("" if lang == "ja" else "en/") / "accessibility/index.html").read_text(encoding="utf-8")


def test_without_results_the_page_says_none_were_recorded(tiny_project, tmp_path):
    build(tiny_project, tmp_path / "out", strict=True, search=False)
    assert "試験結果はまだ記録されていません。" in page(tmp_path / "out")
    assert "No test results have been recorded yet." in page(tmp_path / "out", "en")
    assert "JIS X 8341-3:2016 AA" in page(tmp_path / "out")


def test_results_are_rendered_as_recorded(tiny_project, tmp_path):
    (tiny_project / "data/accessibility-results.yaml").write_text(RESULTS, encoding="utf-8")
    build(tiny_project, tmp_path / "out", strict=True, search=False)
    ja, en = page(tmp_path / "out"), page(tmp_path / "out", "en")
    assert '<time datetime="2026-01-15T09:30:00Z" data-testid="a11y-date">2026-01-15</time>' in ja
    assert "2件（2ページ中 1ページで違反なし）" in ja
    assert "2 (1 of 2 pages without any violation)" in en
    assert "axe-core 4.12.1, Playwright 1.65.2, Chromium 156.0.8078.108" in en
    assert '<tr data-check="axe"><th scope="row">Automated checks (axe-core)</th><td>2</td><td>1</td><td>Fail</td></tr>' in en
    assert '<a href="../en/goals/g1/index.html" hreflang="en">/en/goals/g1/</a>' in ja
    assert '<td>2 <span class="note">(color-contrast, list)</span></td>' in ja


def test_a_broken_results_file_is_a_data_error_with_its_line(tiny_project):
    broken = RESULTS.replace("violations: 2", "violations: two")
    (tiny_project / "data/accessibility-results.yaml").write_text(textwrap.dedent(broken), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build(tiny_project, None)
    assert any(str(p).startswith("data/accessibility-results.yaml:6:") for p in caught.value.problems)
