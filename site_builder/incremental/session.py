"""BuildSession: what one process keeps between builds of one project (the preview server holds one).

A fresh session behaves exactly like a cold process: everything kept here only saves work, never changes
output. What every process shares lives in the disk cache (`store`); a session adds what is cheaper to keep
in memory: the loaded inputs (while no input file changed), the Jinja environment with its compiled
templates (while no template changed), and the last build's manifest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import messages
from .manifest import Manifest
from .tree import InputState


class BuildSession:
    """What one process keeps between builds of one project: parsed inputs per file (by content hash), the Jinja
    environment, chart specs/SVGs, rendered pages, the search index. A fresh session = a cold process."""

    def __init__(self, root: Path, workers: Callable[..., Any] | None = None):
        """`workers`: where chart jobs run, kept between builds (the preview's `charts.work.Kept`); None: each build
        starts worker processes of its own when it has enough to do."""
        self.root = Path(root)
        self.workers = workers
        self.builds = 0  # builds this session finished
        self.state: InputState | None = None  # the input files of the last finished build
        self.manifest: Manifest | None = None  # what the last finished build wrote
        self.written: tuple[Path, dict[str, tuple[str, int, int]]] | None = None  # its output folder, files as written
        self._memos: dict[str, tuple[str, Any]] = {}  # name → (key, value): one value per name, the latest

    def changed_files(self, state: InputState) -> set[str]:
        """The input files that changed since the last finished build of this session (all, before the first)."""
        return state.changed(self.state)

    def inputs(self, root: Path, state: InputState, load: Callable[[Path], Any]):
        """The loaded and validated inputs (`load(root)`): loaded again only when an input file changed."""
        # warnings are worded when the inputs load; a DataError keeps nothing: the next build loads again
        return self.memo("inputs", f"{root}\n{state.key}\n{messages.current()}", lambda: load(root))

    def environment(self, templates: Path, make: Callable[[Path], Any], key: str):
        """The Jinja environment (its compiled templates are the expensive part): made again when a template changed."""
        return self.memo("environment", f"{templates}\n{key}", lambda: make(templates))

    def memo(self, name: str, key: str, make: Callable[[], Any]) -> Any:
        """`make()`, or what it gave last time under `name` if `key` is the same (a fresh session: always made)."""
        hit = self._memos.get(name)
        if hit is not None and hit[0] == key:
            return hit[1]
        value = make()  # an error keeps nothing: the next build makes it again
        self._memos[name] = (key, value)
        return value

    def close(self) -> None:
        """End what the session keeps running (its worker processes)."""
        if self.workers is not None:
            self.workers.close()

    def forget(self, name: str) -> None:
        """Drop what `memo` keeps under `name` (a build that failed half-way may leave it unfinished)."""
        self._memos.pop(name, None)

    def remember_build(self, state: InputState, manifest: Manifest | None) -> None:
        self.state = state
        if manifest is not None:
            self.manifest = manifest
        self.builds += 1
