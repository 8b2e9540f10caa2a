"""A small line chart of a measure's readings, as inline SVG built on the server. Pure: data in,
markup out; no JavaScript and no charting library, for one kind of chart. The same marks are
drawn as a PNG image (Pillow, already installed for WeasyPrint) for Word documents.

The chart is an image with a title and a description (role="img"); it is never the only carrier
of its numbers: pages show the same figures in a table beside it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from bestvalue.core.dates import uk_date as uk

WIDTH, HEIGHT = 640, 336
# Room for the unit above the y axis and for whole date labels below the x axis.
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 40, 56
FONT_SIZE = 14
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


@dataclass(frozen=True)
class Mark:
    """One thing drawn: a line, a polyline, a circle, a filled polygon or a text. Both drawings
    (SVG for pages and PDF, PNG for Word) are made from the same marks, so they agree."""

    kind: str
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float = 0
    dashed: bool = False
    radius: float = 0
    fill: str = ""
    text: str = ""
    anchor: str = "middle"  # start, middle or end


def _label_width(text: str) -> float:
    """A generous estimate of a label's width at FONT_SIZE (Arial's widest glyphs are ~0.62em)."""
    return len(text) * FONT_SIZE * 0.62


def _x_label(on: dt.date, x: float) -> Mark:
    """A date under the axis, centred on its tick unless that would cut it at an edge."""
    text = f"{on:%b %Y}"
    half = _label_width(text) / 2
    anchor = "end" if x + half > WIDTH else "start" if x - half < 0 else "middle"
    return Mark("text", ((x, HEIGHT - BOTTOM + 22),), BLACK, text=text, anchor=anchor)


def marks(data: ChartData) -> list[Mark]:
    """What the chart draws: grid lines and their values, the date labels, the axes with the
    unit at the top of the y axis, the target line, the baseline and the readings."""
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

    drawn: list[Mark] = []
    for tick in ticks:
        label = format_number(Decimal(str(round(tick, 6))))
        drawn.append(Mark("line", ((LEFT, y(tick)), (WIDTH - RIGHT, y(tick))), GREY, width=1))
        drawn.append(Mark("text", ((LEFT - 8, y(tick) + 5),), BLACK, text=label, anchor="end"))
    drawn.extend(_x_label(on, x(on)) for on in _x_ticks(first, last))
    drawn.append(Mark("line", ((LEFT, TOP), (LEFT, HEIGHT - BOTTOM)), BLACK, width=1))
    drawn.append(
        Mark("line", ((LEFT, HEIGHT - BOTTOM), (WIDTH - RIGHT, HEIGHT - BOTTOM)), BLACK, width=1)
    )
    if data.unit:
        drawn.append(Mark("text", ((8, TOP - 14),), BLACK, text=data.unit, anchor="start"))
    (b_on, b_value), (t_on, t_value) = data.baseline, data.target
    ty = y(t_value)
    drawn += [
        Mark("line", ((LEFT, ty), (WIDTH - RIGHT, ty)), GREEN, width=2, dashed=True),
        Mark(
            "polygon",
            ((x(t_on), ty - 8), (x(t_on) + 8, ty), (x(t_on), ty + 8), (x(t_on) - 8, ty)),
            GREEN,
            fill=GREEN,
        ),
        Mark(
            "text",
            ((LEFT + 6, ty - 8),),
            GREEN,
            text=f"Target {format_number(t_value)}",
            anchor="start",
        ),
        Mark("circle", ((x(b_on), y(b_value)),), MID_GREY, width=3, radius=6, fill="#ffffff"),
    ]
    if data.readings:
        line = tuple((x(on), y(value)) for on, value in [data.baseline, *data.readings])
        drawn.append(Mark("polyline", line, BLUE, width=3))
        drawn.extend(
            Mark("circle", ((x(on), y(value)),), BLUE, radius=5, fill=BLUE)
            for on, value in data.readings
        )
    return drawn


def _svg(mark: Mark) -> str:
    (x1, y1), *rest = mark.points
    if mark.kind == "text":
        return (
            f'<text x="{x1}" y="{y1}" text-anchor="{mark.anchor}" font-size="{FONT_SIZE}" '
            f'fill="{mark.colour}">{escape(mark.text)}</text>'
        )
    if mark.kind == "circle":
        stroke = f' stroke="{mark.colour}" stroke-width="{mark.width:g}"' if mark.width else ""
        return f'<circle cx="{x1}" cy="{y1}" r="{mark.radius:g}" fill="{mark.fill}"{stroke}/>'
    if mark.kind == "line":
        (x2, y2) = rest[0]
        dash = ' stroke-dasharray="8 6"' if mark.dashed else ""
        return (
            f'<line x1="{x1}" x2="{x2}" y1="{y1}" y2="{y2}" stroke="{mark.colour}" '
            f'stroke-width="{mark.width:g}"{dash}/>'
        )
    coords = " ".join(f"{px},{py}" for px, py in mark.points)
    if mark.kind == "polygon":
        return f'<polygon points="{coords}" fill="{mark.fill}"/>'
    return (
        f'<polyline points="{coords}" fill="none" stroke="{mark.colour}" '
        f'stroke-width="{mark.width:g}" stroke-linejoin="round"/>'
    )


def line_chart(data: ChartData) -> str:
    """The chart as an <svg> element, its text escaped, safe to place in a page."""
    ident = escape(data.chart_id)
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="100%" role="img" focusable="false" aria-labelledby="{ident}-title {ident}-desc">',
            f'<title id="{ident}-title">{escape(data.title)}</title>',
            f'<desc id="{ident}-desc">{escape(description(data))}</desc>',
            *(_svg(mark) for mark in marks(data)),
            "</svg>",
        ]
    )


def line_chart_png(data: ChartData, *, scale: int = 2) -> bytes:
    """The same chart as a PNG image (for Word, which shows no SVG), drawn by Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), "#ffffff")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=FONT_SIZE * scale)
    for mark in marks(data):
        pts = [(px * scale, py * scale) for px, py in mark.points]
        width = max(1, round(mark.width * scale))
        if mark.kind == "text":
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[mark.anchor]
            draw.text(pts[0], mark.text, fill=mark.colour, font=font, anchor=anchor)
        elif mark.kind == "circle":
            (cx, cy), r = pts[0], mark.radius * scale
            outline = mark.colour if mark.width else None
            box = (cx - r, cy - r, cx + r, cy + r)
            draw.ellipse(box, fill=mark.fill, outline=outline, width=width)
        elif mark.kind == "polygon":
            draw.polygon(pts, fill=mark.fill)
        else:
            draw.line(pts, fill=mark.colour, width=width, joint="curve")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _x_ticks(first: dt.date, last: dt.date, most: int = 6) -> list[dt.date]:
    """Evenly spaced dates from first to last for the axis labels, at most `most` of them."""
    span = (last - first).days
    if span == 0:
        return [first]
    count = min(most, span + 1)
    return [first + dt.timedelta(days=round(span * i / (count - 1))) for i in range(count)]
