"""claim assignee and the analyst who drafted its verdict

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("assignee_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("drafted_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(batch.f("fk_claims_assignee_id_analysts"), "analysts", ["assignee_id"], ["id"])
        batch.create_foreign_key(batch.f("fk_claims_drafted_by_id_analysts"), "analysts", ["drafted_by_id"], ["id"])
        batch.create_index(batch.f("ix_claims_assignee_id"), ["assignee_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_index(batch.f("ix_claims_assignee_id"))
        batch.drop_constraint(batch.f("fk_claims_drafted_by_id_analysts"), type_="foreignkey")
        batch.drop_constraint(batch.f("fk_claims_assignee_id_analysts"), type_="foreignkey")
        batch.drop_column("drafted_by_id")
        batch.drop_column("assignee_id")
