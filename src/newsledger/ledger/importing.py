"""``newsledger import``: a JSON ledger export loaded into a database.

What is imported is the export's ``state`` (``ledger.state``): documents (metadata only:
an export has no texts), the reports each document made with their spans and entities,
the records they form, candidate links, a person's decisions and the claims to check.
The export's events, tallies and claim checks are derived from those and derived again
by the target database, so a round trip (export, import into an empty database, export)
gives the same JSON.

Into an empty database (``mode="new"``, the default) the state is written as it is,
in one transaction: nothing is compared or re-merged, so the ledger's grouping, a
person's decisions included, is the exported one. A database that already holds
documents is refused unless the caller chooses:

* ``mode="merge"``: documents the database lacks are stored and merged into its ledger
  the way an ingest merges new documents (decisions between their reports are kept);
  documents it already has are skipped.
* ``mode="replace"``: every document, report and decision of the database is deleted
  first, then the state is written as into an empty database.

An export holds no document texts. Each imported document is stored with a stand-in
text (``cited_text``): the words of every span it holds at their offsets, blanks
elsewhere, and a warning saying so. Every span still quotes its source and every
statement still shows its sentence.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from newsledger.errors import InputError, Refused
from newsledger.ledger import published
from newsledger.ledger import state as ledger_state
from newsledger.ledger.merging import Ledger
from newsledger.ledger.service import claim_payload, load, update
from newsledger.ledger.tables import (LedgerClaimRow, LedgerDecisionRow, LedgerDocumentRow, LedgerLinkRow,
                                      LedgerRecordRow, LedgerReportRow)
from newsledger.model import DocumentInfo, Entity, Event, Extraction, RawDocument, Span
from newsledger.store.writing import DocumentRows, document_rows, write_documents
from newsledger.store.schema import Base, DocumentRow

if TYPE_CHECKING:
    from newsledger.store import Store

MODES = ("new", "merge", "replace")
HINT = "export it again with `newsledger export --format json`"
STATE_LISTS = ("documents", "reports", "records", "links", "decisions", "claims")


@dataclass
class ImportResult:
    """What an import did: documents stored and skipped, reports, events afterwards."""

    source: str
    mode: str
    documents: int = 0
    skipped: int = 0
    reports: int = 0
    events: int = 0
    warnings: list[str] = field(default_factory=list)


def read_export(path: str | Path) -> dict[str, Any]:
    """The export in ``path``, checked: ``InputError`` naming the file and what to do."""
    source = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError as error:
        raise InputError(source, "no such file") from error
    except UnicodeDecodeError as error:
        raise InputError(source, "not UTF-8 text, so not a ledger export", hint=HINT) from error
    except json.JSONDecodeError as error:
        raise InputError(source, f"not JSON: {error.msg} (column {error.colno})", line=error.lineno,
                         hint="give the file `newsledger export --format json` wrote") from error
    except OSError as error:
        raise InputError(source, f"cannot read: {error.strerror or error}") from error
    check(data, source)
    return data  # type: ignore[no-any-return]


def check(data: Any, source: str) -> None:
    """Refuse what is not a ledger export this version can import, saying why."""
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise InputError(source, "not a ledger export: expected a JSON object with an \"events\" list",
                         hint="give the file `newsledger export --format json` wrote")
    state = data.get("state")
    if state is None:
        raise InputError(source, "this ledger export has no \"state\" (the reports behind its events): it was "
                         "made by a newsledger without `import`, or by another tool", hint=HINT)
    if not isinstance(state, dict) or state.get("format") != ledger_state.FORMAT:
        raise InputError(source, f"\"state\" is not a {ledger_state.FORMAT!r} object", hint=HINT)
    version = state.get("version")
    if version != ledger_state.VERSION:
        newer = isinstance(version, int) and version > ledger_state.VERSION
        raise InputError(source, f"state version {version!r}, but this newsledger reads version "
                         f"{ledger_state.VERSION}",
                         hint="upgrade newsledger to import it" if newer else HINT)
    for name in STATE_LISTS:
        if not isinstance(state.get(name), list):
            raise InputError(source, f"\"state.{name}\" is missing or not a list", hint=HINT)
    documents = {doc.get("id") for doc in state["documents"] if isinstance(doc, dict)}
    keys = set()
    for i, report in enumerate(state["reports"]):
        if not isinstance(report, dict) or not isinstance(report.get("event"), dict):
            raise InputError(source, f"state.reports[{i}] is not a report object", hint=HINT)
        if report.get("document") not in documents:
            raise InputError(source, f"state.reports[{i}] names document {report.get('document')!r}, which "
                             "state.documents lacks", hint=HINT)
        keys.add(report.get("key"))
    for i, members in enumerate(state["records"]):
        missing = [key for key in members if key not in keys] if isinstance(members, list) else [members]
        if missing:
            raise InputError(source, f"state.records[{i}] names reports that state.reports lacks: "
                             f"{', '.join(map(str, missing[:3]))}", hint=HINT)
    for i, claim in enumerate(state["claims"]):
        if not isinstance(claim, dict) or claim.get("document") not in documents:
            raise InputError(source, f"state.claims[{i}] names a document that state.documents lacks", hint=HINT)


def load_state(data: dict[str, Any], source: str) -> Ledger:
    """The exported ledger in memory; a malformed value deep inside is an ``InputError``."""
    try:
        return ledger_state.load(data["state"])
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InputError(source, f"malformed ledger state ({type(error).__name__}: {error})", hint=HINT) from error


def import_file(store: Store, path: str | Path, mode: str = "new") -> ImportResult:
    """``newsledger import FILE``: read and check ``path``, then ``import_export``."""
    return import_export(store, read_export(path), str(path), mode)


def import_export(store: Store, data: dict[str, Any], source: str, mode: str = "new") -> ImportResult:
    """Load a checked export (``read_export``) into ``store``; see the module for ``mode``."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    check(data, source)
    ledger = load_state(data, source)
    documents = {doc["id"]: ledger_state.document_of(doc) for doc in data["state"]["documents"]}
    result = ImportResult(source, mode)
    with store.exclusive("ledger"):
        held = _stored_documents(store)
        if held and mode == "new":
            raise Refused(f"the database already holds {held} "
                          f"document(s): import {source} into an empty database (another --db), or pass "
                          "--merge to add its documents to this ledger, or --replace to delete this ledger first")
        if mode == "merge" and held:
            _merge(store, ledger, documents, source, result)
        else:
            _write_whole(store, ledger, documents, source, replace=mode == "replace")
            result.documents, result.reports = len(documents), len(ledger.reports)
    result.events = len(load(store).view().events)
    expected = len(data["events"])
    if mode != "merge" and result.events != expected:
        result.warnings.append(f"{source} lists {expected} events, but its state gives {result.events}: "
                               "the events were edited after export, or the export was filtered by text")
    return result


def _stored_documents(store: Store) -> int:
    with store.session() as session:
        stored = int(session.scalar(select(func.count()).select_from(DocumentRow)) or 0)
        merged = int(session.scalar(select(func.count()).select_from(LedgerDocumentRow)) or 0)
    return max(stored, merged)


def _write_whole(store: Store, ledger: Ledger, documents: dict[str, DocumentInfo], source: str,
                 replace: bool) -> None:
    """The state as it is, in one transaction (after deleting everything, for ``replace``)."""
    with store.session() as session:
        if replace:
            for table in reversed(Base.metadata.sorted_tables):
                session.execute(delete(table))
        write_documents(session, _document_rows(ledger, documents, source))
        for doc_id in documents:
            session.add(LedgerDocumentRow(document_id=doc_id))
        for key in sorted(ledger.reports):
            report = ledger.reports[key]
            session.add(LedgerReportRow(key=key, document_id=report.document.id,
                                        component=ledger.component_head(key), payload=report.to_json()))
        for (a, b), score in sorted(ledger.unsure_links.items()):
            session.add(LedgerLinkRow(a=a, b=b, score=score))
        for decision in ledger.decisions:
            session.add(LedgerDecisionRow(kind=decision.kind, pairs=[list(p) for p in decision.pairs]))
        for record in ledger.records.values():
            session.add(LedgerRecordRow(id=record.id, type=record.type, date_start=record.date.start,
                                        members=record.members, payload=record.to_json()))
        for entry in ledger.claims:
            session.add(LedgerClaimRow(document_id=entry.document.id, position=entry.index,
                                       payload=claim_payload(entry)))
        session.flush()
        published.publish(session, ledger)


def _merge(store: Store, ledger: Ledger, documents: dict[str, DocumentInfo], source: str,
           result: ImportResult) -> None:
    """Store the documents the database lacks, keep their decisions, merge them as an ingest does."""
    with store.session() as session:
        have = set(session.scalars(select(DocumentRow.id))) | set(session.scalars(select(LedgerDocumentRow.document_id)))
    new = {doc_id: doc for doc_id, doc in documents.items() if doc_id not in have}
    result.skipped = len(documents) - len(new)
    new_keys = {key for key, report in ledger.reports.items() if report.document.id in new}
    with store.session() as session:
        write_documents(session, _document_rows(ledger, new, source))
        for decision in ledger.decisions:
            pairs = [list(p) for p in decision.pairs if p[0] in new_keys or p[1] in new_keys]
            if pairs:
                session.add(LedgerDecisionRow(kind=decision.kind, pairs=pairs))
    update(store, sorted(new))
    result.documents, result.reports = len(new), len(new_keys)


def _document_rows(ledger: Ledger, documents: dict[str, DocumentInfo], source: str) -> list[DocumentRows]:
    """Store rows for each document: its reports' events and entities and its claims, no text.

    They are what ``rebuild`` and ``sync`` read, so that a rebuilt ledger is the same.
    """
    events: dict[str, list[Event]] = {doc_id: [] for doc_id in documents}
    entities: dict[str, dict[str, Entity]] = {doc_id: {} for doc_id in documents}
    for key in sorted(ledger.reports):
        report = ledger.reports[key]
        doc_id = report.document.id
        if doc_id not in documents:
            continue
        events[doc_id].append(report.event)
        for entity in report.entities:
            entities[doc_id].setdefault(entity.id, entity)
    claims: dict[str, list[Any]] = {doc_id: [] for doc_id in documents}
    for entry in ledger.claims:
        if entry.document.id in documents:
            claims[entry.document.id].append(entry)
    note = (f"imported from {source}: a ledger export holds no text, so only the words its spans cite are"
            " kept, at their places")
    rows = []
    for doc_id, doc in documents.items():
        extraction = Extraction(doc, entities=sorted(entities[doc_id].values(), key=lambda e: _natural(e.id)),
                                events=sorted(events[doc_id], key=lambda e: _natural(e.id)))
        spans = [span for event in extraction.events for span in [*event.evidence, *event.provenance.values()]]
        spans += [mention for entity in extraction.entities for mention in entity.mentions]
        spans += [Span(e.claim.start, e.claim.end, e.claim.text) for e in claims[doc_id] if e.claim.text]
        raw = RawDocument(cited_text(spans), doc.source, doc.published, doc.language or None, doc.title, doc.url, doc.outlet,
                          warnings=[note])
        rows.append(document_rows(doc_id, raw, extraction, claims=[
            (entry.index, entry.claim) for entry in sorted(claims[doc_id], key=lambda e: e.index)]))
    return rows


def cited_text(spans: Iterable[Span]) -> str:
    """A stand-in for a text the export does not hold: each span's words at its offsets,
    blanks elsewhere, so that ``text[start:end] == span.text`` still holds for every span
    and a statement's sentence can still be shown."""
    chars: list[str] = []
    for span in spans:
        if span.end - span.start != len(span.text) or span.start < 0:
            continue  # not a span of the stored text (never the case for newsledger's own)
        if span.end > len(chars):
            chars.extend(" " * (span.end - len(chars)))
        chars[span.start:span.end] = span.text
    return "".join(chars)


def _natural(ident: str) -> tuple[Any, ...]:
    """"v2" before "v10"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", ident))
