"""PostgreSQL: search index (normalised words, GIN), decision times with their time zone; nothing changes on SQLite

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

from karabakh_annotator.core.storage.search.postgres_fts import DROP_TABLE, PostgresSearchIndex

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# 0006 created these without a time zone, unlike every other time column
# (the same on SQLite, where a time is text either way).
_DECISION_TABLES = ("suggestion_decisions", "match_decisions")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # rebuild() creates the table and its indexes and fills them from the articles already stored.
    PostgresSearchIndex().rebuild(bind)
    for table in _DECISION_TABLES:
        # The application stores UTC times, so the bare values are UTC.
        op.execute(
            f"ALTER TABLE {table} ALTER COLUMN created_at TYPE TIMESTAMP WITH TIME ZONE "
            "USING created_at AT TIME ZONE 'UTC'"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _DECISION_TABLES:
        op.execute(
            f"ALTER TABLE {table} ALTER COLUMN created_at TYPE TIMESTAMP WITHOUT TIME ZONE "
            "USING created_at AT TIME ZONE 'UTC'"
        )
    op.execute(DROP_TABLE)
