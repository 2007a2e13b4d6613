"""Storing and reading articles."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.records import (
    ArticleRecord,
    ArticleSummary,
    Changes,
    ImportFailure,
    ImportOutcome,
    ParsedArticle,
)
from karabakh_annotator.core.services.article_store import store_batch
from karabakh_annotator.core.services.to_records import article_record
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.models import Article, Claim, Label, Statement
from karabakh_annotator.core.storage.search import SearchIndex

ProgressCallback = Callable[[int, ImportOutcome], None]
IMPORT_BATCH_SIZE = 100

class ArticleService:
    """Import articles (one transaction each) and read them back."""

    def __init__(self, sessions: sessionmaker[Session], index: SearchIndex) -> None:
        self._sessions = sessions
        self._index = index

    def store_article(self, parsed: ParsedArticle) -> ImportOutcome:
        """Store one parsed article, or report the stored one with the same text."""
        return next(iter(self.import_all([parsed])))

    def import_all(
        self,
        items: Iterable[ParsedArticle | ImportFailure],
        progress: ProgressCallback | None = None,
        batch_size: int = IMPORT_BATCH_SIZE,
    ) -> Iterator[ImportOutcome]:
        """Store each parsed article all-or-nothing, yielding one outcome per item.

        Articles are written `batch_size` at a time, each batch in one
        transaction (a failing article is retried alone and fails alone);
        outcomes are yielded only after their batch is committed, so
        "imported" always means durable.
        """
        done = 0
        batch: list[ParsedArticle | ImportFailure] = []
        with self._sessions() as session:

            def write_batch() -> Iterator[ImportOutcome]:
                nonlocal done
                outcomes = store_batch(session.connection(), self._index, batch)
                session.commit()
                batch.clear()
                for outcome in outcomes:
                    done += 1
                    if progress is not None:
                        progress(done, outcome)
                    yield outcome

            for item in items:
                batch.append(item)
                if len(batch) >= batch_size:
                    yield from write_batch()
            if batch:
                yield from write_batch()

    def list_articles(self) -> list[ArticleSummary]:
        """Every article with its count of live statements, in import order."""
        return self._summaries(None)

    def article_summaries(self, article_ids: Iterable[int]) -> list[ArticleSummary]:
        """The summaries of some articles (to refresh their rows after an edit)."""
        return self._summaries(frozenset(article_ids))

    def _summaries(self, article_ids: frozenset[int] | None) -> list[ArticleSummary]:
        # Two plain queries merged here: the listing columns come from a
        # covering index, and the join to counted statements cost more than both.
        counts = (
            select(Statement.article_id, func.count(Statement.id))
            .where(Statement.deleted_at.is_(None))
            .group_by(Statement.article_id)
        )
        listing = select(
            Article.id, Article.title, Article.outlet, Article.published, Article.published_raw, Article.source_file
        ).order_by(Article.id)
        if article_ids is not None:
            counts = counts.where(Statement.article_id.in_(article_ids))
            listing = listing.where(Article.id.in_(article_ids))
        with self._sessions() as session:
            counted: dict[int, int] = {article_id: n for article_id, n in session.execute(counts).all()}
            return [ArticleSummary(*row, counted.get(row[0], 0)) for row in session.execute(listing).all()]

    def outlets(self) -> list[str]:
        """The distinct outlets, alphabetically."""
        with self._sessions() as session:
            rows = session.scalars(select(Article.outlet).where(Article.outlet.is_not(None)).distinct())
            return sorted(outlet for outlet in rows if outlet)

    def article_ids_with_status(self, status: str) -> frozenset[int]:
        """Articles with a live statement whose claim is in workflow status `status`."""
        query = (
            select(Statement.article_id)
            .join(Claim, Statement.claim_id == Claim.id)
            .join(Label, Claim.status_id == Label.id)
            .where(Label.key == status, Statement.deleted_at.is_(None))
            .distinct()
        )
        with self._sessions() as session:
            return frozenset(session.scalars(query))

    def get_article(self, article_id: int) -> ArticleRecord:
        """One article with its text."""
        with self._sessions() as session:
            article = session.get(Article, article_id)
            if article is None:
                raise ServiceError(f"no article with id {article_id}")
            return article_record(article)
