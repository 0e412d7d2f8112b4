"""The harness of the bad-input corpus (tests/test_bad_*.py): break a built project, build again,
and check what a city employee sees.

Every case starts from a copy of a tiny project that has been built once (its `build/` holds a good
site), applies one mistake, runs the command line in-process as staff would (`site-builder build`),
and returns what happened: exit code, printed output, and whether the previous build is untouched.

    result = rebuild(tmp_path, lambda p: edit(p / "data/kpi.yaml", "number: 1", "number: １"))
    result.fails_at("data/kpi.yaml", line_of(..., "number: １"), "半角")

A case for input that is accepted asserts exactly what comes out instead (`result.code == 0`,
`result.warnings`, the built page).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from conftest import write_tiny

from site_builder.__main__ import main


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str
    unchanged: bool  # the previous build/ is byte-identical after the run
    project: Path

    @property
    def warnings(self) -> list[str]:
        return [line.removeprefix("warning: ") for line in self.err.splitlines() if line.startswith("warning: ")]

    @property
    def errors(self) -> list[str]:
        return [line.removeprefix("error: ") for line in self.err.splitlines() if line.startswith("error: ")]

    def fails_at(self, file: str, line: int | None, *says: str) -> str:
        """Exit 1, no traceback, the old site untouched, and an error at file:line saying each of `says`.
        Returns that error line."""
        assert self.code == 1, f"expected exit 1, got {self.code}\n{self.err}"
        assert self.unchanged, "the previous build was changed by a failed build"
        return self._located("error", self.errors, file, line, says)

    def warns_at(self, file: str, line: int | None, *says: str) -> str:
        """Exit 0, no traceback, and a warning at file:line saying each of `says`. Returns that warning."""
        assert self.code == 0, f"expected exit 0, got {self.code}\n{self.err}"
        return self._located("warning", self.warnings, file, line, says)

    def _located(self, kind: str, lines: list[str], file: str, line: int | None, says: tuple[str, ...]) -> str:
        assert "Traceback" not in self.err + self.out, self.err
        where = f"{file}:{line}:" if line is not None else f"{file}:"
        hits = [text for text in lines if text.startswith(where)]
        assert hits, f"no {kind} at {where}\n{self.err}"
        for fragment in says:
            assert any(fragment in text for text in hits), f"no {kind} at {where} says {fragment!r}\n{self.err}"
        return hits[0]


def built_tiny(folder: Path) -> Path:
    """A tiny project with a good site in its build/ (made once per session by the fixture)."""
    project = write_tiny(folder)
    assert main(["--root", str(project), "build"]) == 0
    return project


def rebuild(tmp_path: Path, mistake: Callable[[Path], object], template: Path, *args: str) -> Result:
    """Copy the built project `template`, make the mistake in the copy, run `site-builder build`
    (plus `args`) there, and report. The copy is returned as `result.project`."""
    project = tmp_path / "project"
    shutil.copytree(template, project, symlinks=True)
    before = digest(project / "build")
    mistake(project)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--root", str(project), "build", *args])
        except SystemExit as e:  # argparse usage errors
            code = int(e.code or 0)
    unchanged = (project / "build").is_dir() and digest(project / "build") == before
    return Result(code, out.getvalue(), err.getvalue(), unchanged, project)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` (which must occur exactly `count` times) with `new`, keeping the file's bytes otherwise."""
    text = path.read_bytes().decode("utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_bytes(text.replace(old, new).encode("utf-8"))


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`: expected lines are found, never hard-coded."""
    seen = 0
    for number, line in enumerate(path.read_bytes().decode("utf-8", errors="replace").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{needle!r} not found in {path}")
