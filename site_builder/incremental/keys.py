"""Cache keys: a hash of everything that makes a result, so that an unchanged key means an unchanged result.

`fingerprint` hashes values (models, dataclasses, containers, numbers, dates) canonically: the same value
gives the same key in every process, and a type it does not know is an error rather than a guess."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import os
from decimal import Decimal
from functools import cache
from importlib import metadata
from pathlib import Path, PurePath

PACKAGE = Path(__file__).resolve().parents[1]
# Where the renderer finds the fonts it measures text with: a font added, removed or updated changes the SVGs.
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts", "/Library/Fonts",
                "~/Library/Fonts", "C:/Windows/Fonts")


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class Fingerprints:
    """Canonical hashes of values; a value seen twice in one pass (a goal shared by its indicators) is hashed once.

    The memo is by identity, so it lives only as long as the values it saw: one pass over one build's inputs."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, str]] = {}

    def __call__(self, value: object) -> str:
        if value is None or isinstance(value, bool | int | float) or (isinstance(value, str) and len(value) < 64):
            return f"{type(value).__name__}:{value!r}"
        hit = self._memo.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        made = digest(self._encode(value))
        self._memo[id(value)] = (value, made)  # the value is kept, so its id is not reused meanwhile
        return made

    def _encode(self, value: object) -> str:
        if isinstance(value, str):  # a long one (a page's HTML, an SVG): hashed, not repeated in its parent's key
            return f"{type(value).__name__}:{value}"
        if isinstance(value, bytes):
            return f"bytes:{hashlib.sha256(value).hexdigest()}"
        if isinstance(value, Decimal | datetime.date | datetime.datetime | PurePath):
            return f"{type(value).__name__}:{value}"
        if isinstance(value, enum.Enum):
            return f"{type(value).__name__}:{value.value!r}"
        if isinstance(value, list | tuple):
            return f"{type(value).__name__}[" + ",".join(self(v) for v in value) + "]"
        if isinstance(value, set | frozenset):
            return f"{type(value).__name__}{{" + ",".join(sorted(self(v) for v in value)) + "}"
        if isinstance(value, dict):
            return "dict{" + ",".join(sorted(f"{self(k)}={self(v)}" for k, v in value.items())) + "}"
        own = getattr(value, "__fingerprint__", None)
        if callable(own):  # the value says what to hash (all it holds, in a form quicker to hash)
            return f"{type(value).__qualname__}<" + ",".join(self(part) for part in own()) + ">"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = ",".join(f"{f.name}={self(getattr(value, f.name))}" for f in dataclasses.fields(value))
            return f"{type(value).__qualname__}({fields})"
        if callable(getattr(value, "model_dump_json", None)):
            # a pydantic model: its fields as pydantic's serializer writes them (compiled: ≈10× faster than
            # walking them here). Every field counts, nested models included; a number keeps its written form.
            return f"{type(value).__qualname__}:{value.model_dump_json()}"
        raise TypeError(f"no canonical fingerprint for {type(value).__qualname__}")


@cache
def code_version() -> str:
    """The builder's own source and the chart library's version: a new release (or an edit to the chart code
    by a developer) makes every cached chart spec stale. Only the package's .py files count."""
    parts = [f"altair {_version('altair')}"]
    for path in sorted(PACKAGE.rglob("*.py")):
        parts.append(path.relative_to(PACKAGE).as_posix())
        parts.append(path.read_bytes())  # type: ignore[arg-type]
    return digest(*parts)


@cache
def fonts_version() -> str:
    """Every font file the renderer may measure text with, by name, size and time of change."""
    found = []
    for folder in FONT_FOLDERS:
        top = Path(folder).expanduser()
        if not top.is_dir():
            continue
        for base, _, files in os.walk(top):
            for name in files:
                try:
                    st = os.stat(os.path.join(base, name))
                except OSError:
                    continue
                found.append(f"{os.path.join(base, name)} {st.st_size} {st.st_mtime_ns}")
    return digest(*sorted(found))


@cache
def renderer_version() -> str:
    """The SVG renderer's version, read without importing it (that costs a second)."""
    return f"vl-convert-python {_version('vl-convert-python')}"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"
