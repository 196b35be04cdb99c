"""Full-text search: document texts by words, entity names by similarity.

PostgreSQL: ``unaccent`` and ``pg_trgm`` (``CREATE EXTENSION IF NOT EXISTS``, refused
with the command to run when the role may not create them); an IMMUTABLE wrapper
``newsledger_unaccent(text)`` (``unaccent`` itself is only STABLE, so it cannot feed a
generated column or an index); ``documents.search``, a stored ``tsvector`` of the title
and text in the document's language ('spanish' for ``es``, else 'english'), unaccented,
with a GIN index; a GIN trigram index on the unaccented, lower-cased entity names.

SQLite: FTS5 tables with the same reach: ``documents_fts`` (id, title, text) and
``entities_fts`` (over ``entities.name``), tokenized with Porter stemming over unicode61
with diacritics removed, kept in step by triggers. What each query asks is in
``newsledger.store.search``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from newsledger.errors import StorageError

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

EXTENSIONS = ("unaccent", "pg_trgm")
TOKENIZE = "porter unicode61 remove_diacritics 2"


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        _postgres(connection)
    elif connection.dialect.name == "sqlite":
        _sqlite()


def _postgres(connection: Connection) -> None:
    missing = [name for name in EXTENSIONS
               if connection.scalar(text("SELECT 1 FROM pg_extension WHERE extname = :n"), {"n": name}) is None]
    database = connection.scalar(text("SELECT current_database()"))  # asked first: a failure ends the transaction
    for name in missing:
        try:
            connection.execute(text(f"CREATE EXTENSION IF NOT EXISTS {name}"))
        except DBAPIError as error:
            needed = "; ".join(f"CREATE EXTENSION IF NOT EXISTS {n}" for n in missing)
            reason = str(error.orig).strip().splitlines()[0]
            raise StorageError(
                f"PostgreSQL refused to create the extension {name} ({reason}): newsledger's search needs "
                f"{' and '.join(EXTENSIONS)}. Have the database owner or a superuser run, once: "
                f"psql -d {database} -c '{needed}'") from error
    schema = connection.scalar(text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname = 'unaccent'"))
    # unaccent() is STABLE (it reads a dictionary chosen by search_path); named in full it
    # gives the same answer always, which is what IMMUTABLE promises to the planner.
    op.execute(f"""
        CREATE OR REPLACE FUNCTION newsledger_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT "{schema}".unaccent('"{schema}".unaccent'::regdictionary, $1) $$""")
    op.execute("""
        ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS (
            CASE WHEN language = 'es'
                 THEN to_tsvector('spanish'::regconfig, newsledger_unaccent(coalesce(title, '') || ' ' || text))
                 ELSE to_tsvector('english'::regconfig, newsledger_unaccent(coalesce(title, '') || ' ' || text))
            END) STORED""")
    op.execute("CREATE INDEX ix_documents_search ON documents USING gin (search)")
    trgm = connection.scalar(text(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
        " WHERE e.extname = 'pg_trgm'"))
    op.execute(f'CREATE INDEX ix_entities_name_trgm ON entities USING gin '
               f'(newsledger_unaccent(lower(name)) "{trgm}".gin_trgm_ops)')


def _sqlite() -> None:
    op.execute(f"CREATE VIRTUAL TABLE documents_fts USING fts5(id UNINDEXED, title, text, tokenize='{TOKENIZE}')")
    op.execute("INSERT INTO documents_fts (id, title, text) SELECT id, coalesce(title, ''), text FROM documents")
    op.execute("""CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END""")
    op.execute("""CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        DELETE FROM documents_fts WHERE id = old.id; END""")
    op.execute("""CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        DELETE FROM documents_fts WHERE id = old.id;
        INSERT INTO documents_fts (id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END""")
    # Entity ids are INTEGER PRIMARY KEYs (stable rowids), so this index reads the names in place.
    op.execute(f"CREATE VIRTUAL TABLE entities_fts USING fts5(name, content='entities', content_rowid='id',"
               f" tokenize='{TOKENIZE}')")
    op.execute("INSERT INTO entities_fts (entities_fts) VALUES ('rebuild')")
    op.execute("""CREATE TRIGGER entities_fts_insert AFTER INSERT ON entities BEGIN
        INSERT INTO entities_fts (rowid, name) VALUES (new.id, new.name); END""")
    op.execute("""CREATE TRIGGER entities_fts_delete AFTER DELETE ON entities BEGIN
        INSERT INTO entities_fts (entities_fts, rowid, name) VALUES ('delete', old.id, old.name); END""")
    op.execute("""CREATE TRIGGER entities_fts_update AFTER UPDATE OF name ON entities BEGIN
        INSERT INTO entities_fts (entities_fts, rowid, name) VALUES ('delete', old.id, old.name);
        INSERT INTO entities_fts (rowid, name) VALUES (new.id, new.name); END""")


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_entities_name_trgm")
        op.execute("DROP INDEX IF EXISTS ix_documents_search")
        op.execute("ALTER TABLE documents DROP COLUMN IF EXISTS search")
        op.execute("DROP FUNCTION IF EXISTS newsledger_unaccent(text)")
    elif connection.dialect.name == "sqlite":
        for trigger in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update",
                        "entities_fts_insert", "entities_fts_delete", "entities_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS entities_fts")
        op.execute("DROP TABLE IF EXISTS documents_fts")
