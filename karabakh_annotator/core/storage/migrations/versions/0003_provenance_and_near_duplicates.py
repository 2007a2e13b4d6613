"""article provenance (encoding, cleaning report) and near-duplicate sketches

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from karabakh_annotator.core.text.fingerprint import sketch
from karabakh_annotator.core.text.normalize import normalized_only

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("raw_encoding", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("cleaning_report", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("near_duplicate_of_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_articles_near_duplicate_of_id_articles"), "articles", ["near_duplicate_of_id"], ["id"]
        )
    sketches = op.create_table(
        "article_sketches",
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_article_sketches_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("value", "article_id", name=op.f("pk_article_sketches")),
        sqlite_with_rowid=False,
    )
    bind = op.get_bind()
    rows = [
        {"article_id": article_id, "value": value}
        for article_id, text in bind.execute(sa.text("SELECT id, text FROM articles")).all()
        for value in sketch(normalized_only(text))
    ]
    if rows:
        op.bulk_insert(sketches, rows)


def downgrade() -> None:
    op.drop_table("article_sketches")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_articles_near_duplicate_of_id_articles"), type_="foreignkey")
        batch_op.drop_column("near_duplicate_of_id")
        batch_op.drop_column("cleaning_report")
        batch_op.drop_column("raw_encoding")
