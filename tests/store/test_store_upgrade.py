"""Every migration on both back ends: from an empty database, and from the revision before
it with data in it, to head, keeping the data.

The data is written by today's code into a head database, then copied into a database
at the older revision, column by column as far as that revision has them; after the
upgrade every copied value must read back the same, the new revisions' indexes must
cover the old rows, and the store must go on writing (ids continue after the copied ones).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, func, select, text
from store_samples import TEXT, sample

from newsledger.ingest import RawDocument, content_hash
from newsledger.ledger import service
from newsledger.model import DocumentInfo, Extraction
from newsledger.store import Base, Store
from newsledger.store.migrate import alembic_config, current_revision, head_revision, upgrade
from newsledger.store.repository import engine_url
from tests.postgres import all_tables

SPANISH = ("La extradición de Rafael Caro Quintero fue anunciada por la Fiscalía General de la República "
           "el jueves.")


def revisions() -> list[tuple[str, str]]:
    """(revision, the revision before it) for every revision but the first, oldest first."""
    scripts = ScriptDirectory.from_config(alembic_config())
    pairs = [(s.revision, s.down_revision) for s in scripts.walk_revisions() if s.down_revision]
    return sorted(pairs)  # type: ignore[arg-type]


def test_every_revision_is_covered() -> None:
    chain = revisions()
    assert [previous for _, previous in chain[1:]] == [revision for revision, _ in chain[:-1]]
    assert chain[-1][0] == head_revision()


def _source(tmp_path: Path) -> str:
    """A head SQLite database holding an English and a Spanish document and their ledger."""
    url = f"sqlite:///{tmp_path / 'source.db'}"
    with Store(url) as store:
        store.add(*sample())
        info = DocumentInfo(content_hash(SPANISH), "es.txt", date(2025, 2, 27), "es")
        store.add(RawDocument(SPANISH, "es.txt", date(2025, 2, 27), "es"), Extraction(info, [], [], [], []))
        service.sync(store)
    return url


def _copy_into_revision(source: str, target: str, revision: str) -> dict[str, list[dict[str, Any]]]:
    """Brings ``target`` (empty) to ``revision`` and copies ``source``'s rows into the
    columns that revision has; returns what was copied, table by table."""
    engine = create_engine(engine_url(target))
    upgrade(engine, revision)
    there = MetaData()
    there.reflect(engine)
    reading = create_engine(engine_url(source))
    copied: dict[str, list[dict[str, Any]]] = {}
    with reading.connect() as src, engine.begin() as dst:
        for table in all_tables():
            if table.name not in there.tables:
                continue
            columns = [c for c in table.c if c.name in there.tables[table.name].c]
            rows = [dict(row) for row in src.execute(select(*columns)).mappings()]
            if rows:
                dst.execute(table.insert(), rows)
            if dst.dialect.name == "postgresql" and "id" in table.c and table.c.id.autoincrement is True:
                dst.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :v, false)"),
                            {"t": table.name, "v": max([r["id"] for r in rows], default=0) + 1})
            copied[table.name] = rows
    reading.dispose()
    engine.dispose()
    return copied


@pytest.mark.parametrize("revision,previous", revisions())
def test_upgrading_from_the_previous_revision_keeps_the_data(db_url: str, tmp_path: Path, revision: str,
                                                             previous: str) -> None:
    copied = _copy_into_revision(_source(tmp_path), db_url, previous)
    assert copied["documents"], "the older revision holds documents"
    with Store(db_url) as store:  # opening migrates to head
        assert current_revision(store.engine) == head_revision()
        with store.engine.connect() as connection:
            for name, rows in copied.items():
                table = Base.metadata.tables[name]
                columns = [table.c[c] for c in rows[0]] if rows else []
                order = list(table.primary_key.columns)
                back = [dict(row) for row in connection.execute(select(*columns).order_by(*order)).mappings()] \
                    if rows else []
                key = [c.name for c in order]
                assert back == sorted(rows, key=lambda r: [r[k] for k in key]), name
        # The indexes added since cover the rows that were already there.
        assert [d.source for d in store.search_documents("extradicion fiscalia")] == ["es.txt"]
        assert "Omar García Harfuch" in store.entity_names("garcia harfuch")
        # And the store writes on: new ids follow the copied ones.
        store.add(*sample(TEXT + " Later.", published=date(2026, 1, 21)))
        with store.session() as session:
            assert session.scalar(select(func.count()).select_from(Base.metadata.tables["documents"])) == 3
        service.sync(store)
        assert service.timeline(store)


def test_upgrading_from_empty_gives_the_head_schema(db_url: str) -> None:
    engine = create_engine(engine_url(db_url))
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()
    with Store(db_url) as store:
        assert store.count_documents() == 0 and store.search_documents("anything") == []
