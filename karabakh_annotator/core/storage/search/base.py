"""What a search index does: store normalised tokens of articles, propose candidates."""

from __future__ import annotations

from typing import Protocol

from collections.abc import Sequence

from sqlalchemy import Connection

from karabakh_annotator.core.text.normalize import word_tokens
from karabakh_annotator.core.text.search_query import Query


def index_text(text: str) -> str:
    """The normalised token stream an index stores for `text` (tokens joined by spaces)."""
    return " ".join(word_tokens(text))


class SearchIndex(Protocol):
    """Candidate retrieval; exact offsets are found afterwards in the original text."""

    def add_articles(self, connection: Connection, entries: Sequence[tuple[int, Sequence[str]]]) -> None:
        """Index (article id, normalised words) pairs inside the caller's transaction."""

    def candidates(self, connection: Connection, query: Query, limit: int) -> list[int]:
        """Ids of articles that may match `query`, newest first, at most `limit`."""

    def rebuild(self, connection: Connection) -> int:
        """Re-index every article; return how many."""
