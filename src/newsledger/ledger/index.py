"""The blocking index: which stored reports could possibly be of the same event as a new one.

Adding a report must cost about log n, not n, so a new report is compared only with the
reports the index returns. The index is complete for every pair that ``compare`` does not
block: same type and status; origin and destination equal or unstated; dates within
``MAX_DAY_GAP`` days of overlapping; for a week, month or quarter a count within tolerance
or a shared exact name, for a year or decade a shared exact name; for an unknown date a
shared exact person or place (``Report.anchors``), or, between two undated claims (negated
or hypothetical), nothing more. Completeness in both directions is what makes the merge
order-free.

Day-precision reports, the bulk of a news stream, are kept per filing key and year in date
order, so that any date range is two binary searches away: a day report asks for five days,
a month-precision background mention for its month, a year-level one for its year, without
walking the days one by one. Coarser reports are filed under every month (week, month,
quarter) or year (year, decade) their date overlaps, so that a query looks at the one or two
months and the year around a day, or the twelve months of a year. The filing keys are
strings: "c<count>", "u" for an unstated count, "*" for every day report, and "n<name>" for
each name that can justify a coarse link (``Report.evidence``); year-level reports are filed
by name only. Undated reports are filed by person and place only, never by count or group:
either would make each of them meet a fixed share of the whole corpus (a cost growing as n
squared), and neither can link an undated report.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date

from newsledger.ledger.distinct import MAX_DAY_GAP, count_range
from newsledger.ledger.reports import Report

Series = tuple[str, bool, bool]  # type, negated, hypothetical
Route = tuple[str | None, str | None]  # origin, destination
# Filing keys are strings (which cache their hash): "c<count>", "u" for an unstated count,
# "*" for every day report, "n<name>" for a name.
_ANY = "*"
_UNSTATED = "u"


def _year(ordinal: int) -> int:
    return date.fromordinal(ordinal).year


def _month(ordinal: int) -> int:
    day = date.fromordinal(ordinal)
    return day.year * 12 + day.month - 1


class _Days:
    """Day-precision reports under one filing key, in date order."""

    __slots__ = ("days", "reports")

    def __init__(self) -> None:
        self.days: list[int] = []
        self.reports: list[Report] = []

    def add(self, day: int, report: Report) -> None:
        at = bisect_right(self.days, day)
        self.days.insert(at, day)
        self.reports.insert(at, report)

    def between(self, first: int, last: int) -> list[Report]:
        return self.reports[bisect_left(self.days, first):bisect_right(self.days, last)]


class BlockingIndex:
    """Reports filed so that ``candidates`` finds every comparable stored report."""

    def __init__(self) -> None:
        # flags -> route -> a small number naming the pair in the tables below
        self._routes: dict[Series, dict[Route, int]] = defaultdict(dict)
        # (series number, filing key, year) -> day-precision reports of that year, in date order
        self._days: dict[tuple[int, str, int], _Days] = {}
        # (series number, month or year) -> filing key -> reports: week, month and quarter
        # reports by each month they overlap; year and decade reports by each year
        self._months: dict[tuple[int, int], dict[str, list[Report]]] = {}
        self._years: dict[tuple[int, int], dict[str, list[Report]]] = {}
        # flags -> person or place -> reports: undated ones / all
        self._undated: dict[Series, dict[str, list[Report]]] = defaultdict(lambda: defaultdict(list))
        self._anchored: dict[Series, dict[str, list[Report]]] = defaultdict(lambda: defaultdict(list))
        # flags -> undated claims (negated or hypothetical reports without a date)
        self._claims: dict[Series, list[Report]] = defaultdict(list)
        self._count = 0

    def add(self, report: Report) -> None:
        flags = report.kind
        anchored = self._anchored[flags]
        for anchor in report.anchors:
            anchored[anchor].append(report)
        if report.start is None:
            undated = self._undated[flags]
            for anchor in report.anchors:
                undated[anchor].append(report)
            if not report.factual:
                self._claims[flags].append(report)
            return
        assert report.end is not None
        routes = self._routes[flags]
        series = routes.get((report.origin, report.destination))
        if series is None:
            self._count += 1
            series = routes[(report.origin, report.destination)] = self._count
        filing = ["n" + name for name in report.evidence]
        filing.append(_UNSTATED if report.count is None else f"c{report.count}")
        if report.rank == 0:
            filing.append(_ANY)
            year = _year(report.start)
            for key in filing:
                days = self._days.get((series, key, year))
                if days is None:
                    days = self._days[(series, key, year)] = _Days()
                days.add(report.start, report)
            return
        if report.rank <= 3:
            table, periods = self._months, range(_month(report.start), _month(report.end) + 1)
        else:  # a year-level report meets others only through a name
            table, periods = self._years, range(_year(report.start), _year(report.end) + 1)
            filing.pop()
        for period in periods:
            filed = table.setdefault((series, period), {})
            for key in filing:
                filed.setdefault(key, []).append(report)

    def candidates(self, report: Report) -> set[Report]:
        """Stored reports that ``compare`` might not block against ``report``.

        Reports, not their keys: a set of objects hashes by identity, without reading the
        key strings of thousands of reports scattered in memory.
        """
        found: set[Report] = set()
        flags = report.kind
        if report.start is None:
            anchored = self._anchored.get(flags, {})
            for anchor in report.anchors:
                hits = anchored.get(anchor)
                if hits:
                    found.update(hits)
            if not report.factual:
                found.update(self._claims.get(flags, ()))
            found.discard(report)
            return found
        assert report.end is not None
        first, last = report.start - MAX_DAY_GAP, report.end + MAX_DAY_GAP
        years = range(_year(first), _year(last) + 1)
        months = range(_month(first), _month(last) + 1)
        names = ["n" + name for name in report.evidence]
        counts = [f"c{value}" for value in count_range(report.count)] if report.count is not None else []
        # Two day-precision reports need no shared count or name; a coarser pair needs one,
        # and a pair with a year-level date a name.
        coarse = names if report.rank >= 4 else counts + names
        fine = (counts + [_UNSTATED] if counts else [_ANY]) if report.rank == 0 else coarse
        days_table, months_table, years_table = self._days, self._months, self._years
        for series in self._fitting_series(report):
            for key in fine:
                for year in years:
                    days = days_table.get((series, key, year))
                    if days is not None:
                        found.update(days.between(first, last))
            for table, periods, keys in ((months_table, months, coarse), (years_table, years, names)):
                for period in periods:
                    filed = table.get((series, period))
                    if filed:
                        for key in keys:
                            hits = filed.get(key)
                            if hits:
                                found.update(hits)
        undated = self._undated.get(flags, {})
        for anchor in report.anchors:
            hits = undated.get(anchor)
            if hits:
                found.update(hits)
        found.discard(report)
        return found

    def _fitting_series(self, report: Report) -> list[int]:
        """The routes filed for the report's flags that its origin and destination allow."""
        routes = self._routes.get(report.kind)
        if not routes:
            return []
        origin, destination = report.origin, report.destination
        if origin and destination:
            found = (routes.get(r) for r in ((origin, destination), (origin, None), (None, destination), (None, None)))
            return [series for series in found if series is not None]
        return [series for (o, d), series in routes.items()
                if (not o or not origin or o == origin) and (not d or not destination or d == destination)]
