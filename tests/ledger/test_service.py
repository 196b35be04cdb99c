"""The ledger kept in the store: incremental updates, decisions, the migration."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from newsledger.errors import LedgerError
from newsledger.ingest import RawDocument, content_hash
from newsledger.ledger import Ledger, service
from newsledger.ledger.tables import LedgerRecordRow
from newsledger.model import DocumentInfo, Extraction
from newsledger.store import Base, Store

from tests.ledger.factory import three_transfers
from tests.postgres import PG_URL, empty_postgres, needs_postgres


def stored(item: Extraction) -> tuple[RawDocument, Extraction]:
    """The extraction under the id its stand-in text hashes to, as the store requires."""
    text = f"document {item.document.id}"
    info = item.document
    document = DocumentInfo(content_hash(text), info.source, info.published, info.language)
    return RawDocument(text, info.source, info.published, info.language), Extraction(
        document, item.entities, item.events, item.quotes, item.claims)


@pytest.fixture()
def items() -> list[tuple[RawDocument, Extraction]]:
    return [stored(item) for item in three_transfers()]


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    """A new database on each back end, closed after the test."""
    with Store(db_url) as opened:
        yield opened


def test_the_migration_creates_the_ledger_tables_as_declared(store: Store) -> None:
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ours = [d for d in diff if "ledger_" in repr(d)]
    assert ours == []
    assert LedgerRecordRow.__tablename__ in Base.metadata.tables


def test_incremental_updates_equal_one_merge(store: Store, items: list) -> None:
    for raw, extraction in items:
        doc_id, _ = store.add(raw, extraction)
        service.update(store, [doc_id])
    whole = Ledger()
    for _, extraction in items:
        whole.add_extraction(extraction)
    whole.settle()
    assert json.dumps(service.export(store), sort_keys=True) == json.dumps(whole.export(), sort_keys=True)
    assert [row.cumulative for row in service.tally(store, "transfer", "MX", "US").rows] == [29, 55, 92]
    assert [len(r.documents) for r in service.timeline(store) if r.factual][:2] == [3, 2]
    assert {c.verdict for c in service.check_claims(store)} == {"consistent"}


def test_reads_never_write_and_sync_merges_what_an_interrupted_ingest_left_out(
        db_url: str, store: Store, items: list) -> None:
    for raw, extraction in items:
        store.add(raw, extraction)
    assert service.timeline(store) == []  # reading does not merge
    assert len(service.unmerged(store)) == 4
    result = service.sync(store)
    assert len(result.documents) == 4 and result.added > 0
    assert service.unmerged(store) == []
    reader = Store(db_url, read_only=True)
    assert len([r for r in service.timeline(reader) if r.factual]) == 4
    with pytest.raises(LedgerError):  # a decision writes: refused on a read-only store
        try:
            service.split(reader, service.timeline(reader)[0].id)
        except Exception as error:  # "attempt to write a readonly database", "read-only transaction"
            raise LedgerError(str(error)) from error
    reader.close()


def test_a_read_only_store_never_creates_or_migrates(tmp_path: Path) -> None:
    from newsledger.errors import StorageError

    with pytest.raises(StorageError, match="ingest documents first"):
        Store(f"sqlite:///{tmp_path / 'missing.db'}", read_only=True)
    assert not (tmp_path / "missing.db").exists()
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(StorageError, match="sync"):
        Store(f"sqlite:///{tmp_path / 'empty.db'}", read_only=True)


@needs_postgres
def test_a_read_only_store_never_migrates_an_empty_postgres_database() -> None:
    from newsledger.errors import StorageError

    assert PG_URL
    empty_postgres(PG_URL)
    with pytest.raises(StorageError, match="holds no newsledger data.*sync"):
        Store(PG_URL, read_only=True)
    with Store(PG_URL) as store:  # nothing was created meanwhile
        assert store.count_documents() == 0


def test_decisions_persist_and_survive_a_rebuild(store: Store, items: list) -> None:
    for raw, extraction in items[:2]:
        store.add(raw, extraction)
    service.update(store)
    first = next(r for r in service.timeline(store) if r.count == 29)
    parts = service.split(store, first.id)
    assert len(parts) == 2
    for raw, extraction in items[2:]:
        doc_id, _ = store.add(raw, extraction)
        service.update(store, [doc_id])
    # The split holds; the new month mention supports the only dated event it fits (the
    # month mention a person split off adds no finer date, so it hosts nothing).
    assert len([r for r in service.timeline(store) if r.count == 29]) == 2
    links = service.links(store)
    assert len(links) == 1 and all(link.score >= 1.5 for link in links)
    service.rebuild(store)
    assert len([r for r in service.timeline(store) if r.count == 29]) == 2
    a, b = [r.id for r in parts]
    merged = service.merge(store, a, b)
    assert len(merged.documents) == 3  # merged, the mention joins them
    assert len([r for r in service.timeline(store) if r.count == 29]) == 1
    with pytest.raises(LedgerError):
        service.split(store, "ev-unknown")


def test_entity_view(store: Store, items: list) -> None:
    for raw, extraction in items:
        store.add(raw, extraction)
    service.sync(store)
    view = service.entity(store, "caro quintero")
    assert view.name == "Rafael Caro Quintero" and "Caro Quintero" in view.aliases
    assert len(view.events) == 1 and len(view.sources) == 2
    with pytest.raises(LedgerError):
        service.entity(store, "Nobody Atall")
