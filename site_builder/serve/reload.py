"""Reloading the open tab after a rebuild: a version that changes with each rebuild, the script the
preview adds to every page it sends, and the stream that tells the script when to reload.

The script is a same-origin file (/__preview/reload.js) listening with Server-Sent Events on the same
origin, so the site's strict policy (script-src 'self', connect-src 'self') allows it unchanged. It is
added to pages as they are sent and never written to build/: a published site has no trace of it.
"""

from __future__ import annotations

import secrets
import threading

PREFIX = "/__preview/"
SCRIPT_PATH = PREFIX + "reload.js"
EVENTS_PATH = PREFIX + "events"

# Sent with each page: it knows the version it was served at, so a rebuild that ends between the page
# and the stream still reloads the tab, and a restarted `serve` (another version) reloads it too.
RELOAD_JS = b"""\
// site-builder serve: reloads this tab after each rebuild. Sent only by the preview, never part of build/.
(() => {
  const script = document.currentScript;
  const seen = script ? script.dataset.version : "";
  const stream = new EventSource("/__preview/events?v=" + encodeURIComponent(seen));
  stream.addEventListener("reload", () => {
    stream.close();
    location.reload();
  });
})();
"""


def script_tag(version: str) -> str:
    return f'<script src="{SCRIPT_PATH}" data-version="{version}" defer></script>\n'


def with_reload_script(html: bytes, version: str) -> bytes:
    """The page with the reload script before </head> (after the page's CSP <meta>, so that policy covers it)."""
    tag = script_tag(version).encode()
    at = html.find(b"</head>")
    if at < 0:
        at = html.rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


class Versions:
    """The site's version: a random start token and a count of rebuilds. Waiters wake on each change."""

    def __init__(self) -> None:
        self._token = secrets.token_hex(4)  # hex only: safe in an attribute and a URL as it is
        self._count = 0
        self._closed = False
        self._changed = threading.Condition()

    @property
    def current(self) -> str:
        return f"{self._token}-{self._count}"

    def bump(self) -> str:
        with self._changed:
            self._count += 1
            self._changed.notify_all()
            return self.current

    def close(self) -> None:
        """Wake every waiter for good (the server is stopping)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def wait_past(self, seen: str, timeout: float) -> str | None:
        """The current version once it differs from `seen` (or after `timeout`); None once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self.current != seen, timeout)
            return None if self._closed else self.current
