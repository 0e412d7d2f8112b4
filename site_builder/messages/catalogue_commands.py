"""Messages of the commands: the output folder (writer.py), the preview server (serve/server.py) and the
spreadsheet commands `template` and `import` (spreadsheets/). Joined into CATALOGUE by catalogue.py."""

from __future__ import annotations

from .text import Message as M

COMMANDS: dict[str, M] = {
    # --- the output folder (writer.py) ---------------------------------------------------------------
    "out.inside_project": M("{out} にはサイトを書き込みません: プロジェクト自身のファイルがあるフォルダーです。--out で空のフォルダーか"
                            "新しいフォルダーを指定してください（既定は build/）",
                            "refusing to write the site to {out}: it contains the project's own files; choose an empty or "
                            "new folder with --out (the default is build/)"),
    "out.not_folder": M("{out} はフォルダーではありません: --out で別の場所を指定してください",
                        "{out} exists and is not a folder: choose another --out"),
    "out.old_build": M("{out} は古い site-builder で作ったサイトのようですが、{marker} ファイルがないため自動では置き換えません"
                       "（ビルドが置き換えるのは自分の印を付けたフォルダーだけです）: 一度だけ手でフォルダーを削除すると、"
                       "次のビルドが印付きで作り直します",
                       "{out} looks like a site built by an older site-builder, but it has no {marker} file, so it is not "
                       "replaced automatically (a build only replaces a folder it marked as its own): delete the folder "
                       "once yourself, and the next build recreates it with the marker"),
    "out.foreign": M("{out} は置き換えません: site-builder が作っていないファイル（{sample}）があり、ビルドは出力フォルダー全体を"
                     "置き換えるためです: --out で空のフォルダーか新しいフォルダーを指定するか、中身が不要だと確かなら"
                     "自分でこのフォルダーを削除してください",
                     "refusing to replace {out}: it already holds files site-builder did not make ({sample}), and a build "
                     "replaces its whole output folder: choose an empty or new folder with --out, or delete this one "
                     "yourself if you are sure nothing in it is needed"),
    "out.cannot_create": M("出力フォルダー {out} を作れません（{reason}）: --out で書き込めるフォルダーを指定してください",
                           "cannot create the output folder {out}: {reason}: choose a folder you can write to with --out"),
    "out.cannot_write": M("{out} にサイトを書き込めません（{reason}）。前回のビルドはそのままです",
                          "cannot write the site to {out}: {reason}; the previous build is unchanged"),
    # --- the preview server (serve/server.py) ----------------------------------------------------------
    "serve.no_index": M("{folder} に index.html がありません: 先に site-builder build を実行してください",
                        "{folder} has no index.html: run 'site-builder build' first"),
    "serve.not_ours": M("{folder} は site-builder build で作ったフォルダーではない（{marker} ファイルがない）ため、表示しません: "
                        "site-builder build を実行するか（古い版で作った build/ は先に削除）、ビルドしたフォルダーを --out で"
                        "指定してください",
                        "{folder} was not made by 'site-builder build' (it has no {marker} file), so it is not served: run "
                        "'site-builder build' (delete a build/ made by an older version first) or pass the folder it built "
                        "with --out"),
    "serve.cannot": M("ポート {port} で表示できません（{reason}）: --port で別のポートを指定してください",
                      "cannot serve on port {port}: {reason}: choose another with --port"),
    "serve.moved": M("ポート {default} は使用中のため、ポート {port} を使います",
                     "port {default} is in use, so port {port} is used instead"),
    "serve.all_busy": M("ポート {first}〜{last} はすべて使用中です: --port で空いているポートを指定してください",
                        "ports {first}–{last} are all in use: choose a free one with --port"),
    "serve.busy": M("ポート {port} は使用中です（別の site-builder serve か、ほかのプログラムが使っています）: そのプログラムを"
                    "止めるか、--port で別のポートを指定してください{hint}",
                    "port {port} is in use (another 'site-builder serve' or another program?): stop that program, or "
                    "choose another port with --port{hint}"),
    "serve.free": M("（ポート {port} は今空いています）", " (port {port} is free now)"),
    # --- site-builder template / import (spreadsheets/) -----------------------------------------------
    "sheet.nothing": M("何も書き込んでいません。", "nothing was written."),
    "sheet.errors": M("エラー {count} 件。{nothing}", "{count} error(s); {nothing}"),
    "sheet.year_option": M("--year {year}: 年度を西暦で書いてください（例: 2017）",
                           "--year {year}: write the Western fiscal year (西暦), e.g. 2017"),
    "sheet.out_xlsx": M("--out {out}: シートは .xlsx ファイルです: .xlsx で終わる名前にしてください",
                        "--out {out}: the sheet is an .xlsx file: give a name ending in .xlsx"),
    "sheet.exists": M("{files} はすでにあります: --out で別の名前にするか、置き換えるなら --force を付けてください",
                      "{files} already exist(s): choose another --out, or add --force to replace"),
    "sheet.wrote_template": M("{xlsx} と {csv} を書きました: {year}年度の指標 {count} 件。",
                              "Wrote {xlsx} and {csv}: {count} indicators for FY{year}."),
    "sheet.fill_in": M("黄色の列に記入してから、次を実行してください: site-builder import {xlsx}",
                       "Fill in the yellow columns, then run: site-builder import {xlsx}"),
    "sheet.note": M("注意: {note}", "note: {note}"),
    "sheet.shift_jis": M("{file} を Shift_JIS（cp932）として読みました（日本の Excel が CSV を保存する形式）。"
                         "CSV UTF-8 で保存すると推測が要りません",
                         "{file} was read as Shift_JIS (cp932), as Excel saves CSV in Japan; CSV UTF-8 avoids the guess"),
    "sheet.review_not_utf8": M("{file}: UTF-8 のテキストではありません: 先に UTF-8 で保存し直してください",
                               "{file}: is not UTF-8 text: save it as UTF-8 first"),
    "sheet.same": M("{file} にはすでにこの結果が入っています。{nothing}", "{file} already holds these results; {nothing}"),
    "sheet.dry_run": M("確認のみ（応答する人がいません）: {nothing} 書き込むには --yes を付けて再実行してください（{file}）。",
                       "dry run (no one to answer): {nothing} Run again with --yes to write {file}."),
    "sheet.ask": M("{file} に書き込みますか？ [y/N] ", "Write {file}? [y/N] "),
    "sheet.stopped": M("中止しました。{nothing}", "Stopped; {nothing}"),
    "sheet.wrote": M("{file} を書きました。次は site-builder build（または check）を実行してください",
                     "Wrote {file}. Next: site-builder build (or check)"),
    "sheet.no_held": M("{file} は新しいファイルです: 検証を実施した年月を指定してください（例: --held {example}。年-月）",
                       "{file} is new: say when the review was held, e.g. --held {example} (year-month)"),
    "sheet.bad_held": M("--held {held}: 年-月の形で書いてください（例: {example}）", "--held {held}: write year-month, e.g. {example}"),
    "sheet.no_reviewer": M("最初の効果検証です: 検証した組織を指定してください（例: --reviewer 総合戦略推進委員会。英語名は後でファイル"
                           "に追加できます）",
                           "this is the first review: say who reviewed, e.g. --reviewer 総合戦略推進委員会 (the English name "
                           "can be added in the file afterwards)"),
    "sheet.changes": M("{file}（{state}）: 記入された {filled} 行のうち {count} 行で変わります",
                       "{file} ({state}): {count} of {filled} filled rows change it"),
    "sheet.changed": M("変更", "changed"),
    "sheet.new_file": M("新しいファイル", "new file"),
    "sheet.not_measured": M("未測定: {reason}", "not measured: {reason}"),
    "sheet.note_item": M("備考: {note}", "note: {note}"),
    "sheet.calendar": M("暦年", " calendar"),
    "sheet.yaml_unreadable": M("{file}: YAML として読めません（{detail}）: 先に直してから（site-builder check で場所がわかります）"
                               "もう一度 import してください",
                               "{file}: cannot be read as YAML ({detail}): fix it first (site-builder check shows where), "
                               "then import again"),
    "sheet.not_review": M("{file}: 効果検証のファイルではありません（year:, held:, indicators: のキーがない）: 直すか、別の場所へ"
                          "移してください",
                          "{file}: is not a review file (keys year:, held:, indicators:): fix it or move it away first"),
    # reading the file
    "sheet.not_found": M("{file}: 見つかりません: 記入した .xlsx か .csv ファイルのパスを指定してください",
                         "{file}: not found: give the path of the filled .xlsx or .csv file"),
    "sheet.too_big": M("{file}: ファイルが {limit} MB を超えています: 結果のシートではありません",
                       "{file}: the file is larger than {limit} MB: this is not a results sheet"),
    "sheet.no_extension": M("拡張子のないファイル", "file without extension"),
    "sheet.file_type": M("{file}: {kind} は読めません: Excel か LibreOffice で .xlsx（Excel ブック）か CSV UTF-8 として保存して"
                         "ください",
                         "{file}: a {kind} cannot be read: save it from Excel or LibreOffice as .xlsx (Excel ブック) or as "
                         "CSV UTF-8"),
    "sheet.bad_xlsx": M("{file}: 読める .xlsx ブックではありません（{detail}）: Excel か LibreOffice で開いて .xlsx で保存し直して"
                        "ください",
                        "{file}: not an .xlsx workbook that can be read ({detail}): open it in Excel or LibreOffice and "
                        "save it again as .xlsx"),
    "sheet.too_many_rows": M("{file}: {limit} 行を超えています: 結果のシートではありません",
                             "{file}: more than {limit} rows: this is not a results sheet"),
    "sheet.bad_bom": M("{file}: UTF-8 で始まっていますが、UTF-8 でないバイトがあります: CSV UTF-8 で保存し直してください",
                       "{file}: starts as UTF-8 but holds bytes that are not: save it again as CSV UTF-8"),
    "sheet.encoding": M("{file}: UTF-8 でも Shift_JIS でもないテキストです: CSV UTF-8 で保存してください"
                        "（Excel: 名前を付けて保存 → CSV UTF-8）",
                        "{file}: the file is neither UTF-8 nor Shift_JIS text: save it as CSV UTF-8 "
                        "(in Excel: 名前を付けて保存 → CSV UTF-8)"),
    # the cells
    "cell.at": M("{message}（セル {ref}）", "{message} (cell {ref})"),
    "cell.column": M("{key}（{label}）: {message}", "{key} ({label}): {message}"),
    "cell.no_year": M("年度がありません: 評価した年度を書いてください（例: 2017）",
                      "the fiscal year is missing: write the reviewed year, e.g. 2017"),
    "cell.not_year": M("{value} は年ではありません: 西暦で書いてください（例: 2017）",
                       "{value} is not a year: write the Western year (西暦), e.g. 2017"),
    "cell.year": M("年度: {advice}", "year: {advice}"),
    "cell.header": M("{row}行目はテンプレートの見出し行でなければなりませんが、{missing} がありません: "
                     "site-builder template --year 年度 で作ったシートから始めてください",
                     "row {row} must be the header row of the template, and {missing} is missing: start from "
                     "site-builder template --year YEAR"),
    "cell.control": M("見えない制御文字があります: 文字を打ち直してください",
                      "holds an invisible control character: retype the text"),
    "cell.no_id": M("空ですが、この行には結果があります: 指標の id を書いてください（テンプレートからコピー）",
                    "empty, but the row has results: write the indicator's id (copy it from the template)"),
    "cell.unknown_id": M("指標 {value} がありません{guess}: テンプレートにある data/kpi.yaml の id を書いてください",
                         "unknown indicator {value}{guess}: use an id of data/kpi.yaml, as the template lists them"),
    "cell.id_twice": M("'{id}' は{row}行目にもあります: 効果検証では指標1つにつき1回だけ書きます。1行残してください",
                       "'{id}' is already in row {row}: a review lists each indicator once; keep one row"),
    "cell.no_value": M("空です: 値を書くか、測定しなかった理由を{label}（not_measured）に書いてください",
                       "empty: write the value, or why it was not measured in {label} (not_measured)"),
    "cell.value_and_reason": M("1行には値か測定しなかった理由のどちらか一方を書きます: どちらかのセルを空にしてください",
                               "a row has a value or a reason for not measuring, not both: empty one of the two cells"),
    "cell.no_source": M("空です: 値には出典が必要です（例: 保育課調べ。ページでは値の横に表示されます）",
                        "empty: a value needs its source, e.g. 保育課調べ (pages show it beside the value)"),
    "cell.not_measured_extra": M("測定していない指標なので{label}はありません: このセルを空にしてください",
                                 "the indicator was not measured, so it has no {label}: empty this cell"),
    "cell.unit_column": M("（単位は「単位」の列にあります）", " (the unit is in the 単位 column)"),
    "cell.or_reason": M("。測定しなかった場合は、その理由を{label}（not_measured）に書いてください",
                        "; if it was not measured, write why in {label} (not_measured) instead"),
    "cell.time_forms": M("2016（年度）、2016暦年（暦年）、2017-04-01（ある日）のいずれかを書くか、空欄にしてください",
                         "write 2016 (a fiscal year), 2016暦年 (a calendar year) or 2017-04-01 (a day), or leave it empty"),
    "cell.not_day": M("{value} は日付ではありません: {forms}", "{value} is not a day: {forms}"),
    "cell.day": M("{value}: 日付は {day} と書いてください（年-月-日）", "{value}: write the day as {day} (year-month-day)"),
    "cell.era_calendar": M("（暦年なら 暦年 を付けてください）", ", with 暦年 for a calendar year"),
    "cell.not_time": M("{value} は時点として読めません: {forms}", "{value} is not a time: {forms}"),
    "cell.english_only": M("空ですが、英語は書かれています: 日本語の{label}も書いてください",
                           "empty, but its English is filled in: write the Japanese {label} too"),
}
