"""Dates in words and as bars: an imprecise date is the range of days it leaves open."""
from __future__ import annotations

from datetime import date

from newsledger.model import DateValue
from newsledger.web.dates import bar, covered, shown


def test_dates_in_words() -> None:
    assert shown(DateValue.of_day(date(2025, 2, 27))) == "27 Feb 2025"
    assert shown(DateValue.of_month(2025, 2)) == "Feb 2025"
    assert shown(DateValue.of_year(1985)) == "1985"
    assert shown(DateValue.of_decade(1985)) == "1980s"
    assert shown(DateValue.of_week(2025, 9)) == "24 Feb – 2 Mar 2025"
    assert shown(DateValue.unknown()) == "date unknown"


def test_imprecise_dates_say_which_days_they_leave_open() -> None:
    assert covered(DateValue.of_day(date(2025, 2, 27))) is None
    assert covered(DateValue.of_month(2025, 2)) == "any of 28 days, 1 Feb 2025 – 28 Feb 2025"
    assert covered(DateValue.unknown()) is None


def test_bars_sit_in_their_year() -> None:
    day = bar(DateValue.of_day(date(2025, 7, 2)))
    month = bar(DateValue.of_month(2025, 2))
    year = bar(DateValue.of_year(1985))
    decade = bar(DateValue.of_decade(1985))
    assert day and month and year and decade
    assert day.precise and not month.precise
    assert 49 < day.left < 51 and day.width < 1
    assert round(month.left, 1) == 8.5 and 7 < month.width < 8
    assert (year.left, year.width, year.scale) == (0, 100, "1985")
    assert decade.scale == "1980–1989" and decade.width == 100
    assert bar(DateValue.unknown()) is None
