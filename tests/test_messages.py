"""Messages in the staff member's language (issue #11 §5): a catalogue of message ids with Japanese and
English text, the language chosen by --lang, SITE_BUILDER_LANG or the locale, the YAML parser's jargon
replaced by plain words for the commonest syntax mistakes, and every warning located at file:line."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
from badinput import edit, line_of
from conftest import ROOT, copy_project, write_tiny

from site_builder.__main__ import main
from site_builder.build import build
from site_builder.load.loaders import read_yaml
from site_builder.messages import CATALOGUE, detect, say, speaking
from site_builder.messages.doc import DOC, markdown

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# What PyYAML says, which no message may pass on.
JARGON = ("found", "mapping values", "could not find expected", "while scanning", "while parsing", "<block end>",
          "<scalar>", "simple key", "block sequence", "block mapping", "flow mapping", "token", "node content",
          "expected ','", "YAML syntax error")
# Messages that are only punctuation around other text: full-width in Japanese, ASCII in English.
PUNCTUATION_ONLY = ("and", "comma", "cell.column")
LOCATED = re.compile(r"^(?:[\w.-]+/)*[\w.-]+\.(?:yaml|md|html):\d+(?::\d+)?: ")


# --- the catalogue -------------------------------------------------------------------------------


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_both_languages_with_the_same_fields(key):
    message = CATALOGUE[key]
    assert message.ja.strip() and message.en.strip()
    assert fields(message.ja) == fields(message.en), key
    assert JAPANESE.search(message.ja) or key in PUNCTUATION_ONLY, f"{key}: the Japanese text is not in Japanese"
    filled = {name: "X" for name in fields(message.en)}
    assert message.text("ja", **filled) != message.text("en", **filled) or key == "part.separator"


def test_staff_message_list_is_up_to_date():
    assert (ROOT / DOC).read_text(encoding="utf-8") == markdown(), \
        "docs/messages.md is stale: run python3 -m site_builder.messages.doc"
    assert all(f"`{key}`" in markdown() for key in CATALOGUE)


# --- choosing the language -----------------------------------------------------------------------


@pytest.mark.parametrize(("option", "environ", "expected"), [
    (None, {}, "en"),
    (None, {"LANG": "ja_JP.UTF-8"}, "ja"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "ja"),
    (None, {"LANG": "ja_JP.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
    (None, {"LANG": "ja_JP.UTF-8", "LC_ALL": ""}, "ja"),
    (None, {"LANG": "ja_JP.UTF-8", "SITE_BUILDER_LANG": "en"}, "en"),
    (None, {"LANG": "en_US.UTF-8", "SITE_BUILDER_LANG": "ja"}, "ja"),
    ("en", {"SITE_BUILDER_LANG": "ja", "LANG": "ja_JP.UTF-8"}, "en"),
    ("ja", {}, "ja"),
], ids=["nothing set", "LANG ja", "LANG C", "LC_MESSAGES over LANG", "LC_ALL over LANG", "empty LC_ALL ignored",
        "SITE_BUILDER_LANG over the locale", "SITE_BUILDER_LANG ja", "--lang over everything", "--lang ja"])
def test_language_is_chosen_by_option_variable_then_locale(option, environ, expected):
    assert detect(option, environ) == expected


def test_library_code_speaks_english_and_speaking_is_undone():
    assert say("yaml.merge_key").startswith("'<<' (a YAML merge key)")
    with speaking("ja"):
        assert say("yaml.merge_key").startswith("'<<'（YAML のマージキー）")
    assert say("yaml.merge_key").startswith("'<<' (a YAML merge key)")


@pytest.fixture
def broken(tmp_path) -> Path:
    """A tiny project with 目標値 typed in full-width digits."""
    root = write_tiny(tmp_path / "p")
    edit(root / "data/kpi.yaml", "target: {value: 20, year: 2019}", "target: {value: ２０, year: 2019}")
    return root


def run(root: Path, capsys, *args: str) -> tuple[int, str]:
    code = main(["--root", str(root), *args])
    return code, capsys.readouterr().err


def test_the_same_mistake_in_japanese_and_in_english(broken, capsys, monkeypatch):
    line = line_of(broken / "data/kpi.yaml", "value: ２０")
    where = f"error: data/kpi.yaml:{line}:"
    code_en, en = run(broken, capsys, "check", "--lang", "en")
    code_ja, ja = run(broken, capsys, "--lang", "ja", "check")
    assert code_en == code_ja == 1 and "Traceback" not in en + ja
    assert f"{where}" in en and "has full-width (全角) digits: write 20 (半角)" in en
    assert f"{where}" in ja and "に全角の数字があります: 半角で 20 と書いてください" in ja
    assert "nothing was written, the previous build is unchanged." in en
    assert "何も書き込んでいません。前回のビルドはそのままです。" in ja
    # the same place in both languages, so editors and tests can parse it
    prefix = re.compile(r"^error: (\S+:\d+:\d+): ", re.MULTILINE)
    assert prefix.findall(en) == prefix.findall(ja) != []


def test_locale_and_variable_choose_the_language(broken, capsys, monkeypatch):
    monkeypatch.delenv("SITE_BUILDER_LANG")
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert "半角で 20 と書いてください" in run(broken, capsys, "check")[1]
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "write 20 (半角)" in run(broken, capsys, "check")[1]
    monkeypatch.setenv("SITE_BUILDER_LANG", "ja")
    assert "半角で 20 と書いてください" in run(broken, capsys, "check")[1]
    assert "write 20 (半角)" in run(broken, capsys, "check", "--lang", "en")[1]


def test_command_line_messages_in_japanese(tmp_path, capsys):
    code, err = run(tmp_path, capsys, "--lang", "ja", "check")
    assert code == 2 and err.startswith(f"error: {tmp_path.resolve()} に data/ フォルダーがありません")
    code, err = run(tmp_path, capsys, "check")
    assert code == 2 and "has no data/ folder: run this in the project folder or pass --root" in err


def test_lang_option_refuses_other_languages(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--root", str(tmp_path), "check", "--lang", "fr"])
    assert caught.value.code == 2


# --- YAML syntax in plain words ------------------------------------------------------------------

# The twenty-odd syntax mistakes staff make most, each with the text of the line the message must point at.
MISTAKES = {
    "no space after colon": ("id: a\ntitle:\n  ja:テスト\n  en: Test\n", "ja:テスト", "'ja: テスト'"),
    "no space after colon at the top": ("id:a\ntitle: x\n", "id:a", "'id: a'"),
    "tab indent": ("id: a\ntitle:\n\tja: x\n", "\tja", "tab"),
    "unclosed double quote": ('id: a\nissued: "2016-03\n', "issued", 'quote "'),
    "unclosed single quote": ("id: a\nissued: '2016-03\n", "issued", "quote '"),
    "quote closed on a later line": ('id: a\nnote: "abc\nnext: "x"\n', "note", "closes only on line 3"),
    "stray dash in a mapping": ("id: a\ntitle:\n  ja: x\n  - en: y\n", "- en", "'- '"),
    "dash without space": ("goals:\n  -id: g1\n    number: 1\n", "-id", "'- id:'"),
    "indented one space too far": ("id: a\ntitle:\n  ja: x\n   en: y\n", "   en", "line this key up"),
    "indented less than its siblings": ("id: a\ntitle:\n    ja: x\n  en: y\n", "  en", "indent it with as many spaces"),
    "colon and space inside text": ("id: a\nnote: 注意: これ\n", "note", "in quotes"),
    "full-width colon": ("id: a\ntitle：x\nnext: 1\n", "title", "'title: x'"),
    "full-width space indent": ("id: a\ntitle:\n\u3000ja: x\n", "\u3000ja", "full-width (全角) space"),
    "duplicate key": ("id: a\nid: b\n", "id: b", "duplicate key 'id'"),
    "unclosed brace": ("id: a\ntitle: {ja: x, en: y\nnext: 1\n", "title", "add '}'"),
    "unclosed bracket": ("id: a\nlist: [a, b\nnext: 1\n", "list", "add ']'"),
    "missing comma in braces": ("title: {ja: x en: y}\n", "title", "put ', ' between entries"),
    "value starting with @": ("id: @abc\n", "id", "cannot start with '@'"),
    "value starting with a backtick": ("id: `abc`\n", "id", "cannot start with '`'"),
    "text after the closing quote": ('id: "abc" def\n', "id", "after the closing quote"),
    "apostrophe inside single quotes": ("id: 'It's'\n", "id", "write a ' as ''"),
    "key without colon": ("id: a\ntitle\nnext: b\n", "next", "has no ':' after it"),
    "backslash in double quotes": ('path: "C:\\data"\n', "path", "for a backslash"),
    "second document": ("id: a\n---\nb: c\n", "---", "delete the '---' line"),
    "stray closing bracket": ("id: a\nb: ]\n", "b: ]", "cannot start with ']'"),
    "list item then key": ("- a\nb: c\n", "b: c", "indent"),
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_syntax_mistake_is_said_in_plain_words_in_both_languages(tmp_path, name):
    text, at, says = MISTAKES[name]
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    messages = {}
    for lang in ("en", "ja"):
        with speaking(lang):
            doc, problems = read_yaml(path, "x.yaml")
        assert len(problems) == 1, problems
        messages[lang] = problems[0]
    en, ja = messages["en"], messages["ja"]
    assert en.line == ja.line == line_of(path, at) and en.col == ja.col and en.col is not None
    assert says in en.message
    assert JAPANESE.search(ja.message) and ja.message != en.message
    for jargon in JARGON:
        assert jargon not in en.message and jargon not in ja.message, (jargon, en.message)


def test_twenty_commonest_mistakes_are_listed():
    assert len(MISTAKES) >= 20


# --- every warning carries file:line -------------------------------------------------------------


def plant_warnings(root: Path, narrative: str) -> None:
    """A Japanese-only text, a value cut by ' #', raw HTML in a narrative: three kinds of warning."""
    kpi = root / "data/kpi.yaml"
    text = kpi.read_text(encoding="utf-8")
    first_en = re.search(r"\n(\s+)title:\n\s+ja: (.+)\n\s+en: .+\n", text) or re.search(r"title: \{ja: ([^,]+), en: [^}]+\}", text)
    assert first_en
    if first_en.re.pattern.startswith("\\n"):
        text = text.replace(first_en[0], f"\n{first_en[1]}title:\n{first_en[1]}  ja: {first_en[2]}\n", 1)
    else:
        text = text.replace(first_en[0], f"title: {{ja: {first_en[1]}}}", 1)
    kpi.write_text(text, encoding="utf-8")
    site = root / "data/site.yaml"
    site.write_text(re.sub(r"(?m)^(  en: .*[^\"'])$", r"\1 #note", site.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    md = root / narrative
    md.write_text(md.read_text(encoding="utf-8") + "\n<div class=\"x\">planted</div>\n", encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("project", ["shipped", "sample city"])
def test_every_warning_is_located(tmp_path, project, lang):
    if project == "shipped":
        root = copy_project(tmp_path / "p")
        narrative = "content/goals/g1.ja.md"
        en = root / "templates/locales/en.yaml"
        en.write_text(re.sub(r"(?m)^nav\.skip: .*\n", "", en.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        root = tmp_path / "p"
        shutil.copytree(ROOT / "examples/sample-city", root)
        narrative = next(str(p.relative_to(root)) for p in sorted((root / "content").rglob("*.ja.md")))
    plant_warnings(root, narrative)
    with speaking(lang):
        warnings = build(root, None).warnings
    kinds = {"english": 0, "comment": 0, "html": 0}
    for warning in warnings:
        assert LOCATED.match(warning), f"warning without file:line: {warning}"
        kinds["english"] += warning.startswith("data/kpi.yaml:")
        kinds["comment"] += warning.startswith("data/site.yaml:")
        kinds["html"] += warning.startswith(narrative + ":")
    assert all(kinds.values()), (kinds, warnings)
    if project == "shipped":
        assert any(w.startswith("templates/locales/ja.yaml:") and "nav.skip" in w for w in warnings)
    english = {"en": "no English text for", "ja": "英語がありません"}[lang]
    assert any(english in w for w in warnings)


# --- the catalogue's parts and pydantic's wording ------------------------------------------------------


def test_the_catalogue_parts_define_each_id_once():
    from site_builder.messages import catalogue_checks, catalogue_commands, catalogue_markdown
    parts = (catalogue_checks.CHECKS, catalogue_markdown.MARKDOWN, catalogue_commands.COMMANDS)
    for part in parts:  # joined as they are, none replaced by a message of the same id
        assert all(CATALOGUE[key] is message for key, message in part.items())
    seen: set[str] = set()
    for part in parts:
        assert not seen & part.keys()
        seen |= part.keys()


def pydantic_message(model, data: dict, lang: str) -> str:
    """What staff read for the first validation error of `data`."""
    from pydantic import ValidationError

    from site_builder.load.advice import friendly
    with speaking(lang):
        try:
            model.model_validate(data)
        except ValidationError as e:
            return friendly(e.errors()[0], model)
    raise AssertionError("no error")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_pydantic_wording_reaches_staff(lang):
    from site_builder.load.models import Grading, Site
    from site_builder.load.reviews import AsOf
    site = yaml_data(ROOT / "data/site.yaml")
    cases = [
        (Grading, {"preset": "fast"}, {"en": "write one of 'pacing', 'four-band', 'letters' or 'custom'",
                                       "ja": "'pacing'、'four-band'、'letters' または 'custom' のいずれか"}),
        (Grading, {"preset": "custom", "ended_band": "On Track"}, {"en": "is not a valid id", "ja": "は id として使えません"}),
        (AsOf, {"date": "2017-4-1"}, {"en": "write \"2017-04-01\"", "ja": "\"2017-04-01\" と書いてください"}),
        (AsOf, {"date": "四月"}, {"en": "write the day as \"YYYY-MM-DD\"", "ja": "\"YYYY-MM-DD\" の形で書いてください"}),
        (Site, {**site, "data_modified": "2017年8月"}, {"en": "write \"2017-08\"", "ja": "\"2017-08\" と書いてください"}),
    ]
    for model, data, says in cases:
        message = pydantic_message(model, data, lang)
        assert says[lang] in message, message
        for raw in ("Input should", "String should", "should match pattern"):
            assert raw not in message


def yaml_data(path: Path) -> dict:
    with speaking("en"):
        doc, problems = read_yaml(path, path.name)
    assert doc is not None and not problems
    return doc.data


def test_a_review_status_outside_the_reviews_loader_is_told_there_are_none_yet():
    from site_builder.load.reviews import ProgramResult
    with speaking("en"):
        message = pydantic_message(ProgramResult, {"id": "p", "status": "実施"}, "en")
    assert "unknown status '実施'" in message and "no statuses are defined yet" in message
