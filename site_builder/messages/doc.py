"""docs/messages.md: every message id with its Japanese and English text, for the staff guide.

Regenerate: python3 -m site_builder.messages.doc (tests/test_messages.py fails while the file is stale)."""

from __future__ import annotations

import sys
from pathlib import Path

from .catalogue import CATALOGUE

DOC = Path("docs/messages.md")
HEADER = """# Messages / メッセージ一覧

Every message site-builder shows staff, in both languages (`--lang ja|en`, or SITE_BUILDER_LANG; by default
the locale decides). Each error or warning starts with `file:line:column:` — the place to look — then says what
is wrong and what to write instead. `{value}` and other names in braces are filled in with what was found.

site-builder がスタッフに表示するメッセージの一覧です（日本語と英語）。エラーと警告は
`ファイル:行:列:` で始まり、何が違うか、代わりに何を書くかを示します。`{value}` などの { } の部分には
実際の値が入ります。

Generated from `site_builder/messages/catalogue.py` by `python3 -m site_builder.messages.doc`; do not edit by hand.

| id | 日本語 | English |
|---|---|---|
"""


def markdown() -> str:
    rows = [f"| `{key}` | {_cell(message.ja)} | {_cell(message.en)} |" for key, message in sorted(CATALOGUE.items())]
    return HEADER + "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    """A table cell: pipes escaped, doubled braces shown single as in the message."""
    return text.replace("{{", "{").replace("}}", "}").replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
    (root / DOC).write_text(markdown(), encoding="utf-8", newline="\n")
    print(f"wrote {root / DOC}")
