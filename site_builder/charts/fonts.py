"""The chart font's faces in files of their own, so that vl-convert measures chart text faster.

vl-convert's font database (fontdb) opens the font file again for each glyph it measures. From an OpenType
collection — Debian ships Noto Sans CJK as .ttc files of ten faces each — an SVG of this site costs ≈ 0.11 s;
from the same face copied into a file of its own, ≈ 0.06 s (docs/PERFORMANCE.md, "Chart fonts"). So the faces of
the families the charts name (`kit.FONT`) are copied out of their collections once (fontTools), into the cache,
and a process draws its SVGs with a fontconfig file that lists that folder before the system's own
configuration: the same faces, found first. The SVGs are byte for byte the same (tests/test_chart_fonts.py).

Only where vl-convert reads fontconfig (Linux and the like); elsewhere, or while the faces are not copied yet, it
reads the system's fonts as before, which gives the same SVG, only slower."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

from ..incremental.keys import FONT_FOLDERS, digest, fonts_version
from .kit import FONT

CONFIG = "fonts.conf"  # written last: the folder is complete once it is there
LIST = "faces.json"  # each face's SHA-256: a face changed on disk is not read (it would measure text wrongly)
WEIGHTS = (400, 700)  # what Vega asks for: normal text, bold titles
_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
USED = sys.platform not in ("darwin", "win32", "cygwin")  # where fontdb takes its fonts from fontconfig


def faces_folder(cache: Path) -> Path | None:
    """Where this machine's single faces are (or go): named by the fonts installed and the families asked for."""
    return cache / "fonts" / digest(fonts_version(), FONT, repr(WEIGHTS))[:16] if USED else None


def ready(folder: Path | None) -> bool:
    """Whether the faces are there and whole (each as `LIST` says; checked once per process)."""
    if folder is None or folder in _whole:
        return folder is not None
    try:
        listed = json.loads((folder / LIST).read_text(encoding="utf-8"))
        whole = bool(listed) and (folder / CONFIG).is_file() and all(
            hashlib.sha256((folder / name).read_bytes()).hexdigest() == sha for name, sha in listed.items())
    except (OSError, ValueError, AttributeError):
        whole = False
    if whole:
        _whole.add(folder)
    return whole


_whole: set[Path] = set()


def prepare(folder: Path) -> None:
    """A job: copy each face of the chart font's families (normal and bold) out of its collection into `folder`,
    then write the fontconfig file that puts them first. Nothing to copy (no collection holds them), or any
    failure, leaves no fontconfig file: the SVGs are then drawn with the system's fonts, the same bytes."""
    if ready(folder):
        return
    try:
        from fontTools.ttLib import TTCollection

        (folder / CONFIG).unlink(missing_ok=True)  # faces that were not whole: made again
        folder.mkdir(parents=True, exist_ok=True)
        wanted = {name.strip().strip("'\"") for name in FONT.split(",")} - _GENERIC
        listed = {}
        for source in _collections():
            with TTCollection(str(source), lazy=True) as collection:
                picked = [index for index, face in enumerate(collection.fonts)
                          if (face["name"].getDebugName(16) or face["name"].getDebugName(1)) in wanted
                          and face["OS/2"].usWeightClass in WEIGHTS]
            for index in picked:
                name = f"{source.stem}-{index}.otf"
                _write(folder / name, lambda path, source=source, index=index: _copy_face(source, index, path))
                listed[name] = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        if listed:
            _write(folder / LIST, lambda path: Path(path).write_text(json.dumps(listed, sort_keys=True), encoding="utf-8"))
            _write(folder / CONFIG, lambda path: Path(path).write_text(_config(folder), encoding="utf-8"))
    except Exception:  # noqa: BLE001 — only a speed-up: without it the same SVGs come, slower
        return


@contextmanager
def measuring_with(folder: Path | None, make: bool = False) -> Iterator[None]:
    """Around a process's first SVG, when vl-convert loads its fonts: from the single faces if they are ready (or,
    with `make`, once this process or another has made them). The variable is put back afterwards, so that no
    other program this process starts reads it."""
    if folder is not None and make and not ready(folder):
        _prepare_once(folder)
    if not ready(folder):
        yield
        return
    assert folder is not None
    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(folder / CONFIG)
    try:
        yield
    finally:
        if before is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = before


def _prepare_once(folder: Path) -> None:
    """`prepare`, by one process at a time: a worker that comes second waits for the first one's faces."""
    import fcntl  # only where USED: Unix

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with open(folder.with_suffix(".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            prepare(folder)
    except OSError:
        return  # a read-only cache, say: the system's fonts


def _copy_face(source: Path, index: int, path: str) -> None:
    """One face of a collection as a font file of its own, its tables copied as they are: 0.13 s for a CJK face,
    where `TTFont.save` took 0.35 s (it compiles again the tables it read, and sums each twice)."""
    from fontTools.ttLib.sfnt import SFNTReader, SFNTWriter

    with open(source, "rb") as collection, open(path, "wb") as out:
        reader = SFNTReader(collection, fontNumber=index)
        writer = SFNTWriter(out, len(reader.tables), reader.sfntVersion)
        for tag in reader.keys():
            writer[tag] = reader[tag]
        writer.close()  # the directory, and the head table's checksum of the whole file


def _collections() -> Iterator[Path]:
    for top in FONT_FOLDERS:
        top_path = Path(top).expanduser()
        if top_path.is_dir():
            yield from sorted(p for p in top_path.rglob("*") if p.suffix.lower() in (".ttc", ".otc") and p.is_file())


def _config(folder: Path) -> str:
    """Our folder, then what fontdb would read without us: the system's configuration (FONTCONFIG_FILE, else
    /etc/fonts/fonts.conf), or where there is none, the folders fontdb then falls back to."""
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    if os.path.isfile(system):
        rest = [f'<include ignore_missing="yes">{escape(system)}</include>']
    else:
        rest = [f"<dir>{escape(str(Path(top).expanduser()))}</dir>" for top in FONT_FOLDERS if Path(top).expanduser().is_dir()]
    lines = [f"<dir>{escape(str(folder.resolve()))}</dir>", *rest]
    return ('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            + "".join(f"  {line}\n" for line in lines) + "</fontconfig>\n")


def _write(path: Path, save) -> None:
    """Written under a name of its own, then renamed: another build reading the folder sees whole files only."""
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        save(str(part))
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)  # a face is ≈ 17 MB: no half of one is left in the cache
        raise
