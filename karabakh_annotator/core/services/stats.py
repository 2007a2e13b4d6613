"""Counts a desk reports: statements by verdict, status, speaker and outlet."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from karabakh_annotator.core.storage.models import Article, Claim, Entity, Label, Statement


@dataclass(frozen=True, slots=True)
class Count:
    """How many live statements share one value of one dimension."""

    dimension: str
    value: str | None
    count: int


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    statements: int
    claims: int
    counts: tuple[Count, ...]


class StatsService:
    """Aggregate counts over live (not deleted) statements."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def stats(self) -> Stats:
        """Totals, and statement counts by verdict, status, speaker and outlet."""
        live = Statement.deleted_at.is_(None)
        status, verdict = aliased(Label), aliased(Label)
        dimensions = {
            "verdict": select(verdict.key, func.count(Statement.id))
            .select_from(Statement)
            .outerjoin(Claim, Statement.claim_id == Claim.id)
            .outerjoin(verdict, Claim.verdict_id == verdict.id),
            "status": select(status.key, func.count(Statement.id))
            .select_from(Statement)
            .outerjoin(Claim, Statement.claim_id == Claim.id)
            .outerjoin(status, Claim.status_id == status.id),
            "speaker": select(Entity.name, func.count(Statement.id))
            .select_from(Statement)
            .outerjoin(Entity, Statement.speaker_id == Entity.id),
            "outlet": select(Article.outlet, func.count(Statement.id))
            .select_from(Statement)
            .join(Article, Statement.article_id == Article.id),
        }
        counts: list[Count] = []
        with self._sessions() as session:
            for name, query in dimensions.items():
                value_column = query.selected_columns[0]
                rows = session.execute(
                    query.where(live).group_by(value_column).order_by(func.count(Statement.id).desc(), value_column)
                )
                counts.extend(Count(name, value, n) for value, n in rows)
            return Stats(
                articles=session.scalar(select(func.count(Article.id))) or 0,
                statements=session.scalar(select(func.count(Statement.id)).where(live)) or 0,
                claims=session.scalar(select(func.count(Claim.id)).where(Claim.deleted_at.is_(None))) or 0,
                counts=tuple(counts),
            )
