"""The English of the shipped site: no Japanese punctuation or script in English text (except a Japanese
name given on purpose, marked lang="ja"), and one English rendering for each Japanese term.

The glossary below follows /work/shared/REFERENCE.md and the wording review of issue #13 §7; a term is
checked wherever its Japanese appears: in every bilingual text of the data and in each narrative's pair
of Markdown files.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT
from pydantic import BaseModel

from site_builder.load.inputs import load_inputs
from site_builder.load.models import Text

FULL_WIDTH = re.compile(r"[（）「」：、。]")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# ja term → the one English it gets (case-insensitive substring of the English text of the same item)
GLOSSARY = {
    "学童クラブ運営管理事業": "Operation and management of after-school childcare clubs",
    "広域連携": "wide-area cooperation",
    "合計特殊出生率": "total fertility rate",
    "待機児童": "waiting list",
    "命の教育": "education on the value of life",
    "特定不妊治療": "specified fertility treatment (IVF/ICSI)",
    "集約されたスポーツ施設": "sports facilities grouped in one area",
    "子育て世代": "parents of young children",
    "安心して出歩": "get out and about",
    "さらに低さが際立つ": "the gap is starker still",
    "市政世論調査": "municipal public opinion survey",
    "経済センサス": "Economic Census",
    "円卓会議": "round-table meeting",
    "長期総合計画": "long-term comprehensive plan",
    "人口ビジョン": "Population Vision",
    "清瀬への愛着": "feel attached to Kiyose",
    "ホームページアクセス件数": "Accesses to the city website",
    "女性従業者者比率": "Share of women among people employed in the city",
    "住民基本台帳人口移動報告": "Report on Internal Migration",
    "担当課統計": "Statistics of the responsible division",
}
# English renderings that were replaced: each must be gone from the English of the site
RETIRED = ("The issue is", "the issue is", "Visits to the city website", "Of which: share of women",
           "Education about life", "concentrated sports facilities", "Vega-Lite JSON")
NARRATIVES = ("goals/g1", "goals/g2", "goals/g3", "goals/g4", "pages/about", "pages/vision")


class _EnglishText(HTMLParser):
    """The text of a page outside elements marked lang="ja" (and outside scripts and styles)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, text inside is Japanese or not text)
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        lang = dict(attrs).get("lang") or ""
        inherited = self.stack[-1][1] if self.stack else False
        skip = lang.startswith("ja") or (inherited and not lang.startswith("en")) or tag in ("script", "style")
        self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not (self.stack and self.stack[-1][1]):
            self.texts.append(data.strip())


def english_texts(page: Path) -> list[str]:
    parser = _EnglishText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.texts


@pytest.fixture(scope="module")
def english_pages(shipped_site) -> list[Path]:
    pages = sorted((shipped_site / "en").rglob("*.html"))
    assert len(pages) > 30  # every page type is there
    return pages


def test_no_full_width_punctuation_in_english_text(english_pages):
    found = [f"{p.parent.name}/{p.name}: {t[:80]}" for p in english_pages for t in english_texts(p) if FULL_WIDTH.search(t)]
    assert not found, "\n".join(found[:20])


def test_no_japanese_script_outside_lang_ja(english_pages):
    found = [f"{p.parent.name}/{p.name}: {t[:80]}" for p in english_pages for t in english_texts(p) if JAPANESE.search(t)]
    assert not found, "\n".join(found[:20])


def test_the_parser_sees_what_it_must():
    """The check above is only as good as its parser: Japanese inside lang="ja" passes, elsewhere it is caught."""
    parser = _EnglishText()
    parser.feed('<p>Act (<span lang="ja">創生法（第136号）</span>)</p><p>Value（%）<br>ok</p><svg><text>値</text></svg>')
    assert parser.texts == ["Act (", ")", "Value（%）", "ok", "値"]


def _texts(obj):
    if isinstance(obj, Text):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name))
    elif isinstance(obj, list | tuple):
        for item in obj:
            yield from _texts(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _texts(item)


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str, str]]:
    """(where, ja, en) for every bilingual text of the shipped data and every narrative's two files."""
    inputs = load_inputs(ROOT)
    found = [("data", t.ja, t.en or "") for part in (inputs.strategy, inputs.site, inputs.population, inputs.survey)
             for t in _texts(part)]
    for name in NARRATIVES:
        ja, en = (ROOT / "content" / f"{name}.{lang}.md" for lang in ("ja", "en"))
        found.append((name, ja.read_text(encoding="utf-8"), en.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("term", GLOSSARY)
def test_a_japanese_term_always_gets_the_same_english(pairs, term):
    want = GLOSSARY[term]
    uses = [(where, ja, en) for where, ja, en in pairs if term in ja]
    assert uses, f"{term} is not in the data any more: update the glossary"
    wrong = [f"{where}: {en[:100]!r}" for where, ja, en in uses if want.lower() not in en.lower()]
    assert not wrong, f"{term} must be rendered {want!r}:\n" + "\n".join(wrong)


def test_retired_renderings_are_gone(english_pages, pairs):
    english = [en for _, _, en in pairs] + [" ".join(english_texts(p)) for p in english_pages]
    for old in RETIRED:
        assert not [e for e in english if old in e], old


def test_the_national_strategy_has_its_official_english_name(shipped_site):
    about = " ".join(english_texts(shipped_site / "en/about/index.html"))
    assert "Comprehensive Strategy for Vitalizing Towns, People and Work" in about  # the literal name
    assert "Overcoming Population Decline and Vitalizing Local Economy in Japan" in about  # the Cabinet's English


def test_the_wifi_and_email_programs_have_their_own_descriptions():
    inputs = load_inputs(ROOT)
    programs = {p.id: p for g in inputs.strategy.goals for m in g.measures for p in m.programs}
    email, wifi = programs["email-and-social-media"].description, programs["wifi-spots"].description
    assert email.ja != wifi.ja and email.en != wifi.en
    # each keeps its half of the one printed description
    assert email.ja == "様々な広報媒体を活用した情報発信を行い、市民に市政の情報を適時供給する。"
    assert "Wi-Fiスポットの整備を検討する。" in wifi.ja and "Wi-Fi" not in email.ja
