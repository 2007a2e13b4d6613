"""Services: one transaction per action, event-log rows, Changes, and exact inverses."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.core.storage.database import Database
from karabakh_annotator.core.storage.models import Event
from tests.core.conftest import ARTICLE_TEXT, OTHER_TEXT, span_of


def _events(database: Database) -> list[Event]:
    with database.sessions() as session:
        return list(session.scalars(select(Event).order_by(Event.id)))


def test_import_stores_text_and_reports_duplicates_by_content(services: Services, database: Database) -> None:
    first = services.articles.store_article(ParsedArticle(OTHER_TEXT, OTHER_TEXT.encode(), "a.txt"))
    again = services.articles.store_article(ParsedArticle(OTHER_TEXT, b"different raw bytes", "b.txt"))
    assert first.status == "imported" and first.changes.articles == {first.article_id}
    assert again.status == "duplicate" and again.article_id == first.article_id
    assert [a.source_file for a in services.articles.list_articles()] == ["a.txt"]
    assert services.articles.get_article(first.article_id).text == OTHER_TEXT
    assert [(e.action, e.entity_type) for e in _events(database)] == [("import", "article")]


def test_mark_statement_stores_quote_and_context(services: Services, article_id: int, database: Database) -> None:
    start, end = span_of(ARTICLE_TEXT, "إن القوات صدت هجوما قرب مدينة شوشا")
    statement, changes = services.statements.mark_statement(article_id, start, end, "rania")
    assert statement.quote == ARTICLE_TEXT[start:end]
    assert statement.prefix == ARTICLE_TEXT[start - 32 : start]
    assert statement.suffix == ARTICLE_TEXT[end : end + 32]
    assert statement.analyst == "rania"
    assert changes.statements == {statement.id} and changes.articles == {article_id}
    assert services.articles.list_articles()[0].statement_count == 1
    assert [(e.action, e.entity_id) for e in _events(database)][-1] == ("create", statement.id)


@pytest.mark.parametrize(("start", "end"), [(-1, 4), (5, 5), (0, len(ARTICLE_TEXT) + 1)])
def test_mark_statement_refuses_spans_outside_the_text(services: Services, article_id: int, start: int, end: int) -> None:
    with pytest.raises(ServiceError, match="not inside article"):
        services.statements.mark_statement(article_id, start, end, "rania")
    assert services.statements.statements_for_article(article_id) == []


def test_edit_logs_each_changed_field_and_its_inverse_undoes_it(
    services: Services, article_id: int, database: Database
) -> None:
    start, end = span_of(ARTICLE_TEXT, "القوات صدت هجوما")
    statement, _ = services.statements.mark_statement(article_id, start, end, "rania")
    speaker, _ = services.entities.create_entity("وزارة الدفاع", "rania", aliases=["الوزارة"], party="pro_armenia")
    edit = services.statements.edit_statement(
        statement.id, StatementPatch(speaker_id=speaker.id, cue="قال", cue_class="saying", stance="reports", note=""), "rania"
    )
    assert (edit.statement.speaker, edit.statement.cue_class, edit.statement.stance) == ("وزارة الدفاع", "saying", "reports")
    # note was "" already: no event, no inverse entry for it
    assert edit.inverse == StatementPatch(speaker_id=None, cue=None, cue_class=None, stance=None)
    logged = [(e.field, e.old_value, e.new_value) for e in _events(database) if e.action == "edit"]
    assert ("stance", None, '"reports"') in logged and len(logged) == 4

    undone = services.statements.edit_statement(statement.id, edit.inverse, "rania")
    assert (undone.statement.speaker, undone.statement.cue, undone.statement.stance) == (None, None, None)
    redone = services.statements.edit_statement(statement.id, undone.inverse, "rania")
    assert redone.statement.speaker == "وزارة الدفاع" and redone.statement.stance == "reports"


def test_edit_refuses_a_label_from_the_wrong_set(services: Services, article_id: int) -> None:
    statement, _ = services.statements.mark_statement(article_id, 0, 5, "rania")
    with pytest.raises(ServiceError, match="unknown reporting stance label: 'false'"):
        services.statements.edit_statement(statement.id, StatementPatch(stance="false"), "rania")
    assert services.statements.get_statement(statement.id).stance is None


def test_resize_moves_quote_and_context_and_reports_previous_span(services: Services, article_id: int) -> None:
    statement, _ = services.statements.mark_statement(article_id, *span_of(ARTICLE_TEXT, "صدت هجوما"), "rania")
    start, end = span_of(ARTICLE_TEXT, "القوات صدت هجوما قرب مدينة شوشا")
    resized = services.statements.resize_statement(statement.id, start, end, "rania")
    assert resized.statement.quote == "القوات صدت هجوما قرب مدينة شوشا"
    assert resized.previous_span == (statement.start, statement.end)
    back = services.statements.resize_statement(statement.id, *resized.previous_span, "rania")
    assert back.statement.quote == "صدت هجوما"


def test_delete_is_soft_and_restorable(services: Services, article_id: int, database: Database) -> None:
    statement, _ = services.statements.mark_statement(article_id, 0, 5, "rania")
    deleted, changes = services.statements.delete_statement(statement.id, "rania")
    assert deleted.deleted and changes.statements == {statement.id}
    assert services.statements.statements_for_article(article_id) == []
    assert len(services.statements.statements_for_article(article_id, include_deleted=True)) == 1
    with pytest.raises(ServiceError, match="deleted"):
        services.statements.edit_statement(statement.id, StatementPatch(note="x"), "rania")
    restored, _ = services.statements.restore_statement(statement.id, "rania")
    assert not restored.deleted
    assert [e.action for e in _events(database)][-2:] == ["delete", "restore"]


def test_claim_status_and_verdict_with_rating_and_inverse(services: Services, article_id: int, database: Database) -> None:
    statement, _ = services.statements.mark_statement(article_id, *span_of(ARTICLE_TEXT, "القوات صدت هجوما"), "rania")
    claim, changes = services.claims.create_claim("  صد هجوم قرب   شوشا ", "rania", [statement.id])
    assert claim.summary == "صد هجوم قرب شوشا" and claim.status == "spotted"
    assert changes.statements == {statement.id}
    assert services.statements.get_statement(statement.id).claim_id == claim.id

    edit = services.claims.edit_claim(claim.id, ClaimPatch(status="in_progress", verdict="false"), "omar")
    assert (edit.claim.status, edit.claim.verdict, edit.claim.rating_value) == ("in_progress", "false", 1)
    assert edit.inverse == ClaimPatch(status="spotted", verdict=None, rating_value=None)
    undone = services.claims.edit_claim(claim.id, edit.inverse, "omar")
    assert (undone.claim.status, undone.claim.verdict, undone.claim.rating_value) == ("spotted", None, None)
    who = {e.field: e.analyst_id for e in _events(database) if e.entity_type == "claim" and e.action == "edit"}
    assert set(who) == {"status", "verdict", "rating_value"}


def test_claim_summary_over_75_characters_is_refused(services: Services) -> None:
    with pytest.raises(ServiceError, match="at most 75"):
        services.claims.create_claim("ق" * 76, "rania")
    assert services.claims.list_claims() == []


def test_entity_names_and_aliases_are_unique(services: Services) -> None:
    services.entities.create_entity("جيهون بيراموف", "rania", aliases=["بايراموف", "بيراموف"])
    assert services.entities.find_entity("بايراموف").name == "جيهون بيراموف"
    with pytest.raises(ServiceError, match="already exists"):
        services.entities.create_entity("بيراموف", "rania")


def test_a_failed_action_writes_nothing(services: Services, article_id: int, database: Database) -> None:
    statement, _ = services.statements.mark_statement(article_id, 0, 5, "rania")
    before = len(_events(database))
    with pytest.raises(ServiceError):
        services.statements.edit_statement(statement.id, StatementPatch(note="ملاحظة", claim_id=4242), "rania")
    assert services.statements.get_statement(statement.id).note == ""
    assert len(_events(database)) == before


def test_deleting_a_claim_unlinks_its_statements_and_restoring_relinks(services: Services, article_id: int) -> None:
    first, _ = services.statements.mark_statement(article_id, 0, 5, "rania")
    second, _ = services.statements.mark_statement(article_id, 6, 12, "rania")
    claim, _ = services.claims.create_claim("ادعاء للتجربة", "rania", [first.id, second.id])
    deleted, changes, unlinked = services.claims.delete_claim(claim.id, "rania")
    assert deleted.deleted and unlinked == (first.id, second.id) and changes.statements == {first.id, second.id}
    assert services.statements.get_statement(first.id).claim_id is None
    assert services.claims.list_claims() == []
    restored, _ = services.claims.restore_claim(claim.id, "rania", unlinked)
    assert not restored.deleted
    assert {services.statements.get_statement(s).claim_id for s in unlinked} == {claim.id}
