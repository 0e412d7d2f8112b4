"""Stage 1: load and validate every input file. Collects all problems, then raises once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..derive.grading import check as check_grading
from ..derive.updated import with_last_updated
from ..errors import DataError, Problem
from ..load.accessibility import AccessibilityResults, load_results
from ..load.checks import check_strategy, check_unique_ids
from ..load.english import missing_english
from ..load.loaders import links_outside, load, read_text
from ..load.markup import Narrative, parse_narrative
from ..load.models import LANGS, Lang, Population, Site, Strategy, Survey
from ..load.reviews import Review, load_reviews
from ..messages import say
from ..render.i18n import Catalogue, load_catalogue

# Narrative pages beside the goals: content/pages/<name>.<lang>.md. Every narrative is optional: a page
# or section whose files are absent is left out of the site, one with a single language is an error.
PAGE_NARRATIVES = ("about", "vision")
# Files a strategy may not have: the population and survey figures some strategies cite.
OPTIONAL_DATA = ("data/population.yaml", "data/survey.yaml")
# A project without its own templates/ or assets/ (examples/sample-city) uses the builder's.
BUILDER_ROOT = Path(__file__).resolve().parents[2]


def shared_folder(root: Path, name: str) -> Path:
    """The project's own `templates` or `assets` folder if it has one, else the builder's."""
    own = root / name
    return own if own.is_dir() or own.is_symlink() else BUILDER_ROOT / name


@dataclass(frozen=True)
class Inputs:
    root: Path
    site: Site
    strategy: Strategy
    population: Population | None  # None: no data/population.yaml, no population figures
    survey: Survey | None  # None: no data/survey.yaml
    narratives: dict[tuple[str, Lang], Narrative]  # ("goals/g1", "ja") -> Narrative; absent: left out
    catalogue: Catalogue
    accessibility: AccessibilityResults | None = None  # the latest browser test run, if recorded
    # What the loaders accepted but changed, cut or guessed (a comment cut from a value, removed HTML):
    # each one is reported with its file:line, and --strict fails on it.
    warnings: tuple[Problem, ...] = ()
    reviews: tuple[Review, ...] = ()  # the yearly reviews (data/reviews/<year>.yaml), oldest first

    @property
    def templates(self) -> Path:
        return shared_folder(self.root, "templates")

    @property
    def assets(self) -> Path:
        return shared_folder(self.root, "assets")

    def has_narrative(self, name: str) -> bool:
        return (name, "ja") in self.narratives


# Folders a project may have; each, where it exists, must be a folder (a file in its place would silently
# drop every narrative, or the site's styles, from the build).
FOLDERS = ("data", "data/reviews", "content", "content/goals", "content/pages", "templates", "templates/locales", "assets")


def load_inputs(root: Path) -> Inputs:
    problems: list[Problem] = links_outside(root) + [
        Problem(name, None, None, say("folder.is_file", name=name))
        for name in FOLDERS if (root / name).exists() and not (root / name).is_dir()]
    if problems:  # read nothing from outside the project, not even to report on it
        raise DataError(problems)
    warnings: list[Problem] = []

    site, site_doc, found = load(Site, root / "data/site.yaml", Path("data/site.yaml"))
    problems += found
    strategy, kpi_doc, found = load(Strategy, root / "data/kpi.yaml", Path("data/kpi.yaml"))
    problems += found
    if strategy is not None and kpi_doc is not None:
        problems += check_strategy(strategy, kpi_doc)
    if site is not None and site_doc is not None:
        problems += [site_doc.problem(("grading", *loc), message) for loc, message in check_grading(site.grading)]
    reviews: tuple[Review, ...] = ()
    if site is not None and strategy is not None:  # the reviews refer to both
        reviews, found, doubts = load_reviews(root, strategy, site)
        problems += found
        warnings += doubts
    population, pop_doc, found = _load_optional(Population, root, OPTIONAL_DATA[0])
    problems += found
    if population is not None and pop_doc is not None:
        problems += check_unique_ids(((c.id, ("fertility", "cities", i, "id"))
                                      for i, c in enumerate(population.fertility.cities)), pop_doc, "city")
    survey, survey_doc, found = _load_optional(Survey, root, OPTIONAL_DATA[1])
    problems += found
    if survey is not None and survey_doc is not None:
        problems += check_unique_ids(((q.id, ("questions", i, "id"))
                                      for i, q in enumerate(survey.questions)), survey_doc, "question")
    catalogue, found, cut = load_catalogue(shared_folder(root, "templates") / "locales", root)
    problems += found
    warnings += cut
    warnings += [w for doc in (site_doc, kpi_doc, pop_doc, survey_doc) if doc is not None for w in doc.warnings]
    for value, doc in ((site, site_doc), (strategy, kpi_doc), (population, pop_doc), (survey, survey_doc)):
        warnings += missing_english(value, doc) if value is not None and doc is not None else []
    accessibility, found = load_results(root)
    problems += found

    names = [f"pages/{n}" for n in PAGE_NARRATIVES]
    if strategy is not None:
        names += [f"goals/{g.id}" for g in strategy.goals]
    narratives: dict[tuple[str, Lang], Narrative] = {}
    known = ({"vital-statistics", "fertility"} if population else set()) | (
        {f"survey-{q.id}" for q in survey.questions} if survey else set())
    for name in names:
        files = {lang: Path("content", f"{name}.{lang}.md") for lang in LANGS}
        present = [lang for lang in LANGS if _exists(root / files[lang])]
        if not present:
            continue  # this narrative is left out
        for lang in LANGS:
            shown = files[lang]
            if lang not in present:
                other = files[present[0]]
                problems.append(Problem(shown, None, None, say("narrative.twin_missing", lang=lang, other=other)))
                continue
            text, found = read_text(root / shown, shown)
            problems += found
            if text is None:
                continue
            narrative, found, removed = parse_narrative(text, shown, root / "content", known)
            problems += found
            warnings += removed
            narratives[(name, lang)] = narrative

    if site is not None and site_doc is not None:
        problems += _section_titles(site, site_doc, narratives, warnings)
    if problems:
        raise DataError(problems)
    assert site and strategy  # no problems means every required file loaded
    site = with_last_updated(site, strategy, reviews)
    return Inputs(root, site, strategy, population, survey, narratives, catalogue, accessibility, tuple(warnings),
                  reviews)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _load_optional(model, root: Path, name: str):
    """A data file the strategy may not have: (None, None, []) when it is absent."""
    if not _exists(root / name):
        return None, None, []
    value, doc, problems = load(model, root / name, Path(name))
    # the whole file may go: say so where a part of it is missing
    return value, doc, [replace(p, message=p.message + say("optional_file", name=name))
                        if p.kind == "missing" else p for p in problems]


def _section_titles(site: Site, doc, narratives: dict[tuple[str, Lang], Narrative], warnings: list[Problem]) -> list[Problem]:
    """A page whose name differs between strategies (the vision page) takes its title from data/site.yaml."""
    has_vision = ("pages/vision", "ja") in narratives
    if has_vision and site.sections.vision is None:
        return [doc.problem(("sections",), "content/pages/vision.ja.md has no title: add to data/site.yaml "
                            "sections: {vision: {title: {ja: ○○市の方向性, en: Our city's direction}}}, "
                            "or delete content/pages/vision.ja.md and vision.en.md to leave the page out", at_key=True)]
    if not has_vision and site.sections.vision is not None:
        warnings.append(doc.problem(("sections", "vision"), "there is no content/pages/vision.ja.md, so this title is "
                                    "not used and the page is left out: write the page, or delete sections.vision",
                                    at_key=True))
    return []
