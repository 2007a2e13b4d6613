"""PostgreSQL-only fixtures (the tests here are skipped when no server is configured)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.core.postgres.server import PostgresDatabases


@pytest.fixture
def empty_url(postgres_databases: PostgresDatabases) -> Iterator[str]:
    """A new database on the server with no schema at all (as a team's admin creates it)."""
    url = postgres_databases.create(migrated=False)
    yield url
    postgres_databases.drop(url)


@pytest.fixture
def team_url(postgres_databases: PostgresDatabases) -> Iterator[str]:
    """A database at the schema head holding only the default labels."""
    url = postgres_databases.acquire()
    yield url
    postgres_databases.release(url)
