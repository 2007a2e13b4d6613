"""indexes for the claims panel's filters (status, verdict, claim, speaker, stance, analyst)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_INDEXES = {
    "claims": ("status_id", "verdict_id"),
    "statements": ("claim_id", "speaker_id", "stance_id", "analyst_id"),
}


def upgrade() -> None:
    for table, columns in _INDEXES.items():
        for column in columns:
            op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def downgrade() -> None:
    for table, columns in _INDEXES.items():
        for column in columns:
            op.drop_index(f"ix_{table}_{column}", table_name=table)
