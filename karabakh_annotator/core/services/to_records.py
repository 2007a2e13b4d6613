"""Copy ORM rows into frozen records before the session closes."""

from __future__ import annotations

from sqlalchemy.orm import selectinload
from sqlalchemy.sql.base import ExecutableOption

from karabakh_annotator.core.records import (
    ArticleRecord,
    ClaimRecord,
    EntityRecord,
    LabelRecord,
    StatementRecord,
)
from karabakh_annotator.core.storage.models import Article, Claim, Entity, Label, Statement


def label_record(label: Label) -> LabelRecord:
    """A label as a plain record."""
    return LabelRecord(
        label.id,
        label.label_set,
        label.key,
        label.name_en,
        label.name_ar,
        label.color,
        label.position,
        label.rating_value,
        label.retired,
    )


def article_record(article: Article) -> ArticleRecord:
    """An article with its text."""
    return ArticleRecord(
        article.id,
        article.text,
        article.title,
        article.outlet,
        article.url,
        article.published,
        article.published_raw,
        article.source_file,
        article.content_hash,
    )


def entity_record(entity: Entity) -> EntityRecord:
    """A speaker or outlet with its aliases."""
    return EntityRecord(
        entity.id,
        entity.name,
        tuple(alias.alias for alias in entity.aliases),
        entity.source_type.key if entity.source_type else None,
        entity.party.key if entity.party else None,
    )


def claim_record(claim: Claim) -> ClaimRecord:
    """A claim with its status and verdict as label keys."""
    return ClaimRecord(
        claim.id,
        claim.summary,
        claim.status.key,
        claim.verdict.key if claim.verdict else None,
        claim.rating_value,
        claim.explanation,
        claim.deleted_at is not None,
        claim.assignee.name if claim.assignee else None,
        claim.drafted_by.name if claim.drafted_by else None,
        claim.version,
    )


# What statement_record reads: load it with the statements, never lazily later.
STATEMENT_RELATIONS: tuple[ExecutableOption, ...] = (
    selectinload(Statement.speaker),
    selectinload(Statement.analyst),
    selectinload(Statement.cue_class),
    selectinload(Statement.stance),
    selectinload(Statement.party),
    selectinload(Statement.claim).selectinload(Claim.status),
    selectinload(Statement.claim).selectinload(Claim.verdict),
    selectinload(Statement.claim).selectinload(Claim.assignee),
    selectinload(Statement.claim).selectinload(Claim.drafted_by),
)


def statement_record(statement: Statement) -> StatementRecord:
    """A statement with labels as keys, its speaker's name and its claim."""
    return StatementRecord(
        id=statement.id,
        article_id=statement.article_id,
        start=statement.start,
        end=statement.end,
        quote=statement.quote,
        prefix=statement.prefix,
        suffix=statement.suffix,
        speaker_id=statement.speaker_id,
        speaker=statement.speaker.name if statement.speaker else None,
        cue=statement.cue,
        cue_class=statement.cue_class.key if statement.cue_class else None,
        stance=statement.stance.key if statement.stance else None,
        party=statement.party.key if statement.party else None,
        claim_id=statement.claim_id,
        analyst=statement.analyst.name,
        note=statement.note,
        created_at=statement.created_at,
        updated_at=statement.updated_at,
        deleted=statement.deleted_at is not None,
        claim=claim_record(statement.claim) if statement.claim else None,
        version=statement.version,
    )
