"""The measure chart: inline SVG, accessible, its text escaped, its numbers in words too."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

from bestvalue.improvement import chart

SVG = "{http://www.w3.org/2000/svg}"


def _data(**overrides: object) -> chart.ChartData:
    values: dict[str, object] = {
        "chart_id": "measure-1-chart",
        "title": "Staff engagement (%)",
        "unit": "%",
        "baseline": (dt.date(2024, 1, 1), Decimal("50")),
        "target": (dt.date(2024, 12, 31), Decimal("70")),
        "readings": [
            (dt.date(2024, 3, 31), Decimal("54.5")),
            (dt.date(2024, 6, 30), Decimal("61")),
        ],
    }
    values.update(overrides)
    return chart.ChartData(**values)  # type: ignore[arg-type]


def test_the_chart_is_an_image_with_a_title_and_a_description() -> None:
    svg = ET.fromstring(chart.line_chart(_data()))  # noqa: S314 - our own output
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "measure-1-chart-title measure-1-chart-desc"
    assert svg.find(f"{SVG}title").text == "Staff engagement (%)"  # type: ignore[union-attr]
    desc = svg.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    assert "Baseline 50 % on 1 January 2024" in desc
    assert "target 70 % by 31 December 2024" in desc
    assert "2 readings, the latest 61 % on 30 June 2024" in desc
    assert "The same figures are in the table." in desc


def test_each_reading_is_plotted_and_joined_from_the_baseline() -> None:
    svg = ET.fromstring(chart.line_chart(_data()))  # noqa: S314
    assert len(svg.findall(f"{SVG}polyline")) == 1
    points = svg.find(f"{SVG}polyline").get("points", "").split()  # type: ignore[union-attr]
    assert len(points) == 3  # baseline and two readings
    # Higher values sit higher on the page (smaller y).
    ys = [float(p.split(",")[1]) for p in points]
    assert ys[0] > ys[1] > ys[2]


def test_a_chart_without_readings_still_shows_baseline_and_target() -> None:
    markup = chart.line_chart(_data(readings=[]))
    ET.fromstring(markup)  # noqa: S314
    assert "<polyline" not in markup
    assert "No readings yet." in markup
    assert "Target 70" in markup


def test_text_in_the_chart_is_escaped() -> None:
    markup = chart.line_chart(_data(title='<script>alert("x")</script>', chart_id='a"b'))
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup
    assert 'id="a&quot;b-title"' in markup


def test_the_chart_uses_no_style_attribute_so_the_content_security_policy_allows_it() -> None:
    assert "style=" not in chart.line_chart(_data())


def test_numbers_are_shown_without_needless_zeros() -> None:
    assert chart.format_number(Decimal("1234.5000")) == "1,234.5"
    assert chart.format_number(Decimal("100.0000")) == "100"
    assert chart.format_number(Decimal("-0.2500")) == "-0.25"


def _extent(text: ET.Element) -> tuple[float, float]:
    x, width = float(text.get("x", "0")), chart._label_width(text.text or "")
    anchor = text.get("text-anchor")
    left = x - width if anchor == "end" else x if anchor == "start" else x - width / 2
    return left, left + width


def test_every_axis_label_is_whole_and_the_unit_is_on_the_y_axis() -> None:
    data = _data(target=(dt.date(2025, 3, 31), Decimal("70")))
    svg = ET.fromstring(chart.line_chart(data))  # noqa: S314
    texts = svg.findall(f"{SVG}text")
    labels = [t for t in texts if (t.text or "").endswith(("2024", "2025"))]
    assert labels[-1].text == "Mar 2025"
    for label in labels:
        left, right = _extent(label)
        assert left >= 0, label.text
        assert right <= chart.WIDTH, label.text
    (unit,) = [t for t in texts if t.text == "%"]
    # Above the plot, at the y axis's top.
    assert float(unit.get("y", "0")) < chart.TOP
    assert float(unit.get("x", "0")) < chart.LEFT


def test_the_png_chart_is_drawn_from_the_same_marks() -> None:
    from PIL import Image

    png = chart.line_chart_png(_data())
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (chart.WIDTH * 2, chart.HEIGHT * 2)
    # The readings' blue line is there.
    assert (0x1D, 0x70, 0xB8) in {c for _, c in image.getcolors(maxcolors=100000) or []}
