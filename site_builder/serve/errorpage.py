"""What the preview shows instead of a page while the site cannot be built: every problem, where it is and
what to write, with the page's chrome in Japanese and English. Also the page shown while the first build runs.

The messages are the build's own (the same lines `site-builder build` prints); this module only lays
them out, escaped, under the site's policy.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateNotFound, TemplateSyntaxError

from ..errors import DataError, Problem, SiteError, escaped
from ..headers import csp
from ..messages import say
from .reload import PREFIX

LAST_GOOD = PREFIX + "last-good/"  # the last good site, browsable while the current one is broken


@dataclass(frozen=True)
class Shown:
    """One problem as the page shows it: where (file:line:col, or empty) and what to do."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" if self.where else self.what


def located(problem: Problem) -> Shown:
    text = str(problem)  # whatever the build says, in the form it says it (escaped, perhaps bilingual)
    where = str(problem.path) + "".join(f":{n}" for n in (problem.line, problem.col if problem.line is not None else None)
                                        if n is not None)
    where = escaped(where)
    if text.startswith(where + ": "):
        return Shown(where, text[len(where) + 2:])
    return Shown("", text)


def describe(error: Exception, root: Path) -> list[Shown] | None:
    """The problems a failed build reports to its user, or None when the failure is a bug in site-builder."""
    if isinstance(error, DataError):
        return [located(p) for p in error.problems]
    if isinstance(error, SiteError):
        return [Shown("", escaped(str(error), keep="\n"))]
    if isinstance(error, TemplateNotFound):  # an OSError too, without a file name
        return [Shown(f"templates/{error.name}", say("cli.template_missing"))]
    if isinstance(error, TemplateSyntaxError):
        return [Shown(f"templates/{error.name or error.filename}:{error.lineno}",
                      say("cli.template_syntax", message=error.message))]
    if isinstance(error, OSError) and error.filename is not None:
        from ..__main__ import file_problem  # the CLI's wording, so the page and the terminal agree

        return [Shown("", file_problem(error, root))]
    return None


STYLE = """
body { font: 16px/1.6 system-ui, "Noto Sans CJK JP", sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
.banner { border-left: 0.4rem solid #b00020; padding: 0.5rem 1rem; background: #fdecee; }
h1 { font-size: 1.5rem; margin: 0.2rem 0; } h1 span { display: block; font-size: 1.1rem; font-weight: normal; }
ol { padding-left: 1.5rem; } li { margin: 0.8rem 0; }
code { font: 0.95rem/1.5 ui-monospace, monospace; background: #f2f2f2; padding: 0.1rem 0.3rem; word-break: break-all; }
.what { white-space: pre-wrap; margin: 0.2rem 0 0; }
a { color: #0645ad; }
"""


def _document(title: str, body: str, version_tag: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{csp()}">\n<meta name="robots" content="noindex">\n'
            f"<title>{title}</title>\n<style>{STYLE}</style>\n{version_tag}</head>\n<body>\n<main>\n{body}</main>\n"
            f"</body>\n</html>\n").encode()


def error_page(problems: list[Shown], path: str, last_good: bool, version_tag: str) -> bytes:
    """The page shown for every page request while the site is broken. `path` is the page asked for."""
    n = len(problems)
    items = "".join(
        f'<li>{f"<code>{html.escape(p.where)}</code>" if p.where else ""}<p class="what">{html.escape(p.what)}</p></li>\n'
        for p in problems)
    if last_good:
        link = html.escape(LAST_GOOD + path.lstrip("/"), quote=True)
        kept = (f"<p>最後に正しく作れた版はそのまま残っています（build/ は変わっていません）。"
                f'<a href="{link}">このページの最後に正しく作れた版を見る</a></p>\n'
                f'<p lang="en">The last good version is still being served (build/ is unchanged): '
                f'<a href="{link}">see the last good version of this page</a>.</p>\n')
    else:
        kept = ("<p>正しく作れた版はまだありません。</p>\n"
                '<p lang="en">There is no good version of the site yet.</p>\n')
    body = (f'<div class="banner" role="alert">\n<h1>サイトを作れませんでした（問題 {n} 件）'
            f'<span lang="en">The site could not be built ({n} problem{"" if n == 1 else "s"})</span></h1>\n'
            f"<p>下の問題を直して保存すると、このページは自動で読み込み直されます。</p>\n"
            f'<p lang="en">Fix the problems below and save: this page reloads by itself.</p>\n</div>\n'
            f"{kept}<h2>問題 <span lang=\"en\">Problems</span></h2>\n<ol>\n{items}</ol>\n")
    return _document("エラー Error — site-builder serve", body, version_tag)


def building_page(version_tag: str) -> bytes:
    """Shown while the first build runs and there is no site yet; it reloads itself when the build ends."""
    body = ('<h1>サイトを作っています…<span lang="en">Building the site…</span></h1>\n'
            "<p>できあがると、このページは自動で読み込み直されます。</p>\n"
            '<p lang="en">This page reloads by itself when the site is ready.</p>\n')
    return _document("作成中 Building — site-builder serve", body, version_tag)
