"""What the benchmarks share: a frozen copy of the builder, timed builds in fresh processes, Pelican in a venv."""

from __future__ import annotations

import compileall
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".cache/bench-venv"  # Pelican lives here, never in the project's dependencies


PER_SVG = """
import json, sys, time
from pathlib import Path
import vl_convert as vlc
paths = sorted(Path(sys.argv[1]).glob("*.json"))
specs = []
for path in paths[::max(1, len(paths) // 40)][:40]:  # up to 40, spread over all (their names are hashes)
    body = path.read_bytes().partition(b"\\n")[2]
    specs.append(json.loads(body)["chart"]["spec"])
vlc.vegalite_to_svg(specs[0])  # the first render starts the JavaScript runtime: not counted
started = time.perf_counter()
for spec in specs:
    vlc.vegalite_to_svg(spec)
print((time.perf_counter() - started) / len(specs))
"""


def per_svg_seconds(cache: Path, system_fonts: bool = False) -> tuple[float, bool]:
    """(seconds an SVG takes, whether with the build's single faces): up to 40 of the cached specs, spread over all of
    them, drawn in a new process as the build draws them, with the chart font's faces the build copied
    (charts/fonts.py) where there are any, or with the system's fonts. Twelve were too few: the first twelve of a
    synthetic site's took 0.108 s an SVG at 100 indicators and 0.082 s at 1,000."""
    faces = [] if system_fonts else sorted(cache.glob("fonts/*/fonts.conf"))
    env = {**os.environ, **({"FONTCONFIG_FILE": str(faces[0])} if faces else {})}
    done = subprocess.run([sys.executable, "-c", PER_SVG, str(cache / "specs")], check=True, env=env,
                          capture_output=True, text=True)
    return float(done.stdout), bool(faces)


def cold_floor(svgs: int, per_svg: float) -> tuple[float, float]:
    """(the SVGs' floor on this machine's cores, issue #12's cold target: 1.2 × that floor + 2 s)."""
    floor = svgs * per_svg / (os.cpu_count() or 1)
    return floor, 1.2 * floor + 2


def frozen_builder(dest: Path) -> Path:
    """A copy of site_builder/ (and the builder's templates and assets): edits made while a bench runs do not
    change the code version under it, which would make every cached chart spec stale."""
    for part in ("site_builder", "templates", "assets"):
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    return compiled(dest)


def compiled(builder: Path) -> Path:
    """The builder's bytecode written beside it, as `pip install` writes it. Without it, a machine that sets
    PYTHONDONTWRITEBYTECODE (this one does) compiles its ≈ 80 modules again in every build (≈ 0.1 s), which no
    installed copy does, and which Pelican, installed by pip, does not pay either."""
    if not compileall.compile_dir(builder / "site_builder", quiet=1):
        raise SystemExit(f"{builder}: the builder does not compile")
    return builder


def run(builder: Path, args: list[str], cache: Path) -> tuple[float, int, str]:
    """(seconds, peak RSS of the build's main process in MB, stdout) of `python -m site_builder ARGS`."""
    env = {**os.environ, "SITE_BUILDER_CACHE": str(cache), "PYTHONPATH": str(builder)}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "site_builder", *args], env=env, cwd=builder,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({proc.returncode}): {' '.join(args)}\n{err[-2000:]}")
    return seconds, usage.ru_maxrss // 1024, out


def pelican() -> Path:
    """The venv's pelican command, installed on first use (pip install pelican markdown)."""
    exe = VENV / "bin/pelican"
    if not exe.exists():
        venv.create(VENV, with_pip=True)
        subprocess.run([VENV / "bin/pip", "install", "-q", "pelican", "markdown"], check=True)
    return exe


def pelican_project(dest: Path, pages: int) -> Path:
    """`pages` Japanese Markdown articles of about a page each, and a settings file (no feeds, default theme)."""
    content = dest / "content"
    content.mkdir(parents=True)
    for n in range(pages):
        body = "\n\n".join(f"清瀬市の第{n}指標について、平成{27 + p % 5}年度の実績は{40 + p}人でした。目標値は{60 + p}人です。"
                           for p in range(12))
        (content / f"page-{n}.md").write_text(f"Title: 指標{n}\nDate: 2016-03-01\nSlug: page-{n}\nLang: ja\n\n## 概要\n\n{body}\n",
                                              encoding="utf-8")
    (dest / "pelicanconf.py").write_text(
        'SITENAME = "Bench"\nSITEURL = ""\nTIMEZONE = "Asia/Tokyo"\nDEFAULT_LANG = "ja"\nFEED_ALL_ATOM = None\n'
        'CATEGORY_FEED_ATOM = None\nTRANSLATION_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\nAUTHOR_FEED_RSS = None\n'
        'DEFAULT_PAGINATION = False\nLOAD_CONTENT_CACHE = False\n', encoding="utf-8")
    return dest


def run_pelican(project: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([pelican(), str(project / "content"), "-o", str(out), "-s", str(project / "pelicanconf.py"), "-q"],
                   check=True, cwd=project, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def machine() -> str:
    import platform
    load = os.getloadavg()
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
