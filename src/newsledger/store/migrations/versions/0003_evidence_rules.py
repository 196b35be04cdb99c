"""Evidence rules: the rule id and cue that chose each value (``model.Evidence``), beside
the span already kept in ``event_provenance`` and ``event_roles``.

Nullable, so that rows stored before keep reading back as plain spans.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("event_provenance", "event_roles")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("rule", sa.String(length=64), nullable=True))
        op.add_column(table, sa.Column("cue", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("cue")
            batch.drop_column("rule")
