"""The live preview (`site-builder serve`): the reload script is only in what serve sends and obeys the
CSP; a save rebuilds and reloads the tab; a broken file shows every problem in both languages while the
last good site stays; fixing it recovers; other hosts are refused; serve deletes nothing it did not make."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from badinput import digest, edit, line_of

from site_builder import __main__ as cli
from site_builder.build import build
from site_builder.render import search as search_module
from site_builder.serve import preview as preview_module
from site_builder.serve import watch
from site_builder.serve.errorpage import Shown, error_page
from site_builder.serve.preview import Preview, PreviewServer
from site_builder.serve.reload import EVENTS_PATH, SCRIPT_PATH
from site_builder.writer import MARKER

GUARD = 300  # seconds: only so a broken test ends; nothing here is a timing assertion


@pytest.fixture
def project(tmp_path, tiny_built) -> Path:
    """A tiny project with a good build/, safe to edit."""
    return shutil.copytree(tiny_built, tmp_path / "project", symlinks=True)


@contextlib.contextmanager
def serving(preview: Preview) -> Iterator[PreviewServer]:
    server = PreviewServer(preview.out, 0, preview)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        preview.versions.close()
        server.shutdown()
        server.server_close()
        thread.join()


def request(server: PreviewServer, path: str, host: str | None = None) -> http.client.HTTPResponse:
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=GUARD)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
    connection.endheaders()
    return connection.getresponse()


def get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, str, http.client.HTTPResponse]:
    response = request(server, path, host)
    return response.status, response.read().decode("utf-8"), response


def version_of(page: str) -> str:
    found = re.search(r'<script src="/__preview/reload\.js" data-version="([0-9a-f]+-\d+)" defer></script>', page)
    assert found, "no reload script in the page"
    return found[1]


def wait_for_reload(server: PreviewServer, version: str) -> str:
    """Listen as the tab's script does; return the version the `reload` event names."""
    stream = request(server, f"{EVENTS_PATH}?v={version}")
    assert stream.status == 200 and stream.getheader("Content-Type") == "text/event-stream"
    event = None
    while line := stream.readline().decode("utf-8"):
        if line.startswith("event: "):
            event = line.removeprefix("event: ").strip()
        elif line.startswith("data: ") and event == "reload":
            return line.removeprefix("data: ").strip()
    raise AssertionError("the reload stream ended without a reload event")


def files_mentioning(folder: Path, *needles: bytes) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*"))
            if p.is_file() and any(needle in p.read_bytes() for needle in needles)]


# --- the reload script: in what serve sends, never in build/ ------------------------------------------

def test_a_build_never_contains_the_reload_script(tiny_built):
    assert files_mentioning(tiny_built / "build", b"__preview", b"EventSource") == []


def test_served_pages_carry_the_reload_script_under_the_sites_csp(project):
    page_on_disk = (project / "build/en/index.html").read_bytes()
    with serving(Preview(project, project / "build")) as server:
        status, page, response = get(server, "/en/")
        assert status == 200 and page.count(SCRIPT_PATH) == 1
        script_status, script, script_response = get(server, SCRIPT_PATH)
    head = page[:page.index("</head>")]
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
    assert csp and head.index(csp[0]) < head.index(SCRIPT_PATH), "the script must come after the policy it obeys"
    policy = dict(part.strip().split(" ", 1) for part in csp[1].split(";"))
    assert policy["script-src"] == "'self'" and policy["connect-src"] == "'self'"
    # Under script-src 'self' every script is a same-origin file: no inline script, no other host.
    for tag in re.findall(r"<script\b[^>]*>", page):
        src = re.search(r'src="([^"]+)"', tag)
        assert src, f"inline script {tag}"
        assert not re.match(r"^([a-z]+:|//)", src[1]), f"script from another origin: {tag}"
    assert f'<script src="{SCRIPT_PATH}"' in page
    # The header the preview sends is the hosting one (README: Hosting); it allows the same.
    assert "script-src 'self'" in response.getheader("Content-Security-Policy")
    assert "connect-src 'self'" in response.getheader("Content-Security-Policy")
    # The script listens on the same origin only, and is itself same-origin JavaScript.
    assert script_status == 200 and script_response.getheader("Content-Type").startswith("text/javascript")
    assert f'new EventSource("{EVENTS_PATH}?v="' in script and "location.reload()" in script
    assert "http" not in script.replace("https://", "http")  # no absolute URL: nothing leaves the origin
    assert (project / "build/en/index.html").read_bytes() == page_on_disk  # added while sending, not written


@pytest.mark.parametrize("path", ["/", "/en/", SCRIPT_PATH, f"{EVENTS_PATH}?v=x", "/__preview/last-good/en/"])
@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}", ""])
def test_other_hosts_are_refused(project, path, host):
    with serving(Preview(project, project / "build")) as server:
        status, body, _ = get(server, path, host.format(port=server.server_address[1]))
    assert status == 421 and "__preview" not in body and "skip-link" not in body


def test_the_preview_binds_to_loopback_only(project):
    with serving(Preview(project, project / "build")) as server:
        assert server.server_address[0] == "127.0.0.1"


# --- broken, then fixed ----------------------------------------------------------------------------

def test_a_broken_file_shows_every_problem_in_both_languages_and_keeps_the_last_good_site(project):
    kpi = project / "data/kpi.yaml"
    good = kpi.read_bytes()
    before = digest(project / "build")
    preview = Preview(project, project / "build")
    with serving(preview) as server:
        _, page, _ = get(server, "/en/goals/g1/")
        served_version = version_of(page)
        edit(kpi, "number: 1\n", "number: one\n", count=2)
        outcome = preview.rebuild()
        assert not outcome.ok and outcome.problems
        printed: list[str] = []
        watch.report(outcome, "data/kpi.yaml changed", None, out=printed.append)  # what the terminal shows
        assert re.fullmatch(r"\d\d:\d\d:\d\d data/kpi\.yaml changed: 2 errors after \d+\.\d s; the browser shows them, "
                            r"and the last good site is still served:", printed[0])
        assert [line.split(":")[:3] for line in printed[1:]] == [
            ["  error", " data/kpi.yaml", str(line_of(kpi, "number: one", nth))] for nth in (1, 2)]
        assert wait_for_reload(server, served_version) == preview.versions.current  # the open tab reloads

        for path in ("/", "/en/", "/en/goals/g1/", "/index.html"):  # every page shows the problems
            status, page, response = get(server, path)
            assert status == 500 and response.getheader("Content-Type") == "text/html; charset=utf-8"
            for nth in (1, 2):
                assert f"<code>data/kpi.yaml:{line_of(kpi, 'number: one', nth)}:" in page
            assert "サイトを作れませんでした" in page and "The site could not be built" in page
            assert "最後に正しく作れた版" in page and "The last good version is still being served" in page
            assert version_of(page) == preview.versions.current  # it reloads by itself after the next save
            assert 'http-equiv="Content-Security-Policy"' in page and "<script>" not in page
        status, last_good, _ = get(server, "/__preview/last-good/en/goals/g1/")
        assert status == 200 and "The site could not be built" not in last_good
        assert 'href="/__preview/last-good/en/goals/g1/"' in get(server, "/en/goals/g1/")[1]
        assert get(server, "/assets/style.css")[0] == 200  # the last good site's files are still served
        assert digest(project / "build") == before  # the last good site, untouched

        broken_version = preview.versions.current
        kpi.write_bytes(good)
        assert preview.rebuild().ok
        assert wait_for_reload(server, broken_version) == preview.versions.current
        status, page, _ = get(server, "/en/goals/g1/")
        assert status == 200 and "The site could not be built" not in page and version_of(page) == preview.versions.current
    assert files_mentioning(project / "build", b"__preview", b"EventSource") == []


def test_a_bug_in_a_rebuild_is_shown_and_the_preview_goes_on(project, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("unexpected <b>state</b>")

    monkeypatch.setattr(preview_module, "build", broken)
    preview = Preview(project, project / "build")
    with serving(preview) as server:
        outcome = preview.rebuild()
        status, page, _ = get(server, "/en/")
        assert get(server, "/__preview/last-good/en/")[0] == 200
    assert outcome.bug is not None and status == 500
    assert "internal error (a bug in site-builder): RuntimeError: unexpected &lt;b&gt;state&lt;/b&gt;; see the terminal" in page
    watch.report(outcome, "data/kpi.yaml changed", None)
    captured = capsys.readouterr()
    saved = re.search(r"internal error: RuntimeError: unexpected <b>state</b>; nothing was written; details saved to (\S+)", captured.err)
    assert saved and "the last good site is still served" in captured.out
    assert "Traceback" in Path(saved[1]).read_text(encoding="utf-8") and "Traceback" not in captured.err
    Path(saved[1]).unlink()


def test_the_error_page_escapes_what_it_shows():
    page = error_page([Shown("data/kpi.yaml:3:1", "<script>alert(1)</script> & \"quoted\"")], '/en/"><img src=x>',
                      True, "").decode("utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;" in page
    assert "<img src=x>" not in page and "&quot;&gt;&lt;img src=x&gt;" in page


def test_without_a_good_site_the_error_page_says_so(tmp_path, tiny_project):
    edit(tiny_project / "data/kpi.yaml", "id: tiny", "id: [tiny")
    preview = Preview(tiny_project, tmp_path / "out")
    with serving(preview) as server:
        assert not preview.rebuild().ok
        status, page, _ = get(server, "/")
    assert status == 500 and "There is no good version of the site yet" in page and "last-good" not in page
    assert "data/kpi.yaml:" in page and not (tmp_path / "out").exists()


# --- the whole command: build first, watch, rebuild on save, Ctrl+C ----------------------------------

def test_serve_builds_a_missing_site_first_and_ctrl_c_ends_with_0(tiny_project, capsys):
    seen = {}

    def ready(preview, server):
        seen["built"] = (preview.out / "index.html").is_file() and (preview.out / MARKER).is_file()
        seen["served"] = get(server, "/en/")[0]
        raise KeyboardInterrupt  # Ctrl+C

    assert watch.run(tiny_project, tiny_project / "build", 0, ready=ready) == 0
    assert seen == {"built": True, "served": 200}
    out = capsys.readouterr().out
    assert "first build: rebuilt, " in out and "Stopped." in out
    assert "Traceback" not in out and files_mentioning(tiny_project / "build", b"__preview") == []


def test_sigterm_stops_serve_as_ctrl_c_does_and_its_workers_with_it(project):
    """A service manager or `kill` sends SIGTERM: the preview ends as on Ctrl+C, with code 0, and the chart
    workers it kept between saves end with it (no process is left behind under it)."""
    proc = subprocess.Popen([sys.executable, "-m", "site_builder", "--root", str(project), "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = []
    try:
        for line in proc.stdout:  # the first build is cold (its own chart workers): they are running by now
            lines.append(line)
            if line.startswith("Watching "):
                break
        (project / "content/goals/g1.en.md").write_text("A save, so that the kept workers have work.\n", encoding="utf-8")
        for line in proc.stdout:
            lines.append(line)
            if "changed: rebuilt" in line:
                break
        children = _children(proc.pid)
        assert children, "the preview keeps chart workers between saves"
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=GUARD)
    finally:
        proc.kill()
    output = "".join(lines) + out
    assert proc.returncode == 0 and "Stopped." in output and "Traceback" not in output, output
    deadline = time.monotonic() + GUARD
    while any(Path(f"/proc/{pid}").exists() for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if Path(f"/proc/{pid}").exists()]


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux: /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def test_a_save_rebuilds_in_process_and_reloads_the_tab(project, tmp_path, capsys):
    started = threading.Event()
    running: dict = {}

    def ready(preview, server):
        running.update(preview=preview, server=server)
        started.set()

    stop = threading.Event()
    thread = threading.Thread(target=lambda: running.update(code=watch.run(project, project / "build", 0, stop=stop, ready=ready)))
    thread.start()
    try:
        assert started.wait(GUARD), "the preview did not start"
        server, preview = running["server"], running["preview"]
        session = preview.session
        _, page, _ = get(server, "/en/goals/g1/")
        with (project / "content/goals/g1.en.md").open("a", encoding="utf-8") as narrative:
            narrative.write("\nA sentence saved while the preview runs.\n")
        reloaded = wait_for_reload(server, version_of(page))
        status, page, _ = get(server, "/en/goals/g1/")
        assert status == 200 and "A sentence saved while the preview runs." in page
        assert preview.session is session  # the same process and session: nothing was restarted
        # The reload did not wait for the search index; it follows in a quiet moment, without another reload.
        deadline = time.monotonic() + GUARD
        while not (project / "build/pagefind/pagefind-entry.json").is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert preview.versions.current == reloaded
    finally:
        stop.set()
        thread.join(GUARD)
    assert running["code"] == 0
    # What the preview leaves in build/ is exactly what a fresh build of the same files makes.
    build(project, tmp_path / "fresh")
    assert digest(project / "build") == digest(tmp_path / "fresh")
    assert re.search(r"content/goals/g1\.en\.md changed: rebuilt, \d+ files? changed in", capsys.readouterr().out)
    assert files_mentioning(project / "build", b"__preview", b"EventSource") == []


def test_the_search_index_is_made_beside_the_reload_and_added_without_waiting(project, monkeypatch):
    narrative = project / "content/goals/g1.en.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\nA word to find: kingfisher.\n", encoding="utf-8")
    preview = Preview(project, project / "build")
    assert preview.rebuild(search=False).ok  # what a save does: the tab reloads without waiting for Pagefind
    assert not (project / "build/pagefind").exists()
    reloaded = preview.versions.current
    preview.prepare_search().join(GUARD)  # Pagefind on its own thread, while the tab shows the page

    def no_pagefind(pages):
        raise AssertionError("Pagefind ran again: the bundle made beside the reload was not used")

    monkeypatch.setattr(search_module, "_start", no_pagefind)
    outcome = preview.rebuild(search=True)
    assert outcome.ok and outcome.changed and all(path.startswith("pagefind/") for path in outcome.changed)
    assert preview.versions.current == reloaded  # only the index changed: no second reload
    assert (project / "build/pagefind/pagefind-entry.json").is_file()


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own CPU priority is a Linux feature (elsewhere it is left alone)")
def test_the_search_index_is_made_at_the_lowest_priority_so_a_save_is_not_slowed(project, monkeypatch):
    assert Preview(project, project / "build").rebuild(search=False).ok
    own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen = {}

    def indexed(pages, cache):  # what Pagefind would see: its thread's priority, and a process started from there
        seen["pages"] = len(pages)
        seen["thread"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        child = subprocess.run([sys.executable, "-c", "import os; print(os.getpriority(os.PRIO_PROCESS, 0))"],
                               capture_output=True, text=True, check=True)
        seen["process"] = int(child.stdout)

    monkeypatch.setattr(preview_module, "search_bundle", indexed)
    Preview(project, project / "build").prepare_search().join(GUARD)
    assert seen == {"pages": len(list((project / "build").rglob("*.html"))), "thread": 19, "process": 19}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == own  # the preview itself is not slowed


# --- freshness and what serve may touch --------------------------------------------------------------

def test_an_up_to_date_build_is_served_as_it_is(project, capsys):
    """serve builds only if needed: a build/ made from the same inputs is kept, not rewritten."""
    build(project, project / "build")  # by this code, from these inputs (tiny_built may predate an edit of the code)
    index = (project / "build/index.html").stat()
    before = digest(project / "build")

    def ready(preview, server):
        raise KeyboardInterrupt

    assert watch.run(project, project / "build", 0, ready=ready) == 0
    assert "first build: nothing changed, build/ kept" in capsys.readouterr().out
    assert digest(project / "build") == before and (project / "build/index.html").stat().st_ino == index.st_ino


def test_serve_refuses_a_folder_of_someone_elses_and_leaves_it_alone(tiny_project, tmp_path, capsys):
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "index.html").write_text("<p>someone's page</p>")
    (folder / "private.txt").write_text("secret")
    before = digest(folder)
    assert cli.main(["--root", str(tiny_project), "serve", "--out", str(folder)]) == 1
    assert "was not made by 'site-builder build'" in capsys.readouterr().err
    assert digest(folder) == before and sorted(p.name for p in tmp_path.iterdir()) == ["home", "tiny"]


def test_a_busy_port_is_refused_with_a_free_one(project, capsys):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        before = digest(project / "build")
        assert cli.main(["--root", str(project), "serve", "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"error: port {port} is in use" in err and re.search(r"port \d+ is free now", err) and "Traceback" not in err
    assert digest(project / "build") == before
