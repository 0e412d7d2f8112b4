"""The live preview's state and its HTTP side: the last build's outcome, the pages it sends (with the
reload script added), the error page while the site is broken, and the reload stream.

One `Preview` belongs to one project. Rebuilds run in the process that serves (`rebuild`), with one
`BuildSession`, so a rebuild redoes only what the change affects. build/ is replaced only by a good build
(the writer's atomic swap), so the last good site is what is served, whatever the state of the inputs.
"""

from __future__ import annotations

import io
import os
import sys
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..build import BuildSession, build
from ..charts.work import Kept
from ..errors import clipped
from ..headers import HEADERS
from ..incremental.store import cache_folder
from ..load.inputs import shared_folder
from ..render.search import search_bundle
from ..writer import is_output
from .errorpage import LAST_GOOD, Shown, building_page, describe, error_page
from .reload import EVENTS_PATH, RELOAD_JS, SCRIPT_PATH, Versions, script_tag, with_reload_script
from .server import SiteHandler, SiteServer

SEARCH_FOLDER = "pagefind/"
KEEP_ALIVE = 15.0  # seconds between comments on an idle reload stream: a closed tab is noticed and let go


def watched_folders(root: Path) -> list[Path]:
    """The folders whose files make the site (a project without templates/ or assets/ uses the builder's)."""
    folders = [root / "data", root / "content", shared_folder(root, "templates"), shared_folder(root, "assets")]
    return [folder for folder in folders if folder.is_dir()]


@dataclass(frozen=True)
class Outcome:
    """One build: how long it took, its warnings, or the problems that stopped it."""

    seconds: float
    warnings: tuple[str, ...] = ()
    problems: tuple[Shown, ...] | None = None  # None: built; else what the user must fix
    bug: Exception | None = None  # a failure that is site-builder's own fault
    changed: tuple[str, ...] = ()  # files of the site that differ from the previous build's
    reused: bool = False  # nothing had changed since the last build: build/ was kept as it is

    @property
    def ok(self) -> bool:
        return self.problems is None and self.bug is None


def background() -> None:
    """The calling thread, and the threads and processes it starts, at the lowest CPU priority (Linux: per thread;
    elsewhere left as it is, since there the call would lower the whole process)."""
    if sys.platform == "linux":
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        except OSError:
            pass  # not allowed here: indexing at normal priority only costs time


class Preview:
    """One project's preview: builds into `out` and knows what the browser should be shown."""

    def __init__(self, root: Path, out: Path):
        self.root = root
        self.out = out
        self.session = BuildSession(root, Kept() if (os.cpu_count() or 1) > 1 else None)  # warm chart workers
        self.versions = Versions()
        self.last: Outcome | None = None  # None until the first build ends

    def rebuild(self, search: bool = True) -> Outcome:
        """Build once (the build itself keeps an up-to-date build/ as it is); the open tabs reload to show the result.

        `search=False` leaves the search index out, to be added by the next `rebuild()`: Pagefind takes seconds,
        and a saved sentence should not wait for them. A rebuild that only adds the index reloads no tab."""
        started = time.perf_counter()
        try:
            report = build(self.root, self.out, search=search, session=self.session)
            outcome = Outcome(time.perf_counter() - started, warnings=tuple(report.warnings), changed=tuple(report.changed),
                              reused=report.reused)
        except Exception as e:  # noqa: BLE001 - a preview outlives a bad file (and reports a bug, not dies of it)
            problems = describe(e, self.root)
            elapsed = time.perf_counter() - started
            outcome = Outcome(elapsed, problems=tuple(problems)) if problems is not None else Outcome(elapsed, bug=e)
        if search and self.last is not None and self.last.ok and outcome.ok \
                and all(path.startswith(SEARCH_FOLDER) for path in outcome.changed):
            return outcome  # only the search index changed: what the tabs show is the same
        self.last = outcome
        self.versions.bump()
        return outcome

    def prepare_search(self) -> threading.Thread:
        """Index the pages now in build/ with Pagefind on a thread of its own; returns that thread.

        Its bundle lands in the build's search cache (keyed by the pages), so the `rebuild()` that adds the index
        finds it there instead of waiting for Pagefind. It runs at the lowest CPU priority (Pagefind inherits it),
        so a save made meanwhile, and the tab loading the new page, are not slowed down by it."""
        cache = cache_folder(self.root) / "search"  # where build() keeps search bundles

        def index() -> None:
            background()
            try:
                pages = {path.relative_to(self.out).as_posix(): path.read_bytes() for path in self.out.rglob("*.html")}
                search_bundle(pages, cache)
            except Exception:  # noqa: BLE001 - only a head start: the rebuild that needs the index reports its errors
                pass

        thread = threading.Thread(target=index, name="preview-search", daemon=True)
        thread.start()
        return thread

    def has_site(self) -> bool:
        return (self.out / "index.html").is_file() and is_output(self.out)


class PreviewHandler(SiteHandler):
    """SiteHandler plus the preview: reload script in every page, the error page, the reload stream."""

    server: PreviewServer

    def send_head(self):
        if not self.host_allowed():
            return None
        url = urlsplit(self.path)
        if url.path == SCRIPT_PATH:
            return self.send_bytes(HTTPStatus.OK, RELOAD_JS, "text/javascript; charset=utf-8")
        if url.path == EVENTS_PATH:
            return self.stream_reloads(parse_qs(url.query).get("v", [""])[0])
        preview = self.server.preview
        last_good = url.path.startswith(LAST_GOOD)
        page_path = "/" + url.path[len(LAST_GOOD):] if last_good else url.path
        file = self.translate_path(self.path)
        is_page = page_path.endswith(("/", ".html")) or os.path.isdir(file)
        if is_page and not last_good:
            outcome = preview.last
            if outcome is not None and not outcome.ok:
                problems = list(outcome.problems or [Shown("", f"internal error (a bug in site-builder): {type(outcome.bug).__name__}: "
                                                              f"{clipped(outcome.bug, 200)}; see the terminal")])
                return self.send_bytes(HTTPStatus.INTERNAL_SERVER_ERROR,
                                       error_page(problems, page_path, preview.has_site(), script_tag(preview.versions.current)))
            if outcome is None and not preview.has_site():
                return self.send_bytes(HTTPStatus.SERVICE_UNAVAILABLE, building_page(script_tag(preview.versions.current)))
        if os.path.isdir(file) and url.path.endswith("/"):
            file = os.path.join(file, "index.html")
        if file.endswith(".html") and os.path.isfile(file):
            try:
                with open(file, "rb") as page:
                    body = page.read()
            except OSError:
                body = None  # replaced by a rebuild just now: the base class answers
            if body is not None:
                return self.send_bytes(HTTPStatus.OK, with_reload_script(body, preview.versions.current))
        return super().send_head()

    def translate_path(self, path: str) -> str:
        split = urlsplit(path)
        if split.path.startswith(LAST_GOOD):
            path = "/" + path[len(LAST_GOOD):]
        return super().translate_path(path)

    def send_bytes(self, status: HTTPStatus, body: bytes, content_type: str = "text/html; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def stream_reloads(self, seen: str):
        """Server-Sent Events: one `reload` event when the site's version differs from the page's."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        if self.command != "GET":
            return None
        versions = self.server.preview.versions
        self.wfile.write(b"retry: 500\n\n")  # after `serve` restarts, the tab reconnects quickly and reloads
        self.wfile.flush()
        while (current := versions.wait_past(seen, KEEP_ALIVE)) is not None:
            if current != seen:
                self.wfile.write(f"event: reload\ndata: {current}\n\n".encode())
                self.wfile.flush()
                return None
            self.wfile.write(b": still here\n\n")
            self.wfile.flush()
        return None

    def end_headers(self) -> None:
        # The hosting headers (README: Hosting), so the preview enforces what the city's server will; and
        # no caching: after a rebuild every file is asked for again.
        for name, value in HEADERS:
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass  # the terminal shows the rebuilds, not every request


class PreviewServer(SiteServer):
    handler = PreviewHandler
    block_on_close = False  # reload streams end when `versions` closes; nothing else is worth waiting for

    def __init__(self, folder: Path, port: int, preview: Preview):
        self.preview = preview
        super().__init__(folder, port)
