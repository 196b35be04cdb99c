"""The ledger kept in the store: what the CLI and the read API call.

Writing and reading are apart. ``sync(store)`` (also ``update(store, doc_ids)`` after an
ingest) loads the saved merge state (reports with their components, candidate links,
decisions, records: no scoring), adds the documents the ledger has not merged yet (each
report compared only with what the blocking index returns), re-resolves the touched
components and saves only what changed. ``merge``, ``split`` and ``decide`` record a
person's decision and save its effect. Every other function only reads: it loads the
saved state and answers from it, so that it works on a database opened read-only
(``Store(url, read_only=True)``) and two readers never race to write. A stored document
the ledger has not merged (an ingest interrupted before its update) is reported by
``unmerged`` until ``sync`` merges it. ``rebuild`` starts over from the stored
extractions and re-applies every saved decision.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy import update as update_rows

from newsledger.errors import LedgerError
from newsledger.ledger.claims import ClaimCheck, ClaimEntry
from newsledger.ledger.entities import EntityView, describe
from newsledger.ledger import published
from newsledger.ledger.fields import Record
from newsledger.ledger.merging import Changes, Decision, Ledger, Link, collector_paused
from newsledger.ledger.reports import Report
from newsledger.ledger.revise import Revision, load_without
from newsledger.ledger.series import Tally
from newsledger.ledger.tables import (LedgerClaimRow, LedgerDecisionRow, LedgerDocumentRow, LedgerLinkRow,
                                      LedgerRecordRow, LedgerReportRow)
from newsledger.model import Claim, DocumentInfo
from newsledger.store.bulk import chunks, insert_rows, upsert_rows
from newsledger.store.schema import utcnow

if TYPE_CHECKING:
    from newsledger.ledger.review import ReviewItem
    from newsledger.store import Store


def load(store: Store) -> Ledger:
    """The saved ledger, rebuilt in memory without comparing any reports; writes nothing."""
    ledger = Ledger()
    # One snapshot for every table: a save landing between two queries would leave
    # records whose reports were never read (a KeyError in a concurrent reader).
    with store.snapshot() as session, collector_paused():
        for doc_id in session.scalars(select(LedgerDocumentRow.document_id)):
            ledger.restore_document(doc_id)
        reports = select(LedgerReportRow.payload, LedgerReportRow.component).order_by(LedgerReportRow.key)
        for payload, component in session.execute(reports):
            ledger.restore_report(Report.from_json(payload), component)
        links = select(LedgerLinkRow.a, LedgerLinkRow.b, LedgerLinkRow.score)
        ledger.restore_links({(a, b): score for a, b, score in session.execute(links)})
        decisions = select(LedgerDecisionRow.kind, LedgerDecisionRow.pairs, LedgerDecisionRow.id,
                           LedgerDecisionRow.created).order_by(LedgerDecisionRow.id)
        for kind, pairs, ident, created in session.execute(decisions):
            ledger.restore_decision(Decision(kind, [(a, b) for a, b in pairs], ident, created))
        for members in session.scalars(select(LedgerRecordRow.members).order_by(LedgerRecordRow.id)):
            ledger.restore_record(list(members))
        claims = select(LedgerClaimRow.payload).order_by(LedgerClaimRow.document_id, LedgerClaimRow.position)
        for payload in session.scalars(claims):
            ledger.add_claim(claim_entry(payload))
    return ledger


def claim_payload(entry: ClaimEntry) -> dict[str, Any]:
    doc = entry.document
    return {"document": {**doc.to_json(), "url": doc.url, "outlet": doc.outlet}, "claim": entry.claim.to_json(),
            "index": entry.index, "events": entry.event_reports}


def claim_entry(payload: dict[str, Any]) -> ClaimEntry:
    data = payload["document"]
    published = date.fromisoformat(data["published"]) if data.get("published") else None
    document = DocumentInfo(data["id"], data.get("source") or "", published, data.get("language") or "",
                            data.get("title"), data.get("url"), data.get("outlet"))
    return ClaimEntry(document, Claim.from_json(payload["claim"]), int(payload["index"]), dict(payload["events"]))


def _save(store: Store, ledger: Ledger, changes: Changes, new_docs: Iterable[str] = (),
          new_reports: Iterable[str] = (), new_claims: Iterable[ClaimEntry] = (),
          decision: Decision | None = None, revision: Revision | None = None,
          delete_documents: bool = False) -> Decision | None:
    """Write one update in one transaction: only the rows that changed.

    A ``revision`` (``revise.load_without``) first deletes the rows it replaces, and with
    ``delete_documents`` its documents leave the store too, in the same transaction. The
    decision is returned with its saved id.
    """
    new_reports = set(new_reports)
    # Saving a large ledger builds millions of rows and payloads: the same pause as merging.
    with collector_paused(), store.session() as session:
        if revision is not None:
            _prune(session, revision, delete_documents)
            new_reports |= revision.readded
        now = utcnow()
        upsert_rows(session, LedgerDocumentRow, ({"document_id": doc_id, "merged": now} for doc_id in new_docs),
                    keys=("document_id",))
        insert_rows(session, LedgerReportRow, (
            {"key": key, "document_id": ledger.reports[key].document.id,
             "component": changes.components.get(key, ledger.component_head(key)),
             "payload": ledger.reports[key].to_json()} for key in sorted(new_reports)))
        moved = {key: head for key, head in changes.components.items() if key not in new_reports}
        changed = []
        for part in chunks(sorted(moved)):
            query = select(LedgerReportRow.key, LedgerReportRow.component).where(LedgerReportRow.key.in_(part))
            changed.extend({"key": key, "component": moved[key]}
                           for key, component in session.execute(query) if component != moved[key])
        for part in chunks(changed):
            session.execute(update_rows(LedgerReportRow), list(part))
        upsert_rows(session, LedgerLinkRow, ({"a": a, "b": b, "score": score}
                                             for (a, b), score in sorted(changes.links.items())),
                    keys=("a", "b"), update=("score",))
        gone = sorted(set(changes.removed) | {record.id for record in changes.added})
        for part in chunks(gone):
            session.execute(delete(LedgerRecordRow).where(LedgerRecordRow.id.in_(part)))
        insert_rows(session, LedgerRecordRow, (
            {"id": record.id, "type": record.type, "date_start": record.date.start, "members": record.members,
             "payload": record.to_json()} for record in changes.added))
        upsert_rows(session, LedgerClaimRow, ({"document_id": entry.document.id, "position": entry.index,
                                               "payload": claim_payload(entry)} for entry in new_claims),
                    keys=("document_id", "position"), update=("payload",))
        if decision is not None:
            row = LedgerDecisionRow(kind=decision.kind, pairs=[list(p) for p in decision.pairs])
            session.add(row)
            session.flush()
            decision.id, decision.created = row.id, row.created
        published.publish(session, ledger, changed=(record.id for record in changes.added))
    return decision


def _prune(session: Any, revision: Revision, delete_documents: bool) -> None:
    """Delete the saved rows a revision replaces (large sets go in slices of ``CHUNK``)."""
    from newsledger.store.schema import DocumentRow

    gone = sorted(revision.reports)
    for part in _chunks(gone):
        session.execute(delete(LedgerReportRow).where(LedgerReportRow.key.in_(part)))
        session.execute(delete(LedgerLinkRow).where(LedgerLinkRow.a.in_(part)))
        session.execute(delete(LedgerLinkRow).where(LedgerLinkRow.b.in_(part)))
    for part in _chunks(sorted(revision.records)):
        session.execute(delete(LedgerRecordRow).where(LedgerRecordRow.id.in_(part)))
    documents = sorted(revision.documents)
    for part in _chunks(documents):
        session.execute(delete(LedgerClaimRow).where(LedgerClaimRow.document_id.in_(part)))
        session.execute(delete(LedgerDocumentRow).where(LedgerDocumentRow.document_id.in_(part)))
    if revision.forgotten:
        session.execute(delete(LedgerDecisionRow).where(LedgerDecisionRow.id.in_(sorted(revision.forgotten))))
    for ident, pairs in revision.rewritten.items():
        row = session.get(LedgerDecisionRow, ident)
        if row is not None:
            row.pairs = [list(p) for p in pairs]
    if delete_documents:
        for doc_id in documents:
            row = session.get(DocumentRow, doc_id)
            if row is not None:
                session.delete(row)  # the ORM cascades to its entities, events, quotes and claims
        session.flush()


CHUNK = 500


def _chunks(keys: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(keys), CHUNK):
        yield keys[start:start + CHUNK]


@dataclass
class SyncResult:
    """What one sync merged: documents, and the records it added or removed."""

    documents: list[str]
    added: int
    removed: int


def update(store: Store, doc_ids: Iterable[str] | None = None) -> Changes:
    """Merge the given stored documents (all not yet merged when None) into the saved ledger."""
    ledger = load(store)
    changes, _, _ = _add(store, ledger, doc_ids)
    return changes


def sync(store: Store) -> SyncResult:
    """The explicit write step: merge every stored document the ledger has not merged."""
    ledger = load(store)
    changes, ledger, merged = _add(store, ledger, None)
    if not merged and published.missing(store):
        with store.session() as session:
            published.publish(session, ledger)
    return SyncResult(merged, len(changes.added), len(changes.removed))


def _add(store: Store, ledger: Ledger, doc_ids: Iterable[str] | None) -> tuple[Changes, Ledger, list[str]]:
    # Documents the saved ledger has not merged: a re-extracted one may still have its
    # old reports in it (``has_document``), but it has lost its merged mark.
    waiting = set(unmerged(store))
    wanted = [d.id for d in store.documents()] if doc_ids is None else list(dict.fromkeys(doc_ids))
    pending = [doc_id for doc_id in wanted if doc_id in waiting or not ledger.has_document(doc_id)]
    if not pending:
        return Changes(), ledger, []
    # A document stored again with a new extraction (``reprocess``, or an ingest with new
    # metadata) is unmerged but still has its old reports saved: they go first.
    stale = _with_saved_rows(store, pending)
    revision = None
    if stale:
        ledger, revision = load_without(store, documents=stale)
    before_reports, before_claims = set(ledger.reports), len(ledger.claims)
    with collector_paused():
        for extraction in store.extractions(pending):
            ledger.add_extraction(extraction)
    changes = _settle(ledger, revision)
    new_reports = set(ledger.reports) - before_reports
    _save(store, ledger, changes, pending, new_reports, ledger.claims[before_claims:], revision=revision)
    return changes, ledger, pending


def _settle(ledger: Ledger, revision: Revision | None) -> Changes:
    """``ledger.settle()``, counting the saved records a revision replaced as removed."""
    changes = ledger.settle()
    if revision is not None:
        kept = {record.id for record in changes.added}
        changes.removed = sorted(set(changes.removed) | (revision.records - kept))
    return changes


def _with_saved_rows(store: Store, doc_ids: list[str]) -> set[str]:
    """Which of these (unmerged) documents still have reports or claims in the saved ledger."""
    found: set[str] = set()
    with store.session() as session:
        for part in _chunks(sorted(doc_ids)):
            found.update(session.scalars(select(LedgerReportRow.document_id)
                                         .where(LedgerReportRow.document_id.in_(part)).distinct()))
            found.update(session.scalars(select(LedgerClaimRow.document_id)
                                         .where(LedgerClaimRow.document_id.in_(part)).distinct()))
    return found


def unmerged(store: Store) -> list[str]:
    """Stored documents the ledger has not merged yet (``sync`` merges them); two queries."""
    from newsledger.store.schema import DocumentRow

    with store.session() as session:
        merged = set(session.scalars(select(LedgerDocumentRow.document_id)))
        stored = list(session.scalars(select(DocumentRow.id).order_by(DocumentRow.id)))
    return [doc_id for doc_id in stored if doc_id not in merged]


def current(store: Store) -> Ledger:
    """The saved ledger as it is (reads only; see ``sync`` for documents not merged yet)."""
    return load(store)


def rebuild(store: Store) -> Ledger:
    """Start over from the stored extractions, keeping every saved decision."""
    with store.session() as session:
        decisions = [Decision(row.kind, [(a, b) for a, b in row.pairs], row.id, row.created)
                     for row in session.scalars(select(LedgerDecisionRow).order_by(LedgerDecisionRow.id))]
        for table in (LedgerClaimRow, LedgerRecordRow, LedgerLinkRow, LedgerReportRow, LedgerDocumentRow,
                      *published.TABLES):
            session.execute(delete(table))
    ledger = load(store)
    for decision in decisions:
        ledger.apply(decision)
    _add(store, ledger, None)
    return ledger


# --- reading ---------------------------------------------------------------------------

def export(store: Store) -> dict[str, Any]:
    """The "Ledger export" JSON (events with sources and conflicts, tallies, claim checks)."""
    return load(store).export()


def timeline(store: Store) -> list[Record]:
    """Events in date order; ``len(record.documents)`` is the number of sources."""
    return load(store).timeline()


def tally(store: Store, event_type: str, origin: str | None = None, destination: str | None = None) -> Tally:
    """A series' members in date order with running totals (``Tally.rows``) and unsure events."""
    return load(store).tally(event_type, origin, destination)


def check_claims(store: Store, verdict: str | None = None) -> list[ClaimCheck]:
    """Every cumulative and ordinal claim checked, optionally only those with ``verdict``."""
    return load(store).check_claims(verdict)


def links(store: Store) -> list[Link]:
    """Candidate merges between different events, best first."""
    return load(store).links()


def review(store: Store) -> list[ReviewItem]:
    """What the ledger is unsure of, ranked by what a decision would change (``review``)."""
    from newsledger.ledger.review import queue

    return queue(load(store))


def entity(store: Store, name: str) -> EntityView:
    """``newsledger entity NAME``: the actor with its aliases, titles, events and sources."""
    return entity_view(load(store), name)


def entity_view(ledger: Ledger, name: str, store: Store | None = None) -> EntityView:
    """Find an actor by any spelling; its aliases come from every document that names it.

    Someone no event holds (only quoted, or named in passing) is found in ``store``'s
    documents, with no events: being absent from the ledger is not being unknown."""
    view = describe(ledger, name)
    if view is None and store is not None:
        from newsledger.read.quotes import mentioned

        view = mentioned(store, name)
    if view is None:
        raise LedgerError(f"no entity named {name!r} in the ledger or its documents")
    return view


# --- a person's decisions (writes) --------------------------------------------------------

def merge(store: Store, a: str, b: str, force: bool = False) -> Record:
    """Merge two events (or reports, by key) for good; returns the merged event. Events
    that state conflicting values are refused (``MergeConflict``) unless ``force``."""
    ledger = load(store)
    decision = ledger.merge(a, b, force=force)
    changes = ledger.settle()
    _save(store, ledger, changes, decision=decision)
    return ledger.view().event_of[decision.pairs[0][0]] if decision.pairs else ledger.records[a]


def split(store: Store, ident: str) -> list[Record]:
    """Split an event into its reports, or detach one report (by key); returns the events."""
    ledger = load(store)
    decision = ledger.split(ident)
    changes = ledger.settle()
    _save(store, ledger, changes, decision=decision)
    keys = sorted({k for p in decision.pairs for k in p})
    shown = ledger.view().event_of
    return sorted({shown[k].id: shown[k] for k in keys if k in shown}.values(), key=lambda r: r.id)


def decide(store: Store, item: str, accept: bool) -> Decision:
    """Accept or reject one review item (``review``); kept as a merge or split decision,
    so that it holds after every later sync and rebuild."""
    from newsledger.ledger.review import decision_for

    ledger = load(store)
    decision = decision_for(ledger, item, accept)
    ledger.apply(decision)
    changes = ledger.settle()
    _save(store, ledger, changes, decision=decision)
    return decision


def decisions(store: Store) -> list[Decision]:
    """A person's decisions, oldest first, each with the id ``forget`` takes (reads only)."""
    return list(load(store).decisions)


def forget(store: Store, decision_id: int) -> tuple[Decision, list[Record]]:
    """Take back one decision: the ledger becomes what it would be had it never been made
    (the other decisions still hold). Returns the decision and the events its reports are
    in now."""
    known = {d.id: d for d in decisions(store)}
    decision = known.get(decision_id)
    if decision is None:
        raise LedgerError(f"no decision {decision_id} (see `newsledger decisions`)")
    keys = {k for p in decision.pairs for k in p}
    ledger, revision = load_without(store, touched=keys, forget={decision_id})
    changes = _settle(ledger, revision)
    _save(store, ledger, changes, revision=revision)
    shown = ledger.view().event_of
    return decision, sorted({shown[k].id: shown[k] for k in keys if k in shown}.values(), key=lambda r: r.id)


def delete_documents(store: Store, doc_ids: Iterable[str]) -> Changes:
    """Delete stored documents and what rests on them only: their reports, statements and
    claims, and the decision pairs that name their reports. Events other documents report
    stay, their values, conflicts and tallies recomputed from the reports left."""
    wanted = set(doc_ids)
    ledger, revision = load_without(store, documents=wanted, drop_pairs=True)
    changes = _settle(ledger, revision)
    _save(store, ledger, changes, revision=revision, delete_documents=True)
    return changes
