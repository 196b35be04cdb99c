"""The ledger as shown, saved in flat tables for readers who use SQL.

A merged record is not yet what the ledger shows: partial reports are placed into the
events they support, some records stay pending, and claims are checked against tallies
(``ledger.view``). Deriving that needs the whole ledger in memory, which a person who
opens the database in Datasette or sqlite-utils does not have. So every save also writes
what is shown (``ledger_shown``, ``ledger_statements``, ``ledger_checks``), in the same
transaction, and migration 0006 puts three documented views over them: ``events_flat``,
``statements_flat`` and ``claims_flat``.

A save rewrites only the shown events whose content may have changed: a shown event is
a function of its status and its reports (its members, the partial reports it shows as
supporting, and their payloads), so a digest of the keys, plus the records the save
added (a re-extracted document keeps its report keys), decides which rows are rewritten.
Claim checks depend on every tally, and are few: they are rewritten whole.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select

from newsledger.export.flat import SEPARATOR, row
from newsledger.export.source import shown
from newsledger.ledger.tables import LedgerCheckRow, LedgerRecordRow, LedgerShownRow, LedgerStatementRow
from newsledger.model import DateValue
from newsledger.store.bulk import chunks, insert_rows

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from newsledger.ledger.claims import ClaimCheck
    from newsledger.ledger.fields import Record
    from newsledger.ledger.merging import Ledger
    from newsledger.store import Store

# Bumped when what a row holds changes, so that the next save rewrites every row.
FORMAT = "1"
EVENT, PENDING = "event", "pending"
# Children first, for deleting.
TABLES = (LedgerStatementRow, LedgerShownRow, LedgerCheckRow)


def publish(session: Session, ledger: Ledger, changed: Iterable[str] = ()) -> None:
    """Bring the shown tables in line with ``ledger`` (settled), in the caller's transaction.

    ``changed`` names records whose reports may have new content under the same keys.
    """
    view = ledger.view()
    wanted: dict[str, tuple[str, Record]] = {record.id: (EVENT, record) for record in view.events}
    wanted.update((item.record.id, (PENDING, item.record)) for item in view.pending)
    digests = {ident: _digest(status, record) for ident, (status, record) in wanted.items()}
    saved = {ident: digest for ident, digest in session.execute(select(LedgerShownRow.id, LedgerShownRow.digest))}
    forced = set(changed)
    stale = sorted(ident for ident, digest in saved.items()
                   if digests.get(ident) != digest or ident in forced)
    for part in chunks(stale):
        session.execute(delete(LedgerStatementRow).where(LedgerStatementRow.event_id.in_(part)))
        session.execute(delete(LedgerShownRow).where(LedgerShownRow.id.in_(part)))
    rewrite = set(stale)
    fresh = sorted(ident for ident in wanted if ident not in saved or ident in rewrite)
    for part in chunks(fresh):
        records = [(wanted[ident][0], wanted[ident][1], digests[ident]) for ident in part]
        insert_rows(session, LedgerShownRow, (_shown_row(status, record, digest) for status, record, digest in records))
        insert_rows(session, LedgerStatementRow, (s for _, record, _ in records for s in _statement_rows(record)))
    session.execute(delete(LedgerCheckRow))
    insert_rows(session, LedgerCheckRow, (_check_row(check) for check in ledger.check_claims()))


def missing(store: Store) -> bool:
    """Whether the ledger has records but nothing is published (a database upgraded to
    migration 0006, whose next save publishes it): ``sync`` then publishes."""
    with store.session() as session:
        records = session.scalar(select(func.count()).select_from(LedgerRecordRow)) or 0
        published = session.scalar(select(func.count()).select_from(LedgerShownRow)) or 0
    return records > 0 and published == 0


def _digest(status: str, record: Record) -> str:
    text = "\n".join([FORMAT, status, record.id, *record.members, "|", *record.supporting])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _shown_row(status: str, record: Record, digest: str) -> dict[str, Any]:
    event = shown(record)
    flat = row(event)
    return {
        "id": record.id, "status": status, "type": record.type, "date_value": flat["date"],
        "date_precision": flat["precision"], "date_start": record.date.start, "date_end": record.date.end,
        "count": record.count, "origin": record.origin, "destination": record.destination,
        "location": record.location, "agents": SEPARATOR.join(flat["agents"]),
        "persons": SEPARATOR.join(flat["persons"]), "organizations": SEPARATOR.join(flat["organizations"]),
        "negated": flat["negated"], "hypothetical": flat["hypothetical"], "sources": flat["sources"],
        "conflicts": flat["conflicts"], "conflicted_fields": SEPARATOR.join(flat["conflicted_fields"]),
        "first_source_url": flat["first_source_url"], "digest": digest, "members": record.members,
        "payload": event.data,
    }


def _statement_rows(record: Record) -> Iterator[dict[str, Any]]:
    for seq, statement in enumerate(record.statements):
        span = statement.span
        yield {
            "event_id": record.id, "seq": seq, "field": statement.field, "value": _text(statement.value),
            "document_id": statement.document, "report": statement.report,
            "start": span.start if span else None, "end": span.end if span else None,
            "text": span.text if span else None, "rule": getattr(span, "rule", None),
            "cue": getattr(span, "cue", None),
        }


def _text(value: Any) -> str | None:
    """A statement's value in one SQL column: a date as its value (``2025-02``), a flag as
    ``true``/``false``, anything else as written."""
    if value is None:
        return None
    if isinstance(value, DateValue):
        return value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_row(check: ClaimCheck) -> dict[str, Any]:
    claim = check.claim
    return {
        "document_id": check.document.id, "kind": claim.kind, "stated": claim.value, "event_type": claim.event_type,
        "origin": claim.origin, "destination": claim.destination, "speaker": claim.speaker,
        "start": claim.start, "end": claim.end, "text": claim.text, "verdict": check.verdict,
        "expected": check.expected, "confidence": check.confidence, "series": check.series or None,
        "explanation": check.explanation, "payload": check.to_json(),
    }
