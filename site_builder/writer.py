"""Stage 5, the only code that touches the output folder.

Everything is gathered in memory first (`Output`), then written into a fresh sibling folder that
replaces the old site in one rename. A failed build never leaves a half-written site behind. A file the old
site holds byte for byte is hard-linked into the new folder rather than written (a one-change build writes
a few files, not all: ≈ 0.3 s less for the shipped site).

The preview rebuilds into a folder it wrote itself moments before: `update_site` writes only the files that
changed there, each under a temporary name renamed over the old one (a reader sees the old file or the new,
never half of one), when the folder is still exactly as the last write left it; else it writes the whole site.

The writer only ever replaces a folder it made itself: every output holds a marker file, and an
existing folder without one is refused unless it is empty. `--out docs` must not delete docs/.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path, PurePosixPath

from .errors import SiteError
from .messages import say

# Folders of the project that a build must never replace.
INPUT_FOLDERS = ("data", "content", "templates", "assets", "site_builder", "tests", ".git")
MARKER = ".site-builder-output"
# The same bytes in every build: the output stays deterministic.
MARKER_TEXT = ("This folder was made by site-builder (`site-builder build`), which replaces all of it on the next build: "
               "keep none of your own files here.\n")


class Output:
    """The site's files by relative path; refuses paths outside the site and double writes."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: str | bytes) -> None:
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts or str(pure) != path:
            raise ValueError(f"unsafe output path {path!r}")  # a bug: paths come from our code
        if path in self.files or path == MARKER:
            raise ValueError(f"{path} would be written twice")
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


def is_output(folder: Path) -> bool:
    """A folder site-builder made (it holds the marker)."""
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def looks_built(folder: Path) -> bool:
    """A site built before outputs carried the marker: the files every build writes are there."""
    return all((folder / name).exists() for name in ("index.html", "pagefind", "assets/style.css"))


def check_target(out: Path, project: Path) -> None:
    """Refuse an output folder (resolved) the build must not replace, with what to do instead."""
    project = project.resolve()
    inputs = [project / name for name in INPUT_FOLDERS]
    if project.is_relative_to(out) or any(out.is_relative_to(folder) for folder in inputs):
        raise SiteError(say("out.inside_project", out=out))
    if out.exists() and not out.is_dir():
        raise SiteError(say("out.not_folder", out=out))
    if not out.is_dir() or is_output(out) or not any(out.iterdir()):
        return
    if looks_built(out):
        raise SiteError(say("out.old_build", out=out, marker=MARKER))
    names = sorted(p.name for p in out.iterdir())
    sample = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    raise SiteError(say("out.foreign", out=out, sample=sample))


Written = dict[str, tuple[str, int, int]]  # path → (sha256, size, mtime_ns) of each file as written


def write_site(output: Output, out: Path, project: Path) -> Written:
    """Write the whole site into a fresh folder that replaces `out` in one rename; what was written. A file the
    current site already holds, byte for byte, is linked into the new folder instead of written again."""
    out = out.resolve()
    check_target(out, project)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    except OSError as e:
        raise SiteError(say("out.cannot_create", out=out, reason=e.strerror)) from e
    current = str(out) if is_output(out) else None  # the site being replaced: its unchanged files are linked
    try:
        made = {staging}
        for rel, data in sorted({**output.files, MARKER: MARKER_TEXT.encode("utf-8")}.items()):
            target = staging / rel
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if current is None or not _linked(current, rel, target, data):
                target.write_bytes(data)
        os.chmod(staging, 0o755)
        if out.exists():
            # Only a folder check_target accepted (marked as ours, or empty) is moved aside and deleted.
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            old.rmdir()
            out.rename(old)
            try:
                staging.rename(out)
            except BaseException:
                old.rename(out)
                raise
            shutil.rmtree(old, ignore_errors=True)  # the new site is in place; a leftover is only clutter
        else:
            staging.rename(out)
    except OSError as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(say("out.cannot_write", out=out, reason=e.strerror or e)) from e
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return _written(output, out)


def _linked(current: str, rel: str, target: Path, data: bytes) -> bool:
    """Hard-link the current site's file `rel` as `target` if it is a plain file of ours holding exactly `data`:
    nothing is written, and an unchanged file keeps its time of change (a file system without links: written)."""
    old = os.path.join(current, rel)
    try:
        st = os.lstat(old)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data) or \
                not os.path.realpath(old).startswith(current + os.sep):  # never through a link out of the site
            return False
        with open(old, "rb") as f:
            if f.read() != data:
                return False
        os.link(old, target, follow_symlinks=False)
        return True
    except OSError:
        return False


def update_site(output: Output, out: Path, project: Path, before: Written) -> Written:
    """Bring `out`, last written as `before` says, to `output` by writing only what changed; the whole site
    (`write_site`) if `out` is not exactly as it was left (a file added, removed or touched since)."""
    out = out.resolve()
    check_target(out, project)
    if not is_output(out) or not _as_left(out, before):
        return write_site(output, out, project)
    hashes = {path: hashlib.sha256(data).hexdigest() for path, data in output.files.items()}
    try:
        for path, data in output.files.items():
            if path not in before or before[path][0] != hashes[path]:
                target = out / path
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.new-", dir=target.parent)
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.chmod(temporary, 0o644)
                os.replace(temporary, target)
        for path in sorted(set(before) - set(output.files), reverse=True):  # only files a build of ours wrote
            (out / path).unlink()
            folder = (out / path).parent
            while folder != out and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
    except OSError as e:
        raise SiteError(say("out.cannot_write", out=out, reason=e.strerror or e)) from e
    return _written(output, out, hashes)


def _as_left(out: Path, before: Written) -> bool:
    """`out` holds exactly the files of `before` (and the marker), each with the size and time it was left with."""
    seen = 0
    for folder, _, names in os.walk(out):
        for name in names:
            path = Path(folder, name).relative_to(out).as_posix()
            if path == MARKER:
                continue
            st = os.lstat(os.path.join(folder, name))
            if path not in before or before[path][1:] != (st.st_size, st.st_mtime_ns):
                return False
            seen += 1
    return seen == len(before)


def _written(output: Output, out: Path, hashes: dict[str, str] | None = None) -> Written:
    written = {}
    for path, data in output.files.items():
        st = os.lstat(out / path)
        written[path] = (hashes[path] if hashes else hashlib.sha256(data).hexdigest(), st.st_size, st.st_mtime_ns)
    return written
