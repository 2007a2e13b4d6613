"""A new database is created and stamped; old ones upgrade; foreign ones are refused untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select

from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import (
    DB_ENV_VAR,
    SCHEMA_HEAD,
    DatabaseError,
    alembic_config,
    open_database,
    resolve_database_url,
)
from karabakh_annotator.core.storage.models import Base, Label, include_in_schema_comparison

DATA = Path(__file__).parents[1] / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _head() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def test_new_database_is_created_at_head_and_matches_the_models(tmp_path: Path) -> None:
    db = open_database(str(tmp_path / "new.sqlite3"))
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_name": include_in_schema_comparison}
        )
        assert context.get_current_revision() == _head()
        assert compare_metadata(context, Base.metadata) == []
        assert "search_fts" in inspect(connection).get_table_names()
    db.dispose()


def test_reopening_keeps_data_and_does_not_duplicate_seeds(tmp_path: Path) -> None:
    path = str(tmp_path / "again.sqlite3")
    first = open_database(path)
    with first.sessions() as session:
        seeded = len(session.scalars(select(Label)).all())
    first.dispose()
    second = open_database(path)
    with second.sessions() as session:
        assert len(session.scalars(select(Label)).all()) == seeded
    second.dispose()


@pytest.mark.parametrize("frozen", sorted(DATA.glob("schema_*.sqlite3")), ids=lambda p: p.stem)
def test_every_released_schema_upgrades_with_its_data(tmp_path: Path, frozen: Path) -> None:
    copy = tmp_path / frozen.name
    shutil.copy(frozen, copy)
    db = open_database(str(copy))
    services = build_services(db)
    articles = services.articles.list_articles()
    assert articles, "the frozen database holds articles"
    statements = services.statements.statements_for_article(articles[0].id)
    assert statements and all(s.quote for s in statements)
    # Indexes added by later migrations are filled for old articles too.
    hits = services.search.search("التله")
    assert hits and all(h.article_id == articles[0].id for h in hits)
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == _head()
    db.dispose()


def test_schema_head_constant_is_the_newest_migration() -> None:
    assert SCHEMA_HEAD == _head()


def test_frozen_schemas_exist_for_the_head() -> None:
    assert (DATA / f"schema_{_head()}.sqlite3").exists(), "freeze a database of each released schema"


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("ملاحظات المحلل، ليست قاعدة بيانات", encoding="utf-8")
    before = _digest(notes)
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_database(str(notes))
    assert _digest(notes) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_a_database_from_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_database(str(path)).dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = _digest(path)
    with pytest.raises(DatabaseError, match="newer"):
        open_database(str(path))
    assert _digest(path) == before


def test_a_foreign_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.close()
    before = _digest(path)
    with pytest.raises(DatabaseError, match="not a Karabakh Annotator database"):
        open_database(str(path))
    assert _digest(path) == before


def test_database_location_prefers_argument_then_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "env.sqlite3"))
    assert resolve_database_url(str(tmp_path / "arg.sqlite3")).endswith("arg.sqlite3")
    assert resolve_database_url(None).endswith("env.sqlite3")
    assert resolve_database_url("postgresql://user@localhost/desk") == "postgresql://user@localhost/desk"
    monkeypatch.delenv(DB_ENV_VAR)
    assert resolve_database_url(None).endswith("karabakh-annotator/annotations.sqlite3")


def test_a_percent_sign_in_the_path_does_not_break_migrations(tmp_path: Path) -> None:
    # Alembic's config interpolates %: a file named like an URL escape must still open.
    db = open_database(str(tmp_path / "desk 100%.sqlite3"))
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == _head()
    db.dispose()
