"""Storing and reading articles."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import cast

from sqlalchemy import Table, bindparam, func, select
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
from karabakh_annotator.core.clock import utc_now
from karabakh_annotator.core.services.unit_of_work import ServiceError, encode_value
from karabakh_annotator.core.storage.models import Article, Event, Statement
from karabakh_annotator.core.storage.search import SearchIndex
from karabakh_annotator.core.text.anchors import content_hash

ProgressCallback = Callable[[int, ImportOutcome], None]
IMPORT_BATCH_SIZE = 100

# Prebuilt Core statements with bound parameters: compiled once and cached,
# where building ORM inserts per article cost more than the writes themselves.
_ARTICLES, _EVENTS = cast(Table, Article.__table__), cast(Table, Event.__table__)
_FIND_BY_HASH = select(_ARTICLES.c.id).where(_ARTICLES.c.content_hash == bindparam("digest"))
_INSERT_ARTICLE = _ARTICLES.insert().returning(_ARTICLES.c.id)
_INSERT_EVENT = _EVENTS.insert()


def _store(session: Session, index: SearchIndex, parsed: ParsedArticle) -> ImportOutcome:
    """Insert one article inside a savepoint: all of it or nothing of it."""
    text = parsed.text
    if not text.strip():
        return ImportOutcome(parsed.source_file, "failed", reason="no article text left after cleaning")
    digest = content_hash(text)
    connection = session.connection()
    existing = connection.execute(_FIND_BY_HASH, {"digest": digest}).scalar()
    if existing is not None:
        return ImportOutcome(parsed.source_file, "duplicate", article_id=existing)
    values = {
        "text": text,
        "raw": parsed.raw,
        "content_hash": digest,
        "title": parsed.title,
        "outlet": parsed.outlet,
        "url": parsed.url,
        "published": parsed.published,
        "published_raw": parsed.published_raw,
        "source_file": parsed.source_file,
        "imported_at": utc_now(),
    }
    try:
        with session.begin_nested():
            article_id = connection.execute(_INSERT_ARTICLE, values).scalar_one()
            event = {
                "at": values["imported_at"],
                "analyst_id": None,
                "action": "import",
                "entity_type": "article",
                "entity_id": article_id,
                "field": None,
                "old_value": None,
                "new_value": encode_value(parsed.source_file),
            }
            connection.execute(_INSERT_EVENT, event)
            index.add_article(connection, article_id, text)
    except IntegrityError:
        # Another process stored the same text between our check and insert.
        existing = connection.execute(_FIND_BY_HASH, {"digest": digest}).scalar()
        return ImportOutcome(parsed.source_file, "duplicate", article_id=existing)
    return ImportOutcome(
        parsed.source_file, "imported", article_id=article_id, changes=Changes(articles=frozenset({article_id}))
    )


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
                    pending.append(_store(session, self._index, item))
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
