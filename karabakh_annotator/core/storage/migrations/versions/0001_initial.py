"""initial schema with default label sets

Revision ID: 0001
Revises: 
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from karabakh_annotator.core.storage.seed import insert_missing_default_labels


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('analysts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(name) > 0', name=op.f('ck_analysts_name_not_empty')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysts')),
    sa.UniqueConstraint('name', name=op.f('uq_analysts_name'))
    )
    op.create_table('articles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('raw', sa.LargeBinary(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('published_raw', sa.String(length=200), nullable=True),
    sa.Column('source_file', sa.Text(), nullable=True),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(text) > 0', name=op.f('ck_articles_text_not_empty')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_articles_content_hash'))
    )
    op.create_table('labels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('label_set', sa.String(length=40), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('name_ar', sa.String(length=120), nullable=False),
    sa.Column('color', sa.String(length=9), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('rating_value', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.CheckConstraint("color LIKE '#%'", name=op.f('ck_labels_color_hex')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labels')),
    sa.UniqueConstraint('label_set', 'key', name='uq_labels_set_key')
    )
    op.create_table('claims',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('summary', sa.String(length=75), nullable=False),
    sa.Column('status_id', sa.Integer(), nullable=False),
    sa.Column('verdict_id', sa.Integer(), nullable=True),
    sa.Column('rating_value', sa.Integer(), nullable=True),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('length(summary) > 0 AND length(summary) <= 75', name=op.f('ck_claims_summary_length')),
    sa.ForeignKeyConstraint(['created_by_id'], ['analysts.id'], name=op.f('fk_claims_created_by_id_analysts')),
    sa.ForeignKeyConstraint(['status_id'], ['labels.id'], name=op.f('fk_claims_status_id_labels')),
    sa.ForeignKeyConstraint(['verdict_id'], ['labels.id'], name=op.f('fk_claims_verdict_id_labels')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    op.create_table('entities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('source_type_id', sa.Integer(), nullable=True),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('length(name) > 0', name=op.f('ck_entities_name_not_empty')),
    sa.ForeignKeyConstraint(['party_id'], ['labels.id'], name=op.f('fk_entities_party_id_labels')),
    sa.ForeignKeyConstraint(['source_type_id'], ['labels.id'], name=op.f('fk_entities_source_type_id_labels')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entities')),
    sa.UniqueConstraint('name', name=op.f('uq_entities_name'))
    )
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('analyst_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity_type', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['analyst_id'], ['analysts.id'], name=op.f('fk_events_analyst_id_analysts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_entity', ['entity_type', 'entity_id'], unique=False)

    op.create_table('entity_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['entity_id'], ['entities.id'], name=op.f('fk_entity_aliases_entity_id_entities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entity_aliases')),
    sa.UniqueConstraint('entity_id', 'alias', name='uq_entity_aliases_entity_alias')
    )
    op.create_table('statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('prefix', sa.Text(), nullable=False),
    sa.Column('suffix', sa.Text(), nullable=False),
    sa.Column('speaker_id', sa.Integer(), nullable=True),
    sa.Column('cue', sa.String(length=80), nullable=True),
    sa.Column('cue_class_id', sa.Integer(), nullable=True),
    sa.Column('stance_id', sa.Integer(), nullable=True),
    sa.Column('party_id', sa.Integer(), nullable=True),
    sa.Column('claim_id', sa.Integer(), nullable=True),
    sa.Column('analyst_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('"end" > start', name=op.f('ck_statements_span_not_empty')),
    sa.CheckConstraint('length(quote) = "end" - start', name=op.f('ck_statements_quote_matches_span')),
    sa.CheckConstraint('start >= 0', name=op.f('ck_statements_start_not_negative')),
    sa.ForeignKeyConstraint(['analyst_id'], ['analysts.id'], name=op.f('fk_statements_analyst_id_analysts')),
    sa.ForeignKeyConstraint(['article_id'], ['articles.id'], name=op.f('fk_statements_article_id_articles')),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_statements_claim_id_claims')),
    sa.ForeignKeyConstraint(['cue_class_id'], ['labels.id'], name=op.f('fk_statements_cue_class_id_labels')),
    sa.ForeignKeyConstraint(['party_id'], ['labels.id'], name=op.f('fk_statements_party_id_labels')),
    sa.ForeignKeyConstraint(['speaker_id'], ['entities.id'], name=op.f('fk_statements_speaker_id_entities')),
    sa.ForeignKeyConstraint(['stance_id'], ['labels.id'], name=op.f('fk_statements_stance_id_labels')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statements'))
    )
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.create_index('ix_statements_article_span', ['article_id', 'start'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('stance_id', sa.Integer(), nullable=False),
    sa.Column('citation', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=True),
    sa.Column('analyst_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['analyst_id'], ['analysts.id'], name=op.f('fk_evidence_analyst_id_analysts')),
    sa.ForeignKeyConstraint(['claim_id'], ['claims.id'], name=op.f('fk_evidence_claim_id_claims')),
    sa.ForeignKeyConstraint(['stance_id'], ['labels.id'], name=op.f('fk_evidence_stance_id_labels')),
    sa.ForeignKeyConstraint(['statement_id'], ['statements.id'], name=op.f('fk_evidence_statement_id_statements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    insert_missing_default_labels(op.get_bind())


def downgrade() -> None:
    op.drop_table('evidence')
    with op.batch_alter_table('statements', schema=None) as batch_op:
        batch_op.drop_index('ix_statements_article_span')

    op.drop_table('statements')
    op.drop_table('entity_aliases')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_entity')

    op.drop_table('events')
    op.drop_table('entities')
    op.drop_table('claims')
    op.drop_table('labels')
    op.drop_table('articles')
    op.drop_table('analysts')
