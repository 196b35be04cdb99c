"""Storage: SQLAlchemy 2 tables, packaged Alembic migrations and the ``Store`` repository.

``Store(url)`` opens (creating or migrating) a SQLite or PostgreSQL database; the
ledger module reuses ``schema.Base`` for its own tables and ``Store.session()`` to
reach them.
"""
from __future__ import annotations

from newsledger.store.records import Failure, StoredEvent
from newsledger.store.repository import DEFAULT_URL, Store
from newsledger.store.schema import Base

__all__ = ["DEFAULT_URL", "Base", "Failure", "Store", "StoredEvent"]
