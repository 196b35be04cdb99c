"""Taking things back out of the saved ledger: conflicting merges refused, a decision
forgotten, a document deleted; each leaves the ledger a fresh merge would build."""
from __future__ import annotations

import json
import pytest

from newsledger.errors import LedgerError
from newsledger.ledger import Ledger, service
from newsledger.ledger.decisions import MergeConflict
from newsledger.model import Extraction
from newsledger.store import Store

from tests.ledger.factory import three_transfers
from tests.ledger.test_service import stored

@pytest.fixture()
def store(db_url: str) -> Store:
    opened = Store(db_url)
    for raw, extraction in [stored(item) for item in three_transfers()]:
        opened.add(raw, extraction)
    service.sync(opened)
    yield opened
    opened.close()


def cumulative(store: Store) -> list[int]:
    return [row.cumulative for row in service.tally(store, "transfer", "MX", "US").rows]


def event_with(store: Store, count: int) -> str:
    return next(r.id for r in service.timeline(store) if r.count == count and r.factual)


def fresh(extractions: list[Extraction]) -> str:
    ledger = Ledger()
    for extraction in extractions:
        ledger.add_extraction(extraction)
    ledger.settle()
    return json.dumps(ledger.export(), sort_keys=True)


def test_merge_refuses_conflicting_transfers_and_names_the_fields(store: Store) -> None:
    before = json.dumps(service.export(store), sort_keys=True)
    with pytest.raises(MergeConflict) as refused:
        service.merge(store, event_with(store, 29), event_with(store, 26))
    assert refused.value.fields == ["count", "date"]
    message = str(refused.value)
    assert "count 29 vs 26" in message and "2025-02-27" in message and "2025-08-12" in message
    assert "--force" in message
    assert json.dumps(service.export(store), sort_keys=True) == before
    assert service.decisions(store) == []


def test_force_merges_and_forget_restores_the_ledger_and_its_tally(store: Store) -> None:
    before = json.dumps(service.export(store), sort_keys=True)
    assert cumulative(store) == [29, 55, 92]
    merged = service.merge(store, event_with(store, 29), event_with(store, 26), force=True)
    assert {c["field"] for c in merged.conflicts} >= {"count", "date"}
    assert cumulative(store) != [29, 55, 92]
    [decision] = service.decisions(store)
    assert decision.kind == "merge" and decision.id is not None and decision.created is not None
    forgotten, events = service.forget(store, decision.id)
    assert forgotten.id == decision.id and len(events) == 2
    assert cumulative(store) == [29, 55, 92]
    assert json.dumps(service.export(store), sort_keys=True) == before
    assert service.decisions(store) == []
    # What was saved is what a fresh load reads back.
    assert json.dumps(service.rebuild(store).export(), sort_keys=True) == before


def test_forget_reverses_exactly_one_decision(store: Store) -> None:
    first = service.split(store, event_with(store, 29))
    assert len(first) >= 2
    after_split = json.dumps(service.export(store), sort_keys=True)
    service.merge(store, event_with(store, 37), event_with(store, 26), force=True)
    split, merge = service.decisions(store)
    service.forget(store, merge.id)  # type: ignore[arg-type]
    assert json.dumps(service.export(store), sort_keys=True) == after_split
    assert [d.id for d in service.decisions(store)] == [split.id]
    with pytest.raises(LedgerError, match="no decision"):
        service.forget(store, 999)


def test_delete_takes_out_only_what_rests_on_the_document(store: Store) -> None:
    items = [stored(item) for item in three_transfers()]
    last = items[-1][1].document.id  # the 2026 report: 37 more, and the 92 total
    assert cumulative(store) == [29, 55, 92]
    service.delete_documents(store, [last])
    assert not store.has(last)
    assert cumulative(store) == [29, 55]
    assert json.dumps(service.export(store), sort_keys=True) == fresh([x for _, x in items[:-1]])
    assert service.unmerged(store) == []


def test_delete_drops_the_decision_pairs_of_the_deleted_reports(store: Store) -> None:
    items = [stored(item) for item in three_transfers()]
    service.merge(store, event_with(store, 37), event_with(store, 26), force=True)
    service.delete_documents(store, [items[-1][1].document.id])
    assert service.decisions(store) == []  # every pair named a report of the deleted document
    assert cumulative(store) == [29, 55]
