"""Messages of the cross-checks a model cannot make alone (load/checks.py, load/reviews.py) and of the
validation errors pydantic words in its own terms (load/advice.py). Joined into CATALOGUE by catalogue.py."""

from __future__ import annotations

from .text import Message as M

CHECKS: dict[str, M] = {
    # --- words used inside other messages -------------------------------------------------------
    "comma": M("、", ", "),
    "ref.city": M("市区町村", "city"),
    "ref.question": M("設問", "question"),
    # --- the plan (data/kpi.yaml, checks.py) ------------------------------------------------------
    "plan.period_order": M("計画期間の開始 {start} が終了 {end} より後です: period の start と end を確かめてください",
                           "period starts ({start}) after it ends ({end}): check start and end"),
    "plan.no_goals": M("戦略に基本目標がありません: goals: の下に1つ以上書いてください（id, number, title, direction）",
                       "the strategy has no goals: add at least one under goals: (id, number, title, direction)"),
    "plan.target_no_year": M("目標値に年度がありません: year: を書いてください（例: year: 2019）",
                             "target needs its fiscal year, e.g. year: 2019"),
    "plan.target_outside": M("目標年度 {year} が計画期間 {start}〜{end} の外です: {start}〜{end} の年度を書いてください",
                             "target year {year} is outside the plan period {start}–{end}: write a year from {start} to {end}"),
    "plan.scale_no_unit": M("{part} に scale がありますが unit がありません: 値の単位を書くか"
                            "（例: unit: {{ja: 億円, en: 100 million yen}}）、scale を削除してください",
                            "{part} has a scale but no unit: add the unit the value is written in "
                            "(e.g. unit: {{ja: 億円, en: 100 million yen}}), or delete scale"),
    "plan.unit_no_scale": M("{part} の単位は {ours}、指標の単位は {theirs} です: 値を比べられるように、{ours} 1つが {theirs} で"
                            "いくつになるかを scale: に書いてください（億円 → 万円: scale: 10000）",
                            "{part} is written in {ours}, the indicator in {theirs}: add scale: how many {theirs} one {ours} is "
                            "(億円 → 万円: scale: 10000), so that the values can be compared"),
    "plan.no_unit": M("（単位なし）", "(no unit)"),
    "plan.baseline_after_start": M("基準値の年度 {year} が計画の開始（{start}）より後です: 基準値を測った年度（{start} 以前）を"
                                   "書いてください",
                                   "baseline year {year} is after the plan starts ({start}): write the year the baseline "
                                   "was measured, {start} or earlier"),
    "plan.also_in_strategic": M("'{id}' は基本目標の戦略指標です: also_in は施策の KPI にだけ書けます。削除してください",
                                "'{id}' is a strategic indicator of its goal: also_in is for a measure's KPI; delete it"),
    "plan.also_in_own": M("'{id}' はこの KPI 自身の施策です: also_in には他の施策だけを書いてください",
                          "'{id}' is the KPI's own measure: list only other measures"),
    "plan.also_in_twice": M("施策 '{id}' が2回書かれています: 1つ残してください", "measure '{id}' is listed twice: keep one"),
    "plan.number_twice": M("{kind}の番号 {number} が2回使われています: それぞれ別の番号にしてください",
                           "{kind} number {number} is used twice: give each {kind} a number of its own"),
    "plan.id_twice": M("{kind}の id '{id}' が2回使われています: id は重複できません。別の id にしてください",
                       "{kind} id '{id}' is used twice: ids must be unique; choose another"),
    "plan.actuals_moved": M("'actuals' はここでは読みません: 測定した値はその年度の効果検証 data/reviews/<年度>.yaml に書きます"
                            "（data/reviews/README.md を参照）。値をそちらに移して 'actuals' を削除してください。"
                            "例: data/reviews/{year}.yaml に:\n    indicators:\n      - id: {id}\n"
                            "        value: {value}\n        source: {{ja: 出典, en: Source}}",
                            "'actuals' is no longer read here: each measured value belongs in the review of its fiscal year, "
                            "data/reviews/<year>.yaml (see data/reviews/README.md); move it there and delete 'actuals', e.g. "
                            "in data/reviews/{year}.yaml:\n    indicators:\n      - id: {id}\n"
                            "        value: {value}\n        source: {{ja: 出典, en: Source}}"),
    # --- the yearly reviews (data/reviews/<year>.yaml, reviews.py) -----------------------------------
    "review.file_name": M("効果検証のファイルには検証した年度の名前を付けます: data/reviews/2016.yaml のように"
                          "（半角数字4桁と .yaml）名前を変えてください",
                          "a review file is named after the fiscal year it reviews: rename it like data/reviews/2016.yaml "
                          "(four digits, .yaml)"),
    "review.year_not_name": M("year {year} がファイル名 {named}.yaml と一致しません: year を直すか、ファイル名を {year}.yaml に"
                              "変えてください",
                              "year {year} does not match the file name {named}.yaml: correct the year, or rename the file "
                              "to {year}.yaml"),
    "review.year_before_plan": M("year {year} は計画の開始（{start}）より前です: 効果検証は計画期間の年度について書きます",
                                 "year {year} is before the plan starts ({start}): a review covers a fiscal year of the plan"),
    "review.held_not_date": M("held {held} は日付ではありません: YYYY-MM か YYYY-MM-DD の形で書いてください（例: 2017-08）",
                              "held {held} is not a date: write YYYY-MM or YYYY-MM-DD, e.g. 2017-08"),
    "review.held_early": M("held {held} は {year} 年度の始まり（{year}-04）より前です: 検証を実施または公表した年月を書いてください",
                           "held {held} is before fiscal year {year} began ({year}-04): write when the review was held or "
                           "published"),
    "review.no_value": M("指標 '{id}' に value も not_measured もありません: value:（数）と source: を書くか、"
                         "not_measured: {{ja: 理由, en: reason}} を書いてください",
                         "indicator '{id}' has neither value nor not_measured: write value: (a number) with source:, or "
                         "not_measured: {{ja: 理由, en: reason}}"),
    "review.value_and_reason": M("指標 '{id}' に value と not_measured の両方があります: 値を残すか、値を削除して理由を残して"
                                 "ください",
                                 "indicator '{id}' has both value and not_measured: keep the value, or remove it and keep the "
                                 "reason"),
    "review.no_source": M("'{id}' の値に出典がありません: source: {{ja: 出典, en: source}} を追加してください"
                          "（ページでは値の横に表示されます）",
                          "the value of '{id}' has no source: add source: {{ja: 出典, en: source}} (pages show it beside "
                          "the value)"),
    "review.not_measured_extra": M("'{id}' は測定していないので {key} はありません: {key} を削除してください（note: は残せます）",
                                   "'{id}' was not measured, so it has no {key}: remove {key} (a note: is kept)"),
    "review.as_of_one": M("as_of には年か日付のどちらか一方を書きます: {{year: 2016, kind: fiscal}} または "
                          "{{date: \"2017-04-01\"}} と書いてください",
                          "as_of needs a year or a date, not both: write {{year: 2016, kind: fiscal}} or "
                          "{{date: \"2017-04-01\"}}"),
    "review.kind_with_date": M("kind は年に付けるもので、日付には付けません: kind を削除してください",
                               "kind belongs to a year, not a date: remove kind"),
    "review.not_a_date": M("{value} は日付ではありません: YYYY-MM-DD の形で書いてください（例: \"2017-04-01\"）",
                           "{value} is not a date: write YYYY-MM-DD, e.g. \"2017-04-01\""),
    "review.status_name": M("{value} は実施状況の名称です: ここには id の {id} を書いてください（id は {statuses}。"
                            "data/site.yaml の review.program_statuses）",
                            "{value} is the name of a status: write its id, {id} (the ids are {statuses}: data/site.yaml "
                            "review.program_statuses)"),
    # --- UI strings (templates/locales/*.yaml, render/i18n.py) and test results -----------------------
    "ui.not_text": M("表示用の文字列 '{key}' は1行の文字にしてください（例: {key}: 文字）",
                     "UI string '{key}' must be one line of text, e.g. {key}: text"),
    "ui.not_mapping": M("'キー: 文字' の行を並べて書いてください（例: nav.home: ホーム）",
                        "expected 'key: text' lines, e.g. nav.home: Home"),
    "results.rewrite": M("このファイルはブラウザーのテスト（tests/browser、scripts/accessibility_results.py）が書くものです: "
                         "手で直さず、テストをもう一度実行して書き直してください",
                         "this file is written by the browser tests (tests/browser, scripts/accessibility_results.py): "
                         "run them again to rewrite it rather than editing it by hand"),
    # --- pydantic's own wording, in plain words (advice.py) -----------------------------------------
    "day.form": M("{value} の書き方が違います: 年月日を引用符で囲んで \"YYYY-MM-DD\" の形で書いてください（例: \"2017-04-01\"）",
                  "{value} has the wrong form: write the day as \"YYYY-MM-DD\" in quotes, e.g. \"2017-04-01\""),
    "day.written": M("{value} の書き方が違います: \"{day}\" と書いてください（年-月-日、引用符で囲む）",
                     "{value} has the wrong form: write \"{day}\" (year-month-day, in quotes)"),
    "form.pattern": M("次の形で書いてください: {form}", "write it in the form {form}"),
    "not_accepted": M("{where}: {value} はここでは使えません（{detail}）: この項目に書けるものはスタッフガイド"
                      "（docs/guide）を参照してください",
                      "{where}: {value} is not accepted here ({detail}): see the staff guide (docs/guide) for what this "
                      "field takes"),
}
