"""Server-side SVG charts: no script, no CDN, readable without colour (values are printed
beside every bar and point, and every chart has a data table next to it)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
BAR_HEIGHT = 22
LABEL_WIDTH = 170


def bar_chart(items: list[tuple[str, int | None]], title: str, suppressed_label: str) -> SafeString:
    """Horizontal bars; a suppressed value is drawn as a hatched stub with a text label."""
    top = max([v for _, v in items if v is not None] or [1]) or 1
    height = 30 + BAR_HEIGHT * len(items)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" width="100%">',
        f"<title>{escape(title)}</title>",
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'  # noqa: E501
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#777" stroke-width="2"/></pattern></defs>',
    ]
    span = WIDTH - LABEL_WIDTH - 90
    for i, (label, value) in enumerate(items):
        y = 20 + i * BAR_HEIGHT
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="13">{escape(label)}</text>'  # noqa: E501
        )
        if value is None:
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="24" height="{BAR_HEIGHT - 6}" fill="url(#hatch)"/>'  # noqa: E501
            )
            parts.append(
                f'<text x="{LABEL_WIDTH + 30}" y="{y + 15}" font-size="12">{escape(suppressed_label)}</text>'
            )
            continue
        width = max(1, round(span * value / top))
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{width}" height="{BAR_HEIGHT - 6}" fill="#1f5f8b"/>'
        )
        parts.append(f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 15}" font-size="12">{value:,}</text>')
    parts.append("</svg>")
    # Every text placed in the SVG above went through escape(); numbers are formatted ints.
    return mark_safe("".join(parts))  # noqa: S308


def line_chart(points: list[tuple[str, int | None]], title: str) -> SafeString:
    """A time series; gaps (suppressed or missing) break the line."""
    height, left, bottom = 240, 60, 30
    known = [v for _, v in points if v is not None]
    top = max(known or [1]) or 1
    step = (WIDTH - left - 20) / max(1, len(points) - 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" width="100%">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - 10}" y2="{height - bottom}" stroke="#333"/>',
        # value axis: from 0 to the highest value, both labelled
        f'<line x1="{left}" y1="20" x2="{left}" y2="{height - bottom}" stroke="#333"/>',
        f'<text x="{left - 6}" y="{height - bottom + 4}" text-anchor="end" font-size="11">0</text>',
        f'<text x="{left - 6}" y="24" text-anchor="end" font-size="11">{top:,}</text>',
        f'<line x1="{left - 3}" y1="20" x2="{left}" y2="20" stroke="#333"/>',
    ]
    segment: list[str] = []
    for i, (period, value) in enumerate(points):
        x = left + i * step
        parts.append(
            f'<text x="{x:.0f}" y="{height - 10}" text-anchor="middle" font-size="11">{escape(period)}</text>'
        )
        if value is None:
            if len(segment) > 1:
                parts.append(
                    f'<polyline fill="none" stroke="#1f5f8b" stroke-width="2" points="{" ".join(segment)}"/>'
                )
            segment = []
            continue
        y = (height - bottom) - (height - bottom - 20) * value / top
        segment.append(f"{x:.0f},{y:.0f}")
        parts.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="3" fill="#1f5f8b"/>')
        parts.append(
            f'<text x="{x:.0f}" y="{y - 7:.0f}" text-anchor="middle" font-size="11">{value:,}</text>'
        )
    if len(segment) > 1:
        parts.append(
            f'<polyline fill="none" stroke="#1f5f8b" stroke-width="2" points="{" ".join(segment)}"/>'
        )
    parts.append("</svg>")
    # Every text placed in the SVG above went through escape(); numbers are formatted ints.
    return mark_safe("".join(parts))  # noqa: S308
