"""`site-builder serve`: build if needed, serve, watch the inputs, rebuild on save, reload the tab.

Threads: the server answers in its own threads; a watcher thread (watchfiles) collects saves into
batches; the main thread builds, one batch at a time, so Ctrl+C stops a build cleanly (the writer
removes its half-written folder) and the program ends with code 0.
"""

from __future__ import annotations

import queue
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..errors import clipped
from .preview import Outcome, Preview, PreviewServer, watched_folders
from .server import check_ours, open_server

# watchfiles yields a burst of saves once no new change came for STEP ms (an editor writing a file, a
# backup and a folder's time is one burst), and at the latest after DEBOUNCE ms of continuous changes.
STEP_MS = 50
DEBOUNCE_MS = 1600
SHOWN_CHANGES = 3  # changed files named per rebuild line; more are counted
INDEX_AFTER = 1.0  # seconds without a save before Pagefind starts on the new pages (the tab loads meanwhile)
SEARCH_AFTER = 5.0  # seconds without a save before the search index is added (that rebuild would hold up a save)


def say(line: str) -> None:
    print(line, flush=True)


def watch_inputs(root: Path, batches: queue.Queue[set[Path]], stop: threading.Event) -> None:
    """Put each burst of changed files under the watched folders into `batches` until `stop` is set."""
    import watchfiles  # only the preview needs it

    try:
        for changes in watchfiles.watch(*watched_folders(root), step=STEP_MS, debounce=DEBOUNCE_MS, stop_event=stop,
                                        raise_interrupt=False, ignore_permission_denied=True):
            batches.put({Path(path) for _, path in changes})
    except Exception as e:  # noqa: BLE001 - e.g. the system's limit of watched folders; the site is still served
        say(f"error: cannot watch for saved files any more ({type(e).__name__}: {clipped(e, 200)}): the site is still "
            "served, but saves are not rebuilt: stop and restart 'site-builder serve'")


def named(paths: Iterable[Path], root: Path) -> str:
    """`content/goals/g1.ja.md, data/kpi.yaml and 2 more`: paths relative to the project where they can be."""
    base = root.resolve()
    names = sorted(p.resolve().relative_to(base).as_posix() if p.resolve().is_relative_to(base) else str(p) for p in paths)
    shown = ", ".join(names[:SHOWN_CHANGES])
    return shown + (f" and {len(names) - SHOWN_CHANGES} more" if len(names) > SHOWN_CHANGES else "")


def report(outcome: Outcome, cause: str, previous: Outcome | None, out: Callable[[str], None] = say) -> None:
    """One line per build in the terminal; then the errors, or warnings not shown after the last build."""
    stamp = time.strftime("%H:%M:%S")
    if outcome.ok:
        count = len(outcome.warnings)
        files = len(outcome.changed)
        what = "nothing changed, build/ kept" if outcome.reused else f"rebuilt, {files} file{'' if files == 1 else 's'} changed"
        out(f"{stamp} {cause}: {what} in {outcome.seconds:.1f} s, {count} warning{'' if count == 1 else 's'}")
        seen = set(previous.warnings) if previous is not None else set()
        for warning in outcome.warnings:
            if warning not in seen:
                out(f"  warning: {warning}")
    elif outcome.problems is not None:
        n = len(outcome.problems)
        out(f"{stamp} {cause}: {n} error{'' if n == 1 else 's'} after {outcome.seconds:.1f} s; the browser shows them, "
            "and the last good site is still served:")
        for problem in outcome.problems:
            out(f"  error: {problem}")
    else:
        from ..__main__ import internal_error  # the CLI's one line, with the details saved to a file

        internal_error(outcome.bug, sys.argv[1:])
        out(f"{stamp} {cause}: failed (a bug in site-builder, see above); the last good site is still served")


def follow(preview: Preview, batches: queue.Queue[set[Path]], stop: threading.Event, outcome: Outcome) -> None:
    """Rebuild after each burst of saves until `stop`. The reload does not wait for the search index: once the tab
    has had a moment to load, Pagefind indexes the new pages on a thread of its own, and a rebuild in the next
    quiet moment adds its bundle."""
    index_due = search_due = False
    indexing: threading.Thread | None = None
    built = time.monotonic()
    while not stop.is_set():
        try:
            changed = batches.get(timeout=0.2)
        except queue.Empty:
            quiet = time.monotonic() - built
            busy = indexing is not None and indexing.is_alive()
            if index_due and quiet >= INDEX_AFTER and not busy:
                index_due, indexing = False, preview.prepare_search()
            elif search_due and not index_due and quiet >= SEARCH_AFTER and not busy:
                search_due = False
                previous, outcome = outcome, preview.rebuild(search=True)
                report(outcome, "search index", previous)
            continue
        while not batches.empty():  # saves made during the last build: one rebuild for all of them
            changed |= batches.get_nowait()
        previous, outcome = outcome, preview.rebuild(search=False)
        built = time.monotonic()
        index_due = search_due = outcome.ok
        # An editor's or sed's temporary file comes and goes within the burst: name the files that are there.
        report(outcome, f"{named([p for p in changed if p.exists()] or changed, preview.root)} changed", previous)


def _interrupted(signum, frame) -> None:
    raise KeyboardInterrupt


def _stop_on_sigterm() -> Callable[[], None]:
    """SIGTERM (a service manager's, `kill`'s) stops the preview as Ctrl+C does: the build in progress is undone
    and the chart workers end. Only the main thread may set a handler (tests run the preview on others)."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGTERM, _interrupted)
    return lambda: signal.signal(signal.SIGTERM, previous)


def run(root: Path, out: Path, port: int | None, *, stop: threading.Event | None = None,
        ready: Callable[[Preview, PreviewServer], None] | None = None) -> int:
    """Serve the preview of `root` (built into `out`) until Ctrl+C or `stop` (tests set it); exit code 0."""
    out = out.resolve()
    check_ours(out)  # before anything: a folder of someone else's is never built into
    preview = Preview(root, out)
    server, note = open_server(out, port, lambda candidate: PreviewServer(out, candidate, preview))
    stop = stop or threading.Event()
    restore = _stop_on_sigterm()
    batches: queue.Queue[set[Path]] = queue.Queue()
    serving = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    watching = threading.Thread(target=watch_inputs, args=(root, batches, stop), name="preview-watch", daemon=True)
    try:
        serving.start()
        watching.start()  # before the first build, so a save made during it is not missed
        if note:
            say(note)
        say(f"Preview of {root.resolve()} at {server.url} (Ctrl+C to stop)")
        say(f"Building {out} (if anything changed since the last build)…")
        outcome = preview.rebuild()
        report(outcome, "first build", None)
        if ready is not None:
            ready(preview, server)
        folders = watched_folders(root)
        say(f"Watching {', '.join(named([folder], root) for folder in folders)} for changes.")
        follow(preview, batches, stop, outcome)
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        stop.set()
        preview.versions.close()
        preview.session.close()
        restore()
        if serving.is_alive():
            server.shutdown()
        server.server_close()
        watching.join(timeout=5)
    return 0
