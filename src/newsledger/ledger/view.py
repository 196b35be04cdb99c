"""What the ledger shows: events (records with their supporting reports), pending reports,
series memberships, tallies and claim checks, derived from the merged records.

Merging (``merging.Ledger``) decides which reports are one record from pairwise evidence.
This view then places partial records (``support``): those that fit one event are shown as
part of it, those that fit several stay pending, a candidate link to each, and never count
as events. Everything here is derived from the records and decisions and computed when
first read, so that reading never changes what is stored.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsledger.ledger.claims import ClaimCheck, ClaimEntry, Checker
from newsledger.ledger.fields import Record, build_record
from newsledger.ledger.series import Membership, Series, Tally, all_tallies, membership, series_for, tally_of
from newsledger.ledger.support import Fit, Placement, place

Pair = tuple[str, str]


@dataclass
class Pending:
    """A partial record that fits several events about equally: never an event itself."""

    record: Record
    fits: list[Fit]
    note: str = ""  # why it is no event, when no event fits it either (a restated total)

    def to_json(self) -> dict[str, Any]:
        return {"record": self.record.id, "type": self.record.type, "date": self.record.date.to_json(),
                "count": self.record.count, "origin": self.record.origin,
                "destination": self.record.destination, "reports": self.record.members,
                "sources": self.record.sources(), "candidates": [f.to_json() for f in self.fits],
                "note": self.note or None}


def _date_key(record: Record) -> tuple[bool, date | None, date | None, str]:
    return (record.date.start is None, record.date.start, record.date.end, record.id)


@dataclass
class View:
    """The ledger as shown; built once per reading from records, links and decisions."""

    events: list[Record]
    pending: list[Pending]
    event_of: dict[str, Record]  # report key -> the event (or pending record) it is shown in
    placement: Placement
    links: set[Pair] = field(default_factory=set)  # candidate links between events (record ids)
    cannot: frozenset[Pair] = frozenset()  # report pairs a person split
    _memberships: dict[Series, Membership] = field(default_factory=dict)

    @classmethod
    def build(cls, records: list[Record], cannot: set[Pair] | frozenset[Pair] = frozenset(),
              record_links: set[Pair] | None = None) -> "View":
        placement = place(records, cannot)
        by_id = {r.id: r for r in records}
        for rid, host in list(placement.supports.items()):
            if host in placement.supports or host in placement.totals or host not in by_id:
                del placement.supports[rid]  # never hide a record behind one that is not shown
        supporters: dict[str, list[Record]] = {}
        for rid, host in placement.supports.items():
            supporters.setdefault(host, []).append(by_id[rid])
        events: list[Record] = []
        pending: list[Pending] = []
        event_of: dict[str, Record] = {}
        for record in records:
            if record.id in placement.supports:
                continue
            if record.id in placement.pending or record.id in placement.totals:
                pending.append(Pending(record, placement.pending.get(record.id, []),
                                       placement.totals.get(record.id, "")))
                for key in record.members:
                    event_of[key] = record
                continue
            shown = record
            extra = supporters.get(record.id)
            if extra:
                shown = build_record(record.reports + [r for s in extra for r in s.reports])
                shown.id = record.id
                shown.supporting = sorted(k for s in extra for k in s.members)
            events.append(shown)
            for key in shown.members:
                event_of[key] = shown
        events.sort(key=_date_key)
        pending.sort(key=lambda p: _date_key(p.record))
        links = set()
        for a, b in record_links or ():
            ea, eb = event_of.get(a), event_of.get(b)
            if ea is not None and eb is not None and ea.id != eb.id:
                links.add((ea.id, eb.id) if ea.id < eb.id else (eb.id, ea.id))
        return cls(events, pending, event_of, placement, links, cannot=frozenset(cannot))

    def membership(self, series: Series) -> Membership:
        if series not in self._memberships:
            self._memberships[series] = membership(self.events, series, self.links, self.cannot)
        return self._memberships[series]

    def tally(self, event_type: str, origin: str | None = None, destination: str | None = None) -> Tally:
        return tally_of(self.membership(series_for(event_type, origin, destination)))

    def tallies(self) -> list[Tally]:
        return all_tallies(self.events, self.links, self.cannot)

    def check(self, entries: list[ClaimEntry]) -> list[ClaimCheck]:
        checker = Checker(self.events, self.event_of, self.membership)
        return checker.check_all(entries)
