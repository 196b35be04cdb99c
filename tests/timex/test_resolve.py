"""resolve(): one expression against a publication date, per language.

Cases follow the news conventions of shared/spec/ledger-json.md (a bare weekday or
month is the latest one not after publication) and the phrasings of the dev articles.
"""
from __future__ import annotations

from datetime import date

import pytest

from newsledger.model import DateValue
from newsledger.timex import resolve

TUESDAY = date(2026, 1, 20)  # the seed's publication date, a Tuesday (ISO week 4)
WEDNESDAY = date(2026, 1, 21)


def value(expression: str, anchor: date, language: str) -> str | None:
    found = resolve(expression, anchor, language)
    return found.value if found else None


@pytest.mark.parametrize(("expression", "expected"), [
    ("Tuesday", "2026-01-20"),
    ("Monday", "2026-01-19"),
    ("Wednesday", "2026-01-14"),
    ("Tuesday night", "2026-01-20"),
    ("early Tuesday", "2026-01-20"),
    ("last Tuesday", "2026-01-13"),
    ("next Tuesday", "2026-01-27"),
    ("this coming Sunday", "2026-01-25"),
    ("today", "2026-01-20"),
    ("yesterday", "2026-01-19"),
    ("late yesterday", "2026-01-19"),
    ("tomorrow", "2026-01-21"),
    ("earlier this month", "2026-01"),
    ("this month", "2026-01"),
    ("last month", "2025-12"),
    ("last week", "2026-W03"),
    ("this week", "2026-W04"),
    ("next week", "2026-W05"),
    ("last year", "2025"),
    ("this year", "2026"),
    ("early next year", "2027"),
    ("Last February", "2025-02"),
    ("last December", "2025-12"),
    ("February", "2025-02"),
    ("in August", "2025-08"),
    ("since February", "2025-02"),
    ("August of last year", "2025-08"),
    ("February of last year", "2025-02"),
    ("June last year", "2025-06"),
    ("mid-November", "2025-11"),
    ("November 1995", "1995-11"),
    ("in 1985", "1985"),
    ("1985", "1985"),
    ("mid-1996", "1996"),
    ("the end of 1990", "1990"),
    ("nineteen ninety-six", "1996"),
    ("the year two thousand", "2000"),
    ("Jan. 12", "2026-01-12"),
    ("July 31", "2025-07-31"),
    ("Feb. 27", "2025-02-27"),
    ("Feb. 27, 2025", "2025-02-27"),
    ("March 15, 2007", "2007-03-15"),
    ("15 March 2007", "2007-03-15"),
    ("Sept. 30", "2025-09-30"),
    ("Friday Jan. 16", "2026-01-16"),
    ("the 20th", "2026-01-20"),
    ("the 12th", "2026-01-12"),
    ("the 25th", "2025-12-25"),
    ("the 1990s", "199"),
    ("the '80s", "198"),
    ("third-quarter", "2026-Q3"),
    ("the fourth quarter of 2025", "2025-Q4"),
    ("Q3 2025", "2025-Q3"),
    ("two years ago", "2024"),
    ("nearly four years ago", "2022"),
    ("a month ago", "2025-12"),
    ("10 days ago", "2026-01-10"),
    ("last summer", "2025-SU"),
    ("Christmas", "2025-12-25"),
    ("2026-01-19", "2026-01-19"),
])
def test_english(expression: str, expected: str) -> None:
    assert value(expression, TUESDAY, "en") == expected


@pytest.mark.parametrize(("expression", "expected"), [
    ("este martes", "2026-01-20"),
    ("este lunes", "2026-01-19"),
    ("el jueves pasado", "2026-01-15"),
    ("el pasado jueves", "2026-01-15"),
    ("el próximo martes", "2026-01-27"),
    ("el proximo martes", "2026-01-27"),
    ("mañana miércoles", "2026-01-21"),
    ("mañana", "2026-01-21"),
    ("ayer", "2026-01-19"),
    ("hoy", "2026-01-20"),
    ("hoy, martes", "2026-01-20"),
    ("la noche del lunes", "2026-01-19"),
    ("el pasado 27 de febrero", "2025-02-27"),
    ("el 27 de febrero de 2025", "2025-02-27"),
    ("El pasado 12 de enero", "2026-01-12"),
    ("el 12 de agosto", "2025-08-12"),
    ("el 3 de enero", "2026-01-03"),
    ("1 de enero del 2001", "2001-01-01"),
    ("el Primero de Mayo", "2025-05-01"),
    ("en febrero pasado", "2025-02"),
    ("febrero pasado", "2025-02"),
    ("en febrero", "2025-02"),
    ("desde febrero de 2025", "2025-02"),
    ("el pasado mes de mayo", "2025-05"),
    ("noviembre de este año", "2026-11"),
    ("la semana pasada", "2026-W03"),
    ("la próxima semana", "2026-W05"),
    ("esta semana", "2026-W04"),
    ("el mes pasado", "2025-12"),
    ("este mes", "2026-01"),
    ("el año pasado", "2025"),
    ("el pasado año", "2025"),
    ("el año que viene", "2027"),
    ("hace un mes", "2025-12"),
    ("hace dos años", "2024"),
    ("hace más de 30 años", "1996"),
    ("hace un par de meses", "2025-11"),
    ("a principios de mes", "2026-01"),
    ("a finales de 2025", "2025"),
    ("en 1985", "1985"),
    ("el 2000", "2000"),
    ("el año 2006", "2006"),
    ("los años 90", "199"),
    ("la década de 1980", "198"),
    ("el primer trimestre de 2025", "2025-Q1"),
    ("el día 8", "2026-01-08"),
    ("el pasado día 3", "2026-01-03"),
    ("el verano pasado", "2025-SU"),
    ("Navidad", "2025-12-25"),
])
def test_spanish(expression: str, expected: str) -> None:
    assert value(expression, TUESDAY, "es") == expected


def test_this_weekday_is_the_one_of_the_current_week_in_spanish() -> None:
    friday = date(2025, 2, 28)
    assert value("este jueves", friday, "es") == "2025-02-27"
    assert value("este viernes", friday, "es") == "2025-02-28"
    assert value("este martes", date(2025, 8, 12), "es") == "2025-08-12"


def test_unmarked_dates_follow_the_news_convention() -> None:
    # shared/spec/ledger-json.md: the latest such day or month not after publication.
    assert value("Feb. 27", TUESDAY, "en") == "2025-02-27"
    assert value("February", TUESDAY, "en") == "2025-02"
    assert value("el 5 de marzo", TUESDAY, "es") == "2025-03-05"
    assert value("el jueves", date(2000, 5, 15), "es") == "2000-05-11"
    assert value("the 25th", TUESDAY, "en") == "2025-12-25"


@pytest.mark.parametrize("expression", [
    "four decades", "28 years", "less than one year", "90-day", "now", "recently",
    "for weeks", "29", "97%", "", "   ", "the future",
])
def test_not_a_calendar_date(expression: str) -> None:
    assert resolve(expression, TUESDAY, "en") is None


@pytest.mark.parametrize("expression", ["cuatro décadas", "28 años", "ahora", "97%", "durante años"])
def test_not_a_calendar_date_in_spanish(expression: str) -> None:
    assert resolve(expression, TUESDAY, "es") is None


def test_values_carry_their_range() -> None:
    assert resolve("last week", TUESDAY, "en") == DateValue.of_week(2026, 3)
    assert resolve("Last February", TUESDAY, "en") == DateValue.of_month(2025, 2)
    assert resolve("in 1985", TUESDAY, "en") == DateValue.of_year(1985)
    assert resolve("third-quarter", TUESDAY, "en") == DateValue.of_quarter(2026, 3)
    assert resolve("the 1990s", TUESDAY, "en") == DateValue.of_decade(1990)
    weekend = resolve("last weekend", TUESDAY, "en")
    assert weekend is not None and (weekend.start, weekend.end) == (date(2026, 1, 17), date(2026, 1, 18))


def test_impossible_dates_do_not_resolve() -> None:
    assert resolve("February 30", TUESDAY, "en") is None
    assert resolve("Feb. 29, 2025", TUESDAY, "en") is None
    assert value("Feb. 29, 2024", TUESDAY, "en") == "2024-02-29"


def test_an_extended_expression_yields_the_date_inside() -> None:
    assert value("a good part of 1990", WEDNESDAY, "en") == "1990"
    assert value("1994 or later", WEDNESDAY, "en") == "1994"
    assert value("around Nov. 1", WEDNESDAY, "en") == "2025-11-01"
