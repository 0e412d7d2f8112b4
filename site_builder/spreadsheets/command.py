"""`site-builder template` and `site-builder import`: the results of a year by spreadsheet.

    template --year 2017 [--out results-2017.xlsx] [--force]   a sheet to fill in (.xlsx and .csv)
    import FILE [--yes] [--held 2018-08] [--reviewer NAME]      the filled sheet → data/reviews/<year>.yaml

`import` checks every cell, shows what will change, and writes only after a yes (typed, or --yes; when
nobody can answer it is a dry run). The file it writes must load through the builder's own review loader,
checked before anything is written.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

from ..derive.plausibility import plausibility
from ..errors import DataError, Problem, SiteError
from ..load.inputs import Inputs, load_inputs
from ..load.reviews import FOLDER, check_review, load_review
from ..messages import say
from ..spreadsheets.cells import read_sheet
from ..spreadsheets.read import read_grid
from ..spreadsheets.review_yaml import Change, merged, new_file
from ..spreadsheets.template import template_csv, template_rows, template_xlsx


def run(args: argparse.Namespace, root: Path) -> int:
    try:
        if args.command == "template":
            return template(root, args.year, args.out, args.force)
        return import_sheet(root, args.file, args.yes, args.held, args.reviewer)
    except DataError as e:
        for problem in e.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(say("sheet.errors", count=len(e.problems), nothing=say("sheet.nothing")), file=sys.stderr)
        return 1
    except SiteError as e:
        print(f"error: {e}", file=sys.stderr)
        print(say("sheet.nothing"), file=sys.stderr)
        return 1


def template(root: Path, year: int, out: Path | None, force: bool) -> int:
    if not 1900 <= year <= 2100:
        raise SiteError(say("sheet.year_option", year=year))
    inputs = load_inputs(root)
    xlsx = out or Path(f"results-{year}.xlsx")
    if xlsx.suffix.lower() != ".xlsx":
        raise SiteError(say("sheet.out_xlsx", out=xlsx))
    csv = xlsx.with_suffix(".csv")
    existing = [str(p) for p in (xlsx, csv) if p.exists()]
    if existing and not force:
        raise SiteError(say("sheet.exists", files=say("and").join(existing)))
    rows = template_rows(inputs, year)
    xlsx.parent.mkdir(parents=True, exist_ok=True)
    xlsx.write_bytes(template_xlsx(rows, year, inputs.site.data_modified))
    csv.write_bytes(template_csv(rows, year))
    print(say("sheet.wrote_template", xlsx=xlsx, csv=csv, count=len(rows), year=year))
    print(say("sheet.fill_in", xlsx=xlsx))
    return 0


def import_sheet(root: Path, file: Path, yes: bool, held: str | None, reviewer: str | None) -> int:
    inputs = load_inputs(root)
    grid = read_grid(file, str(file))
    if grid.note:
        print(say("sheet.note", note=grid.note))
    def sourced(year: int, ident: str) -> bool:
        entry = next((r.result(ident) for r in inputs.reviews if r.year == year), None)
        return entry is not None and entry.source is not None

    year, entries, problems = read_sheet(grid, inputs.strategy, sourced)
    if problems:
        raise DataError(problems)
    assert year is not None
    target = root / FOLDER / f"{year}.yaml"
    shown = f"{FOLDER.as_posix()}/{year}.yaml"
    crlf = False
    if target.exists():
        try:
            raw = target.read_bytes().decode("utf-8-sig" if target.read_bytes().startswith(b"\xef\xbb\xbf") else "utf-8")
        except UnicodeDecodeError:
            raise SiteError(say("sheet.review_not_utf8", file=shown)) from None
        crlf = "\r\n" in raw
        text = raw.replace("\r\n", "\n")
    else:
        text = new_file(year, _held(held, year), _reviewer(reviewer, inputs))
    new_text, changes = merged(text, entries, shown)
    warnings = _verify(new_text, inputs, year, shown)
    _show(changes, shown, target.exists(), len(entries))
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not changes and target.exists():
        print(say("sheet.same", file=shown, nothing=say("sheet.nothing")))
        return 0
    if not yes:
        if not sys.stdin.isatty():
            print(say("sheet.dry_run", nothing=say("sheet.nothing"), file=shown))
            return 0
        if input(say("sheet.ask", file=shown)).strip().lower() not in ("y", "yes", "はい"):
            print(say("sheet.stopped", nothing=say("sheet.nothing")))
            return 0
    _write(target, new_text.replace("\n", "\r\n") if crlf else new_text)
    print(say("sheet.wrote", file=shown))
    return 0


def _held(held: str | None, year: int) -> str:
    if held is None:
        raise SiteError(say("sheet.no_held", file=f"{FOLDER.as_posix()}/{year}.yaml", example=f"{year + 1}-08"))
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", held):
        raise SiteError(say("sheet.bad_held", held=held, example=f"{year + 1}-08"))
    return held


def _reviewer(reviewer: str | None, inputs: Inputs) -> dict[str, str]:
    if reviewer:
        return {"ja": reviewer}
    if inputs.reviews:
        latest = inputs.reviews[-1].reviewer
        return {"ja": latest.ja, **({"en": latest.en} if latest.en else {})}
    raise SiteError(say("sheet.no_reviewer"))


def _verify(text: str, inputs: Inputs, year: int, shown: str) -> list[Problem]:
    """Load the new file through the builder's review loader and checks; its warnings, or DataError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{year}.yaml"
        path.write_text(text, encoding="utf-8")
        review, doc, problems = load_review(path, Path(shown), inputs.site)
        if review is not None and doc is not None:
            problems += check_review(review, doc, inputs.strategy, inputs.site, year)
    if problems:
        raise DataError(problems)
    assert review is not None and doc is not None
    return list(doc.warnings) + plausibility(review, doc, inputs.strategy)


def _show(changes: list[Change], shown: str, exists: bool, filled: int) -> None:
    state = say("sheet.changed" if exists else "sheet.new_file")
    print(say("sheet.changes", file=shown, state=state, count=len(changes), filled=filled))
    width = max((len(c.id) for c in changes), default=0)
    for change in changes:
        print(f"  {change.id:<{width}}  {change.before} → {change.after}")


def _write(target: Path, text: str) -> None:
    """Write beside the target and rename, so a failure never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
