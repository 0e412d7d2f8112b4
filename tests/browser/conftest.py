"""Browser tests: the shipped site built once, served on 127.0.0.1, opened in Debian's Chromium.

No browser is downloaded: Playwright drives /usr/bin/chromium (apt-get install chromium
fonts-noto-cjk). A missing Chromium fails the tests; nothing here skips itself.

Set SITE_A11Y_RESULTS=path to write the run's accessibility results there (see
scripts/accessibility_results.py); the policy page renders that file.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from site_builder.build import build
from site_builder.load.inputs import load_inputs

from .support import CHROMIUM, CHROMIUM_ARGS, PAGES, ROOT, Recorder

# Served under the public address's folder (/strategy/), as on the city's server: relative links,
# the 404 page's root-relative links and search result URLs are all tested where they will live.
PREFIX = urlsplit(load_inputs(ROOT).site.base_url).path


class _Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory, "does-not-exist"))
        return super().translate_path("/" + path[len(PREFIX):])

    def send_error(self, code, message=None, explain=None) -> None:
        if code == 404 and (Path(self.directory) / "404.html").is_file():
            body = (Path(self.directory) / "404.html").read_bytes()  # as the city's server would
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the browser stopped reading (it moved on to the next page): not a failure
        super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "site"
    build(ROOT, out, strict=True)
    return out


@pytest.fixture(scope="session")
def base_url(built_site) -> Iterator[str]:
    """http://127.0.0.1:PORT/strategy/ serving the built site, on a free port, in a thread."""
    handler = functools.partial(_Handler, directory=str(built_site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser(built_site) -> Iterator[Browser]:
    # built_site first: the build runs before Playwright's event loop exists.
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: apt-get install chromium fonts-noto-cjk (browser tests never skip)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        RECORDER.browser_version = f"Chromium {browser.version}"
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def context(browser, base_url) -> Iterator[BrowserContext]:
    """One desktop context for the session; each test opens its own page in it."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context) -> Iterator[Page]:
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield p
    p.close()
    assert not errors, f"JavaScript errors or CSP violations on the page: {errors}"


@pytest.fixture
def new_page(browser) -> Iterator:
    """A page in a context of its own, for tests that need other settings (no JavaScript, phone…)."""
    opened: list[BrowserContext] = []

    def make(**options) -> Page:
        ctx = browser.new_context(**options)
        opened.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in opened:
        ctx.close()


# --- recording the run for the accessibility policy page -------------------------------------------

RECORDER = Recorder(expected_pages=PAGES)


@pytest.fixture(scope="session")
def recorder() -> Recorder:
    return RECORDER


NOT_THE_SITE = {"test_sample_city", "test_preview"}


def pytest_runtest_logreport(report) -> None:
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        module = Path(str(report.fspath)).stem
        # the sample city is another site, and the preview a tool for staff: neither is this site's record
        if module.startswith("test_") and module not in NOT_THE_SITE and "browser" in Path(str(report.fspath)).parts:
            RECORDER.outcomes[module.removeprefix("test_")][report.outcome == "passed"] += 1


def pytest_sessionfinish(session, exitstatus) -> None:
    target = os.environ.get("SITE_A11Y_RESULTS")
    if target:
        RECORDER.write(Path(target))

