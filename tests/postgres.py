"""The scratch PostgreSQL database the store's tests run on when NEWSLEDGER_TEST_PG is set.

Every test that touches the store takes a database from a fixture parametrized over
``BACKENDS`` (``db_url``, ``samples_db``, ``samples_db_copy`` in tests/conftest.py), so it
runs on SQLite and, when NEWSLEDGER_TEST_PG names a scratch database, on PostgreSQL too;
without it the PostgreSQL cases are skipped. The database is emptied before each test.
The read-only samples ledger lives in a second database beside it (``<name>_samples``),
which the tests create and drop, so the role needs CREATEDB there (``postgres`` has it).
"""
from __future__ import annotations

import os

import pytest
from sqlalchemy import Engine, Table, create_engine, func, select, text
from sqlalchemy.engine import make_url

from newsledger.store.repository import engine_url

PG_URL = os.environ.get("NEWSLEDGER_TEST_PG")
needs_postgres = pytest.mark.skipif(not PG_URL, reason="set NEWSLEDGER_TEST_PG to a scratch PostgreSQL URL")
# The parameters of every fixture that hands out a database.
BACKENDS = ["sqlite", pytest.param("postgresql", marks=needs_postgres)]


def empty_postgres(url: str) -> None:
    """Start from an empty database, as a new user's would be: the tests create the schema."""
    engine = create_engine(engine_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def fresh_database_beside(url: str, suffix: str) -> str:
    """A new, empty database named ``<name>_<suffix>`` on the server of ``url`` (dropped first)."""
    parsed = make_url(url)
    name = f"{parsed.database}_{suffix}"
    engine = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Drops the database at ``url``, connecting to the server's ``postgres`` database."""
    parsed = make_url(url)
    engine = create_engine(engine_url(parsed.set(database="postgres").render_as_string(hide_password=False)),
                           isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
    engine.dispose()


def all_tables() -> list[Table]:
    """Every table newsledger declares (store, ledger, watch), parents before children."""
    import newsledger.ledger.tables  # noqa: F401  (each module declares its tables on Base)
    import newsledger.watch.tables  # noqa: F401
    from newsledger.store.schema import Base

    return list(Base.metadata.sorted_tables)


def copy_rows(source: str, target: str) -> None:
    """Copies every newsledger row from ``source`` into ``target``, both at the current schema.

    The PostgreSQL counterpart of copying a SQLite file: ``target`` is emptied and
    migrated first (``Store(target)``), then filled table by table in dependency order,
    and its id sequences are moved past the copied ids.
    """
    from newsledger.store import Store

    Store(target).close()
    reading: Engine = create_engine(engine_url(source))
    writing: Engine = create_engine(engine_url(target))
    with reading.connect() as src, writing.begin() as dst:
        for table in all_tables():
            rows = [dict(row) for row in src.execute(select(table)).mappings()]
            if rows:
                dst.execute(table.insert(), rows)
            if dst.dialect.name == "postgresql" and "id" in table.c and table.c.id.autoincrement is True:
                top = dst.scalar(select(func.max(table.c.id)))
                dst.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, false)"),
                            {"t": table.name, "v": (top or 0) + 1})
    reading.dispose()
    writing.dispose()
