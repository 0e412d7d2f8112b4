"""What a finished build leaves for the next one: its key, its files' hashes, its page count and warnings.

A build with the same key (same inputs, same builder, same options) whose output folder still holds exactly
those files has nothing to do: it reports the same warnings and writes nothing."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .store import Store

MARKER = ".site-builder-output"  # writer.MARKER: written with every output, not part of the site's files


@dataclass(frozen=True)
class Manifest:
    key: str
    pages: int
    files: dict[str, str]  # output path → sha256
    warnings: tuple[str, ...]


def recorded(cache: Path, key: str) -> Manifest | None:
    text = Store(cache / "builds").get_text(f"{key}.json")
    if text is None:
        return None
    try:
        data = json.loads(text)
        return Manifest(key, int(data["pages"]), dict(data["files"]), tuple(data["warnings"]))
    except (ValueError, KeyError, TypeError):
        return None


def record(cache: Path, manifest: Manifest) -> None:
    data = {"pages": manifest.pages, "files": manifest.files, "warnings": list(manifest.warnings)}
    Store(cache / "builds").put_text(f"{manifest.key}.json", json.dumps(data, ensure_ascii=False, sort_keys=True))


def output_matches(out: Path, files: dict[str, str]) -> bool:
    """`out` holds exactly these files with these contents (and the writer's marker), nothing else."""
    if not (out / MARKER).is_file():
        return False
    seen = 0
    for folder, dirs, names in os.walk(out):
        rel = os.path.relpath(folder, out)
        for name in names:
            path = name if rel == "." else f"{Path(rel).as_posix()}/{name}"
            if path == MARKER:
                continue
            expected = files.get(path)
            if expected is None or os.path.islink(os.path.join(folder, name)):
                return False
            try:
                with open(os.path.join(folder, name), "rb") as f:
                    if hashlib.sha256(f.read()).hexdigest() != expected:
                        return False
            except OSError:
                return False
            seen += 1
        if any(os.path.islink(os.path.join(folder, d)) for d in dirs):
            return False
    return seen == len(files)
