"""Live preview latency: from saving a file to the open tab showing the new text.

    python bench/preview_latency.py              # 10 edits, alternating a Markdown line and one value
    python bench/preview_latency.py --runs 20 --cache .cache/bench-preview   # keep the chart cache between runs

Starts `python -m site_builder serve` on a temporary copy of the project (its own chart cache, so the
first build is cold and nothing is shared with other builds), opens the English page of goal 1 in headless
Chromium (Playwright, /usr/bin/chromium), then repeatedly saves one edit and waits for the reloaded page
showing it: a new sentence in content/goals/g1.en.md, or a new baseline of one KPI in data/kpi.yaml (a new
value each time, so its charts are really re-rendered). Latency = save → the reloaded page's `load` event,
with the new text checked in that page. Prints each edit and the median and p90 per kind. Record the
figures in docs/PERFORMANCE.md ("Live preview").
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PAGE = "en/goals/g1/"
NARRATIVE = "content/goals/g1.en.md"
KPI_LINE = "            baseline: {value: 45}\n"  # the nursery waiting list, shown on goal 1's page
STARTUP = 900  # seconds the first (cold) build may take on a loaded machine


def project_copy(dest: Path) -> Path:
    for part in ("data", "content", "templates", "assets"):
        shutil.copytree(ROOT / part, dest / part)
    assert (dest / "data/kpi.yaml").read_text(encoding="utf-8").count(KPI_LINE) == 1, f"bench expects {KPI_LINE.strip()!r}"
    return dest


def start_serve(project: Path, cache: Path) -> tuple[subprocess.Popen, queue.Queue[str], str]:
    env = {**os.environ, "SITE_BUILDER_CACHE": str(cache), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "site_builder", "--root", str(project), "serve", "--port", "0"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in proc.stdout], daemon=True).start()
    url, deadline = None, time.monotonic() + STARTUP
    while True:
        line = lines.get(timeout=max(1.0, deadline - time.monotonic()))
        print(f"  serve| {line}")
        url = url or (re.search(r"http://127\.0\.0\.1:\d+/", line) or [None])[0]
        if line.startswith("Watching "):
            assert url, "serve printed no address"
            return proc, lines, url


def edit(project: Path, kind: str, n: int) -> str:
    """Save one edit; the text the reloaded page must show."""
    if kind == "markdown":
        path, text = project / NARRATIVE, f"Preview latency edit number {n}."
        original = (ROOT / NARRATIVE).read_text(encoding="utf-8")
        path.write_text(f"{original}\n{text}\n", encoding="utf-8")
        return text
    value = 100 + n  # never seen before in this run: the KPI's charts are rendered anew
    path = project / "data/kpi.yaml"
    path.write_text((ROOT / "data/kpi.yaml").read_text(encoding="utf-8").replace(KPI_LINE, KPI_LINE.replace("45", str(value))),
                    encoding="utf-8")
    return f"Baseline {value} children"


def nearest_rank(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="edits in all, alternating the two kinds (default 10)")
    parser.add_argument("--pause", type=float, default=3.0,
                        help="seconds between a reload and the next save: a person reading the page (default 3)")
    parser.add_argument("--cache", type=Path, help="chart cache to use and keep (default: a new, empty one: the first build is cold)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results: dict[str, list[float]] = {"markdown": [], "value": []}
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
        project = project_copy(Path(tmp) / "project")
        # A background job of a non-interactive shell starts with SIGINT ignored, and serve would inherit that;
        # a handler of our own is reset to the default in the child, so the Ctrl+C below stops it.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        proc, lines, url = start_serve(project, args.cache.resolve() if args.cache else Path(tmp) / "cache")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
                page = browser.new_page()
                page.goto(url + PAGE)
                for n in range(args.runs):
                    kind = "markdown" if n % 2 == 0 else "value"
                    time.sleep(args.pause)
                    started = time.perf_counter()
                    with page.expect_navigation(wait_until="load", timeout=STARTUP * 1000):
                        expected = edit(project, kind, n)
                    while expected not in page.inner_text("main"):  # a reload for an earlier save: wait for the next
                        with page.expect_navigation(wait_until="load", timeout=STARTUP * 1000):
                            pass
                    seconds = time.perf_counter() - started
                    results[kind].append(seconds)
                    served = []
                    while not lines.empty():
                        served.append(lines.get_nowait())
                    print(f"{n + 1:3} {kind:8} {seconds:6.2f} s   serve| {' / '.join(served)}")
                browser.close()
        finally:
            proc.send_signal(signal.SIGINT)  # Ctrl+C, as a person stops it
            proc.wait(timeout=120)

    print(f"\n{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    for kind, values in [*results.items(), ("all", results["markdown"] + results["value"])]:
        if values:
            print(f"{kind:8} n={len(values):2}  median {statistics.median(values):.2f} s  p90 {nearest_rank(values, 0.9):.2f} s  "
                  f"min {min(values):.2f} s  max {max(values):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
