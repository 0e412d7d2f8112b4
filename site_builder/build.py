"""build(root, out) → BuildReport: load → validate → derive → render → write, top to bottom."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .charts.render import BUNDLE_PATH, cache_folder, chart_files, javascript_bundle, site_charts
from .derive.facts import derive
from .errors import StrictError
from .headers import headers_file
from .load.inputs import load_inputs
from .load.markup import content_images
from .load.models import LANGS
from .opendata.files import export_data
from .render.environment import Helpers, environment, output_path
from .render.i18n import catalogue_gaps
from .render.pages import plan_pages
from .render.search import search_bundle
from .render.site_files import robots_txt, sitemap_xml, static_assets
from .writer import Output, write_site


@dataclass(frozen=True)
class BuildReport:
    pages: int  # language-neutral pages; each exists once per language
    languages: int
    files: int
    warnings: list[str]
    seconds: float

    def summary(self, out: Path | None) -> str:
        where = f" → {out}" if out else " (checked, nothing written)"
        return (f"{self.pages} pages × {self.languages} languages, {self.files} files, "
                f"{len(self.warnings)} warnings, {self.seconds:.1f} s{where}")


def build(root: Path, out: Path | None, strict: bool = False, search: bool = True) -> BuildReport:
    """Build the site from the project at `root` into `out` (None: check only, write nothing).

    The search index is made only when the site is written (`search=False` skips it, for speed)."""
    started = time.perf_counter()
    inputs = load_inputs(root)
    derived = derive(inputs)
    open_data = export_data(inputs.site, inputs.strategy, inputs.population, inputs.survey, derived)
    pages = plan_pages(inputs, derived, open_data)
    charts = site_charts(inputs, derived, cache_folder(root))

    env = environment(inputs.templates)
    keys = frozenset(page.key for page in pages)
    warnings: set[str] = set()
    output = Output()
    for page in pages:
        for lang in LANGS:
            h = Helpers(lang, page.key, inputs.catalogue, warnings, inputs.site.base_url, page.absolute_links, charts,
                        numbering=inputs.strategy.numbering, pages=keys)
            html = env.get_template(page.template).render(page=page, ctx=page.context, h=h, site=inputs.site)
            output.add(output_path(page.key, lang), html)
    for path, content in static_assets(inputs.assets):
        output.add(path, content)
    for path, content in open_data.files.items():
        output.add(path, content)
    for path, content in chart_files(charts.values()).items():
        output.add(path, content)
    for path, content in content_images(inputs.narratives.values()).items():
        output.add(path, content)
    output.add(BUNDLE_PATH, javascript_bundle(cache_folder(root)))
    output.add("sitemap.xml", sitemap_xml(pages, inputs.site.base_url))
    output.add("robots.txt", robots_txt(inputs.site.base_url))
    output.add("_headers", headers_file())

    found = [str(w) for w in inputs.warnings] + sorted(warnings) + catalogue_gaps(inputs.catalogue) + [
        f"UI string '{key}' is missing in templates/locales/{lang}.yaml" for lang, key in sorted(inputs.catalogue.missing)]
    found = list(dict.fromkeys(found))
    if strict and found:
        raise StrictError(found)
    if out is not None:
        if search:
            pages_html = {path: data for path, data in output.files.items() if path.endswith(".html")}
            for path, content in search_bundle(pages_html).items():
                output.add(path, content)
        write_site(output, out, root)
    return BuildReport(len(pages), len(LANGS), len(output.files), found, time.perf_counter() - started)
