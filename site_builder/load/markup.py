"""Markdown narrative → sanitised HTML, split around figure placeholders.

A line `[[figure:NAME]]` on its own marks where a chart and its data table go (where the source's
図表 stood). Raw HTML is removed (markup_scan.py reports each removal with its line) and nh3
sanitises what Markdown makes: scripts, iframes, event handlers and `javascript:` links cannot get
through. Every id gets the prefix `n-`, so the text can never stand in for an element of the page
(a chart's spec block, a section); links to the text's own headings follow. An image is a file in
`content/` (`![what it shows](images/name.png)`), checked and published under `assets/content/`.

Links written from the site's root (`/budget/`) and images become relative to the page that shows
the text: the HTML holds the marker ROOT where that path goes, and the template calls `part.at(h.root)`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from .. import messages
from ..errors import Problem, clipped
from ..errors import shown as shown_value  # `shown` names the file being read here
from ..incremental.memory import Remembered
from ..load.markup_scan import (
    ATTRS,
    STYLE_PROPERTIES,
    TAGS,
    URL_SCHEMES,
    mask_literals,
    position,
    scan_raw_html,
    strip_invisible,
    unsafe_url,
)
from ..messages import say

FIGURE = re.compile(r"^\[\[figure:([a-z0-9-]+)\]\]\s*$", re.MULTILINE)
FIGURE_LIKE = re.compile(r"^[ \t]*\[\[[ \t]*figure\b.*$", re.MULTILINE | re.IGNORECASE)
ROOT = "\ufdd0"  # a noncharacter: markup_scan removes it from every file, so only the builder writes it
ID_PREFIX = "n-"
MAX_REMEMBERED = 64  # narratives remembered by parse_narrative (a strategy has a dozen, in two languages)
_PARSED: Remembered[tuple] = Remembered(MAX_REMEMBERED)
IMAGES = "assets/content/"  # where the text's images are published
# Image files by their first bytes. No SVG: opened on its own, an SVG file runs its scripts.
IMAGE_TYPES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
               ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",)}


@dataclass(frozen=True)
class Part:
    """Either sanitised HTML or the name of a figure to place there."""

    html: Markup = Markup("")
    figure: str | None = None

    def at(self, root: str) -> Markup:
        """The HTML on a page whose path to the site root is `root` ("../../", "" at the top)."""
        return Markup(str(self.html).replace(ROOT, str(escape(root)))) if ROOT in self.html else self.html


@dataclass(frozen=True)
class Image:
    """An image of the text, as published: its path in the site and its bytes."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Narrative:
    parts: tuple[Part, ...]
    source: str  # shown in error messages
    images: tuple[Image, ...] = ()

    def figures(self) -> list[str]:
        return [p.figure for p in self.parts if p.figure]


def content_images(narratives: Iterable[Narrative]) -> dict[str, bytes]:
    """Every image the texts show, once, by its path in the site."""
    return {image.path: image.data for n in narratives for image in n.images}


def parse_narrative(text: str, source: str | Path, content: Path | None = None,
                    figures: Collection[str] | None = None) -> tuple[Narrative, list[Problem], list[Problem]]:
    """The narrative of one file, the problems that stop the build, and the warnings about what was removed.

    `content`: the content/ folder, where images are (None: no images allowed); `figures`: the names a
    [[figure:NAME]] line may use (None: any). A text that shows no image and has no problem depends on nothing
    but its arguments: it is remembered (a few, for the life of the process), so a preview edit re-parses one file."""
    key = (text, str(source), content, None if figures is None else frozenset(figures), messages.current())
    return _PARSED.get(key, lambda: _parse_narrative(text, source, content, figures),
                       keep=lambda made: not made[0].images and not made[1])


def _parse_narrative(text: str, source: str | Path, content: Path | None,
                     figures: Collection[str] | None) -> tuple[Narrative, list[Problem], list[Problem]]:
    shown = Path(source)
    if not text.strip():
        return Narrative((), str(source)), [], [Problem(shown, 1, None, say("md.empty"))]
    text, warnings = strip_invisible(text, shown)
    text, found = scan_raw_html(text, shown)
    warnings += found
    job = _Job(shown, content)
    job.problems += _figure_problems(text, shown, figures)

    chunks: list[tuple[int, str | None, str]] = []  # (offset, figure, markdown): the text between figure lines
    pos = 0
    for match in FIGURE.finditer(text):
        chunks.append((pos, None, text[pos:match.start()]))
        chunks.append((match.start(), match[1], ""))
        pos = match.end()
    chunks.append((pos, None, text[pos:]))
    rendered = [(figure, job.render(text, offset, chunk) if chunk.strip() else None) for offset, figure, chunk in chunks]
    ids = _ids(html for _, html in rendered if html)
    parts = tuple(Part(figure=figure) if figure else Part(html=Markup(job.sanitise(html, ids)))
                  for figure, html in rendered if figure or html)
    warnings = sorted(warnings + job.warnings, key=lambda w: (w.line or 0, w.col or 0))
    return Narrative(parts, str(source), tuple(job.images.values())), job.problems, warnings


def render_markdown(text: str) -> Markup:
    """Markdown → sanitised HTML for a page at the site root, without figures or images (tests, one-offs)."""
    narrative, _, _ = parse_narrative(text, "<text>")
    return Markup("").join(p.at("") for p in narrative.parts)


def _figure_problems(text: str, shown: Path, figures: Collection[str] | None) -> list[Problem]:
    problems: list[Problem] = []
    placed: dict[str, int] = {}
    for match in FIGURE_LIKE.finditer(text):
        line = position(text, match.start())[0]
        exact = FIGURE.fullmatch(match[0])
        if not exact:
            problems.append(Problem(shown, line, 1, say("figure.malformed", line=shown_value(match[0].strip()))))
            continue
        name = exact[1]
        if figures is not None and name not in figures:
            close = difflib.get_close_matches(name, list(figures), n=1)
            hint = say("figure.did_you_mean", close=close[0]) if close else ""
            choices = say("figure.one_of", names=", ".join(sorted(figures))) if figures else say("figure.none")
            problems.append(Problem(shown, line, 1, say("figure.unknown", name=name, hint=hint, choices=choices)))
        elif name in placed:
            problems.append(Problem(shown, line, 1, say("figure.twice", name=name, line=placed[name])))
        placed.setdefault(name, line)
    return problems


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids |= {value for name, value in attrs if name == "id" and value}


def _ids(fragments: Iterable[str]) -> set[str]:
    """The ids in the text's HTML before sanitising: the targets of its own `#anchor` links."""
    parser = _Ids()
    for html in fragments:
        parser.feed(html)
    parser.close()
    return parser.ids


@dataclass
class _Job:
    """One file being rendered: where its images are, and what was found on the way."""

    shown: Path
    content: Path | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    images: dict[str, Image] = field(default_factory=dict)
    seen_ids: set[str] = field(default_factory=set)

    def render(self, text: str, offset: int, chunk: str) -> str:
        md = markdown.Markdown(extensions=["tables", "sane_lists", "toc", _Checks(self, text, offset, chunk)],
                               extension_configs={"toc": {"slugify": slugify_unicode}})
        return md.convert(chunk)

    def sanitise(self, html: str, ids: set[str]) -> str:
        def keep(tag: str, attr: str, value: str) -> str | None:
            if attr == "id":
                return self._unique(value)
            if attr == "href":
                return _href(value, ids)
            if attr == "src":
                return value if tag == "img" and value.startswith(ROOT + IMAGES) else None
            return value

        return nh3.clean(html, tags=set(TAGS | {"img"}), attributes={**ATTRS, "img": {"src", "alt"}},
                         attribute_filter=keep, url_schemes=set(URL_SCHEMES), link_rel="noopener noreferrer",
                         id_prefix=ID_PREFIX, filter_style_properties=set(STYLE_PROPERTIES))

    def _unique(self, value: str) -> str:
        unique, n = value, 1
        while unique in self.seen_ids:  # a heading repeated in two parts of the text
            n += 1
            unique = f"{value}-{n}"
        self.seen_ids.add(unique)
        return unique

    def image(self, src: str, alt: str, where: tuple[int, int]) -> str | None:
        """The image's path in the site, or None after reporting why it cannot be shown."""
        found = self._load_image(src, alt)
        if isinstance(found, Image):
            self.images[found.path] = found
            return found.path
        self.problems.append(Problem(self.shown, *where, found))
        return None

    def _load_image(self, src: str, alt: str) -> Image | str:
        """The image file of `src`, or why it cannot be shown."""
        example, quoted = say("image.example"), shown_value(src)
        if not alt.strip():
            return say("image.no_alt", src=quoted, example=example)
        parts = urlsplit(src)
        if parts.scheme.lower() == "data":
            return say("image.data", example=example)
        if parts.scheme or parts.netloc:
            return say("image.remote", src=quoted, example=example)
        if self.content is None:
            return say("image.not_here")
        if src.startswith("/") or "\\" in src or ".." in PurePosixPath(unquote(parts.path)).parts or parts.query or parts.fragment:
            return say("image.outside", src=quoted, example=example)
        relative = unquote(parts.path)
        suffix = PurePosixPath(relative).suffix.lower()
        if suffix not in IMAGE_TYPES:
            return say("image.type", src=quoted)
        path = self.content / relative
        if not path.is_file():
            return say("image.not_found", path=clipped(f"content/{relative}", 120))
        if not path.resolve().is_relative_to(self.content.resolve()):
            return say("image.link_outside", path=clipped(f"content/{relative}", 120))
        data = path.read_bytes()
        if not data.startswith(IMAGE_TYPES[suffix]) or suffix == ".webp" and data[8:12] != b"WEBP":
            return say("image.wrong_data", path=clipped(f"content/{relative}", 120), kind=suffix[1:].upper())
        digest = hashlib.sha256(data).hexdigest()[:16]
        return Image(f"{IMAGES}{digest}{'.jpg' if suffix == '.jpeg' else suffix}", data)


def _href(value: str, ids: set[str]) -> str:
    """A link target as the page needs it: `#anchor` to the text's own prefixed id, `/path` from the page."""
    if value.startswith("#"):
        target = value[1:]
        ours = (target in ids or unquote(target) in ids) and not target.startswith(ID_PREFIX)
        return f"#{ID_PREFIX}{target}" if ours else value
    if value.startswith("/") and not value.startswith("//"):
        parts = urlsplit(value)
        path = parts.path[1:]
        if path == "" or path.endswith("/"):
            path += "index.html"  # the page itself, so that the link also works opened from disk
        return ROOT + path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return value


def _h1_starts(masked: str) -> list[int]:
    """Where each level-1 heading starts: `# Title`, or a line underlined with `===`."""
    starts, pos, previous = [], 0, (0, "")
    for line in masked.split("\n"):
        if re.match(r" {0,3}#(?!#)", line):
            starts.append(pos)
        elif re.fullmatch(r" {0,3}=+[ \t]*", line) and previous[1].strip():
            starts.append(previous[0])
        previous = (pos, line)
        pos += len(line) + 1
    return starts


class _Checks(Extension):
    def __init__(self, job: _Job, text: str, offset: int, chunk: str) -> None:
        super().__init__()
        self.job, self.text, self.offset, self.chunk = job, text, offset, chunk

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_Elements(md, self), "site-checks", 15)  # after inline (20), before toc (5)


class _Elements(Treeprocessor):
    """What Markdown syntax made (raw HTML is not in the tree): headings, images and links, checked."""

    def __init__(self, md: markdown.Markdown, ext: _Checks) -> None:
        super().__init__(md)
        self.job, self.text, self.offset = ext.job, ext.text, ext.offset
        self.masked = mask_literals(ext.chunk)
        self.used: dict[str, int] = {}
        self.h1 = _h1_starts(self.masked)

    def run(self, root: Element) -> None:
        h1s = iter(self.h1)
        for el in root.iter():
            if el.tag == "h1":
                el.tag = "h2"
                self.job.warnings.append(Problem(self.job.shown, *self.where(next(h1s, 0)), say("md.h1")))
            elif el.tag == "img":
                src, alt = el.get("src", ""), el.get("alt", "")
                path = self.job.image(src, alt, self.where(self.find(f"]({src}", f"]: {src}", src, "![")))
                el.attrib.pop("src", None)
                if path:
                    el.set("src", ROOT + path)
            elif el.tag == "a" and unsafe_url(el.get("href", "")):
                href = el.attrib.pop("href")
                self.job.warnings.append(Problem(self.job.shown, *self.where(self.find(f"]({href}", f"<{href}>", href)),
                                                 say("html.link", target=shown_value(href, 40))))

    def find(self, *needles: str) -> int:
        """Where in the chunk the next element written as one of `needles` is (0 if it cannot be found)."""
        for needle in needles:
            if not needle:
                continue
            at = self.masked.find(needle, self.used.get(needle, 0))
            if at >= 0:
                self.used[needle] = at + 1
                return at
        return 0

    def where(self, index: int) -> tuple[int, int]:
        line, col = position(self.masked, index)
        return line + self.text.count("\n", 0, self.offset), col
