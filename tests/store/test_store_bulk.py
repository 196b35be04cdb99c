"""Many rows in few statements (``store.bulk``) and many extractions in few queries, on
SQLite and, when NEWSLEDGER_TEST_PG is set, on PostgreSQL."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select
from store_samples import TEXT, sample

from newsledger.errors import StorageError
from newsledger.ledger.tables import LedgerDocumentRow, LedgerLinkRow
from newsledger.store import Store
from newsledger.store.bulk import CHUNK, chunks, insert_rows, upsert_rows
from newsledger.store.schema import ClaimRow, EntityRow, EventRoleRow, EventRow
from tests.postgres import PG_URL, empty_postgres, needs_postgres

BACKENDS = ["sqlite", pytest.param("postgresql", marks=needs_postgres)]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        assert PG_URL
        empty_postgres(PG_URL)
        url = PG_URL
    else:
        url = f"sqlite:///{tmp_path / 'bulk.db'}"
    with Store(url) as opened:
        yield opened


def links(store: Store) -> dict[tuple[str, str], float]:
    with store.session() as session:
        return {(a, b): score for a, b, score in session.execute(select(LedgerLinkRow.a, LedgerLinkRow.b,
                                                                         LedgerLinkRow.score))}


def test_chunks_cover_everything_in_order() -> None:
    items = list(range(2 * CHUNK + 3))
    parts = list(chunks(items))
    assert [len(p) for p in parts] == [CHUNK, CHUNK, 3] and [i for p in parts for i in p] == items
    assert list(chunks([])) == []


def test_upsert_updates_existing_rows_and_inserts_new_ones(store: Store) -> None:
    with store.session() as session:
        insert_rows(session, LedgerLinkRow, [{"a": "x", "b": "y", "score": 2.0}])
    with store.session() as session:
        # More rows than one statement takes; a repeated key within the call: the last wins.
        upsert_rows(session, LedgerLinkRow, [{"a": "x", "b": "y", "score": 1.0}, {"a": "x", "b": "y", "score": 3.0}]
                    + [{"a": f"k{i:05d}", "b": "z", "score": 2.5} for i in range(CHUNK + 10)],
                    keys=("a", "b"), update=("score",))
    found = links(store)
    assert found[("x", "y")] == 3.0 and len(found) == CHUNK + 11


def test_upsert_without_update_columns_keeps_what_is_there(store: Store) -> None:
    with store.session() as session:
        upsert_rows(session, LedgerDocumentRow, [{"document_id": "d1"}], keys=("document_id",))
    with store.session() as session:
        first = session.scalar(select(LedgerDocumentRow.merged))
        upsert_rows(session, LedgerDocumentRow, [{"document_id": "d1"}, {"document_id": "d2"}],
                    keys=("document_id",))
    with store.session() as session:
        rows = dict(session.execute(select(LedgerDocumentRow.document_id, LedgerDocumentRow.merged)).all())
    assert sorted(rows) == ["d1", "d2"] and rows["d1"] == first


def test_extractions_of_many_documents_come_back_exact_and_in_the_order_asked(store: Store) -> None:
    stored = []
    for i in range(3):
        raw, extraction = sample(TEXT + f" Day {i}.", source=f"{i}.txt")
        store.add(raw, extraction)
        stored.append(extraction)
    ids = [e.document.id for e in stored]
    assert store.extractions([ids[2], ids[0], ids[1], ids[0]]) == [stored[2], stored[0], stored[1]]
    assert store.extraction(ids[1]) == stored[1]
    assert sorted(e.document.id for e in store.extractions()) == sorted(ids)
    with pytest.raises(StorageError, match="no document 'sha256:nope'"):
        store.extractions([ids[0], "sha256:nope"])


def test_a_batch_goes_in_one_insert_per_table_and_reads_back_exact(store: Store) -> None:
    first = sample(TEXT + " Day 0.", source="0.txt")
    store.add(*first)
    batch = [sample(TEXT + f" Day {i}.", source=f"{i}.txt") for i in range(4)]
    inserts: list[str] = []

    def seen(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO"):
            inserts.append(statement.split()[2].strip('"'))

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        done = store.add_many(batch)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    assert [stored for _, stored in done] == [False, True, True, True]
    # Three documents' rows, one statement per table: the writer's time does not grow
    # with the rows of a batch, as the ORM's statement per row did.
    assert sorted(inserts) == sorted(["documents", "entities", "mentions", "events", "event_roles",
                                      "event_evidence", "event_provenance", "quotes", "claims"])
    ids = [extraction.document.id for _, extraction in batch]
    assert store.extractions(ids) == [extraction for _, extraction in batch]
    with store.session() as session:
        roles = session.execute(select(EventRoleRow.name, EventRoleRow.entity_id, EventRow.document_id)
                                .join(EventRow, EventRow.id == EventRoleRow.event_id)).all()
        entities = {row.id: (row.document_id, row.name) for row in session.scalars(select(EntityRow))}
        claims = session.execute(select(ClaimRow.document_id, ClaimRow.event_ref, ClaimRow.event_id)).all()
        events = {row.id: (row.document_id, row.local_id) for row in session.scalars(select(EventRow))}
    # Every link points into the row's own document: a role at the entity of its name
    # ("Unknown Group" has none), a claim at the event it names.
    assert len(roles) == 4 * 5
    assert all(entities[entity_id] == (doc_id, name) for name, entity_id, doc_id in roles if entity_id is not None)
    assert {name for name, entity_id, _ in roles if entity_id is None} == {"Unknown Group"}
    assert len(claims) == 4 * 3
    assert all(events[event_id] == (doc_id, ref) for doc_id, ref, event_id in claims if ref is not None)
    assert all(event_id is None for _, ref, event_id in claims if ref is None)


def test_many_rows_arrive_whole_with_their_defaults_json_and_dates(store: Store) -> None:
    """Past ``COPY_FROM`` rows PostgreSQL gets them by COPY: the values must be the ones
    an INSERT stores (JSON, dates, booleans, quotes and tabs in text, column defaults)."""
    from datetime import date

    from newsledger.ledger.tables import LedgerShownRow
    from newsledger.store.bulk import COPY_FROM

    rows = [{"id": f"ev-{i:06}", "status": "event", "type": "arrest", "date_value": "2025-03",
             "date_precision": "month", "date_start": date(2025, 3, 1), "date_end": date(2025, 3, 31),
             "count": i, "origin": None, "destination": None, "location": "Culiacán\t'norte'",
             "agents": "Marina; Ejército", "persons": "", "organizations": "", "negated": i % 2 == 0,
             "hypothetical": False, "sources": 2, "conflicts": False, "conflicted_fields": "",
             "first_source_url": None, "digest": "x" * 64, "members": [f"d#{i}", "e#1"],
             "payload": {"id": f"ev-{i:06}", "nested": {"quote": "\"a\"\n"}}} for i in range(COPY_FROM + 7)]
    with store.session() as session:
        insert_rows(session, LedgerShownRow, rows)
        insert_rows(session, LedgerDocumentRow, ({"document_id": f"doc-{i}"} for i in range(COPY_FROM)))
    with store.session() as session:
        found = {row.id: row for row in session.scalars(select(LedgerShownRow))}
        merged = list(session.scalars(select(LedgerDocumentRow.merged)))
    assert len(found) == len(rows) and len(merged) == COPY_FROM and all(merged)
    for wanted in (rows[0], rows[1], rows[-1]):
        got = found[wanted["id"]]
        assert {key: getattr(got, key) for key in wanted} == wanted
