"""Core tests: real databases, never Qt.

Every test that asks for a database (`database`, `services`, `database_url`
or `make_database_url`) runs on a SQLite file in a temp folder and, when
KARABAKH_TEST_POSTGRES_URL names a PostgreSQL server where it may create
databases, again on PostgreSQL, in a database in the state of a new one
(see tests/core/postgres/server.py); test ids end in [sqlite] /
[postgresql]. `bash scripts/test.sh` starts such a server when it can.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.storage.database import Database, open_database
from tests.core.postgres.server import PostgresDatabases, configured_url

BACKENDS = ["sqlite", "postgresql"] if configured_url() else ["sqlite"]

# Short fixtures written for these tests (not taken from any outlet).
ARTICLE_TEXT = (
    "وزارة الدفاع تعلن وقف إطلاق النار\n"
    "قال المتحدث باسم الوزارة إن القوات صدت هجوما قرب مدينة شوشا صباح الأحد.\n"
    "ونفت الوزارة الأخرى هذه الرواية، مؤكدة أن المدينة لم تتعرض لأي هجوم."
)
OTHER_TEXT = "أعلن الرئيس أن المحادثات ستستأنف في 27 سبتمبر، بحسب وكالة AzVision."


@pytest.fixture(scope="session")
def postgres_databases() -> Iterator[PostgresDatabases]:
    """The configured PostgreSQL server (only set up once a test asks for it)."""
    url = configured_url()
    if url is None:
        pytest.skip("no PostgreSQL server configured (KARABAKH_TEST_POSTGRES_URL)")
    server = PostgresDatabases(url)
    yield server
    server.close()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: "sqlite" or "postgresql"."""
    return str(request.param)


@pytest.fixture
def make_database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[[str], str]]:
    """Make a new, empty database on the test's backend: `make("name")` returns its path or URL."""
    made: list[str] = []
    server: PostgresDatabases | None = None
    if backend == "postgresql":
        server = request.getfixturevalue("postgres_databases")

    def make(name: str) -> str:
        if server is None:
            return str(tmp_path / f"{name}.sqlite3")
        url = server.acquire()
        made.append(url)
        return url

    yield make
    if server is not None:
        for url in made:
            server.release(url)


@pytest.fixture
def database_url(make_database_url: Callable[[str], str]) -> str:
    """Where the test's database lives: a SQLite file path or a PostgreSQL URL (`--db` accepts both)."""
    return make_database_url("test")


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def services(database: Database) -> Services:
    return build_services(database)


@pytest.fixture
def article_id(services: Services) -> int:
    outcome = services.articles.store_article(
        ParsedArticle(text=ARTICLE_TEXT, raw=ARTICLE_TEXT.encode(), source_file="ceasefire.txt", title="وقف إطلاق النار")
    )
    assert outcome.article_id is not None
    return outcome.article_id


def span_of(text: str, needle: str) -> tuple[int, int]:
    """Offsets of the first occurrence of `needle` in `text`."""
    start = text.index(needle)
    return start, start + len(needle)
