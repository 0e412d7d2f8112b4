"""What a build reports: pages, files, warnings, time (kept light: the CLI prints it without loading the stages)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .messages import say


@dataclass(frozen=True)
class BuildReport:
    pages: int  # language-neutral pages; each exists once per language
    languages: int
    files: int
    warnings: list[str]
    seconds: float
    changed: tuple[str, ...] = ()  # output files that differ from the session's previous build (all after none)
    reused: bool = False  # nothing had changed: the previous build's output was kept as it is
    rendered: int = 0  # pages rendered, not read back from the cache
    checked: bool = False  # a check (site_builder.check): `files` counts the input files checked, nothing was made

    def summary(self, out: Path | None) -> str:
        seconds = f"{self.seconds:.1f}"
        if self.checked:
            return say("report.checked", files=self.files, warnings=len(self.warnings), seconds=seconds)
        return say("report.built", pages=self.pages, languages=self.languages, files=self.files,
                   warnings=len(self.warnings), seconds=seconds, out=out)
