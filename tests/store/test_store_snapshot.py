"""Store.snapshot: a multi-query read sees one state of the database, even while another
connection commits a write between two of its queries (SQLite and PostgreSQL)."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.postgres import PG_URL, empty_postgres
from newsledger.store import Store
from newsledger.store.schema import FailureRow



def _count(session) -> int:  # type: ignore[no-untyped-def]
    return session.scalar(select(func.count()).select_from(FailureRow))


def _write_meanwhile(url: str) -> None:
    with Store(url) as reader, Store(url) as writer:
        reader.record_failure("before.txt", "empty file")
        done = threading.Event()
        with reader.snapshot() as session:
            first = _count(session)
            thread = threading.Thread(target=lambda: (writer.record_failure("during.txt", "empty file"), done.set()))
            thread.start()
            thread.join(timeout=1)  # SQLite: the writer waits for the snapshot; PostgreSQL: it commits
            assert _count(session) == first  # before the fix: SQLite and PostgreSQL saw the new row
        thread.join(timeout=30)
        assert done.is_set()  # the write went through once the snapshot ended
        assert len(reader.failures()) == first + 1


def test_a_snapshot_reads_one_state_on_sqlite(tmp_path: Path) -> None:
    _write_meanwhile(f"sqlite:///{tmp_path / 'x.db'}")


@pytest.mark.skipif(not PG_URL, reason="set NEWSLEDGER_TEST_PG to a scratch PostgreSQL URL")
def test_a_snapshot_reads_one_state_on_postgres() -> None:
    assert PG_URL
    empty_postgres(PG_URL)
    _write_meanwhile(PG_URL)
