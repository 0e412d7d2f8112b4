"""Stage 4: the Jinja2 environment and the per-page helpers templates call (`h.t`, `h.text`, `h.url`…).

Templates autoescape and use StrictUndefined, so a typo in a template fails the build instead of
printing nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from .. import formats, headers
from ..charts.render import ChartView
from ..charts.specs import as_of_label
from ..incremental.store import Store
from ..load.models import LANGS, Amount, Lang, Numbering, Text, Unit
from ..messages import say
from .i18n import Catalogue


class _CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates kept between processes, as entries of the build's own cache: each carries its
    SHA-256 and is written whole (Store), so a damaged one is compiled again, never run. Jinja names an entry
    by the template and checks it against the template's source."""

    def __init__(self, store: Store):
        self.store = store

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(f"{bucket.key}.bc")
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(f"{bucket.key}.bc", bucket.bytecode_to_string())


def environment(templates: Path, bytecode: Path | None = None) -> Environment:
    """`bytecode`: a cache folder for compiled templates, so that a build after a one-line data edit does not
    compile every template again (≈0.5 s)."""
    cache = _CompiledTemplates(Store(bytecode)) if bytecode is not None else None
    env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(default=True), bytecode_cache=cache,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals.update(csp=headers.csp, referrer_policy=headers.REFERRER_POLICY)
    return env


def template_line() -> str:
    """Where in the templates the running code is: "templates/goal.html:42" (the innermost template on the stack;
    Jinja keeps the template in the globals of the code it compiled, and maps that code's lines to the source's)."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.name:
            return f"templates/{template.name}:{template.get_corresponding_lineno(frame.f_lineno)}"
        frame = frame.f_back
    return "templates"


def lang_prefix(lang: Lang) -> str:
    return "" if lang == "ja" else f"{lang}/"


def output_path(key: str, lang: Lang) -> str:
    """Where the page for a language-neutral key ("goals/g1/") is written: "en/goals/g1/index.html"."""
    if key.endswith(".html"):
        return lang_prefix(lang) + key
    return lang_prefix(lang) + key + "index.html"


def public_url(base_url: str, key: str, lang: Lang) -> str:
    """A page's address on the public site (sitemap, canonical, hreflang): base_url + its folder."""
    return base_url + output_path(key, lang).removesuffix("index.html")


@dataclass
class Helpers:
    """What a template needs to speak its page's language and link relative to where it lives."""

    lang: Lang
    key: str  # language-neutral page key, "" for home
    catalogue: Catalogue
    warnings: set[str]
    base_url: str
    absolute: bool = False  # the 404 page is served at any depth: link from the site root
    charts: Mapping[tuple[Lang, str], ChartView] = field(default_factory=dict)
    shown_charts: list[str] = field(default_factory=list)  # the page loads the chart scripts if any
    numbering: Numbering = field(default_factory=Numbering)  # the document's style: Ⅰ/① or 1/(1)
    pages: frozenset[str] = frozenset()  # the key of every page the site has (empty: not known)

    @property
    def other(self) -> Lang:
        return "en" if self.lang == "ja" else "ja"

    @property
    def langs(self) -> tuple[Lang, ...]:
        return LANGS

    @property
    def root(self) -> str:
        """The path from this page to the site root ("../../"): links written from the root become relative."""
        return self._prefix()

    def _prefix(self) -> str:
        if self.absolute:
            return urlsplit(self.base_url).path
        return "../" * output_path(self.key, self.lang).count("/")

    def t(self, key: str, **values: object) -> Markup:
        """A UI string; values are escaped unless they are already markup (h.text gives markup)."""
        text = escape(self.catalogue.get(self.lang, key))
        return Markup(text).format(**values) if values else text

    def t_in(self, lang: Lang, key: str) -> str:
        """A UI string in another language (for a line addressed to readers of the other language)."""
        return self.catalogue.get(lang, key)

    def month(self, year_month: str) -> str:
        return formats.year_month(year_month, self.lang)

    def text(self, value: Text | None) -> Markup:
        """A bilingual text in this page's language; a missing English text falls back to Japanese,
        marked lang="ja" so screen readers pronounce it right (load/english.py warns at its file:line)."""
        if value is None:
            return Markup("")
        if value.has(self.lang):
            return escape(value.get(self.lang))
        return Markup('<span lang="ja">{}</span>').format(value.ja)

    def plain(self, value: Text | None) -> str:
        """The text without markup, for attributes and titles."""
        return value.get(self.lang) if value else ""

    def url(self, key: str, lang: Lang | None = None) -> str:
        """Relative link to another page of the site ("goals/g1/", "" for home, "data/goals.csv" for a file)."""
        is_file = "." in key.rsplit("/", 1)[-1] and not key.endswith(".html")
        if not is_file and not self.has(key):  # a template linking to a section this strategy lacks
            self.warnings.add(f"{template_line()}: {say('page.link_missing', page=self.key or 'home', target=key)}")
        target = key if is_file else output_path(key, lang or self.lang)
        return self._prefix() + target

    def has(self, key: str) -> bool:
        """Whether the site has this page: a section the strategy lacks has none, and nothing links to it."""
        return not self.pages or key in self.pages

    def goal_no(self, n: int) -> str:
        return formats.goal_number(n, self.numbering.goals, self.lang)

    def measure_no(self, n: int) -> str:
        return formats.measure_number(n, self.numbering.measures, self.lang)

    def join(self, items: list[str]) -> Markup:
        """「a・b・c」 / "a, b and c"."""
        items = [escape(item) for item in items]
        if self.lang == "ja" or len(items) < 2:
            return Markup("・").join(items)
        return Markup(", ").join(items[:-1]) + Markup(" and ") + items[-1]

    def count(self, n: int) -> str:
        """A small count in running text: 「4」 / "four"."""
        return formats.count(n, self.lang)

    def chart(self, chart_id: str) -> ChartView:
        """A chart in this page's language ("indicator-<id>", "goal-<id>", "fertility", …)."""
        view = self.charts[(self.lang, chart_id)]
        self.shown_charts.append(chart_id)
        return view

    def has_chart(self, chart_id: str) -> bool:
        """Whether the site made this chart (a goal's overview waits for a published result)."""
        return (self.lang, chart_id) in self.charts

    def asset(self, path: str) -> str:
        return self._prefix() + "assets/" + path

    def absolute_url(self, key: str, lang: Lang | None = None) -> str:
        return public_url(self.base_url, key, lang or self.lang)

    def fy(self, year: int) -> str:
        return formats.fiscal_year(year, self.lang)

    def era(self, year: int, kind: str = "fiscal") -> str:
        """The era year alone, 「平成31」, for text that adds 年度 itself."""
        return formats.era_of(year, kind)

    def year(self, amount: Amount) -> str:
        if amount.year is None:
            return self.t("year.not_stated")
        return formats.year(amount.year, amount.year_kind, self.lang)

    def qty(self, value: Decimal | int, unit: Unit) -> str:
        return formats.quantity(value, unit, self.lang)

    def change(self, value: Decimal | int, unit: Unit) -> str:
        """A difference with its sign: "+38人", "−38人" (U+2212 MINUS SIGN: read as "minus", not as a hyphen)."""
        text = formats.quantity(abs(value), unit, self.lang)
        return ("+" if value > 0 else "\u2212" if value < 0 else "") + text

    def amount(self, amount: Amount, unit: Unit) -> str:
        """A baseline or target as written: in its own unit where it has one (1.2億円), else in `unit`."""
        return formats.quantity(amount.written, amount.shown_unit(unit), self.lang)

    def paren(self, inner: str) -> Markup:
        """Brackets of the page's language: 「（…）」 in Japanese, "(…)" in English."""
        return Markup("（{}）" if self.lang == "ja" else "({})").format(inner)

    def as_of(self, result) -> str:
        """What a reviewed value refers to (derive.Result): 「平成29年4月1日」, "FY2016", "2016"."""
        return as_of_label(result, self.lang)

    def day(self, value: str) -> str:
        """A "YYYY-MM" or "YYYY-MM-DD" of the data (when a review was held): a month, or a day."""
        shown = formats.year_month(value, self.lang)
        if len(value) < 10:
            return shown
        day = int(value[8:])
        return f"{shown}{day}日" if self.lang == "ja" else f"{day} {shown}"

    def num(self, value: Decimal | int) -> str:
        return formats.number(value, self.lang)

    def status(self, tag: str) -> str:
        return self.t(f"status.{tag}")
