"""What a build reads from disk, as one hash: the project's input folders, file by file.

Everything a build writes follows from these files and the builder itself (no clock, no environment), so
an unchanged hash with an unchanged builder means an unchanged site."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .keys import digest

FOLDERS = ("data", "content", "templates", "assets")
BUILDER_ROOT = Path(__file__).resolve().parents[2]  # load.inputs.BUILDER_ROOT: its templates/ and assets/


@dataclass(frozen=True)
class InputState:
    files: dict[str, str]  # "data/kpi.yaml" → sha256 of its bytes (a link: of where it points, and its bytes)
    key: str  # all of them in one hash

    def changed(self, before: InputState | None) -> set[str]:
        """The files added, removed or changed since `before` (every file when there is no before)."""
        if before is None:
            return set(self.files)
        return {p for p in self.files.keys() | before.files.keys() if self.files.get(p) != before.files.get(p)}


def input_state(root: Path, builder_root: Path = BUILDER_ROOT) -> InputState:
    """Every file under the project's input folders; a folder the project lacks is the builder's (as when loading)."""
    files: dict[str, str] = {}
    base, seen = root.resolve(), set()
    for name in FOLDERS:
        own = root / name
        top, shown = (own, name) if own.is_dir() or own.is_symlink() or own.exists() else (builder_root / name, f"<builder>/{name}")
        if own.exists() and not own.is_dir():
            files[shown] = "not a folder"
            continue
        if own.is_symlink():
            files[f"{shown} →"] = os.readlink(own)
        for folder, dirs, names in os.walk(top, followlinks=True):
            real = os.path.realpath(folder)
            if real in seen:  # a linked folder reached again (or a loop): the load reports loops
                dirs.clear()
                continue
            seen.add(real)
            rel = Path(folder).relative_to(top).as_posix()
            inside = top is not own or Path(real).is_relative_to(base)
            for entry in sorted(dirs + names):
                path = os.path.join(folder, entry)
                label = f"{shown}/{entry}" if rel == "." else f"{shown}/{rel}/{entry}"
                if os.path.islink(path) and not (inside and Path(os.path.realpath(path)).is_relative_to(base)):
                    files[label] = f"link outside {os.readlink(path)}"  # never read: the load refuses it
                    if entry in dirs:
                        dirs.remove(entry)
                elif entry in names:
                    files[label] = _file_hash(path)
            dirs.sort()
    return InputState(files, digest(*(part for item in sorted(files.items()) for part in item)))


def _file_hash(path: str) -> str:
    h = hashlib.sha256()
    if os.path.islink(path):
        h.update(f"link {os.readlink(path)}\n".encode())  # where a link points is part of the input
    try:
        with open(path, "rb") as f:
            h.update(f.read())
    except OSError as e:
        h.update(f"unreadable {type(e).__name__}".encode())  # the load reports it; the hash only has to differ
    return h.hexdigest()
