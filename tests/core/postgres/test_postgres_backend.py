"""Opening a team database on PostgreSQL: created, migrated, reopened, refused with a clear reason.

The rest of tests/core runs on PostgreSQL too (every test that takes a
database); these are the checks only a server has.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from karabakh_annotator.core.labels import DEFAULT_LABELS
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import SCHEMA_HEAD, DatabaseError, alembic_config, open_database
from karabakh_annotator.core.storage.models import Base, Label, include_in_schema_comparison
from tests.core.postgres.server import configured_url

if configured_url() is None:
    pytest.skip("no PostgreSQL server configured (KARABAKH_TEST_POSTGRES_URL)", allow_module_level=True)

REPORT = "قال المتحدث العسكري إن القوات سيطرت على التلة 27 صباح الأحد."


def test_a_new_team_database_is_created_at_head_and_matches_the_models(empty_url: str) -> None:
    db = open_database(empty_url)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_in_schema_comparison})
        assert context.get_current_revision() == SCHEMA_HEAD
        assert compare_metadata(context, Base.metadata) == []
        indexes = set(connection.scalars(text("SELECT indexname FROM pg_indexes WHERE tablename = 'search_fts'")))
        assert {"search_fts_words", "search_fts_unlisted"} <= indexes
    db.dispose()


def test_reopening_keeps_data_and_does_not_duplicate_seeds(empty_url: str) -> None:
    first = open_database(empty_url)
    build_services(first).articles.store_article(ParsedArticle(REPORT, REPORT.encode(), "report.txt"))
    first.dispose()
    second = open_database(empty_url)
    with second.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Label)) == len(DEFAULT_LABELS)
    assert [a.source_file for a in build_services(second).articles.list_articles()] == ["report.txt"]
    second.dispose()


def test_analysts_opening_a_new_team_database_at_once_all_get_it(empty_url: str) -> None:
    # Without the migration lock the second would try to create the tables again.
    errors: list[BaseException] = []

    def open_and_close() -> None:
        try:
            open_database(empty_url).dispose()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_and_close) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    db = open_database(empty_url)
    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Label)) == len(DEFAULT_LABELS)
    db.dispose()


def test_a_url_without_a_driver_opens_with_psycopg(team_url: str) -> None:
    plain = make_url(team_url).set(drivername="postgresql").render_as_string(hide_password=False)
    db = open_database(plain)
    assert db.engine.driver == "psycopg"
    assert db.url.startswith("postgresql+psycopg://")
    db.dispose()


def test_a_percent_sign_in_the_url_does_not_break_migrations(empty_url: str) -> None:
    # Alembic's configuration interpolates %: a password holding one (sent
    # and ignored under the test server's trust authentication) must not
    # break the migrations that run on a new database.
    url = make_url(empty_url).set(password="100%sure").render_as_string(hide_password=False)
    assert "%25" in url
    db = open_database(url)
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == SCHEMA_HEAD
    db.dispose()


def test_an_unreachable_server_is_a_clear_error_that_hides_the_password(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://analyst:s3cret@/desk?host={tmp_path}/no-server-here"
    with pytest.raises(DatabaseError, match="cannot open database postgresql") as raised:
        open_database(url)
    assert "s3cret" not in str(raised.value)


def test_times_come_back_in_utc_whatever_the_server_time_zone(team_url: str) -> None:
    db = open_database(team_url)
    services = build_services(db)
    article_id = services.articles.store_article(ParsedArticle(REPORT, REPORT.encode(), "report.txt")).article_id
    assert article_id is not None
    statement, _ = services.statements.mark_statement(article_id, 0, 3, "ليلى")
    with db.engine.connect() as connection:
        assert connection.scalar(text("SHOW TimeZone")) == "UTC"
    created = services.statements.get_statement(statement.id).created_at
    assert created.utcoffset() == dt.timedelta(0)
    assert abs(dt.datetime.now(dt.UTC) - created) < dt.timedelta(minutes=5)
    db.dispose()


def test_the_search_index_migration_indexes_articles_stored_before_it(empty_url: str) -> None:
    db = open_database(empty_url)
    article_id = build_services(db).articles.store_article(ParsedArticle(REPORT, REPORT.encode(), "old.txt")).article_id
    config = alembic_config(db.engine)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    with db.engine.connect() as connection:
        assert connection.scalar(text("SELECT to_regclass('search_fts')")) is None
    db.dispose()
    upgraded = open_database(empty_url)
    hits = build_services(upgraded).search.search("التله")
    assert [(hit.article_id, REPORT[hit.start : hit.end]) for hit in hits] == [(article_id, "التلة")]
    upgraded.dispose()
