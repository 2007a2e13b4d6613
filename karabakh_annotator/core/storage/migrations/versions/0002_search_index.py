"""full-text search index (SQLite FTS5 over normalised tokens)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

from karabakh_annotator.core.storage.search.sqlite_fts import DROP_FTS, SqliteFtsIndex

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        # rebuild() creates the table and indexes the articles already stored.
        SqliteFtsIndex().rebuild(bind)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(DROP_FTS)
