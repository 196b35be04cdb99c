"""Conversion of table rows back into ``model`` records.

Kept apart from the repository so the mapping can be read (and tested) as one piece:
whatever ``writing.document_rows`` writes, ``extraction_of`` must give back unchanged,
including the event provenance and a claim's event and period that the contract JSON
leaves out.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsledger.model import Claim, DateValue, DocumentInfo, Entity, Event, Evidence, Extraction, Quote, Span
from newsledger.store.schema import (ClaimRow, DocumentRow, EntityRow, EventRoleRow, EventRow, EvidenceRow,
                                     FailureRow, MentionRow, ProvenanceRow, QuoteRow)

ROLES = ("agents", "organizations", "persons")


@dataclass
class Failure:
    """A recorded failure: what could not be ingested, where, why and when (UTC)."""

    source: str
    line: int | None
    reason: str
    created: datetime


@dataclass
class StoredEvent:
    """An event report as stored: its global id, its document and the event itself."""

    id: int
    document: DocumentInfo
    event: Event


# ---------------------------------------------------------------- rows → model

def document_info(row: DocumentRow) -> DocumentInfo:
    return DocumentInfo(row.id, row.source, row.published, row.language, row.title, row.url, row.outlet)


def extraction_of(row: DocumentRow) -> Extraction:
    """The extraction exactly as ``writing.document_rows`` stored it."""
    return Extraction(
        document=document_info(row),
        entities=[entity_of(e) for e in row.entities],
        events=[event_of(e) for e in row.events],
        quotes=[Quote(q.speaker, q.text, q.channel, q.start, q.end) for q in row.quotes],
        claims=[claim_of(c) for c in row.claims],
    )


def entity_of(row: EntityRow) -> Entity:
    return Entity(row.local_id, row.name, row.type, row.category, row.country, list(row.titles or []),
                  row.kb_id, row.wikidata, [Span(m.start, m.end, m.text) for m in row.mentions])


def event_of(row: EventRow) -> Event:
    roles: dict[str, list[str]] = {role: [] for role in ROLES}
    entries: list[tuple[int, str, Span]] = []
    for role_row in sorted(row.roles, key=lambda r: r.position):
        roles.setdefault(role_row.role, []).append(role_row.name)
        if role_row.provenance_seq is not None and role_row.start is not None and role_row.end is not None:
            entries.append((role_row.provenance_seq, f"{role_row.role}:{role_row.name}",
                            _span(role_row.start, role_row.end, role_row.text or "", role_row.rule, role_row.cue)))
    entries.extend((p.seq, p.key, _span(p.start, p.end, p.text, p.rule, p.cue)) for p in row.provenance)
    return Event(
        id=row.local_id, type=row.type,
        date=DateValue(row.date_value, row.date_precision, row.date_start, row.date_end),
        count=row.count, origin=row.origin, destination=row.destination,
        agents=roles["agents"], organizations=roles["organizations"], persons=roles["persons"],
        location=row.location, negated=bool(row.negated), hypothetical=bool(row.hypothetical),
        evidence=[Span(s.start, s.end, s.text) for s in row.evidence],
        provenance={key: span for _, key, span in sorted(entries, key=lambda entry: entry[0])},
    )


def _span(start: int, end: int, text: str, rule: str | None, cue: str | None) -> Span:
    """A stored span, with its reason when one was stored (rows from before 0003 have none)."""
    return Span(start, end, text) if rule is None else Evidence(start, end, text, rule, cue)


def claim_of(row: ClaimRow) -> Claim:
    integral = set(row.integral or [])

    def number(name: str) -> int | float | None:
        value = getattr(row, name)
        if value is None:
            return None
        return int(value) if name in integral else float(value)

    period = None
    if row.period_precision is not None:
        period = DateValue(row.period_value, row.period_precision, row.period_start, row.period_end)
    value = number("value")
    assert value is not None
    return Claim(row.kind, value, row.event_type, row.start, row.end, row.origin, row.destination,
                 row.speaker, number("low"), number("high"), row.text, row.event_ref, period)


def failure_of(row: FailureRow) -> Failure:
    return Failure(row.source, row.line, row.reason, row.created.replace(tzinfo=timezone.utc))


# ---------------------------------------------------------------- many documents at once

class _Loaded(SimpleNamespace):
    """A row read as plain columns, with the child lists ``extraction_of`` reads as
    attributes: the same shape as the ORM's objects, at a fraction of their cost."""


def load_extractions(session: Session, doc_ids: Sequence[str]) -> dict[str, Extraction]:
    """The extractions of ``doc_ids`` (those stored) in eight queries, whatever their number.

    Merging a large batch reads every document's extraction; ORM objects with eager
    loading cost more than the merge itself, so rows are read as plain columns here and
    put together in the shape ``extraction_of`` reads.
    """
    documents = DocumentRow.__table__
    docs = {row.id: _Loaded(**row._mapping, entities=[], events=[], quotes=[], claims=[])
            for row in session.execute(select(*[c for c in documents.c if c.name != "text"])
                                       .where(documents.c.id.in_(doc_ids)))}
    entities: dict[int, _Loaded] = {}
    table = EntityRow.__table__
    for row in session.execute(select(table).where(table.c.document_id.in_(docs))
                               .order_by(table.c.document_id, table.c.position)):
        entity = entities[row.id] = _Loaded(**row._mapping, mentions=[])
        docs[row.document_id].entities.append(entity)
    table = MentionRow.__table__
    for row in session.execute(select(table).join(EntityRow.__table__)
                               .where(EntityRow.__table__.c.document_id.in_(docs))
                               .order_by(table.c.entity_id, table.c.position)):
        entities[row.entity_id].mentions.append(row)
    events: dict[int, _Loaded] = {}
    table = EventRow.__table__
    for row in session.execute(select(table).where(table.c.document_id.in_(docs))
                               .order_by(table.c.document_id, table.c.position)):
        event = events[row.id] = _Loaded(**row._mapping, roles=[], evidence=[], provenance=[])
        docs[row.document_id].events.append(event)
    for child, name, order in ((EventRoleRow, "roles", "position"), (EvidenceRow, "evidence", "position"),
                               (ProvenanceRow, "provenance", "seq")):
        table = child.__table__
        for row in session.execute(select(table).join(EventRow.__table__)
                                   .where(EventRow.__table__.c.document_id.in_(docs))
                                   .order_by(table.c.event_id, table.c[order])):
            getattr(events[row.event_id], name).append(row)
    for child, name in ((QuoteRow, "quotes"), (ClaimRow, "claims")):
        table = child.__table__
        for row in session.execute(select(table).where(table.c.document_id.in_(docs))
                                   .order_by(table.c.document_id, table.c.position)):
            getattr(docs[row.document_id], name).append(row)
    return {doc_id: extraction_of(doc) for doc_id, doc in docs.items()}  # type: ignore[arg-type]
