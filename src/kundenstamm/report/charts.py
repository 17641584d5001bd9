"""Charts as inline SVG, drawn from already aggregated numbers (no scripts, no external files).

Each function returns an SVG string; labels are passed in already formatted for the language.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

PALETTE = ("#1f5f8b", "#e07b39", "#4c9a5f", "#b8463f", "#7d5ba6", "#8c8c8c")
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _svg(width: int, height: int, body: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" {FONT}>'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def bars(items: list[tuple[str, float, str]], title: str, width: int = 640) -> str:
    """Horizontal bars: (label, value, formatted value)."""
    if not items:
        return ""
    row, label_width = 26, 170
    height = row * len(items) + 10
    top = max((value for _, value, _ in items), default=0) or 1
    body = []
    for index, (label, value, shown) in enumerate(items):
        y = 5 + index * row
        length = max(0.0, value) / top * (width - label_width - 110)
        body.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{PALETTE[0]}" rx="2"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 16}">{escape(shown)}</text>'
        )
    return _svg(width, height, "".join(body), title)


def pyramid(levels: list[tuple[str, str, str]], title: str, width: int = 640) -> str:
    """The customer pyramid, top level first: (class label, customers, revenue), all formatted."""
    if not levels:
        return ""
    row = 44
    height = row * len(levels) + 10
    centre = width / 2
    body = []
    for index, (label, customers, revenue) in enumerate(levels):
        y = 5 + index * row
        # the top level is wide enough for its two lines of text
        top_half = 95 + index * (centre - 110) / len(levels)
        bottom_half = 95 + (index + 1) * (centre - 110) / len(levels)
        points = (
            f"{centre - top_half:.1f},{y} {centre + top_half:.1f},{y} "
            f"{centre + bottom_half:.1f},{y + row - 4} {centre - bottom_half:.1f},{y + row - 4}"
        )
        colour = PALETTE[min(index, len(PALETTE) - 1)]
        body.append(
            f'<polygon points="{points}" fill="{colour}" opacity="0.85"/>'
            f'<text x="{centre}" y="{y + 17}" text-anchor="middle" fill="#fff" '
            f'font-weight="bold">{escape(label)}</text>'
            f'<text x="{centre}" y="{y + 33}" text-anchor="middle" fill="#fff">'
            f"{escape(customers)} · {escape(revenue)}</text>"
        )
    return _svg(width, height, "".join(body), title)


def _axes(width, height, left, bottom, y_min, y_max, y_ticks, y_label) -> tuple[str, callable]:
    def y_of(value: float) -> float:
        return 10 + (height - bottom - 10) * (1 - (value - y_min) / ((y_max - y_min) or 1))

    parts = [
        f'<line x1="{left}" y1="10" x2="{left}" y2="{height - bottom}" stroke="#555"/>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" y2="{height - bottom}" '
        'stroke="#555"/>',
    ]
    for value, shown in y_ticks:
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(shown)}</text>'
        )
    parts.append(
        f'<text x="12" y="{(height - bottom) / 2:.1f}" transform="rotate(-90 12 '
        f'{(height - bottom) / 2:.1f})" text-anchor="middle">{escape(y_label)}</text>'
    )
    return "".join(parts), y_of


def line_with_band(
    points: list[tuple[str, float | None, float | None, float | None, bool]],
    title: str,
    y_label: str,
    width: int = 760,
    height: int = 300,
    tick_format: Callable[[float], str] = lambda value: f"{value:g}",
) -> str:
    """A line (e.g. NPS per month) with its confidence band; (x label, y, low, high, is_small).
    Small groups are drawn as hollow points; `tick_format` writes the y-axis numbers."""
    shown = [p for p in points if p[1] is not None]
    if not shown:
        return ""
    lows = [p[2] if p[2] is not None else p[1] for p in shown]
    highs = [p[3] if p[3] is not None else p[1] for p in shown]
    y_min = max(-100.0, min(lows) - 5)
    y_max = min(100.0, max(highs) + 5)
    step = 10 if y_max - y_min <= 100 else 25
    first_tick = -int(-y_min // step) * step  # the first multiple of step inside the range
    ticks = [(v, tick_format(v)) for v in range(first_tick, int(y_max) + 1, step)]
    left, bottom = 50, 40
    axes, y_of = _axes(width, height, left, bottom, y_min, y_max, ticks, y_label)
    # the last point keeps half a label's width to the right edge, so its label is not cut off
    span = (width - left - 50) / max(1, len(shown) - 1)

    def x_of(index: int) -> float:
        return left + 10 + index * span

    upper = " ".join(f"{x_of(i):.1f},{y_of(h):.1f}" for i, h in enumerate(highs))
    lower = " ".join(f"{x_of(i):.1f},{y_of(lo):.1f}" for i, lo in reversed(list(enumerate(lows))))
    line = " ".join(f"{x_of(i):.1f},{y_of(p[1]):.1f}" for i, p in enumerate(shown))
    body = [
        axes,
        f'<polygon points="{upper} {lower}" fill="{PALETTE[0]}" opacity="0.18"/>',
        f'<polyline points="{line}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>',
    ]
    label_every = max(1, len(shown) // 12)
    for index, (label, value, _, _, small) in enumerate(shown):
        fill = "#fff" if small else PALETTE[0]
        body.append(
            f'<circle cx="{x_of(index):.1f}" cy="{y_of(value):.1f}" r="3.5" fill="{fill}" '
            f'stroke="{PALETTE[0]}"/>'
        )
        if index % label_every == 0 or index == len(shown) - 1:
            body.append(
                f'<text x="{x_of(index):.1f}" y="{height - bottom + 16}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    return _svg(width, height, "".join(body), title)


def lorenz(
    points: list[tuple[float, float]],
    title: str,
    x_label: str,
    y_label: str,
    marker: tuple[float, float] | None = None,
    width: int = 520,
    height: int = 400,
    tick_format: Callable[[float], str] = lambda share: f"{share:.0%}",
) -> str:
    """Cumulative share of the basis (y) against the share of customers (x), largest first;
    `tick_format` writes a share 0-1 as the language does (e.g. '20 %')."""
    left, bottom = 55, 45
    ticks = [(v / 100, tick_format(v / 100)) for v in range(0, 101, 20)]
    axes, y_of = _axes(width, height, left, bottom, 0.0, 1.0, ticks, y_label)

    def x_of(share: float) -> float:
        return left + share * (width - left - 10)

    curve = " ".join(f"{x_of(x):.1f},{y_of(y):.1f}" for x, y in [(0.0, 0.0), *points])
    body = [
        axes,
        f'<line x1="{x_of(0)}" y1="{y_of(0)}" x2="{x_of(1)}" y2="{y_of(1)}" stroke="#999" '
        'stroke-dasharray="4 4"/>',
        f'<polyline points="{curve}" fill="none" stroke="{PALETTE[1]}" stroke-width="2.5"/>',
    ]
    for value in range(0, 101, 20):
        anchor = "end" if value == 100 else "middle"
        body.append(
            f'<text x="{x_of(value / 100):.1f}" y="{height - bottom + 16}" '
            f'text-anchor="{anchor}">{escape(tick_format(value / 100))}</text>'
        )
    body.append(
        f'<text x="{(left + width) / 2:.1f}" y="{height - 8}" text-anchor="middle">'
        f"{escape(x_label)}</text>"
    )
    if marker:
        x, y = marker
        body.append(
            f'<circle cx="{x_of(x):.1f}" cy="{y_of(y):.1f}" r="5" fill="{PALETTE[3]}"/>'
            f'<line x1="{x_of(x):.1f}" y1="{y_of(y):.1f}" x2="{x_of(x):.1f}" '
            f'y2="{y_of(0):.1f}" stroke="{PALETTE[3]}" stroke-dasharray="3 3"/>'
        )
    return _svg(width, height, "".join(body), title)


def columns(
    groups: list[tuple[str, list[float]]],
    series: list[str],
    title: str,
    y_label: str,
    width: int = 760,
    height: int = 300,
    tick_format: Callable[[float], str] = lambda value: f"{value:,.0f}",
) -> str:
    """Vertical columns per group, one per series (e.g. predicted vs actual per decile, or a
    histogram with one series); `tick_format` writes the axis numbers for the language."""
    if not groups:
        return ""
    top = max((max(values) for _, values in groups if values), default=0) or 1
    ticks = [(top * i / 4, tick_format(top * i / 4)) for i in range(5)]
    left, bottom = 60, 40
    axes, y_of = _axes(width, height, left, bottom, 0.0, top, ticks, y_label)
    slot = (width - left - 20) / len(groups)
    bar = slot * 0.8 / max(1, len(series))
    body = [axes]
    for index, (label, values) in enumerate(groups):
        x0 = left + 10 + index * slot + slot * 0.1
        for number, value in enumerate(values):
            y = y_of(max(0.0, value))
            body.append(
                f'<rect x="{x0 + number * bar:.1f}" y="{y:.1f}" width="{bar - 1:.1f}" '
                f'height="{y_of(0) - y:.1f}" fill="{PALETTE[number % len(PALETTE)]}"/>'
            )
        body.append(
            f'<text x="{x0 + slot * 0.4:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    if len(series) > 1:
        for number, name in enumerate(series):
            x = width - 160
            y = 18 + number * 16
            body.append(
                f'<rect x="{x}" y="{y - 10}" width="10" height="10" fill="{PALETTE[number]}"/>'
                f'<text x="{x + 16}" y="{y}">{escape(name)}</text>'
            )
    return _svg(width, height, "".join(body), title)
