"""Core tests: real SQLite databases in temp folders, never Qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.storage.database import Database, open_database

# Short fixtures written for these tests (not taken from any outlet).
ARTICLE_TEXT = (
    "وزارة الدفاع تعلن وقف إطلاق النار\n"
    "قال المتحدث باسم الوزارة إن القوات صدت هجوما قرب مدينة شوشا صباح الأحد.\n"
    "ونفت الوزارة الأخرى هذه الرواية، مؤكدة أن المدينة لم تتعرض لأي هجوم."
)
OTHER_TEXT = "أعلن الرئيس أن المحادثات ستستأنف في 27 سبتمبر، بحسب وكالة AzVision."


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(str(tmp_path / "test.sqlite3"))
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
