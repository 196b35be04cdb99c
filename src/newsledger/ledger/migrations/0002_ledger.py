"""Ledger tables: merged reports and their components, candidate links, decisions,
records and claims to check.

Written out in full, like 0001, so that it keeps creating the schema of its day. It lives
beside ``newsledger.ledger.tables``, which declares the same tables (and
tests/ledger/test_tables.py checks that they agree): the ledger's tables and their
migrations are in one place, found by ``store.migrate.version_locations``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ledger_documents",
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("merged", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_ledger_documents")),
    )
    op.create_table(
        "ledger_reports",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("component", sa.String(length=255), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_ledger_reports")),
    )
    op.create_index(op.f("ix_ledger_reports_document_id"), "ledger_reports", ["document_id"])
    op.create_index(op.f("ix_ledger_reports_component"), "ledger_reports", ["component"])
    op.create_table(
        "ledger_links",
        sa.Column("a", sa.String(length=255), nullable=False),
        sa.Column("b", sa.String(length=255), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("a", "b", name=op.f("pk_ledger_links")),
    )
    op.create_table(
        "ledger_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("pairs", sa.JSON(), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_decisions")),
    )
    op.create_table(
        "ledger_records",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_records")),
    )
    op.create_index(op.f("ix_ledger_records_type"), "ledger_records", ["type"])
    op.create_index(op.f("ix_ledger_records_date_start"), "ledger_records", ["date_start"])
    op.create_table(
        "ledger_claims",
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_ledger_claims")),
    )


def downgrade() -> None:
    op.drop_table("ledger_claims")
    op.drop_index(op.f("ix_ledger_records_date_start"), table_name="ledger_records")
    op.drop_index(op.f("ix_ledger_records_type"), table_name="ledger_records")
    op.drop_table("ledger_records")
    op.drop_table("ledger_decisions")
    op.drop_table("ledger_links")
    op.drop_index(op.f("ix_ledger_reports_component"), table_name="ledger_reports")
    op.drop_index(op.f("ix_ledger_reports_document_id"), table_name="ledger_reports")
    op.drop_table("ledger_reports")
    op.drop_table("ledger_documents")
