"""From the values a pattern captured to a DateValue, one function per rule.

Every rule reads the same named fields (``month``, ``day``, ``year``, ``dir``, ``ydir``,
``unit``, ``num``…), so a language file can reuse a rule with any word order. Unmarked
expressions ("Tuesday", "February", "the 20th") follow the language's conventions unless
the surrounding words say which way they look; anaphoric ones ("the following year", "ese día") read
the discourse focus, i.e. the date the text mentioned last.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsledger.model import DateValue
from newsledger.timex import dates
from newsledger.timex.lexicon import Lexicon

Fields = dict[str, Any]
DIRECTION_MODE = {-1: "on_or_before", 1: "on_or_after"}
STRICT_MODE = {-1: "before", 1: "after"}


@dataclass
class Focus:
    """What the text has been talking about, for anaphora and bare day numbers."""

    last: DateValue | None = None
    rule: str | None = None
    explicit_month: bool = False
    quarter: DateValue | None = None
    day: DateValue | None = None

    def update(self, rule: str, value: DateValue) -> None:
        """Make ``value`` the date the text is talking about."""
        inherited = rule == "day_of_month" and self.explicit_month
        self.explicit_month = value.precision in ("day", "month") and (
            rule in ("day", "month", "holiday") or inherited)
        self.last = value
        self.rule = rule
        if value.precision == "day":
            self.day = value
        if rule == "quarter":
            self.quarter = value


@dataclass
class Context:
    anchor: date
    lexicon: Lexicon
    focus: Focus = field(default_factory=Focus)
    lean: str | None = None  # "future"/"past" when nearby words say which way the text looks
    convention: str = "news"  # or "timeml" (see lexicon.Convention)
    read_lean: Callable[[], str | None] | None = None  # gives ``lean`` when first asked, see leaning()

    def leaning(self) -> str | None:
        """``lean``, read only now when find() left it to ``read_lean``.

        Few expressions need it (a year or a direction word settles most), and reading
        the words around every date found cost find() about a tenth of its time.
        """
        if self.read_lean is not None:
            self.lean, self.read_lean = self.read_lean(), None
        return self.lean

    def mode(self, kind: str) -> str:
        lean = self.leaning()
        if lean == "future":
            return "on_or_after"
        if lean == "past":
            return "on_or_before"
        return self.lexicon.conventions[self.convention].modes[kind]

    def soon_days(self) -> int:
        """How far ahead an unmarked day-month may be read as coming; none if the text looks back."""
        return self.lexicon.conventions[self.convention].soon_days if self.leaning() is None else 0

    def soon_months(self) -> int:
        return self.lexicon.conventions[self.convention].soon_months if self.leaning() is None else 0


def _direction(fields: Fields, *names: str) -> int | None:
    for name in names:
        if isinstance(fields.get(name), int):
            return int(fields[name])
    return None


def shift_of(fields: Fields) -> int | None:
    return _direction(fields, "dir", "dir2")


def _year_of(fields: Fields, ctx: Context) -> int | None:
    """An explicit year or one stated relative to the anchor ("of last year", "de este año")."""
    if "year" in fields:
        return int(fields["year"])
    if fields.get("same_year") and ctx.focus.last is not None and ctx.focus.last.start is not None:
        return ctx.focus.last.start.year  # "in September of that year"
    shift = _direction(fields, "ydir", "ydir2")
    return ctx.anchor.year + shift if shift is not None else None


def day(fields: Fields, ctx: Context) -> DateValue | None:
    month, number = fields["month"], fields["day"]
    year = _year_of(fields, ctx)
    if year is not None:
        found = dates.safe_date(year, month, number)
        return DateValue.of_day(found) if found else None
    candidates = [d for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)
                  if (d := dates.safe_date(y, month, number))]
    if "weekday" in fields:
        # "Saturday, April 25": the weekday tells the year when the text does not.
        agreeing = [d for d in candidates if d.weekday() == fields["weekday"]]
        candidates = agreeing or candidates
        mode = "nearest"
    else:
        shift = _direction(fields, "dir", "dir2")
        mode = DIRECTION_MODE.get(shift, "nearest") if shift is not None else ctx.mode("day_month")
    soon = ctx.soon_days() if "weekday" not in fields and shift_of(fields) is None else 0
    found = dates.choose(candidates, ctx.anchor, mode, soon)
    return DateValue.of_day(found) if found else None


def holiday(fields: Fields, ctx: Context) -> DateValue | None:
    month, number = (int(part) for part in str(fields["holiday"]).split("-"))
    year = _year_of(fields, ctx)
    if year is not None:
        found = dates.safe_date(year, month, number)
        return DateValue.of_day(found) if found else None
    shift = _direction(fields, "dir", "dir2")
    candidates = [d for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)
                  if (d := dates.safe_date(y, month, number))]
    found = dates.choose(candidates, ctx.anchor, STRICT_MODE.get(shift or 0, "nearest"))
    return DateValue.of_day(found) if found else None


def month(fields: Fields, ctx: Context) -> DateValue | None:
    number = fields["month"]
    year = _year_of(fields, ctx)
    if year is not None:
        return DateValue.of_month(year, number)
    here = dates.month_index(ctx.anchor.year, ctx.anchor.month)
    options = [(y, dates.month_index(y, number)) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    shift = _direction(fields, "dir", "dir2")
    if shift == 0:
        return DateValue.of_month(ctx.anchor.year, number)
    if shift == -1:
        chosen = max((o for o in options if o[1] < here), key=lambda o: o[1])
    elif shift == 1:
        chosen = min((o for o in options if o[1] > here), key=lambda o: o[1])
    elif (last := ctx.focus.last) is not None and last.precision == "year" and last.start \
            and abs(last.start.year - ctx.anchor.year) == 1:
        # "next year … in January": the month of the year just talked about.
        chosen = (last.start.year, 0)
    else:
        mode = ctx.mode("month")
        soon = ctx.soon_months() if mode == "on_or_before" else 0
        if mode == "on_or_after":
            chosen = min((o for o in options if o[1] >= here), key=lambda o: o[1])
        elif mode == "on_or_before":
            chosen = max((o for o in options if o[1] <= here + soon), key=lambda o: o[1])
        else:
            chosen = min(options, key=lambda o: (abs(o[1] - here), o[1] > here))
    return DateValue.of_month(chosen[0], number)


def year(fields: Fields, ctx: Context) -> DateValue | None:
    found = _year_of(fields, ctx)
    return DateValue.of_year(found) if found is not None else None


def decade(fields: Fields, ctx: Context) -> DateValue | None:
    start = fields.get("decade", fields.get("year"))
    return DateValue.of_decade(int(start)) if start is not None else None


def iso(fields: Fields, ctx: Context) -> DateValue | None:
    try:
        return DateValue.of_day(date.fromisoformat(str(fields["iso"])))
    except ValueError:
        return None


def _weekday_from(base: date, weekday: int, mode: str) -> date:
    if mode == "before":
        return base - timedelta(days=(base.weekday() - weekday) % 7 or 7)
    if mode == "after":
        return base + timedelta(days=(weekday - base.weekday()) % 7 or 7)
    if mode == "on_or_before":
        return base - timedelta(days=(base.weekday() - weekday) % 7)
    if mode == "on_or_after":
        return base + timedelta(days=(weekday - base.weekday()) % 7)
    if mode == "same_week":
        return base + timedelta(days=weekday - base.weekday())
    forward = (weekday - base.weekday()) % 7  # nearest: within three days either side
    return base + timedelta(days=forward if forward <= 3 else forward - 7)


def weekday(fields: Fields, ctx: Context) -> DateValue | None:
    shift = _direction(fields, "dir", "dir2")
    if shift is None:
        mode = ctx.mode("weekday")
    else:
        mode = {-1: "before", 1: "after", 0: "same_week"}[shift]
    return DateValue.of_day(_weekday_from(ctx.anchor, fields["weekday"], mode))


def relative_day(fields: Fields, ctx: Context) -> DateValue | None:
    return DateValue.of_day(ctx.anchor + timedelta(days=int(fields["reld"])))


def _shift(base: date, unit: str, amount: int, lexicon: Lexicon | None = None) -> DateValue | None:
    """The ``unit``-long period ``amount`` units away from the one containing ``base``."""
    if unit == "day":
        return DateValue.of_day(base + timedelta(days=amount))
    if unit == "week":
        if lexicon is not None and lexicon.ago_week_precision == "day":
            return DateValue.of_day(base + timedelta(weeks=amount))
        return dates.week_of(base, amount)
    if unit == "weekend":
        return dates.weekend_of(base, amount)
    if unit == "month":
        return DateValue.of_month(*dates.shift_month(base.year, base.month, amount))
    if unit == "quarter":
        return DateValue.of_quarter(*dates.shift_quarter(*dates.quarter_of(base), amount))
    if unit == "year":
        return DateValue.of_year(base.year + amount)
    if unit == "decade":
        return DateValue.of_decade(base.year + 10 * amount)
    return None


def relative_unit(fields: Fields, ctx: Context) -> DateValue | None:
    """"last week", "this month", "el año pasado", "a principios de mes"."""
    shift = _direction(fields, "dir", "dir2")
    if fields["unit"] == "weekend" and shift is None:
        # "over the weekend": the latest one, this one if the anchor falls on it.
        return dates.weekend_of(ctx.anchor, 0 if ctx.anchor.weekday() >= 5 else -1)
    return _shift(ctx.anchor, fields["unit"], shift or 0)


def ago(fields: Fields, ctx: Context) -> DateValue | None:
    """"two years ago", "hace un mes": counted back (or on) from the anchor."""
    amount = int(fields.get("num", 1)) * int(fields["ago"])
    unit = fields["unit"]
    last = ctx.focus.last
    if unit == "year" and amount == -1 and last is not None and last.precision == "quarter" and last.start:
        # Earnings prose: "third-quarter profit … a year ago" means that quarter last year.
        return DateValue.of_quarter(ctx.anchor.year - 1, dates.quarter_of(last.start)[1])
    shifted = _shift(ctx.anchor, unit, amount, ctx.lexicon)
    if fields.get("this_month") and shifted is not None and shifted.start is not None and unit == "year":
        # "a year ago this month", "forty years ago last month": that month, years back.
        year, month = shifted.start.year, ctx.anchor.month
        if fields["this_month"].lower() == "last":
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return DateValue.of_month(year, month)
    return shifted


def after(fields: Fields, ctx: Context) -> DateValue | None:
    """"a day after", "a year earlier", "un día después": counted from the date in focus.

    A quarter in focus shifts as a quarter ("third-quarter … a year earlier"), a date the
    text spelled out shifts as a day; anything vaguer leaves the anchor as the base.
    """
    amount = int(fields.get("num", 1)) * int(fields["after"])
    unit = fields["unit"]
    last, focus_quarter = ctx.focus.last, ctx.focus.quarter
    if unit == "year" and last is not None and last.precision == "quarter" \
            and focus_quarter is not None and focus_quarter.start is not None:
        return DateValue.of_quarter(*dates.shift_quarter(*dates.quarter_of(focus_quarter.start), 4 * amount))
    if ctx.focus.rule == "day" and last is not None and last.start is not None:
        base = last.start
        if unit == "year":
            moved = dates.safe_date(base.year + amount, base.month, base.day)
            return DateValue.of_day(moved) if moved else None
        if unit == "month":
            year, month_number = dates.shift_month(base.year, base.month, amount)
            moved = dates.safe_date(year, month_number, base.day)
            return DateValue.of_day(moved) if moved else None
    if unit in ("day", "week"):
        # "two days later": from the day the story is at, which may be the anchor itself.
        day_focus = ctx.focus.day
        base = day_focus.start if day_focus is not None and day_focus.start else ctx.anchor
        return DateValue.of_day(base + timedelta(days=amount * (7 if unit == "week" else 1)))
    return _shift(ctx.anchor, unit, amount, ctx.lexicon)


def anaphor(fields: Fields, ctx: Context) -> DateValue | None:
    """"that year", "the following month", "ese mismo día", "El día anterior"."""
    shift = _direction(fields, "adir", "adir2") or 0
    unit = fields.get("unit")
    last = ctx.focus.day if unit == "day" else ctx.focus.last
    base = last if last is not None and last.start is not None else DateValue.of_day(ctx.anchor)
    assert base.start is not None
    if unit is None:
        return base
    if unit in ("day", "week") and base.precision not in ("day", unit):
        return base if shift == 0 and base.precision != "unknown" else None
    return _shift(base.start, unit, shift)


def anaphoric_weekday(fields: Fields, ctx: Context) -> DateValue | None:
    """"the previous Friday": counted from the day mentioned last."""
    last = ctx.focus.last
    base = last.start if last is not None and last.precision == "day" and last.start else ctx.anchor
    shift = _direction(fields, "adir") or 0
    mode = {-1: "before", 1: "after"}.get(shift, "on_or_before")
    return DateValue.of_day(_weekday_from(base, fields["weekday"], mode))


def day_of_month(fields: Fields, ctx: Context) -> DateValue | None:
    """"the 20th", "el día 8": in the month just named, else around the anchor's month."""
    number = fields["day"]
    last = ctx.focus.last
    if ctx.focus.explicit_month and last is not None and last.start is not None:
        found = dates.safe_date(last.start.year, last.start.month, number)
        return DateValue.of_day(found) if found else None
    shift = _direction(fields, "dir", "dir2")
    if shift is not None:
        mode = DIRECTION_MODE.get(shift, "nearest")
    else:
        mode = ctx.mode("day_of_month")
    if mode == "same_month":
        found = dates.safe_date(ctx.anchor.year, ctx.anchor.month, number)
        return DateValue.of_day(found) if found else None
    candidates = [d for offset in (-1, 0, 1)
                  if (d := dates.safe_date(*dates.shift_month(ctx.anchor.year, ctx.anchor.month, offset),
                                           number))]
    found = dates.choose(candidates, ctx.anchor, mode)
    return DateValue.of_day(found) if found else None


def _quarter_year(fields: Fields, ctx: Context, default: int) -> int:
    explicit = _year_of(fields, ctx)
    if "yago" in fields:
        return (explicit if explicit is not None else ctx.anchor.year) - 1
    if explicit is not None:
        return explicit
    if _direction(fields, "dir") is not None:
        return ctx.anchor.year + int(fields["dir"])
    return default


def quarter(fields: Fields, ctx: Context) -> DateValue | None:
    """"third-quarter", "the 1988 third quarter", "el primer trimestre de 1998"."""
    return DateValue.of_quarter(_quarter_year(fields, ctx, ctx.anchor.year), int(fields["qord"]))


def quarter_reference(fields: Fields, ctx: Context) -> DateValue | None:
    """"the quarter", "the year-ago period", "el mismo periodo de 1999": the quarter in focus.

    Without one, or when called the latest, the last completed quarter: what a results
    story is about.
    """
    focus = ctx.focus.quarter
    if focus is not None and focus.start is not None and "latest" not in fields:
        base_year, number = dates.quarter_of(focus.start)
    else:
        base_year, number = dates.shift_quarter(*dates.quarter_of(ctx.anchor), -1)
    return DateValue.of_quarter(_quarter_year(fields, ctx, base_year), number)


def year_ago(fields: Fields, ctx: Context) -> DateValue | None:
    """A bare "year-ago"/"year-earlier": the focused quarter a year back, else last year."""
    focus = ctx.focus.quarter
    if focus is not None and focus.start is not None:
        return DateValue.of_quarter(ctx.anchor.year - 1, dates.quarter_of(focus.start)[1])
    return DateValue.of_year(ctx.anchor.year - 1)


def season(fields: Fields, ctx: Context) -> DateValue | None:
    code = str(fields["season"])
    explicit = _year_of(fields, ctx)
    if explicit is not None:
        return dates.season(explicit, code)
    options = [dates.season(y, code) for y in range(ctx.anchor.year - 2, ctx.anchor.year + 2)]
    shift = _direction(fields, "dir", "dir2")
    if shift == -1:
        past = [o for o in options if o.end and o.end < ctx.anchor]
        return past[-1]
    if shift == 1:
        return next(o for o in options if o.start and o.start > ctx.anchor)
    started = [o for o in options if o.start and o.start <= ctx.anchor]
    return started[-1]


RULES: dict[str, Callable[[Fields, Context], DateValue | None]] = {
    "day": day, "holiday": holiday, "month": month, "year": year, "decade": decade, "iso": iso,
    "weekday": weekday, "relative_day": relative_day, "relative_unit": relative_unit, "ago": ago,
    "after": after, "anaphor": anaphor, "anaphoric_weekday": anaphoric_weekday,
    "day_of_month": day_of_month, "quarter": quarter, "quarter_reference": quarter_reference,
    "year_ago": year_ago, "season": season,
}


def interpret(rule: str, fields: Fields, ctx: Context) -> DateValue | None:
    """The date ``fields`` denote under ``rule``; None if they denote no calendar date."""
    handler = RULES.get(rule)
    if handler is None:
        return None
    try:
        return handler(fields, ctx)
    except (KeyError, IndexError, StopIteration, ValueError, OverflowError):
        return None  # a date the calendar lacks ("February 30") or one out of range
