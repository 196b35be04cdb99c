"""Model records → plain rows per table, written in a few multi-row statements.

The single writer of a parallel ingest spent most of its time in the ORM: building an
object graph per document (``DocumentRow`` with its entities, mentions, events, roles…)
and flushing it through the unit of work, which on SQLite inserts one row per
statement. Here a document becomes dicts of column values, and a batch of documents is
written table by table with SQLAlchemy Core: one ``executemany`` (or multi-row
``INSERT``) per table and chunk, whatever the number of documents.

Rows whose ids the database assigns (entities, events) are referred to by their place
in their document until written; ``INSERT … RETURNING id, document_id, position`` then
gives each its id. The returned rows are matched on ``(document_id, position)`` rather
than on their order: an ordered RETURNING (``sort_by_parameter_order``) falls back to a
statement per row on SQLite, which cannot tie new rowids to the parameters' order.

``records.extraction_of`` reads back exactly what ``document_rows`` writes.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from newsledger.lang.detect import detect_language
from newsledger.model import Claim, Event, Evidence, Extraction, RawDocument, Span
from newsledger.store.bulk import chunks, insert_rows
from newsledger.store.records import ROLES
from newsledger.store.schema import (Base, ClaimRow, DocumentRow, EntityRow, EventRoleRow, EventRow, EvidenceRow,
                                     MentionRow, ProvenanceRow, QuoteRow, utcnow)

Row = dict[str, Any]
T = TypeVar("T")


@dataclass
class DocumentRows:
    """One document's rows as column values, ready for ``write_documents``.

    A row that points at an entity or event of the same document carries that row's
    position beside it (None: no such row), since its id exists only once written.
    """

    document: Row
    entities: list[Row] = field(default_factory=list)
    mentions: list[tuple[int, Row]] = field(default_factory=list)  # (entity position, row)
    events: list[Row] = field(default_factory=list)
    roles: list[tuple[int, int | None, Row]] = field(default_factory=list)  # (event, entity position, row)
    evidence: list[tuple[int, Row]] = field(default_factory=list)  # (event position, row)
    provenance: list[tuple[int, Row]] = field(default_factory=list)  # (event position, row)
    quotes: list[Row] = field(default_factory=list)
    claims: list[tuple[int | None, Row]] = field(default_factory=list)  # (event position, row)

    @property
    def id(self) -> str:
        return str(self.document["id"])


# ---------------------------------------------------------------- model → rows

def document_rows(doc_id: str, raw: RawDocument, extraction: Extraction,
                  claims: Iterable[tuple[int, Claim]] | None = None,
                  created: datetime | None = None) -> DocumentRows:
    """Every row of a document and its extraction.

    Metadata the extraction states wins over the raw document's, so that what is read
    back is the extraction as it was produced; the raw document fills the gaps.
    ``claims`` (position, claim) stand in for the extraction's own, for a ledger import
    whose claims keep their ledger index; ``created`` keeps a replaced document's time.
    """
    info = extraction.document
    language = info.language or raw.language or detect_language(raw.text)
    rows = DocumentRows({
        "id": doc_id, "source": info.source or raw.source, "url": _first(info.url, raw.url),
        "title": _first(info.title, raw.title), "outlet": _first(info.outlet, raw.outlet),
        "published": _first(info.published, raw.published), "language": language, "text": raw.text,
        "warnings": list(raw.warnings), "created": created if created is not None else utcnow(),
    })
    entity_at: dict[str, int] = {}
    for position, entity in enumerate(extraction.entities):
        rows.entities.append({
            "document_id": doc_id, "position": position, "local_id": entity.id, "name": entity.name,
            "type": entity.type, "category": entity.category, "country": entity.country,
            "titles": list(entity.titles), "kb_id": entity.kb_id, "wikidata": entity.wikidata,
        })
        rows.mentions.extend((position, {"position": i, "start": m.start, "end": m.end, "text": m.text})
                             for i, m in enumerate(entity.mentions))
        entity_at.setdefault(entity.name, position)
    event_at: dict[str, int] = {}
    for position, event in enumerate(extraction.events):
        _add_event(rows, doc_id, position, event, entity_at)
        event_at.setdefault(event.id, position)
    rows.quotes = [{"document_id": doc_id, "position": i, "speaker": q.speaker, "text": q.text,
                    "channel": q.channel, "start": q.start, "end": q.end}
                   for i, q in enumerate(extraction.quotes)]
    numbered = enumerate(extraction.claims) if claims is None else claims
    rows.claims = [(event_at.get(claim.event) if claim.event else None, _claim_row(doc_id, i, claim))
                   for i, claim in numbered]
    return rows


def _add_event(rows: DocumentRows, doc_id: str, position: int, event: Event, entity_at: dict[str, int]) -> None:
    rows.events.append({
        "document_id": doc_id, "position": position, "local_id": event.id, "type": event.type,
        "date_value": event.date.value, "date_precision": event.date.precision,
        "date_start": event.date.start, "date_end": event.date.end, "count": event.count,
        "origin": event.origin, "destination": event.destination, "location": event.location,
        "negated": bool(event.negated), "hypothetical": bool(event.hypothetical),
    })
    rows.evidence.extend((position, {"position": i, "start": s.start, "end": s.end, "text": s.text})
                         for i, s in enumerate(event.evidence))
    seq_of = {key: seq for seq, key in enumerate(event.provenance)}
    placed: set[str] = set()
    position_in_event = 0
    for role in ROLES:
        for name in getattr(event, role):
            key = f"{role}:{name}"
            span = event.provenance.get(key) if key not in placed else None
            if span is not None:
                placed.add(key)
            rows.roles.append((position, entity_at.get(name), {
                "role": role, "position": position_in_event, "name": name,
                "start": span.start if span else None, "end": span.end if span else None,
                "text": span.text if span else None, "provenance_seq": seq_of[key] if span else None,
                "rule": _rule(span), "cue": _cue(span),
            }))
            position_in_event += 1
    rows.provenance.extend((position, {"seq": seq_of[key], "key": key, "start": span.start, "end": span.end,
                                       "text": span.text, "rule": _rule(span), "cue": _cue(span)})
                           for key, span in event.provenance.items() if key not in placed)


def _claim_row(doc_id: str, position: int, claim: Claim) -> Row:
    integral = [name for name in ("value", "low", "high")
                if isinstance(getattr(claim, name), int) and not isinstance(getattr(claim, name), bool)]
    period = claim.period
    return {
        "document_id": doc_id, "position": position, "kind": claim.kind, "value": float(claim.value),
        "low": None if claim.low is None else float(claim.low),
        "high": None if claim.high is None else float(claim.high), "integral": integral,
        "event_type": claim.event_type, "origin": claim.origin, "destination": claim.destination,
        "speaker": claim.speaker, "start": claim.start, "end": claim.end, "text": claim.text,
        "event_ref": claim.event,
        "period_value": period.value if period else None, "period_precision": period.precision if period else None,
        "period_start": period.start if period else None, "period_end": period.end if period else None,
    }


def _rule(span: Span | None) -> str | None:
    return span.rule if isinstance(span, Evidence) else None


def _cue(span: Span | None) -> str | None:
    return span.cue if isinstance(span, Evidence) else None


def _first(*values: T | None) -> T | None:
    return next((value for value in values if value is not None), None)


# ---------------------------------------------------------------- rows → database

def write_documents(session: Session, documents: Sequence[DocumentRows]) -> None:
    """Insert the documents' rows in ``session``'s transaction, table by table.

    A few statements per table for the whole batch; a document already stored raises
    ``IntegrityError`` (at its ``documents`` row, before any other table is written).
    """
    if not documents:
        return
    insert_rows(session, _table(DocumentRow), [doc.document for doc in documents])
    entity_ids = _insert_returning_ids(session, _table(EntityRow), [r for doc in documents for r in doc.entities])
    insert_rows(session, _table(MentionRow), [_point(row, "entity_id", entity_ids, doc.id, at)
                                            for doc in documents for at, row in doc.mentions])
    event_ids = _insert_returning_ids(session, _table(EventRow), [r for doc in documents for r in doc.events])
    insert_rows(session, _table(EventRoleRow), [
        _point(_point(row, "event_id", event_ids, doc.id, event), "entity_id", entity_ids, doc.id, entity)
        for doc in documents for event, entity, row in doc.roles])
    for table, name in ((_table(EvidenceRow), "evidence"), (_table(ProvenanceRow), "provenance")):
        insert_rows(session, table, [_point(row, "event_id", event_ids, doc.id, at)
                                 for doc in documents for at, row in getattr(doc, name)])
    insert_rows(session, _table(QuoteRow), [row for doc in documents for row in doc.quotes])
    insert_rows(session, _table(ClaimRow), [_point(row, "event_id", event_ids, doc.id, at)
                                          for doc in documents for at, row in doc.claims])


def _table(entity: type[Base]) -> Table:
    return cast(Table, entity.__table__)


def _point(row: Row, column: str, ids: dict[tuple[str, int], int], doc_id: str, position: int | None) -> Row:
    """``row`` with ``column`` set to the id of its document's row at ``position``."""
    row[column] = None if position is None else ids[(doc_id, position)]
    return row


def _insert_returning_ids(session: Session, table: Table, rows: list[Row]) -> dict[tuple[str, int], int]:
    """Insert ``rows`` and give each new id by its ``(document_id, position)``."""
    ids: dict[tuple[str, int], int] = {}
    statement = insert(table).returning(table.c.id, table.c.document_id, table.c.position)
    for part in chunks(rows):
        ids.update(((doc_id, position), row_id) for row_id, doc_id, position in session.execute(statement, list(part)))
    if len(ids) != len(rows):  # (document_id, position) repeated: a document given twice
        raise ValueError(f"{table.name}: {len(rows)} rows inserted, {len(ids)} distinct (document, position) pairs")
    return ids
