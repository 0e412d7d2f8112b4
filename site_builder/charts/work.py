"""Making charts' specs and SVGs, and the vega-embed bundle: in worker processes on a cold build, else here.

Three kinds of job: a spec (the chart function's name and picklable arguments in, the chart and the UI strings it
read out: the main process records them, so a missing string is reported as if made there), an SVG (a canonical
spec in, vl-convert's SVG out) and the bundle. `Workers` runs them in a pool when there are enough to pay for
starting it, else in this process when their result is first asked for; either way the bytes are the same. A
pool's results are asked for late: the build renders its pages and indexes them for search while the SVGs are
still being rendered. The main process of a cold build imports neither Altair nor vl-convert.

Kept light on purpose: a spawned worker imports this module, the chart code and the models it unpickles."""

from __future__ import annotations

import enum
import hashlib
import json
import multiprocessing
import os
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from ..collector import skip_last_collection
from ..incremental.keys import fonts_version, renderer_version
from ..incremental.lazy import vl_convert as vlc
from ..load.models import Lang
from ..render.i18n import Catalogue, ReadingCatalogue
from . import fonts
from .kit import Chart


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
class Made:
    """A spec job's result."""

    chart: Chart
    read: tuple[tuple[Lang, str, str], ...]  # the UI strings it read: (lang, key, text)
    untracked: bool  # it reached past `get`: what it read is unknown, so it is not cached


def svg_key(spec_text: str) -> str:
    return hashlib.sha256(f"{RENDERER}\n{FONTS}\n{spec_text}".encode()).hexdigest()


_given: dict[str, Any] = {}  # what `start` gave this process: the catalogue


def start(strings: dict[Lang, dict[str, str]]) -> None:
    """Set up a process for `spec` (a pool's initializer): the UI strings once, not with every job."""
    _given["catalogue"] = Catalogue(strings)
    skip_last_collection()  # a worker's pool waits for it to end


def spec(recipe: Recipe) -> Made:
    """A job: the chart a recipe makes, and the UI strings it read."""
    name, args = recipe
    recorder = ReadingCatalogue(_given["catalogue"])
    chart = make_spec(name, tuple(recorder if a is CATALOGUE else a for a in args))
    read = tuple((lang, key, value) for (lang, key), value in sorted(recorder.read.items()))
    return Made(chart, read, recorder.untracked)


def make_spec(name: str, args: tuple) -> Chart:
    from . import specs  # Altair comes with it: only where a spec is made

    return getattr(specs, name)(*args)


_fonts_loaded = False  # vl-convert loads its fonts once, at a process's first SVG


def render_svg(spec_text: str, faces: Path | None = None, make: bool = False) -> str:
    """The SVG of a canonical spec. `faces`: the chart font's single faces (`charts.fonts`), read if they are there
    when this process draws its first SVG (vl-convert loads its fonts then), and first made if `make`."""
    global _fonts_loaded
    spec = json.loads(spec_text)
    if _fonts_loaded:
        return vlc.vegalite_to_svg(spec)
    with fonts.measuring_with(faces, make):
        svg = vlc.vegalite_to_svg(spec)
    _fonts_loaded = True
    return svg


def svg(spec_text: str, faces: Path | None = None, make: bool = False) -> str:
    """A job: the SVG of a canonical spec."""
    return render_svg(spec_text, faces, make)


def bundle(snippet: str) -> str:
    """vega-embed + Vega-Lite + Vega in one file, wrapped so that its top-level names stay private."""
    return (f"/* vega-embed, Vega-Lite and Vega (BSD-3-Clause), bundled by vl-convert-python {vlc.__version__} */\n"
            f"(function () {{\n{vlc.javascript_bundle(snippet)}\n}})();\n")


T = TypeVar("T")


class Later(Generic[T]):
    """A job's result, made in a worker (already under way) or here when first asked for."""

    def __init__(self, fn: Callable[..., T], args: tuple, future: Future | None):
        self._fn, self._args, self._future = fn, args, future
        self._value: tuple[T] | None = None

    def result(self) -> T:
        if self._value is None:
            try:
                value = self._future.result() if self._future is not None else self._fn(*self._args)
            except BrokenProcessPool:  # a __main__ that spawned workers cannot import (python -, a notebook)
                value = self._fn(*self._args)
            self._value = (value,)
        return self._value[0]


class Workers:
    """Where one build's chart jobs run: a pool of worker processes, one per core, when there are at least
    `SERIAL_BELOW` of them (starting workers costs ≈1–2 s) or when a warm pool is given (`Kept`), else this process.
    `close()` ends a pool of its own, waiting for its jobs or cancelling those not started."""

    def __init__(self, catalogue: Catalogue, jobs: int, count: int | None = None,
                 pool: ProcessPoolExecutor | None = None):
        start(catalogue.strings)  # this process can always do a job itself
        self._pool, self._own = pool, pool is None
        self._futures: list[Future] = []
        count = max(1, min(count or os.cpu_count() or 1, jobs))
        if pool is None and count > 1 and jobs >= SERIAL_BELOW:
            self._pool = _pool(count, catalogue.strings)

    @property
    def parallel(self) -> bool:
        """Whether jobs run in worker processes (else here, when their result is first asked for)."""
        return self._pool is not None

    def submit(self, fn: Callable[..., T], *args: Any) -> Later[T]:
        future = None
        if self._pool is not None:
            try:
                future = self._pool.submit(fn, *args)
                self._futures.append(future)
            except (BrokenProcessPool, RuntimeError):  # broken, or shut down
                self._pool = None
        return Later(fn, args, future)

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None and self._own:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
        elif cancel:  # a kept pool lives on: only this build's jobs not yet started are dropped
            for future in self._futures:
                future.cancel()
        self._pool = None


class Kept:
    """Worker processes kept between builds (the preview's), so that a save's few charts are made in parallel
    without waiting for processes to start. Called like `Workers`; started again when the UI strings change (the
    workers hold them) or the pool broke."""

    def __init__(self, count: int | None = None):
        self._count = max(1, count or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None
        self._strings = ""

    def __call__(self, catalogue: Catalogue, jobs: int) -> Workers:
        strings = json.dumps(catalogue.strings, sort_keys=True)
        # _broken: set by the executor once a worker died; a broken pool takes no more jobs
        if self._pool is None or strings != self._strings or getattr(self._pool, "_broken", False):
            self.close()
            self._pool, self._strings = _pool(self._count, catalogue.strings), strings
            # ended with its owner even if no one calls close(): idle workers would otherwise wait for the exit
            self._ended = weakref.finalize(self, self._pool.shutdown, wait=False, cancel_futures=True)
        return Workers(catalogue, jobs, pool=self._pool)

    def close(self) -> None:
        if self._pool is not None:
            self._ended()
            self._pool = None


def _pool(count: int, strings: dict[Lang, dict[str, str]]) -> ProcessPoolExecutor:
    # "spawn": a forked child would inherit vl-convert's runtime threads mid-flight and hang
    return ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"),
                               initializer=start, initargs=(strings,))
