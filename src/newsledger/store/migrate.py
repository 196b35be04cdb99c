"""Running the Alembic migrations from inside the package.

The migration scripts ship with the package (``store/migrations``), so opening a
database brings it to the current schema with no ``alembic.ini`` and no command to
remember. For writing a new migration, ``alembic_config(url)`` gives a configuration
that Alembic's own commands accept, e.g.::

    from alembic import command
    command.revision(alembic_config("sqlite:///dev.db"), "ledger tables",
                     autogenerate=True, rev_id="0002")
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")
# Key of the PostgreSQL advisory lock that serialises schema changes ("nl" + "schema").
PG_LOCK_KEY = 0x6E6C_5343
PACKAGE = Path(__file__).resolve().parent.parent


def version_locations() -> list[Path]:
    """Where revision scripts live: ``store/migrations/versions`` and ``<module>/migrations``.

    Another module (the ledger) can thus keep the migration of its own tables beside
    them, in one revision chain (its first script names "0001" as ``down_revision``).
    """
    others = sorted(folder for folder in PACKAGE.glob("*/migrations")
                    if folder.is_dir() and folder.parent.name != "store" and any(folder.glob("*.py")))
    return [MIGRATIONS / "versions", *others]


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(str(p) for p in version_locations()))
    if url is not None:
        # The configuration is a ConfigParser: '%' must be doubled to survive interpolation.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    """The newest revision the package ships."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine | Connection) -> str | None:
    """The revision the database is at (``None`` for an empty database)."""
    if isinstance(engine, Connection):
        return MigrationContext.configure(engine).get_current_revision()
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Brings the database to ``revision`` in one transaction that holds the schema lock.

    A kill at any moment leaves the database as it was before or as it is after, never
    half-created, and two processes opening a new database at once take turns: the
    second one waits for the lock, then finds the schema current and does nothing. The
    revision is read again once the lock is held, because another process may have
    migrated the database while this one waited.
    """
    head = revision == "head"
    if head and current_revision(engine) == head_revision():
        return
    with engine.connect() as connection, schema_lock(connection):
        if head and current_revision(connection) == head_revision():
            return
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@contextmanager
def schema_lock(connection: Connection) -> Iterator[None]:
    """One transaction on ``connection`` holding the database's write (schema) lock.

    SQLite: Python's sqlite3 module runs DDL outside any transaction (each CREATE TABLE
    commits at once), which is what left half a schema after a kill. Its own transaction
    handling is switched off for the duration and ``BEGIN IMMEDIATE`` takes the write
    lock before the first statement (another process waits on the busy timeout).
    PostgreSQL: DDL is transactional; a transaction-scoped advisory lock serialises
    concurrent first uses, which would otherwise collide on the system catalogues.
    """
    if connection.dialect.name == "sqlite":
        driver = connection.connection.driver_connection
        previous = driver.isolation_level  # type: ignore[union-attr]
        connection.commit()
        driver.isolation_level = None  # type: ignore[union-attr]
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if driver.in_transaction:  # type: ignore[union-attr]  # some errors end it already
                    connection.exec_driver_sql("ROLLBACK")
                raise
            connection.exec_driver_sql("COMMIT")
        finally:
            connection.rollback()  # ends SQLAlchemy's own (empty) transaction
            driver.isolation_level = previous  # type: ignore[union-attr]
        return
    with connection.begin():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_LOCK_KEY})")
        yield
