"""The timeline's overview: the listed events on one time axis, each as the range of days
its date leaves open.

A list cannot show how precise its dates are at a glance; an axis can. Each event is a
bar from its first to its last possible day (a day-precise event is a short tick, "July
2022" a month-wide bar, "1985" a year-wide one), so a reader sees which events are dated
to the day and which only to a month or a year, and where they may overlap. Bars are
packed into as few lanes as keep them apart, and each links to its event. Drawn on the
server, like the series chart, so the figure is in the HTML itself.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

WIDTH = 1000
LEFT, RIGHT, TOP, AXIS = 22, 22, 6, 22
LANE, BAR, MIN_BAR, GAP = 12, 8, 4.0, 3.0


@dataclass(frozen=True)
class Span:
    """One event on the axis: its id, what the tooltip says, the days it may fall on."""

    event: str
    label: str
    start: date
    end: date


def _ticks(first: date, last: date) -> list[date]:
    years = last.year - first.year + 1
    if years <= 2:
        months = [date(y, m, 1) for y in range(first.year, last.year + 1) for m in range(1, 13)]
        step = 1 if years == 1 else 3
        return [d for d in months if first <= d <= last and (d.month - 1) % step == 0]
    step = next(s for s in (1, 2, 5, 10, 20, 50) if years / s <= 12)
    return [date(y, 1, 1) for y in range(first.year, last.year + 1) if y % step == 0 and first <= date(y, 1, 1) <= last]


def _label(day: date, span_years: int) -> str:
    return str(day.year) if day.month == 1 and span_years > 1 else day.strftime("%b %Y" if day.month == 1 else "%b")


def overview_svg(spans: Sequence[Span]) -> Markup | None:
    """The overview, or None when fewer than two events have a date."""
    if len(spans) < 2:
        return None
    first = date(min(s.start for s in spans).year, 1, 1)
    last = date(max(s.end for s in spans).year, 12, 31)
    days = (last - first).days + 1
    inner = WIDTH - LEFT - RIGHT

    def x(day: date) -> float:
        return LEFT + inner * (day - first).days / days

    lanes: list[float] = []  # the right edge of the last bar in each lane
    bars: list[tuple[Span, float, float, int]] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end, s.event)):
        left = x(span.start)
        width = max(MIN_BAR, x(span.end) + inner / days - left)
        lane = next((i for i, edge in enumerate(lanes) if edge + GAP <= left), None)
        if lane is None:
            lanes.append(0.0)
            lane = len(lanes) - 1
        lanes[lane] = left + width
        bars.append((span, left, width, lane))
    height = TOP + LANE * len(lanes) + AXIS
    parts = [Markup('<svg class="overview" role="img" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg">'
                    '<title>The listed events on a time axis, each drawn over the days its date leaves open</title>'
                    ).format(WIDTH, height)]
    axis_y = TOP + LANE * len(lanes) + 2
    years = last.year - first.year + 1
    for tick in _ticks(first, last):
        parts.append(Markup('<line class="tick" x1="{0:.1f}" x2="{0:.1f}" y1="{1}" y2="{2}"/>'
                            '<text class="axis" x="{0:.1f}" y="{3}" text-anchor="middle">{4}</text>').format(
            x(tick), TOP - 4, axis_y + 4, axis_y + 16, _label(tick, years)))
    for span, left, width, lane in bars:
        precise = span.start == span.end
        parts.append(Markup('<a href="/events/{}"><rect class="{}" x="{:.1f}" y="{}" width="{:.1f}" height="{}" rx="2">'
                            '<title>{}</title></rect></a>').format(
            span.event, "day" if precise else "range", left, TOP + lane * LANE, width, BAR, span.label))
    parts.append(Markup('<line class="axis-line" x1="{}" x2="{}" y1="{}" y2="{}"/></svg>').format(
        LEFT, WIDTH - RIGHT, axis_y, axis_y))
    return Markup("").join(parts)
