"""The Markdown half of the bad-input corpus: each case breaks one narrative file of a built tiny
project, builds again as staff would, and checks what they see (tests/badinput.py).

Removed HTML and corrected headings are warnings at the line of the Markdown file; an image or a
figure that cannot be shown is an error there, and the site already built stays as it was.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from badinput import line_of, rebuild

GOAL = "content/goals/g1.en.md"  # shown on en/goals/g1/index.html
ABOUT = "content/pages/about.ja.md"  # shown on about/index.html
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(32))


def append(project: Path, file: str, text: str) -> None:
    with (project / file).open("a", encoding="utf-8") as f:
        f.write("\n" + text)


def image(project: Path, name: str, data: bytes = PNG) -> None:
    path = project / "content/images" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def page(result, path: str = "en/goals/g1/index.html") -> str:
    return (result.project / "build" / path).read_text(encoding="utf-8")


def narrative_of(html: str) -> str:
    """The goal page's narrative section (its text, between the template's own parts)."""
    return html[html.index('<section id="narrative"'):html.index("</section>", html.index('<section id="narrative"'))]


def text_shown(result, file: str) -> str:
    """The HTML made from `file`: the goal page's narrative, or the about page from its h1 to its own sections."""
    if file == GOAL:
        return narrative_of(page(result))
    html = page(result, "about/index.html")
    return html[html.index("</h1>") + 5:html.index("<section", html.index("</h1>"))]


# --- warnings: removed, kept out of the page, located -------------------------------------------

WARNED = [
    # (id, file, Markdown appended, the line it is reported at (a needle), what the warning says, never on the page)
    ("script", GOAL, "<script>alert('c-script')</script>\n", "<script>", ["<script>", "with its content"], "c-script"),
    ("script-unclosed", GOAL, "<script>\nalert('c-open')\n\n## After the script\n", "<script>", ["unclosed <script>"],
     "<script"),
    ("style-unclosed", ABOUT, "<style>\nbody { display: none }\n\n## 続き\n\nまだある\n", "<style>", ["unclosed <style>"],
     "<style"),
    ("iframe", GOAL, '<iframe src="https://evil.example/frame"></iframe>\n', "<iframe", ["<iframe>", "link to it"],
     "evil.example"),
    ("onerror-attribute", GOAL, '<span onerror="alert(\'c-onerror\')">text</span>\n', "onerror", ["onerror="], "c-onerror"),
    ("img-tag-onerror", GOAL, "<img src=x onerror=alert('c-img')>\n", "<img", ["<img>", "![what it shows]"], "c-img"),
    ("javascript-link", GOAL, "[click me](javascript:alert('c-link'))\n", "click me", ["javascript:"], "javascript:"),
    ("javascript-raw-link", GOAL, '<a href="JaVaScRiPt&colon;alert(\'c-raw\')">raw</a>\n', "raw</a>", ["removed"],
     "c-raw"),
    ("data-url-link", GOAL, "[data](data:text/html;base64,PHNjcmlwdD4=)\n", "[data]", ["data:text/html"], "base64"),
    ("svg-onload", GOAL, '<svg onload="alert(\'c-svg\')"><circle r="5"/></svg>\n', "<svg", ["<svg>"], "c-svg"),
    ("mutation-xss", GOAL, "<math><mtext><table><mglyph><style><img src=x onerror=alert('c-mx')>\n", "<math>",
     ["<math>", "<img>"], "<img"),
    ("img-slash-separated", GOAL, "<img/src=x/onerror=alert('c-slash')>\n", "c-slash", ["<img>"], "c-slash"),
    ("object", ABOUT, '<object data="https://evil.example/x.swf"></object>\n', "<object", ["<object>"], "x.swf"),
    ("h1-heading", GOAL, "# A level-one heading\n\ntext\n", "# A level-one", ["'##'"], "<h1"),
    ("noncharacter", GOAL, "a \ufdd0 marker\n", "marker", ["U+FDD0"], "\ufdd0"),
    ("div-unclosed", GOAL, "<div class=\"x\">\n\n## Still a heading\n", "<div", ["<div>"], "<div"),
]


@pytest.mark.parametrize(("file", "markdown", "needle", "says", "never"), [case[1:] for case in WARNED],
                         ids=[case[0] for case in WARNED])
def test_removed_html_is_a_warning_at_its_line(tmp_path, tiny_built, file, markdown, needle, says, never):
    result = rebuild(tmp_path, lambda p: append(p, file, markdown), tiny_built)
    result.warns_at(file, line_of(result.project / file, needle), *says)
    assert never not in text_shown(result, file)


def test_an_unclosed_style_keeps_the_rest_of_the_text(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: append(p, ABOUT, "<style>\nbody { display: none }\n\n## 続き\n\nまだある\n"), tiny_built)
    html = page(result, "about/index.html")
    assert '<h2 id="n-続き">続き</h2>' in html and "<p>まだある</p>" in html


def test_an_unclosed_div_does_not_turn_the_rest_into_raw_html(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: append(p, GOAL, '<div class="x">\n\n## Still a heading\n\n*emphasis*\n'), tiny_built)
    html = narrative_of(page(result))
    assert '<h2 id="n-still-a-heading">Still a heading</h2>' in html and "<em>emphasis</em>" in html


# --- errors: an image or a figure that cannot be shown --------------------------------------------

FAILED = [
    # (id, set-up before the Markdown is appended, Markdown, what the error says)
    ("image-empty-alt", lambda p: image(p, "map.png"), "![](images/map.png)\n", "no description"),
    ("image-remote", None, "![Logo](https://example.org/logo.png)\n", "another site"),
    ("image-outside-project", None, "![Settings](../../data/site.yaml)\n", "inside content/"),
    ("image-missing", None, "![Map](images/missing.png)\n", "not found"),
    ("image-svg", lambda p: image(p, "drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
     "![Drawing](images/drawing.svg)\n", "PNG, JPEG, GIF or WebP"),
    ("image-not-an-image", lambda p: image(p, "page.png", b"<html><script>alert(1)</script>"),
     "![Page](images/page.png)\n", "not a PNG"),
    ("figure-typo", None, "[[figure:fertilty]]\n", "did you mean 'fertility'?"),
    ("figure-malformed", None, "[[figure: fertility]]\n", "not a figure line"),
    ("figure-twice", None, "[[figure:fertility]]\n\ntext\n\n[[figure:fertility]]\n", "already placed"),
]


@pytest.mark.parametrize(("setup", "markdown", "says"), [case[1:] for case in FAILED], ids=[case[0] for case in FAILED])
def test_an_image_or_figure_that_cannot_be_shown_is_an_error_at_its_line(tmp_path, tiny_built, setup, markdown, says):
    def mistake(project: Path) -> None:
        if setup:
            setup(project)
        append(project, GOAL, markdown)

    result = rebuild(tmp_path, mistake, tiny_built)
    needle = markdown.strip().split("\n")[-1]
    result.fails_at(GOAL, line_of(result.project / GOAL, needle, nth=markdown.count(needle)), says)


def test_an_image_linked_from_outside_the_project_is_refused(tmp_path, tiny_built):
    def mistake(project: Path) -> None:
        (project.parent / "secret.png").write_bytes(PNG)
        (project / "content/images").mkdir()
        (project / "content/images/secret.png").symlink_to(project.parent / "secret.png")
        append(project, GOAL, "![Secret](images/secret.png)\n")

    result = rebuild(tmp_path, mistake, tiny_built)
    assert result.code == 1 and result.unchanged and "Traceback" not in result.err
    assert any("content/images/secret.png" in e and "outside" in e for e in result.errors), result.err


# --- accepted: what comes out instead -----------------------------------------------------------


def test_an_image_of_the_project_is_published_beside_the_page(tmp_path, tiny_built):
    def mistake(project: Path) -> None:
        image(project, "map.png")
        append(project, GOAL, "![Map of the nursery schools](images/map.png)\n")

    result = rebuild(tmp_path, mistake, tiny_built)
    assert result.code == 0 and result.warnings == [], result.err
    src = re.search(r'<img alt="Map of the nursery schools" src="([^"]+)">', page(result))[1]
    assert re.fullmatch(r"(\.\./){3}assets/content/[0-9a-f]{16}\.png", src)
    assert (result.project / "build/en/goals/g1" / src).resolve().read_bytes() == PNG


def test_a_figure_on_a_goal_page_is_shown_there(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: append(p, GOAL, "Births and deaths:\n\n[[figure:fertility]]\n\nAfter it.\n"),
                     tiny_built)
    assert result.code == 0 and result.warnings == [], result.err
    html = narrative_of(page(result))
    assert html.index("Births and deaths:") < html.index('<figure class="chart" id="chart-fertility"') < html.index("After it.")
    assert 'src="../../../assets/charts.js"' in page(result)  # the page loads the chart script for it


def test_an_element_with_a_charts_id_cannot_replace_the_chart(tmp_path, tiny_built):
    chart = "chart-indicator-tfr"  # the chart of the tiny goal's strategic indicator, on the same page
    spoof = f'<span id="{chart}-spec">{{"spec": {{"usermeta": {{"embedOptions": {{"actions": true}}}}}}}}</span>\n\n## {chart}\n'
    result = rebuild(tmp_path, lambda p: append(p, GOAL, spoof), tiny_built)
    assert result.code == 0 and result.warnings == [], result.err
    html = page(result)
    assert re.findall(rf'<(\w+)[^>]*\bid="{chart}-spec"', html) == ["script"]
    assert re.findall(rf'<(\w+)[^>]*\bid="{chart}"', html) == ["figure"]
    assert f'id="n-{chart}-spec"' in html and f'id="n-{chart}"' in html


def test_a_link_from_the_site_root_works_under_a_sub_path(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: append(p, GOAL, "See [the budget table](/budget/) and [the data](/en/data/).\n"),
                     tiny_built)
    assert result.code == 0 and result.warnings == [], result.err
    html = narrative_of(page(result))
    hrefs = re.findall(r'<a href="([^"]+)"[^>]*>the (?:budget table|data)</a>', html)
    assert hrefs == ["../../../budget/index.html", "../../../en/data/index.html"]
    for site in ("https://www.city.kiyose.lg.jp/strategy/", "http://127.0.0.1:8000/"):
        here = site + "en/goals/g1/index.html"
        assert [urljoin(here, h) for h in hrefs] == [site + "budget/index.html", site + "en/data/index.html"]
    assert all((result.project / "build/en/goals/g1" / h).resolve().is_file() for h in hrefs)


def test_a_byte_order_mark_does_not_break_the_first_heading(tmp_path, tiny_built):
    def mistake(project: Path) -> None:
        (project / GOAL).write_bytes("\ufeff## First heading\n\nText.\n".encode())

    result = rebuild(tmp_path, mistake, tiny_built)
    assert result.code == 0, result.err
    assert '<h2 id="n-first-heading">First heading</h2>' in narrative_of(page(result))


def test_an_empty_file_is_a_warning(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: (p / GOAL).write_text("", encoding="utf-8"), tiny_built)
    result.warns_at(GOAL, 1, "empty")


def test_a_comment_and_html_shown_as_code_are_not_warnings(tmp_path, tiny_built):
    markdown = "<!-- 担当: 企画課 -->\n\nWrite `<script>` in code.\n"
    result = rebuild(tmp_path, lambda p: append(p, GOAL, markdown), tiny_built)
    assert result.code == 0 and result.warnings == [], result.err
    html = narrative_of(page(result))
    assert "企画課" not in html and "<code>&lt;script&gt;</code>" in html


# Invisible characters are refused by the reader (loaders.read_text) before the text is rendered:
# the outcome staff see is an error at the character's line, and nothing of it reaches the site.
@pytest.mark.parametrize(("text", "says"), [("a bell\x07here\n", "U+0007"), ("abc \u202eevil\u202c\n", "U+202E")],
                         ids=["control-character", "bidi-override"])
def test_an_invisible_character_is_reported_at_its_line(tmp_path, tiny_built, text, says):
    result = rebuild(tmp_path, lambda p: append(p, GOAL, text), tiny_built)
    result.fails_at(GOAL, line_of(result.project / GOAL, text[:3]), says)


# The same errors and warnings in Japanese (--lang ja), at the same line (issue #11 §5).
JAPANESE = [
    # (id, set-up, Markdown, what the Japanese message says)
    ("image-empty-alt", lambda p: image(p, "map.png"), "![](images/map.png)\n",
     "画像 'images/map.png' に説明がありません: [ ] の中に画像の内容を書いてください"),
    ("image-remote", None, "![Logo](https://example.org/logo.png)\n", "は他のサイトにあります"),
    ("image-outside-project", None, "![Settings](../../data/site.yaml)\n", "content/ の中のファイルを"),
    ("image-missing", None, "![Map](images/missing.png)\n", "画像がありません: content/images/missing.png"),
    ("image-svg", lambda p: image(p, "drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
     "![Drawing](images/drawing.svg)\n", "PNG, JPEG, GIF, WebP のいずれかにしてください"),
    ("image-not-an-image", lambda p: image(p, "page.png", b"<html><script>alert(1)</script>"),
     "![Page](images/page.png)\n", "content/images/page.png は PNG 画像ではありません: PNG 形式で保存し直してください"),
    ("figure-typo", None, "[[figure:fertilty]]\n", "図表 'fertilty' はありません: 'fertility' の書き間違いではありませんか？"),
    ("figure-malformed", None, "[[figure: fertility]]\n", "'[[figure: fertility]]' は図表の行ではありません"),
    ("figure-twice", None, "[[figure:fertility]]\n\ntext\n\n[[figure:fertility]]\n", "行目に置かれています: 図表は1ページに1回だけです"),
]


@pytest.mark.parametrize(("setup", "markdown", "says"), [case[1:] for case in JAPANESE], ids=[case[0] for case in JAPANESE])
def test_an_image_or_figure_error_in_japanese(tmp_path, tiny_built, setup, markdown, says):
    def mistake(project: Path) -> None:
        (project / GOAL).write_text("", encoding="utf-8")  # the figure lines count from line 1
        if setup:
            setup(project)
        append(project, GOAL, markdown)

    result = rebuild(tmp_path, mistake, tiny_built, "--lang", "ja")
    needle = markdown.strip().split("\n")[-1]
    result.fails_at(GOAL, line_of(result.project / GOAL, needle, nth=markdown.count(needle)), says)


@pytest.mark.parametrize(("lang", "says"), [
    ("ja", ("'#' の見出しは '##' として表示しました", "文章の見出しは ## から始めてください")),
    ("en", ("a '#' heading is shown as '##'", "start the text's headings at ##")),
])
def test_a_level_one_heading_is_a_warning_in_the_users_language(tmp_path, tiny_built, lang, says):
    result = rebuild(tmp_path, lambda p: append(p, GOAL, "# A title\n\nText.\n"), tiny_built, "--lang", lang)
    result.warns_at(GOAL, line_of(result.project / GOAL, "# A title"), *says)


@pytest.mark.parametrize(("lang", "says"), [("ja", "ファイルが空なので"), ("en", "the file is empty, so the page shows no text")])
def test_an_empty_file_is_a_warning_in_the_users_language(tmp_path, tiny_built, lang, says):
    result = rebuild(tmp_path, lambda p: (p / GOAL).write_text("", encoding="utf-8"), tiny_built, "--lang", lang)
    result.warns_at(GOAL, 1, says)
