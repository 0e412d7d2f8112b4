"""Markdown narrative → HTML (pure): ids that cannot stand in for the page's, links and images made
relative to the page, and every removal reported with the line of the Markdown file it came from."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from site_builder.load.markup import ID_PREFIX, ROOT, content_images, parse_narrative, render_markdown
from site_builder.load.markup_scan import mask_literals

SHOWN = "content/goals/g1.en.md"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32  # the signature is what the builder checks


def parse(text: str, content: Path | None = None, figures=("fertility", "vital-statistics")):
    return parse_narrative(text, SHOWN, content, figures)


def html_of(text: str, root: str = "") -> str:
    narrative, problems, _ = parse(text)
    assert problems == []
    return "".join(str(p.at(root)) for p in narrative.parts if not p.figure)


def located(problems) -> list[tuple[int | None, int | None, str]]:
    return [(p.line, p.col, p.message) for p in problems]


def line_in(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


# --- ids and anchors ----------------------------------------------------------------------------


def test_every_id_is_prefixed_and_the_texts_own_anchor_links_follow():
    html = html_of("## Background\n\nSee [the background](#background) and [the page's indicators](#strategic).\n\n"
                   '<span id="chart-goal-g1-spec">{"spec": {}}</span>\n')
    assert f'<h2 id="{ID_PREFIX}background">Background</h2>' in html
    assert f'href="#{ID_PREFIX}background"' in html
    assert 'href="#strategic"' in html  # a section of the page, not of the text: unchanged
    assert f'id="{ID_PREFIX}chart-goal-g1-spec"' in html
    assert re.findall(r'\bid="([^"]*)"', html) == [f"{ID_PREFIX}background", f"{ID_PREFIX}chart-goal-g1-spec"]


def test_a_heading_named_like_a_page_element_cannot_take_its_id():
    html = html_of("## chart-goal-g1-spec\n\n## narrative\n")
    assert 'id="chart-goal-g1-spec"' not in html and 'id="narrative"' not in html
    assert f'id="{ID_PREFIX}chart-goal-g1-spec"' in html and f'id="{ID_PREFIX}narrative"' in html


def test_the_same_heading_in_two_parts_around_a_figure_gets_two_ids():
    narrative, problems, _ = parse("## Notes\n\none\n\n[[figure:fertility]]\n\n## Notes\n\ntwo\n")
    assert problems == []
    ids = re.findall(r'\bid="([^"]*)"', "".join(str(p.html) for p in narrative.parts))
    assert ids == [f"{ID_PREFIX}notes", f"{ID_PREFIX}notes-2"]


# --- links from the site's root -------------------------------------------------------------------


@pytest.mark.parametrize(("written", "page", "expected"), [
    ("/budget/", "goals/g1/index.html", "budget/index.html"),
    ("/budget/", "en/goals/g1/index.html", "budget/index.html"),
    ("/en/data/#downloads", "about/index.html", "en/data/index.html#downloads"),
    ("/", "en/vision/index.html", "index.html"),
    ("/data/goals.csv", "goals/g2/index.html", "data/goals.csv"),
])
def test_links_from_the_site_root_work_under_a_sub_path(written, page, expected):
    root = "../" * page.count("/")
    html = html_of(f"[there]({written})\n", root)
    href = re.search(r'href="([^"]*)"', html)[1]
    assert ROOT not in html and not href.startswith("/")
    for site in ("https://example.org/", "https://example.org/city/strategy/", "file:///home/staff/build/"):
        assert urljoin(site + page, href) == site + expected


def test_links_elsewhere_are_untouched():
    html = html_of("[a](https://www.city.kiyose.lg.jp/) [b](mailto:kikaku@example.org) [c](../data/) [d](//example.org/x)\n")
    for href in ("https://www.city.kiyose.lg.jp/", "mailto:kikaku@example.org", "../data/", "//example.org/x"):
        assert f'href="{href}"' in html


def test_the_builders_marker_cannot_be_forged_from_the_text():
    narrative, _, warnings = parse(f"[x]({ROOT}evil/)\n\nplain {ROOT} text\n")
    html = "".join(str(p.at("../")) for p in narrative.parts)
    assert ROOT not in html and "../evil" not in html
    assert [(w.line, w.col) for w in warnings] == [(1, 5), (3, 7)]


# --- what is removed, and where it was ---------------------------------------------------------


def test_raw_html_is_removed_with_a_warning_at_its_line():
    text = ("## Title\n\n<script>alert('x')</script>\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n"
            '<p onclick="alert(1)" style="color:red">click me</p>\n\n<a href="javascript:alert(1)">raw link</a>\n\n'
            "[md link](javascript:alert(2))\n")
    narrative, problems, warnings = parse(text)
    html = str(narrative.parts[0].html)
    assert problems == []
    got = {w.line: w.message for w in warnings}
    assert "<script>" in got[line_in(text, "<script>")] and "with its content" in got[line_in(text, "<script>")]
    assert "<iframe>" in got[line_in(text, "<iframe")]
    assert "onclick=, style=" in got[line_in(text, "onclick")]
    assert "javascript:alert(1)" in got[line_in(text, "raw link")]
    assert "javascript:alert(2)" in got[line_in(text, "md link")]
    assert all(w.col is not None for w in warnings)
    for gone in ("alert", "evil.example", "onclick", "style=", "javascript"):
        assert gone not in html
    assert "click me" in html and "raw link" in html and "md link" in html


@pytest.mark.parametrize("tag", ["style", "script"])
def test_an_unclosed_style_or_script_keeps_the_rest_of_the_text(tag):
    text = f"Before.\n\n<{tag}>\nbody {{ display: none }}\n\n## After\n\nStill here, *in Markdown*.\n"
    narrative, _, warnings = parse(text)
    html = str(narrative.parts[0].html)
    assert f'<h2 id="{ID_PREFIX}after">After</h2>' in html and "Still here, <em>in Markdown</em>." in html
    assert [(w.line, w.col) for w in warnings] == [(3, 1)] and f"unclosed <{tag}>" in warnings[0].message


def test_an_unclosed_block_tag_does_not_turn_the_rest_into_raw_html():
    narrative, _, warnings = parse("<div>\n\n## After\n\n*still Markdown*\n")
    html = str(narrative.parts[0].html)
    assert f'<h2 id="{ID_PREFIX}after">After</h2>' in html and "<em>still Markdown</em>" in html
    assert located(warnings)[0][:2] == (1, 1)


def test_html_shown_as_code_is_text_and_no_warning():
    text = "Write `<script>` or ``<style onload=x>`` in code.\n\n    <iframe src=x></iframe>\n\nend\n"
    narrative, _, warnings = parse(text)
    html = str(narrative.parts[0].html)
    assert warnings == []
    assert "<code>&lt;script&gt;</code>" in html and "&lt;iframe src=x&gt;&lt;/iframe&gt;" in html
    assert mask_literals(text).count("\n") == text.count("\n") and len(mask_literals(text)) == len(text)


def test_a_comment_is_a_note_for_editors_and_silently_left_out():
    narrative, _, warnings = parse("Shown.\n\n<!-- 担当: 企画課 -->\n")
    assert warnings == [] and "企画課" not in str(narrative.parts[0].html)


def test_a_narrative_cannot_place_a_charts_svg():
    """A page marks where a chart's SVG goes with a comment the builder fills in (charts/render.py): a narrative's
    comment never survives, so it cannot make the builder put a chart, or anything, where it likes."""
    narrative, _, _ = parse("Text.\n\n<!--site-builder:svg ja/vital-statistics-->\n")
    assert "site-builder:svg" not in str(narrative.parts[0].html)


def test_a_level_one_heading_becomes_level_two_with_a_warning():
    text = "Intro.\n\n# Big title\n\nText.\n\nSetext title\n============\n"
    narrative, _, warnings = parse(text)
    html = str(narrative.parts[0].html)
    assert "<h1" not in html and html.count("<h2") == 2
    assert [w.line for w in warnings] == [3, 7] and all("'##'" in w.message for w in warnings)


def test_invisible_characters_are_removed_with_line_and_column():
    text = "ok line\nbell\x07here\nabc \u202eevil\u202c\n"
    narrative, _, warnings = parse(text)
    html = str(narrative.parts[0].html)
    assert "\x07" not in html and "\u202e" not in html and "bellhere" in html
    assert [(w.line, w.col) for w in warnings] == [(2, 5), (3, 5)]
    assert "U+0007" in warnings[0].message and "U+202E" in warnings[1].message and "order" in warnings[1].message


def test_an_empty_file_is_a_warning():
    for text in ("", "\n  \n"):
        narrative, problems, warnings = parse(text)
        assert narrative.parts == () and problems == []
        assert [(w.line, "empty" in w.message) for w in warnings] == [(1, True)]


def test_ordered_lists_keep_their_first_number():
    assert '<ol start="3">' in html_of("3. three\n4. four\n")


# --- figures ----------------------------------------------------------------------------------


def test_figure_lines_split_the_text():
    narrative, problems, _ = parse("Before.\n\n[[figure:fertility]]\n\nAfter.\n")
    assert problems == [] and narrative.figures() == ["fertility"]
    assert [bool(p.figure) for p in narrative.parts] == [False, True, False]


@pytest.mark.parametrize(("line", "says"), [
    ("[[figure:fertilty]]", "did you mean 'fertility'?"),
    ("[[figure: fertility]]", "not a figure line"),
    ("[[Figure:fertility]]", "not a figure line"),
])
def test_a_wrong_figure_line_is_an_error_at_its_line(line, says):
    text = f"Text.\n\n{line}\n"
    _, problems, _ = parse(text)
    assert [(p.line, says in p.message) for p in problems] == [(3, True)]


def test_a_figure_placed_twice_is_an_error():
    _, problems, _ = parse("[[figure:fertility]]\n\ntext\n\n[[figure:fertility]]\n")
    assert [(p.line, "already placed on line 1" in p.message) for p in problems] == [(5, True)]


# --- images -----------------------------------------------------------------------------------


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "project/content"
    (folder / "images").mkdir(parents=True)
    (folder / "images/map.png").write_bytes(PNG)
    return folder


def test_an_image_in_content_is_published_and_linked_from_the_page(content):
    narrative, problems, warnings = parse("Map:\n\n![Map of the nursery schools](images/map.png)\n", content)
    assert problems == [] and warnings == []
    (image,) = narrative.images
    assert image.data == PNG and re.fullmatch(r"assets/content/[0-9a-f]{16}\.png", image.path)
    assert content_images([narrative, narrative]) == {image.path: PNG}
    html = str(narrative.parts[0].at("../../"))
    assert f'<img alt="Map of the nursery schools" src="../../{image.path}">' in html


@pytest.mark.parametrize(("markdown", "setup", "says"), [
    ("![](images/map.png)", None, "no description"),
    ("![ ](images/map.png)", None, "no description"),
    ("![Logo](https://example.org/logo.png)", None, "another site"),
    ("![Logo](//example.org/logo.png)", None, "another site"),
    ("![Site settings](../data/site.yaml)", None, "inside content/"),
    ("![Map](/images/map.png)", None, "inside content/"),
    ("![Map](images/missing.png)", None, "not found"),
    ("![Map](images/map.PNG)", None, "not found"),
    ("![Drawing](images/drawing.svg)", lambda c: (c / "images/drawing.svg").write_text("<svg/>"), "PNG, JPEG"),
    ("![Fake](images/fake.png)", lambda c: (c / "images/fake.png").write_text("<html>"), "not a PNG"),
    ("![Secret](images/secret.png)", lambda c: (c / "images/secret.png").symlink_to(c.parent / "secret.png"), "outside"),
], ids=["empty-alt", "blank-alt", "remote", "protocol-relative", "dot-dot", "site-absolute", "missing", "wrong-case",
        "svg", "not-an-image", "symlink-out"])
def test_an_image_that_cannot_be_shown_is_an_error_at_its_line(content, markdown, setup, says):
    (content.parent / "secret.png").write_bytes(PNG)
    if setup:
        setup(content)
    text = f"Intro.\n\nMore text.\n{markdown}\n"
    narrative, problems, _ = parse(text, content)
    assert [(p.line, says in p.message) for p in problems] == [(4, True)], problems
    assert narrative.images == () and "src=" not in str(narrative.parts[0].html)


def test_a_raw_img_tag_never_loads_anything(content):
    narrative, _, warnings = parse('<img src="https://tracker.example/p.gif" alt="x">\n\ntext\n', content)
    assert "<img" not in str(narrative.parts[0].html) and "tracker" not in str(narrative.parts[0].html)
    assert warnings[0].line == 1 and "![what it shows](images/name.png)" in warnings[0].message


def test_render_markdown_keeps_the_sanitiser_alone():
    assert str(render_markdown("<b>x</b> **y**")) == "<p>x <strong>y</strong></p>"
