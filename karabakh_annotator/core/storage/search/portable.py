"""Dialect-neutral fallback: every article is a candidate (databases without an index of their own)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select

from karabakh_annotator.core.storage.models import Article
from karabakh_annotator.core.text.search_query import Query


class PortableScanIndex:
    """No index: candidates are all articles, checked one by one afterwards."""

    def add_articles(self, connection: Connection, entries: Sequence[tuple[int, Sequence[str]]]) -> None:
        """Nothing to store."""

    def candidates(self, connection: Connection, query: Query, limit: int) -> list[int]:
        """Every article id, newest first (the caller stops after `limit` real hits)."""
        return list(connection.scalars(select(Article.id).order_by(Article.id.desc())))

    def rebuild(self, connection: Connection) -> int:
        """Nothing to rebuild."""
        return 0
