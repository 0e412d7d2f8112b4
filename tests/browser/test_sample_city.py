"""The fictional sample city (examples/sample-city: reviews, no budget, programs or section-2 figures) in
Chromium: every page in both languages has no axe violation, no script error, no sideways scrolling on a
375 px phone, and asks no other host for anything. Kiyose's own pages are covered by the other modules."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext

from site_builder.build import build
from site_builder.derive.facts import derive
from site_builder.load.inputs import load_inputs
from site_builder.load.models import LANGS
from site_builder.render.environment import output_path
from site_builder.render.pages import plan_pages

from .support import AXE_TAGS, ROOT, page_url
from .test_axe import describe

SAMPLE = ROOT / "examples" / "sample-city"
_inputs = load_inputs(SAMPLE)
PAGES = [output_path(p.key, lang) for p in plan_pages(_inputs, derive(_inputs)) for lang in LANGS]
AXE = Axe()
OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory) -> Iterator[str]:
    """The sample built and served under its public address's folder, as its 404 page expects."""
    prefix = urlsplit(_inputs.site.base_url).path  # "/sample-city/"
    served = tmp_path_factory.mktemp("sample")
    build(SAMPLE, served / prefix.strip("/"), strict=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def phone(browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()


def test_the_sample_has_review_pages_and_lacks_kiyose_sections():
    assert "reviews/index.html" in PAGES and "en/reviews/2023/index.html" in PAGES
    assert not any(p.startswith(("budget/", "programs/", "vision/")) for p in PAGES)


@pytest.mark.parametrize("path", PAGES)
def test_sample_page_in_chromium(phone, sample_url, path):
    page = phone.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((sample_url, "data:", "blob:")) else None)
    if path.endswith("404.html"):  # a server shows it for any missing address
        page.goto(page_url(sample_url, path), wait_until="load")
    else:
        response = page.goto(page_url(sample_url, path), wait_until="load")
        assert response is not None and response.status == 200
    result = AXE.run(page, options=OPTIONS).response
    assert not result["violations"], f"{path}:\n{describe(result['violations'])}"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375 px"
    assert page.locator(".fictional-banner").count() == 1, f"{path} does not say the city is fictional"
    assert not errors, f"{path}: {errors}"
    assert not foreign, f"{path} asked another host: {foreign}"
    page.close()
