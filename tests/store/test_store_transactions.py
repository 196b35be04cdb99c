"""One transaction per document: a failure leaves nothing behind and is recorded."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from store_samples import TEXT, sample

from newsledger.errors import StorageError
from newsledger.store import Store
from newsledger.store.schema import Base


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


def row_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {name: connection.scalar(select(func.count()).select_from(table)) or 0
                for name, table in Base.metadata.tables.items() if name != "failures"}


@contextmanager
def failing_claims(store: Store) -> Iterator[None]:
    """Every statement inserting claims fails: claims go in last, after the document,
    entities, events and their children, so a failure there must undo all of those."""
    def explode(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO CLAIMS"):
            raise RuntimeError("disk on fire")

    event.listen(store.engine, "before_cursor_execute", explode)
    try:
        yield
    finally:
        event.remove(store.engine, "before_cursor_execute", explode)


def test_failure_mid_insert_leaves_no_partial_rows(store: Store) -> None:
    raw, extraction = sample()
    with failing_claims(store), pytest.raises(StorageError) as caught:
        store.add(raw, extraction)
    assert "a.txt" in str(caught.value) and "disk on fire" in str(caught.value)
    assert set(row_counts(store).values()) == {0}
    (failure,) = store.failures()
    assert failure.source == "a.txt" and "disk on fire" in failure.reason
    # The same document goes in once the cause is gone.
    assert store.add(raw, extraction)[1] is True
    assert row_counts(store)["claims"] == 3


def test_database_constraint_violation_is_rolled_back(store: Store) -> None:
    raw, extraction = sample()
    extraction.events[1].id = extraction.events[0].id  # two events with one local id
    with pytest.raises(StorageError, match="could not store"):
        store.add(raw, extraction)
    assert set(row_counts(store).values()) == {0}
    assert len(store.failures()) == 1


def test_extraction_of_another_text_is_refused(store: Store) -> None:
    raw, extraction = sample()
    raw.text = TEXT + " Edited."
    with pytest.raises(StorageError, match="hashes to"):
        store.add(raw, extraction)
    assert set(row_counts(store).values()) == {0}
    assert "hashes to" in store.failures()[0].reason


def test_a_batch_is_stored_in_one_transaction_or_not_at_all(store: Store) -> None:
    first, second = sample(), sample(TEXT + " More.", source="b.txt")
    assert store.add_many([first, second, first]) == [
        (first[1].document.id, True), (second[1].document.id, True), (first[1].document.id, False)]
    assert store.count_documents() == 2
    assert store.add_many([second]) == [(second[1].document.id, False)]

    third, fourth = sample(TEXT + " Third.", source="c.txt"), sample(TEXT + " Fourth.", source="d.txt")
    with failing_claims(store), pytest.raises(
            StorageError, match="could not store a batch of 2 documents: RuntimeError: disk on fire"):
        store.add_many([third, fourth])
    assert store.count_documents() == 2 and store.failures() == []  # the caller retries one by one
