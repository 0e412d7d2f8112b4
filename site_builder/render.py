"""Stage 4: the Jinja2 environment and the per-page helpers templates call (`h.t`, `h.text`, `h.url`…).

Templates autoescape and use StrictUndefined, so a typo in a template fails the build instead of
printing nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import formats
from .chart_render import ChartView
from .i18n import Catalogue
from .models import LANGS, Amount, Lang, Text, Unit


def environment(templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env


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

    @property
    def other(self) -> Lang:
        return "en" if self.lang == "ja" else "ja"

    @property
    def langs(self) -> tuple[Lang, ...]:
        return LANGS

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
        marked lang="ja" so screen readers pronounce it right, and counted as a warning."""
        if value is None:
            return Markup("")
        if value.has(self.lang):
            return escape(value.get(self.lang))
        self.warnings.add(f"no English text for 「{value.ja[:40]}」: add en: to it")
        return Markup('<span lang="ja">{}</span>').format(value.ja)

    def plain(self, value: Text | None) -> str:
        """The text without markup, for attributes and titles."""
        return value.get(self.lang) if value else ""

    def url(self, key: str, lang: Lang | None = None) -> str:
        """Relative link to another page of the site ("goals/g1/", "" for home, "data/goals.csv" for a file)."""
        target = key if "." in key.rsplit("/", 1)[-1] and not key.endswith(".html") else output_path(key, lang or self.lang)
        return self._prefix() + target

    def chart(self, chart_id: str) -> ChartView:
        """A chart in this page's language ("indicator-<id>", "goal-<id>", "fertility", …)."""
        view = self.charts[(self.lang, chart_id)]
        self.shown_charts.append(chart_id)
        return view

    def asset(self, path: str) -> str:
        return self._prefix() + "assets/" + path

    def absolute_url(self, key: str, lang: Lang | None = None) -> str:
        return public_url(self.base_url, key, lang or self.lang)

    def fy(self, year: int) -> str:
        return formats.fiscal_year(year, self.lang)

    def year(self, amount: Amount) -> str:
        if amount.year is None:
            return self.t("year.not_stated")
        return formats.year(amount.year, amount.year_kind, self.lang)

    def qty(self, value: Decimal | int, unit: Unit) -> str:
        return formats.quantity(value, unit, self.lang)

    def paren(self, inner: str) -> Markup:
        """Brackets of the page's language: 「（…）」 in Japanese, "(…)" in English."""
        return Markup("（{}）" if self.lang == "ja" else "({})").format(inner)

    def num(self, value: Decimal | int) -> str:
        return formats.number(value, self.lang)

    def status(self, tag: str) -> str:
        return self.t(f"status.{tag}")
