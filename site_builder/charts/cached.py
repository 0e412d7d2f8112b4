"""Chart specs through the disk cache: a chart whose inputs did not change is read back, not made again.

Making a spec costs Altair objects and deep copies (≈50 ms a chart); reading it back costs a JSON parse and
imports no Altair. A chart's key is the hash of its arguments (what it draws: `charts.drawn`), the chart
function's name and the builder's code version; the UI strings a chart used are recorded in its entry and
compared on a hit (read through the catalogue, so a missing string is still reported). The misses are made
by `charts.work` (in worker processes on a cold build) and handed back to `keep`.

`recipes` lists the same charts in the same order as `specs.all_charts` (a test holds them equal): it says
which chart function to call with what, without importing the chart code."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

from ..derive.facts import Derived
from ..incremental.keys import Fingerprints, code_version, digest
from ..incremental.store import Store
from ..load.inputs import Inputs
from ..load.models import Lang
from ..render.i18n import Catalogue
from . import drawn
from .kit import Cell, Chart, Column, Table
from .work import CATALOGUE, Recipe


def recipes(inputs: Inputs, derived: Derived, lang: Lang) -> list[Recipe]:
    """Every chart of the site in one language, as `specs.all_charts` makes them (same order)."""
    indicators, plan_start = derived.indicators, inputs.strategy.period.start
    shown = [(i.goal.id, drawn.indicator(i)) for i in indicators]  # what a chart draws is what it is keyed by
    made: list[Recipe] = [("indicator_chart", (d, CATALOGUE, lang, plan_start)) for _, d in shown]
    for g in inputs.strategy.goals:
        infos = [d for goal, d in shown if goal == g.id]
        if any(d.latest_value for d in infos):
            made.append(("goal_chart", (drawn.goal(g), infos, CATALOGUE, lang, inputs.strategy.numbering)))
    if derived.rule is not None:
        made += [("review_chart", (drawn.review(r), derived.rule, CATALOGUE, lang)) for r in derived.reviews]
    if inputs.population is not None:
        made += [("vital_chart", (inputs.population.vital_statistics, CATALOGUE, lang)),
                 ("fertility_chart", (inputs.population.fertility, CATALOGUE, lang))]
    if inputs.survey is not None:
        survey = inputs.survey
        note = survey.note.get(lang) if survey.note else ""  # said once, under the first survey chart
        made += [("survey_chart", (q, CATALOGUE, lang, survey.source.get(lang), "" if n else note))
                 for n, q in enumerate(survey.questions)]
    return made


@dataclass(frozen=True)
class Planned:
    """One chart of the site: how to make it, the name of its cache entry, and the chart if that entry was good."""

    recipe: Recipe
    entry: str
    chart: Chart | None


def planned_charts(inputs: Inputs, derived: Derived, langs: tuple[Lang, ...], store: Store) -> list[Planned]:
    """Every chart in `langs`, each read from `store` when its key and strings match; the rest are to be made."""
    prints = Fingerprints()
    version = code_version()
    planned = []
    for lang in langs:
        for name, args in recipes(inputs, derived, lang):
            key = digest(version, name, *(("catalogue" if a is CATALOGUE else prints(a)) for a in args))
            entry = f"{key}.json"
            planned.append(Planned((name, args), entry, _read(store.get_text(entry), inputs.catalogue)))
    return planned


def keep(planned: Planned, chart: Chart, read: tuple[tuple[Lang, str, str], ...], untracked: bool,
         catalogue: Catalogue, store: Store) -> Chart:
    """A chart made (here or in a worker) for `planned`: its strings read again through this build's catalogue
    (so a missing one is reported, as on a hit), and stored unless what it read is unknown."""
    for lang, key, _ in read:
        catalogue.get(lang, key)
    text = None if untracked else _write(chart, {(lang, key): value for lang, key, value in read})
    if text is not None:
        store.put_text(planned.entry, text)
    return chart


def _write(chart: Chart, read: dict[tuple[str, str], str]) -> str | None:
    """The entry's JSON, or None if the chart would not come back equal from it (then it is not cached)."""
    data = {"strings": [[lang, key, text] for (lang, key), text in sorted(read.items())], "chart": _chart_data(chart)}
    try:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        return None
    return text if _chart_from(json.loads(text)["chart"]) == chart else None


def _read(text: str | None, catalogue: Catalogue) -> Chart | None:
    if text is None:
        return None
    try:
        data = json.loads(text)
        # through the catalogue: a string changed since → a miss; a string missing → reported as before
        if any(catalogue.get(lang, key) != value for lang, key, value in data["strings"]):
            return None
        return _chart_from(data["chart"])
    except (ValueError, KeyError, TypeError):
        return None  # an entry of another shape: made again


def _chart_data(c: Chart) -> dict:
    data = {f.name: getattr(c, f.name) for f in fields(Chart) if f.name != "table"}
    t = c.table
    data["table"] = {"caption": t.caption, "highlight": list(t.highlight),
                     "columns": [{f.name: getattr(col, f.name) for f in fields(Column)} for col in t.columns],
                     "rows": [[{f.name: getattr(cell, f.name) for f in fields(Cell)} for cell in row] for row in t.rows]}
    return data


def _chart_from(d: dict) -> Chart:
    t = d["table"]
    table = Table(t["caption"], tuple(Column(**col) for col in t["columns"]),
                  tuple(tuple(Cell(**cell) for cell in row) for row in t["rows"]), tuple(t["highlight"]))
    return Chart(**{**d, "table": table})
