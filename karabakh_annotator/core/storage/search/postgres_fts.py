"""PostgreSQL index over normalised tokens: a GIN-indexed word list plus the token stream.

Each article's words, normalised by core/text/normalize.py exactly as for
SQLite's FTS5, are stored twice in `search_fts`:

* `words`, the set of distinct words as a tsvector made with
  array_to_tsvector: no text-search parser or dictionary touches them
  (PostgreSQL's parser would split Arabic, digits and marks its own way),
  so a word is found exactly when our tokenizer produced it. A GIN index
  answers words and prefix* terms with no second look at the row;
* `body`, the token stream " w1 w2 ... wn " (every word between spaces),
  which a phrase must also match with LIKE '% w1 w2 %'. Only the rows
  already holding every word of the phrase are read for that.

So the candidates are the same as FTS5's, found through an index. tsvector
has limits FTS5 has not (a word of at most 2 KB, 1 MB of words per row;
array_to_tsvector does not check them and past them silently loses words):
longer words are left out of `words` and an article with too many is
stored without the list; terms and rows outside the list are matched on
`body` alone. Built-in full-text types need no extension and no locale.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

from karabakh_annotator.core.storage.models import SEARCH_TABLE_PREFIX
from karabakh_annotator.core.text.normalize import word_tokens
from karabakh_annotator.core.text.search_query import Query, Term

TABLE = SEARCH_TABLE_PREFIX
CREATE_TABLE = (
    f"CREATE TABLE {TABLE} ("
    "article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE, "
    # NULL: more distinct words than a tsvector holds; found through body.
    "words TSVECTOR, "
    "body TEXT NOT NULL)"
)
CREATE_INDEXES = (
    f"CREATE INDEX {TABLE}_words ON {TABLE} USING gin (words)",
    f"CREATE INDEX {TABLE}_unlisted ON {TABLE} (article_id) WHERE words IS NULL",
)
DROP_TABLE = f"DROP TABLE IF EXISTS {TABLE}"
_INSERT = f"INSERT INTO {TABLE} (article_id, words, body) VALUES (%s, array_to_tsvector(%s::text[]), %s)"

# tsvector's limits are 2,047 bytes a word and 1 MB of words a row; stay
# well inside them (a 500-letter "word" is scraping debris anyway).
MAX_LISTED_WORD_BYTES = 1_000
MAX_LISTED_BYTES = 512 * 1024
# Articles re-indexed per round trip when rebuilding: a few MB of text at a time.
_REBUILD_BATCH = 500


def token_stream(words: Sequence[str]) -> str:
    """The stored body: every word between single spaces, the ends included."""
    return " " + " ".join(words) + " "


def _listable(word: str) -> bool:
    return len(word.encode()) <= MAX_LISTED_WORD_BYTES


def word_list(words: Sequence[str]) -> list[str] | None:
    """The distinct listable words of an article, or None when there are too many for one tsvector."""
    distinct = sorted({word for word in words if _listable(word)})
    if sum(len(word.encode()) for word in distinct) > MAX_LISTED_BYTES:
        return None
    return distinct


def _escape_like(value: str) -> str:
    # Tokens are letters, digits and marks only; escaping keeps that an
    # assumption of the tokenizer rather than of this query.
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_pattern(words: Sequence[str], prefix: bool) -> str:
    """The LIKE pattern of one term on `body`: its words in a row, the last open-ended when `prefix`."""
    body = "% " + _escape_like(" ".join(words))
    return body + ("%" if prefix else " %")


def _lexeme(word: str, prefix: bool) -> str:
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    return quoted + (":*" if prefix else "")


def _listed_part(term: Term) -> list[str]:
    last = len(term.words) - 1
    return [_lexeme(word, term.prefix and i == last) for i, word in enumerate(term.words) if _listable(word)]


def _needs_body(term: Term) -> bool:
    """Whether the word list alone cannot decide `term` (a phrase, or a word too long to be listed)."""
    return len(term.words) > 1 or not all(_listable(word) for word in term.words)


def candidate_queries(query: Query, limit: int) -> list[tuple[str, dict[str, object]]]:
    """SQL and parameters of the queries whose results, merged, are the newest `limit` matching articles.

    Articles with a word list and those without are asked for separately:
    each query can then walk its rows newest first and stop at `limit` (a
    common word), or take the few the index names (a rare one). Put in one
    query (OR, UNION) the planner sorts every match or tests the word list
    of every row, 300 ms over 20,000 articles instead of a few.
    """
    params: dict[str, object] = {"limit": limit}
    everything = []
    checks = []
    for number, term in enumerate(query.terms):
        params[f"p{number}"] = like_pattern(term.words, term.prefix)
        everything.append(f"body LIKE :p{number}")
        if _needs_body(term):
            checks.append(f"body LIKE :p{number}")
    newest = "ORDER BY article_id DESC LIMIT :limit"
    lexemes = [lexeme for term in query.terms for lexeme in _listed_part(term)]
    if not lexemes:
        # Only words too long to list: read every body (never for real words).
        return [(f"SELECT article_id FROM {TABLE} WHERE {' AND '.join(everything)} {newest}", params)]
    params["words"] = " & ".join(lexemes)
    listed = " AND ".join(["words @@ CAST(:words AS tsquery)", *checks])
    unlisted = " AND ".join(["words IS NULL", *everything])
    return [
        (f"SELECT article_id FROM {TABLE} WHERE {listed} {newest}", params),
        (f"SELECT article_id FROM {TABLE} WHERE {unlisted} {newest}", params),
    ]


class PostgresSearchIndex:
    """Search index on PostgreSQL's built-in full-text types, over our own tokens."""

    def add_articles(self, connection: Connection, entries: Sequence[tuple[int, Sequence[str]]]) -> None:
        """Index (article id, normalised words) pairs inside the caller's transaction."""
        if entries:
            rows = [(i, word_list(words), token_stream(words)) for i, words in entries]
            connection.exec_driver_sql(_INSERT, rows)

    def candidates(self, connection: Connection, query: Query, limit: int) -> list[int]:
        """Newest article ids whose words hold every term (exactly, not just likely)."""
        if not query:
            return []
        found: set[int] = set()
        for sql, params in candidate_queries(query, limit):
            found.update(row[0] for row in connection.execute(text(sql), params))
        return sorted(found, reverse=True)[:limit]

    def rebuild(self, connection: Connection) -> int:
        """Drop and recreate the table and its indexes, then refill it from the articles."""
        connection.exec_driver_sql(DROP_TABLE)
        connection.exec_driver_sql(CREATE_TABLE)
        count, last = 0, 0
        page = text("SELECT id, text FROM articles WHERE id > :last ORDER BY id LIMIT :size")
        while True:
            rows = connection.execute(page, {"last": last, "size": _REBUILD_BATCH}).all()
            if not rows:
                break
            self.add_articles(connection, [(article_id, word_tokens(body)) for article_id, body in rows])
            count += len(rows)
            last = rows[-1][0]
        # Built after the bulk fill: one pass instead of many incremental GIN updates.
        for statement in CREATE_INDEXES:
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(f"ANALYZE {TABLE}")
        return count
