"""The staff guide (docs/guide/ja.md and its English twin en.md) cannot go stale: every YAML, Markdown and
command block in it is applied, in the guide's order, to a copy of the shipped project, and the result builds.

How a block is exercised, by what stands just before it:
- a fence with `title="data/reviews/2016.yaml"`: the block is that whole file;
- `<!-- test: FILE: replace "LINE" -->`, `before "LINE"`, `after "LINE"`: the block (written with the
  file's own indentation) replaces, or goes before or after, the one line of FILE that reads LINE (spaces
  around it ignored); `append`: the block goes at the end of FILE;
- `... fails "WORDS"` at the end of such a marker: the edit is a mistake the guide explains: validating
  must fail with an error at the block's first line that says WORDS; the edit is then undone;
- a `sh` block: each line is a command, run against the copy: `bash scripts/site-builder …` in-process
  (`serve` only with --help: it would run until stopped), `cp -R build/. DIR` into a folder of the test;
- `<!-- test: fill results-2017.xlsx -->`: staff fill in the sheet here; the test types a value and a source
  into its first indicator row, as Excel would.
Any other block tagged yaml, markdown or sh without a way to exercise it fails the test.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, copy_project

from site_builder.__main__ import main
from site_builder.errors import DataError
from site_builder.load.inputs import load_inputs

GUIDES = ("ja", "en")
MARKER = re.compile(r"<!--\s*test:\s*(?P<what>.*?)\s*-->")
FENCE = re.compile(r"^```(?P<lang>\w+)?(?P<info>[^\n]*)\n(?P<body>.*?)^```\s*$", re.MULTILINE | re.DOTALL)
EDIT = re.compile(r"""(?P<file>[\w./-]+):\s*(?P<op>replace|before|after|append)(?:\s+(?P<q>["'])(?P<line>.*?)(?P=q))?"""
                  r"""(?:\s+fails\s+(?P<p>["'])(?P<fails>.*?)(?P=p))?$""")


def tiny_png() -> bytes:
    """A valid 1×1 PNG, for the picture the guide tells staff to put into content/images/."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff\xff")) + chunk(b"IEND", b""))


@dataclass(frozen=True)
class Block:
    lang: str
    info: str
    body: str
    marker: str | None
    line: int  # in the guide, for messages


def blocks(text: str) -> list[Block]:
    found = []
    for match in FENCE.finditer(text):
        before = text[:match.start()].rstrip().rsplit("\n", 1)[-1]
        marker = MARKER.fullmatch(before.strip())
        found.append(Block(match["lang"] or "", match["info"].strip(), match["body"], marker["what"] if marker else None,
                           text[:match.start()].count("\n") + 1))
    return found


def markers(text: str) -> list[tuple[int, str]]:
    """Markers that stand alone (not before a block): `fill`."""
    return [(text[:m.start()].count("\n") + 1, m["what"]) for m in MARKER.finditer(text) if m["what"].startswith("fill ")]


def run(project: Path, argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--root", str(project), *argv])
        except SystemExit as e:  # --help
            code = int(e.code or 0)
    text = out.getvalue() + err.getvalue()
    assert "Traceback" not in text, text
    return code, text


def command(project: Path, www: Path, line: str, where: str) -> None:
    words = shlex.split(line)
    if words[:2] == ["bash", "scripts/site-builder"]:
        args = words[2:]
        if args[0] == "serve":
            code, text = run(project, [*args, "--help"])
            assert code == 0 and "--port" in text, f"{where}: {line}\n{text}"
            return
        code, text = run(project, args)
        assert code == 0, f"{where}: {line}\n{text}"
        return
    if words[:2] == ["cp", "-R"] and words[2] == "build/." and words[3].startswith("/var/www/"):
        shutil.copytree(project / "build", www / words[3].removeprefix("/var/www/"), dirs_exist_ok=True)
        return
    raise AssertionError(f"{where}: the test does not know how to run {line!r}: teach tests/test_guide.py")


def edit(project: Path, block: Block, where: str) -> None:
    match = EDIT.fullmatch(block.marker or "")
    assert match, f"{where}: marker {block.marker!r} is not FILE: replace|before|after|append \"LINE\" [fails \"…\"]"
    path = project / match["file"]
    original = path.read_bytes().decode("utf-8") if path.exists() else ""
    lines = original.splitlines(keepends=True)
    new = block.body.splitlines(keepends=True)
    if match["op"] == "append":
        at, text = len(lines), ("" if not original or original.endswith("\n") else "\n")
        lines[at:at] = [text, *new] if text else new
        first = at + 1
    else:
        hits = [i for i, line in enumerate(lines) if line.strip() == match["line"]]
        assert len(hits) == 1, f"{where}: {match['line']!r} is in {match['file']} {len(hits)} times, not once"
        at = hits[0]
        span = {"replace": (at, at + 1), "before": (at, at), "after": (at + 1, at + 1)}[match["op"]]
        lines[span[0]:span[1]] = new
        first = span[0] + 1
    path.write_bytes("".join(lines).encode("utf-8"))
    for image in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", block.body):  # the picture staff put in content/
        target = (project / "content" / image).resolve()
        assert target.is_relative_to((project / "content").resolve()), f"{where}: {image} is outside content/"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(tiny_png())
    if match["fails"]:
        try:
            load_inputs(project)
        except DataError as e:
            said = [str(p) for p in e.problems if str(p).startswith(f"{match['file']}:{first}:")]
            assert said and any(match["fails"] in s for s in said), (
                f"{where}: expected an error at {match['file']}:{first} saying {match['fails']!r}, got:\n{e}")
        else:
            raise AssertionError(f"{where}: the mistake was accepted")
        path.write_bytes(original.encode("utf-8"))
    # a good step is checked by the guide's next command (check, import, build), which must succeed


def fill(project: Path, name: str) -> None:
    book = openpyxl.load_workbook(project / name)
    sheet = book["結果"]
    sheet["G3"], sheet["I3"] = "1.25", "東京都福祉保健局"
    book.save(project / name)


@pytest.mark.parametrize("lang", GUIDES)
def test_every_example_in_the_guide_works(lang, tmp_path, monkeypatch):
    guide = ROOT / "docs/guide" / f"{lang}.md"
    text = guide.read_text(encoding="utf-8")
    project = copy_project(tmp_path / "project")
    www = tmp_path / "www"
    monkeypatch.chdir(project)  # staff run the commands in the project folder
    steps = [(b.line, b) for b in blocks(text)] + markers(text)
    ran = {"yaml": 0, "sh": 0, "fails": 0}
    for line, step in sorted(steps, key=lambda s: s[0]):
        where = f"docs/guide/{lang}.md:{line}"
        if isinstance(step, str):
            fill(project, step.removeprefix("fill ").strip())
            continue
        title = re.search(r'title="([^"]+)"', step.info)
        if step.lang in ("yaml", "markdown") and title:
            (project / title[1]).parent.mkdir(parents=True, exist_ok=True)
            (project / title[1]).write_text(step.body, encoding="utf-8")
            ran["yaml"] += 1
        elif step.lang in ("yaml", "markdown"):
            edit(project, step, where)
            ran["fails" if "fails" in (step.marker or "") else "yaml"] += 1
        elif step.lang == "sh":
            for command_line in step.body.splitlines():
                if command_line.strip() and not command_line.lstrip().startswith("#"):
                    command(project, www, command_line, where)
                    ran["sh"] += 1
        else:
            assert step.lang in ("text", "nginx", ""), f"{where}: a ```{step.lang} block the test cannot exercise"
    assert ran["yaml"] >= 5 and ran["sh"] >= 5 and ran["fails"] >= 10, ran
    assert (www / "strategy" / "index.html").is_file()
    built = (project / "build/index.html").read_text(encoding="utf-8")
    assert "<html" in built


def test_both_guides_show_the_same_examples():
    """The English twin has the same steps: the same commands and the same files edited, in the same order."""
    def steps(lang: str) -> list[tuple[str, str]]:
        text = (ROOT / "docs/guide" / f"{lang}.md").read_text(encoding="utf-8")
        return [(b.lang, b.body if b.lang == "sh" else (b.marker or b.info).split('"')[0]) for b in blocks(text)]
    assert steps("ja") == steps("en")


def test_the_guide_is_linked_from_the_readme_and_links_the_message_list():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/guide/ja.md" in readme and "docs/guide/en.md" in readme
    for lang in GUIDES:
        text = FENCE.sub("", (ROOT / "docs/guide" / f"{lang}.md").read_text(encoding="utf-8"))  # prose, not examples
        assert "](../messages.md)" in text
        for target in re.findall(r"\]\(([^)#\s]+)", text):
            if not target.startswith("http"):
                assert (ROOT / "docs/guide" / target).resolve().exists(), f"docs/guide/{lang}.md links to missing {target}"


def test_every_option_the_guide_mentions_exists():
    """Options named in the prose (`--force`, `--strict`, `--lang ja`) are options of the command line."""
    from site_builder.__main__ import parser
    p = parser()
    known = {o for a in p._actions for o in a.option_strings}
    for sub in p._subparsers._group_actions[0].choices.values():
        known |= {o for a in sub._actions for o in a.option_strings}
    for lang in GUIDES:
        text = (ROOT / "docs/guide" / f"{lang}.md").read_text(encoding="utf-8")
        named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", text))
        assert named and named <= known, f"docs/guide/{lang}.md names options that do not exist: {named - known}"
