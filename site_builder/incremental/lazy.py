"""A module imported on first use: `alt = lazy("altair")` costs nothing until `alt.Chart` is reached.

Altair and vl-convert take about a second to import; a build whose charts all come from the cache never needs them."""

from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule:
    def __init__(self, name: str):
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str):
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}{' (imported)' if self._module else ''}>"


def lazy(name: str) -> LazyModule:
    return LazyModule(name)


altair = lazy("altair")
vl_convert = lazy("vl_convert")
