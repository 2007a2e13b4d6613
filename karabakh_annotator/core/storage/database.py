"""Open an annotation database: locate it, check it, migrate it, hand out sessions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from karabakh_annotator.core.storage.integrity import install_integrity_checks
# These live with the names (no SQLAlchemy there) and are still imported from here.
from karabakh_annotator.core.storage.locations import DB_ENV_VAR as DB_ENV_VAR
from karabakh_annotator.core.storage.locations import resolve_database_url as resolve_database_url
from karabakh_annotator.core.storage.sessions import BEGIN_IMMEDIATE, Sessions

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration. Opening a database already at this revision skips
# loading Alembic and its scripts (a third of start-up); a test keeps this
# equal to the head of the migrations folder.
SCHEMA_HEAD = "0009"
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL's SQLSTATE for a refused privilege

_SQLITE_MAGIC = b"SQLite format 3\x00"
# Key of the PostgreSQL advisory lock held while migrating (any fixed number).
_MIGRATION_LOCK = 73102020


class DatabaseError(RuntimeError):
    """The database cannot be opened as it is; the file was left untouched."""


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _check_sqlite_file(path: Path) -> None:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"cannot read database file {path}: {exc.strerror}") from exc
    if header and header != _SQLITE_MAGIC:
        raise DatabaseError(f"{path} is not a SQLite database; it was left untouched")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions
        # begin, so SAVEPOINTs work (SQLAlchemy's pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        # A writer waits this long for another process's write transaction:
        # with four processes editing at once single waits reached 2-4.7 s
        # (benchmarks/load.py), too close to 5 s for a slower machine.
        cursor.execute("PRAGMA busy_timeout=15000")
        # 32 MB page cache (the default is 2 MB): the search index and
        # sketch B-trees of a large corpus stay in memory during imports.
        cursor.execute("PRAGMA cache_size=-32000")
        cursor.execute("PRAGMA temp_store=MEMORY")
        if engine.url.database not in (None, "", ":memory:"):
            # Articles are ~10 KB rows (text and raw bytes): 8 KB pages halve
            # their overflow chains. Only takes effect on a new, empty file.
            cursor.execute("PRAGMA page_size=8192")
            cursor.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL keeps every committed transaction through an
            # application crash or kill -9; only a power cut can roll back
            # the last few commits. FULL would fsync on every edit.
            cursor.execute("PRAGMA synchronous=NORMAL")
            # Checkpoint (copy the WAL back, with an fsync) every ~40 MB
            # instead of every 4 MB: imports write a few MB per batch.
            cursor.execute("PRAGMA wal_autocheckpoint=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(BEGIN_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _engine_url(url: str) -> URL:
    """The URL to connect with: a PostgreSQL URL without a driver means psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        # SQLAlchemy's default PostgreSQL driver is psycopg2, which is not shipped.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _configure_postgresql(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Times come back in the session's time zone; UTC keeps them (and
        # so exports) the same whatever the server's default, as on SQLite.
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")
        dbapi_connection.autocommit = autocommit


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic configuration pointing at the migrations inside the package."""
    from alembic.config import Config

    config = Config()
    location = resources.files("karabakh_annotator.core.storage") / "migrations"
    config.set_main_option("script_location", str(location))
    if engine is not None:
        # ConfigParser interpolation: a literal % (socket paths, passwords) must be doubled.
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def _read_only_engine(engine: Engine, sqlite_path: Path | None) -> Engine:
    """An engine to look at the schema without writing a byte (no WAL switch)."""
    if sqlite_path is None or not sqlite_path.exists():
        return engine
    uri = f"{sqlite_path.as_uri()}?mode=ro"
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))


def _current_revision(engine: Engine) -> str | None:
    """The stamped revision, read with plain SQL (None when there is none)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _migrate(engine: Engine, sqlite_path: Path | None, where: str) -> None:
    looker = _read_only_engine(engine, sqlite_path)
    try:
        if _current_revision(looker) == SCHEMA_HEAD:
            return
    finally:
        if looker is not engine:
            looker.dispose()
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config(engine)
    script = ScriptDirectory.from_config(config)
    known = {rev.revision for rev in script.walk_revisions()}
    looker = _read_only_engine(engine, sqlite_path)
    try:
        with looker.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            tables = set(inspect(connection).get_table_names())
    finally:
        if looker is not engine:
            looker.dispose()
    if current is None and tables - {"alembic_version"}:
        raise DatabaseError(f"{where} holds tables but is not a Karabakh Annotator database")
    if current is not None and current not in known:
        raise DatabaseError(
            f"{where} was written by a newer Karabakh Annotator (schema {current}); "
            "update the application to open it. Nothing in it was changed."
        )
    if current != script.get_current_head():
        _upgrade(engine, config)


def _upgrade(engine: Engine, config: Config) -> None:
    """Run the migrations in one transaction.

    SQLite's batch mode rebuilds a table by copy, drop and rename, which
    foreign keys would refuse; they are switched off for the migration (a
    PRAGMA that only takes effect outside a transaction) and the whole
    database is checked for broken references before the commit.
    """
    from alembic import command

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                if engine.dialect.name == "postgresql":
                    # Two analysts opening an old team database at once: the
                    # second waits here, then Alembic finds it up to date.
                    connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseError(f"migration would leave broken references: {broken[:3]}")
        finally:
            if sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


@dataclass(frozen=True)
class Database:
    """An open, migrated database: its engine and a factory of sessions."""

    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(path_or_url: str | None = None) -> Database:
    """Open (creating or upgrading as needed) the database named by `path_or_url`."""
    url = resolve_database_url(path_or_url)
    sqlite_path = _sqlite_file(url)
    if sqlite_path is not None:
        _check_sqlite_file(sqlite_path)
    where = str(sqlite_path) if sqlite_path is not None else make_url(url).render_as_string(hide_password=True)
    try:
        if sqlite_path is not None or make_url(url).get_backend_name() == "sqlite":
            engine = create_engine(url)
        else:
            # A server connection can drop (network, restart) while the app
            # stays open all day: test each one before handing it out.
            engine = create_engine(_engine_url(url), pool_pre_ping=True)
    except (SQLAlchemyError, ImportError) as exc:
        raise DatabaseError(f"cannot open database {where}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    elif engine.dialect.name == "postgresql":
        _configure_postgresql(engine)
    try:
        _migrate(engine, sqlite_path, where)
    except DatabaseError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = getattr(exc, "orig", None) or exc
        if getattr(reason, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
            raise DatabaseError(
                f"cannot open database {where}: it needs an upgrade to schema {SCHEMA_HEAD}, which only its "
                "owner may make. Ask the team's administrator to open it once with this version and run "
                f"team-setup again (docs/team-server.md). The server said: {reason}"
            ) from exc
        raise DatabaseError(f"cannot open database {where}: {reason}") from exc
    sessions = Sessions(engine, expire_on_commit=False)
    install_integrity_checks(sessions)
    return Database(engine, sessions)
