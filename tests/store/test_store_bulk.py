"""Many rows in few statements (``store.bulk``) and many extractions in few queries, on
SQLite and, when NEWSLEDGER_TEST_PG is set, on PostgreSQL."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from store_samples import TEXT, sample

from newsledger.errors import StorageError
from newsledger.ledger.tables import LedgerDocumentRow, LedgerLinkRow
from newsledger.store import Store
from newsledger.store.bulk import CHUNK, chunks, insert_rows, upsert_rows
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
