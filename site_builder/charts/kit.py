"""What every chart shares: colours, font, sizes, the table beside a chart, and helpers that format
numbers, years and line breaks the way the pages do (pure functions).

The charts themselves are in `charts`.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import cache, wraps
from typing import ParamSpec, TypeVar

from .. import formats
from ..incremental.lazy import altair as alt  # imported on first use: cached charts need no Altair
from ..load.models import Amount, Lang, Unit
from ..opendata.csvtext import csv_text
from ..render.i18n import Catalogue

# Okabe–Ito colours (safe for the common colour-vision deficiencies), each ≥ 3:1 against BACKGROUND.
BACKGROUND = "#ffffff"
INK = "#1a1a1a"
MUTED = "#4a4a4a"
BLUE, VERMILLION, GREEN, PURPLE, GREY = "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#6B6B6B"
PALETTE = (BLUE, VERMILLION, GREEN, PURPLE, GREY)
TRACK_FILL, TRACK_LINE = "#e6e6e6", "#8c8c8c"
KIND_COLOURS = {"baseline": GREY, "target": BLUE, "actual": VERMILLION}
KIND_SHAPES = {"baseline": "circle", "target": "diamond", "actual": "square"}
BAND_COLOURS = (GREEN, BLUE, PURPLE, VERMILLION)  # grading.Band.colour: 0 best … 3 worst; a state is GREY
# Japanese in a named CJK sans-serif (Debian: fonts-noto-cjk); the rest of the list is for readers'
# machines, since an inline SVG uses the fonts the reader has.
FONT = "Noto Sans CJK JP, Noto Sans JP, Hiragino Sans, Yu Gothic, Meiryo, sans-serif"

# A phone 375 px wide has 309–343 px for a chart (a goal page's cards are the narrowest). Each chart is
# drawn no wider than ~300 px in all, axes and padding included, so it is shown at its own size, never
# scaled down, and no text in it is smaller than MIN_FONT px as displayed (issue #13 §2).
WIDTH = 280  # the widest plot area in px; each chart takes off room for its axis labels
MIN_FONT = 12  # px: every text of every chart
TAP_AREA = 24 * 24  # px²: an invisible point this large over each small mark, so a finger can hit it
SPLIT_LABEL = "split(datum.label, '\\n')"  # axis labels carry "\n" where they break into lines

_P = ParamSpec("_P")
_R = TypeVar("_R")


@dataclass(frozen=True)
class Column:
    header: str
    unit: str = ""  # shown in the header cell: 「値（人）」
    numeric: bool = False  # numbers: aligned right in the table

    def title(self) -> str:
        if not (self.unit and self.header):
            return self.header
        # an English header takes ASCII brackets ("Value (%)"), a Japanese one full-width (「値（%）」)
        return f"{self.header} ({self.unit})" if self.header.isascii() else f"{self.header}（{self.unit}）"


@dataclass(frozen=True)
class Cell:
    text: str  # as shown in the table
    value: str | int | float | None  # as written to CSV: numbers as numbers, Western years


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]  # the first cell of a row is its header (th scope="row")
    highlight: tuple[int, ...] = ()  # rows to emphasise, as the chart does (the strategy's own city among others)


@dataclass(frozen=True)
class Chart:
    id: str  # "indicator-nursery-waiting-list", "goal-g1", "fertility", "survey-good-image"
    lang: Lang
    title: str
    summary: str
    spec: dict
    table: Table
    source: str = ""
    note: str = ""

    def __fingerprint__(self) -> tuple:
        """Its fields for a cache key (incremental/keys.py), the spec as one canonical JSON text: hashed in one
        piece rather than walked value by value (a spec has hundreds)."""
        return tuple(spec_json(self.spec) if f.name == "spec" else getattr(self, f.name) for f in fields(self))


def spec_json(spec: dict) -> str:
    """Canonical JSON of a spec (sorted keys): the same spec always gives the same bytes."""
    return json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Words:
    """UI strings of one language from templates/locales (keys chart.*, grade.*, …)."""

    def __init__(self, catalogue: Catalogue, lang: Lang) -> None:
        self.catalogue, self.lang = catalogue, lang

    def __call__(self, key: str, **values: object) -> str:
        text = self.catalogue.get(self.lang, key)
        return text.format(**values) if values else text


# --- formatting helpers ---------------------------------------------------------------------


def json_number(value: Decimal | int) -> int | float:
    """A JSON number that prints as the data was written (41.08 stays 41.08, 55 stays 55)."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def decimals(values: Sequence[Decimal]) -> int:
    """Decimals the data is written with (1.16 → 2), so the axis ticks read 1.16, 1.18, 1.20."""
    return max(-e if isinstance(e := v.as_tuple().exponent, int) and e < 0 else 0 for v in values)


def amount_text(amount: Amount, unit: Unit, lang: Lang) -> str:
    """A baseline or target as written, in its own unit where it has one: 「1.2億円」."""
    return formats.quantity(amount.written, amount.shown_unit(unit), lang)


def unit_name(unit: Unit, lang: Lang) -> str:
    return unit.ja if lang == "ja" else unit.en


def year_label(amount: Amount, lang: Lang, w: Words) -> str:
    return formats.year(amount.year, amount.year_kind, lang) if amount.year is not None else w("year.not_stated")


def axis_slot(year: int, kind: str, lang: Lang) -> str:
    """A year as a narrow two-line axis label (≤ 40 px wide at 12 px, so six slots fit a phone), the
    axis title saying 年度: 「2019」「平成31」 / "FY" "2019"; a calendar year keeps its 年: 「2014年」「平成26」,
    "2014". The full form (「平成31年度（2019年度）」) is in the tooltip and the table."""
    if lang == "en":
        return f"FY\n{year}" if kind == "fiscal" else str(year)
    return f"{year}{'' if kind == 'fiscal' else '年'}\n{formats.era_of(year, kind)}"


def y_title(text: str) -> dict:
    """The y axis title (often just a unit: 「人」) set horizontally above the axis, not turned on its side."""
    return {"title": text, "titleAngle": 0, "titleAnchor": "end", "titleAlign": "right", "titleBaseline": "bottom",
            "titleX": 0, "titleY": -10}


def wrap(text: str, limit: int) -> list[str]:
    """Lines of at most `limit` width units (a CJK character counts 2), at spaces where there are any,
    balanced so that no line is left with a lone word or character."""
    lines = fill(text, limit)
    for narrower in range(-(-text_width(text) // len(lines)), limit):
        balanced = fill(text, narrower)
        if len(balanced) == len(lines):
            return balanced
    return lines


def fill(text: str, limit: int) -> list[str]:
    lines: list[str] = []
    line = ""
    words = text.split(" ") if " " in text else list(text)
    sep = " " if " " in text else ""
    for word in words:
        candidate = f"{line}{sep}{word}" if line else word
        if line and text_width(candidate) > limit:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines = lines + [line] if line else lines
    for n in range(1, len(lines)):  # 禁則: no line starts with closing punctuation or ends with an opening one
        while lines[n] and lines[n][0] in "）」』】、。・,.)":
            lines[n - 1] += lines[n][0]
            lines[n] = lines[n][1:]
        while len(lines[n - 1]) > 1 and lines[n - 1][-1] in "（「『【(":
            lines[n] = lines[n - 1][-1] + lines[n]
            lines[n - 1] = lines[n - 1][:-1]
    return [line for line in lines if line]


def text_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def unchecked(make: Callable[_P, _R]) -> Callable[_P, _R]:
    """`make` with Altair's debug mode off. In debug mode (the default) every schema object is validated as it
    is made: a Data with all its rows, each Scale, Axis, mark, title (≈half of what making a spec costs). It
    changes no byte of a spec, which a test validates whole. The switch is a global of Altair's: specs are made
    one at a time in a process (here or in a worker), never in threads side by side."""

    @wraps(make)
    def unchecked_make(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with alt.utils.schemapi.debug_mode(False):
            return make(*args, **kwargs)

    return unchecked_make


def layer(*charts: alt.Chart, **props: object) -> alt.LayerChart:
    """`alt.layer(*charts).properties(**props)` as Altair would build it, for our layers only: no params, no
    size or view of their own, data shared by all passed here as `data=`, not hoisted from them (checked).

    `LayerChart.__init__` deep-copies every layer twice to merge their selection params (ours have none), and
    runs again on every copy of the chart: in `.properties`, `.facet` and `to_dict` (≈half the time of making a
    spec); `.properties` also validates each value against the schema (a test validates whole specs). This one
    keeps the layers as they are; the dict is still Altair's `to_dict`."""
    shared = charts[0].data
    if any(c.params is not alt.Undefined or c.width is not alt.Undefined or c.height is not alt.Undefined
           or c.view is not alt.Undefined for c in charts) or (
            shared is not alt.Undefined and all(c.data is shared for c in charts)):
        raise ValueError("a layer with params, its own size or view, or data for all: use alt.layer")
    return _plain_layer_chart()(layer=charts, **props)


@cache
def _plain_layer_chart() -> type[alt.LayerChart]:
    class PlainLayerChart(alt.LayerChart):
        # the schema class's constructor only: Altair's own copies a PlainLayerChart as one too (`self.__class__`)
        def __init__(self, data=alt.Undefined, layer=(), **kwargs) -> None:
            alt.TopLevelLayerSpec.__init__(self, data=data, layer=list(layer), **kwargs)

    return PlainLayerChart


def finish(chart: alt.TopLevelMixin) -> dict:
    """The shared look, then the dict."""
    spec = chart.to_dict(validate=False)  # schema validation is a test (tests/test_charts.py), not a cost on every build
    # the same for every chart, so made once: each `configure_*` deep-copied the whole chart (≈2/3 of making one)
    spec["config"] = copy.deepcopy(_look())
    spec.pop("$schema", None)  # a URL to another host; chart_render adds it back to the downloadable file
    return spec


@cache
def _look() -> dict:
    """The shared look as Vega-Lite config (Altair's theme included). aria=False: the page gives the SVG its role
    and name; legends list one entry a line: side by side they were wider than a phone."""
    return alt.Chart().mark_point().configure(font=FONT, background=BACKGROUND, aria=False, padding=6).configure_view(
        stroke=None).configure_axis(labelColor=INK, titleColor=INK, labelFontSize=MIN_FONT, titleFontSize=MIN_FONT,
                                    domainColor=MUTED, tickColor=MUTED, gridColor="#dcdcdc").configure_title(
        color=INK, subtitleColor=MUTED, fontSize=15, subtitleFontSize=MIN_FONT, anchor="start").configure_legend(
        labelColor=INK, titleColor=INK, labelFontSize=MIN_FONT, titleFontSize=MIN_FONT, orient="bottom",
        direction="vertical").to_dict(validate=False)["config"]


def title_params(text: str, lang: Lang, subtitle: str | None = None) -> alt.TitleParams:
    # limits in width units (a CJK character is 2), about 285 px at the title's and subtitle's sizes
    limit, sub_limit = (38, 46) if lang == "ja" else (36, 50)
    return alt.TitleParams(text=wrap(text, limit), subtitle=wrap(subtitle, sub_limit) if subtitle else alt.Undefined)


# --- the data beside the chart --------------------------------------------------------------------


def table_csv(table: Table) -> str:
    """The table as CSV for people: a BOM so Excel in Japan reads UTF-8, CRLF, numbers as numbers."""
    rows = (["" if cell.value is None else cell.value for cell in row] for row in table.rows)
    return csv_text((c.title() for c in table.columns), rows)
