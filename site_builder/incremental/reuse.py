"""The shortest build: nothing changed since the last one, and its output is still in place.

Kept free of the stages' imports (models, templates, charts), so that `site-builder build` with nothing to do
costs the hashing of the input files and of the output, not a second of imports."""

from __future__ import annotations

import time
from pathlib import Path

from .. import messages
from ..errors import StrictError
from ..report import BuildReport
from .keys import code_version, digest, fonts_version, renderer_version
from .manifest import Manifest, output_matches, recorded
from .store import Store, cache_folder
from .tree import InputState, input_state

LANGUAGES = 2  # ja and en: load.models.LANGS, not imported here


def build_key(root: Path, out: Path | None, search: bool, state: InputState) -> str:
    """Everything a build's output follows from. Where from and where to belong to it: a copied project, or
    another --out, builds afresh."""
    # The messages' language too: a warning recorded in Japanese is not repeated to someone reading English.
    where = f"{root.resolve()}\n{out.resolve() if out is not None else 'check'}\nmessages={messages.current()}"
    return digest(_pages_key(search, state), where)


def _pages_key(search: bool, state: InputState) -> str:
    """What the pages (and so their search index) follow from: not where the project is or the site goes."""
    return digest(code_version(), renderer_version(), fonts_version(), f"search={search}", state.key)


def remember_pages(cache: Path, search: bool, state: InputState) -> None:
    Store(cache / "builds").put_text(f"{_pages_key(search, state)}.pages", "")


def pages_built_before(root: Path, search: bool, state: InputState) -> bool:
    """Whether these very inputs were built before, into any folder: their pages and search index are cached."""
    return Store(cache_folder(root) / "builds").get_text(f"{_pages_key(search, state)}.pages") is not None


def reuse(root: Path, out: Path | None, strict: bool = False, search: bool = True,
          known: Manifest | None = None) -> tuple[BuildReport | None, InputState, str, Manifest | None]:
    """(the report of a build with nothing to do, or None; the input files; the build's key; its manifest).

    `known`: the manifest a session remembers (saves reading it from the cache)."""
    started = time.perf_counter()
    state = input_state(root)
    key = build_key(root, out, search, state)
    before = known if known is not None and known.key == key else recorded(cache_folder(root), key)
    if before is None or (out is not None and not output_matches(out, before.files)):
        return None, state, key, None
    if strict and before.warnings:
        raise StrictError(list(before.warnings))
    report = BuildReport(before.pages, LANGUAGES, len(before.files), list(before.warnings),
                         time.perf_counter() - started, reused=True, checked=out is None)
    return report, state, key, before
