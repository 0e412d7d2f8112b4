"""The disk cache: entries named by the hash of what made them, each checked before it is served.

Every entry starts with the SHA-256 of its body, so a torn, truncated or edited entry is ignored (and made
again), never served. Entries are written to a temporary file and renamed into place, so two builds sharing
a cache, or a build killed half-way, never leave half an entry under a real name."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

_MAGIC = b"site-builder-cache 1 "


def cache_folder(root: Path) -> Path:
    """Where builds keep what they made for the next one: SITE_BUILDER_CACHE, else <project>/.cache/charts."""
    return Path(os.environ["SITE_BUILDER_CACHE"]) if os.environ.get("SITE_BUILDER_CACHE") else root / ".cache/charts"


class Store:
    """One folder of cache entries; `None` as the folder keeps nothing (every read misses)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def get(self, name: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            raw = (self.folder / name).read_bytes()
        except OSError:
            self.misses += 1
            return None
        head, _, body = raw.partition(b"\n")
        if head != _MAGIC + hashlib.sha256(body).hexdigest().encode():
            self.misses += 1  # corrupt or from another format: made again and overwritten
            return None
        self.hits += 1
        return body

    def get_text(self, name: str) -> str | None:
        body = self.get(name)
        if body is None:
            return None
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put(self, name: str, body: bytes) -> None:
        if self.folder is None:
            return
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
            os.replace(tmp, self.folder / name)
        except OSError:  # a cache that cannot be written only costs time: the build itself goes on
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

    def put_text(self, name: str, text: str) -> None:
        self.put(name, text.encode("utf-8"))
