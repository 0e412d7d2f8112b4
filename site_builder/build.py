"""build(root, out) → BuildReport: load → validate → derive → render → write, top to bottom.

Every build goes through the caches (`incremental`): a chart, page or search index whose inputs did not
change is read back instead of made, and a build whose inputs did not change at all, with its output still
in place, writes nothing. The output is byte for byte the same either way (tests/test_incremental.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .charts.render import BUNDLE_PATH, Drawing, chart_files, site_charts
from .check import check
from .collector import no_full_collection
from .derive.facts import derive
from .errors import StrictError
from .headers import headers_file
from .incremental.keys import Fingerprints, digest
from .incremental.manifest import Manifest, record
from .incremental.reuse import remember_pages, reuse
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
from .render.search import Warming, start_index
from .render.site_files import robots_txt, sitemap_xml, static_assets
from .report import BuildReport
from .writer import Output, update_site, write_site

__all__ = ["BuildReport", "BuildSession", "build"]


@no_full_collection()  # the heap only grows until the site is written: walking it whole finds little
def build(root: Path, out: Path | None, strict: bool = False, search: bool = True,
          session: BuildSession | None = None, warm: Warming | None = None) -> BuildReport:
    """Build the site from the project at `root` into `out` (None: `check.check`, validate only, make nothing).

    `search=False` skips the search index, for speed. A `session` (the preview server keeps one) lets a rebuild
    reuse what did not change; the output is the same without it. `warm`: Pagefind already started (the command
    line's), used for the search index if it is not in the cache; the caller stops it if unused."""
    if out is None:
        return check(root, strict, session)
    started = time.perf_counter()
    session = session if session is not None else BuildSession(root)
    cache = cache_folder(root)
    reused, state, key, before = reuse(root, out, strict, search, session.manifest)
    if reused is not None:
        session.remember_build(state, before)
        return reused

    site = make_site(root, cache, session, state)
    try:
        if strict and site.warnings:
            raise StrictError(site.warnings)
        # Pagefind indexes the pages while the charts' SVGs are still being drawn: it ignores where they go
        index = start_index(site.pages, cache / "search", warm) if search else None
        output = site.finish()
        for path, content in (index.result() if index else {}).items():
            output.add(path, content)
    except BaseException:
        site.drawing.close(cancel=True)
        session.forget("data")  # its SVGs may be unfinished: made again by the next build
        raise
    # the preview writes into the folder it wrote moments before: only what changed (CLI builds swap in a new one)
    last = session.written
    written = update_site(output, out, root, last[1]) if last and last[0] == out.resolve() else write_site(output, out, root)
    session.written = (out.resolve(), written)
    hashes = {path: sha for path, (sha, _, _) in written.items()}
    previous = session.manifest.files if session.manifest else {}
    manifest = Manifest(key, site.count, hashes, tuple(site.warnings))
    record(cache, manifest)
    remember_pages(cache, search, state)
    session.remember_build(state, manifest)
    return BuildReport(site.count, len(LANGS), len(output.files), site.warnings, time.perf_counter() - started,
                       changed=tuple(sorted(p for p in hashes if previous.get(p) != hashes[p])), rendered=site.rendered)


@dataclass
class Site:
    """Every file of the site but the search index, with the charts' SVGs still to be drawn into the pages."""

    files: Output  # all but the pages and the chart bundle
    pages: dict[str, bytes]  # each page, marked where its charts' SVGs go (search may read it so)
    drawing: Drawing
    count: int  # pages (each in every language)
    warnings: list[str]
    rendered: int  # pages rendered (not read from the cache)

    def finish(self) -> Output:
        """The whole site but the search index, once the SVGs are drawn into the pages (waits for them). Each marked
        page is let go once filled: a large site is not held twice."""
        for path in list(self.pages):
            self.files.add(path, self.drawing.fill(self.pages.pop(path).decode("utf-8")))
        self.files.add(BUNDLE_PATH, self.drawing.bundle())
        self.drawing.close()
        return self.files


def _data_stage(inputs, cache: Path, session: BuildSession) -> tuple:
    """What follows from the data, UI strings and templates alone, never from content/ (the narratives): the
    derived facts, the open data, the charts (their SVGs still being drawn) and their files, and the fingerprints
    of these values (kept with them, so a page that shows them is keyed without hashing them again). A Markdown
    edit in the preview reuses all of it."""
    before = set(inputs.catalogue.missing)
    derived = derive(inputs)
    charts, drawing = site_charts(inputs, derived, cache, session.workers)  # the workers start on them; meanwhile:
    try:
        open_data = export_data(inputs.site, inputs.strategy, inputs.population, inputs.survey, derived)
        files = chart_files(charts.values())
    except BaseException:
        drawing.close(cancel=True)
        raise
    missing = inputs.catalogue.missing - before  # UI strings the charts asked for in vain: said again on reuse
    return derived, open_data, charts, drawing, files, Fingerprints(), missing


def make_site(root: Path, cache: Path, session: BuildSession, state: InputState) -> Site:
    """Every file of the site but the search index, the pages rendered (their SVGs still to be drawn in)."""
    inputs = session.inputs(root, state, load_inputs)
    data = session.memo("data", digest(str(cache), *(f"{path} {sha}" for path, sha in sorted(state.files.items())
                                                    if not path.startswith("content/"))), lambda: _data_stage(inputs, cache, session))
    derived, open_data, charts, drawing, chart_outputs, prints, missing = data
    try:
        inputs.catalogue.missing |= missing
        pages = plan_pages(inputs, derived, open_data)

        keys = frozenset(page.key for page in pages)
        # the templates, without their UI strings: each page records the strings it read, and is checked against them
        templates = digest(*(f"{path} {sha}" for path, sha in sorted(state.files.items())
                             if "templates/" in path and "templates/locales/" not in path))
        env = session.environment(inputs.templates, lambda folder: environment(folder, cache / "jinja"), templates)
        renderer = PageRenderer(Store(cache / "pages"), digest(templates, *sorted(keys)), inputs.catalogue, charts, prints)
        warnings: set[str] = set()
        rendered: dict[str, bytes] = {}
        for page in pages:
            for lang in LANGS:
                def render(strings, views, found, page=page, lang=lang) -> str:
                    h = Helpers(lang, page.key, strings, found, inputs.site.base_url, page.absolute_links, views,
                                numbering=inputs.strategy.numbering, pages=keys)
                    return env.get_template(page.template).render(page=page, ctx=page.context, h=h, site=inputs.site)

                html, found = renderer.page((page, lang, inputs.site, inputs.strategy.numbering), render)
                warnings |= found
                rendered[output_path(page.key, lang)] = html.encode("utf-8")
    except BaseException:
        drawing.close(cancel=True)
        session.forget("data")
        raise
    output = Output()
    for path, content in static_assets(inputs.assets):
        output.add(path, content)
    for path, content in open_data.files.items():
        output.add(path, content)
    for path, content in chart_outputs.items():
        output.add(path, content)
    for path, content in content_images(inputs.narratives.values()).items():
        output.add(path, content)
    output.add("sitemap.xml", sitemap_xml(pages, inputs.site.base_url))
    output.add("robots.txt", robots_txt(inputs.site.base_url))
    output.add("_headers", headers_file())

    # a key missing in one language only is warned at its line in the other (render/i18n.py); here: in neither
    known = set().union(*map(set, inputs.catalogue.strings.values()))
    found = [str(w) for w in inputs.warnings] + sorted(warnings) + [
        f"templates/locales/{lang}.yaml: UI string '{key}' is missing: add it" for lang, key in sorted(inputs.catalogue.missing)
        if key not in known]
    return Site(output, rendered, drawing, len(pages), list(dict.fromkeys(found)), renderer.rendered)
