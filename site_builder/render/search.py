"""Site search: a Pagefind index of the rendered pages, made in memory before anything is written.

Pagefind reads `<html lang>`, so Japanese and English pages get separate indexes (the extended
binary segments Japanese into words), and only what is inside `data-pagefind-body` (each page's
<main>) is indexed. Pagefind reads a copy of each page made for it (`separated`): no texts glued
together, and names in kanji only readable to its Japanese segmenter. The bundle it returns — index,
fragments, pagefind.js, pagefind-ui.js/css and WebAssembly — is added under `pagefind/` like any
other output file, so search works offline on any static host.

The bundle is taken from the service in memory (`get_files`), never written by it: the service's
`write_files` answers before its file writes have reached the disk (tokio writes them on background
threads and never flushes), and the Python client stops the process right after that answer, so
files came back empty or cut at 32/64 KiB. Every file is then checked before it may be published.

The pages are handed to Pagefind as one folder in a private temporary directory rather than one
`add_html_file` call per page: Pagefind indexes a folder faster (0.17 against 0.26 s for the shipped
site's 82 pages, even with replies read as they come: `_service_class`).
"""

from __future__ import annotations

import asyncio
import base64
import functools
import gzip
import hashlib
import json
import re
import shutil
import tempfile
import threading
import zlib
from collections.abc import Awaitable
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from ..errors import SiteError
from ..incremental.keys import digest
from ..incremental.store import Store

BUNDLE = "pagefind"
ENTRY = "pagefind-entry.json"
# The client reads each reply with a 2 MiB limit; the reply to get_files() holds the whole bundle
# in base64. Past the limit its reader task dies and the request would wait forever.
REPLY_LIMIT = 1 << 30
NOTHING_INDEXED = "no page has any text to index (<main data-pagefind-body>)"
_GZIP_HEADER = b"pagefind_dcd"  # what every gzipped Pagefind file starts with once unpacked
_T = TypeVar("_T")


def search_bundle(pages: dict[str, bytes], cache: Path | None = None) -> dict[str, bytes]:
    """{output path: HTML} of the rendered pages → {"pagefind/…": bytes} of the search bundle (`start_index`, waited for)."""
    return start_index(pages, cache).result()


def start_index(pages: dict[str, bytes], cache: Path | None = None, warm: Warming | None = None) -> Indexing:
    """Start indexing the pages, on a thread of its own that copies them for Pagefind (the caller may drop them) and
    runs it (`warm`'s, if given). With a `cache` folder, a bundle is kept by the hash of the pages it indexes (and
    Pagefind's version and this module's code): the same pages again start no Pagefind."""
    key = _bundle_key(pages)
    hit = Store(cache).get(f"{key}.bundle") if cache else None
    if hit is not None:
        try:
            bundle = _unpack(hit)
            if warm is not None:
                warm.stop()
            return Indexing(bundle, None, key, None)
        except ValueError:
            pass  # an entry of another layout: indexed again
    return Indexing(None, _start(pages, warm), key, cache)


class Warming:
    """Pagefind started before there are pages to index. Its segmenters load their dictionaries first (≈ 0.85 s,
    whatever the site's size), so a build from the command line starts it at once: by the time the pages are
    rendered, it only indexes them. Its first job is a few Japanese words in an index of their own, thrown away;
    the site's index is another, made from the pages alone (the same bytes: tests/test_search_index.py).
    `stop()` ends it unused (the index came from the cache, or the build failed); a no-op once `claim`ed for the
    site's pages: it then indexes them, or, if they could not be copied for it, is ended there (`end`)."""

    def __init__(self):
        self._loop = asyncio.new_event_loop()
        self._process: Any = None  # the Pagefind process, once launched
        self.thread = threading.Thread(target=_run_loop, args=(self._loop,), name="pagefind", daemon=True)
        self.thread.start()
        self._service = asyncio.run_coroutine_threadsafe(self._warmed(), self._loop)
        self._used = False

    @classmethod
    def start(cls) -> Warming | None:
        """Pagefind warming up, or None where it is missing (indexing then says what to install)."""
        try:
            from pagefind.service import get_executable
        except ImportError:
            return None
        return cls() if get_executable() is not None else None

    def claim(self) -> None:
        """Taken for the site's index, on the build's thread before its pages are copied for it on another."""
        self._used = True

    def index(self, folder: str) -> list[dict[str, Any]]:
        """Pagefind's files for the pages in `folder` (the raw reply; `_index` checks it), then the service ends.
        Only once `claim`ed: else `stop()` could end it meanwhile."""
        assert self._used, "claim() first"

        async def run() -> list[dict[str, Any]]:
            return await _index_folder(folder, await asyncio.wrap_future(self._service))

        try:
            return asyncio.run_coroutine_threadsafe(run(), self._loop).result()
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)

    def stop(self) -> None:
        if not self._used:
            self._used = True
            self.end()

    def end(self) -> None:
        """End it, wherever its warm-up is."""

        async def end() -> None:
            try:
                while self._process is None and not self._service.done():
                    await asyncio.sleep(0.01)  # being launched: a matter of milliseconds
                if self._process is not None:
                    self._process._transport.close()  # kills Pagefind, wherever its warm-up is
                    await self._process.wait()
            finally:
                self._loop.stop()

        asyncio.run_coroutine_threadsafe(end(), self._loop)

    async def _warmed(self) -> Any:
        from pagefind.index import IndexConfig

        service = await _launch()
        self._process = service._backend
        try:
            index = await _answer(service, service.create_index(IndexConfig()))
            await _answer(service, index.add_html_file(content=_WARM_UP, source_path="warm-up.html"))
        except BaseException:
            await _close(service)
            raise
        return service


# A Japanese sentence loads the Japanese dictionary (≈ 0.7 s); a piece in kanji only, which Pagefind takes for Chinese,
# loads the Chinese one (≈ 0.15 s, else spent on the site's first index: every Japanese page has such pieces).
_WARM_UP = '<html lang="ja"><body><main data-pagefind-body><p>検索の準備をしています。 検索索引</p></main></body></html>'


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    """The warm service's thread: its event loop until stopped, then whatever is left cancelled and the loop closed."""
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
        left = asyncio.all_tasks(loop)
        for task in left:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
    finally:
        loop.close()


class Indexing:
    """A search bundle: read from the cache, or being made by Pagefind (`result()` waits for it)."""

    def __init__(self, bundle: dict[str, bytes] | None, future: Future | None, key: str, cache: Path | None):
        self._bundle, self._future, self._key, self._cache = bundle, future, key, cache

    def result(self) -> dict[str, bytes]:
        if self._bundle is None:
            assert self._future is not None
            self._bundle = self._future.result()
            if self._cache:
                Store(self._cache).put(f"{self._key}.bundle", _pack(self._bundle))
        return self._bundle


# What fills a chart's figure (its SVG, or the mark where it goes: charts/render.py) is never indexed
# (data-pagefind-ignore): left out of the key, so that pages with and without their SVGs share one bundle.
_VISUAL = re.compile(rb'(<div class="chart-visual" data-pagefind-ignore>).*?(</div>)', re.DOTALL)


def _bundle_key(pages: dict[str, bytes]) -> str:
    return digest(f"pagefind {_pagefind_version()}", Path(__file__).read_bytes(),
                  *(part for path in sorted(pages)
                    for part in (path, hashlib.sha256(_VISUAL.sub(rb"\1\2", pages[path])).digest())))


def _pagefind_version() -> str:
    try:
        return metadata.version("pagefind") + " " + metadata.version("pagefind_bin_extended")
    except metadata.PackageNotFoundError:
        return "absent"


def _pack(files: dict[str, bytes]) -> bytes:
    return b"".join(f"{path}\n{len(data)}\n".encode() + data for path, data in sorted(files.items()))


def _unpack(packed: bytes) -> dict[str, bytes]:
    files, i = {}, 0
    while i < len(packed):
        path_end = packed.index(b"\n", i)
        size_end = packed.index(b"\n", path_end + 1)
        size = int(packed[path_end + 1:size_end])
        files[packed[i:path_end].decode()] = packed[size_end + 1:size_end + 1 + size]
        i = size_end + 1 + size
    return files


def _start(pages: dict[str, bytes], warm: Warming | None = None) -> Future:
    """Pagefind started on the pages, on a thread of its own: the build goes on (drawing its SVGs) meanwhile."""
    try:
        from pagefind.service import get_executable
    except ImportError as e:
        raise SiteError("site search needs Pagefind: pip install 'pagefind[extended]'") from e
    if get_executable() is None:
        raise SiteError("the Pagefind binary was not found: pip install 'pagefind[extended]'")
    if warm is not None:
        warm.claim()  # now, not on the thread: a build that fails meanwhile must not end it under the copy
    runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pagefind")
    try:
        return runner.submit(_index, dict(pages), warm)  # a copy of the dict: the caller may let its pages go
    finally:
        runner.shutdown(wait=False)  # the thread ends with its job


def _index(pages: dict[str, bytes], warm: Warming | None = None) -> dict[str, bytes]:
    """The verified bundle of the pages, copied (as Pagefind should read them) into a private folder for it to read,
    removed afterwards. A page that cannot be copied is the error it is (a full disk, say), not Pagefind's."""
    try:
        folder = _copied(pages)
    except BaseException:
        if warm is not None:
            warm.end()  # claimed for these pages, which it will never see
        raise
    try:
        # Pagefind's client is async: run it on a thread of its own (this one, or the warm service's), so that
        # build() also works when the caller already runs an event loop (Playwright's sync API does).
        returned = warm.index(folder) if warm is not None else asyncio.run(_index_folder(folder))
    except SiteError:
        raise
    except Exception as e:  # the service reports its errors as plain Exceptions
        raise SiteError(f"Pagefind could not index the site: {e}") from e
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    files: dict[str, bytes] = {}
    for item in returned:
        rel = PurePosixPath(str(item["path"]).replace("\\", "/"))
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            raise SiteError(f"Pagefind returned a file outside its folder ({item['path']!r}); nothing was written")
        files[rel.as_posix()] = item["content"]
    problems = bundle_problems(files)
    if problems == [NOTHING_INDEXED]:
        raise SiteError(f"Pagefind indexed no page: {NOTHING_INDEXED}")
    if problems:
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise SiteError(f"the search index Pagefind returned is broken: {'; '.join(problems[:5])}{more}. Nothing was written; "
                        "build again, and if this repeats reinstall Pagefind: pip install --force-reinstall 'pagefind[extended]'")
    files[ENTRY] = _stable_json(files[ENTRY])
    return {f"{BUNDLE}/{rel}": data for rel, data in sorted(files.items())}


def _copied(pages: dict[str, bytes]) -> str:
    """A private folder holding each page as Pagefind should read it (`separated`); each page let go once written."""
    folder = tempfile.mkdtemp(prefix="site-builder-search-")
    try:
        made: set[Path] = set()
        for rel in list(pages):
            target = Path(folder, rel)
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            target.write_bytes(separated(pages.pop(rel)))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


# An element's end followed at once by the next element's start (table cells, a term and its definition,
# links in a row): Pagefind joins their texts into one word ("Baseline45"). What a browser shows there
# is unchanged by a space, so the copy Pagefind reads gets one.
_ADJACENT = re.compile(rb"(</[a-zA-Z][a-zA-Z0-9]*>|<br\s*/?>)(?=<[a-zA-Z])")
# Pagefind cuts text at spaces and lets its segmenter guess each piece's language: a piece written only
# in kanji is taken for Chinese and cut into single characters (保育園待機児童数 → 保育・園・待・機…), so
# the words a reader types (待機・児童, cut by the browser) never match an item's own name. So in the copy
# Pagefind reads, a name in kanji only — the page's (h1) or an item's (a heading whose id ends in -name) —
# is repeated once inside a Japanese phrase, which the segmenter reads as Japanese. Readers never see it:
# it is hidden on the page, and assets/search.js cuts it out of excerpts by its marks (U+2060, invisible).
PHRASE_MARK = "\u2060"
_JA_PAGE = re.compile(rb"<html[^>]*\blang=\"ja\b")
_HEADING = re.compile(rb"<h(1|[2-6](?=[^>]*\bid=\"[^\"]*-name\"))\b[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_KANA = re.compile(r"[\u3041-\u30ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def separated(html: bytes) -> bytes:
    """A page as Pagefind should read it: a space between adjacent elements, so no two texts are glued,
    and on a Japanese page each name written only in kanji once more in a phrase (see _HEADING)."""
    html = _ADJACENT.sub(rb"\1 ", html)
    if _JA_PAGE.search(html[:500]):
        html = _HEADING.sub(_with_phrase, html)
    return html


def _with_phrase(heading: re.Match[bytes]) -> bytes:
    text = "".join(_TAG.sub("", heading[2].decode("utf-8")).split())  # one piece: no space may cut it
    if _KANA.search(text) or len(_HAN.findall(text)) < 2:
        return heading[0]
    return heading[0] + f"<span hidden>{PHRASE_MARK}「{text}」について{PHRASE_MARK}</span>".encode()


async def _index_folder(site: str, service: Any = None) -> list[dict[str, Any]]:
    """Index every HTML file below `site` with a private Pagefind service (`service`, else one started here);
    the bundle's files in memory. The service ends with it.

    The client has no public way to lift its reply limit or to notice that its reader died, so this
    touches its `_backend` and `_poll_task`, and replaces its reader (`_service_class`; pagefind 1.5); a later
    client without them fails loudly."""
    from pagefind.index import IndexConfig

    service = service or await _launch()
    try:
        index = await _answer(service, service.create_index(IndexConfig()))
        await _answer(service, index.add_directory(site))
        return await _answer(service, index.get_files())
    finally:
        await _close(service)


async def _launch() -> Any:
    """A private Pagefind service that reads each reply as it comes, its reply limit lifted (see REPLY_LIMIT)."""
    service = await _service_class()().launch()
    if service._backend.stdout is not None:
        service._backend.stdout._limit = REPLY_LIMIT
    return service


@functools.cache
def _service_class() -> type:
    """The client's service, but for its reader: that one sleeps 0.1 s before reading each reply, so the three
    requests made once the pages are rendered waited ≈ 0.2 s for nothing. This one reads each reply as it comes and
    settles its request as the client does (an error reply fails it)."""
    from pagefind.service import PagefindService

    class Service(PagefindService):
        async def _wait_for_responses(self) -> None:
            while True:
                try:
                    line = await self._backend.stdout.readuntil(b",")
                except asyncio.IncompleteReadError:  # Pagefind ended (or was ended): no error left unread
                    return
                reply = json.loads(base64.b64decode(line[:-1]))
                if reply is None:  # as the client: nothing to settle
                    continue
                payload = reply["payload"]  # anything unexpected ends this reader: the waiting request says so
                message_id = reply.get("message_id")
                if message_id is None and payload.get("original_message"):  # a request it could not parse
                    message_id = json.loads(payload["original_message"]).get("message_id")
                future = self._responses.get(message_id)
                if future is None or future.done():
                    continue
                if payload.get("type") == "Error":
                    future.set_exception(Exception(payload.get("message"), payload.get("original_message")))
                else:
                    future.set_result(payload)

    return Service


async def _close(service: Any) -> None:
    """End the service at once: the bundle is in memory already (or the build failed). The client's own close()
    waits for every reply (none comes once its reader is gone) and, after an error reply, raises it before it ends
    the binary. Closing the transport kills the binary and drops the pipes."""
    service._poll_task.cancel()
    service._backend._transport.close()
    await service._backend.wait()


async def _answer(service: Any, request: Awaitable[_T]) -> _T:
    """The reply to one request, or an error if the client stops reading replies (the binary crashed,
    or a reply was too long) instead of waiting for it forever."""
    task = asyncio.ensure_future(request)
    reader = service._poll_task
    await asyncio.wait({task, reader}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        return task.result()
    task.cancel()
    reason = reader.exception() if not reader.cancelled() else None
    why = f"{type(reason).__name__}: {reason}" if reason else "it ended"
    raise SiteError(f"Pagefind stopped answering while indexing the site ({why}); nothing was written")


def bundle_problems(files: dict[str, bytes]) -> list[str]:
    """What is wrong with a Pagefind bundle ({path inside pagefind/: bytes}); [] when it is complete.

    Checks what a truncated or lost write leaves behind: empty files, an entry file that is not JSON,
    gzip files that do not unpack, and files the entry or a language's meta index names but that are
    missing (its pages' fragments and its word-index chunks), and the WebAssembly search needs."""
    problems = [f"{path} is empty" for path, data in sorted(files.items()) if not data]
    if problems:
        return problems
    if ENTRY not in files:
        return [f"{ENTRY} is missing"]
    try:
        entry = json.loads(files[ENTRY])
        languages: dict[str, dict[str, Any]] = entry["languages"]
    except (ValueError, KeyError, TypeError) as e:
        return [f"{ENTRY} is not a complete Pagefind entry ({e})"]
    if not languages:
        return [NOTHING_INDEXED]

    for path, data in sorted(files.items()):
        if path.endswith((".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind")):
            try:
                unpacked = gzip.decompress(data)
            except (OSError, EOFError, zlib.error):
                problems.append(f"{path} is cut short or damaged ({len(data)} bytes)")
                continue
            wasm = path.endswith(".pagefind")
            if not unpacked.startswith(_GZIP_HEADER + (b"\0asm" if wasm else b"")):
                problems.append(f"{path} is not a Pagefind {'WebAssembly ' if wasm else ''}file")
    for wasm in {"unknown"} | {str(meta["wasm"]) for meta in languages.values() if meta.get("wasm")}:
        if f"wasm.{wasm}.pagefind" not in files:
            problems.append(f"wasm.{wasm}.pagefind (the search program) is missing")
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css"):
        if name not in files:
            problems.append(f"{name} is missing")
    for lang, meta in sorted(languages.items()):
        meta_path = f"pagefind.{meta.get('hash')}.pf_meta"
        if meta_path not in files:
            problems.append(f"{meta_path} (the {lang} index) is missing")
            continue
        try:
            pages, chunks = _meta_files(gzip.decompress(files[meta_path]).removeprefix(_GZIP_HEADER))
        except (OSError, EOFError, zlib.error):
            continue  # reported above
        except (ValueError, IndexError, TypeError) as e:
            problems.append(f"{meta_path} cannot be read ({e})")
            continue
        problems += [f"the {lang} index lists fragment/{p}.pf_fragment, which is missing" for p in pages
                     if f"fragment/{p}.pf_fragment" not in files]
        problems += [f"the {lang} index lists index/{c}.pf_index, which is missing" for c in chunks
                     if f"index/{c}.pf_index" not in files]
        if len(pages) != meta.get("page_count") or not chunks:
            problems.append(f"the {lang} index lists {len(pages)} pages and {len(chunks)} word-index files, "
                            f"{ENTRY} counts {meta.get('page_count')} pages")
    return problems


def _meta_files(meta: bytes) -> tuple[list[str], list[str]]:
    """The fragments (one per page) and word-index chunks a language's meta index lists.

    The meta is CBOR: [version, [[page hash, word count]…], [[first word, last word, chunk hash]…], …]."""
    value, end = _cbor(meta, 0)
    if end != len(meta):
        raise ValueError(f"{len(meta) - end} bytes after its end")
    pages, chunks = value[1], value[2]
    if not all(isinstance(p, list) and isinstance(p[0], str) for p in pages) or \
            not all(isinstance(c, list) and len(c) == 3 and isinstance(c[2], str) for c in chunks):
        raise ValueError(f"an unknown layout (Pagefind {value[0]})")
    return [p[0] for p in pages], [c[2] for c in chunks]


def _cbor(data: bytes, i: int) -> tuple[Any, int]:
    """One CBOR value at data[i:] and where it ends (the definite-length subset Pagefind writes)."""
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        if i + size > len(data):
            raise ValueError("cut short")
        arg, i = int.from_bytes(data[i:i + size], "big"), i + size
    else:
        raise ValueError(f"unexpected CBOR byte {head:#x}")
    if major == 0:
        return arg, i
    if major == 1:
        return -1 - arg, i
    if major in (2, 3):
        if i + arg > len(data):
            raise ValueError("cut short")
        raw = data[i:i + arg]
        return (raw.decode("utf-8") if major == 3 else raw), i + arg
    if major in (4, 5):
        items = []
        for _ in range(arg * (1 if major == 4 else 2)):
            item, i = _cbor(data, i)
            items.append(item)
        return (items if major == 4 else dict(zip(items[::2], items[1::2], strict=True))), i
    if major == 7:
        return {20: False, 21: True, 22: None}.get(arg, arg), i
    raise ValueError(f"unexpected CBOR tag {head:#x}")


def _stable_json(data: bytes) -> bytes:
    """pagefind-entry.json lists the languages in hash-map order, which changes from run to run;
    everything else Pagefind writes is named by its content. Sorting the keys makes builds byte-stable."""
    return json.dumps(json.loads(data), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
