"""Bad-input corpus, the file system and the command line: output folders that hold someone's files,
missing, empty, misplaced and unreadable input files, a busy port, a folder that is no build, and a
bug in a stage. Each case checks the exit code, the message (with file:line where there is one), that
no traceback is shown, and that the previous build/ is untouched (see tests/badinput.py)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import socket
import tempfile
from pathlib import Path

import pytest
from badinput import Result, digest, rebuild

from site_builder import build as build_module
from site_builder.__main__ import main
from site_builder.writer import MARKER


def refused(result: Result, *says: str) -> str:
    """Exit 1, one error saying each of `says`, no traceback, build/ untouched. Returns the error."""
    assert result.code == 1, f"expected exit 1, got {result.code}\n{result.err}"
    assert "Traceback" not in result.err + result.out, result.err
    assert result.unchanged, "the previous build was changed"
    assert len(result.errors) == 1, result.err
    for fragment in says:
        assert fragment in result.errors[0], f"{fragment!r} not in {result.errors[0]}"
    return result.errors[0]


def fill(folder: Path) -> dict[str, str]:
    """Someone's files in `folder`; returns their digest to prove they survive."""
    (folder / "minutes").mkdir(parents=True, exist_ok=True)
    (folder / "minutes/2016-04.md").write_text("議事録", encoding="utf-8")
    (folder / "budget.xlsx").write_bytes(b"PK\x03\x04")
    return digest(folder)


# --- where the site is written: --out ------------------------------------------------------------

def test_out_into_a_folder_with_someones_files(tmp_path, tiny_built):
    kept = {}
    result = rebuild(tmp_path, lambda p: kept.update(fill(p / "shared")), tiny_built, "--out", str(tmp_path / "project/shared"))
    refused(result, "refusing to replace", "did not make (budget.xlsx, minutes)", "choose an empty or new folder with --out",
            "delete this one yourself")
    assert digest(result.project / "shared") == kept


def test_out_docs_inside_the_project(tmp_path, tiny_built):
    """`--out docs` once deleted the project's docs/."""
    kept = {}
    result = rebuild(tmp_path, lambda p: kept.update(fill(p / "docs")), tiny_built, "--out", str(tmp_path / "project/docs"))
    refused(result, "refusing to replace", "docs")
    assert digest(result.project / "docs") == kept


def test_out_pointing_at_a_file(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: (p / "site.zip").write_bytes(b"zip"), tiny_built, "--out", str(tmp_path / "project/site.zip"))
    refused(result, "site.zip exists and is not a folder", "choose another --out")
    assert (result.project / "site.zip").read_bytes() == b"zip"


def test_out_below_a_file(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: (p / "site.zip").write_bytes(b"zip"), tiny_built,
                     "--out", str(tmp_path / "project/site.zip/site"))
    refused(result, "cannot create the output folder", "choose a folder you can write to")


@pytest.mark.parametrize("where", ["", "data", "content/goals", "templates"], ids=["project", "data", "content-goals", "templates"])
def test_out_into_the_project_or_its_inputs(tmp_path, tiny_built, where):
    result = rebuild(tmp_path, lambda p: None, tiny_built, "--out", str(tmp_path / "project" / where))
    refused(result, "contains the project's own files")
    assert (result.project / "data/kpi.yaml").is_file() and (result.project / "templates/base.html").is_file()


def test_an_old_build_without_marker_is_not_replaced(tmp_path, tiny_built):
    """A build/ made before outputs were marked: recognisably ours, still not deleted without asking."""
    result = rebuild(tmp_path, lambda p: (p / "build" / MARKER).unlink(), tiny_built)
    assert result.code == 1 and "Traceback" not in result.err
    assert "looks like a site built by an older site-builder" in result.errors[0]
    assert "delete the folder once yourself" in result.errors[0]
    assert (result.project / "build/index.html").is_file() and not (result.project / "build" / MARKER).exists()


def test_out_into_an_empty_folder_is_fine(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: (p / "public").mkdir(), tiny_built, "--out", str(tmp_path / "project/public"))
    assert result.code == 0 and result.unchanged, result.err
    assert (result.project / "public/index.html").is_file() and (result.project / "public" / MARKER).is_file()


def test_an_output_folder_that_cannot_be_created(tmp_path, tiny_built, monkeypatch):
    """As root nothing is read-only to us, so the refusal the OS gives everyone else is simulated."""
    real = tempfile.mkdtemp

    def denied(suffix=None, prefix=None, dir=None):
        if dir is not None and Path(dir) == tmp_path / "project":  # the folder build/ is made in
            raise PermissionError(13, "Permission denied", str(dir))
        return real(suffix, prefix, dir)

    result = rebuild(tmp_path, lambda p: monkeypatch.setattr(tempfile, "mkdtemp", denied), tiny_built)
    refused(result, "cannot create the output folder", "Permission denied")


# --- what the build reads --------------------------------------------------------------------------

@pytest.mark.parametrize("file", ["data/site.yaml", "data/kpi.yaml", "content/goals/g1.en.md"])
def test_a_deleted_input_file(tmp_path, tiny_built, file):
    result = rebuild(tmp_path, lambda p: (p / file).unlink(), tiny_built)
    result.fails_at(file, None, "not found")


def test_a_deleted_survey_leaves_its_figures_out(tmp_path, tiny_built):
    """data/survey.yaml is optional (README: Another municipality): without it the site has no survey figures."""
    assert list((tiny_built / "build").rglob("*survey*"))
    result = rebuild(tmp_path, lambda p: (p / "data/survey.yaml").unlink(), tiny_built)
    assert result.code == 0 and result.warnings == [] and "Traceback" not in result.err, result.err
    assert not list((result.project / "build").rglob("*survey*"))


def test_an_emptied_data_file(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: (p / "data/survey.yaml").write_bytes(b""), tiny_built)
    assert result.code == 1 and "Traceback" not in result.err and result.unchanged, result.err
    assert any(e.startswith("data/survey.yaml") for e in result.errors), result.err


@pytest.mark.parametrize("file", ["data/population.yaml", "content/pages/about.ja.md"])
def test_a_folder_where_a_file_should_be(tmp_path, tiny_built, file):
    def make(project: Path) -> None:
        (project / file).unlink()
        (project / file).mkdir()
        (project / file / "copy.txt").write_text("x")

    result = rebuild(tmp_path, make, tiny_built)
    result.fails_at(file, None, "is a folder")


@pytest.mark.parametrize("folder", ["templates/locales", "assets", "content/goals", "templates", "data/reviews"])
def test_a_file_where_a_folder_should_be(tmp_path, tiny_built, folder):
    """A file in a folder's place would drop every narrative, or the styles, from the site without a word."""
    def make(project: Path) -> None:
        if (project / folder).is_dir():
            shutil.rmtree(project / folder)
        (project / folder).write_text("notes")

    result = rebuild(tmp_path, make, tiny_built)
    result.fails_at(folder, None, "is a file, but it must be a folder")


def test_an_unreadable_file(tmp_path, tiny_built, monkeypatch):
    """chmod 000 stops everyone but root, and the tests run as root: when the file can still be read,
    the read is made to fail the way it does for a city employee (PermissionError, errno 13)."""
    def make(project: Path) -> None:
        path = project / "data/kpi.yaml"
        path.chmod(0)
        if not os.access(path, os.R_OK):
            return
        for name in ("read_bytes", "read_text"):
            real = getattr(Path, name)

            def denied(self, *args, _real=real, **kwargs):
                if self == path:
                    raise PermissionError(13, "Permission denied", str(self))
                return _real(self, *args, **kwargs)

            monkeypatch.setattr(Path, name, denied)

    result = rebuild(tmp_path, make, tiny_built)
    result.fails_at("data/kpi.yaml", None, "permission denied")
    (result.project / "data/kpi.yaml").chmod(0o644)


def test_a_deleted_template(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: (p / "templates/base.html").unlink(), tiny_built)
    result.fails_at("templates/base.html", None, "not found", "put the template back")


def test_a_template_syntax_error(tmp_path, tiny_built):
    def make(project: Path) -> None:
        path = project / "templates/404.html"
        path.write_text(path.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")

    result = rebuild(tmp_path, make, tiny_built)
    lines = (result.project / "templates/404.html").read_text(encoding="utf-8").splitlines()
    result.fails_at("templates/404.html", len(lines), "template syntax error")


def test_no_data_folder_is_a_usage_error(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: shutil.rmtree(p / "data"), tiny_built)
    assert result.code == 2 and "has no data/ folder" in result.err and result.unchanged


# --- a bug, Ctrl+C ------------------------------------------------------------------------------------

def test_an_unexpected_error_in_a_stage(tmp_path, tiny_built, monkeypatch):
    def crash(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    result = rebuild(tmp_path, lambda p: monkeypatch.setattr(build_module, "derive", crash), tiny_built)
    assert result.code == 3 and result.unchanged and result.out == ""
    [line] = result.err.splitlines()
    found = re.fullmatch(r"internal error: ZeroDivisionError: division by zero; nothing was written; details saved to (\S+)", line)
    assert found, line
    assert "in crash" in Path(found[1]).read_text(encoding="utf-8")
    Path(found[1]).unlink()


def test_ctrl_c_in_the_middle_of_a_build(tmp_path, tiny_built, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    result = rebuild(tmp_path, lambda p: monkeypatch.setattr(build_module, "start_index", interrupted), tiny_built)
    assert result.code == 130 and result.unchanged and "Traceback" not in result.err
    assert result.err == "interrupted; nothing was written, the previous build is unchanged.\n"


# --- serve -------------------------------------------------------------------------------------------

def serve(project: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(project), "serve", *args])
    return code, out.getvalue(), err.getvalue()


def test_serve_on_a_busy_port(tiny_built):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        code, out, err = serve(tiny_built, "--port", str(port))
    assert code == 1 and "Traceback" not in err and out == ""
    assert f"error: port {port} is in use" in err and "--port" in err


def test_serve_a_folder_without_index(tmp_path, tiny_built):
    (tmp_path / "site").mkdir()
    code, out, err = serve(tiny_built, "--no-watch", "--out", str(tmp_path / "site"))  # the preview would build it
    assert code == 1 and "has no index.html: run 'site-builder build' first" in err and "Traceback" not in err


def test_serve_a_folder_without_marker(tmp_path, tiny_built):
    shutil.copytree(tiny_built / "build", tmp_path / "copy")
    (tmp_path / "copy" / MARKER).unlink()
    code, out, err = serve(tiny_built, "--out", str(tmp_path / "copy"))
    assert code == 1 and "was not made by 'site-builder build'" in err and "Traceback" not in err


# --- the same refusals in Japanese (--lang ja, issue #11 §5) --------------------------------------------

def test_out_refused_in_japanese(tmp_path, tiny_built):
    kept = {}
    result = rebuild(tmp_path, lambda p: kept.update(fill(p / "shared")), tiny_built, "--out", str(tmp_path / "project/shared"),
                     "--lang", "ja")
    refused(result, "は置き換えません: site-builder が作っていないファイル（budget.xlsx, minutes）があり",
            "--out で空のフォルダーか新しいフォルダーを指定するか")
    assert digest(result.project / "shared") == kept


def test_out_inside_the_project_refused_in_japanese(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: None, tiny_built, "--out", str(tmp_path / "project/data/site"), "--lang", "ja")
    refused(result, "にはサイトを書き込みません: プロジェクト自身のファイルがあるフォルダーです")


def test_out_pointing_at_a_file_in_japanese(tmp_path, tiny_built):
    result = rebuild(tmp_path, lambda p: (p / "site.zip").write_bytes(b"zip"), tiny_built, "--out", str(tmp_path / "project/site.zip"),
                     "--lang", "ja")
    refused(result, "site.zip はフォルダーではありません: --out で別の場所を指定してください")


def test_serve_on_a_busy_port_in_japanese(tiny_built):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        code, out, err = serve(tiny_built, "--port", str(port), "--lang", "ja")
    assert code == 1 and "Traceback" not in err and out == ""
    assert f"error: ポート {port} は使用中です" in err and "--port で別のポートを指定してください" in err
    assert re.search(r"（ポート \d+ は今空いています）", err) or "今空いています" not in err


def test_serve_a_folder_without_index_in_japanese(tmp_path, tiny_built):
    (tmp_path / "site").mkdir()
    code, out, err = serve(tiny_built, "--no-watch", "--out", str(tmp_path / "site"), "--lang", "ja")
    assert code == 1 and "Traceback" not in err
    assert "に index.html がありません: 先に site-builder build を実行してください" in err
