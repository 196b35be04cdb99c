"""The ledger's merge state as JSON: the ``state`` object of the JSON export.

The "Ledger export" of ``shared/spec/ledger-json.md`` shows what the ledger concluded
(events with statements, conflicts, tallies, claim checks), not what it concluded from:
the reports as each document stated them, the names' entities, which reports form each
record, the candidate links, a person's decisions and the claims to check. ``newsledger
import`` needs those to rebuild the same ledger in another database without re-reading
any text, so the JSON export carries them under ``state`` (``dump``), and ``load``
rebuilds an in-memory ``Ledger`` from them the way ``service.load`` does from the tables.

``state`` holds the reports of the exported events only, so a filtered export imports
as the ledger of those events. Document texts are never included.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from newsledger.ledger.claims import ClaimEntry
from newsledger.ledger.decisions import Decision
from newsledger.ledger.merging import Ledger
from newsledger.ledger.reports import Report
from newsledger.model import Claim, DocumentInfo

# Bumped whenever ``state`` changes shape; ``load`` refuses any other version.
VERSION = 1
FORMAT = "newsledger-ledger-state"


def document_json(doc: DocumentInfo) -> dict[str, Any]:
    """Everything the store keeps of a document apart from its text."""
    return {**doc.to_json(), "url": doc.url, "outlet": doc.outlet}


def document_of(data: dict[str, Any]) -> DocumentInfo:
    published = date.fromisoformat(data["published"]) if data.get("published") else None
    return DocumentInfo(data["id"], data.get("source") or "", published, data.get("language") or "",
                        data.get("title"), data.get("url"), data.get("outlet"))


def dump(ledger: Ledger, record_ids: Iterable[str] | None = None) -> dict[str, Any]:
    """The state behind the records ``record_ids`` (every record when None).

    A shown event is one record plus the partial records that support it; give the ids
    of both (``Record.members`` lists the reports of the shown event, so passing the
    report keys' records is simplest: see ``records_of``).
    """
    wanted = set(ledger.records) if record_ids is None else set(record_ids) & set(ledger.records)
    records = [ledger.records[rid] for rid in sorted(wanted)]
    keys = sorted(key for record in records for key in record.members)
    key_set = set(keys)
    documents: dict[str, DocumentInfo] = {}
    reports = []
    for key in keys:
        report = ledger.reports[key]
        documents.setdefault(report.document.id, report.document)
        reports.append({"key": key, "document": report.document.id, "component": ledger.component_head(key), "event": _event_json(report),
                        "entities": [entity.to_json() for entity in report.entities]})
    claims = []
    exported_docs = {ledger.reports[k].document.id for k in keys}
    for entry in ledger.claims:
        if record_ids is not None and entry.document.id not in exported_docs:
            continue
        documents.setdefault(entry.document.id, entry.document)
        claims.append({"document": entry.document.id, "index": entry.index, "claim": entry.claim.to_json(),
                       "events": dict(entry.event_reports)})
    links = [{"a": a, "b": b, "score": score} for (a, b), score in sorted(ledger.unsure_links.items())
             if a in key_set and b in key_set]
    decisions = []
    for decision in ledger.decisions:
        pairs = [[a, b] for a, b in decision.pairs if record_ids is None or (a in key_set and b in key_set)]
        if pairs:
            decisions.append({"kind": decision.kind, "pairs": pairs})
    return {
        "format": FORMAT, "version": VERSION,
        "documents": [document_json(documents[d]) for d in sorted(documents)],
        "reports": reports,
        "records": [record.members for record in records],
        "links": links,
        "decisions": decisions,
        "claims": claims,
    }


def records_of(ledger: Ledger, report_keys: Iterable[str]) -> set[str]:
    """The ids of the saved records that hold ``report_keys``."""
    return {ledger.record_of[key] for key in report_keys if key in ledger.record_of}


def _event_json(report: Report) -> dict[str, Any]:
    data = report.event.to_record()
    data.pop("why", None)  # the same spans as "provenance", in the contract's shape
    return data


def load(state: dict[str, Any]) -> Ledger:
    """An in-memory ledger with exactly the saved state: nothing is compared or re-merged.

    ``state`` must have been checked by ``newsledger.ledger.importing.check_state``.
    """
    documents = {doc["id"]: document_of(doc) for doc in state["documents"]}
    ledger = Ledger()
    for doc_id in documents:
        ledger.restore_document(doc_id)
    for item in sorted(state["reports"], key=lambda r: r["key"]):
        report = report_of(item, documents)
        ledger.restore_report(report, item["component"])
    ledger.restore_links({(link["a"], link["b"]): float(link["score"]) for link in state["links"]})
    for decision in state["decisions"]:
        ledger.restore_decision(Decision(decision["kind"], [(a, b) for a, b in decision["pairs"]]))
    for members in state["records"]:
        ledger.restore_record(list(members))
    for claim in state["claims"]:
        ledger.add_claim(claim_entry(claim, documents))
    return ledger


def report_of(item: dict[str, Any], documents: dict[str, DocumentInfo]) -> Report:
    """A report of ``state["reports"]``, built as the ledger built it when merging."""
    document = documents[item["document"]]
    return Report.from_json({"document": document_json(document), "event": item["event"],
                             "entities": item["entities"]})


def claim_entry(item: dict[str, Any], documents: dict[str, DocumentInfo]) -> ClaimEntry:
    return ClaimEntry(documents[item["document"]], Claim.from_json(item["claim"]), int(item["index"]),
                      dict(item["events"]))
