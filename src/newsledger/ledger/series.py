"""Series of events: which ledger events a tally counts and a claim is checked against.

A series is declared in data (``newsledger/series.yaml``: type, direction, kind, minimum
size, programme) or, for a type and direction without an entry, derived: the type with
its origin and destination ("transfers US→MX"), or the type with the people taking part
for events between people (calls between two leaders).

Membership is strict because a wrong member silently changes every figure after it:

* a **member** is a factual event of the series with a date and a count (at least the
  series' minimum size); members are ordered by date;
* an event of the series that lacks a date or a count, states only half the direction,
  or conflicts with a better-supported member (another count within two days, an open
  candidate link) is **unsure**: shown with the reason, never counted;
* negated and hypothetical events, single acts below the minimum size and other
  directions are not in the series at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from newsledger.errors import KnowledgeBaseError
from newsledger.ledger.distinct import MAX_DAY_GAP, count_penalty
from newsledger.ledger.fields import Record
from newsledger.ledger.names import Name, same_entity
from newsledger.ontology import event_type, event_types

_PATH = "newsledger/series.yaml"
KINDS = ("group", "single")
_FIELDS = {"id", "name", "type", "origin", "destination", "kind", "min_count", "programme", "complete"}


@dataclass(frozen=True)
class SeriesSpec:
    """A series declared in ``series.yaml``."""

    id: str
    name: str
    event_type: str
    origin: str | None
    destination: str | None
    kind: str
    min_count: int
    programme: str | None
    complete: bool


def parse_specs(data: Any, where: str = _PATH) -> list[SeriesSpec]:
    """Check and read the series table; errors name the entry and what to fix."""
    if not isinstance(data, list):
        raise KnowledgeBaseError(f"{where}: expected a list of series")
    specs: list[SeriesSpec] = []
    seen: set[str] = set()
    types = event_types()
    for i, entry in enumerate(data):
        at = f"{where}: entry {i + 1}"
        if not isinstance(entry, dict):
            raise KnowledgeBaseError(f"{at}: expected a mapping")
        unknown = set(entry) - _FIELDS
        if unknown:
            raise KnowledgeBaseError(f"{at}: unknown fields {sorted(unknown)} (expected {sorted(_FIELDS)})")
        for required in ("id", "name", "type", "kind"):
            if not entry.get(required):
                raise KnowledgeBaseError(f"{at}: missing {required!r}")
        ident = str(entry["id"])
        if ident in seen:
            raise KnowledgeBaseError(f"{at}: duplicate id {ident!r}")
        seen.add(ident)
        kind_name = str(entry["type"])
        if kind_name not in types:
            raise KnowledgeBaseError(f"{at} ({ident}): unknown event type {kind_name!r} (see ontology.yaml)")
        route = types[kind_name].route
        origin, destination = entry.get("origin"), entry.get("destination")
        for code in (origin, destination):
            if code is not None and (not route or not (isinstance(code, str) and len(code) == 2 and code.isupper())):
                raise KnowledgeBaseError(f"{at} ({ident}): origin/destination must be ISO alpha-2 codes,"
                                         f" and only for types with a route (got {code!r})")
        if entry["kind"] not in KINDS:
            raise KnowledgeBaseError(f"{at} ({ident}): kind must be one of {KINDS}")
        min_count = entry.get("min_count", 1)
        if not isinstance(min_count, int) or min_count < 1:
            raise KnowledgeBaseError(f"{at} ({ident}): min_count must be a positive integer")
        specs.append(SeriesSpec(ident, str(entry["name"]), kind_name, origin, destination, str(entry["kind"]),
                                min_count, entry.get("programme"), bool(entry.get("complete", False))))
    return specs


@cache
def declared() -> tuple[SeriesSpec, ...]:
    """The series of ``series.yaml``, in the table's order."""
    resource = resources.files("newsledger").joinpath("series.yaml")
    try:
        data = yaml.safe_load(resource.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise KnowledgeBaseError(f"{_PATH}: invalid YAML ({error})") from error
    return tuple(parse_specs(data))


@dataclass(frozen=True)
class Series:
    """Which events a figure counts over: a declared series, or a type with a route or people."""

    event_type: str
    origin: str | None = None
    destination: str | None = None
    participants: tuple[Name, ...] = ()
    spec: SeriesSpec | None = None

    @classmethod
    def of(cls, spec: SeriesSpec) -> "Series":
        return cls(spec.event_type, spec.origin, spec.destination, (), spec)

    @property
    def complete(self) -> bool:
        return self.spec is not None and self.spec.complete

    @property
    def min_count(self) -> int:
        return self.spec.min_count if self.spec is not None else 1

    def label(self) -> str:
        if self.spec is not None:
            return self.spec.name
        route = f" {self.origin or '?'}->{self.destination or '?'}" if self.origin or self.destination else ""
        people = f" of {' and '.join(p.text for p in self.participants)}" if self.participants else ""
        return f"{self.event_type}{route}{people}"

    def holds(self, record: Record) -> bool:
        """Whether a factual record is of this series' type, direction and people."""
        if record.type != self.event_type or not record.factual:
            return False
        if (self.origin and record.origin != self.origin) or (
                self.destination and record.destination != self.destination):
            return False
        if self.participants:
            names = people_of(record)
            return all(any(same_entity(p, n) for n in names) for p in self.participants)
        return True

    def half_route(self, record: Record) -> bool:
        """A factual record of the type that states one side of the direction and fits the other."""
        if record.type != self.event_type or not record.factual or not (self.origin and self.destination):
            return False
        sides = [(record.origin, self.origin), (record.destination, self.destination)]
        return any(mine is None for mine, _ in sides) and all(mine in (None, want) for mine, want in sides) and (
            record.origin is not None or record.destination is not None)


def series_for(event_type_name: str, origin: str | None, destination: str | None) -> Series:
    """The declared series of a type and direction, or the derived one."""
    for spec in declared():
        if spec.event_type == event_type_name and (origin, destination) == (spec.origin, spec.destination):
            return Series.of(spec)
    return Series(event_type_name, origin, destination)


def people_of(record: Record) -> list[Name]:
    """The people a record names in any role (for series such as calls between leaders)."""
    return [name for report in record.reports for name in report.all_names() if name.type == "person"]


def date_order(record: Record) -> tuple[date, date, str]:
    return (record.date.start or date.max, record.date.end or date.max, record.id)


@dataclass
class Unsure:
    """An event of the series that is not counted, and why."""

    record: Record
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"event": self.record.id, "date": self.record.date.to_json(), "count": self.record.count,
                "reason": self.reason}


@dataclass
class Membership:
    """A series' members in date order, and the events of it the ledger is unsure of."""

    series: Series
    members: list[Record] = field(default_factory=list)
    unsure: list[Unsure] = field(default_factory=list)

    def within(self, until: date | None = None, period: tuple[date, date] | None = None) -> "Membership":
        """Members and unsure events dated up to ``until`` and inside ``period``."""
        def keep(record: Record) -> bool:
            start = record.date.start
            if start is None:
                return until is None and period is None
            if until is not None and start > until:
                return False
            return period is None or period[0] <= start <= period[1]
        return Membership(self.series, [r for r in self.members if keep(r)],
                          [u for u in self.unsure if keep(u.record) or u.record.date.start is None])


def membership(events: list[Record], series: Series, links: set[tuple[str, str]] | None = None,
               cannot: frozenset[tuple[str, str]] = frozenset()) -> Membership:
    """Sort the events of ``series`` into members and unsure ones (see the module doc).

    ``links`` are open candidate links between events (record id pairs): of two linked
    members, the one with fewer sources may be a duplicate of the other. ``cannot`` are the
    report pairs a person split: two events a person kept apart are both members.
    """
    result = Membership(series)
    candidates: list[Record] = []
    for record in events:
        if series.holds(record):
            if not record.date.known:
                result.unsure.append(Unsure(record, "no date"))
            elif record.count is None and "count" in event_type(record.type).slots:
                if series.spec is None or series.spec.kind == "group":
                    result.unsure.append(Unsure(record, "no count"))
            elif record.count is not None and record.count < series.min_count:
                continue  # a smaller act: another series (a single extradition)
            else:
                candidates.append(record)
        elif series.half_route(record) and record.date.known and (record.count or 0) >= series.min_count:
            result.unsure.append(Unsure(record, "direction stated only in part"))
    doubtful: dict[str, str] = {}
    sources = {r.id: len(r.documents) for r in candidates}
    for i, a in enumerate(candidates):
        for b in candidates[i + 1:]:
            reason = _conflict(a, b, links, cannot)
            if reason is None:
                continue
            if sources[a.id] != sources[b.id]:
                weak, strong = (a, b) if sources[a.id] < sources[b.id] else (b, a)
                doubtful.setdefault(weak.id, f"{reason} {strong.id} ({strong.date.value}, {strong.count},"
                                             f" {sources[strong.id]} sources against {sources[weak.id]})")
            else:
                for weak, strong in ((a, b), (b, a)):
                    doubtful.setdefault(weak.id, f"{reason} {strong.id} ({strong.date.value}, {strong.count},"
                                                 f" as many sources)")
    for record in sorted(candidates, key=date_order):
        if record.id in doubtful:
            result.unsure.append(Unsure(record, doubtful[record.id]))
        else:
            result.members.append(record)
    result.unsure.sort(key=lambda u: date_order(u.record))
    return result


def _conflict(a: Record, b: Record, links: set[tuple[str, str]] | None,
              cannot: frozenset[tuple[str, str]] = frozenset()) -> str | None:
    """Why two would-be members may be one event told twice, or None."""
    if cannot and any(((x, y) if x < y else (y, x)) in cannot for x in a.members for y in b.members):
        return None  # a person decided they are two events
    if links and ((a.id, b.id) in links or (b.id, a.id) in links):
        return "may be the same event as"
    assert a.date.start and a.date.end and b.date.start and b.date.end
    gap = max(a.date.start, b.date.start) - min(a.date.end, b.date.end)
    if gap.days <= MAX_DAY_GAP and a.count is not None and b.count is not None and a.count != b.count:
        if count_penalty(a.count, b.count) is None:
            return "another count within days of"
    return None


@dataclass
class TallyRow:
    record: Record
    count: int | None
    cumulative: int | None

    def to_json(self) -> dict[str, Any]:
        return {"event": self.record.id, "date": self.record.date.to_json(), "count": self.count,
                "cumulative": self.cumulative}


@dataclass
class Tally:
    """A series' members with running totals, and the events of it that are not counted."""

    event_type: str
    origin: str | None
    destination: str | None
    rows: list[TallyRow]
    unsure: list[Unsure] = field(default_factory=list)
    series: Series | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"event_type": self.event_type, "origin": self.origin,
                                "destination": self.destination, "running": [row.to_json() for row in self.rows]}
        if self.series is not None:
            data["series"] = self.series.label()
            if self.series.spec is not None:
                data["series_id"] = self.series.spec.id
        data["unsure"] = [u.to_json() for u in self.unsure]
        return data


def tally_of(found: Membership) -> Tally:
    rows: list[TallyRow] = []
    total = 0
    for record in found.members:
        total += record.count or 0
        rows.append(TallyRow(record, record.count, total))
    series = found.series
    return Tally(series.event_type, series.origin, series.destination, rows, list(found.unsure), series)


def tally(events: list[Record], event_type_name: str, origin: str | None = None, destination: str | None = None,
          links: set[tuple[str, str]] | None = None, cannot: frozenset[tuple[str, str]] = frozenset()) -> Tally:
    return tally_of(membership(events, series_for(event_type_name, origin, destination), links, cannot))


def all_tallies(events: list[Record], links: set[tuple[str, str]] | None = None,
                cannot: frozenset[tuple[str, str]] = frozenset()) -> list[Tally]:
    """Every declared series, and every other series between two stated countries, that has an event."""
    routes = {(r.type, r.origin, r.destination) for r in events
              if r.factual and r.date.known and r.origin and r.destination}
    routes |= {(s.event_type, s.origin, s.destination) for s in declared()
               if any(r.type == s.event_type for r in events)}
    out = [tally(events, *route, links=links, cannot=cannot) for route in sorted(routes, key=lambda r: (r[0], r[1] or "", r[2] or ""))]
    return [t for t in out if t.rows or t.unsure]
