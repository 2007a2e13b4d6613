"""A window learns what other analysts changed by polling the event log."""

from __future__ import annotations

import dataclasses

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.services.change_feed import LOOKBACK, Seen
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.core.storage.database import open_database
from tests.core.conftest import ARTICLE_TEXT, OTHER_TEXT, span_of


def test_nothing_new_right_after_a_mark(services: Services, article_id: int) -> None:
    services.statements.mark_statement(article_id, *span_of(ARTICLE_TEXT, "القوات صدت"), "amira")
    outside = services.history.changes_since(services.history.change_mark())
    assert not outside and outside.changes.statements == frozenset()


def test_edits_from_another_connection_arrive_as_rows_to_refresh(
    services: Services, article_id: int, database_url: str
) -> None:
    record, _ = services.statements.mark_statement(article_id, *span_of(ARTICLE_TEXT, "القوات صدت"), "amira")
    claim, _ = services.claims.create_claim("هجوم قرب شوشا", "amira")
    mark = services.history.change_mark()

    other_db = open_database(database_url)
    try:
        other = build_services(other_db)
        other.statements.edit_statement(record.id, StatementPatch(note="من بلال"), "bilal")
        other.claims.create_claim("ادعاء جديد", "bilal")
        new_article = other.articles.store_article(ParsedArticle(OTHER_TEXT, OTHER_TEXT.encode(), "other.txt"))
    finally:
        other_db.dispose()

    outside = services.history.changes_since(mark)
    assert record.id in outside.changes.statements
    assert article_id in outside.changes.articles
    assert new_article.article_id in outside.changes.articles and outside.new_articles
    assert claim.id not in outside.changes.claims and len(outside.changes.claims) == 1
    assert outside.analysts == ("bilal",)
    # Asked again from the new mark: nothing is reported twice.
    assert not services.history.changes_since(outside.mark)


def test_a_late_commit_below_the_newest_seen_id_is_still_reported(services: Services, article_id: int) -> None:
    """PostgreSQL: a transaction that took an id earlier can commit after a later one was seen."""
    first, _ = services.statements.mark_statement(article_id, *span_of(ARTICLE_TEXT, "القوات صدت"), "amira")
    mark = services.history.change_mark()
    late_id = mark.events.newest
    # Pretend the newest event had not committed when the window looked.
    mark = dataclasses.replace(mark, events=Seen(late_id, mark.events.recent - {late_id}))
    outside = services.history.changes_since(mark)
    assert first.id in outside.changes.statements


def test_the_windows_own_edits_are_not_reported_back_to_it(services: Services, article_id: int) -> None:
    record, _ = services.statements.mark_statement(article_id, *span_of(ARTICLE_TEXT, "القوات صدت"), "amira")
    mark = services.history.change_mark()
    services.statements.edit_statement(record.id, StatementPatch(note="ملاحظتي"), "amira")
    services.statements.edit_statement(record.id, StatementPatch(stance="refutes"), "bilal")

    outside = services.history.changes_since(mark, ignore_analyst="amira")

    assert outside.analysts == ("bilal",) and outside.changes.statements == frozenset({record.id})
    mark = services.history.change_mark()
    services.statements.edit_statement(record.id, StatementPatch(note="ملاحظة أخرى"), "amira")
    assert not services.history.changes_since(mark, ignore_analyst="amira")
    assert services.history.changes_since(mark).analysts == ("amira",)


def test_seen_reports_ids_committed_late_below_the_newest_and_forgets_old_ones() -> None:
    fresh, seen = Seen(7, frozenset({5, 7})).after([5, 6, 7, 8])
    assert fresh == [6, 8] and seen == Seen(8, frozenset({5, 6, 7, 8}))
    fresh, seen = seen.after([5, 6, 7, 8, 8 + LOOKBACK])
    assert fresh == [8 + LOOKBACK] and seen.recent == frozenset({8 + LOOKBACK})
