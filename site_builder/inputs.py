"""Stage 1: load and validate every input file. Collects all problems, then raises once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .accessibility import AccessibilityResults, load_results
from .checks import check_strategy, check_unique_ids
from .errors import DataError, Problem
from .i18n import Catalogue, load_catalogue
from .loaders import load, read_text
from .markup import Narrative, figure_line, parse_narrative
from .models import LANGS, Lang, Population, Site, Strategy, Survey

# Narrative pages beside the goals: content/pages/<name>.<lang>.md
PAGE_NARRATIVES = ("about", "vision")


@dataclass(frozen=True)
class Inputs:
    root: Path
    site: Site
    strategy: Strategy
    population: Population
    survey: Survey
    narratives: dict[tuple[str, Lang], Narrative]  # ("goals/g1", "ja") -> Narrative
    catalogue: Catalogue
    accessibility: AccessibilityResults | None = None  # the latest browser test run, if recorded
    # What the loaders accepted but changed, cut or guessed (a comment cut from a value, removed HTML):
    # each one is reported with its file:line, and --strict fails on it.
    warnings: tuple[Problem, ...] = ()


def load_inputs(root: Path) -> Inputs:
    problems: list[Problem] = []
    warnings: list[Problem] = []

    site, _, found = load(Site, root / "data/site.yaml", Path("data/site.yaml"))
    problems += found
    strategy, kpi_doc, found = load(Strategy, root / "data/kpi.yaml", Path("data/kpi.yaml"))
    problems += found
    if strategy is not None and kpi_doc is not None:
        problems += check_strategy(strategy, kpi_doc)
    population, pop_doc, found = load(Population, root / "data/population.yaml", Path("data/population.yaml"))
    problems += found
    if population is not None and pop_doc is not None:
        problems += check_unique_ids(((c.id, ("fertility", "cities", i, "id"))
                                      for i, c in enumerate(population.fertility.cities)), pop_doc, "city")
    survey, survey_doc, found = load(Survey, root / "data/survey.yaml", Path("data/survey.yaml"))
    problems += found
    if survey is not None and survey_doc is not None:
        problems += check_unique_ids(((q.id, ("questions", i, "id"))
                                      for i, q in enumerate(survey.questions)), survey_doc, "question")
    catalogue, found = load_catalogue(root / "templates/locales", root)
    problems += found
    accessibility, found = load_results(root)
    problems += found

    names = [f"pages/{n}" for n in PAGE_NARRATIVES]
    if strategy is not None:
        names += [f"goals/{g.id}" for g in strategy.goals]
    narratives: dict[tuple[str, Lang], Narrative] = {}
    known = {"vital-statistics", "fertility"} | ({f"survey-{q.id}" for q in survey.questions} if survey else set())
    for name in names:
        for lang in LANGS:
            shown = Path("content", f"{name}.{lang}.md")
            text, found = read_text(root / shown, shown)
            problems += found
            if text is None:
                continue
            narrative = parse_narrative(text, str(shown))
            for fig in narrative.figures():
                if fig not in known:
                    problems.append(Problem(shown, figure_line(text, fig), 1,
                                            f"unknown figure '{fig}': use one of {', '.join(sorted(known))}"))
            narratives[(name, lang)] = narrative

    if problems:
        raise DataError(problems)
    assert site and strategy and population and survey  # no problems means every file loaded
    return Inputs(root, site, strategy, population, survey, narratives, catalogue, accessibility, tuple(warnings))
