"""Turning chart specs into files: static SVG (vl-convert), the vega-embed bundle, CSV and JSON.

Rendering is the slow part of a build (≈0.1–0.3 s per SVG, ≈1–3 s for the bundle), so every result
is cached by content hash outside the site folder (`<project>/.cache/charts/`): a rebuild renders
only the charts whose spec changed, and cache misses are rendered in parallel, one process per core.
The specs themselves are cached too (`charts.cached`); a build whose charts all hit imports neither
Altair nor vl-convert.
"""

from __future__ import annotations

import hashlib
import html
import json
import multiprocessing
import os
import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..charts.cached import cached_charts
from ..charts.kit import Chart, table_csv
from ..derive.facts import Derived
from ..incremental.keys import fonts_version, renderer_version
from ..incremental.lazy import vl_convert as vlc
from ..incremental.store import Store, cache_folder  # noqa: F401 (cache_folder: where it always was)
from ..load.inputs import Inputs
from ..load.models import LANGS, Lang

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # only in the downloadable .vl.json
# Everything besides the spec that changes the SVG: the renderer and the fonts it measures text with (the font
# names are in the spec). Read from the installed package's metadata: importing vl-convert costs a second.
RENDERER = renderer_version()
FONTS = fonts_version()
SERIAL_BELOW = 8  # fewer misses than this render in-process: starting worker processes costs ≈1 s
BUNDLE_PATH = "assets/vendor/vega-embed.js"
# The bundle's only global: everything else stays inside the wrapping function.
BUNDLE_SNIPPET = "window.SiteVega = { embed: vegaEmbed, version: vegaEmbed.version };"


@dataclass(frozen=True)
class ChartView:
    """What a page needs to show one chart: the chart, its SVG ready to inline, and its files."""

    chart: Chart
    svg: Markup
    csv_path: str  # relative to the site root: "charts/ja/indicator-x.csv"
    json_path: str
    options: dict  # vega-embed options for the page's language

    @property
    def dom_id(self) -> str:
        return f"chart-{self.chart.id}"

    def data_block(self) -> Markup:
        """The spec and embed options as JSON that is safe inside <script type="application/json">.

        Without `usermeta`: vega-embed reads embed options from `usermeta.embedOptions`, which would
        override ours (the editor link among them); the options are ours alone."""
        spec = {key: value for key, value in self.chart.spec.items() if key != "usermeta"}
        return Markup(_script_json({"spec": spec, "options": self.options}))


def spec_json(spec: dict) -> str:
    """Canonical JSON of a spec (sorted keys): the same spec always gives the same bytes."""
    return json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _render_one(spec_text: str) -> str:
    return vlc.vegalite_to_svg(json.loads(spec_text))


def render_svgs(specs: Mapping[str, dict], cache: Path | None, workers: int | None = None) -> dict[str, str]:
    """SVG for each spec by name; from the cache where it is there, else rendered across the cores."""
    store = Store(cache)
    texts = {name: spec_json(spec) for name, spec in specs.items()}
    keys = {name: hashlib.sha256(f"{RENDERER}\n{FONTS}\n{text}".encode()).hexdigest() for name, text in texts.items()}
    out: dict[str, str] = {}
    missing: dict[str, str] = {}  # cache key → canonical spec; equal specs are rendered once
    for name, key in keys.items():
        hit = store.get_text(f"{key}.svg")
        if hit is not None:
            out[name] = hit
        else:
            missing.setdefault(key, texts[name])
    if missing:
        todo = sorted(missing.items())
        workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
        rendered = _render_many([text for _, text in todo], workers)
        fresh = {key: svg for (key, _), svg in zip(todo, rendered, strict=True)}
        for key, svg in fresh.items():
            store.put_text(f"{key}.svg", svg)
        out.update({name: fresh[key] for name, key in keys.items() if name not in out})
    return out


def _render_many(texts: list[str], workers: int) -> list[str]:
    if workers > 1 and len(texts) >= SERIAL_BELOW:
        try:
            # "spawn": a forked child would inherit vl-convert's runtime threads mid-flight and hang.
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                return list(pool.map(_render_one, texts))
        except BrokenProcessPool:
            pass  # a __main__ that spawned workers cannot import (python -, a notebook): render here
    return [_render_one(text) for text in texts]


def javascript_bundle(cache: Path | None) -> str:
    """vega-embed + Vega-Lite + Vega in one file, wrapped so that its top-level names stay private."""
    store = Store(cache)
    key = hashlib.sha256(f"{RENDERER}\n{BUNDLE_SNIPPET}".encode()).hexdigest()
    hit = store.get_text(f"bundle-{key}.js")
    if hit is not None:
        return hit
    bundle = ("/* vega-embed, Vega-Lite and Vega (BSD-3-Clause), bundled by vl-convert-python "
              f"{vlc.__version__} */\n(function () {{\n{vlc.javascript_bundle(BUNDLE_SNIPPET)}\n}})();\n")
    store.put_text(f"bundle-{key}.js", bundle)
    return bundle


# --- into the page ----------------------------------------------------------------------------

_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


_INNER_ARIA = re.compile(r'\s(?:role|aria-roledescription|aria-label)="[^"]*"')


def inline_svg(svg: str, dom_id: str, label: str) -> Markup:
    """The SVG ready to sit in a page: one accessible image named by `label` and described by the
    summary next to it; any ids made unique to this chart, so that several charts share a page."""
    svg = re.sub(r"<\?xml[^>]*>\s*", "", svg)
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{dom_id}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{dom_id}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{dom_id}-{m.group(1)}"', svg)
    opening = _SVG_OPEN.search(svg)
    assert opening is not None, "vl-convert returned no <svg>"
    attrs = dict(re.findall(r'([\w:-]+)="([^"]*)"', opening.group(0)))
    keep = " ".join(f'{k}="{attrs[k]}"' for k in ("xmlns", "width", "height", "viewBox") if k in attrs)
    head = (f'<svg {keep} class="chart-svg" role="img" aria-label="{html.escape(label, quote=True)}" '
            f'aria-describedby="{dom_id}-summary" focusable="false">')
    # Inside, Vega names its mark containers (role graphics-symbol, "rect mark container") with no text:
    # meaningless inside one named image, and axe's svg-img-alt where a browser exposes them.
    rest = _INNER_ARIA.sub("", svg[opening.end():])
    return Markup(svg[:opening.start()] + head + rest)


def embed_options(lang: Lang, menu: Mapping[str, str]) -> dict:
    """vega-embed options: SVG renderer, Vega's CSP-safe expression interpreter (`ast`), and an action
    menu in the page's language offering only local exports (no editor: it would post to another host)."""
    return {"renderer": "svg", "ast": True, "tooltip": True,
            "actions": {"export": True, "source": False, "compiled": False, "editor": False},
            "i18n": {"CLICK_TO_VIEW_ACTIONS": menu["chart.menu"], "PNG_ACTION": menu["chart.menu_png"],
                     "SVG_ACTION": menu["chart.menu_svg"], "COMPILED_ACTION": "", "EDITOR_ACTION": "",
                     "SOURCE_ACTION": ""},
            "formatLocale": _FORMAT_LOCALE[lang]}


# d3-format locales: both languages group by thousands with a comma.
_FORMAT_LOCALE = {lang: {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]} for lang in ("ja", "en")}


def _script_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def chart_files(views: Iterable[ChartView]) -> dict[str, str]:
    """The per-chart downloads: data as CSV and the spec as Vega-Lite JSON, one pair per language."""
    files: dict[str, str] = {}
    for view in views:
        files[view.csv_path] = table_csv(view.chart.table)
        spec = {"$schema": SCHEMA, **view.chart.spec}
        files[view.json_path] = json.dumps(spec, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    return files


# What a check (which writes no page) shows instead of a chart: rendering an SVG nobody sees costs a second.
UNRENDERED = '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>'


def chart_views(charts: Iterable[Chart], cache: Path | None, menus: Mapping[Lang, Mapping[str, str]],
                workers: int | None = None, render: bool = True) -> dict[tuple[Lang, str], ChartView]:
    """Render every chart (through the cache) and give each the paths of its downloads."""
    charts = list(charts)
    svgs = (render_svgs({f"{c.lang}/{c.id}": c.spec for c in charts}, cache, workers) if render
            else {f"{c.lang}/{c.id}": UNRENDERED for c in charts})
    views = {}
    for c in charts:
        views[(c.lang, c.id)] = ChartView(
            c, inline_svg(svgs[f"{c.lang}/{c.id}"], f"chart-{c.id}", c.title),
            f"charts/{c.lang}/{c.id}.csv", f"charts/{c.lang}/{c.id}.vl.json", embed_options(c.lang, menus[c.lang]))
    return views


MENU_KEYS = ("chart.menu", "chart.menu_png", "chart.menu_svg")


def site_charts(inputs: Inputs, derived: Derived, cache: Path | None,
                workers: int | None = None, render: bool = True) -> dict[tuple[Lang, str], ChartView]:
    """Every chart of the site in both languages, rendered (`render=False`: specs only, for a check);
    specs and SVGs through the cache under `cache`."""
    made = cached_charts(inputs, derived, LANGS, Store(cache / "specs" if cache else None))
    menus = {lang: {key: inputs.catalogue.get(lang, key) for key in MENU_KEYS} for lang in LANGS}
    return chart_views(made, cache / "svg" if cache else None, menus, workers, render)
