"""Full-text search behind a small adapter: SQLite FTS5, PostgreSQL full-text types, a portable scan elsewhere.

This package is the only place allowed dialect-specific search SQL (DESIGN.md).
"""

from __future__ import annotations

from karabakh_annotator.core.storage.search.base import SearchIndex, index_text
from karabakh_annotator.core.storage.search.portable import PortableScanIndex
from karabakh_annotator.core.storage.search.postgres_fts import PostgresSearchIndex
from karabakh_annotator.core.storage.search.sqlite_fts import SqliteFtsIndex

__all__ = ["SearchIndex", "index_for", "index_text"]


def index_for(dialect_name: str) -> SearchIndex:
    """The search index implementation for a database dialect."""
    if dialect_name == "sqlite":
        return SqliteFtsIndex()
    if dialect_name == "postgresql":
        return PostgresSearchIndex()
    return PortableScanIndex()

