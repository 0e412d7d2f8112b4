"""Messages staff see, in their language: a catalogue of message ids, each with Japanese and English text.

`say("missing", where=…, field=…)` gives the text in the language in force. The command line chooses it
once (`--lang`, else SITE_BUILDER_LANG, else the locale: Japanese when LC_ALL / LC_MESSAGES / LANG starts
with "ja") and runs the command inside `speaking(lang)`; library code that is not run from the command
line speaks English. The `file:line:col:` prefix a message gets is the same in both languages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from .catalogue import CATALOGUE, Message

MessageLang = Literal["ja", "en"]
MESSAGE_LANGS: tuple[MessageLang, ...] = ("ja", "en")
ENV_OPTION = "SITE_BUILDER_LANG"
# POSIX order: the first of these that is set decides (LC_ALL overrides LC_MESSAGES overrides LANG).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

_current: ContextVar[MessageLang] = ContextVar("site_builder_message_lang", default="en")

__all__ = ["CATALOGUE", "MESSAGE_LANGS", "Message", "current", "detect", "say", "speaking", "words"]


def current() -> MessageLang:
    return _current.get()


def say(key: str, /, **fields: object) -> str:
    """The message `key` in the language in force, its named fields filled in."""
    return CATALOGUE[key].text(current(), **fields)


def words(items: list[str]) -> str:
    """A list in running text: "digits and space" / "数字とスペース"."""
    return say("and").join(items)


def detect(option: str | None, environ: Mapping[str, str]) -> MessageLang:
    """The language of messages: the option, else SITE_BUILDER_LANG, else the locale; English if none says."""
    for value in (option, environ.get(ENV_OPTION)):
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    for name in LOCALE_VARIABLES:
        if environ.get(name):
            return "ja" if environ[name].lower().startswith("ja") else "en"
    return "en"


@contextmanager
def speaking(lang: MessageLang) -> Iterator[None]:
    """Messages made inside the block are in `lang` (restored afterwards: tests run many commands in-process)."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)
