"""UI strings: one flat key file per language (templates/locales/ja.yaml, en.yaml).

A flat YAML file was chosen over gettext catalogues because city staff edit it directly, with the
same editor and the same strict loader as the data, and a missing key is found by comparing two
lists of keys — no compile step, no .po/.mo tooling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..load.loaders import read_yaml
from ..load.models import LANGS, Lang
from ..messages import say


@dataclass
class Catalogue:
    strings: dict[Lang, dict[str, str]]
    missing: set[tuple[Lang, str]] = field(default_factory=set)

    def get(self, lang: Lang, key: str) -> str:
        table = self.strings[lang]
        if key in table:
            return table[key]
        self.missing.add((lang, key))
        return self.strings["ja"].get(key, key)


def load_catalogue(folder: Path, root: Path) -> tuple[Catalogue, list[Problem], list[Problem]]:
    """The UI strings, the problems found, and the warnings (text cut off as a comment)."""
    strings: dict[Lang, dict[str, str]] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    docs = {}
    for lang in LANGS:
        path = folder / f"{lang}.yaml"
        doc, found = read_yaml(path, path.relative_to(root) if path.is_relative_to(root) else path)
        docs[lang] = doc
        problems += found
        warnings += doc.warnings if doc is not None else ()
        table: dict[str, str] = {}
        if doc is not None and isinstance(doc.data, dict):
            for key, value in doc.data.items():
                if not isinstance(value, str):
                    problems.append(doc.problem((key,), say("ui.not_text", key=key)))
                else:
                    table[key] = value
        elif doc is not None:
            problems.append(doc.problem((), say("ui.not_mapping")))
        strings[lang] = table
    if not problems:  # keys present in one language's file but not in the other's, at the line of the one there
        for lang, other in (("ja", "en"), ("en", "ja")):
            warnings += [docs[lang].problem((key,), say("warn.ui_missing", key=key, other=docs[other].path), at_key=True)
                         for key in sorted(set(strings[lang]) - set(strings[other]))]
    return Catalogue(strings), problems, warnings


class ReadingCatalogue:
    """The catalogue as one chart or page sees it, noting every string it reads, so a cached result can be
    checked against today's strings. Whatever reaches past `get` (what it read is then unknown) marks the
    result `untracked`: made every time, never cached."""

    def __init__(self, catalogue: Catalogue):
        self._catalogue = catalogue
        self.read: dict[tuple[str, str], str] = {}
        self.untracked = False

    def get(self, lang: Lang, key: str) -> str:
        text = self._catalogue.get(lang, key)
        self.read[(lang, key)] = text
        return text

    def __getattr__(self, name: str):
        self.untracked = True
        return getattr(self._catalogue, name)
