"""A series' running total as an SVG chart, drawn on the server.

Drawing on the server keeps the page free of chart scripts and makes the chart part of
the HTML a test (or a screen reader) can read: every point carries its figure as text,
its date, and a link to the event. The x axis is time, so a long gap between two events
shows as a long gap; each event adds a bar of its own count under the running-total line.
A point without a known total (an event whose count nobody states) breaks the line: the
chart shows what the ledger can add up and no more.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 28, 48


@dataclass(frozen=True)
class Point:
    """One event of a series: when, how many, the total so far (None once unknown), where to go."""

    day: date
    label: str
    count: int | None
    total: int | None
    href: str


def _nice_top(value: int) -> int:
    """The smallest of 10, 20, 50, 100, 200, 500, … that is at least ``value``."""
    scale = 10
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


def running_total_svg(points: Sequence[Point], title: str) -> Markup:
    """The chart as inline SVG; an empty series gives a chart that says so."""
    svg_open = Markup('<svg class="chart" role="img" viewBox="0 0 {} {}" width="{}" height="{}" '
                      'xmlns="http://www.w3.org/2000/svg"><title>{}</title>').format(WIDTH, HEIGHT, WIDTH, HEIGHT, title)
    if not points:
        return svg_open + Markup('<text x="{}" y="{}" class="empty">no dated events in this series</text></svg>').format(
            WIDTH // 2, HEIGHT // 2)
    first, last = points[0].day, points[-1].day
    days = max((last - first).days, 1)
    totals = [p.total for p in points if p.total is not None]
    counts = [p.count for p in points if p.count is not None]
    top = _nice_top(max(totals + counts + [1]))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        if len(points) == 1:
            return LEFT + inner_w / 2
        return LEFT + 20 + (inner_w - 40) * (day - first).days / days

    def y(value: int) -> float:
        return TOP + inner_h * (1 - value / top)

    parts: list[Markup] = [svg_open]
    for tick in (0, top // 2, top):
        parts.append(Markup('<line class="grid" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/>'
                            '<text class="axis" x="{}" y="{:.1f}" text-anchor="end">{}</text>').format(
            LEFT, WIDTH - RIGHT, y(tick), y(tick), LEFT - 6, y(tick) + 4, tick))
    bar = 14
    for p in points:
        if p.count is not None:
            parts.append(Markup('<rect class="bar" x="{:.1f}" y="{:.1f}" width="{}" height="{:.1f}">'
                                '<title>{}: {}</title></rect>').format(
                x(p.day) - bar / 2, y(p.count), bar, y(0) - y(p.count), p.label, p.count))
    # The running-total line, broken where the total stops being known.
    runs: list[list[Point]] = [[]]
    for p in points:
        if p.total is None:
            runs.append([])
        else:
            runs[-1].append(p)
    for run in runs:
        if len(run) > 1:
            path = " ".join(f"{x(p.day):.1f},{y(p.total or 0):.1f}" for p in run)
            parts.append(Markup('<polyline class="total" points="{}"/>').format(path))
    for i, p in enumerate(points):
        cx = x(p.day)
        anchor = "start" if i == 0 and len(points) > 1 else ("end" if i == len(points) - 1 and len(points) > 1 else "middle")
        parts.append(Markup('<text class="date" x="{:.1f}" y="{}" text-anchor="{}">{}</text>').format(
            cx, HEIGHT - BOTTOM + 18, anchor, p.label))
        if p.total is None:
            parts.append(Markup('<a href="{}"><text class="total-label unknown" x="{:.1f}" y="{:.1f}" '
                                'text-anchor="middle">?</text></a>').format(p.href, cx, y(0) - 6))
            continue
        parts.append(Markup('<a href="{}" class="point"><circle cx="{:.1f}" cy="{:.1f}" r="5">'
                            '<title>{}: +{} = {}</title></circle>'
                            '<text class="total-label" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text></a>').format(
            p.href, cx, y(p.total), p.label, "?" if p.count is None else p.count, p.total, cx, y(p.total) - 10, p.total))
    parts.append(Markup('<line class="axis-line" x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}"/></svg>').format(
        LEFT, WIDTH - RIGHT, y(0), y(0)))
    return Markup("").join(parts)
