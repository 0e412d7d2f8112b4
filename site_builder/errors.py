"""The errors a user can cause. Only `SiteError` is shown as a friendly message; anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class SiteError(Exception):
    """A problem in the user's input or setup, reported without a traceback."""


@dataclass(frozen=True)
class Problem:
    """One problem at one place: `data/kpi.yaml:12:7: message`."""

    path: Path | str
    line: int | None
    col: int | None
    message: str

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.message}"


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
