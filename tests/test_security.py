"""Script planted in YAML texts and in Markdown comes out inert: escaped by the templates
(autoescape) or removed by the sanitiser (nh3). The browser tests open the same site in Chromium.

Also: address settings are plain web addresses and are escaped in sitemap.xml and robots.txt, and a
chart's interactive version reads only its own spec, without `usermeta`."""

from __future__ import annotations

import json
import subprocess
from xml.etree import ElementTree

import pytest
from conftest import ROOT
from hostile import MARKDOWN, YAML_DESCRIPTION, YAML_SHORT_NAME, YAML_TITLE, hostile_project, scan

from site_builder.build import build
from site_builder.load.markup import render_markdown


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


@pytest.mark.parametrize("source", ["<img/src=x/onerror=alert(1)>", '<a href="java&#x09;script:alert(1)">x</a>',
                                    "<svg><script>alert(1)</script></svg>", "<style>"])
def test_sanitiser_alone_more(source):
    lowered = str(render_markdown(source)).lower()
    assert "<script" not in lowered and "onerror" not in lowered and "<img" not in lowered and "<style" not in lowered
    assert "javascript:" not in lowered


# --- addresses in data/site.yaml: validated as addresses, escaped wherever they are written ----------

BAD_ADDRESSES = [
    ("base_url", 'https://x.example/"><script>alert(1)</script>/', "markup characters"),
    ("base_url", "javascript:alert(1)//", "must start with https:// or http://"),
    ("base_url", "https://x.example/strategy", "must end with '/'"),
    ("base_url", "https://x.example/?q=1/", "query"),
    ("base_url", "https://x.example/#top/", "fragment"),
    ("base_url", "https://user:pw@x.example/", "user name"),
    ("base_url", "https://x.example/a b/", "spaces"),
    ("base_url", "https:///", "host name"),
    ("publisher_url", "http://www.city.kiyose.lg.jp/", "must start with https://"),
    ("publisher_url", "https://www.city.kiyose.lg.jp/<b>", "markup characters"),
    ("url", "https://www.digital.go.jp/\u3000license", "spaces"),
]


@pytest.mark.parametrize(("key", "value", "says"), BAD_ADDRESSES,
                         ids=[f"{key}-{n}" for n, (key, _, _) in enumerate(BAD_ADDRESSES)])
def test_an_address_setting_must_be_a_plain_web_address(tmp_path, tiny_built, key, value, says):
    from badinput import line_of, rebuild

    def mistake(project):
        path = project / "data/site.yaml"
        lines = path.read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:"))
        indent = lines[at][:len(lines[at]) - len(lines[at].lstrip())]
        lines[at] = f"{indent}{key}: {json.dumps(value, ensure_ascii=False)}"
        path.write_text("\n".join(lines), encoding="utf-8")

    result = rebuild(tmp_path, mistake, tiny_built)
    line = line_of(result.project / "data/site.yaml", f'{key}: "')  # the line the mistake wrote
    message = result.fails_at("data/site.yaml", line, says, "e.g. https://")
    assert key in message


def test_sitemap_and_robots_escape_whatever_address_they_are_given():
    from types import SimpleNamespace

    from site_builder.render.site_files import robots_txt, sitemap_xml

    hostile = 'https://x.example/"><script>alert(1)</script>&\nDisallow: /\n/'
    pages = [SimpleNamespace(key="", in_sitemap=True), SimpleNamespace(key="goals/g1/", in_sitemap=True)]
    tree = ElementTree.fromstring(sitemap_xml(pages, hostile))  # well-formed XML, whatever the address held
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert [loc.text for loc in tree.iter(f"{ns}loc")][:2] == [hostile, hostile + "en/"]
    robots = robots_txt(hostile)
    assert robots.splitlines()[:2] == ["User-agent: *", "Allow: /"] and len(robots.splitlines()) == 3
    assert "<" not in robots and '"' not in robots


def test_a_charts_data_block_never_carries_usermeta():
    from types import SimpleNamespace

    from site_builder.charts.render import ChartView

    spec = {"mark": "bar", "usermeta": {"embedOptions": {"actions": {"editor": True}}}}
    view = ChartView(SimpleNamespace(spec=spec, id="x"), "a.csv", "a.json", {"actions": {"editor": False}})
    block = json.loads(str(view.data_block()))
    assert block == {"spec": {"mark": "bar"}, "options": {"actions": {"editor": False}}}
    assert "usermeta" in spec  # the chart itself is left as it is


# charts.js run by Node with a stand-in page, each chart woken as by focus: it must use its figure's own spec block only.
CHARTS_JS_HARNESS = r"""
const fs = require("fs");
const calls = [];
const listeners = [];
const attrs = (map) => (name) => (name in map ? map[name] : null);
function scriptBlock(id, data) {
  return {tagName: "SCRIPT", id, getAttribute: attrs({type: "application/json", id}), textContent: JSON.stringify(data)};
}
const spoof = {tagName: "SPAN", id: "chart-x-spec", getAttribute: attrs({id: "chart-x-spec"}),
               textContent: JSON.stringify({spec: {mark: "spoof"}, options: {actions: {editor: true}}})};
function figure(children) {
  const still = {getAttribute: () => "", setAttribute() {}, remove() {}};
  const visual = {tagName: "DIV", querySelector: () => still, appendChild() {}};
  return {id: "chart-x", children: [visual, ...children], getAttribute: attrs({"data-chart-spec": "chart-x-spec"}),
          querySelector: (sel) => (sel === ".chart-visual" ? visual : sel === ".chart-visual svg" ? still : null),
          classList: {add() {}, remove() {}, contains: () => false}, addEventListener: (type, fn) => listeners.push([type, fn])};
}
const own = scriptBlock("chart-x-spec", {spec: {mark: "bar", usermeta: {embedOptions: {actions: {editor: true}}}},
                                        options: {actions: {editor: false}}});
const figures = [figure([own]), figure([]), figure([{...spoof}])];
const vega = {embed: (host, spec, options) => { calls.push({spec, options}); return new Promise(() => {}); }};
global.window = {KiyoseVega: vega, SiteVega: vega, Promise, addEventListener() {}};
global.document = {getElementById: () => spoof, querySelectorAll: () => figures, currentScript: {getAttribute: () => "vega-embed.js"},
                   createElement: () => ({className: "", hidden: false})};
eval(fs.readFileSync(process.argv[2], "utf8"));
listeners.filter(([type]) => type === "focusin").forEach(([, wake]) => wake());
process.on("exit", () => process.stdout.write(JSON.stringify(calls)));
"""


def test_charts_js_reads_only_its_figures_own_spec_and_drops_usermeta(tmp_path):
    harness = tmp_path / "harness.js"
    harness.write_text(CHARTS_JS_HARNESS, encoding="utf-8")
    out = subprocess.run(["node", str(harness), str(ROOT / "assets/charts.js")], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert json.loads(out) == [{"spec": {"mark": "bar"}, "options": {"actions": {"editor": False}}}]
