"""`site-builder serve`: the built site on http://127.0.0.1:PORT/, to look at before publishing.

Bound to 127.0.0.1 only. It answers only requests addressed to 127.0.0.1 or localhost, so a web
page elsewhere cannot read it through a DNS name that points here (DNS rebinding), lists no folder,
and says nothing when a browser drops a connection. The live preview (preview.py) builds on it;
`serve --no-watch` is this server alone.
"""

from __future__ import annotations

import errno
import functools
import socket
import sys
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..errors import SiteError
from ..messages import say
from ..writer import MARKER, is_output

HOST = "127.0.0.1"
DEFAULT_PORT = 8000
PORT_TRIES = 20  # without --port, the next free one of DEFAULT_PORT … DEFAULT_PORT + 20 is taken


class SiteHandler(SimpleHTTPRequestHandler):
    server: SiteServer
    server_version = "site-builder"
    sys_version = ""

    def send_head(self):  # every GET and HEAD passes here
        if not self.host_allowed():
            return None
        return super().send_head()

    def host_allowed(self) -> bool:
        """True for requests addressed to this server by its own name; others are answered 421 here."""
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in self.server.hosts:
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "this server answers only http://127.0.0.1 and http://localhost")
            return False
        return True

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")
        return None


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    handler: type[SiteHandler] = SiteHandler

    def __init__(self, folder: Path, port: int):
        super().__init__((HOST, port), functools.partial(self.handler, directory=str(folder)))
        bound = self.server_address[1]
        self.hosts = {f"{name}:{bound}" for name in (HOST, "localhost")} | ({HOST, "localhost"} if bound == 80 else set())

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser closed the connection (a reload, a cancelled download): nothing to report
        super().handle_error(request, client_address)


def check_folder(folder: Path) -> None:
    if not (folder / "index.html").is_file():
        raise SiteError(say("serve.no_index", folder=folder))
    check_ours(folder)


def check_ours(folder: Path) -> None:
    """Refuse a folder holding files site-builder did not make: it is neither served nor replaced."""
    if folder.is_dir() and any(folder.iterdir()) and not is_output(folder):
        raise SiteError(say("serve.not_ours", folder=folder, marker=MARKER))


def open_server(folder: Path, port: int | None, make: Callable[[int], SiteServer] | None = None) -> tuple[SiteServer, str | None]:
    """The server for `folder` (made by `make(port)` if given: the live preview's) and a note when it is not
    on the port asked for.

    With --port the port is taken or refused (with a free one to try); without, the next free port
    after 8000 is used, so a second preview or another program on 8000 does not stop it."""
    if make is None:
        check_folder(folder)
        make = functools.partial(SiteServer, folder)
    tries = [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + PORT_TRIES + 1)
    for candidate in tries:
        try:
            server = make(candidate)
        except OSError as e:
            if e.errno != errno.EADDRINUSE:
                raise SiteError(say("serve.cannot", port=candidate, reason=e.strerror)) from e
            continue
        note = None if candidate in (port, DEFAULT_PORT) else say("serve.moved", default=DEFAULT_PORT, port=candidate)
        return server, note
    if port is None:
        raise SiteError(say("serve.all_busy", first=DEFAULT_PORT, last=DEFAULT_PORT + PORT_TRIES))
    free = next_free_port(port + 1)
    hint = say("serve.free", port=free) if free is not None else ""
    raise SiteError(say("serve.busy", port=port, hint=hint))


def next_free_port(start: int) -> int | None:
    for candidate in range(start, min(start + PORT_TRIES, 65535) + 1):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, candidate))
            except OSError:
                continue
        return candidate
    return None
