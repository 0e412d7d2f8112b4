"""Read YAML and Markdown, keeping every value's line and column so any later error can point at it.

The YAML reader is deliberately dumb: every scalar stays the text that was written (only an empty
value or `null`/`~` is None). The pydantic models decide what is a number; nothing else guesses, so
`0104010217` stays "0104010217" and `no` stays "no". Duplicate keys are refused.

It is also the gate for hostile or broken files: anchors and aliases (443 bytes of them expand to
gigabytes), tags, nesting deeper than MAX_DEPTH, invisible control characters, and files linked in
from outside the project are refused before anything is expanded, rendered or published.
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: every file goes through the Python parser
    CParser = None

from .. import messages
from ..errors import Problem, clipped, shown
from ..incremental.memory import Remembered
from ..load.advice import friendly, fullwidth_advice, halfwidth
from ..messages import say

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

_NULLS = {"", "~", "null", "Null", "NULL"}
MAX_DEPTH = 64  # lists and mappings inside each other; the data needs about 12
MAX_REMEMBERED = 12  # YAML files whose parsing (and validation) is remembered: a project has about eight
MAX_REPORTED = 20  # problems of one kind per file, so a binary or hostile file gives a readable report
# Refused in every file we read: C0/C1 control characters except tab and line breaks, DEL, the line and
# paragraph separators, and bidirectional overrides/isolates (they reorder how text is displayed).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {0x00: "NUL", 0x08: "BACKSPACE", 0x0B: "VERTICAL TAB", 0x0C: "FORM FEED", 0x1B: "ESC", 0x7F: "DELETE",
                  0x85: "NEXT LINE"}
_CUT_BY_COMMENT = re.compile(r"[ \t]+#")
# Japanese-typing slips that break YAML syntax; the error is then reported where the slip is.
_KEY_WITH_FULLWIDTH_COLON = re.compile(r"[ \t]*(?:-[ \t]+)?([A-Za-z_Ａ-Ｚａ-ｚ][A-Za-z0-9_.Ａ-Ｚａ-ｚ０-９-]*)[ \t]*：[ \t\u3000]*(.*)")
_DASH_WITHOUT_SPACE = re.compile(r"[ \t]*-([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:")
_FULLWIDTH_INDENT = re.compile(r"[ \t]*\u3000")
_NO_SPACE_AFTER_COLON = re.compile(r"[ \t]*(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_-]*):(?!//)([^\s].*)")


@dataclass(frozen=True)
class Document:
    """A YAML file as plain data plus the position of every value in it."""

    path: Path
    data: Any
    marks: dict[Loc, tuple[int, int]]
    key_marks: dict[Loc, tuple[int, int]]
    warnings: tuple[Problem, ...] = ()  # accepted but changed: text cut off as a comment
    comments: dict[Loc, str] = field(default_factory=dict)  # plain values followed by ' #…' on their line

    def mark(self, loc: Loc, at_key: bool = False) -> tuple[int | None, int | None]:
        """Line and column of the deepest part of `loc` that exists in the file (of its key if asked)."""
        if at_key and loc in self.key_marks:
            return self.key_marks[loc]
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.marks:
                return self.marks[loc[:end]]
        return None, None

    def problem(self, loc: Loc, message: str, at_key: bool = False) -> Problem:
        line, col = self.mark(loc, at_key)
        return Problem(self.path, line, col, message)


def read_yaml(path: Path, shown_as: Path | str | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file. Returns the document (its `warnings` included), or None and the problems found."""
    parsed, problems = _parsed(path, shown_as)
    return (None, problems) if parsed is None else (parsed.doc, list(parsed.problems))


@dataclass
class _Parsed:
    """One YAML text parsed, and its validation against each model asked for (model → (value, problems))."""

    doc: Document | None
    problems: list[Problem]
    validated: dict[type, tuple[Any, list[Problem]]] = field(default_factory=dict)


_PARSED: Remembered[_Parsed] = Remembered(MAX_REMEMBERED)  # by (path shown, text, messages' language)


def _parsed(path: Path, shown_as: Path | str | None) -> tuple[_Parsed | None, list[Problem]]:
    """The file parsed, remembered by its text for the life of the process (None, and why, if it cannot be read).
    The preview's rebuild after a Markdown edit then parses no YAML again; the models are frozen and a document
    is only read, so handing the same objects out twice is safe."""
    shown = Path(shown_as or path)
    text, problems = _read(path, shown, say("file.create_data"))
    if text is None or problems:
        return None, problems
    # problems are worded in the language in force
    return _PARSED.get((shown, text, messages.current()), lambda: _Parsed(*_parse(text, shown))), []


def _parse(text: str, shown: Path) -> tuple[Document | None, list[Problem]]:
    node = _fast_node(text, shown)
    if node is not None:
        return _convert(node, text, shown)
    loader = _Guarded(text, shown)  # the pure-Python parser again: its errors are the ones explained in plain words
    try:
        node = loader.get_single_node()
    except _TooDeep as e:
        return None, [Problem(shown, e.mark.line + 1, e.mark.column + 1, say("yaml.too_deep", limit=MAX_DEPTH))]
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(text, e, shown)]
    except yaml.reader.ReaderError as e:  # unreadable character; _read refuses the known ones first
        line, col = _position(text, e.position)
        return None, [Problem(shown, line, col, say("char.unreadable", char=_char_name(chr(e.character))))]
    finally:
        loader.dispose()
    if loader.refused:
        return None, _capped(loader.refused, shown)
    if node is None:
        return None, [Problem(shown, 1, 1, say("yaml.empty"))]
    return _convert(node, text, shown)


def _convert(node: yaml.Node, text: str, shown: Path) -> tuple[Document | None, list[Problem]]:
    reader = _Converter(shown, text.split("\n"))
    data = reader.convert(node, ())
    doc = Document(shown, data, reader.marks, reader.key_marks, tuple(reader.warnings), reader.comments)
    return doc, _capped(reader.problems, shown)


def validate(model: type[M], doc: Document) -> tuple[M | None, list[Problem]]:
    """Validate a document against a model; every pydantic error becomes a Problem with its place."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as e:
        problems = []
        for err in e.errors(include_url=False):
            loc = tuple(err["loc"])
            message = friendly(err, model)
            if loc in doc.comments:  # `name: 保育園 #1` failing as '保育園' deserves the reason
                message += say("comment_cut_error", comment=shown(doc.comments[loc]))
            problems.append(replace(doc.problem(loc, message, at_key=err["type"] == "extra_forbidden"), kind=err["type"]))
        return None, problems


def load(model: type[M], path: Path, shown_as: Path | str | None = None) -> tuple[M | None, Document | None, list[Problem]]:
    """Read, parse and validate one data file (both remembered with the file's text: see `_parsed`)."""
    parsed, problems = _parsed(path, shown_as)
    if parsed is None or parsed.doc is None or parsed.problems:
        return None, parsed.doc if parsed else None, problems or list(parsed.problems)
    if model not in parsed.validated:
        parsed.validated[model] = validate(model, parsed.doc)
    value, found = parsed.validated[model]
    return value, parsed.doc, list(found)


def read_text(path: Path, shown_as: Path | str) -> tuple[str | None, list[Problem]]:
    """Read a Markdown file as UTF-8: a BOM is dropped, CRLF becomes LF, control characters are refused."""
    text, problems = _read(path, Path(shown_as), say("file.create_text"))
    return (None if problems else text), problems


def links_outside(root: Path, parts: tuple[str, ...] = ("data", "content", "templates", "assets")) -> list[Problem]:
    """Every input must live inside the project: a file linked to /etc/passwd would be read and published.

    Links between files of the project are fine (a linked folder is searched too); links that point
    elsewhere, or loop, are refused."""
    base = root.resolve()
    problems: list[Problem] = []
    seen: set[Path] = set()
    for part in parts:
        top = root / part
        if _outside(top, base, root, problems):
            continue
        for folder, dirs, files in os.walk(top, followlinks=True):
            if Path(folder).resolve() in seen:  # reached again through a link: already searched
                dirs.clear()
                continue
            seen.add(Path(folder).resolve())
            dirs.sort()
            for name in sorted(dirs + files):
                if _outside(Path(folder, name), base, root, problems) and name in dirs:
                    dirs.remove(name)
    return problems


def _outside(path: Path, base: Path, root: Path, problems: list[Problem]) -> bool:
    if not path.is_symlink():
        return False
    try:
        target = path.resolve(strict=False)
    except (OSError, RuntimeError):
        target = None
    if target is not None and target.is_relative_to(base):
        return False
    where = say("file.link_loops") if target is None else say("file.link_to", target=target)
    problems.append(Problem(path.relative_to(root), None, None, say("file.link_outside", where=where)))
    return True


# --- reading text --------------------------------------------------------------------------------


def _read(path: Path, shown: Path, missing: str) -> tuple[str | None, list[Problem]]:
    """The file as text with LF line ends and no BOM, or None and why; control characters are problems."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(shown, None, None, say("file.not_found", todo=missing))]
    except IsADirectoryError:
        return None, [Problem(shown, None, None, say("file.is_folder"))]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [Problem(shown, 1, 1, say("file.utf16"))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, e.start) + 1:e.start].decode("utf-8", errors="replace")) + 1
        guess = say("file.shift_jis") if _decodes(raw, "cp932") else ""
        return None, [Problem(shown, line, col, say("file.not_utf8", byte=f"{raw[e.start]:02X}", guess=guess, reason=e.reason))]
    # Notepad's BOM and Windows line ends are not content: read the file exactly as its LF twin.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text, _capped(_controls(text, shown), shown)


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _controls(text: str, shown: Path, at: tuple[int, int] | None = None) -> list[Problem]:
    """Each invisible control character, where it is (or at `at`, for a value written with escapes)."""
    problems: list[Problem] = []
    starts: list[int] = []
    for match in _FORBIDDEN.finditer(text):
        ch = match[0]
        if at is None:
            starts = starts or [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
            line = bisect_right(starts, match.start())
            at_here = (line, match.start() - starts[line - 1] + 1)
        else:
            at_here = at
        if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069":
            what = say("char.bidi", char=_char_name(ch))
        else:
            what = say("char.control", char=_char_name(ch))
        problems.append(Problem(shown, *at_here, what))
    return problems


def _char_name(ch: str) -> str:
    name = _CONTROL_NAMES.get(ord(ch)) or unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _capped(problems: list[Problem], shown: Path) -> list[Problem]:
    if len(problems) <= MAX_REPORTED:
        return problems
    rest = problems[MAX_REPORTED]
    return problems[:MAX_REPORTED] + [Problem(shown, rest.line, rest.col, say("more_problems", count=len(problems) - MAX_REPORTED))]


# --- parsing YAML --------------------------------------------------------------------------------


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _GuardedComposer(Composer):
    """Builds the node tree only (conversion to Python is ours), refusing what staff never need.

    Anchors, aliases and tags are refused as their events arrive: the composer would share an aliased
    node, so nothing is expanded before the refusal. Nesting is counted here because the composer
    recurses (10,000 brackets would end in RecursionError)."""

    shown: Path
    refused: list[Problem]
    depth: int

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            self._refuse(event, say("yaml.alias", name=event.anchor))
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        if event.anchor is not None:
            self._refuse(event, say("yaml.anchor", name=event.anchor))
            event.anchor = None
        if getattr(event, "tag", None) not in (None, "!"):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self._refuse(event, say("yaml.tag", tag=shown(tag)))
            event.tag = None
        if not isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep(event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def _refuse(self, event: yaml.Event, message: str) -> None:
        self.refused.append(Problem(self.shown, event.start_mark.line + 1, event.start_mark.column + 1, message))


class _Guarded(_GuardedComposer, yaml.SafeLoader):
    """PyYAML's own parser, in Python: slow (≈0.2 s for data/kpi.yaml), and the one whose errors are explained."""

    def __init__(self, text: str, shown: Path):
        yaml.SafeLoader.__init__(self, text)
        self.shown, self.refused, self.depth = shown, [], 0


if CParser is not None:
    class _Fast(_GuardedComposer, CParser, SafeConstructor, Resolver):
        """libyaml's parser (C, ≈8× faster) under the same guarded composer. Its nodes equal _Guarded's but for
        a plain scalar's style ('' for None), made equal here."""

        def __init__(self, text: str, shown: Path):
            CParser.__init__(self, text)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)
            self.shown, self.refused, self.depth = shown, [], 0

        def compose_scalar_node(self, anchor):  # noqa: ANN001 - PyYAML's signature
            node = super().compose_scalar_node(anchor)
            node.style = node.style or None
            return node


def _fast_node(text: str, shown: Path) -> yaml.Node | None:
    """The file's node tree through libyaml, or None when libyaml is missing or anything is amiss (a syntax error,
    a refusal, an empty file): then the Python parser reads it again and says what is wrong, as it always has."""
    if CParser is None:
        return None
    loader = _Fast(text, shown)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, _TooDeep, RecursionError):
        return None
    finally:
        loader.dispose()
    return None if loader.refused else node


def _syntax_problem(text: str, e: yaml.MarkedYAMLError, shown: Path) -> Problem:
    """A YAML syntax error in plain words, reported where the slip most likely is rather than where the parser gave up."""
    mark = e.problem_mark or e.context_mark
    if mark is None:
        return Problem(shown, None, None, say("syntax.other"))
    lines = text.split("\n")
    what = e.problem or ""
    if "'\\t'" in what or "tab character" in what:
        return Problem(shown, mark.line + 1, mark.column + 1, say("syntax.tab"))
    ctx = e.context_mark
    if e.context == "while scanning a quoted scalar" and ctx is not None:
        quote = lines[ctx.line][ctx.column:ctx.column + 1] or '"'
        return Problem(shown, ctx.line + 1, ctx.column + 1, say("syntax.quote_open", quote=quote))
    first = max(0, min(ctx.line if ctx else mark.line, mark.line - 1))
    for number in range(first, min(mark.line, len(lines) - 1) + 1):
        slip = _typing_slip(lines[number])
        if slip:
            return Problem(shown, number + 1, slip[0], slip[1])
    opened = _quote_closed_late(text, mark)
    if opened is not None:
        quote = lines[opened.line][opened.column]
        return Problem(shown, opened.line + 1, opened.column + 1, say("syntax.quote_late", quote=quote, line=mark.line + 1))
    if e.context and e.context.startswith("while parsing a flow") and ctx is not None:
        bracket = lines[ctx.line][ctx.column:ctx.column + 1]
        if mark.line > ctx.line:
            closing = {"{": "}", "[": "]"}.get(bracket, "")
            return Problem(shown, ctx.line + 1, ctx.column + 1,
                           say("syntax.bracket_open", bracket=bracket, line=mark.line + 1, closing=closing))
        return Problem(shown, mark.line + 1, mark.column + 1, say("syntax.flow_separator", bracket=bracket))
    return Problem(shown, mark.line + 1, mark.column + 1, _plain_words(e, lines, mark))


def _plain_words(e: yaml.MarkedYAMLError, lines: list[str], mark: yaml.Mark) -> str:
    """What the parser's own words ("mapping values are not allowed here") mean for the person typing."""
    what = e.problem or ""
    found = re.search(r"found (?:character )?'(.*?)'", what)
    char = shown(found[1]) if found else "''"
    if "mapping values are not allowed" in what:
        return say("syntax.colon_here")
    if "could not find expected ':'" in what:
        return say("syntax.no_colon")
    if "sequence entries are not allowed" in what or what.endswith("but found '-'"):
        return say("syntax.dash_here")
    if "but found '<scalar>'" in what:
        before = lines[mark.line][:mark.column] if mark.line < len(lines) else ""
        return say("syntax.after_quote" if before.rstrip().endswith(('"', "'")) else "syntax.indent")
    if what.startswith("expected <block end>"):
        return say("syntax.indent")
    if "cannot start any token" in what:
        return say("syntax.bad_start", char=char)
    if "unknown escape character" in what:
        return say("syntax.escape")
    if "expected the node content" in what:
        return say("syntax.no_value", char=char)
    if "another document" in what or "document separator" in what:
        return say("syntax.documents")
    return say("syntax.other")


def _typing_slip(line: str) -> tuple[int, str] | None:
    """(column, message) for a typing slip on a line: `ja：`, `-year:`, a full-width space indent, `ja:テキスト`."""
    colon = _KEY_WITH_FULLWIDTH_COLON.match(line)
    if colon:
        key = halfwidth(colon[1])
        value = f" {clipped(colon[2].strip())}" if colon[2].strip() else ""
        return line.index("：") + 1, say("yaml.slip_fullwidth_colon", key=shown(colon[1]), fixed=key, value=value)
    dash = _DASH_WITHOUT_SPACE.match(line)
    if dash:
        return line.index("-") + 1, say("yaml.key_dash", key=f"'-{dash[1]}'", name=dash[1])
    indent = _FULLWIDTH_INDENT.match(line)
    if indent:
        return indent.end(), say("yaml.fullwidth_indent")
    glued = _NO_SPACE_AFTER_COLON.match(line)
    if glued:
        return line.index(":") + 1, say("yaml.no_space_after_colon", key=glued[1], value=clipped(glued[2].strip()))
    return None


def _quote_closed_late(text: str, mark: yaml.Mark) -> yaml.Mark | None:
    """The start of a quoted value that runs over several lines up to the error: its closing quote is missing."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index > mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and \
                    token.start_mark.line < token.end_mark.line and token.end_mark.line >= mark.line - 1:
                found = token.start_mark
    except yaml.YAMLError:
        pass
    return found


class _Converter:
    """Node tree → plain data, recording marks, refusing unsafe keys, and noting values cut by ' #'."""

    def __init__(self, shown: Path, lines: list[str]):
        self.shown, self.lines = shown, lines
        self.marks: dict[Loc, tuple[int, int]] = {}
        self.key_marks: dict[Loc, tuple[int, int]] = {}
        self.comments: dict[Loc, str] = {}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        self.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, loc + (i,)) for i, item in enumerate(node.value)]
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.shown, *at, say("yaml.key_not_text")))
                continue
            key = key_node.value
            if key_node.style == '"':
                self.problems += _controls(key, self.shown, at)
            if key in out:
                first = self.key_marks.get(loc + (key,), (None, None))[0]
                self.problems.append(Problem(self.shown, *at, say("yaml.duplicate_key", key=shown(key), first=first)))
                continue
            wrong = _key_problem(key) if key_node.style is None else None
            if wrong:
                self.problems.append(Problem(self.shown, *at, wrong))
            self.key_marks[loc + (key,)] = at
            out[key] = self.convert(value_node, loc + (key,))
        return out

    def _scalar(self, node: yaml.ScalarNode, loc: Loc) -> str | None:
        if node.style == '"':  # escapes such as \x1b or \u202e become characters only now
            self.problems += _controls(node.value, self.shown, self.marks[loc])
        if node.style is not None:
            return node.value
        end = node.end_mark
        rest = self.lines[end.line][end.column:] if end.line < len(self.lines) else ""
        cut = _CUT_BY_COMMENT.match(rest)
        if cut:
            comment = rest[cut.end():].strip()
            self.comments[loc] = comment
            if node.value not in _NULLS:
                self.warnings.append(Problem(
                    self.shown, end.line + 1, end.column + cut.end(),
                    say("yaml.comment_cut", value=shown(node.value), comment=shown("#" + comment))))
        return None if node.value in _NULLS else node.value


def _key_problem(key: str) -> str | None:
    """Why a plain key cannot be meant as written (a merge key, `-year`, full-width letters), or None."""
    if key == "<<":
        return say("yaml.merge_key")
    if "：" in key:
        before, _, after = key.partition("：")
        value = f" {clipped(after.strip())}" if after.strip() else ""
        return say("yaml.key_fullwidth_colon", key=shown(key), fixed=clipped(halfwidth(before)), value=value)
    if len(key) > 1 and key[0] == "-" and key[1].isalpha():
        return say("yaml.key_dash", key=shown(key), name=clipped(key[1:]))
    typed = fullwidth_advice(key)
    return say("fullwidth_key", advice=typed) if typed else None
