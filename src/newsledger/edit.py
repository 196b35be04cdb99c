"""Changes a person makes to the ledger, as a library: merge, split, keep apart, forget, upload.

The CLI's ``merge``/``split``/``forget``, the JSON API's write endpoints and the web
page's buttons call these. Each returns a view (``newsledger.read.views``) of what it
changed and raises ``NotFound`` for an unknown event id or ``Refused`` for a change the
ledger will not make (merging a claimed event into a real one, merging events that state
conflicting dates, counts or routes without ``force``, splitting a single report).
Decisions are kept by the ledger and survive later re-merging; ``forget`` takes one back.

Events are named as ``show`` names them: a ledger event id (``ev-…``), a report number
(the store's, as ``events --reports`` lists) or a report key (``DOCUMENT#v1``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from newsledger.errors import LedgerError, NotFound, Refused
from newsledger.read import views as v
from newsledger.read.snapshot import summary

if TYPE_CHECKING:
    from newsledger.ingestion import Options
    from newsledger.read import Reader
    from newsledger.store import Store


def reference(store: "Store", ident: str) -> str:
    """The ledger's name for an event reference: a report number (``show 12``) becomes
    its report key; event ids and report keys are kept as they are."""
    ident = ident.strip()
    if ident.isdigit():
        from newsledger.ledger.reports import report_key

        stored = store.event(int(ident))
        if stored is None:
            raise NotFound(f"no event report {ident} in the store (see `newsledger events --reports`)")
        return report_key(stored.document.id, stored.event.id)
    return ident


def _check_known(store: "Store", reader: "Reader | None", *idents: str) -> None:
    """``NotFound`` unless every id is an event, record or report of the ledger.

    With a ``reader`` (the server's), its loaded ledger answers, so that a change to a
    large ledger loads it once (in the service), not twice.
    """
    if reader is not None:
        snap = reader.snapshot()
        shown, ledger = snap.by_id, snap.ledger
    else:
        from newsledger.ledger import service

        shown, ledger = {}, service.current(store)
    for ident in idents:
        if ident not in shown and ident not in ledger.records and ident not in ledger.reports:
            raise NotFound(f"no ledger event or report {ident!r} (see /api/v1/events or `newsledger events`)")


def merge(store: "Store", a: str, b: str, reader: "Reader | None" = None, force: bool = False) -> v.ChangeResult:
    """Merge two events (or reports) for good; returns the event they became. Events
    whose reports state conflicting values are refused, naming them, unless ``force``."""
    from newsledger.ledger import service

    subject = [a, b]
    a, b = reference(store, a), reference(store, b)
    _check_known(store, reader, a, b)
    if a == b:
        raise Refused(f"{a} cannot be merged with itself")
    try:
        record = service.merge(store, a, b, force=force)
    except LedgerError as error:
        raise Refused(str(error)) from error
    return v.ChangeResult(action="merge", subject=subject, events=[summary(record)])


def forget(store: "Store", decision_id: int) -> v.ChangeResult:
    """Take back one decision (``decisions`` lists them): the ledger becomes what it would
    be without it; returns the events its reports are in now."""
    from newsledger.ledger import service

    try:
        decision, records = service.forget(store, decision_id)
    except LedgerError as error:
        raise NotFound(str(error)) from error
    return v.ChangeResult(action="forget", subject=[str(decision_id), decision.kind],
                          events=[summary(r) for r in records])


def split(store: "Store", ident: str, reader: "Reader | None" = None) -> v.ChangeResult:
    """Split an event into its reports (or detach one report); returns the events left.
    To take back a merge, ``forget`` that decision instead: splitting an event parts
    every one of its reports, not only those the merge joined."""
    from newsledger.ledger import service

    ident = reference(store, ident)
    _check_known(store, reader, ident)
    try:
        records = service.split(store, ident)
    except LedgerError as error:
        raise Refused(str(error)) from error
    return v.ChangeResult(action="split", subject=[ident], events=[summary(r) for r in records])


def keep_apart(store: "Store", a: str, b: str) -> v.ChangeResult:
    """Record that two events are different events: their candidate link goes, for good."""
    from newsledger.ledger import service
    from newsledger.ledger.merging import Decision

    a, b = reference(store, a), reference(store, b)
    ledger = service.current(store)
    for ident in (a, b):
        if ident not in ledger.records and ident not in ledger.reports:
            raise NotFound(f"no ledger event or report {ident!r} (see /api/v1/events or `newsledger events`)")
    left, right = ledger.members_of(a), ledger.members_of(b)
    if set(left) & set(right):
        raise Refused(f"{a} and {b} are one event: split it instead")
    decision = Decision("split", [(x, y) if x < y else (y, x) for x in left for y in right])
    ledger.apply(decision)
    changes = ledger.settle()
    service._save(store, ledger, changes, decision=decision)  # noqa: SLF001 - the service's one writer
    ids = dict.fromkeys(ledger.record_of[k] for k in left + right)
    return v.ChangeResult(action="apart", subject=[a, b], events=[summary(ledger.records[rid]) for rid in ids])


def upload(store: "Store", name: str, data: bytes, options: "Options") -> v.IngestSummary:
    """Read an uploaded file with the readers, extract, store and merge it."""
    from newsledger import ingestion

    items = ingestion.read_upload(name, data, options)
    result = ingestion.ingest(store, items)
    return v.IngestSummary(stored=result.stored, duplicates=result.duplicates,
                           failures=[v.FailedDocument(source=f.source, line=f.line, reason=f.reason)
                                     for f in result.failures],
                           warnings=[f"{where}: {warning}" for where, warning in result.warnings])
