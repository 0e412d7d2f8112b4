"""The command line: serve binds to loopback only and refuses to serve nothing."""

from __future__ import annotations

import http.server

from site_builder import __main__ as cli


class FakeServer:
    bound: tuple | None = None

    def __init__(self, address, handler):
        FakeServer.bound = address

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def serve_forever(self):
        raise KeyboardInterrupt


def test_serve_binds_to_loopback_only(tiny_project, tmp_path, monkeypatch, capsys):
    out = tmp_path / "site"
    assert cli.main(["--root", str(tiny_project), "build", "--out", str(out)]) == 0
    monkeypatch.setattr(http.server, "ThreadingHTTPServer", FakeServer)
    assert cli.main(["--root", str(tiny_project), "serve", "--out", str(out), "--port", "8123"]) == 0
    assert FakeServer.bound == ("127.0.0.1", 8123)
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


def test_serve_without_a_build_explains(tiny_project, tmp_path, capsys):
    assert cli.main(["--root", str(tiny_project), "serve", "--out", str(tmp_path / "none")]) == 1
    assert "run 'site-builder build' first" in capsys.readouterr().err


def test_wrong_folder_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["--root", str(tmp_path), "check"]) == 2
    assert "has no data/ folder" in capsys.readouterr().err
