"""Charts as inline SVG, drawn from already aggregated numbers (no scripts, no external files).

Each function returns an SVG string; labels are passed in already formatted for the language.
Every chart with axes names both of them (the `*_label` arguments), and the text is 13 units high
in a view box about as wide as the panel it is drawn in, so it reads at 11 px or more on a
desktop page.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

PALETTE = ("#1f5f8b", "#e07b39", "#4c9a5f", "#b8463f", "#7d5ba6", "#8c8c8c")
FONT_SIZE = 13
FONT = f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}"'


def _svg(width: int, height: int, body: str, title: str, kind: str) -> str:
    # as wide as its panel; on a narrow screen at least 85 % of its view box (text >= 11 px),
    # scrolling sideways in its frame (style.css, .chart)
    return (
        f'<div class="chart"><svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="100%" style="--chart-width:{width}px" '
        f'role="img" aria-label="{escape(title)}" data-chart="{kind}" {FONT}>'
        f"<title>{escape(title)}</title>{body}</svg></div>"
    )


def bars(
    items: list[tuple[str, float, str]], title: str, value_label: str, width: int = 560
) -> str:
    """Horizontal bars: (label, value, formatted value); `value_label` names what the bars
    measure (the title of the value axis, written under the bars)."""
    if not items:
        return ""
    row, label_width = 28, 170
    height = row * len(items) + 34
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
    axis_y = 5 + row * len(items)
    body.append(
        f'<line x1="{label_width}" y1="{axis_y}" x2="{width - 110}" y2="{axis_y}" stroke="#555"/>'
        f'<text class="axis-title" x="{(label_width + width - 110) / 2:.1f}" y="{axis_y + 20}" '
        f'text-anchor="middle">{escape(value_label)}</text>'
    )
    return _svg(width, height, "".join(body), title, "bars")


def pyramid(levels: list[tuple[str, str, float]], title: str, width: int = 560) -> str:
    """The customer pyramid, top level first: (class label, customers and basis as text, customers).
    Each band is as wide as its number of customers (the widest level fills the band area), so
    the picture is true to the numbers; the labels stand beside the bands in dark text."""
    if not levels:
        return ""
    row, label_width = 40, 250
    height = row * len(levels) + 10
    area = width - label_width - 10
    centre = label_width + area / 2
    widest = max((customers for _, _, customers in levels), default=0) or 1
    body = []
    for index, (label, detail, customers) in enumerate(levels):
        y = 5 + index * row
        band = max(2.0, area * max(0.0, customers) / widest)
        colour = PALETTE[min(index, len(PALETTE) - 1)]
        body.append(
            f'<rect class="band" x="{centre - band / 2:.1f}" y="{y}" width="{band:.1f}" '
            f'height="{row - 6}" fill="{colour}" rx="2" data-customers="{customers:g}"/>'
            f'<text x="0" y="{y + 15}" font-weight="bold" fill="#1d2630">{escape(label)}</text>'
            f'<text x="0" y="{y + 31}" fill="#1d2630">{escape(detail)}</text>'
        )
    return _svg(width, height, "".join(body), title, "pyramid")


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
        f'<text class="axis-title" x="14" y="{(height - bottom) / 2:.1f}" '
        f'transform="rotate(-90 14 {(height - bottom) / 2:.1f})" text-anchor="middle">'
        f"{escape(y_label)}</text>"
    )
    return "".join(parts), y_of


def line_with_band(
    points: list[tuple[str, float | None, float | None, float | None, bool]],
    title: str,
    y_label: str,
    x_label: str,
    width: int = 1100,
    height: int = 320,
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
    left, bottom = 66, 56
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
                f'<text x="{x_of(index):.1f}" y="{height - bottom + 18}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    body.append(_x_title(width, height, left, x_label))
    return _svg(width, height, "".join(body), title, "line_with_band")


def _x_title(width: int, height: int, left: int, x_label: str) -> str:
    return (
        f'<text class="axis-title" x="{(left + width) / 2:.1f}" y="{height - 8}" '
        f'text-anchor="middle">{escape(x_label)}</text>'
    )


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
    left, bottom = 66, 48
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
    body.append(_x_title(width, height, left, x_label))
    if marker:
        x, y = marker
        body.append(
            f'<circle cx="{x_of(x):.1f}" cy="{y_of(y):.1f}" r="5" fill="{PALETTE[3]}"/>'
            f'<line x1="{x_of(x):.1f}" y1="{y_of(y):.1f}" x2="{x_of(x):.1f}" '
            f'y2="{y_of(0):.1f}" stroke="{PALETTE[3]}" stroke-dasharray="3 3"/>'
        )
    return _svg(width, height, "".join(body), title, "lorenz")


def columns(
    groups: list[tuple[str, list[float]]],
    series: list[str],
    title: str,
    y_label: str,
    x_label: str,
    width: int = 1100,
    height: int = 320,
    tick_format: Callable[[float], str] = lambda value: f"{value:,.0f}",
) -> str:
    """Vertical columns per group, one per series (e.g. predicted vs actual per decile, or a
    histogram with one series); `tick_format` writes the axis numbers for the language. Group
    labels too long for their slot are written for every second (third, ...) group only."""
    if not groups:
        return ""
    top = max((max(values) for _, values in groups if values), default=0) or 1
    ticks = [(top * i / 4, tick_format(top * i / 4)) for i in range(5)]
    left, bottom = 78, 56
    axes, y_of = _axes(width, height, left, bottom, 0.0, top, ticks, y_label)
    slot = (width - left - 20) / len(groups)
    bar = slot * 0.8 / max(1, len(series))
    longest = max(len(label) for label, _ in groups) * FONT_SIZE * 0.6 + 8
    label_every = max(1, -int(-longest // slot))
    body = [axes]
    for index, (label, values) in enumerate(groups):
        x0 = left + 10 + index * slot + slot * 0.1
        for number, value in enumerate(values):
            y = y_of(max(0.0, value))
            body.append(
                f'<rect x="{x0 + number * bar:.1f}" y="{y:.1f}" width="{bar - 1:.1f}" '
                f'height="{y_of(0) - y:.1f}" fill="{PALETTE[number % len(PALETTE)]}"/>'
            )
        if index % label_every == 0:
            # centred under its column, but kept inside the chart at both ends
            half = len(label) * FONT_SIZE * 0.3 + 2
            x = min(max(x0 + slot * 0.4, half), width - half)
            body.append(
                f'<text x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    if len(series) > 1:
        # the legend on the line of the axis title, from the left, clear of the columns
        x = left
        for number, name in enumerate(series):
            y = height - 8
            body.append(
                f'<rect x="{x}" y="{y - 11}" width="11" height="11" fill="{PALETTE[number]}"/>'
                f'<text x="{x + 17}" y="{y}">{escape(name)}</text>'
            )
            x += 17 + len(name) * FONT_SIZE * 0.6 + 18
    body.append(_x_title(width, height, left, x_label))
    return _svg(width, height, "".join(body), title, "columns")
