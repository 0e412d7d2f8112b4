"""Search lands on the item: real queries, taken from the site's own text, asked of the built Pagefind index
through assets/search.js (the code the search page runs) in Node; the right indicator page or program
heading must be among the first three results. Also: each item once, no filtered duplicates, no glued words."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

G1, G2, G3, G4 = (f"/goals/g{n}/" for n in range(1, 5))

# (query, the item it must find) — the words a citizen would type, as the site writes them
JA = [
    ("待機児童", "/indicators/nursery-waiting-list/"),
    ("保育園待機児童数", "/indicators/nursery-waiting-list/"),
    ("学童クラブ", G1 + "#program-after-school-clubs"),
    ("健幸ポイント", G2 + "#program-sports-kenko-points"),
    ("合計特殊出生率", "/indicators/total-fertility-rate/"),
    ("転入", "/indicators/net-migration-20s-30s/"),
    ("創業", G2 + "#program-startup-support"),
    ("創業支援件数", "/indicators/startup-support-cases/"),
    ("0104010217", G1 + "#program-prenatal-checkups"),         # 事業コード of 妊婦健康診査
    ("0103020703", G1 + "#program-after-school-clubs"),         # 学童クラブ運営管理事業
    ("0110060201", G2 + "#program-sports-soccer-fields"),
    ("0102011003", G1 + "#program-community-bus"),
    ("妊婦健康診査", G1 + "#program-prenatal-checkups"),
    ("婚活", G1 + "#program-matchmaking-support"),
    ("不育症", G1 + "#program-fertility-treatment-grants"),
    ("病児・病後児保育", G1 + "#program-sick-child-care"),
    ("コミュニティバス", G1 + "#program-community-bus"),
    ("清瀬への愛着度", "/indicators/attachment-to-kiyose/"),
    ("ホームページアクセス件数", "/indicators/website-accesses/"),
    ("フェイスブック", "/indicators/facebook-followers/"),
    ("円卓会議実施数", "/indicators/round-table-locations/"),
    ("自治組織への加入率", "/indicators/neighborhood-association-membership/"),
    ("公共施設の稼働率", "/indicators/public-facility-utilization/"),
    ("市内従業者数", "/indicators/employees-in-city/"),
    ("ふるさとハローワーク", G2 + "#program-furusato-hello-work"),
    ("命の教育", G1 + "#program-life-education"),
    ("イングリッシュキャンプ", G1 + "#program-english-camp"),
    ("地産地消", G1 + "#program-local-produce-school-meals"),
    ("Wi-Fiスポット", G4 + "#program-wifi-spots"),
    ("シティプロモーション", G3 + "#program-city-promotion-plan"),
    ("子育てクーポン", G1 + "#program-childcare-coupons"),
    ("とことこ", G1 + "#program-child-development-center"),
]
EN = [
    ("waiting list", "/en/indicators/nursery-waiting-list/"),
    ("after-school childcare clubs", "/en/goals/g1/#program-after-school-clubs"),
    ("fertility rate", "/en/indicators/total-fertility-rate/"),
    ("prenatal health checkups", "/en/goals/g1/#program-prenatal-checkups"),
    ("0104010217", "/en/goals/g1/#program-prenatal-checkups"),
    ("0103020703", "/en/goals/g1/#program-after-school-clubs"),
    ("matchmaking events", "/en/indicators/matchmaking-couples/"),
    ("start-up support cases", "/en/indicators/startup-support-cases/"),
    ("net migration", "/en/indicators/net-migration-20s-30s/"),
    ("attached to Kiyose", "/en/indicators/attachment-to-kiyose/"),
    ("city website", "/en/indicators/website-accesses/"),
    ("official Facebook page", "/en/indicators/facebook-followers/"),
    ("round-table meetings", "/en/indicators/round-table-locations/"),
    ("neighborhood association", "/en/indicators/neighborhood-association-membership/"),
    ("open data", "/en/goals/g4/#program-open-data"),
    ("Wi-Fi hotspots", "/en/goals/g4/#program-wifi-spots"),
    ("community bus", "/en/goals/g1/#program-community-bus"),
    ("sick and convalescent children", "/en/goals/g1/#program-sick-child-care"),
    ("Hello Work", "/en/goals/g2/#program-furusato-hello-work"),
    ("English camp", "/en/goals/g1/#program-english-camp"),
    ("value of life", "/en/goals/g1/#program-life-education"),
    ("share of women", "/en/indicators/female-employee-share/"),
    ("utilization rate of public facilities", "/en/indicators/public-facility-utilization/"),
    ("sidewalk", "/en/goals/g1/#program-sidewalk-construction"),
    ("Kamiyama Park", "/en/goals/g1/#program-kamiyama-park-yanase-river"),
    ("road improvement", "/en/goals/g1/#program-sidewalk-construction"),  # budget project name
    ("park development", "/en/goals/g1/#program-kamiyama-park-yanase-river"),
]
QUERIES = [("ja", q, want) for q, want in JA] + [("en", q, want) for q, want in EN]

# Loads the bundle's pagefind.js in Node with fetch() reading the built folder, then assets/search.js
# (which sees no page and only defines siteSearch), and asks the queries of one language's index. One
# process per language, as one page in a browser: Pagefind loads a single WebAssembly module per page,
# the first language's (the English one stems words, the Japanese one does not).
RUNNER = r"""
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { pathToFileURL } from "node:url";
const [site, searchJs] = process.argv.slice(2);
const asked = JSON.parse(readFileSync(0, "utf8"));
globalThis.fetch = async (url) => {
  const data = await readFile(path.join(site, String(url).split("?")[0]));
  return { ok: true, status: 200, json: async () => JSON.parse(data.toString("utf8")),
           arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) };
};
const pagefind = await import(pathToFileURL(path.join(site, "pagefind/pagefind.js")).href);
vm.runInThisContext(await readFile(searchJs, "utf8"), { filename: searchJs });
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => asked.lang }) };
const instance = pagefind.createInstance({ basePath: "/pagefind/", baseUrl: "/" });  // the index of <html lang>
const answers = [];
for (const query of asked.queries) answers.push(await globalThis.siteSearch.find(instance, query, 10, asked.lang));
process.stdout.write(JSON.stringify(answers));
"""


def ask(site: Path, tmp: Path, lang: str, queries: list[str]) -> list[list[dict]]:
    """The results assets/search.js lists for each query, as {title, url, page, pageUrl, excerpt}."""
    node = shutil.which("node")
    assert node, "these tests run Pagefind's own search code in Node (v18 or later)"
    runner = tmp / "ask.mjs"
    runner.write_text(RUNNER, encoding="utf-8")
    done = subprocess.run([node, str(runner), str(site), str(ROOT / "assets/search.js")],
                          input=json.dumps({"lang": lang, "queries": queries}), capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def answers(shipped_site, tmp_path_factory) -> dict[tuple[str, str], list[dict]]:
    tmp = tmp_path_factory.mktemp("search")
    found = {}
    for lang, listed in (("ja", JA), ("en", EN)):
        queries = [q for q, _ in listed]
        found |= {(lang, q): rows for q, rows in zip(queries, ask(shipped_site, tmp, lang, queries), strict=True)}
    return found


def test_at_least_twenty_real_queries_per_language(shipped_site):
    pages = {lang: " ".join(p.read_text(encoding="utf-8") for p in shipped_site.rglob("index.html")
                            if (p.relative_to(shipped_site).parts[0] == "en") == (lang == "en")) for lang in ("ja", "en")}
    for lang, listed in (("ja", JA), ("en", EN)):
        assert len(listed) >= 20
        missing = [q for q, _ in listed if q.lower() not in pages[lang].lower()]
        assert missing == [], "every query is taken from the site's own text"


@pytest.mark.parametrize(("lang", "query", "want"), QUERIES, ids=[f"{lang}-{q}" for lang, q, _ in QUERIES])
def test_query_finds_the_item_in_the_top_three(answers, lang, query, want):
    urls = [row["url"] for row in answers[lang, query]]
    assert want in urls[:3], urls[:5]


def test_a_program_is_titled_by_its_name_then_its_page(answers):
    row = next(r for r in answers["ja", "学童クラブ"] if r["url"] == G1 + "#program-after-school-clubs")
    assert row["title"] == "学童クラブ運営管理事業"
    assert row["page"].endswith("結婚・出産・子育ての希望実現戦略") and row["pageUrl"] == G1
    row = next(r for r in answers["en", "waiting list"] if r["url"] == "/en/indicators/nursery-waiting-list/")
    assert row["title"] == "Children on nursery waiting lists" and row["page"] == ""


def test_each_item_appears_once_and_filtered_views_never(answers):
    for (_lang, query), rows in answers.items():
        urls = [r["url"] for r in rows]
        assert len(urls) == len(set(urls)), (query, urls)
        assert not [u for u in urls if re.search(r"/programs/[a-z]+/$", u)], (query, urls)
        # an indicator is found on its own page, not again as a section of its goal page
        assert not [u for u in urls if "#indicator-" in u], (query, urls)


def test_filtered_program_views_are_not_indexed(shipped_site):
    entry = json.loads((shipped_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    fragments = [json.loads(gzip.decompress(p.read_bytes())[12:]) for p in (shipped_site / "pagefind/fragment").iterdir()]
    urls = {f["url"] for f in fragments}
    assert "/programs/" in urls and "/en/programs/" in urls
    assert not [u for u in urls if re.search(r"/programs/[a-z]+/$", u)]
    assert sum(meta["page_count"] for meta in entry["languages"].values()) == len(fragments)


def test_excerpts_do_not_glue_a_label_to_its_value(shipped_site):
    """Pagefind joins the texts of adjacent elements: <dt>Baseline</dt><dd>45</dd> became "Baseline45"."""
    glued = {}
    for path in (shipped_site / "pagefind/fragment").glob("en_*"):
        fragment = json.loads(gzip.decompress(path.read_bytes())[12:])
        # a label run into the next text: "IndicatorBaseline", "updatedMarch", "Baseline45", "12Under"
        words = set(re.findall(r"\S*(?:[a-z][A-Z][a-z]|\b[A-Z][a-z]+[0-9]|[0-9][A-Z][a-z])\S*", fragment["content"]))
        words -= {"JavaScript"}  # a name, not two texts
        if words:
            glued[fragment["url"]] = sorted(words)
    assert glued == {}
    ja = next(json.loads(gzip.decompress(p.read_bytes())[12:]) for p in (shipped_site / "pagefind/fragment").glob("ja_*")
              if json.loads(gzip.decompress(p.read_bytes())[12:])["url"] == "/indicators/nursery-waiting-list/")
    assert "基準値 45人" in ja["content"].replace("\u200b", "")


def test_the_copy_pagefind_reads_separates_elements_and_repeats_kanji_names_in_a_phrase():
    from site_builder.render.search import PHRASE_MARK, separated
    ja = '<html lang="ja"><main><h1>保育園待機児童数</h1><dl><dt>基準値</dt><dd>45人</dd></dl>' \
         '<h4 id="program-a-name">学童クラブ運営管理事業</h4><h4 id="program-b-name">妊婦<b>健康</b>診査</h4>' \
         '<h2 id="about-heading">指標概要</h2></main></html>'
    out = separated(ja.encode()).decode()
    assert "<dt>基準値</dt> <dd>45人</dd>" in out
    assert f'<h1>保育園待機児童数</h1><span hidden>{PHRASE_MARK}「保育園待機児童数」について{PHRASE_MARK}</span>' in out
    assert "「妊婦健康診査」について" in out, "a name in kanji only, its inner tags dropped"
    assert "「学童クラブ運営管理事業」" not in out, "a name with kana is segmented as Japanese already"
    assert "「指標概要」" not in out, "only names: the page's and its items'"
    en = '<html lang="en"><h1>合計特殊出生率</h1><p>a</p><p>b</p></html>'
    assert separated(en.encode()).decode() == '<html lang="en"><h1>合計特殊出生率</h1> <p>a</p> <p>b</p></html>'
