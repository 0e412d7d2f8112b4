"""The writer replaces only a folder it made (marked with .site-builder-output), atomically; and the
`_headers` file and docs/hosting/nginx.conf carry the same policy as every page's <meta>."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from sitecheck import html_pages

from site_builder import headers
from site_builder.errors import SiteError
from site_builder.writer import MARKER, MARKER_TEXT, Output, update_site, write_site


def site(*paths: str, text: str = "x") -> Output:
    output = Output()
    for path in paths:
        output.add(path, text)
    return output


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_output_carries_the_same_marker(tmp_path):
    write_site(site("index.html", text="one"), tmp_path / "out", tmp_path / "project")
    first = tree(tmp_path / "out")
    write_site(site("index.html", text="one"), tmp_path / "out", tmp_path / "project")
    assert tree(tmp_path / "out") == first == {"index.html": b"one", MARKER: MARKER_TEXT.encode()}
    assert MARKER_TEXT.count("\n") == 1 and "site-builder" in MARKER_TEXT


def test_a_marked_folder_is_replaced_whole(tmp_path):
    out = tmp_path / "out"
    write_site(site("a/index.html", "b.html", text="old"), out, tmp_path / "project")
    (out / "stray.txt").write_text("left by hand")
    write_site(site("a/index.html", text="new"), out, tmp_path / "project")
    assert tree(out) == {"a/index.html": b"new", MARKER: MARKER_TEXT.encode()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging or old folder left


def test_an_empty_folder_is_used(tmp_path):
    (tmp_path / "empty").mkdir()
    write_site(site("index.html"), tmp_path / "empty", tmp_path / "project")
    assert (tmp_path / "empty/index.html").read_text() == "x"


def test_a_folder_with_other_files_is_refused_and_kept(tmp_path):
    docs = tmp_path / "docs"
    (docs / "notes").mkdir(parents=True)
    (docs / "notes/minutes.md").write_text("keep me")
    (docs / "budget.xlsx").write_bytes(b"\x00")
    with pytest.raises(SiteError) as info:
        write_site(site("index.html"), docs, tmp_path / "project")
    message = str(info.value)
    assert "did not make (budget.xlsx, notes)" in message and "choose an empty or new folder with --out" in message
    assert "delete this one yourself" in message
    assert tree(docs) == {"budget.xlsx": b"\x00", "notes/minutes.md": b"keep me"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_an_old_build_without_marker_is_refused_with_what_to_do(tmp_path):
    old = tmp_path / "build"
    for name in ("index.html", "pagefind/pagefind.js", "assets/style.css"):
        (old / name).parent.mkdir(parents=True, exist_ok=True)
        (old / name).write_text("old")
    with pytest.raises(SiteError, match="older site-builder.*delete the folder once yourself"):
        write_site(site("index.html"), old, tmp_path / "project")
    assert (old / "index.html").read_text() == "old"


def test_a_symlink_is_not_a_marker(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("mine")
    (tmp_path / "elsewhere").write_text("x")
    (out / MARKER).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(SiteError, match="refusing to replace"):
        write_site(site("index.html"), out, tmp_path / "project")
    assert (out / "mine.txt").read_text() == "mine"


def test_a_file_or_a_path_below_a_file_is_refused(tmp_path):
    (tmp_path / "site.txt").write_text("a file")
    with pytest.raises(SiteError, match="exists and is not a folder"):
        write_site(site("index.html"), tmp_path / "site.txt", tmp_path / "project")
    with pytest.raises(SiteError, match="cannot create the output folder"):
        write_site(site("index.html"), tmp_path / "site.txt/out", tmp_path / "project")
    assert (tmp_path / "site.txt").read_text() == "a file"


def test_the_project_and_its_input_folders_are_refused(tmp_path):
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    for out in (project, project / "data", project / "data/new", tmp_path):
        with pytest.raises(SiteError, match="contains the project's own files"):
            write_site(site("index.html"), out, project)


def test_a_failed_write_keeps_the_previous_site(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_site(site("index.html", text="old"), out, tmp_path / "project")
    before = tree(out)
    real = Path.write_bytes

    def disk_full(self, data):
        if self.name == "b.html":
            raise OSError(28, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(SiteError, match="No space left on device; the previous build is unchanged"):
        write_site(site("a.html", "b.html", text="new"), out, tmp_path / "project")
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_failed_swap_puts_the_previous_site_back(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_site(site("index.html", text="old"), out, tmp_path / "project")
    before = tree(out)
    real = Path.rename

    def refuse_new(self, target):
        if self.name.startswith(".out.new-"):
            raise OSError(16, "Device or resource busy", str(self))
        return real(self, target)

    monkeypatch.setattr(Path, "rename", refuse_new)
    with pytest.raises(SiteError, match="busy"):
        write_site(site("index.html", text="new"), out, tmp_path / "project")
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# --- the preview's update in place ---------------------------------------------------------------


def test_a_new_site_links_the_files_the_old_one_holds_unchanged(tmp_path):
    """The swap stays whole; only the bytes that changed are written. A file changed in the old site since (same
    size, one byte), a symlink, or a file reached through a symlinked folder is written, never linked."""
    out, project, outside = tmp_path / "out", tmp_path / "project", tmp_path / "outside"
    files = {"index.html": "home", "same.css": "css", "page.html": "old", "edited.html": "abc", "link.html": "lnk",
             "via/x.html": "via"}
    first = Output()
    for path, text in files.items():
        first.add(path, text)
    write_site(first, out, project)
    inode = {path: (out / path).stat().st_ino for path in files}
    (out / "edited.html").write_text("abd")
    outside.mkdir()
    (outside / "x.html").write_text("via")
    (outside / "link.html").write_text("lnk")
    (out / "link.html").unlink()
    (out / "link.html").symlink_to(outside / "link.html")
    (out / "via/x.html").unlink()
    (out / "via").rmdir()
    (out / "via").symlink_to(outside)
    second = Output()
    for path, text in {**files, "page.html": "new"}.items():
        second.add(path, text)
    write_site(second, out, project)
    assert tree(out) == {**{k: v.encode() for k, v in files.items()}, "page.html": b"new", MARKER: MARKER_TEXT.encode()}
    linked = sorted(path for path in files if (out / path).stat().st_ino == inode[path])
    assert linked == ["index.html", "same.css"]
    assert not (out / "link.html").is_symlink() and not (out / "via").is_symlink()
    assert (outside / "x.html").stat().st_nlink == 1 and (outside / "link.html").stat().st_nlink == 1


def test_an_update_writes_only_what_changed_and_removes_what_went(tmp_path):
    out, project = tmp_path / "out", tmp_path / "project"
    first = Output()
    for path, text in {"index.html": "home", "a/b/page.html": "old", "gone/x.html": "x", "same.css": "css"}.items():
        first.add(path, text)
    before = write_site(first, out, project)
    same = (out / "same.css").stat().st_ino, (out / "same.css").stat().st_mtime_ns
    second = Output()
    for path, text in {"index.html": "home", "a/b/page.html": "new", "same.css": "css", "c/new.html": "n"}.items():
        second.add(path, text)
    written = update_site(second, out, project, before)
    assert tree(out) == {"index.html": b"home", "a/b/page.html": b"new", "same.css": b"css", "c/new.html": b"n",
                         MARKER: MARKER_TEXT.encode()}
    assert not (out / "gone").exists()  # the emptied folder goes with its last file
    assert ((out / "same.css").stat().st_ino, (out / "same.css").stat().st_mtime_ns) == same  # not written again
    assert not [p for p in out.rglob(".*.new-*")]  # no temporary file left
    assert set(written) == set(second.files)
    assert update_site(second, out, project, written) == written  # nothing changed: nothing written


@pytest.mark.parametrize("touch", ["added", "changed", "removed"])
def test_an_update_of_a_folder_touched_since_writes_it_whole(tmp_path, touch):
    """Only a folder exactly as the last write left it is updated in place; else it is replaced whole (a file
    someone added is not left behind, one they changed is not trusted to be ours)."""
    out, project = tmp_path / "out", tmp_path / "project"
    before = write_site(site("index.html", "a.html", text="one"), out, project)
    if touch == "added":
        (out / "stray.txt").write_text("by hand")
    elif touch == "changed":
        (out / "a.html").write_text("changed by hand, same size? no")
    else:
        (out / "a.html").unlink()
    update_site(site("index.html", "a.html", text="one"), out, project, before)
    assert tree(out) == {"index.html": b"one", "a.html": b"one", MARKER: MARKER_TEXT.encode()}


def test_an_update_refuses_a_folder_that_is_not_ours(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(SiteError):
        update_site(site("index.html"), out, tmp_path / "project", {"notes.txt": ("x", 4, 0)})
    assert tree(out) == {"notes.txt": b"mine"}


def test_the_marker_is_not_a_path_the_site_may_use():
    with pytest.raises(ValueError):
        Output().add(MARKER, "x")


# --- one security policy: <meta>, _headers, nginx ---------------------------------------------------

def meta_csp(page: Path) -> str:
    return re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page.read_text(encoding="utf-8"))[1]


def directives(policy: str) -> dict[str, set[str]]:
    return {name: set(values) for name, *values in (part.split() for part in policy.split(";"))}


def headers_rules(text: str) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            path = line
            rules[path] = {}
        else:
            name, value = line.strip().split(": ", 1)
            rules[path][name] = value
    return rules


def test_headers_file_matches_every_pages_meta_policy(tiny_built):
    out = tiny_built / "build"
    rules = headers_rules((out / "_headers").read_text(encoding="utf-8"))
    assert list(rules) == ["/*"], "one rule: hosts merge matching rules, which would join two policies"
    rule = rules["/*"]
    assert rule["X-Content-Type-Options"] == "nosniff" and rule["Referrer-Policy"] == "no-referrer"
    header = directives(rule["Content-Security-Policy"])
    assert header.pop("frame-ancestors") == {"'none'"}
    searches = 0
    for page in html_pages(out):
        meta = directives(meta_csp(page))
        search = page.relative_to(out).as_posix() in ("search/index.html", "en/search/index.html")
        searches += search
        assert ("'wasm-unsafe-eval'" in meta["script-src"]) == search, page
        assert meta.keys() == header.keys() and all(meta[k] <= header[k] for k in meta), page
        if search:
            assert meta == header, "the header is exactly the search page's policy plus frame-ancestors"
        assert '<meta name="referrer" content="no-referrer">' in page.read_text(encoding="utf-8")
    assert searches == 2


def test_meta_policy_is_the_one_in_code(tiny_built):
    out = tiny_built / "build"
    assert meta_csp(out / "index.html") == headers.policy()
    assert meta_csp(out / "en/search/index.html") == headers.policy(wasm=True)
    assert "frame-ancestors" not in headers.policy(), "browsers ignore it in <meta> and warn"
    assert not list(ROOT.glob("templates/**/*wasm-unsafe-eval*"))
    for template in (ROOT / "templates").rglob("*.html"):
        assert "script-src" not in template.read_text(encoding="utf-8"), f"{template} defines a policy of its own"


def test_nginx_snippet_carries_the_same_headers():
    conf = (ROOT / "docs/hosting/nginx.conf").read_text(encoding="utf-8")
    found = re.findall(r'^\s*add_header (\S+) "([^"]*)" always;$', conf, re.MULTILINE)
    assert tuple(found) == headers.HEADERS
    assert "autoindex off;" in conf

