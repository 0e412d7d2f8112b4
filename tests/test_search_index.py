"""The Pagefind search bundle: made at build time, one index per language, only the content pages,
byte-identical from one build to the next, and checked file by file before it may be published."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import ROOT

from site_builder.build import build
from site_builder.errors import SiteError
from site_builder.render import search
from site_builder.render.search import bundle_problems, search_bundle


def test_bundle_has_one_index_per_language_without_404_search_or_filtered_pages(shipped_site):
    entry = json.loads((shipped_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {lang: [p for p in shipped_site.rglob("*.html") if (p.relative_to(shipped_site).parts[0] == "en") == (lang == "en")
                    and "pagefind" not in p.parts] for lang in ("ja", "en")}
    for lang in ("ja", "en"):
        indexed = entry["languages"][lang]["page_count"]
        filtered = [p for p in pages[lang] if p.parent.parent.name == "programs"]  # programs/<status>/: the list again
        assert len(filtered) == 4
        assert indexed == len(pages[lang]) - 2 - len(filtered), "every page but 404, the search page and the filtered views"
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css"):
        assert (shipped_site / "pagefind" / name).is_file()
    assert 'data-pagefind-body' not in (shipped_site / "404.html").read_text(encoding="utf-8")
    assert 'data-pagefind-body' not in (shipped_site / "en/search/index.html").read_text(encoding="utf-8")


def test_two_builds_give_the_same_bundle(shipped_site, tmp_path):
    """Pagefind lists languages in hash-map order in pagefind-entry.json; search.py sorts them."""
    build(ROOT, tmp_path / "two", strict=True)
    one = {p.relative_to(shipped_site): p.read_bytes() for p in (shipped_site / "pagefind").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two/pagefind").rglob("*") if p.is_file()}
    assert one.keys() == two.keys()
    assert [str(k) for k in one if one[k] != two[k]] == []


def test_search_false_skips_indexing(tmp_path):
    build(ROOT, tmp_path / "plain", search=False)
    assert (tmp_path / "plain/index.html").is_file() and not (tmp_path / "plain/pagefind").exists()


# --- integrity: the bundle comes from memory, and a broken one is never shipped ---------------------

def shipped_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html")) if "pagefind" not in p.parts}


def shipped_bundle(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site / "pagefind").as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*")) if p.is_file()}


def test_indexing_the_same_pages_again_gives_the_same_bytes(shipped_site):
    """The bundle was written to disk by the Pagefind service, which answered before its writes were done
    and was stopped right after: 1 build in 30 had empty or cut files. Taken from memory, that race cannot happen;
    eight runs check that the bytes are stable (fifty took four minutes of every CI run)."""
    pages = shipped_pages(shipped_site)
    first = search_bundle(pages)
    assert first == {f"pagefind/{k}": v for k, v in shipped_bundle(shipped_site).items()}, "the same as the build wrote"
    differing = [run for run in range(7) if search_bundle(pages) != first]
    assert differing == []


def test_pages_with_their_svgs_or_with_the_marks_where_they_go_share_one_bundle(shipped_site, tmp_path, monkeypatch):
    """A build indexes its pages before the SVGs are drawn in (charts/render.py); the preview indexes the
    finished pages in build/. Search never reads a chart's figure, so both are one cache entry, and Pagefind
    makes the same bytes from either (else a build's output would depend on whether the preview ran first)."""
    pages = shipped_pages(shipped_site)
    marked = {path: re.sub(rb'(<div class="chart-visual" data-pagefind-ignore>)<svg.*?</svg>(</div>)',
                           rb"\1<!--site-builder:svg ja/x-->\2", html, flags=re.DOTALL) for path, html in pages.items()}
    assert marked != pages
    first = search_bundle(marked, tmp_path)
    assert search_bundle(pages) == first  # no cache: indexed anew from the finished pages
    monkeypatch.setattr(search, "_start", lambda *args: pytest.fail("the pages were indexed again"))
    assert search_bundle(pages, tmp_path) == first


# --- Pagefind started early (the command line's builds): the same bytes, and never left running ----------

def ended(warm: search.Warming) -> bool:
    """Its thread is done and its Pagefind process gone (reaped, not only killed)."""
    warm.thread.join(30)
    pid = warm._process.pid if warm._process is not None else None
    for _ in range(300):
        try:
            if pid is not None:
                os.kill(pid, 0)
        except ProcessLookupError:
            return not warm.thread.is_alive()
        if pid is None:
            return not warm.thread.is_alive()
        time.sleep(0.1)
    return False


def test_a_warm_pagefind_makes_the_same_bundle(shipped_site):
    """Its dictionary was loaded by a throwaway index of one Japanese sentence; the site's index is another."""
    warm = search.Warming.start()
    assert warm is not None
    bundle = search.start_index(shipped_pages(shipped_site), None, warm).result()
    assert bundle == {f"pagefind/{k}": v for k, v in shipped_bundle(shipped_site).items()}
    assert ended(warm)


def test_a_warm_pagefind_not_needed_is_stopped(shipped_site, tmp_path):
    at_once = search.Warming.start()  # stopped while it still loads its dictionary
    at_once.stop()
    assert ended(at_once)
    pages = shipped_pages(shipped_site)
    search_bundle(pages, tmp_path)
    warm = search.Warming.start()
    warm._service.result(timeout=60)  # warmed up, then the index comes from the cache
    assert search.start_index(pages, tmp_path, warm).result() == search_bundle(pages, tmp_path)
    assert ended(warm)


def test_shipped_bundle_passes_the_check(shipped_site):
    files = shipped_bundle(shipped_site)
    assert bundle_problems(files) == []
    assert {"wasm.unknown.pagefind", "wasm.en.pagefind", "pagefind.js", "pagefind-ui.js"} <= files.keys()


def _first(files, prefix):
    return sorted(k for k in files if k.startswith(prefix))[0]


BREAKAGES = {
    "empty wasm": (lambda f: f.update({"wasm.unknown.pagefind": b""}), "wasm.unknown.pagefind is empty"),
    "empty entry": (lambda f: f.update({"pagefind-entry.json": b""}), "pagefind-entry.json is empty"),
    "cut entry": (lambda f: f.update({"pagefind-entry.json": f["pagefind-entry.json"][:40]}), "not a complete Pagefind entry"),
    "entry missing": (lambda f: f.pop("pagefind-entry.json"), "pagefind-entry.json is missing"),
    "index cut at 32 KiB": (lambda f: f.update({k: v[:16384] for k, v in f.items() if k.startswith("index/")}),
                            "is cut short or damaged"),
    "wasm cut": (lambda f: f.update({"wasm.en.pagefind": f["wasm.en.pagefind"][:32768]}), "wasm.en.pagefind is cut short"),
    "fragment lost": (lambda f: f.pop(_first(f, "fragment/en_")), ".pf_fragment, which is missing"),
    "index chunk lost": (lambda f: f.pop(_first(f, "index/ja_")), ".pf_index, which is missing"),
    "meta lost": (lambda f: f.pop(_first(f, "pagefind.ja_")), "(the ja index) is missing"),
    "language wasm lost": (lambda f: f.pop("wasm.en.pagefind"), "wasm.en.pagefind (the search program) is missing"),
    "generic wasm lost": (lambda f: f.pop("wasm.unknown.pagefind"), "wasm.unknown.pagefind (the search program) is missing"),
    "pagefind.js lost": (lambda f: f.pop("pagefind.js"), "pagefind.js is missing"),
    "not gzip": (lambda f: f.update({_first(f, "fragment/"): b"<html>"}), "is cut short or damaged"),
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=list(BREAKAGES))
def test_a_broken_bundle_is_refused(shipped_site, monkeypatch, breakage):
    files = shipped_bundle(shipped_site)
    breaks, says = BREAKAGES[breakage]
    breaks(files)
    assert any(says in p for p in bundle_problems(files)), bundle_problems(files)

    async def returns_broken(site):
        return [{"path": path, "content": data} for path, data in files.items()]

    monkeypatch.setattr(search, "_index_folder", returns_broken)
    with pytest.raises(SiteError) as info:
        search_bundle({"index.html": b"<html></html>"})
    assert "the search index Pagefind returned is broken" in str(info.value) and says in str(info.value)
    assert "Nothing was written" in str(info.value)


def test_a_reply_the_client_cannot_read_is_an_error_not_a_hang(shipped_site, monkeypatch):
    """Past its line limit the Pagefind client's reader dies and the request would wait forever."""
    monkeypatch.setattr(search, "REPLY_LIMIT", 4096)
    started = time.perf_counter()
    with pytest.raises(SiteError, match="Pagefind stopped answering"):
        search_bundle(shipped_pages(shipped_site))
    assert time.perf_counter() - started < 60


def test_the_service_settles_each_request_with_its_reply_or_its_error():
    """Our reader of Pagefind's replies (the client's own sleeps 0.1 s before each): a reply settles its request, an
    error reply fails it with Pagefind's message, also for a request Pagefind could not parse (no id of its own)."""

    async def talk() -> list:
        service = await search._launch()
        try:
            made = await search._answer(service, service.send({"type": "NewIndex", "config": None}))
            results = [made["type"]]
            for payload in ({"type": "AddDir", "index_id": 99, "path": "nowhere"}, {"type": "Unknown"}):
                try:
                    await search._answer(service, service.send(payload))
                except Exception as e:  # the client's own kind of error
                    results.append(str(e.args[0]))
            return results
        finally:
            service._backend._transport.close()
            await service._backend.wait()

    made, unknown_index, unparsed = _on_a_thread(talk)
    assert made == "NewIndex"
    assert "does not yet exist" in unknown_index
    assert "unknown variant `Unknown`" in unparsed


def test_pagefind_ending_mid_build_is_an_error_not_a_hang():
    """Pagefind killed (as when it crashes) while a request waits for its reply: the request fails at once."""
    import asyncio
    import signal

    async def talk() -> None:
        service = await search._launch()
        try:
            os.kill(service._backend.pid, signal.SIGSTOP)  # it cannot answer the request below
            request = asyncio.ensure_future(search._answer(service, service.send({"type": "NewIndex", "config": None})))
            await asyncio.sleep(0.2)  # the request is written and waits
            assert not request.done()
            service._backend.kill()
            await asyncio.wait_for(request, 30)
        finally:
            await search._close(service)

    with pytest.raises(SiteError, match=r"Pagefind stopped answering while indexing the site \(it ended\)"):
        _on_a_thread(talk)


def test_a_warm_pagefind_stopped_idle_leaves_no_error_behind(caplog):
    """Ended while its reader waits for a reply: the reader meets the end of the output and leaves no error that
    asyncio would print ("Task exception was never retrieved") on the user's terminal."""
    import gc

    warm = search.Warming()
    warm._service.result(timeout=60)  # warmed up: its reader waits
    warm.stop()
    assert ended(warm)
    gc.collect()
    assert "never retrieved" not in caplog.text


def test_a_warm_pagefind_handed_the_pages_is_not_stopped_by_a_failing_build(shipped_site):
    """`start_index` hands it the pages, copied on its thread; a build that fails right after stops the warm service
    it started (`__main__.build`): that must neither kill it under the copy nor leave the index waiting."""
    pages = shipped_pages(shipped_site)
    warm = search.Warming()
    indexing = search.start_index(pages, None, warm)
    warm.stop()  # a no-op: claimed
    assert indexing.result() == {f"pagefind/{k}": v for k, v in shipped_bundle(shipped_site).items()}
    assert ended(warm)


def test_pages_that_cannot_be_copied_for_pagefind_end_the_warm_service(monkeypatch):
    """A full disk, say: the error is the copy's own (the command line names the file), and the warm service
    claimed for the pages is ended, not left running."""
    warm = search.Warming()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", "page.html")

    monkeypatch.setattr(search, "separated", full)
    with pytest.raises(OSError, match="No space left"):
        search.start_index({"index.html": b"<html lang=\"en\"></html>"}, None, warm).result()
    assert ended(warm)


def _on_a_thread(coroutine):
    """`asyncio.run(coroutine())` on a thread of its own, as the build runs Pagefind's client: a test before this one
    in the same process may have left an event loop running on this thread (Playwright's sync API does)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(lambda: asyncio.run(coroutine())).result()


def test_pages_without_text_are_refused():
    with pytest.raises(SiteError, match="Pagefind indexed no page"):
        search_bundle({})


def test_the_command_line_starts_pagefind_early_only_for_inputs_it_has_not_built(tiny_project, tmp_path, monkeypatch):
    """A build of inputs built before (its output removed since, or into another folder) takes its index from the
    cache: no Pagefind."""
    from site_builder import __main__ as cli

    monkeypatch.setenv("SITE_BUILDER_CACHE", str(tmp_path / "cache"))
    started = []
    real = search.Warming.start
    monkeypatch.setattr(search.Warming, "start", classmethod(lambda cls: started.append(cls) or real()))
    out = tmp_path / "out"
    command = ["--root", str(tiny_project), "build", "--out", str(out)]
    assert cli.main(command) == 0 and len(started) == 1
    first = shipped_bundle(out)
    shutil.rmtree(out)
    assert cli.main(command) == 0 and len(started) == 1
    assert shipped_bundle(out) == first
    assert cli.main(["--root", str(tiny_project), "build", "--out", str(tmp_path / "elsewhere")]) == 0
    assert len(started) == 1 and shipped_bundle(tmp_path / "elsewhere") == first
    with open(tiny_project / "content/goals/g1.ja.md", "a", encoding="utf-8") as f:
        f.write("\n新しい一文。\n")
    assert cli.main(command) == 0 and len(started) == 2
    assert shipped_bundle(out) != first
