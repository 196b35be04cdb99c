"""The blocking index: which stored reports could possibly be of the same event as a new one.

Adding a report must cost about log n, not n, so a new report is compared only with the
reports the index returns. The index is complete for every pair that ``compare`` does not
block: same type and status; origin and destination equal or unstated; dates within
``MAX_DAY_GAP`` days of overlapping; and for unknown dates a count within tolerance or a
shared exact name. Completeness in both directions is what makes the merge order-free.

Dated reports are filed by precision level (day, week, month, quarter, year, decade) under
the bucket of that level that holds their start; a query walks, at each level, the buckets
its widened range overlaps. A day report thus looks at five day buckets and a handful of
coarse ones; a month-precision background mention looks at the month's days.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from newsledger.ledger.compatibility import MAX_DAY_GAP, count_range, evidence_names
from newsledger.ledger.reports import Report

_LEVELS = ("day", "week", "month", "quarter", "year", "decade")
_LEVEL_OF_RANK = {0: "day", 1: "week", 2: "month", 3: "quarter", 4: "year", 5: "decade"}


def _bucket(level: str, ordinal: int) -> int:
    if level == "day":
        return ordinal
    if level == "week":
        return (ordinal - 1) // 7  # ordinal 1 is a Monday: weeks start on Mondays
    day = date.fromordinal(ordinal)
    if level == "month":
        return day.year * 12 + day.month - 1
    if level == "quarter":
        return day.year * 4 + (day.month - 1) // 3
    if level == "year":
        return day.year
    return day.year // 10


def _buckets(level: str, start: int, end: int) -> Iterator[int]:
    """Every bucket of ``level`` that overlaps the day range [start, end]."""
    if level == "day":
        yield from range(start, end + 1)
        return
    if level == "week":
        yield from range(_bucket("week", start), _bucket("week", end) + 1)
        return
    first, last = _bucket(level, start), _bucket(level, end)
    yield from range(first, last + 1)


Series = tuple[str, bool, bool]  # type, negated, hypothetical


class BlockingIndex:
    """Report keys filed so that ``candidates`` finds every comparable stored report."""

    def __init__(self) -> None:
        # flags -> (origin, destination) -> level -> bucket -> keys
        self._dated: dict[Series, dict[tuple[str | None, str | None], dict[str, dict[int, list[str]]]]] = {}
        # flags -> evidence key -> keys, for reports of unknown date / for all reports
        self._undated: dict[Series, dict[tuple[str, object], list[str]]] = defaultdict(lambda: defaultdict(list))
        self._evidence: dict[Series, dict[tuple[str, object], list[str]]] = defaultdict(lambda: defaultdict(list))

    def add(self, report: Report) -> None:
        flags = report.flags
        for key in self._evidence_keys(report):
            self._evidence[flags][key].append(report.key)
        if report.start is None:
            for key in self._evidence_keys(report):
                self._undated[flags][key].append(report.key)
            return
        assert report.end is not None
        routes = self._dated.setdefault(flags, {})
        levels = routes.setdefault((report.event.origin, report.event.destination), {})
        level = _LEVEL_OF_RANK.get(report.rank, "decade")
        buckets = levels.setdefault(level, {})
        for bucket in _buckets(level, report.start, report.end):
            buckets.setdefault(bucket, []).append(report.key)

    def candidates(self, report: Report) -> set[str]:
        """Keys of stored reports that ``compare`` might not block against ``report``."""
        found: set[str] = set()
        flags = report.flags
        if report.start is None:
            evidence = self._evidence.get(flags, {})
            for key in self._query_keys(report):
                found.update(evidence.get(key, ()))
        else:
            assert report.end is not None
            start, end = report.start - MAX_DAY_GAP, report.end + MAX_DAY_GAP
            for route, levels in self._dated.get(flags, {}).items():
                if not self._route_fits(report, route):
                    continue
                for level, buckets in levels.items():
                    for bucket in _buckets(level, start, end):
                        hits = buckets.get(bucket)
                        if hits:
                            found.update(hits)
            undated = self._undated.get(flags, {})
            for key in self._query_keys(report):
                found.update(undated.get(key, ()))
        found.discard(report.key)
        return found

    @staticmethod
    def _route_fits(report: Report, route: tuple[str | None, str | None]) -> bool:
        origin, destination = route
        event = report.event
        return ((not origin or not event.origin or origin == event.origin)
                and (not destination or not event.destination or destination == event.destination))

    @staticmethod
    def _evidence_keys(report: Report) -> list[tuple[str, object]]:
        keys: list[tuple[str, object]] = [("name", name) for name in sorted(evidence_names(report))]
        if report.event.count is not None:
            keys.append(("count", report.event.count))
        return keys

    @staticmethod
    def _query_keys(report: Report) -> list[tuple[str, object]]:
        keys: list[tuple[str, object]] = [("name", name) for name in sorted(evidence_names(report))]
        if report.event.count is not None:
            keys.extend(("count", value) for value in count_range(report.event.count))
        return keys

