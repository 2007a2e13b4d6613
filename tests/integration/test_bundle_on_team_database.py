"""The built desktop bundle opens a team PostgreSQL database and copies it to a local file.

Runs after `packaging/build.sh` (the README's test command builds the bundle
first) and when a PostgreSQL server is configured; skipped otherwise. It
checks what a source run cannot: that psycopg and the PostgreSQL search
index made it into the frozen bundle.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.storage.database import open_database
from tests.core.postgres.server import PostgresDatabases, configured_url

BUNDLE = Path(__file__).resolve().parents[2] / "dist" / "karabakh-annotator" / "karabakh-annotator"
TEXT = "قال المتحدث باسم الوزارة إن القوات صدت هجوما قرب المدينة صباح الأحد."


@pytest.fixture
def team_database() -> Iterator[str]:
    url = configured_url()
    if url is None:
        pytest.skip("no PostgreSQL server configured (KARABAKH_TEST_POSTGRES_URL)")
    if not BUNDLE.exists():
        pytest.skip(f"bundle not built ({BUNDLE}); packaging/build.sh builds it")
    server = PostgresDatabases(url)
    database_url = server.create()
    try:
        yield database_url
    finally:
        server.drop(database_url)
        server.close()


def test_the_bundle_shows_a_team_database_and_copies_it_home(team_database: str, tmp_path: Path) -> None:
    database = open_database(team_database)
    services = build_services(database)
    article = services.articles.store_article(ParsedArticle(TEXT, TEXT.encode(), "team.txt", title="خبر الفريق"))
    assert article.article_id is not None
    services.statements.mark_statement(article.article_id, 0, 24, "amira")
    database.dispose()
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}

    png = tmp_path / "team.png"
    shown = subprocess.run(
        [str(BUNDLE), "--db", team_database, "--smoke-test", str(png)],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert shown.returncode == 0, shown.stderr
    assert png.stat().st_size > 10_000

    local = tmp_path / "home.sqlite3"
    copied = subprocess.run(
        [str(BUNDLE), "copy", "--from", team_database, "--to", str(local)],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert copied.returncode == 0, copied.stderr
    home = open_database(str(local))
    try:
        statements = build_services(home).statements.statements_for_article(article.article_id)
        assert [s.quote for s in statements] == [TEXT[:24]]
    finally:
        home.dispose()
