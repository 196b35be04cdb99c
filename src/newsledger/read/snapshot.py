"""The ledger as loaded for reading, with what every read needs precomputed.

Loading the saved ledger costs time in proportion to its size (seconds for 100,000
reports), and answering a timeline page must not. A ``Snapshot`` is built once from the
saved state (``ledger.service.load``, which writes nothing) and kept until the database
changes: ``stamp`` reads a handful of counts that every ledger write moves, in one query.
Per event it keeps the summary row, the ids of the entities it names and a folded text to
match queries against; per entity its names, events and documents.
"""
from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import func, select

from newsledger.ledger.fields import Record
from newsledger.ledger.names import Name
from newsledger.ledger.tables import LedgerDecisionRow, LedgerDocumentRow, LedgerRecordRow, LedgerReportRow
from newsledger.model import DateValue, DocumentInfo
from newsledger.read.filters import fold
from newsledger.read.views import DateView, DocumentRef, EventSummary
from newsledger.store.schema import DocumentRow, FailureRow

if TYPE_CHECKING:
    from newsledger.ledger.claims import ClaimCheck
    from newsledger.ledger.merging import Ledger
    from newsledger.ledger.series import Tally
    from newsledger.store import Store

Stamp = tuple[int | str, ...]  # counts, then the latest merge time
# Filters whose matches a snapshot keeps.
MATCHES = 64


class Row(NamedTuple):
    """What filters and facets read of one event, as plain values."""

    record: Record
    type: str
    factual: bool
    start: date | None
    end: date | None
    sources: int
    year: str | None
    month: str | None  # None for a date coarser than a month
    countries: tuple[str, ...]  # origin and destination

# Types a name takes from the slot it fills when its document did not type it.
_SLOT_TYPES = {"agents": "actor", "organizations": "organization", "persons": "person"}
_SLUG = re.compile(r"[^a-z0-9]+")


def stamp(store: "Store") -> Stamp:
    """Counts that change whenever the ledger or the store is written (one query)."""
    query = select(
        select(func.count()).select_from(LedgerDocumentRow).scalar_subquery(),
        select(func.count()).select_from(LedgerReportRow).scalar_subquery(),
        select(func.count()).select_from(LedgerRecordRow).scalar_subquery(),
        select(func.coalesce(func.max(LedgerDecisionRow.id), 0)).scalar_subquery(),
        select(func.count()).select_from(DocumentRow).scalar_subquery(),
        select(func.count()).select_from(FailureRow).scalar_subquery(),
        # A forgotten decision, or a document merged again after ``reprocess``, can leave
        # every count above as it was.
        select(func.count()).select_from(LedgerDecisionRow).scalar_subquery(),
        select(func.max(LedgerDocumentRow.merged)).scalar_subquery(),
    )
    with store.session() as session:
        row = session.execute(query).one()
    return (*(int(value or 0) for value in row[:-1]), str(row[-1]))


def date_view(value: DateValue) -> DateView:
    return DateView(value=value.value, precision=value.precision, start=value.start, end=value.end)


def document_ref(doc: DocumentInfo) -> DocumentRef:
    return DocumentRef(id=doc.id, source=doc.source, title=doc.title, outlet=doc.outlet, url=doc.url,
                       published=doc.published, language=doc.language)


def outlet_of(doc: DocumentInfo) -> str:
    return doc.outlet or Path(doc.source).name


def slug(text: str) -> str:
    return _SLUG.sub("-", fold(text)).strip("-") or "x"


def entity_id(name: Name, slot_type: str) -> str:
    """A stable, URL-safe id: the knowledge-base id when known, else type and folded name."""
    kind = name.type or slot_type
    if name.kb_id:
        head, _, rest = name.kb_id.partition("/")
        return f"{head}-{slug(rest)}" if rest else slug(name.kb_id)
    return f"{kind}-{slug(name.folded or name.text)}"


@dataclass
class EntityEntry:
    """One entity of the index: its names as documents spell them, events and documents."""

    id: str
    type: str
    kb_id: str | None = None
    country: str | None = None
    spellings: Counter[str] = field(default_factory=Counter)
    records: dict[str, None] = field(default_factory=dict)
    documents: dict[str, None] = field(default_factory=dict)
    folded: set[str] = field(default_factory=set)  # folded names and aliases, for lookup

    @property
    def name(self) -> str:
        """The spelling most reports use (ties: the longest, then alphabetical)."""
        return max(sorted(self.spellings), key=lambda s: (self.spellings[s], len(s)))


class Snapshot:
    """The saved ledger plus the indexes the read API answers from; never written.

    Only the event list is built up front. Summaries are made per event when first shown,
    and the name, country and text indexes when a filter, an entity page or a search
    first needs them, so a large ledger is ready as soon as it is loaded.
    """

    def __init__(self, ledger: "Ledger", stamp: Stamp, documents: int) -> None:
        self.ledger = ledger
        self.stamp = stamp
        self.documents = documents
        self.records: list[Record] = ledger.timeline()
        self.by_id: dict[str, Record] = {record.id: record for record in self.records}
        self._summaries: dict[str, EventSummary] = {}
        self._matches: dict[object, Any] = {}
        self._lock = threading.Lock()

    @cached_property
    def rows(self) -> list["Row"]:
        """Per event, in timeline order, the plain values that filters and facets read."""
        found = []
        for record in self.records:
            start, end = record.date.start, record.date.end
            fine = record.date.precision in ("day", "week", "month")
            found.append(Row(
                record, record.type, not (record.negated or record.hypothetical), start, end,
                len({report.document.id for report in record.reports}),
                f"{start.year:04d}" if start else None,
                f"{start.year:04d}-{start.month:02d}" if start and fine else None,
                tuple(sorted({c for c in (record.origin, record.destination) if c}))))
        return found

    def remember(self, key: object, make: Any) -> Any:
        """``make()``, kept for ``key`` while this snapshot lives (the last ``MATCHES`` keys):
        the same filter asked twice is answered once."""
        found = self._matches.get(key)
        if found is None:
            found = make()
            with self._lock:
                self._matches[key] = found
                while len(self._matches) > MATCHES:
                    self._matches.pop(next(iter(self._matches)))
        return found

    def summary(self, record: Record) -> EventSummary:
        """The event's summary row, made once."""
        found = self._summaries.get(record.id)
        if found is None:
            found = self._summaries.setdefault(record.id, summary(record))
        return found

    @property
    def entities(self) -> dict[str, EntityEntry]:
        return self._names.entities

    @property
    def record_entities(self) -> dict[str, list[str]]:
        return self._names.record_entities

    @property
    def record_countries(self) -> dict[str, frozenset[str]]:
        return self._names.record_countries

    @property
    def haystack(self) -> dict[str, str]:
        return self._names.haystack

    @cached_property
    def _names(self) -> "_Names":
        with self._lock:
            return _Names(self.records)

    def shown_event(self, report: str) -> Record | None:
        """The event a report is shown in (its record, or the event it supports)."""
        view = getattr(self.ledger, "view", None)
        if view is not None:
            return view().event_of.get(report)  # type: ignore[no-any-return]
        record_id = self.ledger.record_of.get(report)
        return self.by_id.get(record_id) if record_id else None

    # Derived on first use: most pages never need them.
    @cached_property
    def checks(self) -> list["ClaimCheck"]:
        return self.ledger.check_claims()

    @cached_property
    def tallies(self) -> list["Tally"]:
        return self.ledger.tallies()

    @cached_property
    def record_series(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for tally in self.tallies:
            ident = series_id(tally.event_type, tally.origin, tally.destination)
            for record in [row.record for row in tally.rows] + [u.record for u in getattr(tally, "unsure", [])]:
                if ident not in found.setdefault(record.id, []):
                    found[record.id].append(ident)
        return found

    @cached_property
    def links_by_event(self) -> dict[str, list[Any]]:
        found: dict[str, list[Any]] = {}
        for link in self.links:
            found.setdefault(link.a, []).append(link)
            found.setdefault(link.b, []).append(link)
        return found

    @cached_property
    def links(self) -> list[Any]:
        return self.ledger.links()


class _Names:
    """Per event: the entities it names, the countries it involves and a folded text to match."""

    def __init__(self, records: list[Record]) -> None:
        self.entities: dict[str, EntityEntry] = {}
        self.record_entities: dict[str, list[str]] = {}
        self.record_countries: dict[str, frozenset[str]] = {}
        self.haystack: dict[str, str] = {}
        for record in records:
            self._index(record)

    def _index(self, record: Record) -> None:
        ids: dict[str, None] = {}
        countries = {code for code in (record.origin, record.destination) if code}
        words = [record.type, record.location or "", *record.agents, *record.organizations, *record.persons]
        for report in record.reports:
            doc = report.document
            words.extend((outlet_of(doc), doc.title or ""))
            named = [(name, slot) for slot, names in report.names.items() for name in names]
            if report.location is not None:
                named.append((report.location, "places"))
            for name, slot in named:
                kind = _SLOT_TYPES.get(slot, "place")
                key = entity_id(name, kind)
                entry = self.entities.get(key)
                if entry is None:
                    entry = self.entities[key] = EntityEntry(key, name.type or kind, name.kb_id, name.country)
                entry.spellings[name.text] += 1
                entry.records[record.id] = None
                entry.documents[doc.id] = None
                entry.folded.add(fold(name.text))
                entry.folded.update(name.aliases)
                if entry.country is None and name.country:
                    entry.country = name.country
                if name.country:
                    countries.add(name.country)
                ids[key] = None
        self.record_entities[record.id] = list(ids)
        self.record_countries[record.id] = frozenset(countries)
        self.haystack[record.id] = fold(" ".join(words))


def series_id(event_type: str, origin: str | None, destination: str | None) -> str:
    return f"{event_type}.{origin or 'any'}-{destination or 'any'}"


def summary(record: Record) -> EventSummary:
    documents = {report.document.id: report.document for report in record.reports}
    ordered = sorted(documents.values(), key=lambda d: (d.published is None, d.published, d.source))
    return EventSummary(
        id=record.id, type=record.type, date=date_view(record.date), count=record.count,
        origin=record.origin, destination=record.destination, location=record.location,
        agents=list(record.agents), organizations=list(record.organizations), persons=list(record.persons),
        negated=record.negated, hypothetical=record.hypothetical, sources=len(documents),
        outlets=list(dict.fromkeys(outlet_of(d) for d in ordered)),
        conflicted=[conflict["field"] for conflict in record.conflicts],
    )
