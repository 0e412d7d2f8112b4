"""The errors a user can cause. Only `SiteError` is shown as a friendly message; anything else is a bug."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# Characters a terminal or editor would act on or hide rather than show: C0/C1 controls (ESC starts ANSI
# colour codes), line and paragraph separators, bidirectional overrides and isolates.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escaped(text: str, keep: str = "") -> str:
    """`text` with every unsafe character (but those in `keep`) written as an escape (\\x1b, \\u202e), so a
    message shows, never acts."""
    return UNSAFE.sub(lambda m: m[0] if m[0] in keep else m[0].encode("unicode_escape").decode("ascii"), text)


def clipped(value: object, limit: int = 60) -> str:
    """A user's value for a message: escaped, and cut if long."""
    text = escaped(str(value))
    return f"{text[:limit - 1]}…" if len(text) > limit else text


def shown(value: object, limit: int = 60) -> str:
    """A user's value quoted for a message: 'escaped, and cut if long…'."""
    return f"'{clipped(value, limit)}'"


class SiteError(Exception):
    """A problem in the user's input or setup, reported without a traceback."""


@dataclass(frozen=True)
class Problem:
    """One problem at one place: `data/kpi.yaml:12:7: message`."""

    path: Path | str
    line: int | None
    col: int | None
    message: str
    kind: str | None = field(default=None, compare=False)  # what went wrong ("missing"), for code, not for people

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return escaped(f"{where}: {self.message}", keep="\n")  # a message may show an example over several lines


class DataError(SiteError):
    """One or more problems in data or content files, all reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class StrictError(SiteError):
    """Warnings turned into a failure by --strict."""

    def __init__(self, warnings: list[str]):
        self.warnings = warnings
        super().__init__("\n".join(f"warning: {w}" for w in warnings))
