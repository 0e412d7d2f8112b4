"""The results sheet: its columns, in the order `template` writes them and `import` finds them by header.

Row 1 holds the fiscal year (B1), row 2 the headers (frozen), each indicator one row below. A header is
Japanese with the field's key in parentheses: `import` finds a column by that key, so staff may move
columns, add their own, or retitle the Japanese part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHEET = "結果"  # the results sheet
HELP_SHEET = "説明"  # the explanation sheet
YEAR_LABEL = "年度 (year)"
HEADER_ROW = 2  # 1-based, as spreadsheets count


@dataclass(frozen=True)
class Column:
    key: str
    ja: str
    width: int
    help_ja: str
    help_en: str
    filled: bool = False  # filled in by staff (shaded); the others are for reference and not read back

    @property
    def header(self) -> str:
        return f"{self.ja} ({self.key})"


COLUMNS = (
    Column("id", "指標ID", 28, "指標の識別子。変更しないでください（data/kpi.yaml の id）。",
           "The indicator's id in data/kpi.yaml. Do not change it."),
    Column("name", "指標名", 36, "参考：指標の名称。読み込みでは使いません。", "For reference: the indicator's name. Not read back."),
    Column("name_en", "指標名（英語）", 30, "参考：英語の名称。", "For reference: the English name."),
    Column("unit", "単位", 8, "参考：値の単位。値のセルには単位を書かず、数字だけを書きます。",
           "For reference: the unit. Write digits only in the value cell, no unit."),
    Column("previous", "前回の値", 10, "参考：最新の評価の実績値、なければ基準値。",
           "For reference: the latest reviewed value, or else the baseline."),
    Column("previous_year", "前回の値の年度・種類", 18, "参考：前回の値がいつのものか（実績／基準値）。",
           "For reference: what the previous value refers to (review or baseline)."),
    Column("value", "今回の値", 10, "今回の実績値。半角数字だけ（例：39、41.08、-13）。カンマ・単位・全角は使えません。",
           "The new value: digits only (39, 41.08, -13); no commas, units or full-width digits.", True),
    Column("as_of", "時点", 14, "空欄なら評価年度の値。別の年度は 2016、暦年は 2016暦年、ある日の値は 2017-04-01。",
           "Empty: the reviewed fiscal year. Another fiscal year: 2016; a calendar year: 2016 calendar; a day: 2017-04-01.",
           True),
    Column("source", "出典", 24, "値があるときは必須。例：保育課調べ。", "Required with a value, e.g. Childcare Division.", True),
    Column("source_en", "出典（英語）", 24, "出典の英語（任意）。", "The source in English (optional).", True),
    Column("note", "備考", 24, "値についての注記（任意）。", "A note on the value (optional).", True),
    Column("note_en", "備考（英語）", 24, "備考の英語（任意）。", "The note in English (optional).", True),
    Column("not_measured", "未測定の理由", 24, "値がないときに、その理由を書きます（値と同時には書けません）。",
           "When there is no value: why (not together with a value).", True),
    Column("not_measured_en", "未測定の理由（英語）", 24, "理由の英語（任意）。", "The reason in English (optional).", True),
)
KEYS = tuple(c.key for c in COLUMNS)
INPUT_KEYS = tuple(c.key for c in COLUMNS if c.filled)
_KEY_IN_HEADER = re.compile(r"\(([a-z_]+)\)\s*$")


def header_key(text: object) -> str | None:
    """The column key a header cell names: `今回の値 (value)` → value; a bare key is accepted too."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    found = _KEY_IN_HEADER.search(text)
    key = found[1] if found else text
    return key if key in KEYS else None


HELP_ROWS = (
    ("この表の使い方", "How to use this sheet"),
    ("黄色の列に今回の評価の値を記入し、site-builder import で data/reviews/<年度>.yaml に取り込みます。",
     "Fill in the yellow columns, then run site-builder import to write data/reviews/<year>.yaml."),
    ("値がない指標は、未測定の理由を書くか、行をすべて空欄のままにします（空欄の行は「未評価」）。",
     "An indicator without a value: write why it was not measured, or leave its row empty (then: not reviewed)."),
    ("数字は半角で、単位やカンマを付けずに書きます（24人 → 24、18,167 → 18167）。",
     "Numbers in half-width digits, with no unit or comma (24人 → 24, 18,167 → 18167)."),
    ("年は西暦で書きます（平成29年度 → 2017）。", "Years in the Western calendar (平成29年度 → 2017)."),
    ("CSVで保存する場合は「CSV UTF-8」を選んでください（Shift_JISのCSVも読めます）。",
     "To save as CSV, choose CSV UTF-8 (a Shift_JIS CSV is read too)."),
    ("", ""),
    ("列", "Column"),
)
