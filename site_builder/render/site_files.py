"""Files beside the pages: static assets, sitemap.xml, robots.txt (pure, given their inputs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from ..errors import DataError, Problem
from ..load.models import LANGS
from ..render.environment import public_url


def static_assets(folder: Path, root: Path | None = None) -> Iterator[tuple[str, bytes]]:
    """Our own CSS, JS and images, copied as they are, in a stable order.

    A file linked from outside the project (`root`, by default the folder's parent) is refused, never
    published: the loaders check this first, and this is the last guard before the bytes are read."""
    base = (root or folder.parent).resolve()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            if not path.resolve().is_relative_to(base):
                raise DataError([Problem(Path(folder.name, path.relative_to(folder)), None, None,
                                         "is a link to a file outside the project: copy the file into assets/ instead")])
            yield "assets/" + path.relative_to(folder).as_posix(), path.read_bytes()


def sitemap_xml(pages, base_url: str) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in pages:
        if not page.in_sitemap:
            continue
        urls = {lang: public_url(base_url, page.key, lang) for lang in LANGS}
        for lang in LANGS:
            lines.append(f"  <url><loc>{escape(urls[lang])}</loc>")
            for alt in LANGS:
                lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(alt)} href={quoteattr(urls[alt])}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base_url: str) -> str:
    # base_url is validated as a plain address; %-encoding whatever else slipped in keeps it on one line.
    sitemap = quote(f"{base_url}sitemap.xml", safe=":/%@!$&'()*+,;=~-._")
    return f"User-agent: *\nAllow: /\nSitemap: {sitemap}\n"
