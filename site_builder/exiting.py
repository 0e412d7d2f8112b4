"""Ending a process without the interpreter's last garbage collection.

At exit, Python looks for reference cycles among every object still alive. After a build that imported Altair, the
models and the templates, that walk took 0.12–0.18 s of the command line's 1.6 s for a changed KPI value, and each
chart worker of a cold build spends it too while the build waits for the workers to end (docs/PERFORMANCE.md).
Nothing needs it then: the site is written and its files closed, Pagefind and the workers have ended, and the
interpreter flushes stdout and stderr all the same. The memory goes back to the system with the process."""

from __future__ import annotations

import atexit
import gc

_registered = False


def skip_last_collection() -> None:
    """At this process's exit, hide the objects still alive from the collector (`gc.freeze`). Once per process."""
    global _registered
    if not _registered:
        atexit.register(gc.freeze)
        _registered = True
