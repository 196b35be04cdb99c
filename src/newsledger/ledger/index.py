"""The blocking index: which stored reports could possibly be of the same event as a new one.

Adding a report must cost about log n, not n, so a new report is compared only with the
reports the index returns. The index is complete for every pair that ``compare`` does not
block: same type and status; origin and destination equal or unstated; dates within
``MAX_DAY_GAP`` days of overlapping; and for unknown dates a count within tolerance or a
shared exact name. Completeness in both directions is what makes the merge order-free.

Dated reports are filed by precision level (day, week, month, quarter, year, decade) under
the bucket of that level that holds their start; a query walks, at each level, the buckets
its widened range overlaps. A day report thus looks at five day buckets and a handful of
coarse ones; a month-precision background mention looks at the month's days. Within a
bucket, reports are filed by count and by name: two day-precision reports meet when their
counts are within tolerance (or one is unstated); a pair with a coarser date meets only
through a count within tolerance or a shared name, which is what ``compare`` requires of it.
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


Key = tuple[str, object]


class BlockingIndex:
    """Report keys filed so that ``candidates`` finds every comparable stored report."""

    def __init__(self) -> None:
        # flags -> (origin, destination) -> level -> bucket -> filing key -> report keys, where
        # the filing keys are ("c", count) or ("u",) for an unstated count, and ("n", name)
        # for each name that can justify a link (``compatibility.evidence_names``).
        self._dated: dict[Series, dict[tuple[str | None, str | None], dict[str, dict[int, dict[Key, list[str]]]]]] = {}
        # flags -> filing key -> report keys, for reports of unknown date / for all reports
        self._undated: dict[Series, dict[Key, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._evidence: dict[Series, dict[Key, list[str]]] = defaultdict(lambda: defaultdict(list))

    def add(self, report: Report) -> None:
        flags = report.flags
        names = [("n", name) for name in sorted(evidence_names(report))]
        count: list[Key] = [("c", report.event.count)] if report.event.count is not None else []
        for key in names + count:
            self._evidence[flags][key].append(report.key)
        if report.start is None:
            for key in names + count:
                self._undated[flags][key].append(report.key)
            return
        assert report.end is not None
        routes = self._dated.setdefault(flags, {})
        levels = routes.setdefault((report.event.origin, report.event.destination), {})
        level = _LEVEL_OF_RANK.get(report.rank, "decade")
        buckets = levels.setdefault(level, {})
        filing = names + (count or [("u",)])
        for bucket in _buckets(level, report.start, report.end):
            filed = buckets.setdefault(bucket, {})
            for key in filing:
                filed.setdefault(key, []).append(report.key)

    def candidates(self, report: Report) -> set[str]:
        """Keys of stored reports that ``compare`` might not block against ``report``."""
        found: set[str] = set()
        flags = report.flags
        names: list[Key] = [("n", name) for name in sorted(evidence_names(report))]
        counts: list[Key] = ([("c", value) for value in count_range(report.event.count)]
                             if report.event.count is not None else [])
        if report.start is None:
            evidence = self._evidence.get(flags, {})
            for key in names + counts:
                found.update(evidence.get(key, ()))
            found.discard(report.key)
            return found
        assert report.end is not None
        start, end = report.start - MAX_DAY_GAP, report.end + MAX_DAY_GAP
        # Two day-precision reports need no shared count or name; any coarser pair does.
        fine = counts + [("u",)] if counts else None
        coarse = counts + names
        for route, levels in self._dated.get(flags, {}).items():
            if not self._route_fits(report, route):
                continue
            for level, buckets in levels.items():
                both_days = level == "day" and report.rank == 0
                for bucket in _buckets(level, start, end):
                    filed = buckets.get(bucket)
                    if not filed:
                        continue
                    if both_days and fine is None:
                        for key, hits in filed.items():
                            if key[0] != "n":
                                found.update(hits)
                        continue
                    for key in (fine if both_days else coarse):  # type: ignore[union-attr]
                        hits = filed.get(key)
                        if hits:
                            found.update(hits)
        undated = self._undated.get(flags, {})
        for key in names + counts:
            found.update(undated.get(key, ()))
        found.discard(report.key)
        return found

    @staticmethod
    def _route_fits(report: Report, route: tuple[str | None, str | None]) -> bool:
        origin, destination = route
        event = report.event
        return ((not origin or not event.origin or origin == event.origin)
                and (not destination or not event.destination or destination == event.destination))
