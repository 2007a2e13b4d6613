"""Normalised Arabic search: candidates from the index, exact offsets from the text."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.storage.models import Article, Statement
from karabakh_annotator.core.storage.search import SearchIndex
from karabakh_annotator.core.text.normalize import normalize_for_search
from karabakh_annotator.core.text.search_query import find_spans_in, parse_query

SNIPPET_CONTEXT = 40
HIT_OPEN, HIT_CLOSE = "[", "]"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One occurrence: offsets into the stored article text, and a snippet marking it."""

    article_id: int
    start: int
    end: int
    snippet: str
    statement_id: int | None = None


def snippet(text: str, start: int, end: int, context: int = SNIPPET_CONTEXT) -> str:
    """The hit in [brackets] with up to `context` characters either side, on one line."""
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    lead = "…" if start > context else ""
    tail = "…" if end + context < len(text) else ""
    body = f"{lead}{before}{HIT_OPEN}{text[start:end]}{HIT_CLOSE}{after}{tail}"
    return " ".join(body.split())


class SearchService:
    """Search articles (and the statements that cover each hit)."""

    def __init__(self, sessions: sessionmaker[Session], index: SearchIndex) -> None:
        self._sessions = sessions
        self._index = index

    def search(self, query_text: str, limit: int = 100) -> list[SearchHit]:
        """Hits for words, "phrases" and prefix* terms, newest articles first, at most `limit`."""
        query = parse_query(query_text)
        if not query:
            return []
        hits: list[SearchHit] = []
        with self._sessions() as session:
            connection = session.connection()
            for article_id in self._index.candidates(connection, query, limit):
                text = session.scalar(select(Article.text).where(Article.id == article_id))
                if text is None:
                    continue
                spans = find_spans_in(normalize_for_search(text), query)
                if not spans:
                    continue
                covering = _statement_spans(session, article_id)
                for start, end in spans:
                    statement_id = next((sid for sid, s, e in covering if s <= start and end <= e), None)
                    hits.append(SearchHit(article_id, start, end, snippet(text, start, end), statement_id))
                    if len(hits) >= limit:
                        return hits
        return hits


def _statement_spans(session: Session, article_id: int) -> list[tuple[int, int, int]]:
    rows = session.execute(
        select(Statement.id, Statement.start, Statement.end).where(
            Statement.article_id == article_id, Statement.deleted_at.is_(None)
        )
    )
    return [(row[0], row[1], row[2]) for row in rows]
