"""Writing and reading many rows in few round trips, the same way on SQLite and PostgreSQL.

Saving a merge of 100,000 reports one ORM object at a time (``session.merge`` reads
each row before writing it) costs a round trip per row, which on a PostgreSQL server
is most of the time. These helpers send rows as multi-row statements instead
(SQLAlchemy's "insertmanyvalues"), in chunks that stay under both back ends' limits
on bound parameters, and use each dialect's ``INSERT … ON CONFLICT`` for the rows that
may already be there.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session

# Rows per statement: a few columns each stays far below SQLite's 32,766 bound
# parameters and PostgreSQL's 65,535.
CHUNK = 1_000
# From how many rows PostgreSQL gets them by COPY rather than INSERT.
COPY_FROM = 5_000
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size`` (for ``IN`` lists and batches)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def insert_rows(session: Session, entity: Any, rows: Iterable[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts of column values) into ``entity``'s table, many per statement.

    The statement is on the table, not the mapped class: the ORM's bulk insert checks and
    converts each row in Python first, which costs more than the insert itself (most of a
    100,000-report save). Column defaults and types (JSON, dates) apply all the same.
    """
    table = getattr(entity, "__table__", entity)
    listed = list(rows)
    if len(listed) >= COPY_FROM and session.get_bind().dialect.name == "postgresql":
        _copy(session, table, listed)
        return
    for part in chunks(listed):
        session.execute(insert(table), list(part))


def _copy(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL's ``COPY … FROM STDIN``, in the session's transaction: for hundreds of
    thousands of rows (a large ledger's statements) it costs a fraction of INSERTs, whose
    parameters SQLAlchemy renders in Python. Column defaults are applied here, as an
    INSERT would; JSON values are sent as JSON."""
    from psycopg.types.json import Json

    names = list(dict.fromkeys(key for row in rows for key in row))
    defaults = {column.name: column.default.arg for column in table.columns
                if column.name not in names and column.default is not None and not column.primary_key}
    json_columns = {column.name for column in table.columns if isinstance(column.type, JSON)}
    columns = names + list(defaults)
    driver = session.connection().connection.dbapi_connection
    assert driver is not None
    quoted = ", ".join(f'"{name}"' for name in columns)
    with driver.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            values = [row.get(name) for name in names]
            values += [value(None) if callable(value) else value for value in defaults.values()]
            copy.write_row([Json(v) if name in json_columns and v is not None else v
                            for name, v in zip(columns, values)])


def upsert_rows(session: Session, entity: Any, rows: Iterable[dict[str, Any]], keys: Sequence[str],
                update: Sequence[str] = ()) -> None:
    """Insert ``rows``; a row whose ``keys`` exist already updates the ``update`` columns
    (or is left as it is when ``update`` is empty), as ``session.merge`` would, without
    reading it first. Rows with the same keys in one call: the last one wins."""
    by_key = {tuple(row[k] for k in keys): row for row in rows}
    if not by_key:
        return
    table = entity.__table__
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # any other back end: one merge per row, slow but the same result
        for row in by_key.values():
            session.merge(entity(**row))
        return
    for part in chunks(list(by_key.values())):
        statement = dialect_insert(table)
        if update:
            statement = statement.on_conflict_do_update(
                index_elements=list(keys), set_={name: statement.excluded[name] for name in update})
        else:
            statement = statement.on_conflict_do_nothing(index_elements=list(keys))
        session.execute(statement, list(part))
