"""Duplicates by cleaned-text hash, near-duplicates by sketch, all-or-nothing batches."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from karabakh_annotator.core.importers.files import read_article_file
from karabakh_annotator.core.records import ImportFailure, ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.storage.database import Database
from karabakh_annotator.core.storage.models import Article, ArticleSketch, Event

STORY = "\n".join(
    [
        "أعلنت وزارة الخارجية أن المحادثات بين الطرفين ستستأنف الأسبوع المقبل في عاصمة محايدة.",
        "وقال المتحدث باسم الوزارة إن الوفدين اتفقا على جدول أعمال يتضمن تثبيت وقف إطلاق النار.",
        "وأضاف أن تبادل الأسرى والجثث سيبدأ فور توقيع الاتفاق برعاية دولية.",
        "ورحبت منظمات دولية بالإعلان مؤكدة أن الحل السياسي هو الطريق الوحيد لإنهاء النزاع.",
    ]
)


def test_same_article_in_another_encoding_and_format_is_a_duplicate(services: Services, tmp_path: Path) -> None:
    utf8 = tmp_path / "story.txt"
    utf8.write_bytes(STORY.encode("utf-8"))
    legacy = tmp_path / "story-old.txt"
    legacy.write_bytes(STORY.replace("\n", "\r\n").encode("cp1256"))
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_text('{"text": ' + __import__("json").dumps(STORY, ensure_ascii=False) + "}\n", encoding="utf-8")
    items = [item for path in (utf8, legacy, jsonl) for item in read_article_file(path)]
    outcomes = list(services.articles.import_all(items))
    assert [o.status for o in outcomes] == ["imported", "duplicate", "duplicate"]
    assert {o.article_id for o in outcomes} == {outcomes[0].article_id}


def test_a_reprint_with_another_footer_is_flagged_as_near_duplicate(services: Services, database: Database) -> None:
    first = services.articles.store_article(ParsedArticle(STORY, b"", "original.txt"))
    reprint = services.articles.store_article(
        ParsedArticle(STORY + "\nالمصدر: وكالات\nتابعونا على قناتنا لمزيد من الأخبار العاجلة", b"", "reprint.txt")
    )
    other = services.articles.store_article(
        ParsedArticle("قصفت المدفعية مواقع قرب الحدود مساء السبت وأسفر القصف عن أضرار في المنازل.", b"", "other.txt")
    )
    assert reprint.status == "imported" and reprint.near_duplicate_of == first.article_id
    assert reprint.resemblance is not None and reprint.resemblance >= 0.5
    assert other.near_duplicate_of is None
    with database.sessions() as session:
        assert session.get(Article, reprint.article_id).near_duplicate_of_id == first.article_id
        assert session.scalar(select(func.count()).select_from(ArticleSketch)) > 0


def test_failures_are_reported_in_order_and_store_nothing(services: Services, database: Database) -> None:
    items: list[ParsedArticle | ImportFailure] = [
        ImportFailure("bad.txt", "cannot read as text: binary data"),
        ParsedArticle("  \n ", b"", "blank.txt"),
        ParsedArticle(STORY, b"", "good.txt"),
    ]
    outcomes = list(services.articles.import_all(items))
    assert [(o.source_file, o.status) for o in outcomes] == [
        ("bad.txt", "failed"),
        ("blank.txt", "failed"),
        ("good.txt", "imported"),
    ]
    with database.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 1
        assert session.scalar(select(func.count()).select_from(Event).where(Event.action == "import")) == 1


def test_an_article_failing_mid_write_leaves_no_trace(
    services: Services, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from karabakh_annotator.core.storage.search import index_for

    # The search index of this database (SQLite FTS5 or PostgreSQL's) fails.
    index_class = type(index_for(database.engine.dialect.name))
    original = index_class.add_articles

    def fail_on_artillery(self: object, connection: object, entries: list[tuple[int, list[str]]]) -> None:
        # Fails the whole batch, then the article itself when retried alone.
        if any("المدفعيه" in words for _, words in entries):
            raise RuntimeError("disk full")
        original(self, connection, entries)  # type: ignore[arg-type]

    monkeypatch.setattr(index_class, "add_articles", fail_on_artillery)
    items = [
        ParsedArticle(STORY, b"", "one.txt"),
        ParsedArticle("قصفت المدفعية مواقع قرب الحدود مساء السبت.", b"", "two.txt"),
        ParsedArticle("وأعلنت اللجنة الدولية للصليب الأحمر تسليم الأسرى.", b"", "three.txt"),
    ]
    outcomes = list(services.articles.import_all(items))
    assert [o.status for o in outcomes] == ["imported", "failed", "imported"]
    assert outcomes[1].reason == "could not be stored (RuntimeError: disk full)"
    with database.sessions() as session:
        # The failed article left no row, event, or sketch behind.
        stored = set(session.scalars(select(Article.source_file)))
        assert stored == {"one.txt", "three.txt"}
        assert session.scalar(select(func.count()).select_from(Event).where(Event.action == "import")) == 2
        sketched = set(session.scalars(select(ArticleSketch.article_id).distinct()))
        assert sketched == {outcomes[0].article_id, outcomes[2].article_id}


def test_near_duplicates_inside_one_batch_point_at_the_earlier_article(services: Services) -> None:
    outcomes = list(
        services.articles.import_all(
            [
                ParsedArticle(STORY, b"", "original.txt"),
                ParsedArticle("الرئيسية\n" + STORY + "\nأضف تعليق على الخبر", b"", "reprint.txt"),
                ParsedArticle(STORY, b"", "again.txt"),
            ]
        )
    )
    original, reprint, again = outcomes
    assert reprint.near_duplicate_of == original.article_id
    assert (again.status, again.article_id) == ("duplicate", original.article_id)
