"""A ledger record: what its reports state, what it shows, and where they disagree.

Nothing a report states is overwritten. Each field keeps every statement (value, document,
source, publication date, span); the shown value is derived: the most precise date (ties:
most documents, then earliest), for other single-valued fields the value most documents
state (ties: the earliest report's), for people and groups the union of actors, each under
one display name. A conflict is a field with two stated values that cannot both be true: a
coarser date that contains a finer one is not a conflict, a date that excludes it is.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from newsledger.ledger.names import Name, choose_display, group_names
from newsledger.ledger.reports import Report
from newsledger.model import PRECISION_RANK, DateValue, Span

SINGLE_FIELDS = ("count", "origin", "destination", "location")
LIST_FIELDS = ("agents", "organizations", "persons")


def record_id(anchor_key: str) -> str:
    """A record's id: stable for its anchor report, the same whatever the ingestion order."""
    return "ev-" + hashlib.sha1(anchor_key.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Statement:
    """One value of one field as one document states it, with where it says so."""

    field: str
    value: Any
    document: str
    source: str
    published: str | None
    report: str
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        value = self.value.to_json() if isinstance(self.value, DateValue) else self.value
        return {"field": self.field, "value": value, "document": self.document, "source": self.source,
                "published": self.published, "report": self.report,
                "span": self.span.to_json() if self.span else None}


@dataclass
class Record:
    """One real event of the ledger, merged from one or more reports."""

    id: str
    reports: list[Report]
    type: str
    date: DateValue
    count: int | None
    origin: str | None
    destination: str | None
    location: str | None
    agents: list[str]
    organizations: list[str]
    persons: list[str]
    negated: bool
    hypothetical: bool
    # Reports of partial records (no date or no count) that joined this event because they
    # fit it and nothing else (``support``): they back it but never decide its values alone.
    supporting: list[str] = field(default_factory=list)

    # Statements and conflicts are derived from the reports when first read (showing or
    # exporting a record), not when merging: a merge of 100,000 reports builds thousands of
    # records that nobody reads before the next merge replaces them.
    @cached_property
    def statements(self) -> list[Statement]:
        return _statements(self.reports)

    @cached_property
    def conflicts(self) -> list[dict[str, Any]]:
        return _conflicts(self.reports)

    @property
    def factual(self) -> bool:
        return not (self.negated or self.hypothetical)

    @property
    def members(self) -> list[str]:
        return [report.key for report in self.reports]

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(report.document.id for report in self.reports))

    def sources(self) -> list[dict[str, Any]]:
        """One entry per document, with the evidence spans of all its reports of this event."""
        by_doc: dict[str, dict[str, Any]] = {}
        for report in self.reports:
            doc = report.document
            entry = by_doc.setdefault(doc.id, {
                "document": doc.id, "source": doc.source,
                "published": doc.published.isoformat() if doc.published else None, "evidence": []})
            entry["evidence"].extend(span.to_json() for span in report.event.evidence)
        return list(by_doc.values())

    def to_json(self, with_statements: bool = True) -> dict[str, Any]:
        """The "Ledger export" event object (plus ``statements``, which the contract allows)."""
        data: dict[str, Any] = {
            "id": self.id, "type": self.type, "date": self.date.to_json(), "count": self.count,
            "origin": self.origin, "destination": self.destination, "agents": list(self.agents),
            "organizations": list(self.organizations), "persons": list(self.persons),
            "location": self.location, "negated": self.negated, "hypothetical": self.hypothetical,
            "sources": self.sources(), "conflicts": self.conflicts,
        }
        if self.supporting:
            data["supporting_reports"] = list(self.supporting)
        if with_statements:
            data["statements"] = [s.to_json() for s in self.statements]
        return data


def build_record(reports: list[Report]) -> Record:
    """Derive a record from its reports; the result depends only on the set of reports."""
    reports = sorted(reports, key=lambda r: (r.anchor_key(), r.key))
    anchor = reports[0]
    first = anchor.event
    return Record(
        id=record_id(anchor.key), reports=reports, type=first.type,
        date=_shown_date(reports), count=_majority([r.event.count for r in reports]),
        origin=_majority([r.event.origin for r in reports]),
        destination=_majority([r.event.destination for r in reports]),
        location=_shown_location(reports),
        agents=_actors(reports, "agents"), organizations=_actors(reports, "organizations"),
        persons=_actors(reports, "persons"), negated=first.negated, hypothetical=first.hypothetical,
    )


def _span(report: Report, slot: str, value: Any) -> Span | None:
    provenance = report.event.provenance
    return provenance.get(f"{slot}:{value}") or provenance.get(slot)


def _statements(reports: list[Report]) -> list[Statement]:
    out: list[Statement] = []
    for report in reports:
        doc, event = report.document, report.event
        published = doc.published.isoformat() if doc.published else None

        def add(slot: str, value: Any, span_value: Any = None) -> None:
            span = _span(report, slot, value if span_value is None else span_value)
            out.append(Statement(slot, value, doc.id, doc.source, published, report.key, span))

        if event.date.known:
            add("date", event.date, event.date.value)
        for slot in SINGLE_FIELDS:
            value = getattr(event, slot)
            if value is not None:
                add(slot, value)
        for slot in LIST_FIELDS:
            for name in getattr(event, slot):
                add(slot, name)
        for flag in ("negated", "hypothetical"):
            if getattr(event, flag):
                add(flag, True)
    return out


def _shown_date(reports: list[Report]) -> DateValue:
    """The most precise stated date; ties by most documents, then earliest."""
    support: dict[DateValue, set[str]] = {}
    for report in reports:
        if report.event.date.known:
            support.setdefault(report.event.date, set()).add(report.document.id)
    if not support:
        return DateValue.unknown()
    return min(support, key=lambda d: (PRECISION_RANK.get(d.precision, 6), -len(support[d]), d.start, d.value or ""))


def _majority(values: list[Any]) -> Any:
    """The value most reports state; ties go to the earliest report's (``values`` is in anchor order)."""
    stated = [v for v in values if v is not None]
    if not stated:
        return None
    counts = Counter(stated)
    best = max(counts.values())
    return next(v for v in stated if counts[v] == best)


def _shown_location(reports: list[Report]) -> str | None:
    names = [r.location for r in reports if r.location is not None]
    if not names:
        return None
    groups = group_names(names)
    biggest = max(len(g) for g in groups)
    # The commonest place; among equally common ones, the one the earliest report states.
    order = {name.key: i for i, name in enumerate(names)}
    group = min((g for g in groups if len(g) == biggest), key=lambda g: min(order[n.key] for n in g))
    return choose_display(group)


def _actors(reports: list[Report], slot: str) -> list[str]:
    names: list[Name] = [name for report in reports for name in report.names.get(slot, ())]
    if not names:
        return []
    return sorted(choose_display(group) for group in group_names(names))


def _conflicts(reports: list[Report]) -> list[dict[str, Any]]:
    conflicts: list[dict[str, Any]] = []
    dates: dict[DateValue, list[str]] = {}
    for report in reports:
        if report.event.date.known:
            docs = dates.setdefault(report.event.date, [])
            if report.document.id not in docs:
                docs.append(report.document.id)
    values = list(dates)
    if any(not a.overlaps(b) for i, a in enumerate(values) for b in values[i + 1:]):
        # Only the finest statements disagree; a coarser one containing a finer one agrees with it.
        minimal = [d for d in values if not any(o != d and d.contains(o) for o in values)]
        minimal.sort(key=lambda d: (d.start, d.value or ""))
        conflicts.append({"field": "date", "values": [{"value": d.to_json(), "documents": dates[d]} for d in minimal]})
    for slot in ("count", "origin", "destination"):
        stated: dict[Any, list[str]] = {}
        for report in reports:
            value = getattr(report.event, slot)
            if value is not None:
                docs = stated.setdefault(value, [])
                if report.document.id not in docs:
                    docs.append(report.document.id)
        if len(stated) > 1:
            conflicts.append({"field": slot, "values": [{"value": v, "documents": d}
                                                        for v, d in sorted(stated.items(), key=lambda i: str(i[0]))]})
    located = [r for r in reports if r.location is not None]
    groups = group_names([r.location for r in located if r.location is not None])
    if len(groups) > 1:
        values_out = []
        for group in groups:
            keys = {n.key for n in group}
            docs = list(dict.fromkeys(r.document.id for r in located if r.location is not None and r.location.key in keys))
            values_out.append({"value": choose_display(group), "documents": docs})
        conflicts.append({"field": "location", "values": sorted(values_out, key=lambda v: v["value"])})
    return conflicts
