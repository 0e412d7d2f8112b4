"""Rendering the pages through the cache: a page whose inputs did not change is read back, not rendered.

A page's entry is found by the hash of what is known before rendering (its typed context, the site settings,
the templates, the set of pages, its language) and then checked against what rendering it read: the UI strings
and the charts it asked for are recorded in the entry and compared on a hit, so a changed string or chart
re-renders exactly the pages that show it. The warnings a page raised are kept with it and raised again."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ..incremental.keys import Fingerprints, code_version, digest
from ..incremental.store import Store
from ..render.i18n import Catalogue, ReadingCatalogue


class _Charts(Mapping):
    """The site's charts as one page sees them, noting each one asked for (or asked about)."""

    def __init__(self, charts: Mapping, print_of: Callable[[Any], str]):
        self._charts, self._print = charts, print_of
        self.read: dict[tuple[str, str], str | None] = {}
        self.untracked = False

    def __getitem__(self, key):
        self.read[key] = self._print(self._charts[key]) if key in self._charts else None
        return self._charts[key]

    def __contains__(self, key) -> bool:
        self.read[key] = self._print(self._charts[key]) if key in self._charts else None
        return key in self._charts

    def __iter__(self) -> Iterator:
        self.untracked = True
        return iter(self._charts)

    def __len__(self) -> int:
        self.untracked = True
        return len(self._charts)


class PageRenderer:
    """Renders pages with `render(strings, charts, warnings) -> html`, or reads them from `store`."""

    def __init__(self, store: Store, context_key: str, catalogue: Catalogue, charts: Mapping,
                 prints: Fingerprints | None = None):
        """`prints`: fingerprints already taken of the values the pages show (see Fingerprints: by identity)."""
        self.store, self.catalogue, self.charts = store, catalogue, charts
        self.base = digest(code_version(), context_key)
        self.prints = prints if prints is not None else Fingerprints()
        self.rendered = 0  # pages rendered (not read back) by this renderer

    def page(self, parts: tuple, render: Callable[[Any, Mapping, set[str]], str]) -> tuple[str, set[str]]:
        """The page's HTML and its warnings. `parts` are what the page is made from besides strings and charts."""
        try:
            key = digest(self.base, *(self.prints(p) for p in parts))
        except TypeError:  # a context the fingerprint does not know: rendered every time
            key = None
        if key is not None:
            hit = self._read(self.store.get_text(f"{key}.json"))
            if hit is not None:
                return hit
        strings, charts, warnings = ReadingCatalogue(self.catalogue), _Charts(self.charts, self.prints), set()
        html = render(strings, charts, warnings)
        self.rendered += 1
        if key is not None and not (strings.untracked or charts.untracked):
            entry = {"html": html, "warnings": sorted(warnings),
                     "strings": [[lang, k, text] for (lang, k), text in sorted(strings.read.items())],
                     "charts": [[lang, k, p] for (lang, k), p in sorted(charts.read.items())]}
            self.store.put_text(f"{key}.json", json.dumps(entry, ensure_ascii=False, sort_keys=True))
        return html, warnings

    def _read(self, text: str | None) -> tuple[str, set[str]] | None:
        if text is None:
            return None
        try:
            entry = json.loads(text)
            # through the catalogue, so that a string still missing is reported as when rendering
            if any(self.catalogue.get(lang, k) != t for lang, k, t in entry["strings"]):
                return None
            for lang, k, p in entry["charts"]:
                view = self.charts.get((lang, k))
                if (None if view is None else self.prints(view)) != p:
                    return None
            return entry["html"], set(entry["warnings"])
        except (ValueError, KeyError, TypeError):
            return None
