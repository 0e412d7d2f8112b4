"""The site's security policy, defined once: every page's `<meta>` CSP (templates call `csp()`),
the `_headers` file the build writes for Netlify and Cloudflare Pages, and the nginx snippet in
docs/hosting/nginx.conf (a test keeps that file equal to `HEADERS`).
"""

from __future__ import annotations

from markupsafe import Markup

# No inline or eval'd script, nothing from another host. Inline styles stay allowed for the SVG charts.
POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
)
# Pagefind searches with WebAssembly: only the search page may compile it (still no eval, no inline script).
WASM = "'wasm-unsafe-eval'"
REFERRER_POLICY = "no-referrer"


def policy(*, wasm: bool = False, framing: bool = False) -> str:
    """The Content-Security-Policy; `wasm` for the search page, `framing` adds frame-ancestors,
    which only a header can set (browsers ignore it in <meta>)."""
    parts = [f"{name} {value} {WASM}" if wasm and name == "script-src" else f"{name} {value}" for name, value in POLICY]
    if framing:
        parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


def csp(wasm: bool = False) -> Markup:
    """The policy for a page's <meta http-equiv>; our own constant, it holds no character to escape."""
    return Markup(policy(wasm=wasm))


# One rule for every path, because hosts merge the rules that match (Cloudflare joins a repeated
# header with a comma: two policies, both enforced, would forbid WebAssembly on the search page).
# So the header carries the widest policy any page needs, and each page's <meta> narrows it: a browser
# enforces every policy it gets, so only the search page can compile WebAssembly.
HEADERS = (
    ("Content-Security-Policy", policy(wasm=True, framing=True)),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", REFERRER_POLICY),
)


def headers_file() -> str:
    """`_headers` (Netlify, Cloudflare Pages): the same headers for every path of the site."""
    lines = ["# Security headers for Netlify and Cloudflare Pages, written by site-builder (README: Hosting).", "/*"]
    lines += [f"  {name}: {value}" for name, value in HEADERS]
    return "\n".join(lines) + "\n"
