"""Reads a built site's HTML: every URL it references, and every id it defines (for link tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

URL_ATTRS = {"href", "src", "action", "poster", "data"}


@dataclass
class PageRefs:
    urls: list[tuple[str, str, str, dict]] = field(default_factory=list)  # (tag, attr, url, attrs)
    ids: set[str] = field(default_factory=set)
    lang: str | None = None
    hreflangs: dict[str, str] = field(default_factory=dict)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs = PageRefs()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.refs.ids.add(a["id"])
        if tag == "html":
            self.refs.lang = a.get("lang")
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.refs.hreflangs[a["hreflang"]] = a["href"]
        for attr in URL_ATTRS & a.keys():
            self.refs.urls.append((tag, attr, a[attr], a))
        if "srcset" in a:
            for part in a["srcset"].split(","):
                self.refs.urls.append((tag, "srcset", part.strip().split(" ")[0], a))


def parse(path: Path) -> PageRefs:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.refs


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def internal_links(site: Path, skip: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """Follow every relative link and anchor of every page: (how many were checked, the broken ones).
    Links to other hosts and the 404 page's root-relative links are not followed; `skip` names URL parts
    to leave out (e.g. "pagefind/" where the search index was not built)."""
    checked, broken = 0, []
    for page in html_pages(site):
        for tag, attr, url, _ in parse(page).urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or page.name == "404.html" or any(s in url for s in skip):
                continue
            target = (page.parent / parts.path).resolve() if parts.path else page
            where = f"{page.relative_to(site)}: {tag}[{attr}]={url}"
            if not target.is_file():
                broken.append(f"{where} does not exist")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in parse(target).ids:
                broken.append(f"{where}: no #{parts.fragment} there")
            checked += 1
    return checked, broken
