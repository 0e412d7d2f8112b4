"""Command line: site-builder build | check | serve.

Exit codes: 0 done; 1 a problem in the data, the content or the set-up, with a message saying where
and what to do; 2 wrong usage; 3 an internal error (a bug: one line, the details saved to a file);
130 interrupted with Ctrl+C. Nothing is written unless the whole build succeeds.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path

from jinja2 import TemplateNotFound, TemplateSyntaxError

from . import spreadsheets  # the commands' options only: the work is imported when they run
from .collector import skip_last_collection
from .errors import DataError, SiteError, StrictError
from .incremental.reuse import pages_built_before, reuse
from .messages import detect, say, speaking
from .serve.server import DEFAULT_PORT, PORT_TRIES, open_server
from .writer import check_target

UNCHANGED = "unchanged"  # message id: nothing was written, the previous build is unchanged


def port_number(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0–65535)")
    return int(text)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="site-builder", description="Build the strategy's bilingual static site.")
    p.add_argument("--root", type=Path, default=Path("."), help="project folder (default: current folder)")
    commands = p.add_subparsers(dest="command", required=True)
    p_build = commands.add_parser("build", help="build the site into build/ (or --out)")
    p_build.add_argument("--out", type=Path, help="output folder (default: ROOT/build); must be empty, new, or a previous build")
    p_build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p_check = commands.add_parser("check", help="validate data and content without writing anything")
    p_check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p_serve = commands.add_parser("serve", help="preview on http://127.0.0.1:PORT/: build, then rebuild and reload on every save")
    p_serve.add_argument("--out", type=Path, help="folder to build into and serve (default: ROOT/build)")
    p_serve.add_argument("--no-watch", action="store_true", help="only serve the folder as it is: no build, no reload")
    p_serve.add_argument("--port", type=port_number, default=None,
                         help=f"port (default: {DEFAULT_PORT}, or the next free one up to {DEFAULT_PORT + PORT_TRIES})")
    spreadsheets.add_commands(commands)  # template, import
    p_schema = commands.add_parser("schema", help="write the JSON Schemas of the data files into schema/ (editor help while typing)")
    p_schema.add_argument("--check", action="store_true", help="write nothing; fail if schema/ differs from the models")
    _with_lang_option(p, commands)
    return p


def _with_lang_option(p: argparse.ArgumentParser, commands) -> None:
    """--lang before or after the command: `site-builder --lang ja build` or `site-builder build --lang ja`."""
    text = "language of messages: ja or en (default: SITE_BUILDER_LANG, else the locale: ja if LANG starts with ja)"
    p.add_argument("--lang", choices=("ja", "en"), default=None, help=text)
    for command in commands.choices.values():
        command.add_argument("--lang", choices=("ja", "en"), default=argparse.SUPPRESS, help=text)


def main(argv: list[str] | None = None) -> int:
    skip_last_collection()
    args = parser().parse_args(argv)
    with speaking(detect(args.lang, os.environ)):
        return _main(args, argv)


def _main(args: argparse.Namespace, argv: list[str] | None) -> int:
    try:
        return run(args)
    except KeyboardInterrupt:
        print(say("cli.interrupted", unchanged=say(UNCHANGED)), file=sys.stderr)
        return 130
    except BrokenPipeError:
        # whoever read the output stopped reading (`site-builder build | head -1`), after the work was done: no
        # "internal error, nothing was written"; the exit code a program ended by SIGPIPE has (128 + 13)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # else Python fails again flushing at exit
        return 141
    except Exception as e:  # a bug: one line for the user, the traceback for whoever fixes it
        return internal_error(e, sys.argv[1:] if argv is None else argv)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    if not (root / "data").is_dir():
        print(f"error: {say('cli.not_a_project', root=root.resolve())}", file=sys.stderr)
        return 2
    try:
        if args.command == "schema":
            return schema_command(root, args.check)
        if args.command in ("template", "import"):
            from .spreadsheets.command import run as run_spreadsheet  # openpyxl and the models: ≈1 s
            return run_spreadsheet(args, root)
        if args.command == "serve":
            if args.no_watch:
                return serve(args.out or root / "build", args.port)
            from .serve import watch  # imported here: it loads the whole build

            return watch.run(root, args.out or root / "build", args.port)
        out = (args.out or root / "build") if args.command == "build" else None
        if out is not None:
            check_target(out.resolve(), root)  # before the build, not a minute later
        report = build(root, out, strict=args.strict)
    except DataError as e:
        for problem in e.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(say("cli.errors", count=len(e.problems), unchanged=say(UNCHANGED)), file=sys.stderr)
        return 1
    except StrictError as e:
        for warning in e.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(say("cli.strict", count=len(e.warnings), unchanged=say(UNCHANGED)), file=sys.stderr)
        return 1
    except SiteError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except TemplateNotFound as e:  # an OSError too, without a file name
        return fail(f"templates/{e.name}: {say('cli.template_missing')}")
    except TemplateSyntaxError as e:
        return fail(f"templates/{e.name or e.filename}:{e.lineno}: {say('cli.template_syntax', message=e.message)}")
    except OSError as e:
        if e.filename is None:
            raise  # not about a file of the user's: a bug
        return fail(file_problem(e, root))
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(report.summary(out))
    if out is not None:
        print(say("cli.open", path=(out / "index.html").resolve()))
    return 0


def schema_command(root: Path, check: bool) -> int:
    from .schema import FOLDER, stale_schemas, write_schemas  # imported here: it loads the models

    if check:
        stale = stale_schemas(root)
        for name in stale:
            print(f"error: {FOLDER}/{name}: {say('schema.stale')}", file=sys.stderr)
        return 1 if stale else 0
    written = write_schemas(root)
    print(say("schema.written", count=len(written), folder=(root / FOLDER).resolve()))
    return 0


def build(root: Path, out: Path | None, strict: bool = False):
    """A build with nothing to do answers from its record; only a real one imports the stages (≈1 s).
    Without `out`: a check, which imports only the loaders."""
    if out is None:
        from .check import check  # the loaders and models only: no charts, pages or open data

        return check(root, strict)
    reused, state, _, _ = reuse(root, out, strict)
    if reused is not None:
        return reused
    from .render.search import Warming

    # Pagefind loads its dictionary while this process imports, loads and renders; not when these very inputs
    # were built before (into another folder, or the output was changed since): their search index is cached
    warm = Warming.start() if not pages_built_before(root, True, state) else None
    try:
        from .build import build as full_build

        return full_build(root, out, strict=strict, warm=warm)
    finally:
        if warm is not None:
            warm.stop()


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    print(say(UNCHANGED), file=sys.stderr)
    return 1


def file_problem(e: OSError, root: Path) -> str:
    """A file the build could not read or write, said as `path: what is wrong: what to do`."""
    path = Path(os.fsdecode(e.filename))
    try:
        path = path.resolve().relative_to(root.resolve())
    except ValueError:
        pass
    if isinstance(e, IsADirectoryError):
        what = say("cli.is_folder")
    elif isinstance(e, NotADirectoryError):
        what = say("cli.not_folder")
    elif isinstance(e, PermissionError):
        what = say("cli.permission")
    elif isinstance(e, FileNotFoundError):
        what = say("cli.not_found")
    else:
        what = say("cli.unreadable", reason=e.strerror or e)
    return f"{path.as_posix()}: {what}"


def serve(folder: Path, port: int | None) -> int:
    server, note = open_server(folder, port)
    with server:
        if note:
            print(note)
        print(say("cli.serving", folder=folder, url=server.url))
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def internal_error(error: Exception, argv: list[str]) -> int:
    """Exit 3 with one line; the traceback goes to a private file in the system's temp folder."""
    details = (f"site-builder {' '.join(argv)}\nPython {sys.version.split()[0]} on {platform.platform()}\n\n"
               + "".join(traceback.format_exception(error)))
    try:
        fd, path = tempfile.mkstemp(prefix="site-builder-error-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(details)
        saved = f"details saved to {path}"
    except OSError as e:
        saved = f"the details could not be saved ({e.strerror})"
    message = "".join(c if c.isprintable() else " " for c in str(error))
    message = " ".join(message.split())[:300]
    print(f"internal error: {type(error).__name__}: {message}; nothing was written; {saved}", file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main())
