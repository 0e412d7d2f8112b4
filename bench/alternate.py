"""Two commits side by side: builds from a new process, alternating between them round by round.

    python bench/alternate.py 76d7e4b                     # that commit against HEAD, 3 rounds of each kind
    python bench/alternate.py 76d7e4b main --rounds 5 --kinds markdown value

Each commit is checked out into a temporary worktree (`git worktree add --detach`, removed afterwards) with
a copy of the shipped project (data/, content/ and the commit's templates/ and assets/) and a cache of its
own; both run with this Python, so only the builder differs. Kinds:
- cold: an empty cache and no output, everything made (CPU time of the build and its workers reported too);
- markdown: a new sentence appended to content/goals/g1.ja.md, then a build;
- value: the open-datasets target in data/kpi.yaml set to a new value, then a build.
The edits are the same for both commits, new every round. Record the output in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, compiled, machine  # noqa: E402

TARGET = "{value: 226, year: 2019}"  # the open-datasets target in data/kpi.yaml


def build(worktree: Path, project: Path, cache: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the build and all it started) of one `python -m site_builder build`."""
    env = {**os.environ, "SITE_BUILDER_CACHE": str(cache), "PYTHONPATH": str(worktree)}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "site_builder", "--root", str(project), "build", "--out",
                             str(project / "build")], cwd=worktree, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed in {worktree}:\n{proc.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", help="the commit to compare against")
    parser.add_argument("after", nargs="?", default="HEAD")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--kinds", nargs="+", default=["cold", "markdown", "value"], choices=["cold", "markdown", "value"])
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="alternate-") as tmp:
        sides = {}
        try:
            for name in (args.before, args.after):
                tree = Path(tmp, f"tree-{len(sides)}")
                subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), name], check=True)
                project = Path(tmp, f"project-{len(sides)}")
                sides[name] = (tree, project, Path(tmp, f"cache-{len(sides)}"))  # removed at the end, whatever happens
                compiled(tree)
                for part in ("data", "content", "templates", "assets"):
                    shutil.copytree(tree / part, project / part)
            commits = {name: subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", name], check=True,
                                            capture_output=True, text=True).stdout.strip() for name in sides}
            print("comparing " + " against ".join(f"{name} ({commits[name]})" for name in reversed(sides)))
            times: dict[str, dict[str, list[tuple[float, float]]]] = {k: {n: [] for n in sides} for k in args.kinds}
            for kind in args.kinds:
                for tree, project, cache in sides.values():  # start from a built site
                    build(tree, project, cache)
                for n in range(args.rounds):
                    for name, (tree, project, cache) in sides.items():
                        if kind == "cold":
                            shutil.rmtree(cache, ignore_errors=True)
                            shutil.rmtree(project / "build", ignore_errors=True)
                        elif kind == "markdown":
                            with open(project / "content/goals/g1.ja.md", "a", encoding="utf-8") as f:
                                f.write(f"\n追記{n}。\n")
                        else:
                            kpi = project / "data/kpi.yaml"
                            text = kpi.read_text(encoding="utf-8")
                            old = TARGET if n == 0 else TARGET.replace("226", str(300 + n - 1))
                            assert old in text, f"bench expects {old} in {kpi}"
                            kpi.write_text(text.replace(old, TARGET.replace("226", str(300 + n)), 1), encoding="utf-8")
                        times[kind][name].append(build(tree, project, cache))
                    print(f"{kind} round {n + 1}: " + "  ".join(f"{commits[name]} {times[kind][name][-1][0]:.2f} s"
                                                               for name in sides), flush=True)
            for kind, by_name in times.items():
                medians = {name: statistics.median(s for s, _ in runs) for name, runs in by_name.items()}
                for name, runs in by_name.items():
                    print(f"{kind:9s} {commits[name]}: median {medians[name]:.2f} s ({' '.join(f'{s:.2f}' for s, _ in runs)}); "
                          f"CPU {' '.join(f'{c:.1f}' for _, c in runs)} s")
                print(f"{kind:9s} ratio {commits[args.after]} ÷ {commits[args.before]}: "
                      f"{medians[args.after] / medians[args.before]:.2f}×")
        finally:
            for tree, _, _ in sides.values():
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    print(f"machine after: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
