"""The same store on PostgreSQL; runs only when NEWSLEDGER_TEST_PG holds a database URL.

    NEWSLEDGER_TEST_PG=postgresql+psycopg://newsledger:newsledger@127.0.0.1/newsledger_test

The database is emptied first (its tables are dropped), so point it at a scratch one.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, event
from store_samples import TEXT, only_store_tables, sample

from newsledger.errors import StorageError
from newsledger.ingest import content_hash
from newsledger.store import Store
from newsledger.store.repository import engine_url
from newsledger.store.schema import Base, ClaimRow

URL = os.environ.get("NEWSLEDGER_TEST_PG")
pytestmark = pytest.mark.skipif(not URL, reason="set NEWSLEDGER_TEST_PG to a scratch PostgreSQL URL")


@pytest.fixture
def store() -> Iterator[Store]:
    assert URL
    engine = create_engine(engine_url(URL))
    existing = MetaData()
    existing.reflect(engine)
    existing.drop_all(engine)
    engine.dispose()
    with Store(URL) as opened:
        yield opened


def test_postgres_round_trip_and_queries(store: Store) -> None:
    raw, extraction = sample()
    assert store.add(raw, extraction) == (content_hash(TEXT), True)
    assert store.add(raw, extraction) == (content_hash(TEXT), False)
    assert store.extraction(content_hash(TEXT)) == extraction
    assert [e.event.id for e in store.events()] == ["v2", "v1", "v3"]
    assert [e.event.id for e in store.events(type="transfer", since=date(2026, 1, 1))] == ["v1"]
    store.add(*sample(TEXT + " Undated.", published=None))
    assert store.documents()[-1].published is None  # undated last, as on SQLite


def test_postgres_failure_leaves_nothing(store: Store) -> None:
    def explode(*_: Any) -> None:
        raise RuntimeError("boom")

    event.listen(ClaimRow, "before_insert", explode)
    try:
        with pytest.raises(StorageError):
            store.add(*sample())
    finally:
        event.remove(ClaimRow, "before_insert", explode)
    assert store.documents() == [] and store.events() == []
    assert [f.source for f in store.failures()] == ["a.txt"]


def test_postgres_schema_matches_models(store: Store) -> None:
    with store.engine.connect() as connection:
        options = {"compare_type": True, "include_object": only_store_tables}
        assert compare_metadata(MigrationContext.configure(connection, opts=options), Base.metadata) == []
