"""Dates as a reader should see them: imprecise ones as the range of days they cover.

"February 2025" is not 1 February: a report that says only the month leaves every day of
it possible. The timeline therefore draws each event's date as a bar from its first to
its last possible day (a day is a tick, a month a twelfth of the bar, a year all of it) on the scale
of its calendar year (so every row reads the same way, whatever else the page shows),
and writes the range out in words beside it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Dated(Protocol):
    value: str | None
    precision: str
    start: date | None
    end: date | None


def _day(d: date, year: bool = True) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")


def shown(value: Dated) -> str:
    """The date in words: ``27 Feb 2025``, ``Feb 2025``, ``2025``, ``1980s``, ``date unknown``."""
    if value.start is None or value.end is None:
        return "date unknown"
    start, end = value.start, value.end
    if start == end:
        return _day(start)
    if value.precision == "month":
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if value.precision == "year":
        return str(start.year)
    if value.precision == "decade":
        return f"{start.year}s"
    return f"{_day(start, start.year != end.year)} – {_day(end)}"


def covered(value: Dated) -> str | None:
    """For an imprecise date, the days it leaves open (``any day 1–28 Feb 2025``); else None."""
    if value.start is None or value.end is None or value.start == value.end:
        return None
    days = (value.end - value.start).days + 1
    return f"any of {days} days, {_day(value.start)} – {_day(value.end)}"


@dataclass(frozen=True)
class Bar:
    """Where an event's possible days sit within the calendar year(s) they fall in (percent)."""

    left: float
    width: float
    precise: bool
    scale: str


def bar(value: Dated) -> Bar | None:
    """The date on the scale of its calendar year: a day is a tick, a month a twelfth, a year
    the whole bar; dates spanning several years (a decade) are drawn on those years."""
    if value.start is None or value.end is None:
        return None
    first, last = date(value.start.year, 1, 1), date(value.end.year, 12, 31)
    days = (last - first).days + 1
    left = 100 * (value.start - first).days / days
    width = 100 * ((value.end - value.start).days + 1) / days
    scale = str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    return Bar(round(left, 2), round(min(width, 100 - left), 2), value.start == value.end, scale)
