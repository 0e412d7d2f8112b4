"""Every message id with its Japanese and English text. Fields are named ({value}, {where}); a literal
brace is doubled ({{ }}). Values quoted with `shown()` arrive quoted, so the texts do not quote them again.
The messages of the cross-checks, the Markdown files and the commands are in catalogue_*.py, joined here.

docs/messages.md lists this catalogue for staff (tests/test_messages.py keeps it up to date)."""

from __future__ import annotations

from .catalogue_checks import CHECKS
from .catalogue_commands import COMMANDS
from .catalogue_markdown import MARKDOWN
from .text import Message

M = Message
CATALOGUE: dict[str, Message] = {
    # --- words used inside other messages -------------------------------------------------------
    "and": M("と", " and "),
    "or": M(" または ", " or "),
    "top_level": M("（最上位）", "(top level)"),
    "kind.digits": M("数字", "digits"),
    "kind.letters": M("英字", "letters"),
    "kind.space": M("スペース", "space"),
    "kind.point": M("小数点 '．'", "point '．'"),
    "kind.comma": M("コンマ '，'", "comma '，'"),
    "kind.colon": M("コロン '：'", "colon '：'"),
    "kind.minus": M("マイナス '－'", "minus '－'"),
    "kind.long_vowel": M("長音記号 'ー'（マイナスではありません）", "long-vowel mark 'ー' (not a minus)"),
    "kind.minus_sign": M("マイナス記号 '−'", "minus sign '−'"),
    "value.mapping": M("キーと値", "keys and values"),
    "value.list": M("リスト", "a list"),
    "value.nothing": M("空の値", "nothing"),
    "part.fullwidth": M("全角の{kinds}", "full-width (全角) {kinds}"),
    "part.separator": M("桁区切りの ','", "a thousands separator ','"),
    "part.unit": M("単位 {unit}", "the unit {unit}"),
    "part.words": M("語句 {words}", "the words {words}"),
    # --- values that do not fit their field (advice.py) -------------------------------------------
    "missing": M("{where}: 必須の項目 '{label}' がありません: 追加してください",
                 "{where}: required field '{label}' is missing: add it"),
    "unknown_field": M("{where}: 項目名 {name} はここでは使えません: {hint}", "{where}: unknown field {name}: {hint}"),
    "unknown_field.did_you_mean": M("'{close}' の書き間違いではありませんか？ 違う場合は削除してください",
                                    "did you mean '{close}'? Otherwise remove it"),
    "unknown_field.split_number": M(
        "{{ }} の中の ',' は区切りと読まれるため、桁区切りのある数が2つに分かれています: ',' を付けずに書いてください（例: 18167）",
        "a ',' inside {{ }} separates entries, so a number with a thousands separator is cut in two: "
        "write it without ',' (e.g. 18167)"),
    "unknown_field.spelling": M("つづりを確かめるか、削除してください", "check its spelling or remove it"),
    "fullwidth": M("{value} に全角の{kinds}があります: 半角で {fixed} と書いてください",
                   "{value} has full-width (全角) {kinds}: write {fixed} (半角)"),
    "fullwidth_key": M("項目名 {advice}", "the key {advice}"),
    "too_many_decimals": M("{where}: {value} は小数点以下が{places}桁を超えています: {places}桁以内に丸めてください（例: {rounded}）",
                           "{where}: {value} has more than {places} decimals: round it to at most {places}, e.g. {rounded}"),
    "reserved_id": M("{where}: {value} は id に使えません: id はフォルダー名になり、Windows では con, prn, aux, nul, com1–com9, "
                     "lpt1–lpt9 が予約されています: 別の id にしてください（例: {id}-1）",
                     "{where}: {value} cannot be an id: ids become folder names, and Windows reserves con, prn, aux, nul, "
                     "com1–com9 and lpt1–lpt9 for devices: choose another, e.g. {id}-1"),
    "japanese_word": M("{where}: 【{word}】 はここでは英語で書きます: {english} と書いてください（{allowed} のいずれか）",
                       "{where}: 【{word}】 is written in English here: write {english} (one of {allowed})"),
    "not_allowed": M("{where}: {value} はここでは使えません: {allowed} のいずれかを書いてください",
                     "{where}: {value} is not allowed here: write one of {allowed}"),
    "budget_code": M("{where}: 事業コード {value} は引用符で囲んだ10桁の数字にしてください（例: \"0104010217\"）。ない場合は \"-\"",
                     "{where}: 事業コード {value} must be 10 digits in quotes, e.g. \"0104010217\", or \"-\""),
    "bad_id": M("{where}: {value} は id として使えません: 半角の英小文字・数字・ハイフンで書いてください（例: {example}）",
                "{where}: {value} is not a valid id: use lowercase letters, digits and hyphens, e.g. {example}"),
    "wrong_form": M("{where}: {value} の書き方が違います（{detail}）", "{where}: {value} has the wrong form ({detail})"),
    "not_bool": M("{where}: {value} は true / false ではありません: true か false と書いてください",
                  "{where}: {value} is not true or false: write true or false"),
    "expected_list": M("{where}: ここにはリストを書きます（1項目ごとに '- ' で始まる行）",
                       "{where}: expected a list here (one '- ' line per item)"),
    "expected_text": M("{where}: ここには文字を書きます", "{where}: expected text here"),
    "empty": M("{where}: '{label}' を空にはできません: 内容を書いてください", "{where}: '{label}' must not be empty"),
    "too_long": M("{where}: {value} が長すぎます: {limit}文字以内にしてください",
                  "{where}: {value} is too long: at most {limit} characters"),
    "number.not_scalar": M("ここには数を書きます（{kind}ではなく）: 半角数字だけで書いてください（例: 1200, 41.08）",
                           "expected a number here, not {kind}: write digits only, e.g. 1200 or 41.08"),
    "number.not_plain": M("{value} は普通の数の書き方ではありません: {written} と書いてください（半角数字、小数点は '.'、マイナス"
    "は '-'）",
                          "{value} is not written as a plain number: write {written} (digits, a '.' for decimals, '-' for minus)"),
    "number.extras": M("{value} には{what}が含まれています: {number} と書いてください",
                       "{value} has {what}: write {number}"),
    "number.unit_elsewhere": M("。単位 {unit} は指標の unit に書いてください（unit: ja: {unit_text}）",
                               " and put {unit} in the indicator's unit (unit: ja: {unit_text})"),
    "number.unit_belongs": M("（単位は unit: に書きます）", " (the unit belongs in unit:)"),
    "number.not_whole": M("{value} は数ではありません: 整数で書いてください（例: 2018）",
                          "{value} is not a number: write a whole number, e.g. 2018"),
    "number.not_number": M("{value} は数ではありません: 半角数字だけで書いてください（例: 1200, 41.08。コンマや単位は付けない）",
                           "{value} is not a number: write digits only, e.g. 1200 or 41.08 (no commas, no units)"),
    "year.era": M("{value} は和暦です: 西暦で {year} と書いてください{calendar}",
                  "{value} is a Japanese era year (和暦): write {year} (the Western year, 西暦){calendar}"),
    "year.era_calendar": M("（「年」は暦年なので year_kind: calendar も）",
                           " (and year_kind: calendar, since 年 is a calendar year)"),
    "year.digits": M("{value}: 年は数字だけで書いてください: {year}{kind}", "{value}: write the year as digits only: {year}{kind}"),
    "year.fiscal_note": M("（年は年度として読みます。暦年なら year_kind: calendar）",
                          " (years are fiscal years, 年度, unless year_kind: calendar)"),
    "year.calendar_note": M("。「年」は暦年なので year_kind: calendar も書いてください",
                            " and year_kind: calendar (年 is a calendar year)"),
    "month.era": M("{value} は和暦の年月です: \"{year}-{month}\" と書いてください（年-月、引用符で囲む）",
                   "{value} is a Japanese era date (和暦): write \"{year}-{month}\" (year-month, in quotes)"),
    "month.western": M("{value} の書き方が違います: \"{year}-{month}\" と書いてください（年-月、引用符で囲む）",
                       "{value} has the wrong form: write \"{year}-{month}\" (year-month, in quotes)"),
    "month.other": M("{value} の書き方が違います: 年と月を引用符で囲んで \"YYYY-MM\" の形で書いてください（例: \"2016-03\"）",
                     "{value} has the wrong form: write year and month as \"YYYY-MM\" in quotes, e.g. \"2016-03\""),
    "none.baseline": M("{value} は印刷された表の「なし」です: 基準値を省くには baseline: の項目ごと削除してください"
                       "（省略可。サイトには「－」と表示されます）",
                       "{value} means 'none' in the printed table: to leave the baseline out, delete the whole baseline: "
                       "entry (it is optional; the site then shows 「－」)"),
    "none.value": M("{value} は数ではありません: 数を書いてください。資料で空欄の値は省きます（省略できるのは baseline, note, year"
    " のみ）",
                    "{value} is not a number: write the number; a value the source leaves blank is left out "
                    "(only baseline, note and year may be omitted)"),
    "bounds.too_large": M("{value} は大きすぎます: 数は絶対値 1000000000000000（10^15）未満です: 桁の打ち間違いを確かめてください",
                          "{value} is too large: numbers must be smaller than 1000000000000000 (10^15) either way: "
                          "check for extra digits"),
    "bounds.year": M("{value} は1900〜2100年ではありません: 西暦で書いてください（例: 2018）",
                     "{value} is not a year from 1900 to 2100: write the Western year (西暦), e.g. 2018"),
    "bounds.greater_than": M("{value} は範囲外です: {limit} より大きい数を書いてください",
                             "{value} is out of range: write a number more than {limit}"),
    "bounds.greater_than_equal": M("{value} は範囲外です: {limit} 以上の数を書いてください",
                                   "{value} is out of range: write a number {limit} or more"),
    "bounds.less_than": M("{value} は範囲外です: {limit} 未満の数を書いてください",
                          "{value} is out of range: write a number less than {limit}"),
    "bounds.less_than_equal": M("{value} は範囲外です: {limit} 以下の数を書いてください",
                                "{value} is out of range: write a number {limit} or less"),
    "mapping.fullwidth_colon": M("{value} の '{key}' の後ろが全角コロン '：' です: '{key}: {rest}' と書いてください"
                                 "（半角コロンとスペース、キーごとに1行）",
                                 "{value} has a full-width colon '：' after '{key}': write '{key}: {rest}' "
                                 "(半角 colon and a space), each key on its own line"),
    "mapping.list": M("ここにはキーと値を書きます（例: ja: … と en: … をそれぞれの行に）。リストではありません: キーの前の '- ' "
    "を消してください",
                      "expected keys and values here (e.g. ja: … and en: … on their own lines), not a list: "
                      "remove the '- ' in front of the keys"),
    "mapping.nothing": M("ここにはキーと値を書きます（例: ja: … と en: … をそれぞれの行に）。'{field}:' の下にキーを書いてください",
                         "expected keys and values here (e.g. ja: … and en: … on their own lines), not nothing: "
                         "fill in the keys under '{field}:'"),
    "mapping.other": M("ここにはキーと値を書きます（例: ja: … と en: … をそれぞれの行に）。{value} ではありません",
                       "expected keys and values here (e.g. ja: … and en: … on their own lines), not {value}"),
    # --- reading files (loaders.py) -------------------------------------------------------------
    "file.not_found": M("ファイルがありません: {todo}", "file not found: {todo}"),
    "file.create_data": M("作成してください（README の「Editing the data」を参照）", "create it (see README: Editing the data)"),
    "file.create_text": M("作成してください（基本目標ごと・言語ごとに1ファイル）", "create it (one file per goal and language)"),
    "file.is_folder": M("ファイルではなくフォルダーです: フォルダーを削除するか名前を変えてください",
                        "is a folder, not a file: remove or rename the folder"),
    "file.utf16": M("UTF-16 で保存されています: UTF-8 で保存し直してください", "saved as UTF-16: save the file as UTF-8 instead"),
    "file.not_utf8": M("UTF-8 のテキストではありません（ここにバイト 0x{byte}。{guess}{reason}）: UTF-8 で保存し直してください"
                       "（メモ帳: 名前を付けて保存 → 文字コード UTF-8）",
                       "not UTF-8 text (byte 0x{byte} here; {guess}{reason}): save the file as UTF-8 "
                       "(メモ帳: 名前を付けて保存 → 文字コード UTF-8)"),
    "file.shift_jis": M("Shift_JIS のようです。", "it looks like Shift_JIS; "),
    "file.link_outside": M("{where} です: リンクではなく、ファイルをプロジェクトの中にコピーしてください",
                           "is {where}: copy the file into the project instead of linking to it"),
    "file.link_loops": M("循環するリンク", "a link that loops"),
    "file.link_to": M("プロジェクトの外（{target}）へのリンク", "a link to {target}, outside the project"),
    "char.unreadable": M("文字 {char} は読めません: 削除してください", "character {char} cannot be read: delete it"),
    "char.bidi": M("見えない双方向テキスト制御文字 {char} があります（保存された順と違う順に表示されます）: 削除してください",
                   "invisible bidirectional-text control {char}: it shows text in another order than it is stored: delete it"),
    "char.control": M("見えない制御文字 {char} があります: 削除してください（不安なら前後の文字を打ち直してください）",
                      "invisible control character {char}: delete it (retype the text around it if unsure)"),
    "more_problems": M("…ここから先にあと{count}件の問題があります", "… and {count} more problems from here on"),
    "yaml.too_deep": M("入れ子が深すぎます（リストとキーの入れ子が{limit}段を超えています）: 括弧 [ ] {{ }} と字下げを確かめてください",
                       "too deeply nested (more than {limit} lists and mappings inside each other): check the brackets "
                       "[ ] {{ }} and the indentation"),
    "yaml.empty": M("ファイルが空です（またはコメントだけです）: キーと値を書き直すか、最後に保存した版に戻してください",
                    "the file is empty (or has only comments): write its keys and values again, or restore the last saved version"),
    "yaml.alias": M("'*{name}' は別の場所の値を繰り返す書き方（YAML のエイリアス）です: ここに値をそのまま書いてください"
                    "（アンカーとエイリアスは使えません）",
                    "'*{name}' repeats a value given elsewhere (a YAML alias): write the value out in full here; anchors "
                    "and aliases are not supported"),
    "yaml.anchor": M("'&{name}' は値を別の場所で繰り返すための印（YAML のアンカー）です: 削除して、繰り返す値はそれぞれそのまま書"
    "いてください"
                     "（アンカーとエイリアスは使えません）",
                     "'&{name}' marks a value to repeat elsewhere (a YAML anchor): remove it and write repeated values out "
                     "in full; anchors and aliases are not supported"),
    "yaml.tag": M("YAML のタグ {tag} は使えません: 削除してください（文字は引用符で囲みます）",
                  "the YAML tag {tag} is not supported: remove it (put text in quotes instead)"),
    "yaml.key_not_text": M("キーは普通の文字で書いてください", "a key must be plain text"),
    "yaml.duplicate_key": M("キー {key} が重複しています（最初は{first}行目）: 1つだけ残してください",
                            "duplicate key {key} (first at line {first}): keep only one"),
    "yaml.merge_key": M("'<<'（YAML のマージキー）は使えません: キーをそのまま書いてください",
                        "'<<' (a YAML merge key) is not supported: write the keys out in full"),
    "yaml.key_fullwidth_colon": M("{key} に全角コロン '：' があります: '{fixed}:{value}' と書いてください（半角コロンの後にスペース）",
                                  "full-width colon '：' in {key}: write '{fixed}:{value}' (半角 colon, then a space)"),
    "yaml.slip_fullwidth_colon": M("{key} の後ろが全角コロン '：' です: '{fixed}:{value}' と書いてください（半角コロンの後にスペース）",
                                   "full-width colon '：' after {key}: write '{fixed}:{value}' (半角 colon, then a space)"),
    "yaml.key_dash": M("{key} は '-' の後にスペースが必要です: リストの項目は '- {name}:' と書き始めます",
                       "{key} needs a space after '-': write '- {name}:' to start a list item"),
    "yaml.no_space_after_colon": M("':' の後にスペースがありません: '{key}: {value}' と書いてください（半角コロンの後に半角スペース）",
                                   "no space after ':': write '{key}: {value}' (a colon, then a space)"),
    "yaml.fullwidth_indent": M("字下げに全角スペースが使われています: 字下げは半角スペースだけで書いてください",
                               "a full-width space (全角スペース) is used for indentation: indent with 半角 spaces only"),
    "yaml.comment_cut": M("'#' より後ろはコメントとして読まれたため、値は {value} になりました: {comment} も値の一部なら値全体を引"
    "用符で囲んでください",
                          "the text after '#' was read as a comment, so the value is {value}: put the whole value in "
                          "quotes if {comment} belongs to it"),
    # --- YAML syntax, in plain words (loaders.py) -------------------------------------------------
    "syntax.tab": M("ここにタブがあります。字下げはスペースだけで書きます: タブをスペースに置き換えてください",
                    "a tab is used here: YAML indents with spaces only: replace the tab with spaces"),
    "syntax.quote_open": M("ここで始まる引用符 {quote} が閉じていません: 値の終わりに {quote} を書いてください",
                           "the quote {quote} opened here is never closed: add the closing {quote} at the end of the value"),
    "syntax.quote_late": M("ここで始まる引用符 {quote} が{line}行目まで閉じていません: この行の値の終わりに {quote} を書いてください",
                           "the quote {quote} opened here closes only on line {line}: add the closing {quote} at the end "
                           "of the value on this line"),
    "syntax.bracket_open": M("ここで始まる '{bracket}' が閉じていません（{line}行目で分かりました）: 値の終わりに '{closing}' を書き、"
                             "区切りのコンマも確かめてください",
                             "the '{bracket}' opened here is not closed where expected (noticed on line {line}): add "
                             "'{closing}' at the end of the value, and check the commas"),
    "syntax.flow_separator": M("'{bracket}' の中で項目の区切りが足りません: 項目の間に ', ' を入れ、値に ':' を含むなら値を引用符"
    "で囲んでください",
                               "an entry inside '{bracket}' is not separated from the next: put ', ' between entries, and "
                               "quotes around a value that contains ':'"),
    "syntax.colon_here": M("この行の ':' が読めません: 上の行と字下げをそろえ、キーの後は ': '（コロンとスペース）にしてください。"
                           "文章に ': ' を含むなら値全体を引用符で囲んでください",
                           "the ':' on this line cannot be read: line this key up with the keys above it, write ': ' (a colon "
                           "and a space) after each key, and put a text that contains ': ' in quotes"),
    "syntax.no_colon": M("この行か上の行のキーの後に ':' がありません: 'キー: 値' と書いてください（複数行の文章は引用符で囲みます）",
                         "a key on this line or the line above has no ':' after it: write 'key: value' (and put a text "
                         "of several lines in quotes)"),
    "syntax.dash_here": M("ここでは '- '（リストの項目）を始められません: 同じリストの項目と字下げをそろえるか、'- ' を削除してく"
    "ださい",
                          "a list item '- ' cannot start here: line it up with the other items of its list, or remove the '- '"),
    "syntax.indent": M("この行の字下げが上の行とそろっていません: 同じ階層のキーと同じ数のスペースで字下げしてください",
                       "this line is not indented like the lines above it: indent it with as many spaces as the other keys "
                       "at its level"),
    "syntax.after_quote": M("閉じた引用符の後ろに文字が続いています: 値全体を1組の引用符で囲んでください。"
                            "'…' の中の ' は '' と、\"…\" の中の \" は \\\" と書きます",
                            "there is text after the closing quote: put the whole value in one pair of quotes; inside '…' "
                            "write a ' as '', inside \"…\" write a \" as \\\""),
    "syntax.bad_start": M("文字 {char} では値を始められません: 値全体を引用符で囲んでください",
                          "a value cannot start with {char}: put the whole value in quotes"),
    "syntax.escape": M("\"…\" の中の '\\' は特別な記号の始まりと読まれます: '\\' は '\\\\' と書くか、'…' で囲んでください",
                       "a '\\' inside \"…\" starts an escape: write '\\\\' for a backslash, or use '…' quotes instead"),
    "syntax.no_value": M("ここに値がないか、値の最初の文字 {char} が使えません: 値を書き、括弧などで始まるなら引用符で囲んでください",
                         "a value is missing here, or cannot start with {char}: write the value, in quotes if it starts "
                         "with a bracket or similar"),
    "syntax.documents": M("'---' でファイルが2つに分かれています: 1つのファイルには1つの文書だけを書きます。'---' の行を削除してく"
    "ださい",
                          "'---' splits the file in two: a data file holds one document: delete the '---' line"),
    "syntax.other": M("この行は読み取れません: 字下げ、各キーの後の ': '、': ' や ' #' を含む文章の引用符を確かめてください",
                      "this line cannot be read: check the indentation, the ': ' after each key, and quotes around text "
                      "containing ': ' or ' #'"),
    # --- the command line (__main__.py) -----------------------------------------------------------
    "unchanged": M("何も書き込んでいません。前回のビルドはそのままです。", "nothing was written, the previous build is unchanged."),
    "cli.interrupted": M("中断しました。{unchanged}", "interrupted; {unchanged}"),
    "cli.not_a_project": M("{root} に data/ フォルダーがありません: プロジェクトのフォルダーで実行するか、--root で指定してください",
                           "{root} has no data/ folder: run this in the project folder or pass --root"),
    "cli.errors": M("エラー {count} 件。{unchanged}", "{count} error(s); {unchanged}"),
    "cli.strict": M("--strict のため警告 {count} 件をエラーとしました。{unchanged}", "{count} warning(s) with --strict; {unchanged}"),
    "cli.template_missing": M("見つかりません: テンプレートを元に戻してください（プロジェクトに付属しています）",
                              "not found: put the template back (it comes with the project)"),
    "cli.is_folder": M("フォルダーですが、ここにはファイルが必要です: ファイルを元の場所に戻してください",
                       "is a folder, but a file is expected here: put the file back in its place"),
    "cli.not_folder": M("このパスの途中のフォルダーがファイルになっています: そのファイルを移動し、フォルダーを戻してください",
                        "a folder on this path is a file: move that file away and put the folder back"),
    "cli.permission": M("アクセスが拒否されました: site-builder を実行するユーザーが読めるように"
                        "（フォルダーは書き込めるように）してください",
                        "permission denied: make it readable (and its folder writable) for the user who runs site-builder"),
    "cli.not_found": M("見つかりません: ファイルを元に戻してください（README の「Editing the data」を参照）",
                       "not found: put the file back (see README: Editing the data)"),
    "cli.unreadable": M("読み書きできません（{reason}）", "cannot be read or written ({reason})"),
    "cli.template_syntax": M("テンプレートの書き方に誤りがあります（{message}）: 直前の変更を確かめてください",
                             "template syntax error ({message}): check the last change to the template"),
    "cli.open": M("ブラウザーで {path} を開くか、site-builder serve を実行してください",
                  "Open {path} in a browser, or run: site-builder serve"),
    "cli.serving": M("{folder} を {url} で表示しています（Ctrl+C で終了）", "Serving {folder} at {url} (Ctrl+C to stop)"),
    "report.built": M("{pages} ページ × {languages} 言語、ファイル {files} 件、警告 {warnings} 件、{seconds} 秒 → {out}",
                      "{pages} pages × {languages} languages, {files} files, {warnings} warnings, {seconds} s → {out}"),
    "report.checked": M("入力ファイル {files} 件を確認しました。警告 {warnings} 件、{seconds} 秒（何も書き込んでいません）",
                        "{files} input files checked, {warnings} warnings, {seconds} s (nothing written)"),
    "page.link_missing": M("ページ '{page}' が、このサイトにないページ '{target}' にリンクしています: テンプレートからリンクを"
                           "除くか、そのページの元になるデータ（data/site.yaml の sections など）を加えてください",
                           "page '{page}' links to '{target}', a page this site does not have: remove the link from the "
                           "template, or add the data that page is made from (e.g. sections in data/site.yaml)"),
    "schema.stale": M("データのモデルと一致しません: site-builder schema を実行して書き直してください",
                      "differs from the data models: run site-builder schema to write it again"),
    "schema.written": M("{folder} のスキーマ {count} 件を書き直しました", "{count} schema file(s) written in {folder}"),
    "id.used_twice": M("{kind} の id '{id}' は{line}行目でも使われています: id は重複できません",
                       "{kind} id '{id}' is already used at line {line}: ids must be unique"),
    "id.no_status": M("取り組み '{id}' に状態がありません: status: continuing, expanded, new, considering のいずれかを書いてください"
                      "（状態タグのない戦略なら、すべての取り組みの status を削除）",
                      "program '{id}' has no status: add status: continuing, expanded, new or considering (or, if the "
                      "strategy tags no program, delete every program's status)"),
    "folder.is_file": M("{name} がファイルになっていますが、フォルダーでなければなりません: ファイルの名前を変えるか削除してください",
                        "{name} is a file, but it must be a folder: rename or remove the file"),
    "narrative.twin_missing": M("ファイルがありません: ここに {other} の {lang} 版を書いてください（解説は両方の言語で書きます）。"
                                "載せない場合は {other} を削除してください",
                                "file not found: write the {lang} text of {other} here (each narrative is in both languages), "
                                "or delete {other} to leave it out"),
    # --- web addresses (models.py) ---------------------------------------------------------------
    "url.not_publishable": M("{value} はサイトに載せられるURLではありません: {reason}。例: {example}",
                             "{value} is not a web address the site can publish: {reason}; write e.g. {example}"),
    "url.scheme": M("{schemes} で始めてください", "it must start with {schemes}"),
    "url.lowercase": M("スキームは小文字で書いてください（{scheme}://）", "write the scheme in lowercase ({scheme}://)"),
    "url.markup": M("スペース、引用符、'<'、'>' などの記号はURLに使えません",
                    "spaces, quotes, '<', '>' and other markup characters are not allowed in an address"),
    "url.query": M("'?…'（クエリ）や '#…'（フラグメント）は使えません: ページそのもののURLを書いてください",
                   "a query ('?…') or fragment ('#…') is not allowed: give the address of the page itself"),
    "url.user": M("ユーザー名やパスワード（'…@'）は使えません", "a user name or password ('…@') is not allowed"),
    "url.ascii": M("半角英数字で書いてください: 日本語ドメインは xn-- の形、その他の文字は %XX の形（ブラウザーからコピー）",
                   "write it in ASCII: a Japanese domain in its xn-- form, other characters %-encoded (copy it from the browser)"),
    "url.host": M("'//' の後に正しいホスト名がありません", "it has no valid host name after '//'"),
    "url.path": M("パスにURLで使えない文字があります（'%' は %XX の形で使います）",
                  "its path has a character an address cannot hold ('%' must start a %XX code)"),
    "url.folder": M("'/' で終わるように書いてください（サイトを公開するフォルダー）",
                    "it must end with '/' (the folder the site is published in)"),
    # --- ids that refer to something (reviews.py, checks.py) -------------------------------------
    "ref.indicator": M("指標", "indicator"),
    "ref.program": M("取り組み", "program"),
    "ref.goal": M("基本目標", "goal"),
    "ref.measure": M("施策", "measure"),
    "ref.where_indicator": M("data/kpi.yaml の指標（goals → indicators または measures → kpis）",
                             "an indicator in data/kpi.yaml (goals → indicators, or measures → kpis)"),
    "ref.where_program": M("data/kpi.yaml の取り組み（measures → programs）", "a program in data/kpi.yaml (measures → programs)"),
    "ref.where_goal": M("data/kpi.yaml の基本目標", "a goal in data/kpi.yaml"),
    "ref.where_measure": M("data/kpi.yaml の施策（goals → measures）", "a measure in data/kpi.yaml (goals → measures)"),
    "ref.did_you_mean": M("（'{close}' の書き間違いではありませんか？）", " (did you mean '{close}'?)"),
    "ref.unknown": M("{kind} '{id}' がありません{guess}: {where} の id を書いてください",
                     "unknown {kind} '{id}'{guess}: use the id of {where}"),
    "ref.listed_twice": M("{kind} '{id}' は{line}行目にもあります: 効果検証では1つにつき1回だけ書きます。1つ残してください",
                          "{kind} '{id}' is already listed at line {line}: a review lists each one once; keep one entry"),
    "ref.unknown_status": M("実施状況 '{status}' は定義されていません: {hint}", "unknown status '{status}': {hint}"),
    "ref.status_one_of": M("{statuses} のいずれかを書いてください（data/site.yaml の review.program_statuses）",
                           "write one of {statuses} (data/site.yaml review.program_statuses)"),
    "ref.no_statuses": M("実施状況がまだ定義されていません: data/site.yaml の review: の下に program_statuses: を書いてください",
                         "no statuses are defined yet: list them in data/site.yaml under review: program_statuses:"),
    "ref.budget_program": M("予算事業が存在しない取り組み '{id}' を指しています: "
                            "goals → measures → programs にある取り組みの id を書いてください",
                            "budget item refers to program '{id}', which does not exist: use the id of a program under "
                            "goals → measures → programs"),
    "ref.also_in": M("also_in が存在しない施策 '{id}' を指しています: 別の施策の id を書いてください（例: {example}）",
                     "also_in refers to measure '{id}', which does not exist: use the id of another measure, e.g. {example}"),
    # --- Markdown: what the site removes from a narrative (markup_scan.py) --------------------------
    "html.why_bidi": M("保存された順と違う順に表示されるため", "it shows text in another order than it is stored"),
    "html.why_invisible": M("本文の一部ではないため", "it is not part of the text"),
    "html.invisible": M("見えない文字 {names} を取り除きました（{why}）: ファイルから削除してください",
                        "removed invisible character {names} ({why}): delete it from the file"),
    "html.what_script": M("スクリプト", "scripts"),
    "html.what_style": M("スタイル", "styles"),
    "html.removed_with_content": M("HTML の <{name}>…</{name}> を中身ごと取り除きました: "
                                   "本文に書いた{what}はサイトに表示しません。削除してください",
                                   "raw HTML <{name}>…</{name}> removed with its content: the site shows no {what} written in "
                                   "the text; delete it"),
    "html.unclosed_with_content": M("閉じていない <{name}> を取り除き、後ろの文章は残しました: 本文に書いた{what}はサイトに表示しません。"
                                    "タグを削除してください",
                                    "unclosed <{name}> removed, the text after it kept: the site shows no {what} written in the "
                                    "text; delete the tag"),
    "html.removed": M("HTML の <{name}> を取り除きました（中の文章は残します）: {hint}",
                      "raw HTML <{name}> removed (its text is kept): {hint}"),
    "html.hint_img": M("画像は ![内容の説明](images/name.png) と書いてください", "write an image as ![what it shows](images/name.png)"),
    "html.hint_h1": M("見出しは ## 見出し と書いてください（# はページの題名だけ）",
                      "write a heading as ## Heading (the page's title is its only #)"),
    "html.hint_b": M("太字は **太字** と書いてください", "write **bold** instead"),
    "html.hint_i": M("斜体は *斜体* と書いてください", "write *italic* instead"),
    "html.hint_embed": M("サイトは他のサイトの内容を埋め込みません: [題名](https://…) のようにリンクしてください",
                         "the site embeds nothing from another site: link to it instead, [title](https://…)"),
    "html.hint_markdown": M("HTML ではなく Markdown で書いてください", "write Markdown instead of HTML"),
    "html.unclosed": M("閉じていない <{name}> を取り除きました（後ろの文章を Markdown として読むため）: "
                       "</{name}> で閉じるか削除してください",
                       "unclosed <{name}> removed, so that the text after it is still read as Markdown: close it with "
                       "</{name}> or delete it"),
    "html.attribute": M("<{tag}> の属性 {names} を取り除きました: ここで残すのは {allowed} だけです。削除してください",
                        "attribute {names} removed from <{tag}>: the site keeps only {allowed} here; delete it"),
    "html.style": M("<{tag}> の style を text-align 以外取り除きました: サイトのスタイルが使われます。削除してください",
                    "style of <{tag}> removed except text-align: the site's own styles apply; delete it"),
    "html.link": M("リンク先 {target} を取り除きました: リンク先は http:// か https:// のURL、mailto:、またはこのサイトのパスです",
                   "link target {target} removed: a link is an http:// or https:// address, mailto: or a path of this site"),
    # --- warnings: accepted, but changed or incomplete ---------------------------------------------
    "doubt.negative": M("値 {value} はマイナスですが、基準値と目標値はマイナスではありません: "
                        "件数などは0未満になりません。符号を確かめてください",
                        "value {value} is negative, but the baseline and the target are not: a count cannot be below 0; "
                        "check the sign"),
    "doubt.over_100": M("値 {value} は100を超えていますが、単位は % です: 小数点を確かめてください（802 ではなく 80.2）",
                        "value {value} is over 100 but the unit is %: check the decimal point (80.2, not 802)"),
    "doubt.ten_times": M("値 {value} は基準値・目標値（{refs}）の10倍を超えています: 桁、小数点、単位を確かめてください",
                         "value {value} is more than ten times the baseline and the target ({refs}): "
                         "check the digits, the decimal point and the unit"),
    "doubt.tenth": M("値 {value} は基準値・目標値（{refs}）の10分の1未満です: 桁、小数点、単位を確かめてください",
                     "value {value} is less than a tenth of the baseline and the target ({refs}): "
                     "check the digits, the decimal point and the unit"),
    "doubt.fiscal_year": M("年度", "fiscal year"),
    "doubt.calendar_year": M("暦年", "calendar year"),
    "doubt.later_year": M("値は{kind} {year} のもので、検証した年度 {reviewed} より後です: as_of を確かめるか、"
                          "値を data/reviews/{year}.yaml に移してください",
                          "the value is for {kind} {year}, after the reviewed fiscal year {reviewed}: "
                          "check as_of, or move the value to data/reviews/{year}.yaml"),
    "doubt.after_year": M("値の日付 {date} は {reviewed} 年度の終わりより後です（{reviewed} 年度の検証で報告できるのは {latest} "
                          "時点の数まで）: as_of かファイルを確かめてください",
                          "the value is dated {date}, after fiscal year {reviewed} ended (the latest a review of "
                          "{reviewed} reports is a count on {latest}): check as_of or the file"),
    "doubt.after_held": M("値の日付 {date} は検証の実施（{held}）より後です: as_of か held を確かめてください",
                          "the value is dated {date}, after the review was held ({held}): check as_of or held"),
    "warn.no_english": M("「{text}」に英語がありません: en: を追加してください（英語のページには日本語のまま表示されます）",
                         "no English text for 「{text}」: add en: to it (English pages show the Japanese meanwhile)"),
    "warn.ui_missing": M("表示用の文字列 '{key}' が {other} にありません: そちらにも追加してください",
                         "UI string '{key}' is missing in {other}: add it there too"),
    "optional_file": M("（図表がない戦略なら {name} を削除してください）", " (or delete {name} if the strategy has no such figures)"),
    "comment_cut_error": M(" （この行の '#' より後ろの {comment} はコメントとして読まれました: 値の一部なら値全体を引用符で囲んで"
    "ください）",
                           " (the text {comment} after '#' on this line was read as a comment: put the whole value in "
                           "quotes if it belongs to it)"),
}
# The parts kept in modules of their own (each under ~400 lines); an id is in one part only.
for _part in (CHECKS, MARKDOWN, COMMANDS):
    assert not CATALOGUE.keys() & _part.keys(), f"message ids defined twice: {CATALOGUE.keys() & _part.keys()}"
    CATALOGUE.update(_part)
