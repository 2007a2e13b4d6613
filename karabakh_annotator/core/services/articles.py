"""Storing and reading articles."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, load_only, sessionmaker

from karabakh_annotator.core.records import (
    ArticleRecord,
    ArticleSummary,
    Changes,
    ImportFailure,
    ImportOutcome,
    ParsedArticle,
)
from karabakh_annotator.core.services.to_records import article_record, article_summary
from karabakh_annotator.core.services.unit_of_work import ServiceError, record_event
from karabakh_annotator.core.storage.models import Article, Statement
from karabakh_annotator.core.text.anchors import content_hash

ProgressCallback = Callable[[int, ImportOutcome], None]


class ArticleService:
    """Import articles (one transaction each) and read them back."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def store_article(self, parsed: ParsedArticle) -> ImportOutcome:
        """Store one parsed article, or report the stored one with the same text."""
        text = parsed.text
        if not text.strip():
            return ImportOutcome(parsed.source_file, "failed", reason="no article text left after cleaning")
        digest = content_hash(text)
        with self._sessions.begin() as session:
            existing = session.scalar(select(Article.id).where(Article.content_hash == digest))
            if existing is not None:
                return ImportOutcome(parsed.source_file, "duplicate", article_id=existing)
            article = Article(
                text=text,
                raw=parsed.raw,
                content_hash=digest,
                title=parsed.title,
                outlet=parsed.outlet,
                url=parsed.url,
                published=parsed.published,
                published_raw=parsed.published_raw,
                source_file=parsed.source_file,
            )
            session.add(article)
            try:
                session.flush()
            except IntegrityError:
                # Another process stored the same text between our check and insert.
                session.rollback()
                return self._duplicate_after_race(parsed.source_file, digest)
            record_event(session, None, "import", "article", article.id, new=parsed.source_file)
            article_id = article.id
        return ImportOutcome(
            parsed.source_file, "imported", article_id=article_id, changes=Changes(articles=frozenset({article_id}))
        )

    def _duplicate_after_race(self, source_file: str, digest: str) -> ImportOutcome:
        with self._sessions() as session:
            existing = session.scalar(select(Article.id).where(Article.content_hash == digest))
        return ImportOutcome(source_file, "duplicate", article_id=existing)

    def import_all(
        self, items: Iterable[ParsedArticle | ImportFailure], progress: ProgressCallback | None = None
    ) -> Iterator[ImportOutcome]:
        """Store each parsed article in its own transaction, yielding one outcome per item."""
        for index, item in enumerate(items, start=1):
            if isinstance(item, ImportFailure):
                outcome = ImportOutcome(item.source_file, "failed", reason=item.reason)
            else:
                outcome = self.store_article(item)
            if progress is not None:
                progress(index, outcome)
            yield outcome

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
