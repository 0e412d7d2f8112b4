"""Lighthouse (mobile) over one page of every template, in both languages; exits 1 below target.

    python scripts/lighthouse.py                    # build both sites into a temp folder, then measure
    python scripts/lighthouse.py --site build       # measure an existing build of the shipped site
    python scripts/lighthouse.py --only goal,data   # some templates only

Targets (issue #12 §5): performance ≥ 95, accessibility, best practices and SEO 100 on every page.
Lighthouse 12 comes from npm into .cache/lighthouse (installed on first use; it is no dependency of
the project) and drives Debian's Chromium (CHROME_PATH=/usr/bin/chromium, headless, no sandbox) with
its default mobile settings: a Moto G Power screen, simulated slow 4G and a 4× slower CPU.

Kiyose publishes no review yet, so the reviews and review templates are measured on the fictional
sample city (examples/sample-city), built alongside. Each site is served on 127.0.0.1 by
http.server on a free port, under its public address's folder (/strategy/, as the browser tests do:
the 404 page links from the site's root), gzip-compressed as a static host serves it (nginx `gzip on`, Netlify and
Cloudflare Pages by default); the 404 page is opened at its own address (/404.html): that is the
template, and a 404 status would fail SEO's status-code audit by definition.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / ".cache/lighthouse"
CLI = TOOL / "node_modules/lighthouse/cli/index.js"
CHROME = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
SAMPLE = "sample"  # pages measured on the sample city
# template → (site, page path in Japanese); English is the same path under en/
PAGES = {
    "home": ("shipped", ""), "vision": ("shipped", "vision/"), "about": ("shipped", "about/"),
    "goal": ("shipped", "goals/g1/"), "indicators": ("shipped", "indicators/"),
    "indicator": ("shipped", "indicators/nursery-waiting-list/"), "programs": ("shipped", "programs/"),
    "budget": ("shipped", "budget/"), "data": ("shipped", "data/"), "reviews": (SAMPLE, "reviews/"),
    "review": (SAMPLE, "reviews/2023/"), "search": ("shipped", "search/"),
    "accessibility": ("shipped", "accessibility/"), "404": ("shipped", "404.html"),
}
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".csv", ".xml", ".txt", ".mjs")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The folder as a static host serves it under `prefix`: gzip when asked, 404.html for a missing path."""

    prefix = "/"

    def send_head(self):
        inside = self.path.startswith(self.prefix)
        path = Path(self.translate_path("/" + self.path[len(self.prefix):]) if inside else Path(self.directory, "-missing-"))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        status = 200
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", 404
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in COMPRESSED and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body, 6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


def base_path(root: Path) -> str:
    """The folder of the site's public address (`base_url` in data/site.yaml): "/strategy/"."""
    sys.path.insert(0, str(ROOT))
    from site_builder.load.inputs import load_inputs

    return urlsplit(load_inputs(root).site.base_url).path or "/"


@contextmanager
def served(folder: Path, prefix: str) -> Iterator[str]:
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def install() -> None:
    if CLI.is_file():
        return
    TOOL.mkdir(parents=True, exist_ok=True)
    if not (TOOL / "package.json").is_file():
        (TOOL / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    print("installing lighthouse@12 into .cache/lighthouse …", file=sys.stderr)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "lighthouse@12"], cwd=TOOL, check=True)


def build(root: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), "build", "--out", str(out)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def lighthouse(url: str, report: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROME}
    cmd = ["node", str(CLI), url, "--quiet", "--output=json", f"--output-path={report}",
           f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    subprocess.run(cmd, env=env, check=True, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))


def summary(result: dict) -> tuple[dict[str, int], list[str]]:
    """Scores (0–100) per category, and what keeps a category below its target."""
    scores = {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = result["audits"]
    notes = []
    for c in CATEGORIES:
        if scores[c] >= TARGET[c]:
            continue
        for ref in result["categories"][c]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                notes.append(f"{c}: {ref['id']} {audit.get('displayValue', '')}".rstrip())
    if scores["performance"] < TARGET["performance"]:
        notes += [f"{m}={audits[m].get('displayValue', '?')}" for m in
                  ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")]
    return scores, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an existing build of the shipped site (default: build one)")
    parser.add_argument("--sample", type=Path, help="an existing build of examples/sample-city (default: build one)")
    parser.add_argument("--only", help="comma-separated templates, e.g. goal,data (default: all)")
    parser.add_argument("--lang", default="ja,en", help="ja, en or ja,en (default)")
    parser.add_argument("--keep", type=Path, help="a folder to keep each page's Lighthouse JSON report in")
    args = parser.parse_args()
    if not Path(CHROME).is_file() or not shutil.which("node"):
        print(f"lighthouse.py needs Node and {CHROME} (apt-get install chromium nodejs npm)", file=sys.stderr)
        return 1
    templates = args.only.split(",") if args.only else list(PAGES)
    unknown = [t for t in templates if t not in PAGES]
    if unknown:
        print(f"unknown template(s) {', '.join(unknown)}: write some of {', '.join(PAGES)}", file=sys.stderr)
        return 2
    install()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        sites = {"shipped": args.site, SAMPLE: args.sample}
        for name, root in (("shipped", ROOT), (SAMPLE, ROOT / "examples/sample-city")):
            if sites[name] is None and any(PAGES[t][0] == name for t in templates):
                sites[name] = Path(tmp) / name
                build(root, sites[name])
        rows, failed = [], False
        with (served(sites["shipped"] or Path(tmp), base_path(ROOT)) as shipped,
              served(sites[SAMPLE] or Path(tmp), base_path(ROOT / "examples/sample-city")) as sample):
            bases = {"shipped": shipped, SAMPLE: sample}
            for template in templates:
                site, path = PAGES[template]
                for lang in args.lang.split(","):
                    page = path if lang == "ja" else f"en/{path}"
                    report = (args.keep or Path(tmp)) / f"{template}.{lang}.json"
                    report.parent.mkdir(parents=True, exist_ok=True)
                    scores, notes = summary(lighthouse(bases[site] + page, report))
                    bad = any(scores[c] < TARGET[c] for c in CATEGORIES)
                    failed |= bad
                    where = f"{'sample city: ' if site == SAMPLE else ''}/{page}"
                    rows.append((template, lang, where, scores, notes))
                    print(f"{template:<13} {lang}  " + "  ".join(f"{scores[c]:>3}" for c in CATEGORIES)
                          + ("  BELOW TARGET" if bad else ""), file=sys.stderr, flush=True)
    print("| template | lang | page | performance | accessibility | best practices | SEO |")
    print("|---|---|---|---:|---:|---:|---:|")
    for template, lang, where, scores, _ in rows:
        print(f"| {template} | {lang} | `{where}` | " + " | ".join(
            f"{scores[c]}" if scores[c] >= TARGET[c] else f"**{scores[c]}**" for c in CATEGORIES) + " |")
    for template, lang, _, _scores, notes in rows:
        if notes:
            print(f"\n{template} ({lang}): " + "; ".join(notes))
    print(f"\n{'FAIL' if failed else 'OK'}: targets performance ≥ 95, accessibility, best practices, SEO = 100")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
