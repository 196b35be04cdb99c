"""The ledger's tables and their migration (both in ledger/) agree."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

import newsledger.ledger.tables  # noqa: F401  (declares the ledger tables on Base)
from newsledger.store import Base, Store
from newsledger.store.migrate import version_locations


def only_ledger_tables(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    table = obj if type_ == "table" else getattr(obj, "table", None)
    return str(getattr(table, "name", None) or name or "").startswith("ledger_")


def test_the_ledger_migration_lives_beside_its_tables() -> None:
    ledger_dir = Path(newsledger.ledger.tables.__file__).parent / "migrations"
    assert ledger_dir in version_locations()
    assert any(ledger_dir.glob("*_ledger.py"))


def test_the_ledger_migration_matches_the_tables(db_url: str) -> None:
    options = {"compare_type": True, "include_object": only_ledger_tables}
    with Store(db_url) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts=options), Base.metadata)
    assert differences == []
