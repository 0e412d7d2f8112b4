"""Build times of the shipped site, each build a fresh `python -m site_builder` process, against Pelican.

    python bench/build_speed.py              # 3 cold builds (the median counts), then 5 alternating rounds
    python bench/build_speed.py --rounds 9 --cold 5

Runs on a frozen copy of the builder and of the project in a temporary folder (edits elsewhere cannot
disturb it). Cold: an empty cache (SITE_BUILDER_CACHE) and a new output folder, every spec, SVG, page and the
search index made; the rounds use the last cold build's cache.
Then each round runs, one after the other: nothing changed (warm), Pelican building as many Markdown
pages as the site has HTML pages (.cache/bench-venv, installed on first use), `check`, one indicator's
target changed, one Markdown file changed (new values every round: nothing is served from an earlier
round). Ratios to Pelican are per round, then the median. Record the output in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, cold_floor, folder_size, frozen_builder, machine, pelican, pelican_project, per_svg_seconds, run, run_pelican  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold", type=int, default=3, help="cold builds, each with an empty cache (default 3)")
    args = parser.parse_args()
    pelican()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        builder = frozen_builder(tmp / "builder")
        project = tmp / "project"
        for part in ("data", "content", "templates", "assets"):
            shutil.copytree(ROOT / part, project / part)
        base = ["--root", str(project)]
        print(f"machine: {machine()}")
        colds = []
        for n in range(max(1, args.cold)):
            cache, out = tmp / f"cache{n}", tmp / f"site{n}"
            colds.append(run(builder, [*base, "build", "--out", str(out)], cache))
        cold = statistics.median(seconds for seconds, _, _ in colds)
        cold_rss = max(rss for _, rss, _ in colds)
        said = colds[-1][2]
        svgs = len(list((cache / "svg").glob("*.svg")))
        files, size = folder_size(out)
        html = len(list(out.rglob("*.html")))
        each = " ".join(f"{seconds:.2f}" for seconds, _, _ in colds)
        print(f"cold build: median {cold:.2f} s ({each}), peak RSS {cold_rss} MB, {svgs} SVGs, {files} files, "
              f"{size / 1e6:.1f} MB, {html} HTML pages ({said.splitlines()[0]})")
        (per_svg, faces), (system, _) = per_svg_seconds(cache), per_svg_seconds(cache, system_fonts=True)
        floor, target = cold_floor(svgs, per_svg)
        print(f"per-SVG render time {per_svg:.3f} s ({'single faces' if faces else 'system fonts'}; "
              f"{system:.3f} s from the system's font files) → floor {floor:.1f} s; target ≤ {target:.1f} s")

        pel = pelican_project(tmp / "pelican", html)
        kpi, md = project / "data/kpi.yaml", project / "content/goals/g1.ja.md"
        original = kpi.read_text(encoding="utf-8")
        assert "value: 226" in original, "bench expects the open-datasets target 226 in data/kpi.yaml"
        rows: dict[str, list[float]] = {k: [] for k in ("warm", "pelican", "check", "value", "markdown")}
        ratios = []
        rss = 0
        for n in range(args.rounds):
            seconds, peak, _ = run(builder, [*base, "build", "--out", str(out)], cache)
            rows["warm"].append(seconds)
            rss = max(rss, peak)
            rows["pelican"].append(run_pelican(pel, tmp / "pelican-out"))
            ratios.append(rows["warm"][-1] / rows["pelican"][-1])
            rows["check"].append(run(builder, [*base, "check"], cache)[0])
            kpi.write_text(original.replace("value: 226", f"value: {300 + n}", 1), encoding="utf-8")
            rows["value"].append(run(builder, [*base, "build", "--out", str(out)], cache)[0])
            with md.open("a", encoding="utf-8") as f:
                f.write(f"\n追記 {n}。\n")
            rows["markdown"].append(run(builder, [*base, "build", "--out", str(out)], cache)[0])
        for name, values in rows.items():
            print(f"{name:9s} median {statistics.median(values):6.2f} s  min {min(values):6.2f} s  "
                  f"({' '.join(f'{v:.2f}' for v in values)})")
        print(f"warm ÷ Pelican ({html} pages): median {statistics.median(ratios):.2f}× over {len(ratios)} rounds; "
              f"warm peak RSS {rss} MB")
        print(json.dumps({"cold": cold, "per_svg": per_svg, **{k: statistics.median(v) for k, v in rows.items()}}))
        print(f"machine after: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
