"""row versions for optimistic concurrency, and the server role of an analyst

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-22

Statements and claims get a `version` counter: an edit names the version it
was based on, and one made on an older version is refused instead of silently
overwriting another analyst's change. `analysts.db_role` ties an analyst to
the PostgreSQL login role the server knows them by (team mode).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("statements", "claims"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("analysts") as batch:
        batch.add_column(sa.Column("db_role", sa.String(63), nullable=True))
        batch.create_unique_constraint(batch.f("uq_analysts_db_role"), ["db_role"])


def downgrade() -> None:
    with op.batch_alter_table("analysts") as batch:
        batch.drop_constraint(batch.f("uq_analysts_db_role"), type_="unique")
        batch.drop_column("db_role")
    for table in ("claims", "statements"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
