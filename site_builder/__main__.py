"""Command line: site-builder build | check | serve. Exit 0 ok, 1 data or content errors, 2 usage."""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
from pathlib import Path

from .build import build
from .errors import DataError, SiteError, StrictError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="site-builder", description="Build the strategy's bilingual static site.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    p_build = commands.add_parser("build", help="build the site into build/ (or --out)")
    p_build.add_argument("--out", type=Path, help="output folder (default: ROOT/build)")
    p_build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p_check = commands.add_parser("check", help="validate data and content without writing anything")
    p_check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p_serve = commands.add_parser("serve", help="serve the built site on http://127.0.0.1:PORT/")
    p_serve.add_argument("--out", type=Path, help="folder to serve (default: ROOT/build)")
    p_serve.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)

    root: Path = args.root
    if not (root / "data").is_dir():
        print(f"error: {root.resolve()} has no data/ folder: run this in the project folder or pass --root",
              file=sys.stderr)
        return 2
    if args.command == "serve":
        return serve(args.out or root / "build", args.port)
    out = (args.out or root / "build") if args.command == "build" else None
    try:
        report = build(root, out, strict=args.strict)
    except DataError as e:
        for problem in e.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(e.problems)} error(s); nothing was written, the previous build is unchanged.", file=sys.stderr)
        return 1
    except StrictError as e:
        for warning in e.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(f"{len(e.warnings)} warning(s) with --strict; nothing was written.", file=sys.stderr)
        return 1
    except SiteError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(report.summary(out))
    if out is not None:
        print(f"Open {(out / 'index.html').resolve()} in a browser, or run: site-builder serve")
    return 0


def serve(folder: Path, port: int) -> int:
    if not (folder / "index.html").is_file():
        print(f"error: {folder} has no index.html: run 'site-builder build' first", file=sys.stderr)
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving {folder} at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
