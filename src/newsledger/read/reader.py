"""``Reader``: the one typed read API over a ledger and its store.

The CLI's read commands, the JSON API and the web pages all ask a ``Reader``; each method
returns views (``newsledger.read.views``), never database rows or ledger internals, and
raises ``NotFound`` for an unknown id. Reads never write: the ledger is loaded as saved
(documents stored but not merged yet are counted in ``status().pending``, and merged by
the next ingest or write). The loaded ledger is cached and reloaded only when the
database changed (see ``snapshot.stamp``), so a request costs a count query plus the
answer itself. A ``Reader`` is safe to share between threads.
"""
from __future__ import annotations

import io
import threading
import time
from collections import Counter
from typing import TYPE_CHECKING, Any

from newsledger.errors import NotFound
from newsledger.ledger import state
from newsledger.ledger.reports import report_key
from newsledger.ledger.series import Series
from newsledger.read import views as v
from newsledger.read.filters import DocumentFilter, EventFilter, fold, overlaps, words
from newsledger.read.sentences import sentence_bounds
from newsledger.read.snapshot import Snapshot, document_ref, series_id, stamp, summary

if TYPE_CHECKING:
    from newsledger.ledger.claims import ClaimCheck
    from newsledger.ledger.fields import Record
    from newsledger.ledger.series import Tally
    from newsledger.model import Span
    from newsledger.store import Store

MAX_LIMIT = 500
# Seconds between two checks of whether the database changed (see ``Reader.snapshot``).
STAMP_TTL = 1.0
SNIPPET_CONTEXT = 80
VERDICTS = ("consistent", "inconsistent", "unverifiable")


def _page(offset: int, limit: int) -> tuple[int, int]:
    return max(0, offset), max(1, min(limit, MAX_LIMIT))


class Reader:
    """Read access to the ledger in ``store`` (which the caller keeps open and closes)."""

    def __init__(self, store: "Store") -> None:
        self.store = store
        self._snapshot: Snapshot | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    # --- the cached ledger ------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The loaded ledger, reloaded when the database changed since it was loaded.

        Whether it changed is asked at most every ``STAMP_TTL`` seconds (a write made by
        another process shows that much later; one made through ``invalidate`` at once).
        """
        snap = self._snapshot
        now = time.monotonic()
        if snap is not None and now - self._checked < STAMP_TTL:
            return snap
        current = stamp(self.store)
        self._checked = now
        if snap is not None and snap.stamp == current:
            return snap
        with self._lock:
            snap = self._snapshot
            if snap is None or snap.stamp != current:
                from newsledger.ledger import service

                snap = Snapshot(service.load(self.store), current, int(current[4]))
                self._snapshot = snap
            return snap

    def invalidate(self) -> None:
        """Forget the cached ledger (after a write made through this process)."""
        self._snapshot = None
        self._checked = 0.0

    def status(self) -> v.LedgerStatus:
        snap = self.snapshot()
        return v.LedgerStatus(
            documents=snap.documents, pending=max(0, snap.documents - int(snap.stamp[0])),
            events=len(snap.records), reports=len(snap.ledger.reports), entities=len(snap.entities),
            claims=len(snap.ledger.claims), links=len(snap.links),
            failures=int(snap.stamp[5]))

    # --- events -----------------------------------------------------------------------
    def events(self, filter: EventFilter = EventFilter(), offset: int = 0, limit: int = 50) -> v.EventPage:
        """One page of the events that match ``filter``, with facets over all that match."""
        offset, limit = _page(offset, limit)
        snap = self.snapshot()
        found, facets = snap.remember(("events", filter), lambda: self._matching_with_facets(snap, filter))
        return v.EventPage(items=[snap.summary(r) for r in found[offset:offset + limit]], total=len(found),
                           offset=offset, limit=limit, facets=facets)

    def records(self, filter: EventFilter = EventFilter()) -> list["Record"]:
        """The ledger records that match ``filter``, in its order (for exports and the CLI)."""
        snap = self.snapshot()
        return list(self._matching(snap, filter))

    def _matching_with_facets(self, snap: Snapshot, filter: EventFilter) -> tuple[list["Record"], v.Facets]:
        rows = _rows(snap, filter)
        return [row.record for row in rows], _facets(rows)

    def _matching(self, snap: Snapshot, filter: EventFilter) -> list["Record"]:
        return [row.record for row in _rows(snap, filter)]

    def record(self, event_id: str) -> "Record":
        """The ledger record of an event as shown (supporting reports included), or of a
        record the ledger does not show on its own (a partial report's); for the CLI."""
        snap = self.snapshot()
        found = snap.by_id.get(event_id) or snap.ledger.records.get(event_id)
        if found is None:
            raise NotFound(f"no ledger event {event_id!r} (see `newsledger events` for ids)")
        return found

    def event(self, event_id: str) -> v.EventDetail:
        """An event with its statements (each with its sentence), sources, conflicts, links."""
        snap = self.snapshot()
        record = snap.by_id.get(event_id)
        if record is None:
            raise NotFound(f"no ledger event {event_id!r} (ids are listed at /api/v1/events and by `newsledger events`)")
        texts = self.store.texts(record.documents)
        statements = [_statement(s, texts.get(s.document)) for s in record.statements]
        sources = []
        seen: dict[str, Any] = {}
        for report in record.reports:
            seen.setdefault(report.document.id, report.document)
        for doc_id, doc in seen.items():
            text = texts.get(doc_id)
            evidence = [v.EvidenceView(span=_span(span), sentence=_sentence(text, span))
                        for report in record.reports if report.document.id == doc_id
                        for span in report.event.evidence]
            sources.append(v.SourceView(document=document_ref(doc), evidence=evidence,
                                        statements=[s for s in statements if s.document == doc_id]))
        base = snap.summary(record)
        return v.EventDetail(
            **{name: getattr(base, name) for name in base.__dataclass_fields__},
            reports=record.members, supporting=list(getattr(record, "supporting", []) or []),
            statements=statements, source_documents=sources,
            conflicts=[_conflict(c) for c in record.conflicts],
            links=self.links_of(record.id),
            series=snap.record_series.get(record.id, []))

    def links(self) -> list[v.LinkView]:
        """Candidate merges the ledger was unsure of, best first, one per pair of events."""
        return [v.LinkView(event=link.a, other=link.b, score=round(link.score, 3), reasons=list(link.reasons))
                for link in self.snapshot().links]

    def links_of(self, event_id: str) -> list[v.LinkView]:
        """The candidate links of one event, each seen from it (``event`` is ``event_id``)."""
        return [v.LinkView(event=event_id, other=link.b if link.a == event_id else link.a,
                           score=round(link.score, 3), reasons=list(link.reasons))
                for link in self.snapshot().links_by_event.get(event_id, [])]

    # --- entities ---------------------------------------------------------------------
    def entities(self, query: str | None = None, type: str | None = None, offset: int = 0,
                 limit: int = 50) -> v.EntityPage:
        """Entities named in the ledger, most events first; ``query`` matches any spelling."""
        offset, limit = _page(offset, limit)
        snap = self.snapshot()
        folded = fold(query).strip() if query else ""
        found = [entry for entry in snap.entities.values()
                 if (type is None or entry.type == type)
                 and (not folded or any(folded in name for name in entry.folded))]
        found.sort(key=lambda e: (-len(e.records), e.name, e.id))
        items = [_entity_summary(e) for e in found[offset:offset + limit]]
        return v.EntityPage(items=items, total=len(found), offset=offset, limit=limit)

    def entity(self, entity_id: str) -> v.EntityDetail:
        """One entity by id: spellings, titles, events, sources, co-occurring entities."""
        snap = self.snapshot()
        entry = snap.entities.get(entity_id)
        if entry is None:
            raise NotFound(f"no entity {entity_id!r} (ids are listed at /api/v1/entities)")
        records = [snap.by_id[rid] for rid in entry.records]
        aliases: set[str] = set(entry.spellings)
        by_language: dict[str, set[str]] = {}
        titles: set[str] = set()
        documents: dict[str, Any] = {}
        for record in records:
            for report in record.reports:
                if entity_id not in (snap.record_entities.get(record.id) or []):
                    continue
                documents.setdefault(report.document.id, report.document)
                for known in report.entities:
                    if fold(known.name) in entry.folded:
                        spellings = {known.name, *(m.text for m in known.mentions)}
                        aliases.update(spellings)
                        by_language.setdefault(report.document.language or "?", set()).update(spellings)
                        titles.update(known.titles)
        shared: Counter[str] = Counter()
        for record in records:
            shared.update(other for other in snap.record_entities[record.id] if other != entity_id)
        name = entry.name
        aliases.discard(name)
        ordered = sorted(documents.values(), key=lambda d: (d.published is None, d.published, d.id))
        base = _entity_summary(entry)
        return v.EntityDetail(
            **{field: getattr(base, field) for field in base.__dataclass_fields__},
            kb_id=entry.kb_id, country=entry.country, aliases=sorted(aliases, key=fold), titles=sorted(titles),
            aliases_by_language={lang: sorted(names, key=fold) for lang, names in sorted(by_language.items())},
            event_list=[snap.summary(r) for r in records], source_documents=[document_ref(d) for d in ordered],
            cooccurring=[v.CoEntity(id=other, name=snap.entities[other].name, type=snap.entities[other].type,
                                    shared=count) for other, count in shared.most_common(20)])

    def find_entity(self, name: str) -> v.EntityDetail:
        """The entity any spelling names (the one in most events when several match)."""
        page = self.entities(query=name, limit=MAX_LIMIT)
        if not page.items:
            raise NotFound(f"no entity named {name!r} in the ledger")
        folded = fold(name).strip()
        snap = self.snapshot()
        exact = [item for item in page.items if folded in snap.entities[item.id].folded]
        return self.entity((exact or page.items)[0].id)

    # --- series and claims ------------------------------------------------------------
    def series(self) -> list[v.SeriesSummary]:
        """Every series between two stated countries with a factual, dated event."""
        return [_series_summary(t) for t in self.snapshot().tallies]

    def series_detail(self, ident: str) -> v.SeriesDetail:
        """A series by id (``transfer.MX-US``; ``any`` for an unstated side) or by the id of
        a declared series (``mass-transfers-mx-us``), with its tally."""
        from newsledger.ledger.series import declared

        for spec in declared():
            if spec.id == ident:
                return self.tally(spec.event_type, spec.origin, spec.destination)
        event_type, _, route = ident.partition(".")
        origin, _, destination = route.partition("-")
        if not event_type or not route or not destination:
            raise NotFound(f"no series {ident!r}: ids look like transfer.MX-US (see /api/v1/series)")
        return self.tally(event_type, None if origin == "any" else origin, None if destination == "any" else destination)

    def tally(self, event_type: str, origin: str | None = None, destination: str | None = None) -> v.SeriesDetail:
        """The running totals of one series, and the claims that count over it."""
        snap = self.snapshot()
        result = snap.ledger.tally(event_type, origin and origin.upper(), destination and destination.upper())
        label = (result.series or Series(result.event_type, result.origin, result.destination)).label()
        base = _series_summary(result)
        return v.SeriesDetail(
            **{field: getattr(base, field) for field in base.__dataclass_fields__},
            rows=[v.TallyRowView(event=snap.summary(row.record), count=row.count,
                                 cumulative=row.cumulative) for row in result.rows],
            unsure=[v.UnsureMember(event=snap.summary(u.record), reason=u.reason)
                    for u in getattr(result, "unsure", [])],
            claims=self._checks([c for c in snap.checks if c.series == label]))

    def claims(self, verdict: str | None = None, document: str | None = None) -> list[v.ClaimCheckView]:
        """Every cumulative and ordinal claim checked, optionally one verdict or document."""
        return self._checks([c for c in self.snapshot().checks
                             if (verdict is None or c.verdict == verdict) and (document is None or c.document.id == document)])

    def _checks(self, checks: list["ClaimCheck"]) -> list[v.ClaimCheckView]:
        """Views of claim checks, each with the sentence that states the figure."""
        texts = self.store.texts(c.document.id for c in checks)
        return [_check(c, texts.get(c.document.id)) for c in checks]

    # --- decisions --------------------------------------------------------------------
    def decisions(self) -> list[v.DecisionView]:
        """A person's decisions, oldest first, with the events their reports are in now."""
        snap = self.snapshot()
        out = []
        for decision in snap.ledger.decisions:
            keys = dict.fromkeys(k for p in decision.pairs for k in p)
            events = dict.fromkeys(e.id for e in (snap.shown_event(k) for k in keys) if e is not None)
            out.append(v.DecisionView(id=decision.id or 0, kind=decision.kind, created=decision.created,
                                      pairs=[list(p) for p in decision.pairs], events=list(events)))
        return out

    # --- documents and failures -------------------------------------------------------
    def documents(self, offset: int = 0, limit: int = 50) -> v.DocumentPage:
        offset, limit = _page(offset, limit)
        items = [document_ref(d) for d in self.store.documents(offset, limit)]
        return v.DocumentPage(items=items, total=self.store.count_documents(), offset=offset, limit=limit)

    def document_list(self, filter: DocumentFilter = DocumentFilter()) -> list[v.DocumentStatus]:
        """Stored documents with their status and event count, then failed sources, as
        ``filter`` narrows them (``newsledger documents``)."""
        from newsledger.ledger import service

        out: list[v.DocumentStatus] = []
        if filter.status != "failed":
            found = self.store.find_documents(filter.source, filter.language, filter.since, filter.until,
                                              filter.undated)
            unmerged = set(service.unmerged(self.store))
            counts = self.store.event_counts()
            for doc in found:
                status = "unmerged" if doc.id in unmerged else "merged"
                if filter.status in (None, status):
                    out.append(v.DocumentStatus(document=document_ref(doc), source=doc.source, line=None,
                                                status=status, events=counts.get(doc.id, 0)))
        asks_document = filter.language or filter.since or filter.until or filter.undated
        if filter.status in (None, "failed") and not asks_document:
            wanted = words(filter.source or "")
            for failure in self.store.failures():
                if all(word in fold(failure.source) for word in wanted):
                    out.append(v.DocumentStatus(document=None, source=failure.source, line=failure.line,
                                                status="failed", events=0, reason=failure.reason))
        return out

    def document(self, doc_id: str) -> v.DocumentView:
        """A document's text with every span extraction read, its events and claims."""
        if not self.store.has(doc_id):
            raise NotFound(f"no document {doc_id!r} (ids are listed at /api/v1/documents)")
        snap = self.snapshot()
        extraction = self.store.extraction(doc_id)
        text = self.store.text(doc_id)
        spans: list[v.DocumentSpanView] = []
        events: dict[str, v.EventSummary] = {}
        for event in extraction.events:
            shown = snap.shown_event(report_key(doc_id, event.id))
            record_id = shown.id if shown is not None else None
            if shown is not None and shown.id in snap.by_id:
                events.setdefault(shown.id, snap.summary(shown))
            for span in event.evidence:
                spans.append(v.DocumentSpanView(start=span.start, end=span.end, text=span.text, kind="evidence",
                                                label=f"{event.type} event", event=record_id))
            for key, span in event.provenance.items():
                slot = key.partition(":")[0]
                spans.append(v.DocumentSpanView(start=span.start, end=span.end, text=span.text, kind="value",
                                                label=f"{event.type} {slot}", field=slot, event=record_id))
        for entity in extraction.entities:
            for mention in entity.mentions:
                spans.append(v.DocumentSpanView(start=mention.start, end=mention.end, text=mention.text,
                                                kind="mention", label=f"{entity.name} ({entity.type})"))
        for quote in extraction.quotes:
            if quote.start is not None and quote.end is not None:
                spans.append(v.DocumentSpanView(start=quote.start, end=quote.end, text=text[quote.start:quote.end],
                                                kind="quote", label=f"quote of {quote.speaker or '?'}"))
        for claim in extraction.claims:
            if claim.start is not None and claim.end is not None:
                spans.append(v.DocumentSpanView(start=claim.start, end=claim.end, text=text[claim.start:claim.end],
                                                kind="claim", label=f"{claim.kind} {claim.value}"))
        spans = [s for s in spans if 0 <= s.start <= s.end <= len(text)]
        spans.sort(key=lambda s: (s.start, -s.end, s.kind))
        return v.DocumentView(document=document_ref(extraction.document), text=text,
                              warnings=self.store.warnings(doc_id), spans=spans, events=list(events.values()),
                              claims=self.claims(document=doc_id))

    def failures(self, offset: int = 0, limit: int = 50) -> v.FailurePage:
        """Documents that could not be ingested, most recent first."""
        offset, limit = _page(offset, limit)
        rows = list(reversed(self.store.failures()))
        items = [v.FailureView(source=f.source, line=f.line, reason=f.reason, created=f.created)
                 for f in rows[offset:offset + limit]]
        return v.FailurePage(items=items, total=len(rows), offset=offset, limit=limit)

    # --- search and export ------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> v.SearchResults:
        """Events, entities and documents matching every word of ``query``.

        Documents come from the store's full-text index and entities also by the names
        the store finds (``Store.search_documents``, ``Store.entity_names``: FTS5 on
        SQLite, tsvector and pg_trgm on PostgreSQL), so no stored text is scanned here.
        """
        limit = max(1, min(limit, MAX_LIMIT))
        wanted = words(query)
        if not wanted:
            return v.SearchResults(query=query, events=[], entities=[], documents=[])
        events = self.events(EventFilter(text=query), limit=limit).items
        snap = self.snapshot()
        named = {fold(name) for name in self.store.entity_names(query, limit=MAX_LIMIT)}
        entities = [entry for entry in snap.entities.values()
                    if all(any(word in name for name in entry.folded) for word in wanted) or entry.folded & named]
        entities.sort(key=lambda e: (-len(e.records), e.name))
        docs = self.store.search_documents(query, limit)
        texts = self.store.texts(doc.id for doc in docs)
        hits = [v.DocumentHit(document=document_ref(doc), snippets=_snippets(texts[doc.id], fold(texts[doc.id]), wanted))
                for doc in docs]
        return v.SearchResults(query=query, events=events, entities=[_entity_summary(e) for e in entities[:limit]],
                               documents=hits)

    def export(self, filter: EventFilter = EventFilter()) -> dict[str, Any]:
        """The "Ledger export" JSON (``ledger.export()``) of the events that match ``filter``.

        ``state`` (``ledger.state.dump``) adds what ``newsledger import`` rebuilds the
        ledger from: the reports behind the exported events, their records, links,
        decisions and claims. Unfiltered, it is the ledger's whole export. Filtered, the
        events are those that match, in the filter's order, and the tallies, claim checks
        and pending reports those of the filtered event type when the filter names one.
        """
        snap = self.snapshot()
        full: dict[str, Any] = snap.remember(("export",), snap.ledger.export)
        if filter == EventFilter():
            return {**full, "state": snap.remember(("state",), lambda: state.dump(snap.ledger))}
        by_id = {event["id"]: event for event in full["events"]}
        kind = filter.type
        data = dict(full)
        matching = [r for r in self._matching(snap, filter) if r.id in by_id]
        data["events"] = [by_id[r.id] for r in matching]
        data["tallies"] = [t for t in full.get("tallies", []) if kind is None or t.get("event_type") == kind]
        data["claim_checks"] = [c for c in full.get("claim_checks", [])
                                if kind is None or (c.get("claim") or {}).get("event_type") == kind]
        if "pending" in full:
            data["pending"] = [p for p in full["pending"] if kind is None or p.get("type") == kind]
        keys = [key for r in matching for key in r.members] + [key for p in data.get("pending", []) for key in p["reports"]]
        data["state"] = state.dump(snap.ledger, state.records_of(snap.ledger, keys))
        return data

    def export_csv(self, filter: EventFilter = EventFilter()) -> str:
        """The events that match ``filter`` as the CSV of ``newsledger export --format csv``
        (docs/formats.md), one row per event as the ledger shows it (partial reports placed)."""
        from newsledger.export import source, table  # the export package reads through this one

        snap = self.snapshot()
        out = io.StringIO()
        table.write((source.shown(record) for record in self._matching(snap, filter)), out)
        return out.getvalue()


def _rows(snap: Snapshot, filter: EventFilter) -> list[Any]:
    """The snapshot's rows that ``filter`` keeps, in the filter's order."""
    first, last = filter.window()
    wanted_words = words(filter.text)
    entity_ids = _entity_ids(snap, filter.entity) if filter.entity else None
    country = filter.country.upper() if filter.country else None
    kind, factual, least = filter.type, filter.factual, filter.min_sources
    dated = first is not None or last is not None
    found = []
    for row in snap.rows:
        if kind is not None and row.type != kind:
            continue
        if factual is not None and row.factual != factual:
            continue
        if dated and not overlaps(row.start, row.end, first, last):
            continue
        if least is not None and row.sources < least:
            continue
        if country is not None and country not in row.countries and country not in snap.record_countries[row.record.id]:
            continue
        if entity_ids is not None and not entity_ids.intersection(snap.record_entities[row.record.id]):
            continue
        if wanted_words:
            haystack = snap.haystack[row.record.id]
            if not all(word in haystack for word in wanted_words):
                continue
        found.append(row)
    if filter.sort == "-date":
        found.sort(key=lambda r: (r.start is not None, r.start, r.end, r.record.id), reverse=True)
    elif filter.sort == "sources":
        found.sort(key=lambda r: -r.sources)
    return found


def _entity_ids(snap: Snapshot, entity: str) -> set[str]:
    if entity in snap.entities:
        return {entity}
    folded = fold(entity).strip()
    return {key for key, entry in snap.entities.items() if folded in entry.folded}


class _Listed:
    """A list of records standing in for a ledger, for ``matching``."""

    def __init__(self, records: list["Record"]) -> None:
        self.records = records

    def timeline(self) -> list["Record"]:
        return self.records


def matching(records: list["Record"], filter: EventFilter) -> list["Record"]:
    """The records of a list that ``filter`` keeps: the same test as ``Reader.events``,
    for exports that read the saved ledger a chunk at a time (``newsledger.export``)."""
    snap = Snapshot(_Listed(records), (), 0)  # type: ignore[arg-type]
    return [row.record for row in _rows(snap, filter)]


# --- conversions ----------------------------------------------------------------------

def _span(span: "Span") -> v.SpanView:
    return v.SpanView(start=span.start, end=span.end, text=span.text, rule=getattr(span, "rule", None),
                      cue=getattr(span, "cue", None))


def _sentence(text: str | None, span: "Span | None") -> v.SpanView | None:
    if text is None or span is None or not 0 <= span.start <= span.end <= len(text):
        return None
    first, last = sentence_bounds(text, span.start, span.end)
    return v.SpanView(start=first, end=last, text=text[first:last])


def _display(value: Any) -> str:
    if isinstance(value, dict):
        return value.get("value") or "?"
    if hasattr(value, "precision"):
        return value.value or "?"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _statement(statement: Any, text: str | None) -> v.StatementView:
    value = statement.value.to_json() if hasattr(statement.value, "precision") else statement.value
    return v.StatementView(field=statement.field, value=value, display=_display(statement.value),
                           document=statement.document, report=statement.report,
                           span=_span(statement.span) if statement.span else None,
                           sentence=_sentence(text, statement.span))


def _conflict(conflict: dict[str, Any]) -> v.ConflictView:
    return v.ConflictView(field=conflict["field"], values=[
        v.ConflictValue(value=item["value"], display=_display(item["value"]), documents=list(item["documents"]))
        for item in conflict["values"]])


def _facets(rows: list[Any]) -> v.Facets:
    types = Counter(row.type for row in rows)
    years = Counter(row.year for row in rows if row.year is not None)
    months = Counter(row.month for row in rows if row.month is not None)
    countries = Counter(code for row in rows for code in row.countries)

    def counts(counter: Counter[str], by_value: bool = False) -> list[v.FacetCount]:
        items = sorted(counter.items()) if by_value else sorted(counter.items(), key=lambda i: (-i[1], i[0]))
        return [v.FacetCount(value=value, count=count) for value, count in items]

    return v.Facets(types=counts(types), years=counts(years, True), months=counts(months, True),
                    countries=counts(countries))


def _entity_summary(entry: Any) -> v.EntitySummary:
    return v.EntitySummary(id=entry.id, name=entry.name, type=entry.type, events=len(entry.records),
                           documents=len(entry.documents))


def _series_summary(result: "Tally") -> v.SeriesSummary:
    rows = result.rows
    route = f"{result.origin or '?'}→{result.destination or '?'}" if result.origin or result.destination else ""
    series = getattr(result, "series", None)
    spec = getattr(series, "spec", None)
    label = f"{result.event_type} {route}".strip()
    return v.SeriesSummary(
        id=series_id(result.event_type, result.origin, result.destination), declared=getattr(spec, "id", None),
        name=getattr(spec, "name", None) or label, event_type=result.event_type,
        origin=result.origin, destination=result.destination, label=label,
        events=len(rows), total=rows[-1].cumulative if rows else None,
        first=rows[0].record.date.start if rows else None, last=rows[-1].record.date.start if rows else None)


def _check(check: "ClaimCheck", text: str | None = None) -> v.ClaimCheckView:
    claim = check.claim
    span = v.SpanView(start=claim.start, end=claim.end, text=claim.text or "") \
        if claim.start is not None and claim.end is not None else None
    view = v.ClaimView(kind=claim.kind, value=claim.value, low=claim.low, high=claim.high,
                       event_type=claim.event_type, origin=claim.origin, destination=claim.destination,
                       speaker=claim.speaker, text=claim.text, span=span, sentence=_sentence(text, span))
    return v.ClaimCheckView(id=f"{check.document.id}@{claim.start}-{claim.kind}", claim=view,
                            document=document_ref(check.document), verdict=check.verdict,
                            expected=check.expected, explanation=check.explanation, series=check.series,
                            events=list(check.records), confidence=float(getattr(check, "confidence", 1.0)),
                            missing=getattr(check, "missing", None),
                            unsure=[v.UnsureView(event=u.record.id, reason=u.reason)
                                    for u in getattr(check, "unsure", [])])


def _snippets(text: str, folded: str, wanted: list[str], most: int = 3) -> list[v.Snippet]:
    """Up to ``most`` stretches of ``text`` around matches, each with its matches marked."""
    found: list[tuple[int, int]] = []
    for word in wanted:
        at = folded.find(word)
        while at != -1 and len(found) < 50:
            found.append((at, at + len(word)))
            at = folded.find(word, at + len(word))
    found.sort()
    windows: list[list[int]] = []
    for start, end in found:
        first, last = max(0, start - SNIPPET_CONTEXT), min(len(text), end + SNIPPET_CONTEXT)
        if windows and first <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], last)
        elif len(windows) < most:
            windows.append([first, last])
    snippets = []
    for first, last in windows:
        marks = [v.Match(start=s - first, end=e - first) for s, e in found if first <= s and e <= last]
        snippets.append(v.Snippet(start=first, text=text[first:last], matches=marks))
    return snippets
