"""Texts written in Japanese only: each one is a warning at its own file:line (pages show the Japanese
in its place, marked lang="ja"). Found after validation by walking the model beside its document's marks."""

from __future__ import annotations

from dataclasses import replace

from pydantic import BaseModel

from ..errors import Problem, clipped
from ..load.loaders import Document, Loc
from ..load.models import Text
from ..messages import say


def missing_english(value: BaseModel, doc: Document) -> list[Problem]:
    """A warning for every Text in `value` (read from `doc`) that has no English."""
    found: list[Problem] = []
    _walk(value, (), doc, found)
    return found


def _walk(value: object, loc: Loc, doc: Document, found: list[Problem]) -> None:
    if isinstance(value, Text):
        if not value.en:
            found.append(replace(doc.problem(loc, say("warn.no_english", text=clipped(value.ja, 40))), kind="no_english"))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _walk(getattr(value, name), loc + (name,), doc, found)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _walk(item, loc + (i,), doc, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, loc + (key,), doc, found)
