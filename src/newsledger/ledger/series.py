"""Series of events and their running totals (tallies).

A series is what a cumulative or ordinal figure counts over: for transfers and other
events between countries, the event type with its origin and destination ("transfers
MX→US", which a US→MX return of 14 does not belong to); for events between people, such
as leaders' calls, the type with the people taking part. Only factual records count:
negated and hypothetical ones stay in the ledger as what was claimed, never in a total.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from newsledger.ledger.fields import Record
from newsledger.ledger.names import Name, same_entity


@dataclass(frozen=True)
class Series:
    """Which records a figure counts over; ``participants`` only for events between people."""

    event_type: str
    origin: str | None = None
    destination: str | None = None
    participants: tuple[Name, ...] = ()

    def label(self) -> str:
        route = f" {self.origin or '?'}->{self.destination or '?'}" if self.origin or self.destination else ""
        people = f" of {' and '.join(p.text for p in self.participants)}" if self.participants else ""
        return f"{self.event_type}{route}{people}"

    def holds(self, record: Record) -> bool:
        if record.type != self.event_type or not record.factual or not record.date.known:
            return False
        if self.origin and record.origin != self.origin:
            return False
        if self.destination and record.destination != self.destination:
            return False
        if self.participants:
            names = people_of(record)
            return all(any(same_entity(p, n) for n in names) for p in self.participants)
        return True


def people_of(record: Record) -> list[Name]:
    """The people a record names in any role (for series such as calls between leaders)."""
    return [name for report in record.reports for name in report.all_names() if name.type == "person"]


def series_key(record: Record) -> tuple[date, date, str]:
    assert record.date.start is not None and record.date.end is not None
    return (record.date.start, record.date.end, record.id)


def members(records: list[Record], series: Series, until: date | None = None,
            period: tuple[date, date] | None = None) -> list[Record]:
    """The factual records of a series in date order, up to ``until`` and within ``period``."""
    found = []
    for record in records:
        if not series.holds(record):
            continue
        assert record.date.start is not None
        if until is not None and record.date.start > until:
            continue
        if period is not None and not (period[0] <= record.date.start <= period[1]):
            continue
        found.append(record)
    return sorted(found, key=series_key)


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
    """A series with running totals; ``cumulative`` is None from the first record without a count."""

    event_type: str
    origin: str | None
    destination: str | None
    rows: list[TallyRow]

    def to_json(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "origin": self.origin, "destination": self.destination,
                "running": [row.to_json() for row in self.rows]}


def tally(records: list[Record], event_type: str, origin: str | None = None,
          destination: str | None = None) -> Tally:
    rows: list[TallyRow] = []
    total: int | None = 0
    for record in members(records, Series(event_type, origin, destination)):
        if total is not None and record.count is not None:
            total += record.count
        else:
            total = None
        rows.append(TallyRow(record, record.count, total))
    return Tally(event_type, origin, destination, rows)


def all_tallies(records: list[Record]) -> list[Tally]:
    """Every series between two stated countries that has a factual, dated record."""
    routes = sorted({(r.type, r.origin, r.destination) for r in records
                     if r.factual and r.date.known and r.origin and r.destination})
    return [tally(records, *route) for route in routes]
