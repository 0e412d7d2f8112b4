"""Markdown narrative → sanitised HTML, split around figure placeholders.

A line `[[figure:NAME]]` on its own marks where a chart and its data table go (where the source's
図表 stood). Raw HTML in Markdown is cleaned by nh3: scripts, iframes, event handlers and
`javascript:` links cannot get through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode
from markupsafe import Markup

FIGURE = re.compile(r"^\[\[figure:([a-z0-9-]+)\]\]\s*$", re.MULTILINE)

_TAGS = {"h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "a", "em", "strong", "blockquote", "code",
         "pre", "br", "hr", "table", "thead", "tbody", "tr", "th", "td", "caption", "abbr", "span", "dl",
         "dt", "dd", "sup", "sub"}
_ATTRS = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope", "colspan", "rowspan"},
          "td": {"colspan", "rowspan"}, "*": {"id", "lang"}}


@dataclass(frozen=True)
class Part:
    """Either sanitised HTML or the name of a figure to place there."""

    html: Markup = Markup("")
    figure: str | None = None


@dataclass(frozen=True)
class Narrative:
    parts: tuple[Part, ...]
    source: str  # shown in error messages

    def figures(self) -> list[str]:
        return [p.figure for p in self.parts if p.figure]


def render_markdown(text: str) -> Markup:
    md = markdown.Markdown(extensions=["tables", "sane_lists", "toc"],
                           extension_configs={"toc": {"slugify": slugify_unicode}})
    html = md.convert(text)
    # h1 belongs to the page template: a narrative's headings start at h2.
    html = re.sub(r"<(/?)h1\b", r"<\1h2", html)
    return Markup(nh3.clean(html, tags=_TAGS, attributes=_ATTRS, url_schemes={"http", "https", "mailto"},
                     link_rel="noopener noreferrer"))


def parse_narrative(text: str, source: str) -> Narrative:
    parts: list[Part] = []
    pos = 0
    for match in FIGURE.finditer(text):
        chunk = text[pos:match.start()]
        if chunk.strip():
            parts.append(Part(html=render_markdown(chunk)))
        parts.append(Part(figure=match.group(1)))
        pos = match.end()
    if text[pos:].strip():
        parts.append(Part(html=render_markdown(text[pos:])))
    return Narrative(tuple(parts), source)


def figure_line(text: str, name: str) -> int:
    """1-based line of a figure placeholder, for error messages."""
    for i, line in enumerate(text.splitlines(), 1):
        if line.strip() == f"[[figure:{name}]]":
            return i
    return 1
