"""End-to-end builds: tiny fixture and shipped site; links, twins, hosts, atomicity, determinism."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from badinput import line_of
from conftest import ROOT, TINY_KPI
from sitecheck import html_pages, internal_links, parse

from site_builder.__main__ import main
from site_builder.build import build
from site_builder.errors import DataError, StrictError
from site_builder.load.inputs import load_inputs
from site_builder.writer import Output


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_tiny_site_builds_both_languages(tiny_project, tmp_path):
    out = tmp_path / "out"
    report = build(tiny_project, out, strict=True)
    assert report.warnings == [] and report.languages == 2
    home_ja = (out / "index.html").read_text(encoding="utf-8")
    home_en = (out / "en/index.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in home_ja and '<html lang="en">' in home_en
    goal = (out / "goals/g1/index.html").read_text(encoding="utf-8")
    assert "1.16" in goal and "平成26年（2014年）" in goal and "平成31年度（2019年度）" in goal
    assert "基準値なし" not in goal  # both tiny indicators have baselines
    assert "年の記載なし" in goal  # the KPI's baseline year is not stated and is not invented
    assert "家庭的保育事業" in goal and 'badge-new' in goal
    en_goal = (out / "en/goals/g1/index.html").read_text(encoding="utf-8")
    assert "45 children" in en_goal and "FY2019" in en_goal and "year not stated" in en_goal


def test_missing_english_falls_back_marked_japanese(tiny_project, tmp_path):
    kpi = TINY_KPI.replace("title: {ja: 保育, en: Childcare}", "title: {ja: 保育}")
    (tiny_project / "data/kpi.yaml").write_text(kpi, encoding="utf-8")
    report = build(tiny_project, tmp_path / "out")
    line = kpi.split("\n").index("        title: {ja: 保育}") + 1  # the warning says where the text is
    assert report.warnings == [f"data/kpi.yaml:{line}:16: no English text for 「保育」: add en: to it "
                               "(English pages show the Japanese meanwhile)"]
    assert '<span lang="ja">保育</span>' in (tmp_path / "out/en/goals/g1/index.html").read_text(encoding="utf-8")
    with pytest.raises(StrictError):
        build(tiny_project, tmp_path / "strict", strict=True)
    assert not (tmp_path / "strict").exists()


def test_missing_ui_string_fails_strict(tiny_project, tmp_path):
    path = tiny_project / "templates/locales/en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("nav.skip: Skip to main content\n", ""), encoding="utf-8")
    with pytest.raises(StrictError) as info:
        build(tiny_project, None, strict=True)
    line = line_of(tiny_project / "templates/locales/ja.yaml", "nav.skip:")
    assert (f"templates/locales/ja.yaml:{line}:1: UI string 'nav.skip' is missing in templates/locales/en.yaml: "
            "add it there too") in info.value.warnings


def test_failed_build_leaves_previous_build_untouched(tiny_project, tmp_path):
    out = tmp_path / "out"
    build(tiny_project, out)
    before = digest(out)
    (tiny_project / "data/kpi.yaml").write_text(TINY_KPI.replace("direction: lower", "direction: down"), encoding="utf-8")
    with pytest.raises(DataError):
        build(tiny_project, out)
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tiny"]  # no staging folder left behind


def test_cli_exit_codes_and_messages(tiny_project, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--root", str(tiny_project), "build", "--out", str(out), "--strict"]) == 0
    assert "pages × 2 languages" in capsys.readouterr().out
    (tiny_project / "data/kpi.yaml").write_text(TINY_KPI.replace("direction: lower", "direction: down"), encoding="utf-8")
    assert main(["--root", str(tiny_project), "check"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"error: data/kpi\.yaml:\d+:\d+: goals\[0\]\.measures\[0\]\.kpis\[0\]\.direction: 'down'", err)
    assert "Traceback" not in err and "previous build is unchanged" in err
    with pytest.raises(SystemExit) as info:
        main(["build", "--no-such-flag"])
    assert info.value.code == 2


def test_build_refuses_to_replace_project_folders(tiny_project, capsys):
    assert main(["--root", str(tiny_project), "build", "--out", str(tiny_project / "data")]) == 1
    assert (tiny_project / "data/kpi.yaml").exists()
    assert main(["--root", str(tiny_project), "build", "--out", str(tiny_project)]) == 1
    assert "refusing to write the site" in capsys.readouterr().err


def test_output_refuses_unsafe_paths_and_double_writes():
    output = Output()
    output.add("a/index.html", "x")
    for bad in ("../x.html", "/etc/x", "a/../../x", ""):
        with pytest.raises(ValueError):
            output.add(bad, "x")
    with pytest.raises(ValueError):
        output.add("a/index.html", "y")


def test_same_input_gives_identical_output(tiny_project, tmp_path):
    build(tiny_project, tmp_path / "one")
    build(tiny_project, tmp_path / "two")
    assert digest(tmp_path / "one") == digest(tmp_path / "two")


# --- the shipped site ------------------------------------------------------------------------------

def test_every_page_has_its_twin_with_reciprocal_hreflang(shipped_site):
    pages = [p.relative_to(shipped_site).as_posix() for p in html_pages(shipped_site)]
    ja = {p for p in pages if not p.startswith("en/") and "/" in p or p in ("index.html", "404.html")}
    ja = {p for p in ja if not p.startswith(("pagefind/", "charts/", "data/")) or p.endswith("index.html")}
    assert len(ja) >= 15
    for page in sorted(ja):
        twin = shipped_site / "en" / page
        assert twin.exists(), f"{page} has no English twin"
        if page == "404.html":
            continue
        ja_refs, en_refs = parse(shipped_site / page), parse(twin)
        assert ja_refs.lang == "ja" and en_refs.lang == "en"
        assert ja_refs.hreflangs["en"] == en_refs.hreflangs["en"] and ja_refs.hreflangs["ja"] == en_refs.hreflangs["ja"]


def test_every_internal_link_resolves(shipped_site):
    checked, broken = internal_links(shipped_site)
    assert not broken, "\n".join(broken)
    assert checked > 1000


def outside_links_the_data_names(root: Path) -> set[str]:
    """The licence, the publisher, the city's review reports, the successor plan, each review's report."""
    inputs = load_inputs(root)
    site = inputs.site
    return {site.licence.url, site.publisher_url, site.reports_url, site.successor.url if site.successor else None,
            *(review.report_url for review in inputs.reviews)} - {None}


def assert_nothing_from_another_host(built: Path, root: Path) -> set[str]:
    """Nothing is loaded from another host; the only outside URLs are plain links the data names, and the
    site's own public address in canonical/alternate links (for search engines). Returns the links seen."""
    allowed_links, base_url, seen = outside_links_the_data_names(root), load_inputs(root).site.base_url, set()
    for page in html_pages(built):
        for tag, attr, url, attrs in parse(page).urls:
            if not (urlsplit(url).scheme or url.startswith("//")):
                continue
            if tag == "a":
                assert url in allowed_links or url.startswith("mailto:"), f"{page}: link to {url}"
                seen.add(url)
            elif tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                assert url.startswith(base_url), f"{page}: {url}"
            else:
                pytest.fail(f"{page.relative_to(built)}: {tag}[{attr}] loads {url} from another host")
    for path in built.rglob("*"):
        if path.suffix in (".css", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), f"{path} loads from another host"
    return seen


def test_no_request_to_another_host(shipped_site):
    assert_nothing_from_another_host(shipped_site, ROOT)


@pytest.mark.parametrize("reviewed", [False, True], ids=["no-review-links-the-city-reports", "plan-ended-links-successor"])
def test_links_the_data_configures_are_allowed(tiny_project, tmp_path, reviewed):
    """Fixture data: the city's reports page (shown while nothing is published), a review's report and the
    successor plan (shown once a review of the plan's last year exists) are the outside links the data adds."""
    with (tiny_project / "data/site.yaml").open("a", encoding="utf-8") as f:
        f.write("reports_url: https://city.example.jp/reviews\n"
                "successor: {name: {ja: 第2期戦略, en: Second strategy}, url: https://city.example.jp/second}\n")
    if reviewed:
        (tiny_project / "data/reviews").mkdir()
        (tiny_project / "data/reviews/2019.yaml").write_text(
            "year: 2019\nheld: 2020-08\nreviewer: {ja: 推進委員会, en: Promotion Committee}\n"
            "report_url: https://city.example.jp/review-2019.pdf\n"
            "indicators:\n  - {id: waiting, value: 22, source: {ja: 担当課, en: Division statistics}}\n", encoding="utf-8")
    build(tiny_project, tmp_path / "out", strict=True)
    seen = assert_nothing_from_another_host(tmp_path / "out", tiny_project)
    expected = ({"https://city.example.jp/review-2019.pdf", "https://city.example.jp/second"} if reviewed
                else {"https://city.example.jp/reviews"})
    assert expected <= seen <= outside_links_the_data_names(tiny_project)


def test_404_page_links_from_the_site_root(shipped_site):
    root_path = urlsplit(load_inputs(ROOT).site.base_url).path  # "/strategy/"
    html = (shipped_site / "404.html").read_text(encoding="utf-8")
    assert f'href="{root_path}assets/style.css"' in html


def test_compiled_templates_are_kept_and_a_damaged_one_is_harmless(tiny_project, tmp_path, monkeypatch):
    """Jinja's compiled templates are kept in the cache for the next process; a damaged file is compiled again."""
    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "cache"))
    build(tiny_project, tmp_path / "first")
    kept = sorted((tmp_path / "cache/jinja").iterdir())
    assert kept and all(p.stat().st_size > 0 for p in kept)
    for path in kept:
        path.write_bytes(b"\x00not bytecode")
    shutil.rmtree(tmp_path / "cache/pages")  # so every page is rendered again, from the templates
    build(tiny_project, tmp_path / "second")  # another output folder: a full build, not the record of the first
    assert digest(tmp_path / "second") == digest(tmp_path / "first")
    assert all(p.read_bytes() != b"\x00not bytecode" for p in kept)  # written again, whole


def test_a_template_link_to_a_page_the_site_lacks_is_warned_at_its_template_line(tiny_project, tmp_path):
    path = tiny_project / "templates/404.html"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "<ul>\n", "<ul>\n  <li><a href=\"{{ h.url('budget-old/') }}\">old</a></li>\n"), encoding="utf-8")
    report = build(tiny_project, tmp_path / "out")
    line = line_of(path, "budget-old/")
    found = [w for w in report.warnings if "budget-old/" in w]
    assert found and all(w.startswith(f"templates/404.html:{line}: page '404.html' links to 'budget-old/'") for w in found)
