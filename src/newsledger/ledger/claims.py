"""Checking cumulative and ordinal figures against a series' members.

A claim names its series through its type and direction (stated, or those of the event it
is about, or of its document's events); a declared series of that type and direction is
used when there is one (``series.yaml``), else the type with its route or its people.
It is judged against the members known at its document's publication date, within the
period it states ("the first of 2026", "since February"):

* ``cumulative_total``: the members' counts added up. Consistent if equal (or inside
  [low, high] for "nearly 100"); if unsure events of the series could make up the
  difference, unverifiable, naming them; if the figure is above the total of a series the
  ledger does not hold completely, unverifiable (the ledger lacks events it counts);
  otherwise inconsistent ("29 + 26 = 55, not 65").
* ``ordinal`` N: checked against the date order of the members. The event the claim is
  about, when it is a member, must be the Nth; when it is not (no date or count, unsure)
  "the Nth" resolves to the member at that position. Fewer than N members known:
  unverifiable, saying how many are missing.

Each check carries its explanation (the members used, the arithmetic, the unsure events
left out) and a confidence: how much a person should trust the verdict given how well the
members it rests on are supported.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

from newsledger.ledger.fields import Record
from newsledger.ledger.series import Membership, Series, Unsure, people_of, series_for
from newsledger.model import Claim, DocumentInfo

_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth", "eleventh", "twelfth")
CHECKED_KINDS = ("cumulative_total", "ordinal")


def ordinal_word(n: int) -> str:
    if 0 <= n < len(_ORDINALS):
        return _ORDINALS[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass
class ClaimEntry:
    """A claim with its document and the ledger records of that document's events."""

    document: DocumentInfo
    claim: Claim
    index: int  # position among the document's claims, for a stable order
    event_reports: dict[str, str] = field(default_factory=dict)  # local event id -> report key


@dataclass
class ClaimCheck:
    claim: Claim
    document: DocumentInfo
    verdict: str
    expected: int | float | None
    explanation: str
    series: str = ""
    records: list[str] = field(default_factory=list)  # the members used, in date order
    confidence: float = 0.0
    unsure: list[Unsure] = field(default_factory=list)
    missing: str | None = None  # for 'unverifiable': what the ledger lacks
    members: list[Record] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "claim": self.claim.to_json(), "document": self.document.id, "verdict": self.verdict,
            "expected": self.expected, "explanation": self.explanation, "confidence": self.confidence,
            "series": self.series,
            "members": [{"event": r.id, "date": r.date.to_json(), "count": r.count} for r in self.members],
            "unsure": [u.to_json() for u in self.unsure],
        }
        if self.missing is not None:
            data["missing"] = self.missing
        return data


def _fmt(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _day(record: Record) -> str:
    return record.date.value or "?"


def _confidence(members: list[Record], unsure: list[Unsure], resolved: bool = True) -> float:
    """1.0 for members each told by several documents, less for single-source members,
    unsure events nearby, and a claim resolved by position rather than by its own event."""
    value = 0.95
    if any(len(r.documents) < 2 for r in members):
        value -= 0.15
    if unsure:
        value -= 0.1 * min(len(unsure), 3)
    if not resolved:
        value -= 0.15
    return round(max(value, 0.1), 2)


class Checker:
    """Claim checks over one view of the ledger (events, memberships by series)."""

    def __init__(self, events: list[Record], event_of: dict[str, Record],
                 membership_of: Any) -> None:
        self.events = events
        self.event_of = event_of  # report key -> the event (or pending record) it belongs to
        self.membership_of = membership_of  # Series -> Membership
        # (document, report key) -> the ordinals its document's claims give that event
        self.ordinals: dict[tuple[str, str], set[int]] = {}

    def check_all(self, entries: list[ClaimEntry]) -> list[ClaimCheck]:
        for entry in entries:
            key = entry.event_reports.get(entry.claim.event or "")
            if entry.claim.kind == "ordinal" and key:
                self.ordinals.setdefault((entry.document.id, key), set()).add(int(entry.claim.value))
        return [self.check(entry) for entry in entries]

    def check(self, entry: ClaimEntry) -> ClaimCheck:
        claim, doc = entry.claim, entry.document
        if claim.event_type is None:
            return ClaimCheck(claim, doc, "unverifiable", None, "the claim names no event type", confidence=0.5,
                              missing="an event type")
        doc_events = list({r.id: r for key in entry.event_reports.values() if (r := self.event_of.get(key))}.values())
        referenced = self.event_of.get(entry.event_reports.get(claim.event or "", ""))
        series = self._series(claim, referenced, doc_events)
        found: Membership = self.membership_of(series)
        until = doc.published
        period = (claim.period.start, claim.period.end) if claim.period and claim.period.known else None
        whole = found.within(until, period)  # type: ignore[arg-type]
        as_of = f"as of {until.isoformat()}" if until is not None else "in the ledger"
        if period is not None and claim.period is not None:
            as_of += f", within {claim.period.value}"
        if claim.kind == "cumulative_total":
            return self._cumulative(claim, doc, series, whole, as_of)
        # A document that calls one event both the second and the third says something of
        # two events; the claim whose ordinal is not the event's position names another.
        key = entry.event_reports.get(claim.event or "", "")
        siblings = self.ordinals.get((doc.id, key), set()) - {int(claim.value)}
        return self._ordinal(claim, doc, series, whole, referenced, doc_events, as_of, siblings)

    def _series(self, claim: Claim, referenced: Record | None, doc_events: list[Record]) -> Series:
        assert claim.event_type is not None
        origin, destination = claim.origin, claim.destination
        same_type = [r for r in doc_events if r.type == claim.event_type and r.factual]
        source = referenced if referenced is not None and referenced.type == claim.event_type else None
        if not origin and not destination:
            routed = [(r.origin, r.destination) for r in ([source] if source else same_type) if r.origin and r.destination]
            routed = routed or [(r.origin, r.destination) for r in same_type if r.origin and r.destination]
            if routed:
                counts = Counter(routed)
                best = max(counts.values())
                origin, destination = next(route for route in routed if counts[route] == best)
        if origin and destination:
            return series_for(claim.event_type, origin, destination)
        from newsledger.ledger.series import declared
        for spec in declared():  # half a direction or none: the declared series that fits it
            if spec.event_type == claim.event_type and origin in (None, spec.origin) and \
                    destination in (None, spec.destination):
                return Series.of(spec)
        if origin or destination:
            return Series(claim.event_type, origin, destination)
        people = people_of(source) if source else (people_of(same_type[0]) if len(same_type) == 1 else [])
        unique = list({name.folded: name for name in people}.values())
        return Series(claim.event_type, None, None, tuple(sorted(unique, key=lambda n: n.folded)))

    def _cumulative(self, claim: Claim, doc: DocumentInfo, series: Series, found: Membership,
                    as_of: str) -> ClaimCheck:
        listed, unsure = found.members, found.unsure
        label = series.label()
        left_out = "".join(f"; not counted: {_day(u.record)} ({u.reason})" for u in unsure)

        def result(verdict: str, expected: int | None, text: str, confidence: float,
                   missing: str | None = None) -> ClaimCheck:
            return ClaimCheck(claim, doc, verdict, expected, text, label, [r.id for r in listed], confidence,
                              list(unsure), missing, list(listed))

        if not listed:
            missing = f"any {label} with a date and a count {as_of}"
            return result("unverifiable", None, f"no {label} with a date and a count {as_of}{left_out}", 0.6,
                          missing)
        dates = ", ".join(_day(r) for r in listed)
        total = sum(r.count or 0 for r in listed)
        arithmetic = f"{' + '.join(str(r.count) for r in listed)} = {total}"
        low = claim.low if claim.low is not None else (claim.value if claim.high is None else float("-inf"))
        high = claim.high if claim.high is not None else (claim.value if claim.low is None else float("inf"))
        stated = _fmt(claim.value) if claim.low is None and claim.high is None else (
            f"{_fmt(claim.value)} [{'' if claim.low is None else _fmt(claim.low)}–"
            f"{'' if claim.high is None else _fmt(claim.high)}]")
        confidence = _confidence(listed, unsure)
        if low <= total <= high:
            return result("consistent", total, f"{arithmetic} ({label} {as_of}: {dates}){left_out}", confidence)
        counted_unsure = [u for u in unsure if u.record.count is not None]
        for size in range(1, min(len(counted_unsure), 4) + 1):
            for subset in combinations(counted_unsure, size):
                extra = sum(u.record.count or 0 for u in subset)
                if low <= total + extra <= high:
                    names = ", ".join(f"{u.record.count} ({_day(u.record)}, {u.reason})" for u in subset)
                    return result("unverifiable", total,
                                  f"{arithmetic} ({label} {as_of}: {dates}); {stated} only with the unsure"
                                  f" {names}{left_out}",
                                  0.5, f"a decision on the unsure {names}")
        if claim.value > total and not series.complete:
            missing = f"{_fmt(claim.value - total)} more counted in {label} than the ledger holds"
            return result("unverifiable", total, f"{arithmetic} ({label} {as_of}: {dates}); the claim counts"
                          f" {stated}, events the ledger lacks{left_out}", 0.6, missing)
        return result("inconsistent", total, f"{arithmetic}, not {stated} ({label} {as_of}: {dates}){left_out}",
                      confidence)

    def _ordinal(self, claim: Claim, doc: DocumentInfo, series: Series, found: Membership,
                 referenced: Record | None, doc_events: list[Record], as_of: str,
                 siblings: set[int] = frozenset()) -> ClaimCheck:  # type: ignore[assignment]
        n = int(claim.value)
        word = ordinal_word(n)
        label = series.label()
        unsure = found.unsure
        positions = {r.id: i + 1 for i, r in enumerate(found.members)}
        listed = found.members

        def order(upto: int | None = None) -> str:
            shown = listed if upto is None else listed[:upto]
            return ", ".join(_day(r) for r in shown) or "none"

        where = f"({label} {as_of})"

        def result(verdict: str, expected: int | None, text: str, confidence: float,
                   missing: str | None = None, used: list[Record] | None = None) -> ClaimCheck:
            members = listed if used is None else used
            left_out = "".join(f"; not counted: {_day(u.record)} ({u.reason})" for u in unsure)
            return ClaimCheck(claim, doc, verdict, expected, text + left_out, label, [r.id for r in members],
                              confidence, list(unsure), missing, list(members))

        if referenced is not None and referenced.id in positions and positions[referenced.id] != n and \
                positions[referenced.id] in siblings:
            # Another claim of the document gives this event its position: this one is about
            # another event, and "the Nth" names the member at that position.
            referenced = None
            doc_events = []
        if referenced is not None and referenced.id in positions:
            # The event the claim is about is a member: it must be the Nth by date. Only the
            # members up to it are needed (a later one does not change its position).
            position = positions[referenced.id]
            used = listed[:max(position, n)]
            if position == n:
                return result("consistent", n, f"{word}: {order(n)} {where}", _confidence(used, unsure), used=used)
            if position > n:
                return result("inconsistent", position, f"{ordinal_word(position)}, not {word}: {order(position)}"
                              f" {where}", _confidence(used, unsure), used=used)
            missing = f"{n - position} {label} before {_day(referenced)}"
            if series.complete:  # the ledger holds every member: none is missing before it
                return result("inconsistent", position, f"{ordinal_word(position)}, not {word}: {order(position)}"
                              f" {where}", _confidence(used, unsure), used=used)
            return result("unverifiable", None, f"{word}: the ledger holds {position - 1} before {_day(referenced)}"
                          f" ({order(position - 1)}) {where}; {missing} are missing", 0.6, missing, used)
        mine = sorted(positions[r.id] for r in doc_events if r.id in positions)
        if n in mine:
            named = listed[n - 1]
            return result("consistent", n, f"{word}: {order(n)} {where}; the document reports {_day(named)}",
                          _confidence(listed[:n], unsure), used=listed[:n])
        if len(listed) >= n:
            named = listed[n - 1]
            if referenced is not None and _disagree(referenced, named):
                return result("unverifiable", None, f"{word}: {order(n)} {where}; the {word} has {named.count},"
                              f" but the claim is about an event of {referenced.count} ({_day(referenced)})"
                              f" that is not a member", 0.4,
                              f"a member of {referenced.count} as the {word}", listed[:n])
            about = (f"; the event it is about ({_day(referenced)}) is not a member" if referenced is not None
                     else "")
            return result("consistent", n, f"{word}: {order(n)} {where}; the claim names the {word} by its"
                          f" position{about}", _confidence(listed[:n], unsure, resolved=False), used=listed[:n])
        missing = f"{n - len(listed)} more {label} {as_of}"
        return result("unverifiable", None, f"{word}: the ledger holds {len(listed)} ({order()}) {where},"
                      f" fewer than {n}; {missing} are missing", 0.6, missing)


def _disagree(about: Record, named: Record) -> bool:
    """Whether a non-member event a claim is about can be the member its ordinal names: not
    when it states another count and another date (a report that agrees on either is
    taken to mean that member; its other value is the unsure part)."""
    other_count = about.count is not None and named.count is not None and about.count != named.count
    other_date = about.date.known and named.date.known and not about.date.overlaps(named.date)
    return other_count and (other_date or not about.date.known)


def check(entry: ClaimEntry, events: list[Record], event_of: dict[str, Record],
          links: set[tuple[str, str]] | None = None) -> ClaimCheck:
    """Judge one claim against ``events`` (``event_of`` maps report keys to events)."""
    from newsledger.ledger.series import membership
    cache: dict[Series, Membership] = {}

    def membership_of(series: Series) -> Membership:
        if series not in cache:
            cache[series] = membership(events, series, links)
        return cache[series]

    return Checker(events, event_of, membership_of).check_all([entry])[0]


__all__ = ["CHECKED_KINDS", "Checker", "ClaimCheck", "ClaimEntry", "check", "ordinal_word"]
