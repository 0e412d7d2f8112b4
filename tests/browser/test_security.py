"""Every page: a Content-Security-Policy without inline or eval'd script, no inline event handler,
and, visited in Chromium, not one request to a host other than the local server."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

from .support import PAGES, page_url


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.csp: list[str] = []
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self.js_urls: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(a.get("content") or "")
        if tag == "script" and not a.get("src") and a.get("type") != "application/json":  # JSON: data, never run
            self.inline_scripts += 1
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]
        self.js_urls += [f"<{tag} {name}={v}>" for name, v in attrs
                         if v and name in ("href", "src", "action", "formaction") and v.strip().lower().startswith("javascript:")]


def directives(csp: str) -> dict[str, list[str]]:
    out = {}
    for part in csp.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_every_page_has_a_strict_csp_and_no_inline_script(built_site):
    html_files = sorted(built_site.rglob("*.html"))
    assert sorted(p.relative_to(built_site).as_posix() for p in html_files) == sorted(PAGES), \
        "every built page is in the list the browser tests visit"
    for path in html_files:
        scan = _Scan()
        scan.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(built_site)
        assert len(scan.csp) == 1, f"{where}: one CSP meta tag"
        d = directives(scan.csp[0])
        assert d["default-src"] == ["'self'"], where
        assert set(d["script-src"]) <= {"'self'", "'wasm-unsafe-eval'"}, f"{where}: script-src {d['script-src']}"
        if "'wasm-unsafe-eval'" in d["script-src"]:
            assert where.as_posix().endswith("search/index.html"), f"{where}: WebAssembly only where Pagefind runs"
        assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'none'"], where
        assert scan.inline_scripts == 0, f"{where}: inline <script>"
        assert not scan.handlers, f"{where}: inline event handlers {scan.handlers}"
        assert not scan.js_urls, f"{where}: javascript: URLs {scan.js_urls}"


def test_no_request_leaves_the_local_server(new_page, base_url):
    page = new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for path in PAGES:
        page.goto(page_url(base_url, path), wait_until="load")
    for lang, query in (("", "待機児童"), ("en/", "waiting list")):
        page.goto(f"{base_url}{lang}search/?q={quote(query)}")
        page.wait_for_selector(".search-result-title a", timeout=15000)
        page.wait_for_load_state("networkidle")
    local = urlsplit(base_url).netloc
    outside = sorted({u for u in requested if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != local})
    assert not outside, f"requests to other hosts: {outside}"
    assert len(requested) > len(PAGES) * 3, "pages, styles, scripts and the search index were all requested"
    assert not violations, violations


def test_planted_script_stays_inert_in_the_browser(new_page, tmp_path):
    """The payloads of tests/hostile.py, built into a site and opened in Chromium: no dialog opens,
    no script of theirs runs, nothing is fetched from their hosts."""
    from hostile import hostile_project  # tests/ is on sys.path (tests/conftest.py lives there)

    from site_builder.build import build

    root = hostile_project(tmp_path / "project")
    build(root, tmp_path / "site", search=False)
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    for path in ("goals/g1/index.html", "en/goals/g1/index.html", "index.html"):
        page.goto((tmp_path / "site" / path).as_uri(), wait_until="load")
        # Where the planted handlers were: hover the narrative's paragraphs and links, click its paragraphs.
        page.evaluate("""() => document.querySelectorAll("#narrative p, #narrative a").forEach(el => {
          el.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
          if (el.tagName === "P") el.click();
        })""")
    assert dialogs == []
    assert not [u for u in requested if "evil.example" in u]
    assert page.evaluate("document.querySelectorAll('main script, main iframe, main object, main svg[onload]').length") == 0
