"""The Pagefind search bundle: made at build time, one index per language, only the content pages,
byte-identical from one build to the next."""

from __future__ import annotations

import json

from conftest import ROOT

from site_builder.build import build


def test_bundle_has_one_index_per_language_without_404_or_search_pages(shipped_site):
    entry = json.loads((shipped_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    pages = {lang: [p for p in shipped_site.rglob("*.html") if (p.relative_to(shipped_site).parts[0] == "en") == (lang == "en")
                    and "pagefind" not in p.parts] for lang in ("ja", "en")}
    for lang in ("ja", "en"):
        indexed = entry["languages"][lang]["page_count"]
        assert indexed == len(pages[lang]) - 2, "every page but 404 and the search page is indexed"
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
