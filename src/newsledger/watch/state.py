"""What a watch remembers in the database between polls and across restarts.

Per source: the validators of its last complete fetch and its run of errors. Per item:
that it was taken in (and, for files, which version). Both are written only after the
item's documents are stored, so a watch killed in between takes the item in again on
its next start, and the store's own deduplication (by text hash) keeps that from
storing anything twice.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from newsledger.store import Store
from newsledger.store.schema import utcnow
from newsledger.watch.sources import Validators
from newsledger.watch.tables import WatchItemRow, WatchSourceRow


def digest(text: str) -> str:
    """The short, fixed-length key of a source or item identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class SourceState:
    """A source as the database remembers it."""

    key: str
    validators: Validators
    errors: int
    items: dict[str, str | None]  # item key digest -> version

    def is_new(self, item_key: str, version: str | None) -> bool:
        """True unless the item (at this version) was taken in before."""
        known = digest(item_key)
        return known not in self.items or self.items[known] != version


def load(store: Store, identity: str) -> SourceState:
    """The remembered state of the source ``identity`` (empty for a new one)."""
    key = digest(identity)
    with store.session() as session:
        row = session.get(WatchSourceRow, key)
        items = dict(session.execute(select(WatchItemRow.item_key, WatchItemRow.version)
                                     .where(WatchItemRow.source_key == key)).tuples().all())
    if row is None:
        return SourceState(key, Validators(), 0, items)
    return SourceState(key, Validators(row.etag, row.last_modified), row.errors, items)


def remember_items(store: Store, state: SourceState, taken: list[tuple[str, str | None, str, str | None]]) -> None:
    """Records items taken in: ``(item key, version, status, document id)`` each."""
    if not taken:
        return
    for attempt in range(2):  # another watch of the same source may have recorded one first
        try:
            with store.session() as session:
                for item_key, version, status, document_id in taken:
                    known = digest(item_key)
                    row = session.get(WatchItemRow, (state.key, known))
                    if row is None:
                        session.add(WatchItemRow(source_key=state.key, item_key=known, version=version,
                                                 status=status, document_id=document_id, seen=utcnow()))
                    else:
                        row.version, row.status, row.document_id, row.seen = version, status, document_id, utcnow()
                    session.flush()
            break
        except IntegrityError:
            if attempt:
                raise
    for item_key, version, _status, _document in taken:
        state.items[digest(item_key)] = version


def save_source(store: Store, state: SourceState, identity: str, validators: Validators | None,
                error: str | None) -> None:
    """Records a poll: its error (counting the run of errors), else success (resetting it),
    and the validators to send next time (``None`` keeps the previous ones)."""
    state.errors = state.errors + 1 if error else 0
    if validators is not None:
        state.validators = validators
    for attempt in range(2):  # a concurrent first poll of the same source may insert first
        try:
            with store.session() as session:
                row = session.get(WatchSourceRow, state.key)
                if row is None:
                    row = WatchSourceRow(key=state.key, source=identity)
                    session.add(row)
                row.etag, row.last_modified = state.validators.etag, state.validators.last_modified
                row.errors, row.last_error, row.polled = state.errors, error, utcnow()
            return
        except IntegrityError:
            if attempt:
                raise
