"""The command line: serve binds to loopback only, answers only 127.0.0.1/localhost, lists no folder,
finds a free port; an unexpected error ends in one line with the details saved to a file."""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from site_builder import __main__ as cli
from site_builder.incremental.tree import input_state
from site_builder.serve import server as serve
from site_builder.serve.server import SiteServer, open_server


@pytest.fixture
def built(tiny_built) -> Path:
    return tiny_built / "build"


@pytest.fixture
def running(built):
    server, note = open_server(built, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


def get(server: SiteServer, path: str, host: str | None = None) -> tuple[int, bytes]:
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def busy_port() -> socket.socket:
    """A listening socket on a free loopback port, held until closed."""
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    return holder


def test_serve_binds_to_loopback_only(running):
    assert running.server_address[0] == "127.0.0.1"
    assert get(running, "/")[0] == 200


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_serve_answers_its_own_names(running, host):
    status, body = get(running, "/en/", host.format(port=running.server_address[1]))
    assert status == 200 and b'<html lang="en">' in body


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}", "127.0.0.1:1",
                                  "", "localhost:{port}@evil.example"])
def test_serve_refuses_other_hosts(running, host):
    """A page on evil.example whose name is re-pointed at 127.0.0.1 (DNS rebinding) sends its own Host."""
    status, body = get(running, "/", host.format(port=running.server_address[1]))
    assert status == 421 and b"skip-link" not in body


def test_serve_lists_no_folder(running, built):
    assert not (built / "assets/index.html").exists()
    status, body = get(running, "/assets/")
    assert status == 404 and b"style.css" not in body
    assert get(running, "/assets/style.css")[0] == 200
    assert get(running, "/en/")[0] == 200  # a folder with index.html shows it


def test_serve_is_quiet_when_the_browser_hangs_up(running, capsys):
    for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "Connection reset by peer")):
        try:
            raise error
        except ConnectionError:
            running.handle_error(None, ("127.0.0.1", 5555))
    assert capsys.readouterr().err == ""


def test_a_busy_port_given_with_port_is_refused_with_a_free_one(built, capsys):
    holder = busy_port()
    port = holder.getsockname()[1]
    try:
        assert cli.main(["--root", str(built.parent), "serve", "--port", str(port)]) == 1
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert f"error: port {port} is in use" in err and "choose another port with --port" in err
    assert re.search(r"port \d+ is free now", err) and "Traceback" not in err


def test_without_port_a_busy_8000_moves_to_the_next_free_port(built, capsys, monkeypatch):
    holder = busy_port()
    port = holder.getsockname()[1]
    monkeypatch.setattr(serve, "DEFAULT_PORT", port)

    def stop_at_once(self):
        raise KeyboardInterrupt  # Ctrl+C

    monkeypatch.setattr(SiteServer, "serve_forever", stop_at_once)
    try:
        assert cli.main(["--root", str(built.parent), "serve", "--no-watch"]) == 0
    finally:
        holder.close()
    out = capsys.readouterr().out
    moved = re.search(rf"port {port} is in use, so port (\d+) is used instead", out)
    assert moved and port < int(moved[1]) <= port + serve.PORT_TRIES
    assert f"http://127.0.0.1:{moved[1]}/" in out


def test_serve_without_a_build_explains(tiny_project, tmp_path, capsys):
    # Only with --no-watch: the live preview builds a missing site first (tests/test_preview.py).
    assert cli.main(["--root", str(tiny_project), "serve", "--no-watch", "--out", str(tmp_path / "none")]) == 1
    assert "run 'site-builder build' first" in capsys.readouterr().err


def test_serve_refuses_a_folder_it_did_not_build(tiny_project, tmp_path, capsys):
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "index.html").write_text("<p>someone's page</p>")
    (folder / "private.txt").write_text("secret")
    assert cli.main(["--root", str(tiny_project), "serve", "--out", str(folder)]) == 1
    assert "was not made by 'site-builder build'" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_a_wrong_port_is_a_usage_error(tiny_project, port, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--root", str(tiny_project), "serve", "--port", port])
    assert info.value.code == 2 and "is not a port number" in capsys.readouterr().err


def test_wrong_folder_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["--root", str(tmp_path), "check"]) == 2
    assert "has no data/ folder" in capsys.readouterr().err


def test_an_internal_error_is_one_line_with_the_details_saved(tiny_project, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("unexpected\n\x1b[31msecond line")

    monkeypatch.setattr(cli, "build", broken)
    assert cli.main(["--root", str(tiny_project), "check"]) == 3
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1 and captured.out == ""
    found = re.fullmatch(r"internal error: RuntimeError: unexpected \[31msecond line; nothing was written; details saved to (.+)", lines[0])
    assert found, lines[0]
    details = Path(found[1]).read_text(encoding="utf-8")
    assert "Traceback" in details and "in broken" in details and "check" in details
    Path(found[1]).unlink()


def test_ctrl_c_during_a_build_says_nothing_was_written(tiny_project, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build", interrupted)
    assert cli.main(["--root", str(tiny_project), "build", "--out", str(tiny_project / "out")]) == 130
    assert capsys.readouterr().err == "interrupted; nothing was written, the previous build is unchanged.\n"


def test_check_validates_without_the_build_stages(tiny_project):
    """`check` loads, validates and derives, and makes nothing: no chart, template, open-data or search code is
    imported (that is what keeps it within 1.5 s, issue #11 §7), and a second check of the same files is a record."""
    script = ("import sys, json; from pathlib import Path; from site_builder.check import check\n"
              f"first = check(Path({str(tiny_project)!r})); second = check(Path({str(tiny_project)!r}))\n"
              "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'altair', 'jinja2', 'openpyxl', 'vl_convert', 'pagefind'})\n"
              "stages = sorted(m for m in sys.modules if m.startswith(('site_builder.charts', 'site_builder.opendata', "
              "'site_builder.render.pages', 'site_builder.render.environment', 'site_builder.render.search', "
              "'site_builder.render.cached_pages')))\n"
              "print(json.dumps([heavy, stages, first.checked, first.files, second.reused]))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    heavy, stages, checked, files, reused = json.loads(done.stdout.splitlines()[-1])
    assert heavy == [] and stages == []
    assert checked and files == len(input_state(tiny_project).files) > 10  # the builder's templates included
    assert reused


def test_check_finds_what_the_build_finds(tiny_project, capsys):
    (tiny_project / "data/kpi.yaml").write_text((tiny_project / "data/kpi.yaml").read_text(encoding="utf-8")
                                                .replace("direction: lower", "direction: down"), encoding="utf-8")
    assert cli.main(["--root", str(tiny_project), "check"]) == 1
    check_err = capsys.readouterr().err
    assert cli.main(["--root", str(tiny_project), "build", "--out", str(tiny_project / "out")]) == 1
    assert capsys.readouterr().err == check_err and "data/kpi.yaml:" in check_err


def test_a_reader_that_stops_reading_gets_no_false_error(tiny_project, tmp_path):
    """`site-builder build | head -1`: the site is written, so no "internal error … nothing was written"; the exit
    code is the one a program ended by SIGPIPE has."""
    proc = subprocess.Popen([sys.executable, "-m", "site_builder", "--root", str(tiny_project), "build", "--out",
                             str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait() == 141 and err == ""
    assert (tmp_path / "out/index.html").is_file()

