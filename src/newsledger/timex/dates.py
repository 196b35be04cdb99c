"""Calendar arithmetic the resolver needs and the standard library lacks.

Month, quarter and ISO-week shifts, choosing the year of a yearless date under a news
convention, and the DateValues that model.py has no constructor for (seasons, weekends).
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from newsledger.model import DateValue

# Meteorological seasons of the northern hemisphere (the region the corpus covers):
# the month each one starts in; winter starts in December of its year.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = month_index(year, month) + months
    return index // 12, index % 12 + 1


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + quarters
    return index // 4, index % 4 + 1


def week_of(day: date, weeks: int = 0) -> DateValue:
    """The ISO week ``weeks`` weeks from the one containing ``day``."""
    year, week, _ = (day + timedelta(weeks=weeks)).isocalendar()
    return DateValue.of_week(year, week)


def weekend_of(day: date, weeks: int = 0) -> DateValue:
    """Saturday and Sunday of an ISO week, valued like TIMEX3 (``2026-W03-WE``)."""
    year, week, _ = (day + timedelta(weeks=weeks)).isocalendar()
    saturday = date.fromisocalendar(year, week, 6)
    return DateValue(f"{year:04d}-W{week:02d}-WE", "week", saturday, saturday + timedelta(days=1))


def safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def choose(candidates: list[date], anchor: date, mode: str, soon: int = 0) -> date | None:
    """Pick the candidate a reader would mean, given the anchor and a convention.

    ``on_or_before``/``on_or_after`` fall back to the nearest candidate on the other side;
    ``before``/``after`` exclude the anchor itself; ``nearest`` breaks ties towards the past
    because news reports more often look back than forward. ``soon`` lets
    ``on_or_before`` take a candidate at most that many days ahead: a story announcing a
    hearing "on Dec. 7" writes no year because the date is this year's and coming.
    """
    if not candidates:
        return None
    ordered = sorted(candidates)
    if mode == "on_or_before" and soon > 0:
        coming = [c for c in ordered if anchor < c <= anchor + timedelta(days=soon)]
        if coming:
            return coming[0]
    if mode in ("on_or_before", "before"):
        past = [c for c in ordered if c < anchor or (mode == "on_or_before" and c == anchor)]
        return past[-1] if past else ordered[0]
    if mode in ("on_or_after", "after"):
        future = [c for c in ordered if c > anchor or (mode == "on_or_after" and c == anchor)]
        return future[0] if future else ordered[-1]
    return min(ordered, key=lambda c: (abs((c - anchor).days), c > anchor))


def season(year: int, code: str) -> DateValue:
    """A season as a quarter-long range, valued like TIMEX3 (``2025-SU``)."""
    first_year, first_month = year, SEASON_START[code]
    last_year, last_month = shift_month(first_year, first_month, 2)
    end = date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
    return DateValue(f"{year:04d}-{code}", "quarter", date(first_year, first_month, 1), end)
