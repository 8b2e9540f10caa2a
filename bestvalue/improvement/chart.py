"""A small line chart of a measure's readings, as inline SVG built on the server. Pure: data in,
markup out; no JavaScript and no charting library, for one kind of chart.

The chart is an image with a title and a description (role="img"); it is never the only carrier
of its numbers: pages show the same figures in a table beside it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from bestvalue.core.dates import uk_date as uk

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 24, 56
# GOV.UK Frontend's palette: blue for the readings, green for the target, grey for the rest.
BLUE, GREEN, GREY, BLACK, MID_GREY = "#1d70b8", "#00703c", "#b1b4b6", "#0b0c0c", "#505a5f"


@dataclass(frozen=True)
class ChartData:
    chart_id: str
    title: str
    unit: str
    baseline: tuple[dt.date, Decimal]
    target: tuple[dt.date, Decimal]
    readings: Sequence[tuple[dt.date, Decimal]]


def format_number(value: Decimal) -> str:
    """1234.5000 as "1,234.5"; whole numbers without a decimal point."""
    text = f"{value.normalize():,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _y_ticks(values: Sequence[Decimal]) -> list[float]:
    low, high = float(min(values)), float(max(values))
    if low == high:
        low, high = low - 1, high + 1
    step = _nice_step(high - low)
    start = math.floor(low / step) * step
    ticks = [start]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def description(data: ChartData) -> str:
    """What the chart shows, in words, for those who cannot see it."""
    unit = f" {data.unit}" if data.unit else ""
    (b_on, b_value), (t_on, t_value) = data.baseline, data.target
    text = (
        f"Line chart of {data.title}. Baseline {format_number(b_value)}{unit} on {uk(b_on)}; "
        f"target {format_number(t_value)}{unit} by {uk(t_on)}. "
    )
    if data.readings:
        on, value = data.readings[-1]
        count = len(data.readings)
        text += (
            f"{count} reading{'s' if count != 1 else ''}, the latest {format_number(value)}{unit} "
            f"on {uk(on)}. "
        )
    else:
        text += "No readings yet. "
    return text + "The same figures are in the table."


def line_chart(data: ChartData) -> str:
    """The chart as an <svg> element, its text escaped, safe to place in a page."""
    points = [data.baseline, *data.readings, data.target]
    first = min(on for on, _ in points)
    last = max(on for on, _ in points)
    days = max((last - first).days, 1)
    ticks = _y_ticks([v for _, v in points])
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(on: dt.date) -> float:
        return round(LEFT + plot_w * (on - first).days / days, 1)

    def y(value: Decimal | float) -> float:
        return round(TOP + plot_h * (1 - (float(value) - low) / (high - low)), 1)

    ident = escape(data.chart_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" focusable="false" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(data.title)}</title>',
        f'<desc id="{ident}-desc">{escape(description(data))}</desc>',
    ]
    for tick in ticks:
        label = format_number(Decimal(str(round(tick, 6))))
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick)}" y2="{y(tick)}" stroke="{GREY}" stroke-width="1"/>'
            f'<text x="{LEFT - 8}" y="{y(tick) + 5}" text-anchor="end" font-size="14" fill="{BLACK}">{escape(label)}</text>'
        )
    for on in _x_ticks(first, last):
        parts.append(
            f'<text x="{x(on)}" y="{HEIGHT - BOTTOM + 22}" text-anchor="middle" font-size="14" fill="{BLACK}">{on:%b %Y}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="{BLACK}" stroke-width="1"/>'
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" stroke="{BLACK}" stroke-width="1"/>'
    )
    (b_on, b_value), (t_on, t_value) = data.baseline, data.target
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(t_value)}" y2="{y(t_value)}" stroke="{GREEN}" stroke-width="2" stroke-dasharray="8 6"/>'
        f'<path d="M{x(t_on)} {y(t_value) - 8} l8 8 l-8 8 l-8 -8 z" fill="{GREEN}"/>'
        f'<text x="{LEFT + 6}" y="{y(t_value) - 8}" font-size="14" fill="{GREEN}">Target {escape(format_number(t_value))}</text>'
        f'<circle cx="{x(b_on)}" cy="{y(b_value)}" r="6" fill="#ffffff" stroke="{MID_GREY}" stroke-width="3"/>'
    )
    if data.readings:
        line = " ".join(f"{x(on)},{y(value)}" for on, value in [data.baseline, *data.readings])
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{BLUE}" stroke-width="3" stroke-linejoin="round"/>'
        )
        parts.extend(
            f'<circle cx="{x(on)}" cy="{y(value)}" r="5" fill="{BLUE}"/>'
            for on, value in data.readings
        )
    parts.append("</svg>")
    return "".join(parts)


def _x_ticks(first: dt.date, last: dt.date, most: int = 6) -> list[dt.date]:
    """Evenly spaced dates from first to last for the axis labels, at most `most` of them."""
    span = (last - first).days
    if span == 0:
        return [first]
    count = min(most, span + 1)
    return [first + dt.timedelta(days=round(span * i / (count - 1))) for i in range(count)]
