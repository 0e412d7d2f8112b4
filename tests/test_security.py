"""Script planted in YAML texts and in Markdown comes out inert: escaped by the templates
(autoescape) or removed by the sanitiser (nh3). The browser tests open the same site in Chromium."""

from __future__ import annotations

import pytest
from hostile import MARKDOWN, YAML_DESCRIPTION, YAML_SHORT_NAME, YAML_TITLE, hostile_project, scan

from site_builder.build import build
from site_builder.markup import render_markdown


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    out = root.parent / "site"
    build(root, out, search=False)
    return out


def test_nothing_executable_survives(hostile_site):
    findings = scan(hostile_site)
    assert not findings.executable(), "\n".join(findings.executable()[:10])


def test_yaml_texts_are_shown_as_text(hostile_site):
    text = "".join(scan(hostile_site).text)
    for payload in (YAML_TITLE, YAML_DESCRIPTION, YAML_SHORT_NAME):
        assert payload in text, f"{payload!r} should appear, escaped, as plain text"
    page = (hostile_site / "goals/g1/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;yaml-title&#39;)&lt;/script&gt;" in page


def test_markdown_payloads_are_removed_and_safe_parts_kept(hostile_site):
    page = (hostile_site / "goals/g1/index.html").read_text(encoding="utf-8")
    for gone in ("md-script", "evil.example/frame", "x.swf", "md-img", "md-click", "md-svg", "md-raw-link", "md-entity-link",
                 "md-hover", "display: none", "base64"):  # md-link may stay as a harmless title
        assert gone not in page, gone
    assert '<a href="https://example.org/" rel="noopener noreferrer">fine link</a>' in page
    assert "click me" in page and "markdown link" in page  # the text stays, its behaviour goes
    assert 'href="javascript' not in page.lower()


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>", "<iframe src=//evil.example></iframe>", "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))", '<a href="java\tscript:alert(1)">x</a>', "<a href='&#106;avascript:alert(1)'>x</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", '<div style="background:url(javascript:alert(1))">x</div>',
])
def test_sanitiser_alone(source):
    html = str(render_markdown(source))
    lowered = html.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "onerror" not in lowered
    assert "javascript:" not in lowered.replace("&#106;", "j") and "style=" not in lowered


def test_markdown_fixture_covers_every_payload_kind():
    for marker in ("<script>", "<iframe", "onerror=", "javascript:"):
        assert marker in MARKDOWN
