"""The review queue: what the ledger is unsure of, ranked; decisions persist across re-merges."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsledger.errors import LedgerError
from newsledger.ledger import Ledger, service
from newsledger.ledger.review import queue
from newsledger.model import DateValue
from newsledger.store import Store

from tests.ledger.factory import day, doc, extraction, transfer
from tests.ledger.test_service import stored


def corpus() -> list:
    return [
        extraction(doc("a", "2025-02-28"), [transfer("v1", day("2025-02-27"), 29)]),
        extraction(doc("a2", "2025-02-28"), [transfer("v1", day("2025-02-27"), 29)]),
        extraction(doc("b", "2025-08-13"), [transfer("v1", day("2025-08-12"), 26)]),
        # one outlet gives the day of the first transfer with the count of the second
        extraction(doc("x", "2025-08-14"), [transfer("v1", day("2025-02-27"), 26)]),
        # an undated, count-less mention that fits both transfers
        extraction(doc("v", "2025-12-01"), [transfer("v1", DateValue.unknown(), None)]),
    ]


def ledger_of(items: list) -> Ledger:
    ledger = Ledger()
    for item in items:
        ledger.add_extraction(item)
    ledger.settle()
    return ledger


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    """A new database on each back end, closed after the test."""
    with Store(db_url) as opened:
        yield opened


def test_the_queue_lists_unsure_members_and_pending_reports_tally_changers_first() -> None:
    items = queue(ledger_of(corpus()))
    kinds = [item.kind for item in items]
    assert "member" in kinds and "placement" in kinds
    member = next(item for item in items if item.kind == "member")
    assert "another count" in member.summary and any(i.startswith("tally") for i in member.impact)
    assert items[0].impact, "an item that changes a tally comes first"
    assert all(item.id.startswith("rv-") for item in items)
    assert len({item.id for item in items}) == len(items)


def test_decisions_persist_across_sync_and_rebuild(store: Store) -> None:
    for item in corpus():
        store.add(*stored(item))
    service.sync(store)
    assert [r.cumulative for r in service.tally(store, "transfer", "MX", "US").rows] == [29, 55]
    member = next(item for item in service.review(store) if item.kind == "member")
    # Rejecting says they are two events: both count.
    service.decide(store, member.id, accept=False)
    assert [r.count for r in service.tally(store, "transfer", "MX", "US").rows] == [29, 26, 26]
    assert member.id not in {item.id for item in service.review(store)}
    placement = next(item for item in service.review(store) if item.kind == "placement")
    service.decide(store, placement.id, accept=True)
    service.rebuild(store)
    after = service.review(store)
    assert member.id not in {item.id for item in after} and placement.id not in {item.id for item in after}
    assert [r.count for r in service.tally(store, "transfer", "MX", "US").rows] == [29, 26, 26]
    with pytest.raises(LedgerError, match="no open review item"):
        service.decide(store, "rv-nothing", accept=True)


def test_accepting_an_unsure_member_merges_it_into_the_member(store: Store) -> None:
    for item in corpus():
        store.add(*stored(item))
    service.sync(store)
    member = next(item for item in service.review(store) if item.kind == "member")
    service.decide(store, member.id, accept=True)
    rows = service.tally(store, "transfer", "MX", "US").rows
    assert [r.cumulative for r in rows] == [29, 55]
    assert any(conflict["field"] == "count" for conflict in rows[0].record.conflicts)
