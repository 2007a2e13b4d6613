"""PostgreSQL search finds exactly what SQLite's FTS5 finds, through the same Arabic normalisation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, text

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.storage.database import Database, open_database
from karabakh_annotator.core.storage.search import index_for
from karabakh_annotator.core.storage.search.postgres_fts import (
    MAX_LISTED_BYTES,
    MAX_LISTED_WORD_BYTES,
    PostgresSearchIndex,
    candidate_queries,
    like_pattern,
)
from karabakh_annotator.core.text.search_query import parse_query
from tests.core.postgres.server import PostgresDatabases, configured_url

if configured_url() is None:
    pytest.skip("no PostgreSQL server configured (KARABAKH_TEST_POSTGRES_URL)", allow_module_level=True)

# Short texts written for these tests: spelling variants outlets really mix
# (hamza forms, ta marbuta, tashkeel, tatweel, Arabic-Indic digits, Latin
# capitals), a phrase split by a line break, and words that only share a prefix.
ARTICLES = (
    "أعلنت وزارة الدفاع الأذربيجانية السيطرة على مدينة شوشا صباح الأحد ٢٧ سبتمبر.",
    "وقالت وكالة AzVision إن القوات الأرمنية انسحبت من قرية قرب مدينة شوشا.",
    "نفى المتحدث باسم وزارة الدفاع الأرمنية سقوط المدينـــة، مؤكدًا أن المعارك مستمرة.",
    "أكد مسؤول في الخارجية أن وقف إطلاق\nالنار الإنساني لم يصمد سوى ساعات.",
    "وصرّح مسئول آخر بأن الهجمات على المدن الحدودية تواصلت حتى المساء في 27 سبتمبر.",
    "قصفت المدفعية مواقع قرب الحدود، بحسب مصادر محلية لم تكشف هويتها.",
)
QUERIES = (
    "شوشا",
    "مدينه",
    "المدينة",
    "الدفاع الارمنيه",
    '"وزارة الدفاع"',
    '"وقف اطلاق النار"',
    "مسؤول",
    "المد*",
    "هجوم*",
    "الهجمات*",
    "27",
    "٢٧ سبتمبر",
    "azvision",
    "AZVISION قوات*",
    "مؤكدا",
    "قرب الحدود",
    "غير موجود",
    "50%",
    "a_b",
)


def _fill(services: Services) -> None:
    for number, body in enumerate(ARTICLES):
        outcome = services.articles.store_article(ParsedArticle(body, body.encode(), f"{number}.txt"))
        assert outcome.status == "imported"
    services.statements.mark_statement(1, *_span(ARTICLES[0], "السيطرة على مدينة شوشا"), "ليلى")


def _made_up(number: int, length: int) -> str:
    """A distinct word of Latin letters only (digits would split it into two tokens)."""
    letters = "".join(chr(ord("a") + int(digit)) for digit in str(number))
    return (letters + "z" * length)[:length]


def _span(body: str, quote: str) -> tuple[int, int]:
    start = body.index(quote)
    return start, start + len(quote)


@pytest.fixture(scope="module")
def both(
    tmp_path_factory: pytest.TempPathFactory, postgres_databases: PostgresDatabases
) -> Iterator[tuple[Database, Database]]:
    """The same articles, stored in the same order, on SQLite and on PostgreSQL (read only)."""
    url = postgres_databases.acquire()
    sqlite = open_database(str(tmp_path_factory.mktemp("parity") / "s.sqlite3"))
    postgres = open_database(url)
    for db in (sqlite, postgres):
        _fill(build_services(db))
    yield sqlite, postgres
    sqlite.dispose()
    postgres.dispose()
    postgres_databases.release(url)


def test_postgresql_gets_its_own_index() -> None:
    assert isinstance(index_for("postgresql"), PostgresSearchIndex)


@pytest.mark.parametrize("query", QUERIES)
def test_every_query_finds_the_same_hits_on_both_databases(both: tuple[Database, Database], query: str) -> None:
    sqlite, postgres = both
    expected = build_services(sqlite).search.search(query)
    assert build_services(postgres).search.search(query) == expected


def test_the_variants_all_find_the_city(both: tuple[Database, Database]) -> None:
    _, postgres = both
    search = build_services(postgres).search
    found = {ARTICLES[hit.article_id - 1][hit.start : hit.end] for hit in search.search("مدينه")}
    assert found == {"مدينة"}
    assert [(hit.article_id, hit.start) for hit in search.search("اعلنت")] == [(1, 0)]  # أعلنت
    hit = search.search('"وقف اطلاق النار"')[0]
    assert ARTICLES[hit.article_id - 1][hit.start : hit.end] == "وقف إطلاق\nالنار"
    assert [h.statement_id for h in search.search("شوشا") if h.article_id == 1] == [1]


def test_patterns_match_whole_words_or_a_prefix_of_the_last() -> None:
    assert like_pattern(("وزارة", "الدفاع"), prefix=False) == "% وزارة الدفاع %"
    assert like_pattern(("هجوم",), prefix=True) == "% هجوم%"
    # LIKE wildcards in a token (none come out of the tokenizer today) stay literal.
    assert like_pattern(("50%_x",), prefix=False) == "% 50\\%\\_x %"


def _listed_plan(connection: Connection, query_text: str) -> str:
    """The plan of the candidate query for articles with a word list."""
    sql, params = candidate_queries(parse_query(query_text), 10)[0]
    return "\n".join(connection.execute(text("EXPLAIN " + sql), params).scalars())


def test_the_word_index_serves_queries_and_only_phrases_read_the_rows(team_url: str) -> None:
    db = open_database(team_url)
    _fill(build_services(db))
    with db.engine.begin() as connection:
        # Six rows: make the planner show how it would use the index on many.
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        connection.execute(text("SET LOCAL enable_indexscan = off"))
        words = _listed_plan(connection, "شوشا مدين*")
        assert "Index Scan on search_fts_words" in words and "body" not in words
        phrase = _listed_plan(connection, '"وزارة الدفاع"')
        assert "Index Scan on search_fts_words" in phrase and "Filter: (body ~~ '% وزاره الدفاع %'::text)" in phrase
    db.dispose()


def test_words_too_long_for_the_list_and_articles_with_too_many_words_are_still_found(team_url: str) -> None:
    db = open_database(team_url)
    services = build_services(db)
    long_word = "ب" * (MAX_LISTED_WORD_BYTES // 2 + 1)  # two bytes a letter
    glued = f"قال المصدر إن {long_word} ظهرت في الصفحة."
    # Distinct long Latin words past the tsvector budget (scraped debris, say).
    debris = [_made_up(n, 900) for n in range(MAX_LISTED_BYTES // 900 + 10)]
    crowded = "بداية النص " + " ".join(debris) + " نهاية النص شوشا"
    ids = []
    for name, body in (("glued.txt", glued), ("crowded.txt", crowded)):
        outcome = services.articles.store_article(ParsedArticle(body, body.encode(), name))
        assert outcome.status == "imported", outcome.reason
        ids.append(outcome.article_id)
    with db.engine.connect() as connection:
        unlisted = set(connection.scalars(text("SELECT article_id FROM search_fts WHERE words IS NULL")))
    assert unlisted == {ids[1]}
    assert [h.article_id for h in services.search.search(long_word)] == [ids[0]]
    assert [h.article_id for h in services.search.search(f'"ان {long_word}"')] == [ids[0]]
    assert [h.article_id for h in services.search.search("شوشا")] == [ids[1]]
    assert [h.article_id for h in services.search.search('"نهايه النص"')] == [ids[1]]
    assert [h.article_id for h in services.search.search(debris[123])] == [ids[1]]
    assert [h.article_id for h in services.search.search(debris[123][:50] + "*")] == [ids[1]]
    assert services.search.search(debris[123][:50]) == []
    db.dispose()
