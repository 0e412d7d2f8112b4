"""Turning chart specs into files: static SVG (vl-convert), the vega-embed bundle, CSV and JSON.

Rendering is the slow part of a build (≈0.1–0.3 s per SVG, ≈1–3 s for the bundle), so every result
is cached by content hash outside the site folder (`<project>/.cache/charts/`): a rebuild renders
only the charts whose spec changed. The specs themselves are cached too (`charts.cached`). What is
missing is made in parallel, one process per core (`charts.work`): a build imports Altair and
vl-convert only in its workers, and one whose charts all hit imports neither.

Pages do not wait for the SVGs: a page shows a chart's SVG through a mark (`ChartView.svg`) that
`Drawing.fill` replaces once the SVGs are there, so pages are rendered, and indexed for search,
while the workers still render SVGs. The mark sits where search does not look (data-pagefind-ignore).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..charts import fonts, work
from ..charts.cached import Planned, keep, planned_charts
from ..charts.kit import Chart, spec_json, table_csv
from ..charts.work import RENDERER, svg_key
from ..derive.facts import Derived
from ..incremental.memory import Remembered
from ..incremental.store import Store, cache_folder  # noqa: F401 (cache_folder: where it always was)
from ..load.inputs import Inputs
from ..load.models import LANGS, Lang
from ..render.i18n import Catalogue

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # only in the downloadable .vl.json
BUNDLE_PATH = "assets/vendor/vega-embed.js"
# The bundle's only global: everything else stays inside the wrapping function.
BUNDLE_SNIPPET = "window.SiteVega = { embed: vegaEmbed, version: vegaEmbed.version };"


# A chart's mark in a page (`ChartView.svg`). Narratives cannot hold one: sanitising removes every HTML comment.
_MARK = re.compile(r"<!--site-builder:svg (\w+)/(.+?)-->")


@dataclass(frozen=True)
class ChartView:
    """What a page needs to show one chart: the chart, where its SVG goes, and its files."""

    chart: Chart
    csv_path: str  # relative to the site root: "charts/ja/indicator-x.csv"
    json_path: str
    options: dict  # vega-embed options for the page's language

    @property
    def dom_id(self) -> str:
        return f"chart-{self.chart.id}"

    @property
    def svg(self) -> Markup:
        """Where the page shows the static SVG: a mark that `Drawing.fill` replaces with it."""
        return Markup(f"<!--site-builder:svg {self.chart.lang}/{self.chart.id}-->")

    def data_block(self) -> Markup:
        """The spec and embed options as JSON that is safe inside <script type="application/json">.

        Without `usermeta`: vega-embed reads embed options from `usermeta.embedOptions`, which would
        override ours (the editor link among them); the options are ours alone."""
        spec = {key: value for key, value in self.chart.spec.items() if key != "usermeta"}
        return Markup(_script_json({"spec": spec, "options": self.options}))


def render_svgs(specs: Mapping[str, dict], cache: Path | None, workers: int | None = None) -> dict[str, str]:
    """SVG for each spec by name; from the cache where it is there, else rendered across the cores."""
    texts = {name: spec_json(spec) for name, spec in specs.items()}
    store = Store(cache)
    pool = work.Workers(Catalogue({}), sum(store.get_text(f"{svg_key(text)}.svg") is None for text in texts.values()),
                        workers)
    try:
        svgs, made = _svgs(list(texts.values()), store, pool, _faces(cache, pool))
        out = {name: svg if isinstance(svg, str) else svg.result() for name, svg in zip(texts, svgs, strict=True)}
        _store(made, store)
    finally:
        pool.close()
    return out


def _faces(cache: Path | None, pool: work.Workers) -> tuple[Path | None, bool]:
    """Where the chart font's single faces are (`charts.fonts`), and whether a worker that finds them missing makes
    them (a build without workers draws its few SVGs with the system's fonts, as the faces are not there yet)."""
    return (fonts.faces_folder(cache) if cache else None), pool.parallel


def _svgs(texts: list[str], store: Store, pool: work.Workers,
          faces: tuple[Path | None, bool]) -> tuple[list[str | work.Later[str]], dict[str, work.Later[str]]]:
    """The SVG of each canonical spec: from the cache, else a job (one per distinct spec); and the jobs by key."""
    made: dict[str, work.Later[str]] = {}
    svgs: list[str | work.Later[str]] = []
    for text in texts:
        key = svg_key(text)
        hit = made.get(key) or store.get_text(f"{key}.svg")
        if hit is None:
            hit = made[key] = pool.submit(work.svg, text, *faces)
        svgs.append(hit)
    return svgs, made


def _store(made: Mapping[str, work.Later[str]], store: Store) -> None:
    for key, later in made.items():
        store.put_text(f"{key}.svg", later.result())


def _bundle(store: Store, pool: work.Workers) -> str | work.Later[str]:
    """vega-embed + Vega-Lite + Vega in one file (`work.bundle`): from the cache, else a job."""
    hit = store.get_text(_BUNDLE_ENTRY)
    return hit if hit is not None else pool.submit(work.bundle, BUNDLE_SNIPPET)


_BUNDLE_ENTRY = "bundle-" + hashlib.sha256(f"{RENDERER}\n{BUNDLE_SNIPPET}".encode()).hexdigest() + ".js"


class Drawing:
    """The static SVGs of the site's charts and the vega-embed bundle while they are made (in worker processes on a
    cold build): `fill` waits for them and puts each SVG where a page marks it; `close` ends the workers."""

    def __init__(self, charts: list[Chart], svgs: list[str | work.Later[str]], made: dict[str, work.Later[str]],
                 bundle: str | work.Later[str], stores: tuple[Store, Store], pool: work.Workers):
        self._charts, self._svgs, self._made, self._bundle = charts, svgs, made, bundle
        (self._store, self._bundles), self._pool = stores, pool  # where SVGs and bundles are cached
        self._inline: dict[tuple[str, str], Markup] | None = None

    def fill(self, page: str) -> str:
        """The page with each chart's SVG in place of its mark."""
        inline = self._done()
        return _MARK.sub(lambda m: inline[(m[1], m[2])], page)

    def bundle(self) -> str:
        if not isinstance(self._bundle, str):
            self._bundle = self._bundle.result()
            self._bundles.put_text(_BUNDLE_ENTRY, self._bundle)
        return self._bundle

    def close(self, cancel: bool = False) -> None:
        self._pool.close(cancel)

    def _done(self) -> dict[tuple[str, str], Markup]:
        if self._inline is None:
            svgs = [svg if isinstance(svg, str) else svg.result() for svg in self._svgs]
            _store(self._made, self._store)
            self._inline = {(c.lang, c.id): inline_svg(svg, f"chart-{c.id}", c.title)
                            for c, svg in zip(self._charts, svgs, strict=True)}
        return self._inline


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


def chart_views(charts: Iterable[Chart], menus: Mapping[Lang, Mapping[str, str]]) -> dict[tuple[Lang, str], ChartView]:
    """Every chart by (language, id), with the paths of its downloads."""
    return {(c.lang, c.id): ChartView(c, f"charts/{c.lang}/{c.id}.csv", f"charts/{c.lang}/{c.id}.vl.json",
                                      embed_options(c.lang, menus[c.lang])) for c in charts}


MENU_KEYS = ("chart.menu", "chart.menu_png", "chart.menu_svg")


def site_charts(inputs: Inputs, derived: Derived, cache: Path | None,
                workers: Callable[[Catalogue, int], work.Workers] | None = None) -> tuple[dict[tuple[Lang, str], ChartView], Drawing]:
    """Every chart of the site in both languages, and their SVGs and the bundle under way (close the `Drawing`).
    Specs, SVGs and the bundle come through the cache under `cache`; `workers` (the preview's `work.Kept`) gives
    where the jobs run (else `work.Workers`)."""
    specs, svgs = Store(cache / "specs" if cache else None), Store(cache / "svg" if cache else None)
    planned = planned_charts(inputs, derived, LANGS, specs)
    # the jobs to do, counted before any starts: whether a pool pays depends on them
    texts = {n: spec_json(p.chart.spec) for n, p in enumerate(planned) if p.chart is not None}
    todo = sum(p.chart is None for p in planned) + len({t for t in texts.values()
                                                        if svgs.get_text(f"{svg_key(t)}.svg") is None})
    bundles = Store(cache)
    pool = (workers or work.Workers)(inputs.catalogue, todo + (bundles.get_text(_BUNDLE_ENTRY) is None))
    try:
        bundle = _bundle(bundles, pool)  # first: the longest job
        charts = _charts(planned, inputs.catalogue, specs, pool)
        drawn, made = _svgs([spec_json(c.spec) for c in charts], svgs, pool, _faces(cache, pool))
    except BaseException:
        pool.close(cancel=True)
        raise
    menus = {lang: {key: inputs.catalogue.get(lang, key) for key in MENU_KEYS} for lang in LANGS}
    return chart_views(charts, menus), Drawing(charts, drawn, made, bundle, (svgs, bundles), pool)


def _charts(planned: list[Planned], catalogue: Catalogue, specs: Store, pool: work.Workers) -> list[Chart]:
    """Each planned chart: read from the cache, or made (a job per chart, all started before any is waited for)."""
    made = {n: pool.submit(work.spec, p.recipe) for n, p in enumerate(planned) if p.chart is None}
    charts = [p.chart for p in planned]
    for n, later in made.items():
        done = later.result()
        charts[n] = keep(planned[n], done.chart, done.read, done.untracked, catalogue, specs)
    return charts  # type: ignore[return-value]
