"""Chart specs through the disk cache: a chart whose inputs did not change is read back, not made again.

Making a spec costs Altair objects and deep copies (≈50 ms a chart); reading it back costs a JSON parse and
imports no Altair. A chart's key is the hash of its arguments (the models it is drawn from), the chart
function's name and the builder's code version; the UI strings a chart used are recorded in its entry and
compared on a hit (read through the catalogue, so a missing string is still reported).

`recipes` lists the same charts in the same order as `specs.all_charts` (a test holds them equal): it says
which chart function to call with what, without importing the chart code."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from ..derive.facts import Derived
from ..incremental.keys import Fingerprints, code_version, digest
from ..incremental.store import Store
from ..load.inputs import Inputs
from ..load.models import Lang
from ..render.i18n import Catalogue, ReadingCatalogue
from .kit import Cell, Chart, Column, Table

CATALOGUE = object()  # stands for the catalogue in a recipe's arguments: it is keyed by the strings it gives
Recipe = tuple[str, tuple[Any, ...]]  # (function name in charts.specs, arguments)


def recipes(inputs: Inputs, derived: Derived, lang: Lang) -> list[Recipe]:
    """Every chart of the site in one language, as `specs.all_charts` makes them (same order)."""
    indicators, plan_start = derived.indicators, inputs.strategy.period.start
    made: list[Recipe] = [("indicator_chart", (i, CATALOGUE, lang, plan_start)) for i in indicators]
    for g in inputs.strategy.goals:
        infos = [i for i in indicators if i.goal.id == g.id]
        if any(i.latest_value for i in infos):
            made.append(("goal_chart", (g, infos, CATALOGUE, lang, inputs.strategy.numbering)))
    if derived.rule is not None:
        made += [("review_chart", (r, derived.rule, CATALOGUE, lang)) for r in derived.reviews]
    if inputs.population is not None:
        made += [("vital_chart", (inputs.population.vital_statistics, CATALOGUE, lang)),
                 ("fertility_chart", (inputs.population.fertility, CATALOGUE, lang))]
    if inputs.survey is not None:
        survey = inputs.survey
        note = survey.note.get(lang) if survey.note else ""  # said once, under the first survey chart
        made += [("survey_chart", (q, CATALOGUE, lang, survey.source.get(lang), "" if n else note))
                 for n, q in enumerate(survey.questions)]
    return made


def cached_charts(inputs: Inputs, derived: Derived, langs: tuple[Lang, ...], store: Store,
                  make: Callable[[str, tuple], Chart] | None = None) -> list[Chart]:
    """Every chart in `langs`, each read from `store` when its key and strings match, else made (and stored)."""
    prints = Fingerprints()
    version = code_version()
    charts: list[Chart] = []
    for lang in langs:
        for name, args in recipes(inputs, derived, lang):
            key = digest(version, name, *(("catalogue" if a is CATALOGUE else prints(a)) for a in args))
            entry = f"{key}.json"
            chart = _read(store.get_text(entry), inputs.catalogue)
            if chart is None:
                recorder = ReadingCatalogue(inputs.catalogue)
                chart = (make or _make)(name, tuple(recorder if a is CATALOGUE else a for a in args))
                text = None if recorder.untracked else _write(chart, recorder.read)
                if text is not None:
                    store.put_text(entry, text)
            charts.append(chart)
    return charts


def _make(name: str, args: tuple) -> Chart:
    from . import specs  # Altair comes with it: only on a miss

    return getattr(specs, name)(*args)


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
