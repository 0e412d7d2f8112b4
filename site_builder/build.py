"""build(root, out) → BuildReport: load → validate → derive → render → write, top to bottom.

Every build goes through the caches (`incremental`): a chart, page or search index whose inputs did not
change is read back instead of made, and a build whose inputs did not change at all, with its output still
in place, writes nothing. The output is byte for byte the same either way (tests/test_incremental.py)."""

from __future__ import annotations

import time
from pathlib import Path

from .charts.render import BUNDLE_PATH, chart_files, javascript_bundle, site_charts
from .check import check
from .derive.facts import derive
from .errors import StrictError
from .headers import headers_file
from .incremental.keys import Fingerprints, digest
from .incremental.manifest import Manifest, output_hashes, record
from .incremental.reuse import reuse
from .incremental.session import BuildSession
from .incremental.store import Store, cache_folder
from .incremental.tree import InputState
from .load.inputs import load_inputs
from .load.markup import content_images
from .load.models import LANGS
from .opendata.files import export_data
from .render.cached_pages import PageRenderer
from .render.environment import Helpers, environment, output_path
from .render.pages import plan_pages
from .render.search import search_bundle
from .render.site_files import robots_txt, sitemap_xml, static_assets
from .report import BuildReport
from .writer import Output, write_site

__all__ = ["BuildReport", "BuildSession", "build"]


def build(root: Path, out: Path | None, strict: bool = False, search: bool = True,
          session: BuildSession | None = None) -> BuildReport:
    """Build the site from the project at `root` into `out` (None: `check.check`, validate only, make nothing).

    `search=False` skips the search index, for speed. A `session` (the preview server keeps one) lets a rebuild
    reuse what did not change; the output is the same without it."""
    if out is None:
        return check(root, strict, session)
    started = time.perf_counter()
    session = session if session is not None else BuildSession(root)
    cache = cache_folder(root)
    reused, state, key, before = reuse(root, out, strict, search, session.manifest)
    if reused is not None:
        session.remember_build(state, before)
        return reused

    output, pages, warnings, rendered = make_site(root, cache, session, state)
    if strict and warnings:
        raise StrictError(warnings)
    if search:
        pages_html = {path: data for path, data in output.files.items() if path.endswith(".html")}
        for path, content in search_bundle(pages_html, cache / "search").items():
            output.add(path, content)
    write_site(output, out, root)
    hashes = output_hashes(output.files)
    previous = session.manifest.files if session.manifest else {}
    manifest = Manifest(key, pages, hashes, tuple(warnings))
    record(cache, manifest)
    session.remember_build(state, manifest)
    return BuildReport(pages, len(LANGS), len(output.files), warnings, time.perf_counter() - started,
                       changed=tuple(sorted(p for p in hashes if previous.get(p) != hashes[p])), rendered=rendered)


def _data_stage(inputs, cache: Path) -> tuple:
    """What follows from the data, UI strings and templates alone, never from content/ (the narratives): the
    derived facts, the open data, the charts and their files, and the fingerprints of these values (kept with them,
    so a page that shows them is keyed without hashing them again). A Markdown edit in the preview reuses all of it."""
    before = set(inputs.catalogue.missing)
    derived = derive(inputs)
    open_data = export_data(inputs.site, inputs.strategy, inputs.population, inputs.survey, derived)
    charts = site_charts(inputs, derived, cache)
    missing = inputs.catalogue.missing - before  # UI strings the charts asked for in vain: said again on reuse
    return derived, open_data, charts, chart_files(charts.values()), Fingerprints(), missing


def make_site(root: Path, cache: Path, session: BuildSession, state: InputState) -> tuple[Output, int, list[str], int]:
    """Every file of the site in memory (without the search index), the page count, the warnings, and how many
    pages were rendered."""
    inputs = session.inputs(root, state, load_inputs)
    data = session.memo("data", digest(str(cache), *(f"{path} {sha}" for path, sha in sorted(state.files.items())
                                                    if not path.startswith("content/"))), lambda: _data_stage(inputs, cache))
    derived, open_data, charts, chart_outputs, prints, missing = data
    inputs.catalogue.missing |= missing
    pages = plan_pages(inputs, derived, open_data)

    keys = frozenset(page.key for page in pages)
    # the templates, without their UI strings: each page records the strings it read, and is checked against them
    templates = digest(*(f"{path} {sha}" for path, sha in sorted(state.files.items())
                         if "templates/" in path and "templates/locales/" not in path))
    env = session.environment(inputs.templates, lambda folder: environment(folder, cache / "jinja"), templates)
    renderer = PageRenderer(Store(cache / "pages"), digest(templates, *sorted(keys)), inputs.catalogue, charts, prints)
    warnings: set[str] = set()
    output = Output()
    for page in pages:
        for lang in LANGS:
            def render(strings, views, found, page=page, lang=lang) -> str:
                h = Helpers(lang, page.key, strings, found, inputs.site.base_url, page.absolute_links, views,
                            numbering=inputs.strategy.numbering, pages=keys)
                return env.get_template(page.template).render(page=page, ctx=page.context, h=h, site=inputs.site)

            html, found = renderer.page((page, lang, inputs.site, inputs.strategy.numbering), render)
            warnings |= found
            output.add(output_path(page.key, lang), html)
    for path, content in static_assets(inputs.assets):
        output.add(path, content)
    for path, content in open_data.files.items():
        output.add(path, content)
    for path, content in chart_outputs.items():
        output.add(path, content)
    for path, content in content_images(inputs.narratives.values()).items():
        output.add(path, content)
    output.add(BUNDLE_PATH, javascript_bundle(cache))
    output.add("sitemap.xml", sitemap_xml(pages, inputs.site.base_url))
    output.add("robots.txt", robots_txt(inputs.site.base_url))
    output.add("_headers", headers_file())

    # a key missing in one language only is warned at its line in the other (render/i18n.py); here: in neither
    known = set().union(*map(set, inputs.catalogue.strings.values()))
    found = [str(w) for w in inputs.warnings] + sorted(warnings) + [
        f"templates/locales/{lang}.yaml: UI string '{key}' is missing: add it" for lang, key in sorted(inputs.catalogue.missing)
        if key not in known]
    return output, len(pages), list(dict.fromkeys(found)), renderer.rendered
