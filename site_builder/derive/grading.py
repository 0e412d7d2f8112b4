"""Grading rules are data: the presets municipalities publish, and the one function that grades (pure).

A rule compares a score in percent with bands, best first; the first band whose lower bound the score
reaches is the grade. The score is either
- attainment: (value − baseline) ÷ (target − baseline) (see `progress`), or
- pace: attainment ÷ the share of the way straight-line pacing expects by the review year (year k of
  an n-year path expects k/n), so 100 % means "exactly on the straight line".
Presets (data/site.yaml `grading: preset:`), each band's lower bound changeable with `thresholds:`:
- pacing (多摩市): pace ≥ 100 % 「順調に進んでいる」, ≥ 60 % 「概ね順調」, below 「改善が必要」;
- four-band (いの町): attainment ≥ 100 % ◎ met, ≥ 90 % ○ level with the target, > 0 % △ below,
  else × no progress; a project marked `ended: true` in the review is × too;
- letters: attainment ≥ 100 % A, ≥ 80 % B, ≥ 50 % C, else D;
- custom: `measure:` and `bands:` written in data/site.yaml.
A value that cannot be graded gets a state instead of a band: not_reviewed (no review of that year, or
the review does not list it), not_measured (the review says why), not_gradable (see NOT_GRADABLE).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ..derive.progress import as_decimal, attainment, expected_share, path_start
from ..load.loaders import Loc
from ..load.models import BandSpec, Grading, Indicator, Text
from ..load.reviews import IndicatorResult

Measure = Literal["attainment", "pace"]
StateId = Literal["not_reviewed", "not_measured", "not_gradable"]
STATES: tuple[StateId, ...] = ("not_reviewed", "not_measured", "not_gradable")
# Why a value has no grade (pages explain each; locale keys grading.reason.<id>):
NOT_GRADABLE = (
    "falling-without-baseline",  # a falling target needs a starting point
    "zero-target-without-baseline",  # value ÷ target with a target of 0
    "path-not-started",  # pace in a year the straight-line path has not begun (nothing is expected yet)
)


def _band(ident: str, symbol: str, ja: str, en: str, minimum: str | None, inclusive: bool = True) -> BandSpec:
    return BandSpec(id=ident, symbol=symbol, label=Text(ja=ja, en=en),
                    min=Decimal(minimum) if minimum is not None else None, inclusive=inclusive)


# preset → (measure, bands best first, the band of an ended project)
PRESETS: dict[str, tuple[Measure, tuple[BandSpec, ...], str | None]] = {
    "pacing": ("pace", (
        _band("steady", "◎", "順調に進んでいる", "steadily progressing", "100"),
        _band("roughly", "○", "概ね順調", "roughly on track", "60"),
        _band("needs-improvement", "△", "改善が必要", "needs improvement", None)), None),
    "four-band": ("attainment", (
        _band("met", "◎", "目標を達成", "target met", "100"),
        _band("level", "○", "目標と同程度", "level with the target", "90"),
        _band("below", "△", "目標を下回る", "below the target", "0", inclusive=False),
        _band("none", "×", "進捗なし・事業終了", "no progress or ended", None)), "none"),
    "letters": ("attainment", (
        _band("a", "A", "達成", "achieved", "100"),
        _band("b", "B", "概ね達成", "largely achieved", "80"),
        _band("c", "C", "一部達成", "partly achieved", "50"),
        _band("d", "D", "未達成", "not achieved", None)), None),
}


@dataclass(frozen=True)
class Band:
    id: str
    symbol: str
    label: Text
    min: Decimal | None  # percent; None: the last band, everything below the one above
    inclusive: bool
    description: Text  # the band's condition in words, made from the thresholds (about page)
    colour: int  # 0 best … 3 worst: which of four colours charts and badges use

    @property
    def anchor(self) -> str:
        return f"grading-{self.id}"


@dataclass(frozen=True)
class Rule:
    preset: str
    measure: Measure
    bands: tuple[Band, ...]
    ended_band: str | None  # the band of a project marked ended; None: graded by its value
    path_start: int | None  # pace: start of the path when a baseline states no year (None: year before the plan)

    def band(self, ident: str) -> Band:
        return next(b for b in self.bands if b.id == ident)


@dataclass(frozen=True)
class Grade:
    """A band given by the rule, and the numbers that led to it."""

    rule: str  # the preset, so a page can say which rule gave the grade
    band: Band
    score: Decimal | None  # percent compared with the bands; None when the band comes from `ended`
    attainment: Decimal | None  # share of the way from baseline to target (1 = target)
    expected: Decimal | None  # pace: share of the way expected by the review year
    ended: bool = False
    graded = True

    @property
    def id(self) -> str:
        return self.band.id

    @property
    def anchor(self) -> str:
        return self.band.anchor


@dataclass(frozen=True)
class State:
    """No grade: not reviewed, not measured (with the review's reason) or not gradable (with a reason id)."""

    id: StateId
    reason: str | None = None  # not_gradable: one of NOT_GRADABLE
    note: Text | None = None  # not_measured: the reason the review gives
    graded = False

    @property
    def anchor(self) -> str:
        return "grading-" + self.id.replace("_", "-")


Outcome = Grade | State
NOT_REVIEWED = State("not_reviewed")


def evaluate(rule: Rule, ind: Indicator, entry: IndicatorResult | None, year: int, plan_start: int) -> Outcome:
    """The outcome of one indicator in the review of fiscal `year` (entry None: not in that review)."""
    if entry is None:
        return NOT_REVIEWED
    if entry.ended and rule.ended_band:
        share = attainment(ind, entry.value) if entry.value is not None else None
        return Grade(rule.preset, rule.band(rule.ended_band), None, as_decimal(share), None, ended=True)
    if entry.value is None:
        return State("not_measured", note=entry.not_measured)
    return grade(rule, ind, entry.value, year, plan_start)


def grade(rule: Rule, ind: Indicator, value: Decimal, year: int, plan_start: int) -> Outcome:
    """The band of a measured value (or not_gradable, with the reason)."""
    share = attainment(ind, value)
    if share is None:
        reason = "falling-without-baseline" if ind.direction == "lower" else "zero-target-without-baseline"
        return State("not_gradable", reason=reason)
    expected: Fraction | None = None
    score = share * 100
    if rule.measure == "pace":
        default = rule.path_start if rule.path_start is not None else plan_start - 1
        expected = expected_share(ind, year, path_start(ind, default))
        if expected == 0:
            return State("not_gradable", reason="path-not-started")
        score = share / expected * 100
    band = next(b for b in rule.bands if b.min is None or score > Fraction(b.min) or (b.inclusive and score == Fraction(b.min)))
    return Grade(rule.preset, band, as_decimal(score), as_decimal(share), as_decimal(expected))


# --- the rule from data/site.yaml ---------------------------------------------------------------


def check(g: Grading) -> list[tuple[Loc, str]]:
    """What is wrong with a `grading:` block, each with its place under `grading`."""
    problems: list[tuple[Loc, str]] = []
    if g.preset == "custom":
        if g.measure is None:
            problems.append((("preset",), "preset custom needs measure: attainment or pace"))
        if not g.bands:
            problems.append((("preset",), "preset custom needs bands: a list of {id, symbol, label: {ja, en}, min}, "
                             "best first, the last with min: null"))
            return problems
    else:
        for key in ("measure", "bands"):
            if getattr(g, key) is not None:
                problems.append(((key,), f"preset {g.preset} sets its own {key}: remove {key} (to move a band's "
                                 "lower bound write thresholds: {band id: percent}), or use preset: custom"))
    specs = _specs(g)
    ids = [b.id for b in specs]
    where: Loc = ("bands",) if g.preset == "custom" else ("preset",)
    if len(specs) < 2:
        problems.append((where, "a rule needs at least two bands"))
    seen: set[str] = set()
    for i, b in enumerate(specs):
        here = ("bands", i) if g.preset == "custom" else where
        if b.id in seen:
            problems.append((here + ("id",), f"band id '{b.id}' is used twice"))
        if b.id.replace("-", "_") in STATES or b.id == "heading":  # their anchors are taken on the about page
            problems.append((here + ("id",), f"'{b.id}' is reserved (a state or a heading): choose another band id"))
        seen.add(b.id)
        last = i == len(specs) - 1
        if last != (b.min is None):
            fix = "write min: null (it takes everything below)" if last else "give it a lower bound, e.g. min: 50"
            problems.append((here + ("min",), f"band '{b.id}' {'is the last' if last else 'is not the last'}: {fix}"))
    for ident in g.thresholds:
        if ident not in ids:
            problems.append((("thresholds", ident), f"no band '{ident}' in preset {g.preset}: use one of {', '.join(ids[:-1])}"))
        elif ident == ids[-1]:
            problems.append((("thresholds", ident), f"'{ident}' is the last band and has no lower bound: "
                             "it takes everything below the band above"))
    if problems:
        return problems
    mins = [_min(g, b) for b in specs]
    for i in range(1, len(specs) - 1):
        if mins[i] >= mins[i - 1]:
            loc = ("thresholds", specs[i].id) if specs[i].id in g.thresholds else (
                ("bands", i, "min") if g.preset == "custom" else ("thresholds",))
            problems.append((loc, f"band '{specs[i].id}' starts at {_pct(mins[i])}% but the band above it at "
                             f"{_pct(mins[i - 1])}%: each band must start lower than the one above"))
    if g.ended_band is not None and g.ended_band not in ids:
        problems.append((("ended_band",), f"no band '{g.ended_band}': use one of {', '.join(ids)}"))
    return problems


def rule(g: Grading) -> Rule:
    """The rule a valid `grading:` block describes (after `check` found nothing)."""
    measure: Measure
    if g.preset == "custom":
        assert g.measure is not None
        measure, ended = g.measure, g.ended_band
    else:
        measure, _, ended = PRESETS[g.preset]
        ended = g.ended_band or ended
    specs = _specs(g)
    n = len(specs)
    bands: list[Band] = []
    for i, b in enumerate(specs):
        minimum = _min(g, b)
        above = bands[-1] if bands else None
        bands.append(Band(b.id, b.symbol, b.label, minimum, b.inclusive, _describe(measure, minimum, b.inclusive, above,
                                                                                  b.id == ended), i * 3 // max(n - 1, 1)))
    return Rule(g.preset, measure, tuple(bands), ended, g.path_start)


def _specs(g: Grading) -> tuple[BandSpec, ...]:
    return tuple(g.bands or ()) if g.preset == "custom" else PRESETS[g.preset][1]


def _min(g: Grading, b: BandSpec) -> Decimal | None:
    return g.thresholds.get(b.id, b.min) if b.min is not None else None


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _describe(measure: Measure, minimum: Decimal | None, inclusive: bool, above: Band | None, ended: bool) -> Text:
    """「達成度が90%以上100%未満」 / "attainment is at least 90% and below 100%", from the thresholds."""
    subject = (("達成度", "attainment") if measure == "attainment" else
               ("直線的な進み具合に対する達成度", "progress against the straight-line pace"))
    ja, en = [], []
    if minimum is not None:
        m = _pct(minimum)
        ja.append(f"{m}%以上" if inclusive else f"{m}%を超え" if above else f"{m}%を超える")
        en.append(f"at least {m}%" if inclusive else f"above {m}%")
    if above is not None and above.min is not None:
        u = _pct(above.min)
        ja.append(f"{u}%未満" if above.inclusive else f"{u}%以下")
        en.append(f"below {u}%" if above.inclusive else f"{u}% or less")
    text_ja = f"{subject[0]}が{''.join(ja)}"
    text_en = f"{subject[1]} is {' and '.join(en)}"
    if ended:
        text_ja, text_en = text_ja + "、または事業が終了", text_en + ", or the project has ended"
    return Text(ja=text_ja, en=text_en)
