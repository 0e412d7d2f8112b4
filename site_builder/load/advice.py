"""Validation errors and mistyped values in words a city employee can act on.

Staff type with a Japanese input method and copy from printed tables, so the usual mistakes are
full-width digits (３８), era years (平成30年度), units and separators (24人, 18,167, 41.08%) and 「ー」
for "none". Each message names what is wrong and shows the exact value to write.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, get_args

from pydantic import BaseModel

from ..errors import clipped, shown
from ..load.models import ID_PATTERN, NUMBER_DECIMALS, NUMBER_LIMIT
from ..messages import say, words

Loc = tuple[str | int, ...]

# Japanese names shown beside field names in messages, for staff who know the source's terms.
FIELD_LABELS = {
    "baseline": "基準値", "target": "目標値", "code": "事業コード", "source": "出典",
    "status": "状態", "name": "名称", "title": "タイトル", "unit": "単位", "actuals": "実績値",
    "direction": "方向", "description": "内容", "aim": "施策の目的", "programs": "取り組み内容",
    "kpis": "重要業績評価指標", "indicators": "戦略指標", "measures": "施策", "goals": "基本目標",
}
# The tags of the printed source (【継続】…) and other Japanese words, and the words the data uses for them.
JAPANESE_WORDS = {"継続": "continuing", "拡充": "expanded", "新規": "new", "検討": "considering", "上昇": "higher",
                  "増加": "higher", "減少": "lower", "低下": "lower", "年度": "fiscal", "暦年": "calendar", "年": "calendar"}
# What the printed tables put in an empty cell. 「ー」 is the katakana long-vowel mark, typed for a dash.
NONE_MARKS = {"-", "－", "ー", "−", "‐", "―", "—", "–", "なし", "無し", "該当なし", "n/a", "N/A", "none", "None"}
_DASHES = "－ー−‐―—–"  # typed for a minus sign; NFKC leaves all but the first as they are
# Full-width forms NFKC turns into their ASCII twins, named the way staff know them.
# (The names are message ids: kind.digits is "digits" / "数字".)
_FULLWIDTH = (("０１２３４５６７８９", "digits"), ("ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ", "letters"),
              ("ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ", "letters"), ("　", "space"), ("．", "point"),
              ("，", "comma"), ("：", "colon"), ("－", "minus"), ("ー", "long_vowel"), ("−", "minus_sign"))
_ERA_START = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018, "M": 1867, "T": 1911, "S": 1925, "H": 1988,
              "R": 2018}
_ERA = re.compile(r"(明治|大正|昭和|平成|令和|[MTSHR])\.?\s*(元|\d{1,2})\s*(年度|年)?", re.IGNORECASE)
_WESTERN = re.compile(r"(?:FY\s*)?(\d{4})\s*(年度|年)?", re.IGNORECASE)
_WITH_UNIT = re.compile(r"(?P<pre>[^\d-]*?)\s*(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>.*)")
_KEY_COLON = re.compile(r"\s*([A-Za-z_][\w-]*)\s*：\s*(.*)", re.DOTALL)
_KEY_GLUED = re.compile(r"\s*([A-Za-z_][\w-]*):(?!//)(\S.*)", re.DOTALL)  # `ja:テキスト`: no space, so one text
NUMBER_KINDS = {"number_text", "decimal_parsing", "int_parsing", "float_parsing", "decimal_type", "int_type", "int_from_float"}
_MAPPING_KINDS = {"model_type", "dict_type", "model_attributes_type"}
# Errors the models raise with a message of their own, already in the staff member's language.
OWN_KINDS = {"moved", "web_address", "program_status"}


def halfwidth(text: str) -> str:
    """The value as it should have been typed: NFKC makes ３８ 38 and 　 a space; typed dashes become '-'."""
    return unicodedata.normalize("NFKC", text).translate({ord(c): "-" for c in _DASHES}).strip()


def fullwidth_kinds(text: str) -> list[str]:
    """What in `text` is full-width (全角) where half-width (半角) is meant, in words: ["digits", "space"]."""
    return [say(f"kind.{name}") for name in dict.fromkeys(name for chars, name in _FULLWIDTH if any(c in chars for c in text))]


def fullwidth_advice(value: str, fixed: str | None = None) -> str | None:
    """`'３８' has full-width (全角) digits: write 38 (半角)`, or None if nothing in it is full-width."""
    kinds = fullwidth_kinds(value)
    if not kinds:
        return None
    return say("fullwidth", value=shown(value), kinds=words(kinds), fixed=clipped(fixed or halfwidth(value)))


def friendly(err: dict, model: type[BaseModel] | None = None) -> str:
    """A pydantic error in words a city employee can act on (`model`: to suggest a field name)."""
    loc: Loc = tuple(err["loc"])
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    label = f"{field} ({FIELD_LABELS[field]})" if field in FIELD_LABELS else field
    value = err.get("input")
    kind = err["type"]
    ctx = err.get("ctx") or {}
    where = dotted(loc)
    text = value if isinstance(value, str) else None
    if kind == "missing":
        return say("missing", where=where, label=label)
    if kind == "extra_forbidden":
        return say("unknown_field", where=where, name=shown(field), hint=_suggest(field, loc, model))
    if kind in NUMBER_KINDS:
        return f"{where}: {number_advice(value, loc, whole=kind.startswith('int') or bool(ctx.get('whole')))}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{where}: {_bounds(value, field, kind, ctx)}"
    if kind == "decimal_max_places":
        return say("too_many_decimals", where=where, value=shown(value), places=NUMBER_DECIMALS, rounded=_rounded(value))
    if kind == "reserved_id":
        return say("reserved_id", where=where, value=shown(value), id=value)
    if text is not None and kind in ("literal_error", "string_pattern_mismatch", "bool_parsing"):
        typed = fullwidth_advice(text)
        if typed:
            return f"{where}: {typed}"
    if kind == "literal_error":
        allowed = _choices(str(ctx.get("expected", "")))
        word = (text or "").strip("【】[] ")
        if word in JAPANESE_WORDS and f"'{JAPANESE_WORDS[word]}'" in allowed:
            return say("japanese_word", where=where, word=word, english=JAPANESE_WORDS[word], allowed=allowed)
        return say("not_allowed", where=where, value=shown(value), allowed=allowed)
    if kind == "string_pattern_mismatch":
        if field == "code":
            return say("budget_code", where=where, value=shown(value))
        if field in ("id", "programs") or loc[-1:] and isinstance(loc[-1], int):
            slug = re.sub(r"[^a-z0-9]+", "-", halfwidth(text or "").lower()).strip("-")
            return say("bad_id", where=where, value=shown(value),
                       example=slug if slug and len(slug) <= 60 else "nursery-waiting-list")
        pattern = str(ctx.get("pattern", ""))
        if "[0-9]{4}-[0-9]{2}-[0-9]{2}$" in pattern:
            return f"{where}: {_day_advice(text)}"
        if pattern.endswith(("[0-9]{4}-[0-9]{2}$", "[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")):
            return f"{where}: {_month_advice(text)}"
        if pattern == ID_PATTERN:
            slug = re.sub(r"[^a-z0-9]+", "-", halfwidth(text or "").lower()).strip("-")
            return say("bad_id", where=where, value=shown(value), example=slug if slug and len(slug) <= 60 else "on-track")
        return say("wrong_form", where=where, value=shown(value), detail=say("form.pattern", form=pattern.strip("^$")))
    if kind in _MAPPING_KINDS:
        return f"{where}: {_mapping_advice(value, field)}"
    if kind == "bool_parsing":
        return say("not_bool", where=where, value=shown(value))
    if kind == "list_type":
        return say("expected_list", where=where)
    if kind == "string_type":
        return say("expected_text", where=where)
    if kind == "string_too_short":
        return say("empty", where=where, label=label)
    if kind == "string_too_long":
        return say("too_long", where=where, value=shown(value), limit=ctx.get("max_length"))
    if kind in OWN_KINDS:
        return f"{where}: {err['msg']}"
    return say("not_accepted", where=where, value=shown(value), detail=err["msg"])


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" in the language in force."""
    values = re.findall(r"'[^']*'", expected)
    if len(values) < 2:
        return expected
    return say("comma").join(values[:-1]) + say("or") + values[-1]


def number_advice(value: Any, loc: Loc = (), whole: bool = False) -> str:
    """Why `value` is not a plain number and what to write instead."""
    if not isinstance(value, str):
        return say("number.not_scalar", kind=_kind_of(value))
    raw = value.strip()
    if raw in NONE_MARKS:
        return none_advice(value, loc)
    half = halfwidth(raw)
    if era := era_advice(value, half):
        return era
    typed = fullwidth_kinds(value)
    written = _plain_form(half, whole)
    if written is not None:
        if typed:
            return say("fullwidth", value=shown(value), kinds=words(typed), fixed=written)
        return say("number.not_plain", value=shown(value), written=written)
    match = _WITH_UNIT.fullmatch(half)
    if match:
        number = _plain_form(match["num"].replace(",", ""), whole)
        pre, unit = match["pre"].strip(), match["unit"].strip()
        if number is not None:
            what = ([say("part.fullwidth", kinds=words(typed))] if typed else []) + (
                [say("part.separator")] if "," in match["num"] else []) + (
                [say("part.unit", unit=shown(unit))] if unit else []) + ([say("part.words", words=shown(pre))] if pre else [])
            advice = say("number.extras", value=shown(value), what=words(what), number=number)
            if unit and unit not in ("%", "％") and "unit" not in loc:
                advice += say("number.unit_elsewhere", unit=shown(unit), unit_text=clipped(unit))
            elif unit:
                advice += say("number.unit_belongs")
            return advice
    return say("number.not_whole" if whole else "number.not_number", value=shown(value))


def era_advice(value: str, half: str | None = None) -> str | None:
    """平成30年度, H30, R2, 2018年度 → the message saying to write 2018; None if `value` is not a year like that."""
    half = halfwidth(value) if half is None else half
    era = _ERA.fullmatch(half)
    if era:
        number = 1 if era[2] == "元" else int(era[2])
        year = _ERA_START[era[1].upper() if len(era[1]) == 1 else era[1]] + number
        calendar = say("year.era_calendar") if era[3] == "年" else ""
        return say("year.era", value=shown(value), year=year, calendar=calendar)
    western = _WESTERN.fullmatch(half)
    if western and (western[2] or half[:2].upper() == "FY" or half != western[1]):
        kind = {"年度": say("year.fiscal_note"), "年": say("year.calendar_note")}.get(western[2] or "", "")
        return say("year.digits", value=shown(value), year=western[1], kind=kind)
    return None


def _day_advice(value: str | None) -> str:
    """平成29年4月1日 or 2017/4/1 → write "2017-04-01"."""
    half = halfwidth(value or "")
    era = re.fullmatch(r"(明治|大正|昭和|平成|令和|[MTSHR])\.?\s*(元|\d{1,2})\s*[年/.]\s*(\d{1,2})\s*[月/.]\s*(\d{1,2})\s*日?", half,
                       re.IGNORECASE)
    western = re.fullmatch(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?", half)
    if era:
        year = _ERA_START[era[1].upper() if len(era[1]) == 1 else era[1]] + (1 if era[2] == "元" else int(era[2]))
        return say("day.written", value=shown(value), day=f"{year}-{int(era[3]):02d}-{int(era[4]):02d}")
    if western:
        return say("day.written", value=shown(value), day=f"{western[1]}-{int(western[2]):02d}-{int(western[3]):02d}")
    return say("day.form", value=shown(value))


def _month_advice(value: str | None) -> str:
    """平成28年3月 or 2016/3 → write "2016-03"."""
    half = halfwidth(value or "")
    era = re.fullmatch(r"(明治|大正|昭和|平成|令和|[MTSHR])\.?\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月?", half, re.IGNORECASE)
    western = re.fullmatch(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*月?", half)
    if era:
        year = _ERA_START[era[1].upper() if len(era[1]) == 1 else era[1]] + (1 if era[2] == "元" else int(era[2]))
        return say("month.era", value=shown(value), year=year, month=f"{int(era[3]):02d}")
    if western:
        return say("month.western", value=shown(value), year=western[1], month=f"{int(western[2]):02d}")
    return say("month.other", value=shown(value))


def none_advice(value: str, loc: Loc) -> str:
    """「ー」/「－」/「-」 typed for "none": say how to leave the value out."""
    if "baseline" in loc:
        return say("none.baseline", value=shown(value))
    return say("none.value", value=shown(value))


def _plain_form(text: str, whole: bool) -> str | None:
    """`text` written the way the models accept it (1e3 → 1000, .5 → 0.5), or None if it is no number."""
    if not re.fullmatch(r"[+-]?(\d[\d_]*)?(\.\d*)?(e[+-]?\d+)?", text, re.IGNORECASE) or not any(c.isdigit() for c in text):
        return None
    try:
        number = Decimal(text.replace("_", ""))
    except InvalidOperation:
        return None
    if whole and number != number.to_integral_value():
        return None
    out = format(number.normalize() if whole or "e" in text.lower() else number, "f")
    return out.rstrip(".") if "." in out and whole else out


def _bounds(value: Any, field: str, kind: str, ctx: dict) -> str:
    limit = next(iter(ctx.values()), None)
    if limit in (NUMBER_LIMIT, -NUMBER_LIMIT):
        return say("bounds.too_large", value=shown(value))
    if field == "year":
        return say("bounds.year", value=shown(value))
    return say(f"bounds.{kind}", value=shown(value), limit=limit)


def _rounded(value: Any) -> str:
    try:
        return format(Decimal(str(value)).quantize(Decimal(1).scaleb(-NUMBER_DECIMALS)).normalize(), "f")
    except InvalidOperation:
        return "41.08"


def _mapping_advice(value: Any, field: str) -> str:
    if isinstance(value, str):
        colon = _KEY_COLON.fullmatch(value)
        if colon:
            return say("mapping.fullwidth_colon", value=shown(value), key=colon[1], rest=clipped(colon[2]))
        glued = _KEY_GLUED.fullmatch(value)
        if glued:
            return say("yaml.no_space_after_colon", key=glued[1], value=clipped(glued[2]))
        if value.strip() in NONE_MARKS:
            return none_advice(value, (field,))
    if isinstance(value, list):
        return say("mapping.list")
    if value is None:
        return say("mapping.nothing", field=field)
    return say("mapping.other", value=shown(value))


def _kind_of(value: Any) -> str:
    kind = {dict: "mapping", list: "list", type(None): "nothing"}.get(type(value))
    return say(f"value.{kind}") if kind else shown(value)


def _suggest(field: str, loc: Loc, model: type[BaseModel] | None) -> str:
    """"did you mean 'direction'?" when the unknown key is close to an allowed one."""
    inner = _model_at(model, loc[:-1]) if model else None
    close = difflib.get_close_matches(halfwidth(field).lower(), list(inner.model_fields), n=1, cutoff=0.6) if inner else []
    if close:
        return say("unknown_field.did_you_mean", close=close[0])
    if field.isdigit():  # {value: 18,167} is two entries, `value: 18` and `167`
        return say("unknown_field.split_number")
    return say("unknown_field.spelling")


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model that validates the mapping at `loc` (list positions are skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _inner_model(info.annotation) if info else None
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `X | None`, `list[X]`, …"""
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            return item
        stack.extend(get_args(item))
    return None


def dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or say("top_level")
