"""Storing and reading articles."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only, sessionmaker

from karabakh_annotator.core.records import (
    ArticleRecord,
    ArticleSummary,
    Changes,
    ImportFailure,
    ImportOutcome,
    ParsedArticle,
)
from karabakh_annotator.core.services.article_store import store_parsed_article
from karabakh_annotator.core.services.to_records import article_record, article_summary
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.models import Article, Statement
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

        Each article is written inside its own SAVEPOINT and the transaction is
        committed every `batch_size` articles (and at the end); an outcome is
        yielded only once it is committed, so "imported" always means durable.
        """
        done = 0
        pending: list[ImportOutcome] = []
        with self._sessions() as session:

            def flush_pending() -> Iterator[ImportOutcome]:
                nonlocal done
                session.commit()
                for outcome in pending:
                    done += 1
                    if progress is not None:
                        progress(done, outcome)
                    yield outcome
                pending.clear()

            for item in items:
                if isinstance(item, ImportFailure):
                    pending.append(ImportOutcome(item.source_file, "failed", reason=item.reason))
                else:
                    pending.append(store_parsed_article(session, self._index, item))
                if len(pending) >= batch_size:
                    yield from flush_pending()
            yield from flush_pending()

    def list_articles(self) -> list[ArticleSummary]:
        """Every article with its count of live statements, in import order."""
        counts = (
            select(Statement.article_id, func.count(Statement.id).label("n"))
            .where(Statement.deleted_at.is_(None))
            .group_by(Statement.article_id)
            .subquery()
        )
        query = (
            select(Article, func.coalesce(counts.c.n, 0))
            .options(
                load_only(
                    Article.title, Article.outlet, Article.published, Article.published_raw, Article.source_file
                )
            )
            .outerjoin(counts, counts.c.article_id == Article.id)
            .order_by(Article.id)
        )
        with self._sessions() as session:
            return [article_summary(article, count) for article, count in session.execute(query)]

    def get_article(self, article_id: int) -> ArticleRecord:
        """One article with its text."""
        with self._sessions() as session:
            article = session.get(Article, article_id)
            if article is None:
                raise ServiceError(f"no article with id {article_id}")
            return article_record(article)
