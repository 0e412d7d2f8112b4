"""The chart font's faces in files of their own (charts/fonts.py): the same SVG bytes, drawn faster; never a failed
build. vl-convert loads its fonts once per process, so each way of drawing runs in a process of its own."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from site_builder.charts import fonts

DRAW = """
import json, os, sys
from pathlib import Path
from site_builder.charts import work
faces = None if sys.argv[1] == "-" else Path(sys.argv[1])
svgs = [work.render_svg(Path(p).read_text(encoding="utf-8"), faces, True) for p in sys.argv[2:]]
print(json.dumps({"svgs": svgs, "FONTCONFIG_FILE": os.environ.get("FONTCONFIG_FILE")}))
"""


def draw(faces: Path | None, specs: list[Path], env: dict[str, str] | None = None) -> dict:
    done = subprocess.run([sys.executable, "-c", DRAW, str(faces) if faces else "-", *map(str, specs)],
                          capture_output=True, text=True, check=True, env={**os.environ, **(env or {})})
    return json.loads(done.stdout)


def some_specs(site: Path) -> list[Path]:
    """Charts of both languages, with Japanese and Latin text, normal and bold."""
    return sorted(site.glob("charts/ja/*.vl.json"))[:4] + sorted(site.glob("charts/en/*.vl.json"))[:2]


def test_single_faces_draw_the_same_svgs(tmp_path, shipped_site):
    specs = some_specs(shipped_site)
    faces = tmp_path / "cache/fonts/key"
    system = draw(None, specs)
    single = draw(faces, specs)
    assert len(system["svgs"]) == 6 and single["svgs"] == system["svgs"]
    # the faces were made and used (Debian's fonts-noto-cjk ships them as collections), and the variable put back
    assert fonts.ready(faces)
    made = sorted(p.name for p in faces.glob("*.otf"))  # Debian: NotoSansCJK-Bold-0.otf, NotoSansCJK-Regular-0.otf
    assert any("Regular" in n for n in made) and any("Bold" in n for n in made), made
    assert single["FONTCONFIG_FILE"] is None
    config = (faces / fonts.CONFIG).read_text(encoding="utf-8")
    assert config.index(f"<dir>{faces.resolve()}</dir>") < config.index("<include")


def test_the_renderer_reads_the_fontconfig_file(tmp_path, shipped_site):
    """What the speed-up stands on: vl-convert takes its fonts from FONTCONFIG_FILE. Given only the bold face, it
    measures the normal text with it, and the SVG changes. (Should a later vl-convert stop reading the variable,
    the SVGs would stay right, only slower: this test says so.)"""
    faces = tmp_path / "faces"
    fonts.prepare(faces)
    bold_only = tmp_path / "bold"
    bold_only.mkdir()
    next(faces.glob("*Bold*.otf")).rename(bold_only / "bold.otf")
    conf = tmp_path / "bold.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<fontconfig><dir>{bold_only}</dir></fontconfig>\n', encoding="utf-8")
    spec = some_specs(shipped_site)[:1]
    assert draw(None, spec, {"FONTCONFIG_FILE": str(conf)})["svgs"] != draw(None, spec)["svgs"]


def test_without_faces_the_system_fonts_serve(tmp_path, monkeypatch):
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    fonts.prepare(blocked / "fonts")  # cannot be made: no error, no faces
    assert not fonts.ready(blocked / "fonts") and not fonts.ready(None)
    with fonts.measuring_with(blocked / "fonts", make=True):
        assert "FONTCONFIG_FILE" not in os.environ
    with fonts.measuring_with(None):
        assert "FONTCONFIG_FILE" not in os.environ


def test_the_variable_is_set_only_around_the_first_svg(tmp_path, monkeypatch):
    folder = tmp_path / "faces"
    folder.mkdir()
    (folder / "a.otf").write_bytes(b"a face")
    (folder / fonts.LIST).write_text(json.dumps({"a.otf": hashlib.sha256(b"a face").hexdigest()}), encoding="utf-8")
    (folder / fonts.CONFIG).write_text("<fontconfig/>", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", "/the/users/own.conf")
    with fonts.measuring_with(folder):
        assert os.environ["FONTCONFIG_FILE"] == str(folder / fonts.CONFIG)
    assert os.environ["FONTCONFIG_FILE"] == "/the/users/own.conf"


def test_a_face_changed_on_disk_is_not_read_and_is_made_again(tmp_path):
    faces = tmp_path / "faces"
    fonts.prepare(faces)
    face = next(faces.glob("*Regular*.otf"))
    whole = face.read_bytes()
    data = bytearray(whole)
    data[len(data) // 2] ^= 1  # the same length, one bit changed: it would measure text wrongly
    face.write_bytes(bytes(data))
    fonts._whole.clear()  # as in a new process
    assert not fonts.ready(faces)
    with fonts.measuring_with(faces, make=True):
        assert os.environ["FONTCONFIG_FILE"] == str(faces / fonts.CONFIG)
    assert face.read_bytes() == whole
