"""Headers for static files, which WhiteNoise answers before the security middleware runs."""

from __future__ import annotations

from typing import Any

# A static file is never a page: if a browser opens one as a document (an SVG, a stray HTML
# file), it may load nothing, run nothing and be framed by nobody.
STATIC_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; frame-ancestors 'none'"
)


def add_static_headers(headers: Any, path: str, url: str) -> None:
    headers["Content-Security-Policy"] = STATIC_CSP
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
