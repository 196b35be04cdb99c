"""The ledger as shown, in flat tables, and three views over them for SQL readers.

``ledger_shown`` (one row per event or pending record, as the ledger shows it),
``ledger_statements`` (every value of a shown event with its document and span) and
``ledger_checks`` (each claim as checked), written at every save by
``newsledger.ledger.published``. The views are the documented interface (docs/sql.md):
``events_flat``, ``statements_flat`` (joined with the documents' URL and title) and
``claims_flat``. Plain SQL that SQLite and PostgreSQL read alike.

A database upgraded to this revision has empty tables until its next save; ``sync``
(which every ingest runs) publishes a ledger found unpublished.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS = {
    "events_flat": """
        SELECT id, status, type, date_value AS date, date_precision AS precision, date_start AS start,
               date_end AS "end", count, origin, destination, location, agents, persons, organizations,
               negated, hypothetical, sources, conflicts, conflicted_fields, first_source_url
        FROM ledger_shown""",
    "statements_flat": """
        SELECT s.event_id, e.type AS event_type, e.status AS event_status, s.field, s.value,
               s.document_id, d.source, d.url, d.title, d.outlet, d.published, s.report,
               s.start, s."end", s.text, s.rule, s.cue
        FROM ledger_statements s
        JOIN ledger_shown e ON e.id = s.event_id
        LEFT JOIN documents d ON d.id = s.document_id""",
    "claims_flat": """
        SELECT c.id, c.document_id, d.source, d.url, d.title, d.published, c.kind, c.stated, c.event_type,
               c.origin, c.destination, c.speaker, c.text, c.start, c."end", c.verdict, c.expected,
               c.confidence, c.series, c.explanation
        FROM ledger_checks c
        LEFT JOIN documents d ON d.id = c.document_id""",
}


def upgrade() -> None:
    op.create_table(
        "ledger_shown",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("date_value", sa.String(length=32), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(length=8), nullable=True),
        sa.Column("destination", sa.String(length=8), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("agents", sa.Text(), nullable=False),
        sa.Column("persons", sa.Text(), nullable=False),
        sa.Column("organizations", sa.Text(), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("hypothetical", sa.Boolean(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Boolean(), nullable=False),
        sa.Column("conflicted_fields", sa.Text(), nullable=False),
        sa.Column("first_source_url", sa.Text(), nullable=True),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_shown")),
    )
    op.create_index(op.f("ix_ledger_shown_type"), "ledger_shown", ["type"])
    op.create_index(op.f("ix_ledger_shown_date_start"), "ledger_shown", ["date_start"])
    op.create_table(
        "ledger_statements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("report", sa.String(length=255), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("rule", sa.String(length=64), nullable=True),
        sa.Column("cue", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_statements")),
    )
    op.create_index(op.f("ix_ledger_statements_event_id"), "ledger_statements", ["event_id"])
    op.create_index(op.f("ix_ledger_statements_document_id"), "ledger_statements", ["document_id"])
    op.create_table(
        "ledger_checks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("stated", sa.Float(), nullable=True),
        sa.Column("event_type", sa.String(length=64), nullable=True),
        sa.Column("origin", sa.String(length=8), nullable=True),
        sa.Column("destination", sa.String(length=8), nullable=True),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("verdict", sa.String(length=32), nullable=False),
        sa.Column("expected", sa.Float(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("series", sa.Text(), nullable=True),
        sa.Column("explanation", sa.Text(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_checks")),
    )
    op.create_index(op.f("ix_ledger_checks_document_id"), "ledger_checks", ["document_id"])
    op.create_index(op.f("ix_ledger_checks_verdict"), "ledger_checks", ["verdict"])
    for name, query in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {query}")


def downgrade() -> None:
    for name in reversed(list(VIEWS)):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_index(op.f("ix_ledger_checks_verdict"), table_name="ledger_checks")
    op.drop_index(op.f("ix_ledger_checks_document_id"), table_name="ledger_checks")
    op.drop_table("ledger_checks")
    op.drop_index(op.f("ix_ledger_statements_document_id"), table_name="ledger_statements")
    op.drop_index(op.f("ix_ledger_statements_event_id"), table_name="ledger_statements")
    op.drop_table("ledger_statements")
    op.drop_index(op.f("ix_ledger_shown_date_start"), table_name="ledger_shown")
    op.drop_index(op.f("ix_ledger_shown_type"), table_name="ledger_shown")
    op.drop_table("ledger_shown")
