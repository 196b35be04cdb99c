"""Taking something back out of the saved ledger: a document, its old extraction, a decision.

The ledger only ever adds reports (``merging.Ledger``): its union-find components and
blocking index cannot forget one. Taking a report or a decision out is therefore done by
loading the saved ledger without the components it touched (``load_without``) and adding
their remaining reports again as if they were new: they are compared once more, with the
decisions that still hold, and their components are resolved afresh. Every other
component is restored as saved, without comparison. Since the ledger is a function of its
reports and decisions, whatever order they came in, the result is the ledger that would
have been built without what was taken out: a forgotten merge leaves the events as they
were before it, a deleted document leaves the events other documents support, with their
values and tallies recomputed.

``Revision`` says which saved rows go; ``service._save`` deletes them in the same
transaction that writes the new state, so an interruption leaves the old ledger whole.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from newsledger.ledger.decisions import Decision, Pair
from newsledger.ledger.merging import Ledger
from newsledger.ledger.reports import Report
from newsledger.ledger.tables import (LedgerClaimRow, LedgerDecisionRow, LedgerDocumentRow, LedgerLinkRow,
                                      LedgerRecordRow, LedgerReportRow)

if TYPE_CHECKING:
    from newsledger.store import Store


@dataclass
class Revision:
    """The saved rows a revision replaces: the reports of ``documents`` go, those of
    ``readded`` are compared and resolved again, ``records`` go (the settle saves their
    successors), and decisions are forgotten or lose the pairs of removed reports."""

    documents: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)  # report keys of those documents
    readded: set[str] = field(default_factory=set)  # report keys added again
    records: set[str] = field(default_factory=set)
    forgotten: set[int] = field(default_factory=set)  # decision rows deleted
    rewritten: dict[int, list[Pair]] = field(default_factory=dict)  # decision rows with fewer pairs

    @property
    def reports(self) -> set[str]:
        """Every saved report row that goes (removed, or saved again once re-resolved)."""
        return self.removed | self.readded


def load_without(store: "Store", documents: set[str] = frozenset(),  # type: ignore[assignment]
                 touched: set[str] = frozenset(), forget: set[int] = frozenset(),  # type: ignore[assignment]
                 drop_pairs: bool = False) -> tuple[Ledger, Revision]:
    """The saved ledger without the reports and claims of ``documents`` and without the
    decisions ``forget``; the components holding those reports or the ``touched`` report
    keys are re-resolved from their remaining reports (call ``settle`` next).

    With ``drop_pairs`` (a deleted document) decisions lose their pairs that name a
    removed report, and a decision left with none goes; otherwise they are kept, so that
    they hold again for the same reports of a re-extracted document.
    """
    revision = Revision(documents=set(documents), forgotten=set(forget))
    with store.snapshot() as session:
        merged_docs = list(session.scalars(select(LedgerDocumentRow.document_id)))
        rows = list(session.scalars(select(LedgerReportRow).order_by(LedgerReportRow.key)))
        links = list(session.execute(select(LedgerLinkRow.a, LedgerLinkRow.b, LedgerLinkRow.score)))
        decisions = list(session.scalars(select(LedgerDecisionRow).order_by(LedgerDecisionRow.id)))
        records = list(session.execute(select(LedgerRecordRow.id, LedgerRecordRow.members)))
        claims = list(session.scalars(select(LedgerClaimRow).order_by(LedgerClaimRow.document_id,
                                                                       LedgerClaimRow.position)))
    component = {row.key: row.component for row in rows}
    revision.removed = {row.key for row in rows if row.document_id in revision.documents}
    # Whole components go back in: a component's reports may have been joined only
    # through a report that goes, and records never span components; a record that
    # nevertheless straddles two pulls both in (a fixpoint, for safety).
    heads = {component[key] for key in revision.removed | (set(touched) & component.keys())}
    members: dict[str, list[str]] = {}
    for key, head in component.items():
        members.setdefault(head, []).append(key)
    while True:
        pulled = {key for head in heads for key in members.get(head, ())}
        more = {component[key] for _, keys in records if pulled.intersection(keys) for key in keys
                if key in component} - heads
        if not more:
            break
        heads |= more
    revision.readded = pulled - revision.removed
    revision.records = {rid for rid, keys in records if pulled.intersection(keys)}

    ledger = Ledger()
    for doc_id in merged_docs:
        if doc_id not in revision.documents:
            ledger.restore_document(doc_id)
    again = []
    for row in rows:
        if row.key in revision.removed:
            continue
        if row.key in revision.readded:
            again.append(row)
        else:
            ledger.restore_report(Report.from_json(row.payload), row.component)
    ledger.restore_links({(a, b): score for a, b, score in links
                          if not {a, b} & pulled})
    for row in decisions:
        if row.id in revision.forgotten:
            continue
        pairs = [(a, b) for a, b in row.pairs]
        if drop_pairs:
            kept = [p for p in pairs if not set(p) & revision.removed]
            if len(kept) != len(pairs):
                if kept:
                    revision.rewritten[row.id] = kept
                else:
                    revision.forgotten.add(row.id)
                    continue
                pairs = kept
        ledger.restore_decision(Decision(row.kind, pairs, row.id, row.created))
    for rid, keys in records:
        if rid not in revision.records:
            ledger.restore_record(list(keys))
    from newsledger.ledger.service import claim_entry

    for claim in claims:
        if claim.document_id not in revision.documents:
            ledger.add_claim(claim_entry(claim.payload))
    ledger.add_reports(Report.from_json(row.payload) for row in again)
    return ledger, revision
