"""Stage 5, the only code that touches the output folder.

Everything is gathered in memory first (`Output`), then written into a fresh sibling folder that
replaces the old site in one rename. A failed build never leaves a half-written site behind.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from .errors import SiteError

# Folders of the project that a build must never replace.
INPUT_FOLDERS = ("data", "content", "templates", "assets", "site_builder", "tests", ".git")


class Output:
    """The site's files by relative path; refuses paths outside the site and double writes."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: str | bytes) -> None:
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or str(pure) != path:
            raise ValueError(f"unsafe output path {path!r}")  # a bug: paths come from our code
        if path in self.files:
            raise ValueError(f"{path} would be written twice")
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


def write_site(output: Output, out: Path, project: Path) -> None:
    out = out.resolve()
    project = project.resolve()
    inputs = [project / name for name in INPUT_FOLDERS]
    if project.is_relative_to(out) or any(out.is_relative_to(folder) for folder in inputs):
        raise SiteError(f"refusing to write the site to {out}: it contains the project's own files; "
                        "choose an empty or build folder with --out")
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} exists and is not a folder: choose another --out")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for rel, data in sorted(output.files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.chmod(staging, 0o755)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            old.rmdir()
            out.rename(old)
            staging.rename(out)
            shutil.rmtree(old)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
