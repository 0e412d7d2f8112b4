"""A copy of the shipped project with script payloads planted in YAML texts and in Markdown, and a
scanner that finds any executable form of them in built HTML or SVG (used by test_security.py and
the browser tests)."""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

YAML_TITLE = "<script>alert('yaml-title')</script><img src=x onerror=alert('yaml-img')>"
YAML_DESCRIPTION = '<iframe src="https://evil.example/"></iframe><a href="javascript:alert(\'yaml-link\')">yaml link</a>'
YAML_SHORT_NAME = '総合戦略 "><svg onload=alert(\'yaml-attr\')>'
MARKDOWN = """

## 攻撃 / Attack

<script>alert('md-script')</script>
<iframe src="https://evil.example/frame"></iframe>
<img src="x" onerror="alert('md-img')">
<p onclick="alert('md-click')">click me</p>
<svg onload="alert('md-svg')"><circle r="5"/></svg>
<a href="javascript:alert('md-raw-link')">raw link</a>
<a href="JaVaScRiPt&colon;alert('md-entity-link')">entity link</a>
<object data="https://evil.example/x.swf"></object>
<style>body { display: none }</style>

[markdown link](javascript:alert('md-link'))
[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
<a href="https://example.org/" target="_blank" onmouseover="alert('md-hover')">fine link</a>
"""


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path}: expected one {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def hostile_project(dest: Path) -> Path:
    for part in ("data", "content", "templates", "assets"):
        shutil.copytree(ROOT / part, dest / part)
    if (ROOT / ".cache/charts").is_dir():  # rendered charts are reused where the payloads do not change them
        shutil.copytree(ROOT / ".cache/charts", dest / ".cache/charts")
    q = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731 - a YAML double-quoted string
    _replace_once(dest / "data/kpi.yaml", "      ja: 結婚・出産・子育ての希望実現戦略\n", f"      ja: {q(YAML_TITLE)}\n")
    _replace_once(dest / "data/kpi.yaml", "              ja: 妊産婦及び乳児の死亡率低下を図り、",
                  f"              ja: {q(YAML_DESCRIPTION)}\n              # was: 妊産婦及び乳児の死亡率低下を図り、")
    _replace_once(dest / "data/site.yaml", "  ja: 清瀬市 総合戦略\n", f"  ja: {q(YAML_SHORT_NAME)}\n")
    for lang in ("ja", "en"):
        with (dest / f"content/goals/g1.{lang}.md").open("a", encoding="utf-8") as f:
            f.write(MARKDOWN)
    return dest


@dataclass
class Findings:
    scripts: list[str] = field(default_factory=list)  # <script> elements that are not our own files
    elements: list[str] = field(default_factory=list)  # iframe, object, embed, inline style elements
    handlers: list[str] = field(default_factory=list)  # on* attributes
    urls: list[str] = field(default_factory=list)  # javascript:, vbscript:, data:text/html URLs
    text: list[str] = field(default_factory=list)  # all text, to see payloads shown as text

    def executable(self) -> list[str]:
        return self.scripts + self.elements + self.handlers + self.urls


_DANGEROUS_URL = re.compile(r"^(javascript|vbscript|data:text/html)", re.IGNORECASE)
_OWN_SCRIPT = re.compile(r"^(\.\./)*(assets|pagefind)/([\w-]+/)*[\w.-]+\.js$|^(/[\w.-]+)*/(assets|pagefind)/([\w-]+/)*[\w.-]+\.js$")


class _Scanner(HTMLParser):
    def __init__(self, findings: Findings, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.f, self.where = findings, where

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "script" and not _OWN_SCRIPT.match(a.get("src") or "") and not self._data_block(a):
            self.f.scripts.append(f"{self.where}: <script {a}>")
        if tag in ("iframe", "object", "embed", "frame", "style", "base", "form") and not self._ours(tag, a):
            self.f.elements.append(f"{self.where}: <{tag} {a}>")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.f.handlers.append(f"{self.where}: <{tag} {name}={value}>")
            if value and name.lower() in ("href", "src", "action", "formaction", "data", "xlink:href", "poster"):
                cleaned = re.sub(r"[\s\x00-\x1f]", "", html.unescape(value))
                if _DANGEROUS_URL.match(cleaned):
                    self.f.urls.append(f"{self.where}: <{tag} {name}={value}>")

    @staticmethod
    def _data_block(a: dict) -> bool:
        """<script type="application/json"> holds data (chart specs) that browsers never run."""
        return a.get("type") == "application/json" and not a.get("src")

    @staticmethod
    def _ours(tag: str, a: dict) -> bool:
        return tag == "form" and a.get("role") in ("search",) or tag == "form" and a.get("class") == "quick-filter"

    def handle_data(self, data) -> None:
        self.f.text.append(data)


def scan(site: Path) -> Findings:
    findings = Findings()
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".svg"):
            _Scanner(findings, str(path.relative_to(site))).feed(path.read_text(encoding="utf-8"))
    return findings
