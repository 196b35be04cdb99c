"""The ledger kept in the store: what the CLI calls.

``update(store, doc_ids)`` after ingest loads the saved merge state (reports with their
components, candidate links, decisions, records: no scoring), adds the new documents'
reports (each compared only with the reports the blocking index returns), re-resolves the
touched components and saves only what changed. Reading commands first merge any stored
document the ledger has not seen (an ingest interrupted before its update), then answer
from the loaded state. ``rebuild`` starts over from the stored extractions and re-applies
every saved decision.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import delete, select

from newsledger.errors import LedgerError
from newsledger.ledger.claims import ClaimCheck, ClaimEntry
from newsledger.ledger.fields import Record
from newsledger.ledger.merging import Changes, Decision, Ledger, Link, collector_paused
from newsledger.ledger.entities import EntityView, describe
from newsledger.ledger.reports import Report
from newsledger.ledger.series import Tally
from newsledger.ledger.tables import (LedgerClaimRow, LedgerDecisionRow, LedgerDocumentRow, LedgerLinkRow,
                                      LedgerRecordRow, LedgerReportRow)
from newsledger.model import Claim, DocumentInfo


def load(store: Any) -> Ledger:
    """The saved ledger, rebuilt in memory without comparing any reports."""
    ledger = Ledger()
    with store.session() as session:
        for doc_id in session.scalars(select(LedgerDocumentRow.document_id)):
            ledger.restore_document(doc_id)
        for row in session.scalars(select(LedgerReportRow).order_by(LedgerReportRow.key)):
            ledger.restore_report(Report.from_json(row.payload), row.component)
        ledger.restore_links({(row.a, row.b): row.score for row in session.scalars(select(LedgerLinkRow))})
        for decision in session.scalars(select(LedgerDecisionRow).order_by(LedgerDecisionRow.id)):
            ledger.restore_decision(Decision(decision.kind, [(a, b) for a, b in decision.pairs]))
        for record in session.scalars(select(LedgerRecordRow).order_by(LedgerRecordRow.id)):
            ledger.restore_record(list(record.members))
        for claim in session.scalars(select(LedgerClaimRow).order_by(LedgerClaimRow.document_id,
                                                                     LedgerClaimRow.position)):
            ledger.add_claim(_claim_entry(claim.payload))
    return ledger


def _claim_payload(entry: ClaimEntry) -> dict[str, Any]:
    doc = entry.document
    return {"document": {**doc.to_json(), "url": doc.url, "outlet": doc.outlet}, "claim": entry.claim.to_json(),
            "index": entry.index, "events": entry.event_reports}


def _claim_entry(payload: dict[str, Any]) -> ClaimEntry:
    data = payload["document"]
    published = date.fromisoformat(data["published"]) if data.get("published") else None
    document = DocumentInfo(data["id"], data.get("source") or "", published, data.get("language") or "",
                            data.get("title"), data.get("url"), data.get("outlet"))
    return ClaimEntry(document, Claim.from_json(payload["claim"]), int(payload["index"]), dict(payload["events"]))


def _save(store: Any, ledger: Ledger, changes: Changes, new_docs: Iterable[str] = (),
          new_reports: Iterable[str] = (), new_claims: Iterable[ClaimEntry] = (),
          decision: Decision | None = None) -> None:
    """Write one update in one transaction: only the rows that changed."""
    new_reports = set(new_reports)
    with store.session() as session:
        for doc_id in new_docs:
            session.merge(LedgerDocumentRow(document_id=doc_id))
        for key in sorted(new_reports):
            report = ledger.reports[key]
            session.add(LedgerReportRow(key=key, document_id=report.document.id,
                                        component=changes.components.get(key, ledger.component_head(key)),
                                        payload=report.to_json()))
        session.flush()
        moved = {key: head for key, head in changes.components.items() if key not in new_reports}
        if moved:
            for row in session.scalars(select(LedgerReportRow).where(LedgerReportRow.key.in_(list(moved)))):
                if row.component != moved[row.key]:
                    row.component = moved[row.key]
        for (a, b), score in sorted(changes.links.items()):
            session.merge(LedgerLinkRow(a=a, b=b, score=score))
        gone = set(changes.removed) | {record.id for record in changes.added}
        if gone:
            session.execute(delete(LedgerRecordRow).where(LedgerRecordRow.id.in_(sorted(gone))))
        for record in changes.added:
            session.add(LedgerRecordRow(id=record.id, type=record.type, date_start=record.date.start,
                                        members=record.members, payload=record.to_json()))
        for entry in new_claims:
            session.merge(LedgerClaimRow(document_id=entry.document.id, position=entry.index,
                                         payload=_claim_payload(entry)))
        if decision is not None:
            session.add(LedgerDecisionRow(kind=decision.kind, pairs=[list(p) for p in decision.pairs]))


def update(store: Any, doc_ids: Iterable[str] | None = None) -> Changes:
    """Merge the given stored documents (all not yet merged when None) into the saved ledger."""
    ledger = load(store)
    changes, _ = _add(store, ledger, doc_ids)
    return changes


def _add(store: Any, ledger: Ledger, doc_ids: Iterable[str] | None) -> tuple[Changes, Ledger]:
    wanted = [d.id for d in store.documents()] if doc_ids is None else list(dict.fromkeys(doc_ids))
    pending = [doc_id for doc_id in wanted if not ledger.has_document(doc_id)]
    if not pending:
        return Changes(), ledger
    before_reports, before_claims = set(ledger.reports), len(ledger.claims)
    with collector_paused():
        for doc_id in pending:
            ledger.add_extraction(store.extraction(doc_id))
    changes = ledger.settle()
    new_reports = set(ledger.reports) - before_reports
    _save(store, ledger, changes, pending, new_reports, ledger.claims[before_claims:])
    return changes, ledger


def current(store: Any) -> Ledger:
    """The saved ledger, first merging any stored document it has not seen."""
    ledger = load(store)
    _add(store, ledger, None)
    return ledger


def rebuild(store: Any) -> Ledger:
    """Start over from the stored extractions, keeping every saved decision."""
    with store.session() as session:
        decisions = [Decision(row.kind, [(a, b) for a, b in row.pairs])
                     for row in session.scalars(select(LedgerDecisionRow).order_by(LedgerDecisionRow.id))]
        for table in (LedgerClaimRow, LedgerRecordRow, LedgerLinkRow, LedgerReportRow, LedgerDocumentRow):
            session.execute(delete(table))
    ledger = load(store)
    for decision in decisions:
        ledger.apply(decision)
    _add(store, ledger, None)
    return ledger


# --- reading ---------------------------------------------------------------------------

def export(store: Any) -> dict[str, Any]:
    """The "Ledger export" JSON (events with sources and conflicts, tallies, claim checks)."""
    return current(store).export()


def timeline(store: Any) -> list[Record]:
    """Merged events in date order; ``len(record.documents)`` is the number of sources."""
    return current(store).timeline()


def tally(store: Any, event_type: str, origin: str | None = None, destination: str | None = None) -> Tally:
    """A series' records in date order with running totals (``Tally.rows``)."""
    return current(store).tally(event_type, origin, destination)


def check_claims(store: Any, verdict: str | None = None) -> list[ClaimCheck]:
    """Every cumulative and ordinal claim checked, optionally only those with ``verdict``."""
    return current(store).check_claims(verdict)


def links(store: Any) -> list[Link]:
    """Candidate merges between different records, best first."""
    return current(store).links()


def merge(store: Any, a: str, b: str) -> Record:
    """Merge two records (or reports, by key) for good; returns the merged record."""
    ledger = current(store)
    decision = ledger.merge(a, b)
    changes = ledger.settle()
    _save(store, ledger, changes, decision=decision)
    return ledger.records[ledger.record_of[decision.pairs[0][0]]] if decision.pairs else ledger.records[a]


def split(store: Any, ident: str) -> list[Record]:
    """Split a record into its reports, or detach one report (by key); returns the records."""
    ledger = current(store)
    decision = ledger.split(ident)
    changes = ledger.settle()
    _save(store, ledger, changes, decision=decision)
    keys = sorted({k for p in decision.pairs for k in p})
    return sorted({ledger.record_of[k]: ledger.records[ledger.record_of[k]] for k in keys}.values(),
                  key=lambda r: r.id)


def entity(store: Any, name: str) -> EntityView:
    """``newsledger entity NAME``: the actor with its aliases, titles, events and sources."""
    return entity_view(current(store), name)


def entity_view(ledger: Ledger, name: str) -> EntityView:
    """Find an actor by any spelling; its aliases come from every document that names it."""
    view = describe(ledger, name)
    if view is None:
        raise LedgerError(f"no entity named {name!r} in the ledger")
    return view
