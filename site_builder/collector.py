"""How the builder works with Python's garbage collector: no full collection while a build runs, none at exit.

A build keeps what it makes until the writer swaps the whole site in (every page, chart and open-data file), so its
heap only grows and nearly all of it lives to the end. Python nevertheless walks the whole heap in a full
collection each time the heap has grown by a quarter: at 1,000 indicators, 16 of them took 2.7 s of a 12 s build
from the cache and freed little (peak memory 817 MB with them, 819 MB without; a cold build's 863 and 896 MB;
docs/PERFORMANCE.md). The younger generations, where short-lived cycles die, are still collected as usual.

At exit, Python looks for cycles once more among every object still alive: after a build that imported Altair,
the models and the templates, 0.12–0.18 s of the command line's 1.6 s for a changed KPI value, and each chart
worker of a cold build spends it too while the build waits for the workers to end. Nothing needs it then: the site
is written and its files closed, Pagefind and the workers have ended, and the interpreter flushes stdout and stderr
all the same. The memory goes back to the system with the process."""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

_NEVER = 2**31 - 1  # middle-generation collections before a full one: never, within a build
_registered = False


@contextmanager
def no_full_collection() -> Iterator[None]:
    """Within: no full collection. Afterwards the thresholds are as they were, so a process that lives on (the
    preview) collects the oldest generation again at its next chance."""
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], _NEVER)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def skip_last_collection() -> None:
    """At this process's exit, hide the objects still alive from the collector (`gc.freeze`). Once per process."""
    global _registered
    if not _registered:
        atexit.register(gc.freeze)
        _registered = True
