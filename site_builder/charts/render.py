"""Turning chart specs into files: static SVG (vl-convert), the vega-embed bundle, CSV and JSON.

Rendering is the slow part of a build (≈0.1–0.3 s per SVG, ≈1–3 s for the bundle), so every result
is cached by content hash outside the site folder (`<project>/.cache/charts/`): a rebuild renders
only the charts whose spec changed. The specs themselves are cached too (`charts.cached`). What is
missing is made in parallel, one process per core, each worker making a chart's spec and its SVG
(`charts.work`): a build imports Altair and vl-convert only in its workers, and one whose charts all
hit imports neither.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..charts import work
from ..charts.cached import Planned, keep, planned_charts
from ..charts.kit import Chart, table_csv
from ..charts.work import RENDERER, spec_json, svg_key
from ..derive.facts import Derived
from ..incremental.lazy import vl_convert as vlc
from ..incremental.memory import Remembered
from ..incremental.store import Store, cache_folder  # noqa: F401 (cache_folder: where it always was)
from ..load.inputs import Inputs
from ..load.models import LANGS, Lang
from ..render.i18n import Catalogue

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # only in the downloadable .vl.json
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


def render_svgs(specs: Mapping[str, dict], cache: Path | None, workers: int | None = None) -> dict[str, str]:
    """SVG for each spec by name; from the cache where it is there, else rendered across the cores."""
    store = Store(cache)
    texts = {name: spec_json(spec) for name, spec in specs.items()}
    keys = {name: svg_key(text) for name, text in texts.items()}
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
        done = work.run([work.Job(None, text, True) for _, text in todo], Catalogue({}), None, workers)
        fresh = {key: d.svg for (key, _), d in zip(todo, done, strict=True)}
        for key, svg in fresh.items():
            store.put_text(f"{key}.svg", svg)
        out.update({name: fresh[key] for name, key in keys.items() if name not in out})
    return out


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


# A spec's download by its canonical JSON: indented JSON is written by Python's slow encoder, and a preview rebuild
# after a value edit writes the files of two charts again, not all of them.
_DOWNLOADS: Remembered[str] = Remembered(1024)


def chart_files(views: Iterable[ChartView]) -> dict[str, str]:
    """The per-chart downloads: data as CSV and the spec as Vega-Lite JSON, one pair per language."""
    files: dict[str, str] = {}
    for view in views:
        files[view.csv_path] = table_csv(view.chart.table)
        spec = view.chart.spec
        files[view.json_path] = _DOWNLOADS.get(spec_json(spec), lambda spec=spec: json.dumps(
            {"$schema": SCHEMA, **spec}, ensure_ascii=False, sort_keys=True, indent=2) + "\n")
    return files


def chart_views(charts: Iterable[Chart], svgs: Mapping[str, str],
                menus: Mapping[Lang, Mapping[str, str]]) -> dict[tuple[Lang, str], ChartView]:
    """Every chart with its SVG (by "lang/id") and the paths of its downloads."""
    views = {}
    for c in charts:
        views[(c.lang, c.id)] = ChartView(
            c, inline_svg(svgs[f"{c.lang}/{c.id}"], f"chart-{c.id}", c.title),
            f"charts/{c.lang}/{c.id}.csv", f"charts/{c.lang}/{c.id}.vl.json", embed_options(c.lang, menus[c.lang]))
    return views


MENU_KEYS = ("chart.menu", "chart.menu_png", "chart.menu_svg")


def site_charts(inputs: Inputs, derived: Derived, cache: Path | None,
                workers: int | None = None) -> dict[tuple[Lang, str], ChartView]:
    """Every chart of the site in both languages, rendered; specs and SVGs through the cache under `cache`."""
    specs = Store(cache / "specs" if cache else None)
    planned = planned_charts(inputs, derived, LANGS, specs)
    charts, svgs = _made(planned, inputs.catalogue, specs, cache / "svg" if cache else None, workers)
    menus = {lang: {key: inputs.catalogue.get(lang, key) for key in MENU_KEYS} for lang in LANGS}
    return chart_views(charts, {f"{c.lang}/{c.id}": svg for c, svg in zip(charts, svgs, strict=True)}, menus)


def _made(planned: list[Planned], catalogue: Catalogue, specs: Store, svg_folder: Path | None,
          workers: int | None) -> tuple[list[Chart], list[str]]:
    """Each planned chart and its SVG: what the caches lack is made in one pool, a job per chart (its spec, then
    its SVG), or, for a cached spec whose SVG is missing, a job per distinct spec (its SVG)."""
    svg_store = Store(svg_folder)
    charts = [p.chart for p in planned]
    svgs: list[str | None] = [None] * len(planned)
    jobs: list[work.Job] = []
    fills: list[list[int]] = []  # the charts each job is for
    by_key: dict[str, int] = {}  # SVG key → its job: equal specs are rendered once
    for n, p in enumerate(planned):
        if p.chart is None:
            jobs.append(work.Job(p.recipe, None, True))
            fills.append([n])
        else:
            text = spec_json(p.chart.spec)
            key = svg_key(text)
            svgs[n] = svg_store.get_text(f"{key}.svg")
            if svgs[n] is None and key in by_key:
                fills[by_key[key]].append(n)
            elif svgs[n] is None:
                by_key[key] = len(jobs)
                jobs.append(work.Job(None, text, True))
                fills.append([n])
    for job, done, filled in zip(jobs, work.run(jobs, catalogue, svg_folder, workers), fills, strict=True):
        first = filled[0]
        if job.recipe is not None:
            assert done.chart is not None
            charts[first] = keep(planned[first], done.chart, done.read, done.untracked, catalogue, specs)
        if done.rendered:
            svg_store.put_text(f"{svg_key(spec_json(charts[first].spec))}.svg", done.svg)
        for n in filled:
            svgs[n] = done.svg
    return charts, svgs
