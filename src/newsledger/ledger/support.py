"""Partial reports: a record without a date or a count joins the event it fits.

Pairwise merging links two reports only on positive evidence (a shared day, count, person
or place), so a report that states less than the others ("Mexico sent 29 prisoners" in an
undated page, "the transfer in February", "the killing of the DEA agent") stays a record
of its own, and each such record would be one more event in the ledger. Missing fields
are not evidence that an event is new. This module decides, over the merged records,
which ones are partial and where they belong:

* a **partial** record lacks a date, or lacks a count where its type has one;
* it **fits** a dated record (a *host*) when nothing either states tells them apart: same
  type and status, no other origin, destination, count (an undated report: the very same
  count), date or place, the host not after the report's publication (and, sharing no
  name or place with it, within the ``WINDOW_DAYS`` before), no other set of named people (unless the count says more
  took part than are named), no pair of their reports that cannot be one event, and no
  split decided by a person;
* a partial record that fits exactly one host, or one clearly better than any other
  (``MARGIN`` of evidence: shared people, groups, place, count, route), **supports** that
  event; fitting several about equally, it is **pending**: a candidate link to each, shown
  for review and never a new event; fitting none, it is an event of its own (what it
  states tells it apart from every other).

The result depends only on the set of records and decisions, so it keeps the ledger's
independence of ingestion order. Hosts are found through small indexes (by count, by
named actor and place, then by type) so that the pass stays cheap on large ledgers.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsledger.ledger.distinct import MAX_DAY_GAP, contradicts, count_penalty, count_range
from newsledger.ledger.fields import Record
from newsledger.ledger.names import places_agree, related
from newsledger.ledger.reports import MAX_NAME_BONUS, count_weight
from newsledger.model import PRECISION_RANK
from newsledger.ontology import event_type

Pair = tuple[str, str]

MARGIN = 1.0  # how much better the best host must fit than the next to be chosen
# An undated report that shares no name or place with an event is about one of the year or
# so before its publication: news recalls older events with a date or a name ("in 1985",
# "the killing of Camarena"), rarely with a bare count.
WINDOW_DAYS = 400
_ROUTE = 0.75
_LOCATION = 1.0
_DISJOINT_PEOPLE = -1.0  # other people named in a group act: weak evidence, not proof
_WIDE_SCAN = 2  # without any key to look up, stop after this many fitting hosts


@dataclass(frozen=True)
class Fit:
    """How well a partial record fits one host, with the reasons, for review and export."""

    host: str
    score: float
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"event": self.host, "score": round(self.score, 3), "reasons": list(self.reasons)}


@dataclass
class Placement:
    """Where the partial records went: supporting a host, or pending between hosts."""

    supports: dict[str, str] = field(default_factory=dict)  # partial record id -> host record id
    fits: dict[str, list[Fit]] = field(default_factory=dict)  # partial record id -> fitting hosts, best first
    pending: dict[str, list[Fit]] = field(default_factory=dict)  # ambiguous partial record id -> its fits
    totals: dict[str, str] = field(default_factory=dict)  # undated record id -> the running total it restates

    def host_of(self, record_id: str) -> str | None:
        return self.supports.get(record_id)


def is_partial(record: Record) -> bool:
    """Whether a record lacks a date, a day (only a week, month or year), or a count its
    type has (a transfer, an arrest)."""
    if not record.date.known or record.date.precision != "day":
        return True
    return record.count is None and "count" in event_type(record.type).slots


def _adds(partial: Record, host: Record) -> bool:
    """Whether a host states something a dated partial record lacks: a finer date inside
    its own, or a count. (Two month-level records of one month are two events, or one
    that pairwise merging would have joined; neither refines the other.)"""
    mine, theirs = PRECISION_RANK.get(partial.date.precision, 6), PRECISION_RANK.get(host.date.precision, 6)
    if theirs > mine:
        return False  # a coarser date never hosts a finer one (which keeps support acyclic)
    return (theirs < mine and partial.date.contains(host.date)) or (
        partial.count is None and host.count is not None and "count" in event_type(host.type).slots)


def _published(record: Record) -> date | None:
    days = [r.document.published for r in record.reports if r.document.published is not None]
    return min(days) if days else None


_UNIQUE: dict[tuple[int, str], tuple[Any, ...]] = {}


def _names(record: Record, slot: str) -> tuple[Any, ...]:
    """The record's names in one slot, one per spelling (kept for the pass over a ledger)."""
    key = (id(record), slot)
    found = _UNIQUE.get(key)
    if found is None:
        found = _UNIQUE[key] = tuple({name.folded: name for report in record.reports
                                      for name in report.names.get(slot, ())}.values())
    return found


def _meets(name: Any, others: tuple[Any, ...]) -> bool:
    """Whether ``name`` is one of ``others``: spelt alike first, then by the spelling rules."""
    for other in others:
        if name.folded == other.folded or name.folded in other.aliases or other.folded in name.aliases:
            return True
    return any(related(name, other) for other in others)


def fit(partial: Record, host: Record, cannot: set[Pair] | frozenset[Pair] = frozenset()) -> Fit | None:
    """How well ``partial`` fits ``host``, or None when something tells them apart."""
    if (partial.type, partial.negated, partial.hypothetical) != (host.type, host.negated, host.hypothetical):
        return None
    if not host.date.known:
        return None
    reasons: list[str] = []
    score = 0.0
    for slot in ("origin", "destination"):
        mine, theirs = getattr(partial, slot), getattr(host, slot)
        if mine and theirs:
            if mine != theirs:
                return None
            score += _ROUTE
            reasons.append(f"{slot} {mine}")
    if partial.count is not None and host.count is not None:
        penalty = count_penalty(partial.count, host.count)
        if penalty is None or penalty < -1.0 or (penalty and not partial.date.known):
            return None  # undated, only an equal count says it is this event
        score += count_weight(partial.count) if penalty == 0 else penalty
        reasons.append(f"count {partial.count}" if penalty == 0 else f"count {partial.count} vs {host.count}")
    if partial.date.known:
        if not partial.date.overlaps(host.date) or not _adds(partial, host):
            return None
        reasons.append(f"{partial.date.value} fits {host.date.value}")
    else:
        published = _published(partial)
        if published is not None and host.date.start is not None and host.date.start > published:
            return None
        reasons.append("no date" + (f", published {published.isoformat()}" if published else ""))
    if partial.location and host.location:
        mine_places = [r.location for r in partial.reports if r.location is not None]
        theirs_places = [r.location for r in host.reports if r.location is not None]
        if not any(places_agree(a, b) for a in mine_places for b in theirs_places):
            return None
        score += _LOCATION
        reasons.append(f"location {host.location}")
    people = _people(partial, host, reasons)
    if people is None:
        return None
    score += people
    if not partial.date.known and not people > 0 and not (partial.location and host.location):
        # Nothing but a count or a type: only an event of the report's last year or so.
        published = _published(partial)
        if published is not None and host.date.end is not None and (published - host.date.end).days > WINDOW_DAYS:
            return None
    for a in partial.reports:
        for b in host.reports:
            key = (a.key, b.key) if a.key < b.key else (b.key, a.key)
            if key in cannot or contradicts(a, b):
                return None
    return Fit(host.id, round(score, 3), tuple(reasons))


def _people(partial: Record, host: Record, reasons: list[str]) -> float | None:
    """Shared people, groups and agents as evidence; other people as a difference.

    Two reports naming only different people describe different events when the count
    does not leave room for both sets (one extradition, Ortiz in one and Reyes in the
    other); in a group act (29 handed over) each report names a few of many.
    """
    bonus = 0.0
    shared: list[str] = []
    for slot, weight in (("persons", 3.5), ("organizations", 0.75), ("agents", 0.5)):
        mine, theirs = _names(partial, slot), _names(host, slot)
        if not mine or not theirs:
            continue
        for name in mine:
            if _meets(name, theirs):
                bonus += weight
                shared.append(name.text)
    mine_people, their_people = _names(partial, "persons"), _names(host, "persons")
    penalty = 0.0
    if mine_people and their_people and not any(_meets(a, their_people) for a in mine_people):
        named = len(mine_people) + len(their_people)
        counts = [c for c in (partial.count, host.count) if c is not None]
        if not counts or max(counts) < named:
            return None
        penalty = _DISJOINT_PEOPLE
        reasons.append("other people named")
    if shared:
        reasons.append("shared " + ", ".join(shared))
    return min(bonus, MAX_NAME_BONUS) + penalty


class _Hosts:
    """Dated records by kind, with lookups by count and by named actor or place."""

    def __init__(self, hosts: Iterable[Record]) -> None:
        self.by_kind: dict[tuple[str, bool, bool], list[Record]] = {}
        self.by_count: dict[tuple[tuple[str, bool, bool], int], list[Record]] = {}
        self.by_name: dict[tuple[tuple[str, bool, bool], str], list[Record]] = {}
        self.by_month: dict[tuple[tuple[str, bool, bool], int], list[Record]] = {}
        for host in hosts:
            kind = (host.type, host.negated, host.hypothetical)
            self.by_kind.setdefault(kind, []).append(host)
            for month in _months(host):
                self.by_month.setdefault((kind, month), []).append(host)
            if host.count is not None:
                self.by_count.setdefault((kind, host.count), []).append(host)
            for key in _keys(host):
                self.by_name.setdefault((kind, key), []).append(host)

    def candidates(self, partial: Record) -> tuple[list[Record], bool]:
        """Hosts worth scoring, and whether they are the whole kind (no key to look up)."""
        kind = (partial.type, partial.negated, partial.hypothetical)
        found: dict[str, Record] = {}
        keyed = False
        if partial.count is not None:
            keyed = True
            for value in count_range(partial.count):
                for host in self.by_count.get((kind, value), ()):
                    found[host.id] = host
        keys = _keys(partial)
        if keys:
            keyed = True
            for key in keys:
                for host in self.by_name.get((kind, key), ()):
                    found[host.id] = host
        if partial.date.known:  # a dated partial record: the hosts its date overlaps
            keyed = True
            for month in _months(partial):
                for host in self.by_month.get((kind, month), ()):
                    found[host.id] = host
        if keyed:
            return sorted(found.values(), key=lambda r: r.id), False
        return self.by_kind.get(kind, []), True


def _months(record: Record) -> range:
    """The months (as year * 12 + month) a dated record's range touches, at most 13."""
    start, end = record.date.start, record.date.end
    if start is None or end is None:
        return range(0)
    first, last = start.year * 12 + start.month, end.year * 12 + end.month
    return range(first, min(last, first + 12) + 1)


def _keys(record: Record) -> set[str]:
    keys = {name.folded for report in record.reports for name in report.participants
            if name.type in ("person", "organization")}
    keys |= {"@" + report.location.folded for report in record.reports if report.location is not None}
    return keys


def place(records: Iterable[Record], cannot: set[Pair] | frozenset[Pair] = frozenset()) -> Placement:
    """Decide, for every partial record, whether it supports a host, is pending, or stands."""
    records = sorted(records, key=lambda r: r.id)
    partial = [r for r in records if is_partial(r)]
    placement = Placement()
    if not partial:
        return placement
    partial_ids = {r.id for r in partial}
    # A host is dated; a dated partial record can host an undated one, or a coarser one
    # when it adds a finer date or a count (``_adds``).
    hosts = _Hosts(r for r in records if r.date.known)
    totals = _running_totals(records)
    for record in partial:
        restated = _restated_total(record, totals)
        if restated is not None:
            placement.totals[record.id] = restated
            continue
        candidates, wide = hosts.candidates(record)
        fits: list[Fit] = []
        for host in candidates:
            if host.id == record.id:
                continue
            found = fit(record, host, cannot)
            if found is not None:
                fits.append(found)
                if wide and len(fits) >= _WIDE_SCAN:
                    break
        if not fits:
            continue
        fits.sort(key=lambda f: (-f.score, f.host))
        placement.fits[record.id] = fits
        if len(fits) == 1 or fits[0].score >= fits[1].score + MARGIN:
            placement.supports[record.id] = fits[0].host
        else:
            placement.pending[record.id] = [f for f in fits if f.score > fits[0].score - MARGIN]
    # A host that is itself placed elsewhere passes its supporters on (one level: hosts are dated).
    for rid, host in list(placement.supports.items()):
        seen = {rid}
        while host in placement.supports and host not in seen:
            seen.add(host)
            host = placement.supports[host]
        if host in placement.pending:
            del placement.supports[rid]
            placement.pending[rid] = placement.fits[rid]
        else:
            placement.supports[rid] = host
    _group_undated([r for r in partial if not r.date.known and r.id not in placement.fits
                    and r.id not in placement.totals], placement, cannot)
    _UNIQUE.clear()  # keyed by object id: valid for this pass only
    return placement


def _running_totals(records: list[Record]) -> dict[tuple[str, str | None, str | None], list[tuple[int, str]]]:
    """Per type and direction, the running totals over dated, counted, factual records."""
    routes: dict[tuple[str, str | None, str | None], list[Record]] = {}
    for record in records:
        if record.factual and record.date.known and record.count is not None and (record.origin or record.destination):
            routes.setdefault((record.type, record.origin, record.destination), []).append(record)
    out: dict[tuple[str, str | None, str | None], list[tuple[int, str]]] = {}
    for route, found in routes.items():
        total, sums = 0, []
        for record in sorted(found, key=lambda r: (r.date.start, r.id)):
            total += record.count or 0
            if record is not found[0] or total != record.count:
                sums.append((total, record.id))
        out[route] = [(value, rid) for value, rid in sums if value > 0]
    return out


def _restated_total(record: Record, totals: dict[tuple[str, str | None, str | None], list[tuple[int, str]]]) -> str | None:
    """Why an undated count is a running total restated ("92 sent so far"), or None.

    It is when it equals the running total of its type and direction up to some event
    (not that event's own count): then it is no event, and never supports one.
    """
    if record.date.known or record.count is None or not record.factual or not (record.origin or record.destination):
        return None
    for route, sums in totals.items():
        if route[0] != record.type or (record.origin and route[1] != record.origin) or (
                record.destination and route[2] != record.destination):
            continue
        for value, rid in sums:
            if value == record.count:
                return f"{record.count} is the running total of {route[0]} {route[1] or '?'}->{route[2] or '?'} up to {rid}"
    return None


def _group_undated(records: list[Record], placement: Placement, cannot: set[Pair] | frozenset[Pair]) -> None:
    """Undated records with no dated event to join: those that share something specific
    (a person, group, place or count) and state nothing apart are one event told twice.
    A count or an agent alone ("two men were arrested" by "Mexican soldiers") is specific
    only within one news cycle: reports published further apart must share a name.

    Records are taken best supported first (most reports, then id); each joins the first
    group whose every record it fits, with positive evidence towards at least one of them.
    """
    groups: list[list[Record]] = []
    for record in sorted(records, key=lambda r: (-len(r.reports), r.id)):
        for group in groups:
            scores = [_undated_fit(record, other, cannot) for other in group]
            if all(score is not None for score in scores) and max(s or 0.0 for s in scores) >= 1.0:
                group.append(record)
                break
        else:
            groups.append([record])
    for group in groups:
        head = group[0]
        for record in group[1:]:
            placement.supports[record.id] = head.id
            placement.fits[record.id] = [Fit(head.id, 1.0, ("undated, shares a participant or count",))]


def _undated_fit(a: Record, b: Record, cannot: set[Pair] | frozenset[Pair]) -> float | None:
    """``fit`` between two undated records, without the need for a date on either side."""
    if (a.type, a.negated, a.hypothetical) != (b.type, b.negated, b.hypothetical):
        return None
    score = 0.0
    for slot in ("origin", "destination"):
        x, y = getattr(a, slot), getattr(b, slot)
        if x and y and x != y:
            return None
    if a.count is not None and b.count is not None:
        if a.count != b.count:
            return None
        score += count_weight(a.count)
    if a.location and b.location:
        if not any(places_agree(x.location, y.location) for x in a.reports for y in b.reports
                   if x.location is not None and y.location is not None):
            return None
        score += _LOCATION
    people = _people(a, b, [])
    if people is None:
        return None
    score += people
    if not _shares_a_name(a, b, located=bool(a.location and b.location)) and _days_apart(a, b) > MAX_DAY_GAP:
        return None
    for x in a.reports:
        for y in b.reports:
            key = (x.key, y.key) if x.key < y.key else (y.key, x.key)
            if key in cannot or contradicts(x, y):
                return None
    return score



def _shares_a_name(a: Record, b: Record, located: bool) -> bool:
    """Whether two records share a named person or group, or (``located``) a place."""
    return located or any(_meets(name, _names(b, slot)) for slot in ("persons", "organizations")
                          for name in _names(a, slot))


def _days_apart(a: Record, b: Record) -> int:
    """The fewest days between a publication of one record and one of the other (0 when
    either has no publication date: nothing then tells the reports' times apart)."""
    days_a = {r.document.published for r in a.reports if r.document.published is not None}
    days_b = {r.document.published for r in b.reports if r.document.published is not None}
    if not days_a or not days_b:
        return 0
    return min(abs((x - y).days) for x in days_a for y in days_b)


__all__ = ["Fit", "MARGIN", "Placement", "fit", "is_partial", "place"]
