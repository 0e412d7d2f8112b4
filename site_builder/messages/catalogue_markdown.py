"""Messages about Markdown files (load/markup.py): figures, images, headings. Joined into CATALOGUE by catalogue.py."""

from __future__ import annotations

from .text import Message as M

MARKDOWN: dict[str, M] = {
    "md.empty": M("ファイルが空なので、このページには文章が表示されません: 解説を Markdown で書いてください"
                  "（README の「Narrative」を参照）",
                  "the file is empty, so the page shows no text here: write the narrative in Markdown (see README: Narrative)"),
    "md.h1": M("'#' の見出しは '##' として表示しました: '#' はページの題名だけです。文章の見出しは ## から始めてください",
               "a '#' heading is shown as '##': the page's title is its only '#' heading; start the text's headings at ##"),
    # --- [[figure:NAME]] lines ---------------------------------------------------------------------
    "figure.malformed": M("{line} は図表の行ではありません: [[figure:名前]] だけを1行に書いてください（例: [[figure:fertility]]）",
                          "{line} is not a figure line: write [[figure:NAME]] alone on its line, e.g. [[figure:fertility]]"),
    "figure.unknown": M("図表 '{name}' はありません: {hint}{choices}", "unknown figure '{name}': {hint}{choices}"),
    "figure.did_you_mean": M("'{close}' の書き間違いではありませんか？ ", "did you mean '{close}'? "),
    "figure.one_of": M("{names} のいずれかを書いてください", "use one of {names}"),
    "figure.none": M("このプロジェクトには図表がありません（図表は data/population.yaml と data/survey.yaml から作ります）: "
                     "この行を削除してください",
                     "this project has no figures (they come from data/population.yaml and data/survey.yaml): delete the line"),
    "figure.twice": M("図表 '{name}' はすでに{line}行目に置かれています: 図表は1ページに1回だけです。どちらかの行を削除してください",
                      "figure '{name}' is already placed on line {line}: a figure appears once on a page; delete one of the lines"),
    # --- images: ![what it shows](images/name.png) ---------------------------------------------------
    "image.example": M("![画像の内容の説明](images/name.png)", "![what the image shows](images/name.png)"),
    "image.no_alt": M("画像 {src} に説明がありません: [ ] の中に画像の内容を書いてください（例: {example}）",
                      "the image {src} has no description: write what it shows between the brackets, e.g. {example}"),
    "image.data": M("文章に埋め込んだ画像（data:）は表示しません: content/images/ にファイルとして保存し、{example} と書いてください",
                    "an image written into the text (data:) is not shown: save it as a file in content/images/ and write "
                    "{example}"),
    "image.remote": M("画像 {src} は他のサイトにあります。このサイトは他のサイトから何も読み込みません: content/images/ に保存し、"
                      "{example} と書いてください",
                      "the image {src} is on another site, and the site never loads anything from another host: save it in "
                      "content/images/ and write {example}"),
    "image.not_here": M("ここには画像を置けません: 画像の行を削除してください", "images are not allowed here: delete the image"),
    "image.outside": M("画像のパス {src} は content/ の中のファイルを、content/ からの相対パスで指してください（例: {example}）",
                       "the image path {src} must lead to a file inside content/, written relative to it, e.g. {example}"),
    "image.type": M("画像 {src} は PNG, JPEG, GIF, WebP のいずれかにしてください（SVG はスクリプトを実行できるため使えません）: "
                    "PNG に変換してください",
                    "the image {src} must be a PNG, JPEG, GIF or WebP file (an SVG file could run scripts): convert it to PNG"),
    "image.not_found": M("画像がありません: {path}: ファイル名（大文字・小文字も区別します）と置き場所を確かめてください",
                         "image not found: {path}: check the file name (capital letters count) and where it is"),
    "image.link_outside": M("{path} は content/ の外のファイルへのリンクです: 画像そのものを content/ にコピーしてください",
                            "{path} is a link to a file outside content/: copy the image itself into content/"),
    "image.wrong_data": M("{path} は {kind} 画像ではありません: {kind} 形式で保存し直してください",
                          "{path} is not a {kind} image: save it again as {kind}"),
}
