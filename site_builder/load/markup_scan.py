"""The Markdown source before it is rendered: what the builder removes from it, each with its place.

Python-Markdown and nh3 lose where a thing was written, so everything the narrative loses is found
here, in the text as the author wrote it, and reported as a warning with `file:line:col`:
invisible characters, and raw HTML (a script or style with its content, any other tag the site does
not show, attributes and link targets that nh3 would drop). nh3 stays the guard for anything these
scans miss; they only make the removals visible and keep an unclosed tag from swallowing the rest.
"""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from ..errors import Problem
from ..messages import say

# What the narrative's HTML may hold (nh3 enforces it; the scans below report what it would drop).
TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "a", "em", "strong", "blockquote", "code",
                  "pre", "br", "hr", "table", "thead", "tbody", "tr", "th", "td", "caption", "abbr", "span", "dl",
                  "dt", "dd", "sup", "sub"})
ATTRS = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope", "colspan", "rowspan", "style"},
         "td": {"colspan", "rowspan", "style"}, "ol": {"start"}, "*": {"id", "lang"}}
STYLE_PROPERTIES = frozenset({"text-align"})  # a Markdown table's column alignment (|--:|); nothing else of a style
URL_SCHEMES = frozenset({"http", "https", "mailto"})
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"})
# Elements whose content goes with them (nh3 drops it too); any other tag is removed and its text kept.
# (values are message ids: html.what_script is "scripts" / "スクリプト")
WITH_CONTENT = {"script": "html.what_script", "style": "html.what_style"}
HINTS = {
    "img": "html.hint_img", "h1": "html.hint_h1", "b": "html.hint_b", "i": "html.hint_i",
    **dict.fromkeys(("iframe", "object", "embed", "video", "audio", "frame", "frameset", "applet"), "html.hint_embed"),
}

# Invisible characters: C0/C1 controls (tab and line ends aside), the line and paragraph separators,
# bidirectional overrides and isolates (they reorder how text is shown), and Unicode noncharacters
# (the builder's own markers; a file has no use for them), and a byte order mark inside the text.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufeff"
                       "\ufffe\uffff]")

# Tags as a browser reads them: attributes apart by spaces or '/'. An unquoted value stops at '/' too
# (a browser reads on), so that no text can be split two ways: the scan stays linear.
# A '<' ends any tag in the making, so each attempt stops at the next one.
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s/<>"'=`][^\s/<>]*)"""
_ATTR = rf"""[^\s/<>=]+(?:\s*=\s*{_VALUE})?"""
TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:[\s/]+{_ATTR})*)[\s/]*>")
ATTR = re.compile(rf"""([^\s/<>=]+)(?:\s*=\s*({_VALUE}))?""")
# What starts an HTML comment or a code span (a run of backticks, closed by a run as long in its paragraph).
_LITERAL_START = re.compile(r"<!--|(?<![`\\])`+")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")
_LIST_ITEM = re.compile(r" {0,3}(?:[*+-]|\d+[.)])[ \t]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of `index` in `text`."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def strip_invisible(text: str, shown: Path) -> tuple[str, list[Problem]]:
    """The text without invisible characters, and a warning for each line that had some."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    warnings: list[Problem] = []
    lines = text.split("\n")
    for n, line in enumerate(lines):
        found = list(INVISIBLE.finditer(line))
        if not found:
            continue
        names = ", ".join(dict.fromkeys(_char_name(m[0]) for m in found))
        bidi = any("\u202a" <= m[0] <= "\u202e" or "\u2066" <= m[0] <= "\u2069" for m in found)
        why = say("html.why_bidi" if bidi else "html.why_invisible")
        warnings.append(Problem(shown, n + 1, found[0].start() + 1, say("html.invisible", names=names, why=why)))
        lines[n] = INVISIBLE.sub("", line)
    return "\n".join(lines), warnings


def _char_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def mask_literals(text: str) -> str:
    """`text` with code (spans and indented blocks) and HTML comments blanked out, same length and lines:
    a `<script>` shown as code is text, not HTML."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    pos, after_blank, in_code, in_list = 0, True, False, False
    for line in text.split("\n"):
        indented = line.startswith(("    ", "\t"))
        if not line.strip():
            after_blank = True
        else:
            if indented and (in_code or after_blank and not in_list):
                in_code = True
                blank(pos, pos + len(line))
            else:
                in_code = False
                if _LIST_ITEM.match(line):
                    in_list = True
                elif not indented and after_blank:
                    in_list = False
            after_blank = False
        pos += len(line) + 1
    partly = "".join(chars)
    pos, comments = 0, True
    while match := _LITERAL_START.search(partly, pos):
        pos = match.end()
        if match[0] == "<!--":
            end = partly.find("-->", pos) if comments else -1
            if end >= 0:
                blank(match.start(), end + 3)
                pos = end + 3
            comments = end >= 0  # an unclosed comment: no later one can close either
            continue
        para = _PARAGRAPH_END.search(partly, pos)
        closer = re.compile(rf"(?<!`){match[0]}(?!`)").search(partly, pos, para.start() if para else len(partly))
        if closer:
            blank(match.start(), closer.end())
            pos = closer.end()
    return "".join(chars)


def unsafe_url(value: str) -> bool:
    """A link target with a scheme other than http, https or mailto (javascript:, data:, …)."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(value))
    match = _SCHEME.match(cleaned)
    return bool(match) and match[1].lower() not in URL_SCHEMES


def scan_raw_html(text: str, shown: Path) -> tuple[str, list[Problem]]:
    """Remove the raw HTML the site does not show, and report everything removed or dropped later by nh3.

    A <script> or <style> goes with its content; unclosed, only the tag goes (the text after it stays).
    Any other tag the site does not show goes and its text stays, and so does an unclosed one, which
    would otherwise turn the rest of the file into raw HTML. Attributes and link targets that nh3 drops
    are reported here, where their line is known."""
    masked = mask_literals(text)
    cut: list[tuple[int, int]] = []
    warnings: list[Problem] = []
    done = 0
    for match in TAG.finditer(masked):
        start, end = match.span()
        if start < done or masked[start - 1:start] == "\\":
            continue
        name, closing = match[2].lower(), match[1] == "/"
        where = (shown, *position(text, start))
        if closing:
            if name not in TAGS:
                cut.append((start, end))  # reported with its opening tag
            continue
        closer = None if name in VOID else re.compile(rf"</{name}\s*>", re.IGNORECASE).search(masked, end)
        if name in WITH_CONTENT:
            what = say(WITH_CONTENT[name])
            if closer:
                cut.append((start, closer.end()))
                done = closer.end()
                warnings.append(Problem(*where, say("html.removed_with_content", name=name, what=what)))
            else:
                cut.append((start, end))
                warnings.append(Problem(*where, say("html.unclosed_with_content", name=name, what=what)))
        elif name not in TAGS:
            cut.append((start, end))
            warnings.append(Problem(*where, say("html.removed", name=name, hint=say(HINTS.get(name, "html.hint_markdown")))))
        elif name not in VOID and not closer:
            cut.append((start, end))
            warnings.append(Problem(*where, say("html.unclosed", name=name)))
        else:
            warnings += _attribute_warnings(name, match[3], where)
    return _without(text, cut), warnings


def _attribute_warnings(tag: str, attrs: str, where: tuple) -> list[Problem]:
    allowed = ATTRS.get(tag, set()) | ATTRS["*"]
    warnings: list[Problem] = []
    dropped = [name for name, _ in ATTR.findall(attrs) if name.lower() not in allowed]
    if dropped:
        names = ", ".join(f"{name}=" for name in dict.fromkeys(dropped))
        warnings.append(Problem(*where, say("html.attribute", names=names, tag=tag, allowed=", ".join(sorted(allowed)))))
    for name, value in ATTR.findall(attrs):
        if name.lower() == "style" and "style" in allowed and not _only_alignment(value.strip("\"'")):
            warnings.append(Problem(*where, say("html.style", tag=tag)))
        if name.lower() == "href" and unsafe_url(value.strip("\"'")):
            warnings.append(Problem(*where, say("html.link", target=_short(value.strip(chr(34) + chr(39))))))
    return warnings


def _only_alignment(style: str) -> bool:
    return all(d.split(":", 1)[0].strip().lower() in STYLE_PROPERTIES for d in html.unescape(style).split(";") if d.strip())


def _short(value: str, limit: int = 40) -> str:
    return f"'{value[:limit - 1]}…'" if len(value) > limit else f"'{value}'"


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span removed, its line breaks kept so that every later line keeps its number."""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + "\n" * text.count("\n", start, end) + text[end:]
    return text
