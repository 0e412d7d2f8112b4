"""Remembered: a few results kept in memory for the life of the process, by a key that holds all they depend on.

The preview rebuilds in one process: a YAML file, a narrative or a chart file that did not change is not parsed or
written out again. Only results that depend on nothing but their key may be kept, and a kept value must never be
changed by its users (the models are frozen; documents and texts are only read)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Remembered(Generic[V]):
    """The `size` most recently used results, by key."""

    def __init__(self, size: int):
        self.size = size
        self._kept: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], V], keep: Callable[[V], bool] = lambda _: True) -> V:
        """The value remembered under `key`, else `make()`, remembered where `keep(value)` says it may be."""
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        value = make()
        if keep(value):
            self._kept[key] = value
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value

    def clear(self) -> None:
        self._kept.clear()
