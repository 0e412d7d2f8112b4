"""Making a chart's spec and its SVG: in worker processes on a cold build, one job per chart, else in this one.

A worker takes a recipe (the chart function's name and picklable arguments), makes the spec with Altair, then
reads its SVG from the cache or renders it with vl-convert, and sends back the chart, the SVG and the UI
strings the chart read (the main process records them, so a missing string is reported as if made there).
The main process of a cold build therefore imports neither Altair nor vl-convert. The same `do` runs in
this process when a pool does not pay (few jobs, one core) or cannot start: the output is the same bytes.

Kept light on purpose: a spawned worker imports this module, the chart code and the models it unpickles."""

from __future__ import annotations

import enum
import hashlib
import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..incremental.keys import fonts_version, renderer_version
from ..incremental.lazy import vl_convert as vlc
from ..incremental.store import Store
from ..load.models import Lang
from ..render.i18n import Catalogue, ReadingCatalogue
from .kit import Chart, spec_json


class Marker(enum.Enum):
    CATALOGUE = "catalogue"  # an enum member: still itself after a trip through pickle


CATALOGUE = Marker.CATALOGUE  # stands for the catalogue in a recipe's arguments: it is keyed by the strings it gives
Recipe = tuple[str, tuple[Any, ...]]  # (function name in charts.specs, arguments)

# Everything besides the spec that changes the SVG: the renderer and the fonts it measures text with (the font
# names are in the spec). Read from the installed package's metadata: importing vl-convert costs a second.
RENDERER = renderer_version()
FONTS = fonts_version()
SERIAL_BELOW = 8  # fewer jobs than this run in-process: starting worker processes costs ≈1–2 s
# Workers live for the whole pool: one that made and rendered all 58 charts of the shipped site peaked at
# ≈210 MB. (No max_tasks_per_child: on Python 3.11–3.13 a pool replacing its workers can hang, CPython gh-115634.)


@dataclass(frozen=True)
class Job:
    recipe: Recipe | None  # make this chart's spec …
    spec: str | None  # … or take this canonical spec (a cached chart whose SVG is missing)
    svg: bool  # and give its SVG (read from the cache, else rendered)


@dataclass(frozen=True)
class Done:
    chart: Chart | None  # made from the recipe
    read: tuple[tuple[Lang, str, str], ...]  # the UI strings it read: (lang, key, text)
    untracked: bool  # it reached past `get`: what it read is unknown, so it is not cached
    svg: str | None
    rendered: bool  # the SVG was rendered now (else read from the cache): the caller stores it


def svg_key(spec_text: str) -> str:
    return hashlib.sha256(f"{RENDERER}\n{FONTS}\n{spec_text}".encode()).hexdigest()


_given: dict[str, Any] = {}  # what `start` gave this process: the catalogue and the SVG cache


def start(strings: dict[Lang, dict[str, str]], svg_folder: Path | None) -> None:
    """Set up a process for `do` (a pool's initializer): the UI strings once, not with every job."""
    _given["catalogue"], _given["svgs"] = Catalogue(strings), Store(svg_folder)


def do(job: Job) -> Done:
    chart, read, untracked, text = None, (), False, job.spec
    if job.recipe is not None:
        name, args = job.recipe
        recorder = ReadingCatalogue(_given["catalogue"])
        chart = make_spec(name, tuple(recorder if a is CATALOGUE else a for a in args))
        read = tuple((lang, key, value) for (lang, key), value in sorted(recorder.read.items()))
        untracked, text = recorder.untracked, spec_json(chart.spec)
    svg, rendered = None, False
    if job.svg and text is not None:
        svg = _given["svgs"].get_text(f"{svg_key(text)}.svg")
        if svg is None:
            svg, rendered = render_svg(text), True
    return Done(chart, read, untracked, svg, rendered)


def make_spec(name: str, args: tuple) -> Chart:
    from . import specs  # Altair comes with it: only where a spec is made

    return getattr(specs, name)(*args)


def render_svg(spec_text: str) -> str:
    return vlc.vegalite_to_svg(json.loads(spec_text))


def run(jobs: list[Job], catalogue: Catalogue, svg_folder: Path | None, workers: int | None = None) -> list[Done]:
    """`do` for every job, in order: across the cores when there are enough of them, else here."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers > 1 and len(jobs) >= SERIAL_BELOW:
        try:
            # "spawn": a forked child would inherit vl-convert's runtime threads mid-flight and hang
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                     initializer=start, initargs=(catalogue.strings, svg_folder)) as pool:
                return list(pool.map(do, jobs))
        except BrokenProcessPool:
            pass  # a __main__ that spawned workers cannot import (python -, a notebook): make them here
    start(catalogue.strings, svg_folder)
    return [do(job) for job in jobs]
