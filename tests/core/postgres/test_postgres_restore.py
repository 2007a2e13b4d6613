"""A JSONL restore writes explicit ids; on PostgreSQL every id sequence must then move past them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import build_services
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.storage.database import Database, open_database
from karabakh_annotator.core.storage.models import Base
from tests.core.postgres.server import PostgresDatabases, configured_url

if configured_url() is None:
    pytest.skip("no PostgreSQL server configured (KARABAKH_TEST_POSTGRES_URL)", allow_module_level=True)

REPORT = "قال المتحدث العسكري إن القوات سيطرت على التلة 27 صباح الأحد.\nونفى الطرف الآخر ذلك في بيان مقتضب."
OTHER = "أعلنت وزارة الخارجية أن جولة جديدة من المحادثات ستعقد الأسبوع المقبل."


@pytest.fixture
def two(postgres_databases: PostgresDatabases) -> Iterator[tuple[Database, Database]]:
    urls = postgres_databases.acquire(), postgres_databases.acquire()
    first, second = open_database(urls[0]), open_database(urls[1])
    yield first, second
    first.dispose()
    second.dispose()
    for url in urls:
        postgres_databases.release(url)


def test_after_a_restore_new_rows_of_every_kind_get_new_ids(two: tuple[Database, Database], tmp_path: Path) -> None:
    first, second = two
    services = build_services(first)
    article_id = services.articles.store_article(ParsedArticle(REPORT, REPORT.encode(), "report.txt")).article_id
    assert article_id is not None
    speaker, _ = services.entities.create_entity("المتحدث العسكري", "ليلى", aliases=["الناطق العسكري"])
    quote = "القوات سيطرت على التلة 27"
    start = REPORT.index(quote)
    statement, _ = services.statements.mark_statement(article_id, start, start + len(quote), "ليلى")
    claim, _ = services.claims.create_claim("السيطرة على التلة 27", "ليلى", [statement.id])
    services.evidence.add_evidence(claim.id, "discusses", "عمر", citation="بيان مقتضب")
    services.labels.add_label(LabelSet.VERDICT, "staged", "Staged", "مفبرك", "#123456", "ليلى")
    dump = tmp_path / "desk.jsonl"
    ExchangeService(first.sessions).export_jsonl(dump)
    assert ExchangeService(second.sessions).import_annotations(dump).complete

    behind = []
    with second.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if "id" not in table.c:
                continue
            highest = connection.scalar(text(f"SELECT max(id) FROM {table.name}"))
            sequence = connection.scalar(text(f"SELECT pg_get_serial_sequence('{table.name}', 'id')"))
            last = connection.scalar(text(f"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {sequence}"))
            if highest is not None and last < highest:
                behind.append((table.name, last, highest))
    assert behind == [], "id sequences left behind restored ids"

    restored = build_services(second)
    new_article = restored.articles.store_article(ParsedArticle(OTHER, OTHER.encode(), "other.txt")).article_id
    new_speaker, _ = restored.entities.create_entity("وزارة الخارجية", "سارة")
    new_statement, _ = restored.statements.mark_statement(article_id, 0, 3, "سارة")
    new_claim, _ = restored.claims.create_claim("جولة محادثات جديدة", "سارة", [new_statement.id])
    new_label, _ = restored.labels.add_label(LabelSet.VERDICT, "doctored", "Doctored", "معدل", "#654321", "سارة")
    assert new_article is not None and new_article > article_id
    assert new_speaker.id > speaker.id and new_statement.id > statement.id and new_claim.id > claim.id
    assert new_label.id > max(label.id for label in restored.labels.labels(LabelSet.VERDICT, include_retired=True) if label.key != "doctored")
