"""Initial schema: documents, entities and mentions, events with roles, evidence and
provenance, quotes, claims, failures.

Written out in full rather than derived from ``schema.py``: a migration must keep
creating the schema of its day however the models change later. A test checks that
the migrated database and ``schema.py`` agree.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), autoincrement=True, nullable=False)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


def _span(nullable: bool = False) -> list[sa.Column]:
    return [
        sa.Column("start", sa.Integer(), nullable=nullable),
        sa.Column("end", sa.Integer(), nullable=nullable),
        sa.Column("text", sa.Text(), nullable=nullable),
    ]


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=False)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
    )
    _index("documents", "published")

    op.create_table(
        "failures",
        _id(),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_failures")),
    )
    _index("failures", "created")

    op.create_table(
        "entities",
        _id(),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("country", sa.String(length=16), nullable=True),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("kb_id", sa.String(length=255), nullable=True),
        sa.Column("wikidata", sa.String(length=64), nullable=True),
        _fk("entities", "document_id", "documents", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
        sa.UniqueConstraint("document_id", "local_id", name=op.f("uq_entities_document_id_local_id")),
    )
    _index("entities", "document_id")
    _index("entities", "kb_id")

    op.create_table(
        "events",
        _id(),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("date_value", sa.String(length=32), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=64), nullable=True),
        sa.Column("destination", sa.String(length=64), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("hypothetical", sa.Boolean(), nullable=False),
        _fk("events", "document_id", "documents", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("document_id", "local_id", name=op.f("uq_events_document_id_local_id")),
    )
    _index("events", "date_start")
    _index("events", "document_id")
    _index("events", "type")

    op.create_table(
        "quotes",
        _id(),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=255), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        _fk("quotes", "document_id", "documents", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotes")),
    )
    _index("quotes", "document_id")

    op.create_table(
        "claims",
        _id(),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("integral", sa.JSON(), nullable=False),
        sa.Column("event_type", sa.String(length=64), nullable=True),
        sa.Column("origin", sa.String(length=64), nullable=True),
        sa.Column("destination", sa.String(length=64), nullable=True),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("event_ref", sa.String(length=64), nullable=True),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("period_value", sa.String(length=32), nullable=True),
        sa.Column("period_precision", sa.String(length=16), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=True),
        sa.Column("period_end", sa.Date(), nullable=True),
        _fk("claims", "document_id", "documents", "CASCADE"),
        _fk("claims", "event_id", "events", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    _index("claims", "document_id")
    _index("claims", "event_id")
    _index("claims", "event_type")

    op.create_table(
        "event_evidence",
        _id(),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_span(),
        _fk("event_evidence", "event_id", "events", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_evidence")),
    )
    _index("event_evidence", "event_id")

    op.create_table(
        "event_provenance",
        _id(),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        *_span(),
        _fk("event_provenance", "event_id", "events", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_provenance")),
    )
    _index("event_provenance", "event_id")

    op.create_table(
        "event_roles",
        _id(),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        *_span(nullable=True),
        sa.Column("provenance_seq", sa.Integer(), nullable=True),
        _fk("event_roles", "entity_id", "entities", "SET NULL"),
        _fk("event_roles", "event_id", "events", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_roles")),
    )
    _index("event_roles", "entity_id")
    _index("event_roles", "event_id")

    op.create_table(
        "mentions",
        _id(),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_span(),
        _fk("mentions", "entity_id", "entities", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    _index("mentions", "entity_id")


def downgrade() -> None:
    for table in ("mentions", "event_roles", "event_provenance", "event_evidence", "claims", "quotes",
                  "events", "entities", "failures", "documents"):
        op.drop_table(table)
