"""Opening a database creates or migrates the schema; bad URLs fail clearly."""
from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from store_samples import only_store_tables

from newsledger.errors import StorageError
from newsledger.store import Store
from newsledger.store.migrate import current_revision, head_revision
from newsledger.store.schema import TABLES, Base, FailureRow

EXPECTED_TABLES = {"documents", "entities", "mentions", "events", "event_roles", "event_evidence",
                   "event_provenance", "quotes", "claims", "failures"}


def test_fresh_sqlite_file_gets_every_table(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    with Store(f"sqlite:///{path}") as store:
        tables = set(inspect(store.engine).get_table_names())
        assert current_revision(store.engine) == head_revision()
    assert path.exists()
    assert EXPECTED_TABLES == set(TABLES)
    assert EXPECTED_TABLES | {"alembic_version"} <= tables


def test_indexes_exist(db_url: str) -> None:
    with Store(db_url) as store:
        inspector = inspect(store.engine)
        indexed = {(table, tuple(index["column_names"])) for table in EXPECTED_TABLES
                   for index in inspector.get_indexes(table)}
    assert {("events", ("type",)), ("events", ("date_start",)), ("documents", ("published",))} <= indexed


def test_migration_matches_the_models(db_url: str) -> None:
    options = {"compare_type": True, "include_object": only_store_tables}
    with Store(db_url) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts=options), Base.metadata)
    assert differences == []


def test_a_database_of_0002_gains_the_evidence_rule_columns(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from newsledger.store.migrate import current_revision, head_revision, upgrade

    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = create_engine(url)
    upgrade(engine, "0002")
    assert "rule" not in {c["name"] for c in inspect(engine).get_columns("event_provenance")}
    engine.dispose()
    with Store(url) as store:
        inspector = inspect(store.engine)
        for table in ("event_provenance", "event_roles"):
            assert {"rule", "cue"} <= {c["name"] for c in inspector.get_columns(table)}
        assert current_revision(store.engine) == head_revision()


def test_reopening_keeps_the_data(db_url: str) -> None:
    url = db_url
    with Store(url) as store:
        store.record_failure("a.txt", "empty file")
    with Store(url) as store:
        assert [f.reason for f in store.failures()] == ["empty file"]


@pytest.mark.parametrize("url", ["not a url", "nosuchdb://x/y"])
def test_bad_url(url: str) -> None:
    with pytest.raises(StorageError, match="invalid database URL"):
        Store(url)


def test_unreachable_database(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="cannot open database") as caught:
        Store(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'x.db'}")
    assert "\n" not in str(caught.value)


def test_missing_driver_or_unreachable_server_is_a_storage_error() -> None:
    with pytest.raises(StorageError) as caught:
        Store("postgresql://user:secret@127.0.0.1:9/none?connect_timeout=2")
    assert "secret" not in str(caught.value)


def test_session_commits_and_rolls_back(db_url: str) -> None:
    with Store(db_url) as store:
        with store.session() as session:
            session.add(FailureRow(source="x", reason="kept"))
        with pytest.raises(RuntimeError), store.session() as session:
            session.add(FailureRow(source="y", reason="dropped"))
            session.flush()
            raise RuntimeError("abort")
        assert [f.reason for f in store.failures()] == ["kept"]


def test_sqlite_enforces_foreign_keys(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store, store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_database_from_a_newer_version_is_refused_clearly(db_url: str) -> None:
    url = db_url
    with Store(url) as store, store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StorageError, match="newer version"):
        Store(url)
