"""Screenshots for the README, in Japanese and English, on a desktop (1280 px) and a phone (375 px), made in
Debian's Chromium from fresh builds: Kiyose's home, goal, indicator and data pages, and the fictional sample
city's home, indicator and review pages (it has yearly reviews; Kiyose ships none).

    python scripts/screenshots.py            # writes docs/screenshots/*.jpg
    python scripts/screenshots.py --png --out /tmp/shots   # lossless, for a close look

JPEG at quality 70 and a clipped height keep each file small while the text stays readable.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_builder.build import build  # noqa: E402 - after making the package importable from a checkout

OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PROJECTS = {  # file-name prefix: (project folder, {page name: page key})
    "": (ROOT, {"home": "", "goal": "goals/g1/", "indicator": "indicators/nursery-waiting-list/", "data": "data/"}),
    "sample-": (ROOT / "examples" / "sample-city",
                {"home": "", "indicator": "indicators/nursery-waiting-list/", "review": "reviews/2023/"}),
}
DEVICES = {  # name: (viewport width, height, device scale factor, clipped height in CSS px)
    "desktop": (1280, 800, 1, 1200),
    "phone": (375, 740, 2, 1000),
}


# Fonts loaded, and charts made interactive by assets/charts.js where it runs (as people see them).
SETTLED = """() => document.fonts.status === "loaded" && (!window.SiteVega ||
  [...document.querySelectorAll("figure.chart[data-chart-spec]")].every(f => f.classList.contains("chart-live")))"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder for the images (default: {OUT.relative_to(ROOT)})")
    parser.add_argument("--png", action="store_true", help="lossless PNG instead of JPEG")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    kind = {"type": "png"} if args.png else {"type": "jpeg", "quality": 70}
    written: list[Path] = []
    for prefix, (project, pages) in PROJECTS.items():
        written += _shoot(project, pages, prefix, args.out, kind)
    for path in written:
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


def _shoot(project: Path, pages: dict[str, str], prefix: str, out: Path, kind: dict) -> list[Path]:
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(project, site, strict=True)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
                for device, (width, height, scale, clip) in DEVICES.items():
                    ctx = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale,
                                              is_mobile=device == "phone", has_touch=device == "phone")
                    page = ctx.new_page()
                    for name, key in pages.items():
                        for lang in ("ja", "en"):
                            rel = ("" if lang == "ja" else "en/") + key
                            if not (site / rel / "index.html").is_file():
                                raise SystemExit(f"{project}: {rel or '/'} was not built")
                            page.goto(base + rel, wait_until="load")
                            page.wait_for_function(SETTLED, timeout=15000)
                            full = page.evaluate("document.documentElement.scrollHeight")
                            target = out / f"{prefix}{name}-{lang}-{device}.{'png' if kind['type'] == 'png' else 'jpg'}"
                            page.screenshot(path=str(target), **kind, full_page=True,
                                            clip={"x": 0, "y": 0, "width": width, "height": min(clip, full)})
                            written.append(target)
                    ctx.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return written


if __name__ == "__main__":
    sys.exit(main())
