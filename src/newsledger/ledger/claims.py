"""Checking cumulative and ordinal figures against the ledger as of the claim's date.

A claim is judged against what the ledger knew at its document's publication date (or the
date of the event it is about, when the extraction links it to one), over the series of
that event, counting only factual records:

* ``cumulative_total``: the sum of the series' counts; consistent if equal, or inside
  [low, high] for an approximate figure ("nearly 100"); unverifiable if the series is
  empty or a member has no count; inconsistent otherwise ("29 + 26 = 55, not 56");
* ``ordinal`` N: the position of the referenced event in the series (within the claim's
  period, "the first of 2026"); consistent if it is N; unverifiable if it comes earlier
  than N, because the ledger then lacks events before it ("the ninth call" when the ledger
  knows of one call); inconsistent if it comes later.

Without a linked event, the document's own factual records of the series stand in for it:
the claim holds if one of them is the Nth.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsledger.ledger.fields import Record
from newsledger.ledger.series import Series, members, people_of
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
    records: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim.to_json(), "document": self.document.id, "verdict": self.verdict,
                "expected": self.expected, "explanation": self.explanation}


def _fmt(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _day(record: Record) -> str:
    return record.date.value or "?"


def check(entry: ClaimEntry, records: list[Record], record_of: dict[str, Record]) -> ClaimCheck:
    """Judge one claim; ``record_of`` maps report keys to their records."""
    claim, doc = entry.claim, entry.document
    doc_records = list({id(r): r for key in entry.event_reports.values() if (r := record_of.get(key))}.values())
    referenced = record_of.get(entry.event_reports.get(claim.event or "", ""))
    if claim.event_type is None:
        return ClaimCheck(claim, doc, "unverifiable", None, "the claim names no event type")
    series = _series(claim, referenced, doc_records)
    until = doc.published or date.max
    if referenced is not None and referenced.date.start is not None and referenced.factual:
        until = min(until, referenced.date.start)
    period = (claim.period.start, claim.period.end) if claim.period and claim.period.known else None
    listed = members(records, series, until, period)  # type: ignore[arg-type]
    as_of = f"as of {until.isoformat()}" if until != date.max else "in the ledger"
    if claim.kind == "cumulative_total":
        return _cumulative(claim, doc, series, listed, as_of)
    return _ordinal(claim, doc, series, listed, referenced, doc_records, as_of)


def _series(claim: Claim, referenced: Record | None, doc_records: list[Record]) -> Series:
    assert claim.event_type is not None
    origin, destination = claim.origin, claim.destination
    same_type = [r for r in doc_records if r.type == claim.event_type and r.factual]
    source = referenced if referenced is not None and referenced.type == claim.event_type else None
    if not origin and not destination:
        routed = [(r.origin, r.destination) for r in ([source] if source else same_type) if r.origin or r.destination]
        if routed:
            counts = Counter(routed)
            best = max(counts.values())
            origin, destination = next(route for route in routed if counts[route] == best)
    if origin or destination:
        return Series(claim.event_type, origin, destination)
    people = people_of(source) if source else (people_of(same_type[0]) if len(same_type) == 1 else [])
    unique = list({name.folded: name for name in people}.values())
    return Series(claim.event_type, None, None, tuple(sorted(unique, key=lambda n: n.folded)))


def _cumulative(claim: Claim, doc: DocumentInfo, series: Series, listed: list[Record], as_of: str) -> ClaimCheck:
    ids = [r.id for r in listed]
    if not listed:
        return ClaimCheck(claim, doc, "unverifiable", None, f"no {series.label()} in the ledger {as_of}",
                          series.label(), ids)
    missing = [r for r in listed if r.count is None]
    if missing:
        return ClaimCheck(claim, doc, "unverifiable", None,
                          f"{series.label()} of {_day(missing[0])} has no count", series.label(), ids)
    total = sum(r.count for r in listed if r.count is not None)
    arithmetic = f"{' + '.join(str(r.count) for r in listed)} = {total}"
    if claim.low is not None or claim.high is not None:
        low = claim.low if claim.low is not None else float("-inf")
        high = claim.high if claim.high is not None else float("inf")
        ok = low <= total <= high
        stated = f"{_fmt(claim.value)} [{'' if claim.low is None else _fmt(claim.low)}–{'' if claim.high is None else _fmt(claim.high)}]"
    else:
        ok = total == claim.value
        stated = _fmt(claim.value)
    explanation = arithmetic if ok else f"{arithmetic}, not {stated}"
    return ClaimCheck(claim, doc, "consistent" if ok else "inconsistent", total, f"{explanation} ({as_of})",
                      series.label(), ids)


def _ordinal(claim: Claim, doc: DocumentInfo, series: Series, listed: list[Record], referenced: Record | None,
             doc_records: list[Record], as_of: str) -> ClaimCheck:
    n = int(claim.value)
    word = ordinal_word(n)
    ids = [r.id for r in listed]
    days = ", ".join(_day(r) for r in listed)
    positions = {r.id: i + 1 for i, r in enumerate(listed)}
    if referenced is not None:
        candidates = [positions[referenced.id]] if referenced.id in positions else []
    else:
        candidates = sorted({positions[r.id] for r in doc_records if r.id in positions})
    if not candidates:
        if len(listed) == n:
            return ClaimCheck(claim, doc, "consistent", n, f"{word}: {days}", series.label(), ids)
        return ClaimCheck(claim, doc, "unverifiable", None,
                          f"{word}: the ledger holds {len(listed)} {series.label()} {as_of}"
                          + (f" ({days})" if days else "") + ", and the claim names none of them",
                          series.label(), ids)
    if n in candidates:
        return ClaimCheck(claim, doc, "consistent", n, f"{word}: {', '.join(_day(r) for r in listed[:n])}",
                          series.label(), ids)
    if n > max(candidates):
        position = max(candidates)
        return ClaimCheck(claim, doc, "unverifiable", None,
                          f"{word}: the ledger holds {position - 1} earlier {series.label()} {as_of}"
                          f" ({days}); {n - position} are missing", series.label(), ids)
    position = min(p for p in candidates if p > n)
    return ClaimCheck(claim, doc, "inconsistent", position,
                      f"{ordinal_word(position)}, not {word}: {', '.join(_day(r) for r in listed[:position])}",
                      series.label(), ids)
