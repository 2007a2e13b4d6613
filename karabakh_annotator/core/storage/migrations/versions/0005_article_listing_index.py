"""covering index for the article list

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_articles_listing",
        "articles",
        ["id", "title", "outlet", "published", "published_raw", "source_file"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_articles_listing", table_name="articles")
