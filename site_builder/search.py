"""Site search: a Pagefind index of the rendered pages, made in memory before anything is written.

Pagefind reads `<html lang>`, so Japanese and English pages get separate indexes (the extended
binary segments Japanese into words), and only what is inside `data-pagefind-body` (each page's
<main>) is indexed. The bundle it returns — index, fragments, pagefind.js, pagefind-ui.js/css and
WebAssembly — is added under `pagefind/` like any other output file, so search works offline on
any static host.

The pages are handed to Pagefind as one folder in a private temporary directory rather than one
`add_html_file` call per page: the Python service waits 100 ms per reply, which made that 10× slower.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import SiteError

BUNDLE = "pagefind"


def search_bundle(pages: dict[str, bytes]) -> dict[str, bytes]:
    """{output path: HTML} of the rendered pages → {"pagefind/…": bytes} of the search bundle."""
    try:
        from pagefind.index import IndexConfig, PagefindIndex
        from pagefind.service import get_executable
    except ImportError as e:
        raise SiteError("site search needs Pagefind: pip install 'pagefind[extended]'") from e
    if get_executable() is None:
        raise SiteError("the Pagefind binary was not found: pip install 'pagefind[extended]'")

    with tempfile.TemporaryDirectory(prefix="site-builder-search-") as tmp:
        site, bundle = Path(tmp, "site"), Path(tmp, "bundle")
        for rel, html in pages.items():
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)

        async def index() -> None:
            async with PagefindIndex(IndexConfig(output_path=str(bundle))) as pf:
                await pf.add_directory(str(site))

        try:
            # Pagefind's client is async: run it on a thread of its own, so that build() also works
            # when the caller already runs an event loop (Playwright's sync API does).
            with ThreadPoolExecutor(max_workers=1) as pool:
                pool.submit(asyncio.run, index()).result()
        except Exception as e:  # the service reports its errors as plain Exceptions
            raise SiteError(f"Pagefind could not index the site: {e}") from e
        files = {f"{BUNDLE}/{p.relative_to(bundle).as_posix()}": p.read_bytes()
                 for p in sorted(bundle.rglob("*")) if p.is_file()}
    entry = f"{BUNDLE}/pagefind-entry.json"
    if entry not in files:
        raise SiteError("Pagefind wrote no index: does any page have data-pagefind-body?")
    files[entry] = _stable_json(files[entry])
    return files


def _stable_json(data: bytes) -> bytes:
    """pagefind-entry.json lists the languages in hash-map order, which changes from run to run;
    everything else Pagefind writes is named by its content. Sorting the keys makes builds byte-stable."""
    return json.dumps(json.loads(data), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
