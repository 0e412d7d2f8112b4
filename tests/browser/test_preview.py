"""The live preview in a real browser: a save reloads the open tab by itself (a new document, the new
text), a broken file turns the tab into the error page, fixing it brings the page back; no CSP violation."""

from __future__ import annotations

import shutil
import threading

import pytest
from playwright.sync_api import expect

from site_builder.serve import watch

GUARD_MS = 300_000  # only so a broken test ends; nothing here is a timing assertion


@pytest.fixture
def preview_url(tmp_path, tiny_built):
    project = shutil.copytree(tiny_built, tmp_path / "project", symlinks=True)
    started, stop, running = threading.Event(), threading.Event(), {}

    def ready(preview, server):
        running["url"] = server.url
        started.set()

    thread = threading.Thread(target=lambda: watch.run(project, project / "build", 0, stop=stop, ready=ready), daemon=True)
    thread.start()
    assert started.wait(GUARD_MS / 1000), "the preview did not start"
    yield project, running["url"]
    stop.set()
    thread.join(GUARD_MS / 1000)


def test_the_tab_reloads_after_a_save_and_shows_errors_until_fixed(new_page, preview_url):
    project, url = preview_url
    page = new_page(locale="ja-JP")
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(url + "en/goals/g1/")
    expect(page.locator("main")).to_be_visible()
    page.evaluate("window.previewMarker = 'the document before the save'")

    narrative = project / "content/goals/g1.en.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\nSaved while the tab was open.\n", encoding="utf-8")
    expect(page.locator("main")).to_contain_text("Saved while the tab was open.", timeout=GUARD_MS)
    assert page.evaluate("window.previewMarker") is None  # a new document: the tab really reloaded

    kpi = project / "data/kpi.yaml"
    good = kpi.read_text(encoding="utf-8")
    kpi.write_text(good.replace("number: 1\n", "number: one\n"), encoding="utf-8")
    expect(page.locator("h1")).to_contain_text("サイトを作れませんでした", timeout=GUARD_MS)
    expect(page.locator("h1")).to_contain_text("The site could not be built")
    expect(page.locator("ol")).to_contain_text("data/kpi.yaml:")

    kpi.write_text(good, encoding="utf-8")
    expect(page.locator("main")).to_contain_text("Saved while the tab was open.", timeout=GUARD_MS)
    expect(page.locator("h1")).not_to_contain_text("The site could not be built")
    assert not [text for text in console if "Content Security Policy" in text or "Refused to" in text], console
