"""The typed answers of the read API: plain, frozen dataclasses.

They are what ``Reader`` returns, what the JSON API serialises (FastAPI derives the
OpenAPI schema from these classes, so the schema and the library cannot drift apart) and
what the web templates render. They hold plain values only (str, int, dates, lists of
other views) so they can be passed to a template or turned into JSON as they are.

Conventions: ids are strings (``ev-…`` for events, ``sha256:…`` for documents, entity and
series ids as described on ``EntitySummary`` and ``SeriesSummary``); offsets are Python
``str`` indices into the stored document text (``text[start:end] == span.text``); dates
are ``datetime.date``; absent values are None, absent lists are empty.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

_FROZEN = {"frozen": True, "kw_only": True}


@dataclass(**_FROZEN)
class DateView:
    """An event date as TIMEX (``value``: 2025-02-27, 2025-W09, 2025-02, 2025) with its
    precision and the day range it covers, so imprecise dates can be drawn as ranges."""

    value: str | None
    precision: str
    start: date | None
    end: date | None

    @property
    def label(self) -> str:
        return self.value or "?"


@dataclass(**_FROZEN)
class SpanView:
    """A stretch of a document's text; ``rule`` and ``cue`` say why a value was read there."""

    start: int
    end: int
    text: str
    rule: str | None = None
    cue: str | None = None


@dataclass(**_FROZEN)
class DocumentRef:
    """A stored document without its text."""

    id: str
    source: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    language: str


@dataclass(**_FROZEN)
class EventSummary:
    """One ledger event (merged from one or more reports) as a timeline row.

    ``sources`` is the number of documents reporting it, ``outlets`` their outlets (or
    file names) earliest first, ``conflicted`` the fields on which they disagree.
    """

    id: str
    type: str
    date: DateView
    count: int | None
    origin: str | None
    destination: str | None
    location: str | None
    agents: list[str]
    organizations: list[str]
    persons: list[str]
    negated: bool
    hypothetical: bool
    sources: int
    outlets: list[str]
    conflicted: list[str]


@dataclass(**_FROZEN)
class StatementView:
    """One value of one field as one document states it.

    ``value`` is the JSON value (a date is its TIMEX object), ``display`` a string for
    people; ``span`` is where the document states it and ``sentence`` the whole sentence
    around the span (both offsets into that document's text), when the span is known.
    """

    field: str
    value: Any
    display: str
    document: str
    report: str
    span: SpanView | None
    sentence: SpanView | None


@dataclass(**_FROZEN)
class EvidenceView:
    """A stretch of text that states the event (a trigger), with its sentence."""

    span: SpanView
    sentence: SpanView | None


@dataclass(**_FROZEN)
class SourceView:
    """One document reporting an event: its evidence and every value it states."""

    document: DocumentRef
    evidence: list[EvidenceView]
    statements: list[StatementView]


@dataclass(**_FROZEN)
class ConflictValue:
    value: Any
    display: str
    documents: list[str]


@dataclass(**_FROZEN)
class ConflictView:
    """A field the sources disagree on, each value with the documents stating it."""

    field: str
    values: list[ConflictValue]


@dataclass(**_FROZEN)
class LinkView:
    """A candidate merge the ledger was unsure of: the other event, its score and why."""

    event: str
    other: str
    score: float
    reasons: list[str]


@dataclass(**_FROZEN)
class EventDetail(EventSummary):
    """An event with every statement, its sources, conflicts and candidate links.

    ``reports`` are the report keys merged into it; ``supporting`` those of partial
    reports (no date or count of their own) that the ledger placed here; ``series`` the
    ids of the series whose type and direction the event has.
    """

    reports: list[str]
    supporting: list[str]
    statements: list[StatementView]
    source_documents: list[SourceView]
    conflicts: list[ConflictView]
    links: list[LinkView]
    series: list[str]


@dataclass(**_FROZEN)
class FacetCount:
    value: str
    count: int


@dataclass(**_FROZEN)
class Facets:
    """Counts of the filtered events by type, year, month (YYYY-MM) and country."""

    types: list[FacetCount]
    years: list[FacetCount]
    months: list[FacetCount]
    countries: list[FacetCount]


@dataclass(**_FROZEN)
class EventPage:
    """One page of filtered events; ``total`` counts all that match the filter."""

    items: list[EventSummary]
    total: int
    offset: int
    limit: int
    facets: Facets


@dataclass(**_FROZEN)
class EntitySummary:
    """An actor (person, organization, place, or an agent such as a country) across the ledger.

    ``id`` is stable and URL-safe: ``<type>-<slug>`` of the knowledge-base id when the
    name is known to it (``person-rafael-caro-quintero``), else of the folded name.
    """

    id: str
    name: str
    type: str
    events: int
    documents: int


@dataclass(**_FROZEN)
class EntityPage:
    items: list[EntitySummary]
    total: int
    offset: int
    limit: int


@dataclass(**_FROZEN)
class CoEntity:
    """An entity named in the same events as another, with how many events they share."""

    id: str
    name: str
    type: str
    shared: int


@dataclass(**_FROZEN)
class EntityDetail(EntitySummary):
    """One actor: every spelling documents use (both languages), titles, events, sources
    and the entities named in the same events."""

    kb_id: str | None
    country: str | None
    aliases: list[str]
    titles: list[str]
    aliases_by_language: dict[str, list[str]]  # language code → the spellings its documents use
    event_list: list[EventSummary]
    source_documents: list[DocumentRef]
    cooccurring: list[CoEntity]


@dataclass(**_FROZEN)
class ClaimView:
    """A figure a document states: a cumulative total or an ordinal ("the third")."""

    kind: str
    value: float
    low: float | None
    high: float | None
    event_type: str | None
    origin: str | None
    destination: str | None
    speaker: str | None
    text: str | None
    span: SpanView | None
    sentence: SpanView | None = None  # the whole sentence around the figure, offsets into the document


@dataclass(**_FROZEN)
class UnsureView:
    """An event of a series that is not counted in it, and why."""

    event: str
    reason: str


@dataclass(**_FROZEN)
class ClaimCheckView:
    """A claim judged against the ledger as of its date: consistent, inconsistent or
    unverifiable, with the arithmetic in ``explanation``, the series members counted
    (``events``), a ``confidence`` in 0–1, what the ledger lacks (``missing``, for an
    unverifiable claim) and the series' events left uncounted (``unsure``)."""

    id: str
    claim: ClaimView
    document: DocumentRef
    verdict: str
    expected: float | None
    explanation: str
    series: str
    events: list[str]
    confidence: float
    missing: str | None
    unsure: list[UnsureView]


@dataclass(**_FROZEN)
class SeriesSummary:
    """A series of events that figures count over, such as transfers MX→US.

    ``id`` is ``<type>.<origin>-<destination>`` (``transfer.MX-US``, ``any`` for an
    unstated side); ``declared`` the id of the declared series (``series.yaml``) it is,
    if any, and ``name`` what reports call it; ``total`` is the running total after the
    last member.
    """

    id: str
    declared: str | None
    name: str
    event_type: str
    origin: str | None
    destination: str | None
    label: str
    events: int
    total: int | None
    first: date | None
    last: date | None


@dataclass(**_FROZEN)
class TallyRowView:
    event: EventSummary
    count: int | None
    cumulative: int | None


@dataclass(**_FROZEN)
class UnsureMember:
    event: EventSummary
    reason: str


@dataclass(**_FROZEN)
class SeriesDetail(SeriesSummary):
    """A series with its running totals, one row per member in date order, the events of
    it that are not counted (``unsure``, with why) and the claims that count over it."""

    rows: list[TallyRowView]
    unsure: list[UnsureMember]
    claims: list[ClaimCheckView]


@dataclass(**_FROZEN)
class DocumentSpanView:
    """A stretch of a document that extraction read something from.

    ``kind``: ``evidence`` (states an event), ``value`` (a field's value, named by
    ``field``), ``mention`` (an entity), ``quote`` or ``claim``; ``event`` is the ledger
    event it belongs to, when any; ``label`` says what it is, for a tooltip.
    """

    start: int
    end: int
    text: str
    kind: str
    label: str
    field: str | None = None
    event: str | None = None


@dataclass(**_FROZEN)
class DocumentView:
    """A stored document with its text, every extracted span, its events and claims."""

    document: DocumentRef
    text: str
    warnings: list[str]
    spans: list[DocumentSpanView]
    events: list[EventSummary]
    claims: list[ClaimCheckView]


@dataclass(**_FROZEN)
class DocumentPage:
    items: list[DocumentRef]
    total: int
    offset: int
    limit: int


@dataclass(**_FROZEN)
class DocumentStatus:
    """A stored document (or a source that failed) as ``documents`` lists it: ``status``
    is ``merged``, ``unmerged`` or ``failed``; ``events`` its event reports; ``reason``
    why it failed. ``document`` is None for a failed source."""

    document: DocumentRef | None
    source: str
    line: int | None
    status: str
    events: int
    reason: str | None = None


@dataclass(**_FROZEN)
class DecisionView:
    """A person's decision: ``merge`` (reports kept together), ``split`` (kept apart) or
    ``confirm`` (a review item left as it is), on report-key ``pairs``; ``events`` are
    the events its reports are shown in now. ``id`` is what ``forget`` takes."""

    id: int
    kind: str
    created: datetime | None
    pairs: list[list[str]]
    events: list[str]


@dataclass(**_FROZEN)
class FailureView:
    """A document that could not be ingested: where, why and when (UTC)."""

    source: str
    line: int | None
    reason: str
    created: datetime


@dataclass(**_FROZEN)
class FailurePage:
    items: list[FailureView]
    total: int
    offset: int
    limit: int


@dataclass(**_FROZEN)
class Match:
    """Where a query matched inside a snippet (offsets into ``Snippet.text``)."""

    start: int
    end: int


@dataclass(**_FROZEN)
class Snippet:
    """A stretch of a document around matches; ``start`` is its offset in the document."""

    start: int
    text: str
    matches: list[Match]


@dataclass(**_FROZEN)
class DocumentHit:
    document: DocumentRef
    snippets: list[Snippet]


@dataclass(**_FROZEN)
class SearchResults:
    """What a free-text query finds: events, entities and documents (with snippets)."""

    query: str
    events: list[EventSummary]
    entities: list[EntitySummary]
    documents: list[DocumentHit]


@dataclass(**_FROZEN)
class LedgerStatus:
    """Counts, and ``pending``: stored documents not merged yet (an interrupted ingest;
    ``newsledger ingest`` or any write merges them — reads never do)."""

    documents: int
    pending: int
    events: int
    reports: int
    entities: int
    claims: int
    links: int
    failures: int


@dataclass(**_FROZEN)
class FailedDocument:
    source: str
    line: int | None
    reason: str


@dataclass(**_FROZEN)
class IngestSummary:
    """What an upload or ingest did: documents stored now, already stored, failed."""

    stored: list[str]
    duplicates: list[str]
    failures: list[FailedDocument]
    warnings: list[str] = field(default_factory=list)


@dataclass(**_FROZEN)
class ChangeResult:
    """What a merge, split or keep-apart decision did: the events it left.

    ``action`` is ``merge``, ``split``, ``apart`` or ``forget``; ``subject`` the ids it was
    asked of (for ``forget``, the decision's id and kind).
    """

    action: str
    subject: list[str]
    events: list[EventSummary]
