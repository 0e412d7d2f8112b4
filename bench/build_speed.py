"""Cold and warm build time of the shipped site.

    python bench/build_speed.py            # 1 cold build, then 3 warm builds
    python bench/build_speed.py --warm 5

Each build is a fresh `python -m site_builder build` process (as a person or CI runs it), into a
temporary folder. "Cold" starts with an empty chart cache (SITE_BUILDER_CACHE points at a new
empty folder): every SVG and the vega-embed bundle are rendered. "Warm" reuses that cache: nothing
is rendered. Record the numbers in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed_build(out: Path, cache: Path, root: Path = ROOT) -> float:
    env = {**os.environ, "SITE_BUILDER_CACHE": str(cache)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "site_builder", "--root", str(root), "build", "--out", str(out)],
                   check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def changed_copy(dest: Path) -> Path:
    """The project with one indicator's target changed (in a copy: the real data is never touched)."""
    for part in ("data", "content", "templates", "assets"):
        shutil.copytree(ROOT / part, dest / part)
    kpi = dest / "data/kpi.yaml"
    text = kpi.read_text(encoding="utf-8")
    assert "value: 226" in text, "bench expects the open-datasets target 226 in data/kpi.yaml"
    kpi.write_text(text.replace("value: 226", "value: 227", 1), encoding="utf-8")
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warm", type=int, default=3, help="number of warm builds (default 3)")
    args = parser.parse_args()
    import vl_convert

    load = os.getloadavg()  # other work on the machine slows the cold build's parallel rendering most
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        cache = Path(tmp) / "cache"
        cold = timed_build(Path(tmp) / "site", cache)
        svgs = len(list(cache.glob("*.svg")))
        warm = [timed_build(Path(tmp) / "site", cache) for _ in range(args.warm)]
        before = set(cache.glob("*.svg"))
        one_change = timed_build(Path(tmp) / "site2", cache, changed_copy(Path(tmp) / "project"))
        rerendered = len(set(cache.glob("*.svg")) - before)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"vl-convert-python {vl_convert.__version__}, load average before {load[0]:.1f}, after {os.getloadavg()[0]:.1f}")
    print(f"cold build (empty chart cache, {svgs} SVGs + bundle rendered): {cold:.2f} s")
    print(f"warm build (chart cache full, nothing rendered): median {statistics.median(warm):.2f} s, "
          f"min {min(warm):.2f} s over {len(warm)} builds")
    print(f"one indicator changed (warm cache otherwise, {rerendered} SVGs re-rendered): {one_change:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
