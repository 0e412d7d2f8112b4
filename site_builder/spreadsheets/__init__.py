"""Results by spreadsheet: `template` writes a sheet to fill in, `import` reads it into a review file."""

from pathlib import Path


def add_commands(commands) -> None:
    """Register the two commands on the parser's subcommands."""
    p = commands.add_parser("template", help="write a results sheet to fill in (.xlsx and .csv) for a fiscal year")
    p.add_argument("--year", type=int, required=True, help="the fiscal year to review, e.g. 2017")
    p.add_argument("--out", type=Path, help="the .xlsx to write (default: results-YEAR.xlsx); the .csv goes beside it")
    p.add_argument("--force", action="store_true", help="replace files that exist")
    p = commands.add_parser("import", help="read a filled results sheet (.xlsx or .csv) into data/reviews/YEAR.yaml")
    p.add_argument("file", type=Path, help="the filled .xlsx or .csv")
    p.add_argument("--yes", action="store_true", help="write without asking")
    p.add_argument("--held", help="when the review was held, YYYY-MM (needed when the year's file is new)")
    p.add_argument("--reviewer", help="who reviewed, in Japanese (for a new file; default: the latest review's)")
