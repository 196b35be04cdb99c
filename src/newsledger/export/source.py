"""The events an export writes, read from the saved ledger one chunk at a time.

Every format but ``json`` streams: loading the whole ledger (``ledger.service.load``)
rebuilds every report and costs gigabytes for 100,000 events, so an export reads the
events as the ledger shows them, saved at every write (``ledger_shown``, see
``ledger.published``: partial reports placed, pending records left out), ``CHUNK`` rows
at a time in one database snapshot, with the saved reports of those events (for the
documents' URLs and titles and the entities' types and countries). Each event is handed
to the writer and forgotten. A database upgraded to migration 0006 and not written
since has nothing published yet: its saved records are read instead, each as its own
event, until the next ``sync`` or ingest publishes the ledger.

Filters are the ``events`` command's (``read.EventFilter``) and mean the same: the type
and date range are read from the saved row; the country, entity and text filters need
the event's reports, so only then each chunk's events are rebuilt and matched by the
read API's own code (``read.reader.matching``) over that chunk.
"""
from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, exists, or_, select

from newsledger.ledger.tables import LedgerRecordRow, LedgerReportRow, LedgerShownRow
from newsledger.read.filters import EventFilter, overlaps

if TYPE_CHECKING:
    from newsledger.ledger.fields import Record
    from newsledger.store import Store

CHUNK = 500


@dataclass(frozen=True)
class DocumentRef:
    """What a format says of one source document."""

    id: str
    source: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None

    @property
    def link(self) -> str | None:
        """The document's URL, or its source when that is one (a feed item, a fetched page)."""
        if self.url:
            return self.url
        return self.source if self.source.startswith(("http://", "https://")) else None


@dataclass(frozen=True)
class EntityRef:
    """What the documents of an event say of one name: its type, category and country."""

    name: str
    type: str  # person | organization | place
    category: str | None = None
    country: str | None = None
    kb_id: str | None = None
    wikidata: str | None = None


@dataclass
class ExportEvent:
    """One ledger event as saved (``data``, the "Ledger export" event object, statements
    included) with the documents and named entities its formats need."""

    data: dict[str, Any]
    documents: dict[str, DocumentRef] = field(default_factory=dict)
    entities: dict[str, EntityRef] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return str(self.data["id"])

    def sources(self) -> list[DocumentRef]:
        """The event's documents in the order of its ``sources``."""
        found = []
        for source in self.data.get("sources") or []:
            doc = self.documents.get(source["document"])
            found.append(doc or DocumentRef(source["document"], source.get("source") or "", None, None, None,
                                            source.get("published"), None))
        return found

    def entity(self, name: str, slot: str) -> EntityRef:
        """What is known of a name; a name no document typed takes its slot's type."""
        found = self.entities.get(name)
        if found is not None:
            return found
        return EntityRef(name, "person" if slot == "persons" else "place" if slot == "location" else "organization")


def needs_reports(filter: EventFilter) -> bool:
    """Whether the filter reads what only the reports hold (names, countries, outlets)."""
    return bool(filter.country or filter.entity or filter.text or filter.min_sources or filter.factual is not None)


def events(store: "Store", filter: EventFilter = EventFilter(),
           chunk: int = CHUNK) -> Generator[ExportEvent, None, None]:
    """The saved events that match ``filter``, in timeline order (by first day, undated
    last, then id), read ``chunk`` records at a time in one snapshot of the database."""
    with store.snapshot() as session:
        table: Any = LedgerShownRow
        query = select(LedgerShownRow.id, LedgerShownRow.date_start, LedgerShownRow.members,
                       LedgerShownRow.payload).where(LedgerShownRow.status == "event")
        if not session.scalar(select(exists().where(LedgerShownRow.id.is_not(None)))):
            table = LedgerRecordRow
            query = select(LedgerRecordRow.id, LedgerRecordRow.date_start, LedgerRecordRow.members,
                           LedgerRecordRow.payload)
        if filter.type is not None:
            query = query.where(table.type == filter.type)
        first, last = filter.window()
        if last is not None:
            query = query.where(table.date_start <= last)
        for rows in _pages(session, table, query, chunk, dated=first is not None or last is not None):
            page = [(row.id, list(row.members), row.payload) for row in rows
                    if _in_window(row.payload, first, last)]
            if not page:
                continue
            reports = _reports(session, [key for _, members, _ in page for key in members])
            wanted = _matching(page, reports, filter) if needs_reports(filter) else None
            for ident, members, payload in page:
                if wanted is not None and ident not in wanted:
                    continue
                yield _event(payload, [reports[key] for key in members if key in reports])


def _pages(session: Any, table: Any, query: Any, chunk: int, dated: bool) -> Iterator[list[Any]]:
    """The query's rows by first day (undated last), then id, ``chunk`` at a time: each page
    is a query of its own that starts after the last row of the one before (keyset
    pagination), since SQLite's driver would buffer a streamed result whole."""
    day, ident = table.date_start, table.id
    after: tuple[date, str] | None = None
    while True:
        page = query.where(day.is_not(None))
        if after is not None:
            page = page.where(or_(day > after[0], and_(day == after[0], ident > after[1])))
        rows = session.execute(page.order_by(day, ident).limit(chunk)).all()
        if not rows:
            break
        yield rows
        after = (rows[-1].date_start, rows[-1].id)
    if dated:
        return  # a date range keeps no undated event
    last: str | None = None
    while True:
        page = query.where(day.is_(None))
        if last is not None:
            page = page.where(ident > last)
        rows = session.execute(page.order_by(ident).limit(chunk)).all()
        if not rows:
            break
        yield rows
        last = rows[-1].id


def _in_window(payload: dict[str, Any], first: date | None, last: date | None) -> bool:
    if first is None and last is None:
        return True
    when = payload.get("date") or {}
    start, end = when.get("start"), when.get("end")
    return overlaps(date.fromisoformat(start) if start else None, date.fromisoformat(end) if end else None,
                    first, last)


def _reports(session: Any, keys: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(keys), CHUNK):
        wanted = keys[start:start + CHUNK]
        for key, payload in session.execute(select(LedgerReportRow.key, LedgerReportRow.payload)
                                            .where(LedgerReportRow.key.in_(wanted))):
            found[key] = payload
    return found


def _matching(page: list[tuple[str, list[str], dict[str, Any]]], reports: dict[str, dict[str, Any]],
              filter: EventFilter) -> set[str]:
    """The ids of a chunk's records that the filter keeps, decided by the read API's code
    over the chunk's records rebuilt from their reports."""
    from newsledger.ledger.fields import build_record
    from newsledger.ledger.reports import Report
    from newsledger.read.reader import matching

    records = []
    for ident, members, _ in page:
        record = build_record([Report.from_json(reports[key]) for key in members if key in reports])
        record.id = ident
        records.append(record)
    return {record.id for record in matching(records, filter)}


def shown(record: "Record") -> ExportEvent:
    """A ledger record as the read API shows it (partial reports placed), for the CSV the
    JSON API and the web pages offer (``Reader.export_csv``)."""
    documents: dict[str, DocumentRef] = {}
    entities: dict[str, EntityRef] = {}
    for report in record.reports:
        doc = report.document
        documents.setdefault(doc.id, DocumentRef(doc.id, doc.source, doc.url, doc.title, doc.outlet,
                                                 doc.published.isoformat() if doc.published else None,
                                                 doc.language))
        for entity in report.entities:
            entities.setdefault(entity.name, EntityRef(entity.name, entity.type, entity.category, entity.country,
                                                       entity.kb_id, entity.wikidata))
    return ExportEvent(record.to_json(), documents, entities)


def _event(payload: dict[str, Any], reports: list[dict[str, Any]]) -> ExportEvent:
    documents: dict[str, DocumentRef] = {}
    entities: dict[str, EntityRef] = {}
    for report in reports:
        doc = report.get("document") or {}
        if doc.get("id") and doc["id"] not in documents:
            documents[doc["id"]] = DocumentRef(doc["id"], doc.get("source") or "", doc.get("url"), doc.get("title"),
                                               doc.get("outlet"), doc.get("published"), doc.get("language"))
        for entity in report.get("entities") or []:
            name = entity.get("name")
            if name and name not in entities:
                entities[name] = EntityRef(name, entity.get("type") or "organization", entity.get("category"),
                                           entity.get("country"), entity.get("kb_id"), entity.get("wikidata"))
    return ExportEvent(payload, documents, entities)
