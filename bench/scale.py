"""Build times, peak memory and output size at scale: synthetic strategies of 100, 1,000 and 5,000 indicators.

    python bench/scale.py                    # 100 and 1,000 indicators
    python bench/scale.py --sizes 100 1000 5000 --rounds 3

For each size (bench/synthetic.py writes the project into a temporary folder): one cold build (empty cache),
the time one of its SVGs takes (bench/common.per_svg_seconds, as bench/build_speed.py measures it) and the cold
target it gives, then alternating rounds of a warm build with nothing changed, a warm build into a new folder
(every stage runs, everything read back from the cache), and Pelican building as many Markdown pages as the site
has HTML pages. Each build is a fresh process on a frozen copy of the builder. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import cold_floor, folder_size, frozen_builder, machine, pelican_project, per_svg_seconds, run, run_pelican  # noqa: E402
from synthetic import write  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        tmp = Path(tmp)
        builder = frozen_builder(tmp / "builder")
        for size in args.sizes:
            project = write(size, tmp / f"project-{size}")
            cache, out = tmp / f"cache-{size}", tmp / f"site-{size}"
            base = ["--root", str(project), "build"]
            cold, cold_rss, said = run(builder, [*base, "--out", str(out)], cache)
            files, nbytes = folder_size(out)
            html = len(list(out.rglob("*.html")))
            svgs = len(list((cache / "svg").glob("*.svg")))
            print(f"{size} indicators: cold {cold:.1f} s, peak RSS {cold_rss} MB, {files} files, {nbytes / 1e6:.1f} MB, "
                  f"{html} HTML pages, {svgs} SVGs ({said.splitlines()[0]})")
            per_svg, _ = per_svg_seconds(cache)  # these synthetic charts', as the build draws them
            _, target = cold_floor(svgs, per_svg)
            print(f"  per-SVG render time {per_svg:.3f} s → cold target ≤ {target:.1f} s ({cold / target:.2f}×)")
            pel = pelican_project(tmp / f"pelican-{size}", html)
            warm, full, pelican, ratios, rss = [], [], [], [], 0
            for n in range(args.rounds):
                warm.append(run(builder, [*base, "--out", str(out)], cache)[0])
                seconds, peak, _ = run(builder, [*base, "--out", str(tmp / f"other-{size}-{n}")], cache)
                full.append(seconds)
                rss = max(rss, peak)
                pelican.append(run_pelican(pel, tmp / f"pelican-out-{size}"))
                ratios.append(warm[-1] / pelican[-1])
                shutil.rmtree(tmp / f"other-{size}-{n}")
            med = statistics.median
            print(f"  warm, nothing changed: median {med(warm):.2f} s; warm, every stage from the cache: median "
                  f"{med(full):.2f} s, peak RSS {rss} MB; Pelican ({html} pages): median {med(pelican):.2f} s; "
                  f"warm ÷ Pelican {med(ratios):.2f}×, (every stage) ÷ Pelican {med(full) / med(pelican):.2f}×")
    print(f"machine after: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
