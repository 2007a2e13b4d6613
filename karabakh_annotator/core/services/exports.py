"""Selecting statements as flat rows, with the claims panel's filters (export and table)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from karabakh_annotator.core.exporters.csv_export import StatementRow
from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services.to_records import STATEMENT_RELATIONS
from karabakh_annotator.core.storage.models import Analyst, Article, Claim, Label, Statement


@dataclass(frozen=True, slots=True)
class StatementFilter:
    """Which statements to show or export; empty fields do not filter."""

    article_ids: frozenset[int] = frozenset()
    speaker_id: int | None = None
    stance: str | None = None
    status: str | None = None
    verdict: str | None = None
    analyst: str | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None
    include_deleted: bool = False


def _label_id(label_set: LabelSet, key: str) -> Any:
    return select(Label.id).where(Label.label_set == label_set.value, Label.key == key).scalar_subquery()


def _filtered(query: Select[Any], filters: StatementFilter) -> Select[Any]:
    # Filters compare ids found by subquery rather than joining label rows,
    # so SQLite can start from the selective index (claims by status, say).
    if not filters.include_deleted:
        query = query.where(Statement.deleted_at.is_(None))
    if filters.article_ids:
        query = query.where(Statement.article_id.in_(filters.article_ids))
    if filters.analyst:
        query = query.where(Statement.analyst_id == select(Analyst.id).where(Analyst.name == filters.analyst).scalar_subquery())
    if filters.speaker_id is not None:
        query = query.where(Statement.speaker_id == filters.speaker_id)
    if filters.stance:
        query = query.where(Statement.stance_id == _label_id(LabelSet.REPORTING_STANCE, filters.stance))
    claims = select(Claim.id)
    if filters.status:
        claims = claims.where(Claim.status_id == _label_id(LabelSet.WORKFLOW_STATUS, filters.status))
    if filters.verdict:
        claims = claims.where(Claim.verdict_id == _label_id(LabelSet.VERDICT, filters.verdict))
    if filters.status or filters.verdict:
        query = query.where(Statement.claim_id.in_(claims))
    if filters.published_from or filters.published_to:
        articles = select(Article.id)
        if filters.published_from:
            articles = articles.where(Article.published >= filters.published_from)
        if filters.published_to:
            articles = articles.where(Article.published <= filters.published_to)
        query = query.where(Statement.article_id.in_(articles))
    return query


def _row(statement: Statement) -> StatementRow:
    article, claim = statement.article, statement.claim
    return StatementRow(
        statement_id=statement.id,
        article_id=article.id,
        article_title=article.title,
        outlet=article.outlet,
        published=article.published,
        source_file=article.source_file,
        start=statement.start,
        end=statement.end,
        quote=statement.quote,
        prefix=statement.prefix,
        suffix=statement.suffix,
        speaker=statement.speaker.name if statement.speaker else None,
        cue=statement.cue,
        cue_class=statement.cue_class.key if statement.cue_class else None,
        reporting_stance=statement.stance.key if statement.stance else None,
        party_alignment=statement.party.key if statement.party else None,
        claim_id=claim.id if claim else None,
        claim_summary=claim.summary if claim else None,
        status=claim.status.key if claim else None,
        verdict=claim.verdict.key if claim and claim.verdict else None,
        rating_value=claim.rating_value if claim else None,
        explanation=claim.explanation if claim else None,
        analyst=statement.analyst.name,
        note=statement.note,
        created_at=statement.created_at,
        updated_at=statement.updated_at,
    )


class ExportService:
    """Flatten statements into export rows in article and text order."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def count(self, filters: StatementFilter | None = None) -> int:
        """How many statements match `filters`."""
        query = _filtered(select(func.count(Statement.id)).select_from(Statement), filters or StatementFilter())
        with self._sessions() as session:
            return session.scalar(query) or 0

    def statement_rows(
        self, filters: StatementFilter | None = None, offset: int = 0, limit: int | None = None
    ) -> list[StatementRow]:
        """The statements matching `filters`, flattened, in article and text order (one page if `limit`)."""
        query = _filtered(select(Statement), filters or StatementFilter())
        query = query.options(
            selectinload(Statement.article).load_only(
                Article.title, Article.outlet, Article.published, Article.source_file
            ),
            *STATEMENT_RELATIONS,
        ).order_by(Statement.article_id, Statement.start, Statement.id)
        if offset:
            query = query.offset(offset)
        if limit is not None:
            query = query.limit(limit)
        with self._sessions() as session:
            return [_row(s) for s in session.scalars(query)]
