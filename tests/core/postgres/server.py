"""Throwaway databases on the PostgreSQL server named by KARABAKH_TEST_POSTGRES_URL.

CREATE DATABASE costs 150-450 ms even on a local server with fsync off (it
copies the whole catalog), which over a few hundred tests would add minutes.
So the schema is migrated once per session, into one database, and its rows
and sequence positions (the seeded labels) are recorded. A test then gets a
database from a small pool, put back in that state first: every row
deleted, the recorded rows inserted again, every id sequence set back
(about 5 ms). To the test it is a new database at the schema head: the
same ids, the same labels, nothing else. Tests that change the schema itself
ask for a really new one (`create`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import URL, make_url

from karabakh_annotator.core.storage.database import open_database
from karabakh_annotator.core.storage.models import Base

POSTGRES_URL_VAR = "KARABAKH_TEST_POSTGRES_URL"
_RESETTER = "karabakh-test-reset"


def configured_url() -> str | None:
    """The server URL the tests may create databases on, if one is configured."""
    return os.environ.get(POSTGRES_URL_VAR) or None


@dataclass(frozen=True)
class _Snapshot:
    """The rows and sequence positions of a freshly migrated database."""

    tables: tuple[str, ...]  # every table but alembic_version, parents first
    rows: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]
    sequences: dict[str, int | None]  # last value given out (None: never used)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _take_snapshot(connection: Connection) -> _Snapshot:
    present = set(
        connection.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'alembic_version'")
        )
    )
    modelled = [table.name for table in Base.metadata.sorted_tables if table.name in present]
    # Tables outside the models (the search index) point at modelled ones.
    tables = tuple(modelled + sorted(present - set(modelled)))
    rows: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}
    for name in tables:
        result = connection.execute(text(f"SELECT * FROM {_quote(name)}"))
        found = [tuple(row) for row in result]
        if found:
            rows[name] = (tuple(result.keys()), found)
    sequences = {
        name: last
        for name, last in connection.execute(
            text("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()")
        )
    }
    return _Snapshot(tables, rows, sequences)


def _restore(connection: Connection, snapshot: _Snapshot) -> None:
    for name in reversed(snapshot.tables):
        connection.execute(text(f"DELETE FROM {_quote(name)}"))
    for name in snapshot.tables:
        if name not in snapshot.rows:
            continue
        columns, rows = snapshot.rows[name]
        marks = ", ".join(["%s"] * len(columns))
        connection.exec_driver_sql(
            f"INSERT INTO {_quote(name)} ({', '.join(map(_quote, columns))}) VALUES ({marks})", rows
        )
    for sequence, last in snapshot.sequences.items():
        if last is None:
            connection.execute(text("SELECT setval(CAST(:s AS regclass), 1, false)"), {"s": _quote(sequence)})
        else:
            connection.execute(text("SELECT setval(CAST(:s AS regclass), :v, true)"), {"s": _quote(sequence), "v": last})


class PostgresDatabases:
    """Hands out test databases on one server (the URL's own database is only connected to)."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        self._server: URL = parsed
        self._admin: Engine = create_engine(parsed, isolation_level="AUTOCOMMIT", pool_size=1)
        self._prefix = f"karabakh_test_{os.getpid()}"
        self._count = 0
        self._snapshot: _Snapshot | None = None
        self._free: list[str] = []
        self._resetters: dict[str, Engine] = {}
        self._made: list[str] = []

    def url_of(self, name: str) -> str:
        """The URL of database `name` on this server."""
        return self._server.set(database=name).render_as_string(hide_password=False)

    def execute(self, sql: str, parameters: dict[str, Any] | None = None) -> None:
        """Run one statement on the server, outside any transaction (CREATE DATABASE, roles)."""
        with self._admin.connect() as connection:
            connection.execute(text(sql), parameters or {})

    def create(self, migrated: bool = True) -> str:
        """A really new database, migrated by the application unless not `migrated`; its URL (`drop` it after)."""
        self._count += 1
        name = f"{self._prefix}_{self._count}"
        self.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")
        self.execute(f"CREATE DATABASE {_quote(name)}")
        self._made.append(name)
        url = self.url_of(name)
        if migrated:
            open_database(url).dispose()
        return url

    def drop(self, url: str) -> None:
        """Drop a database from `create`, closing any connection a test left open."""
        name = make_url(url).database
        assert name is not None
        self.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")
        if name in self._made:
            self._made.remove(name)

    def acquire(self) -> str:
        """A database at the schema head holding only the seeded labels; its URL (`release` it after)."""
        if self._free:
            name = self._free.pop()
            with self._resetters[name].begin() as connection:
                assert self._snapshot is not None
                _restore(connection, self._snapshot)
            return self.url_of(name)
        url = self.create()
        name = make_url(url).database
        assert name is not None
        # Its own name, so that `release` ends every connection but this one.
        self._resetters[name] = create_engine(url, pool_size=1, connect_args={"application_name": _RESETTER})
        if self._snapshot is None:
            with self._resetters[name].connect() as connection:
                self._snapshot = _take_snapshot(connection)
        return url

    def release(self, url: str) -> None:
        """Give a database from `acquire` back, ending the connections a test left open."""
        name = make_url(url).database
        assert name is not None and name in self._resetters
        self.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid() "
            "AND application_name <> :resetter",
            {"name": name, "resetter": _RESETTER},
        )
        self._free.append(name)

    def close(self) -> None:
        """Drop every database made here and let go of the server."""
        for engine in self._resetters.values():
            engine.dispose()
        for name in list(self._made):
            self.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")
        self._admin.dispose()

