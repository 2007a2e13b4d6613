"""rejected suggestions and answered same-claim / contradiction pairs

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestion_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("analyst_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint('"end" > start', name=op.f("ck_suggestion_decisions_span_not_empty")),
        sa.ForeignKeyConstraint(
            ["analyst_id"], ["analysts.id"], name=op.f("fk_suggestion_decisions_analyst_id_analysts")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_suggestion_decisions_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_decisions")),
        sa.UniqueConstraint("article_id", "start", "end", name="uq_suggestion_decisions_span"),
    )
    op.create_table(
        "match_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("statement_a_id", sa.Integer(), nullable=False),
        sa.Column("statement_b_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("analyst_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('same', 'contradiction')", name=op.f("ck_match_decisions_kind_known")),
        sa.CheckConstraint(
            "decision IN ('accepted', 'dismissed')", name=op.f("ck_match_decisions_decision_known")
        ),
        sa.CheckConstraint("statement_a_id < statement_b_id", name=op.f("ck_match_decisions_pair_ordered")),
        sa.ForeignKeyConstraint(["analyst_id"], ["analysts.id"], name=op.f("fk_match_decisions_analyst_id_analysts")),
        sa.ForeignKeyConstraint(
            ["statement_a_id"], ["statements.id"], name=op.f("fk_match_decisions_statement_a_id_statements")
        ),
        sa.ForeignKeyConstraint(
            ["statement_b_id"], ["statements.id"], name=op.f("fk_match_decisions_statement_b_id_statements")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_decisions")),
        sa.UniqueConstraint("statement_a_id", "statement_b_id", "kind", name="uq_match_decisions_pair"),
    )
    op.create_index(
        op.f("ix_match_decisions_statement_b_id"), "match_decisions", ["statement_b_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_match_decisions_statement_b_id"), table_name="match_decisions")
    op.drop_table("match_decisions")
    op.drop_table("suggestion_decisions")
