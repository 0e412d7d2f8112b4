"""check(root) → BuildReport: load → validate → derive, and nothing after (issue #11 §7: within 1.5 s).

What staff write is checked exactly as a build checks it: the same loaders, models, cross-checks and yearly-review
grading raise the same errors and warnings. No chart, page, open-data file or search index is made, so neither
Altair nor Jinja nor openpyxl is imported. The templates are the builder's: a UI string the templates ask for
but neither language has is reported by `build` (a check renders no page to find it out).

A check whose inputs did not change since the last check answers from its record, like a build."""

from __future__ import annotations

import time
from pathlib import Path

from .derive.facts import derive
from .errors import StrictError
from .incremental.manifest import Manifest, record
from .incremental.reuse import reuse
from .incremental.session import BuildSession
from .incremental.store import cache_folder
from .load.inputs import load_inputs
from .report import BuildReport


def check(root: Path, strict: bool = False, session: BuildSession | None = None) -> BuildReport:
    """Validate the project at `root`; raise DataError (errors) or StrictError (warnings, when `strict`)."""
    started = time.perf_counter()
    session = session if session is not None else BuildSession(root)
    reused, state, key, _ = reuse(root, None, strict, known=session.manifest)
    if reused is not None:
        return reused
    inputs = session.inputs(root, state, load_inputs)
    derive(inputs)  # grades every review by the published rule: a rule that cannot grade a value fails here
    warnings = list(dict.fromkeys(str(w) for w in inputs.warnings))
    if strict and warnings:
        raise StrictError(warnings)
    # the record holds the input files checked (a check has no output): a second check of the same files is instant
    manifest = Manifest(key, 0, dict(state.files), tuple(warnings))
    record(cache_folder(root), manifest)
    session.remember_build(state, manifest)
    return BuildReport(0, 0, len(state.files), warnings, time.perf_counter() - started, checked=True)
