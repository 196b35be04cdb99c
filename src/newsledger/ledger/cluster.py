"""From pairwise links to records: connected components, then a consistency check.

Sure links (and a person's merge decisions) join reports into components with union-find.
A component can still hold reports that cannot all be one event: a month-precision
background mention links to two different day-precision transfers of that month, and so
joins them. Each component is therefore resolved into clusters in which no pair is blocked,
deterministically: reports are visited finest date first (then the best supported by sure
links, then earliest, then by key), and each joins the cluster it has a sure link to and fits
entirely; a report that fits two clusters about equally well stays on its own, and its
links are listed as candidates. The result depends only on the set of reports, links and decisions, so it is
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


# A report that fits several clusters joins the best one only if its strongest link there
# beats its strongest link elsewhere by this much; otherwise it is ambiguous.
MARGIN = 1.0


def resolve(
    reports: list[Report],
    score: Callable[[Report, Report], float],
    contradicts: Callable[[Report, Report], bool],
    must: Iterable[tuple[str, str]] = (),
    cannot: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
    sure: float = 3.5,
    unsure: float = 1.5,
) -> list[list[str]]:
    """Split one component into clusters of mutually compatible reports.

    ``score`` gives a pair's link score and ``contradicts`` whether two reports can never
    be one event; ``must`` pairs were merged by a person and stay together whatever their
    scores; ``cannot`` pairs (sorted key tuples) were split by a person. A report joins
    the cluster it has a sure link to and fits entirely; fitting several, it joins the
    clearly best one, else it stays on its own and is never joined itself, so that one
    ambiguous report cannot make its neighbours ambiguous too. A pair scored at least
    ``unsure`` was compared past every hard incompatibility, so it cannot contradict.
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
    # The best-supported reports anchor clusters: finest date first, then the most sure links.
    support = {key: 0.0 for key in by_key}
    for i, x in enumerate(reports):
        for y in reports[i + 1:]:
            value = score(x, y)
            if value >= sure:
                support[x.key] += value
                support[y.key] += value

    def order(report: Report) -> tuple[int, float, int, str]:
        return (report.rank, -support[report.key], report.start if report.start is not None else 10**9, report.key)

    ordered = sorted((sorted(group, key=order) for group in groups.values()), key=lambda g: order(g[0]))

    clusters: list[list[Report]] = []
    alone: list[list[Report]] = []
    for unit in ordered:
        options = []
        for position, cluster in enumerate(clusters):
            strength = _strength(unit, cluster, score, contradicts, cannot, unsure)
            if strength is not None and strength >= sure:
                options.append((strength, -position))
        if not options:
            clusters.append(list(unit))
            continue
        options.sort(reverse=True)
        if len(options) == 1 or options[0][0] >= options[1][0] + MARGIN:
            clusters[-options[0][1]].extend(unit)
        else:
            alone.append(list(unit))
    return [sorted(report.key for report in cluster) for cluster in clusters + alone]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _strength(unit: list[Report], cluster: list[Report], score: Callable[[Report, Report], float],
              contradicts: Callable[[Report, Report], bool],
              cannot: set[tuple[str, str]] | frozenset[tuple[str, str]], unsure: float) -> float | None:
    """The strongest link from ``unit`` into ``cluster``, or None if they cannot be together."""
    best = float("-inf")
    for x in unit:
        for y in cluster:
            if cannot and _pair(x.key, y.key) in cannot:
                return None
            value = score(x, y)
            if value < unsure and contradicts(x, y):
                return None
            if value > best:
                best = value
    return best
