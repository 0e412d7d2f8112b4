"""One message: its Japanese and English text, with named fields."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    ja: str
    en: str

    def text(self, lang: str, /, **fields: object) -> str:
        return (self.ja if lang == "ja" else self.en).format(**fields)
