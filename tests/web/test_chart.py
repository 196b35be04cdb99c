"""The running-total chart: figures as text, time on the x axis, unknown totals break the line."""
from __future__ import annotations

import re
from datetime import date

from newsledger.web.chart import Point, _nice_top, running_total_svg


def _points() -> list[Point]:
    return [Point(date(2025, 2, 27), "2025-02-27", 29, 29, "/events/a"),
            Point(date(2025, 8, 12), "2025-08-12", 26, 55, "/events/b"),
            Point(date(2026, 1, 20), "2026-01-20", 37, 92, "/events/c")]


def test_totals_are_labelled_in_order() -> None:
    svg = str(running_total_svg(_points(), "transfers MX→US"))
    labels = re.findall(r'class="total-label"[^>]*>([^<]+)<', svg)
    assert labels == ["29", "55", "92"]
    assert svg.count("<polyline") == 1 and svg.count('class="bar"') == 3
    assert '<title>transfers MX→US</title>' in svg


def test_x_axis_is_time() -> None:
    svg = str(running_total_svg(_points(), "t"))
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    # Feb→Aug 2025 is 166 days, Aug 2025→Jan 2026 161: nearly equal gaps.
    assert abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 10


def test_unknown_total_breaks_the_line_and_title_is_escaped() -> None:
    points = _points()
    points[1] = Point(date(2025, 8, 12), "2025-08-12", None, None, "/events/b")
    points[2] = Point(date(2026, 1, 20), "2026-01-20", 37, None, "/events/c")
    svg = str(running_total_svg(points, "<script>x</script>"))
    assert "<polyline" not in svg and svg.count(">?<") == 2
    assert "<script>" not in svg


def test_empty_series_says_so() -> None:
    assert "no dated events" in str(running_total_svg([], "t"))


def test_axis_top_is_round() -> None:
    assert [_nice_top(v) for v in (1, 10, 11, 29, 92, 101, 450)] == [10, 10, 20, 50, 100, 200, 500]
