"""From pairwise links to records: connected components, then a consistency check.

Sure links (and a person's merge decisions) join reports into components with union-find.
A component can still hold reports that cannot all be one event: a month-precision
background mention links to two different day-precision transfers of that month, and so
joins them. Each component is therefore resolved into clusters in which no pair is blocked,
deterministically: reports are visited finest date first (then counted before uncounted,
then earliest, then by key), and each joins the one cluster it has a sure link to and fits
entirely; a report that fits two clusters stays on its own, and its links are listed as
candidates. The result depends only on the set of reports, links and decisions, so it is
the same whatever order the reports arrived in.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from newsledger.ledger.reports import Report


class UnionFind:
    """Disjoint sets of report keys, keeping each set's members for cheap re-resolution."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}

    def add(self, key: str) -> None:
        if key not in self._parent:
            self._parent[key] = key
            self._members[key] = [key]

    def find(self, key: str) -> str:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:  # path compression
            self._parent[key], key = root, self._parent[key]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if len(self._members[ra]) < len(self._members[rb]):
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._members[ra].extend(self._members.pop(rb))
        return ra

    def members(self, key: str) -> list[str]:
        return self._members[self.find(key)]


def _order(report: Report) -> tuple[int, int, int, str]:
    return (report.rank, 0 if report.event.count is not None else 1,
            report.start if report.start is not None else 10**9, report.key)


def resolve(
    reports: list[Report],
    sure: Callable[[str, str], bool],
    blocked: Callable[[Report, Report], bool],
    must: Iterable[tuple[str, str]] = (),
    cannot: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> list[list[str]]:
    """Split one component into clusters of mutually compatible reports.

    ``sure(a, b)`` tells whether two keys have a sure link; ``blocked`` whether two reports
    can never be one event; ``must`` pairs were merged by a person and stay together
    whatever their scores; ``cannot`` pairs (sorted key tuples) were split by a person.
    """
    by_key = {report.key: report for report in reports}
    units = UnionFind()
    for key in by_key:
        units.add(key)
    for a, b in must:
        if a in by_key and b in by_key:
            units.union(a, b)
    groups: dict[str, list[Report]] = {}
    for key in by_key:
        groups.setdefault(units.find(key), []).append(by_key[key])
    ordered = sorted((sorted(group, key=_order) for group in groups.values()), key=lambda g: _order(g[0]))

    clusters: list[list[Report]] = []
    for unit in ordered:
        fits = [cluster for cluster in clusters if _fits(unit, cluster, sure, blocked, cannot)]
        if len(fits) == 1:
            fits[0].extend(unit)
        else:
            clusters.append(list(unit))
    return [sorted(report.key for report in cluster) for cluster in clusters]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _fits(unit: list[Report], cluster: list[Report], sure: Callable[[str, str], bool],
          blocked: Callable[[Report, Report], bool], cannot: set[tuple[str, str]] | frozenset[tuple[str, str]]) -> bool:
    linked = False
    for x in unit:
        for y in cluster:
            if _pair(x.key, y.key) in cannot or blocked(x, y):
                return False
            linked = linked or sure(x.key, y.key)
    return linked
