"""The watch tables and their migration (both in watch/) agree, on SQLite and PostgreSQL,
from an empty database and from the revision before."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

import newsledger.watch.tables
from newsledger.store import Base, Store
from newsledger.store.migrate import current_revision, head_revision, upgrade, version_locations
from newsledger.store.repository import engine_url


def only_watch_tables(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    table = obj if type_ == "table" else getattr(obj, "table", None)
    return str(getattr(table, "name", None) or name or "").startswith("watch_")


def test_the_watch_migration_lives_beside_its_tables() -> None:
    folder = Path(newsledger.watch.tables.__file__).parent / "migrations"
    assert folder in version_locations()
    assert any(folder.glob("*_watch.py"))


def test_the_watch_migration_matches_the_tables(db_url: str) -> None:
    options = {"compare_type": True, "include_object": only_watch_tables}
    with Store(db_url) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts=options), Base.metadata)
    assert differences == []


def test_a_database_of_0003_gains_the_watch_tables(db_url: str) -> None:
    engine = create_engine(engine_url(db_url))
    upgrade(engine, "0003")
    assert not {"watch_sources", "watch_items"} & set(inspect(engine).get_table_names())
    engine.dispose()
    with Store(db_url) as store:
        assert {"watch_sources", "watch_items"} <= set(inspect(store.engine).get_table_names())
        assert current_revision(store.engine) == head_revision()
