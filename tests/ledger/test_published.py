"""The ledger as shown, saved for SQL readers: the events_flat, statements_flat and
claims_flat views (migration 0006, ``ledger.published``), on both back ends."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import delete, text

from newsledger.export import source
from newsledger.ledger import service
from newsledger.ledger.tables import LedgerCheckRow, LedgerShownRow, LedgerStatementRow
from newsledger.store import Store

from tests.ledger.factory import three_transfers
from tests.ledger.test_service import stored


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        for raw, extraction in (stored(item) for item in three_transfers()):
            doc_id, _ = opened.add(raw, extraction)
            service.update(opened, [doc_id])
        yield opened


def rows(store: Store, query: str) -> list[dict[str, Any]]:
    with store.engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(text(query))]


def test_events_flat_holds_the_events_the_export_shows(store: Store) -> None:
    exported = service.export(store)
    flat = {row["id"]: row for row in rows(store, "SELECT * FROM events_flat WHERE status = 'event'")}
    assert set(flat) == {event["id"] for event in exported["events"]}
    for event in exported["events"]:
        row = flat[event["id"]]
        assert (row["type"], row["count"], row["origin"], row["destination"]) == (
            event["type"], event["count"], event["origin"], event["destination"])
        assert row["date"] == event["date"]["value"]
        assert row["sources"] == len(event["sources"])
        assert row["persons"] == "; ".join(event["persons"])
        assert bool(row["conflicts"]) == bool(event["conflicts"])
    pending = rows(store, "SELECT id FROM events_flat WHERE status = 'pending'")
    assert {row["id"] for row in pending} == {item["record"] for item in exported["pending"]}


def test_the_february_transfer_is_one_row_with_two_sources(store: Store) -> None:
    found = rows(store, "SELECT count, sources, start FROM events_flat WHERE type = 'transfer' AND count = 29")
    assert len(found) == 1
    assert found[0]["sources"] == 3


def test_statements_flat_cites_each_value_with_its_document(store: Store) -> None:
    exported = service.export(store)
    statements = rows(store, "SELECT * FROM statements_flat")
    assert len(statements) == sum(len(event["statements"]) for event in exported["events"]) + sum(
        len(service.current(store).records[item["record"]].statements) for item in exported["pending"])
    counts = [s for s in statements if s["field"] == "count" and s["value"] == "29"]
    assert {s["source"] for s in counts} == {"a.txt", "b.txt", "d.txt"}
    assert all(s["text"] == "29" and s["start"] == 12 for s in counts)
    dates = {s["value"] for s in statements if s["field"] == "date"}
    assert {"2025-02-27", "2025-02"} <= dates


def test_claims_flat_gives_each_verdict_as_the_export_does(store: Store) -> None:
    checks = service.export(store)["claim_checks"]
    flat = rows(store, "SELECT * FROM claims_flat ORDER BY id")
    assert [(row["kind"], row["stated"], row["verdict"]) for row in flat] == [
        (c["claim"]["kind"], c["claim"]["value"], c["verdict"]) for c in checks]
    total = next(row for row in flat if row["stated"] == 92)
    assert total["verdict"] == "consistent" and total["expected"] == 92 and total["source"] == "d.txt"


def test_a_decision_rewrites_what_it_changes_and_nothing_stale_stays(store: Store) -> None:
    february = next(r for r in service.timeline(store) if r.count == 29)
    parts = service.split(store, february.id)
    shown = {row["id"] for row in rows(store, "SELECT id FROM events_flat")}
    assert february.id not in shown or february.id in {p.id for p in parts}
    assert {p.id for p in parts} <= shown
    orphans = rows(store, "SELECT count(*) AS n FROM ledger_statements s "
                          "WHERE NOT EXISTS (SELECT 1 FROM ledger_shown e WHERE e.id = s.event_id)")
    assert orphans[0]["n"] == 0
    exported = service.export(store)
    assert shown == {e["id"] for e in exported["events"]} | {p["record"] for p in exported["pending"]}


def test_streaming_exports_write_the_events_as_shown(store: Store) -> None:
    streamed = [event.id for event in source.events(store)]
    assert streamed == [event["id"] for event in service.export(store)["events"]]


def test_an_unpublished_ledger_is_read_from_its_records_and_sync_publishes_it(store: Store) -> None:
    with store.session() as session:  # as a database upgraded to 0006 is, before its next write
        for table in (LedgerStatementRow, LedgerShownRow, LedgerCheckRow):
            session.execute(delete(table))
    assert rows(store, "SELECT * FROM events_flat") == []
    assert len(list(source.events(store))) == len(service.current(store).records)
    service.sync(store)
    assert len(rows(store, "SELECT * FROM events_flat")) == len(service.current(store).records) - len(
        service.current(store).view().placement.supports)
    assert rows(store, "SELECT * FROM claims_flat")
