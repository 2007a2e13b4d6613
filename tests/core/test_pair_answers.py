"""Answering a proposed pair and taking the answer back: the database returns to exactly where it was."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from karabakh_annotator.core.records import MatchRecord, PairAnswer
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.errors import ServiceError
from karabakh_annotator.core.storage.database import Database
from karabakh_annotator.core.storage.models import Claim, Event, MatchDecision, Statement
from tests.core.test_suggestion_services import BAKU_REPORT, WIRE_REPORT, store

ANALYST = "ليلى"


@pytest.fixture
def articles(services: Services) -> tuple[int, int]:
    return store(services, BAKU_REPORT, "baku.txt", outlet="وكالة باكو"), store(services, WIRE_REPORT, "wire.txt")


def snapshot(database: Database) -> dict[str, Any]:
    """What an answer may change: statements' claims and deleted state, live claims, decisions."""
    with database.sessions() as session:
        statements = session.execute(
            select(Statement.id, Statement.claim_id, Statement.deleted_at.is_(None)).order_by(Statement.id)
        ).all()
        claims = session.scalars(select(Claim.id).where(Claim.deleted_at.is_(None)).order_by(Claim.id)).all()
        decisions = session.execute(
            select(MatchDecision.kind, MatchDecision.statement_a_id, MatchDecision.statement_b_id, MatchDecision.decision)
        ).all()
    return {"statements": list(statements), "claims": list(claims), "decisions": sorted(decisions)}


def same_pair(services: Services, articles: tuple[int, int], include_suggestions: bool = True) -> MatchRecord:
    found = services.matches.find(["same"], include_suggestions=include_suggestions)
    return next(m for m in found if {m.a.article_id, m.b.article_id} == set(articles))


def spans(match: MatchRecord) -> set[tuple[int, int, int]]:
    return {(p.article_id, p.start, p.end) for p in (match.a, match.b)}


def proposed(services: Services, match: MatchRecord, include_suggestions: bool = True) -> bool:
    found = services.matches.find([match.kind], include_suggestions=include_suggestions)
    return any(spans(m) == spans(match) for m in found)


def as_statements(services: Services, articles: tuple[int, int]) -> MatchRecord:
    """The proposed pair with both passages already statements (no claims yet)."""
    for article_id in articles:
        services.suggestions.accept_all(article_id, ANALYST)
    return same_pair(services, articles, include_suggestions=False)


def claim_of(services: Services, statement_id: int | None) -> int | None:
    assert statement_id is not None
    return services.statements.get_statement(statement_id).claim_id


def test_accepting_two_suggestions_makes_statements_and_a_claim_and_taking_back_offers_them_again(
    services: Services, database: Database, articles: tuple[int, int]
) -> None:
    pair = same_pair(services, articles)
    assert pair.a.statement_id is None and pair.b.statement_id is None
    before = snapshot(database)
    answer = services.matches.accept(pair, ANALYST)
    assert len(answer.created_statements) == 2 and answer.created_claim is not None
    assert {claim_of(services, answer.match.a.statement_id), claim_of(services, answer.match.b.statement_id)} == {
        answer.created_claim
    }
    assert answer.created_claim in answer.changes.claims and answer.previous_decision is None
    assert not proposed(services, pair)

    changes = services.matches.take_back(answer, ANALYST)
    assert set(answer.created_statements) <= changes.statements
    after = snapshot(database)
    live = [row for row in after["statements"] if row[2]]
    assert not live and after["claims"] == before["claims"] and after["decisions"] == before["decisions"]
    assert proposed(services, pair), "the suggestions are offered again, and the pair with them"

    again = services.matches.answer_again(answer, ANALYST)
    assert again.created_statements == answer.created_statements
    assert again.created_claim is not None and again.created_claim != answer.created_claim
    assert claim_of(services, answer.match.a.statement_id) == again.created_claim
    assert not proposed(services, pair)
    services.matches.take_back(again, ANALYST)
    assert snapshot(database) == after


def test_accepting_two_unlinked_statements_makes_a_claim_then_taking_back_unlinks(
    services: Services, database: Database, articles: tuple[int, int]
) -> None:
    pair = as_statements(services, articles)
    before = snapshot(database)
    answer = services.matches.accept(pair, ANALYST)
    assert answer.created_statements == () and answer.created_claim is not None and answer.relinked is None
    assert claim_of(services, pair.a.statement_id) == claim_of(services, pair.b.statement_id) == answer.created_claim
    assert answer.key in {(k, a, b) for k, a, b, _ in snapshot(database)["decisions"]}
    services.matches.take_back(answer, ANALYST)
    assert snapshot(database) == before
    assert proposed(services, pair, include_suggestions=False)
    with database.sessions() as session:
        actions = session.scalars(select(Event.action).where(Event.entity_type == "match")).all()
    assert actions == ["accepted", "take back"]


def test_accepting_next_to_a_statement_on_a_claim_relinks_and_taking_back_restores_its_claim(
    services: Services, database: Database, articles: tuple[int, int]
) -> None:
    pair = as_statements(services, articles)
    assert pair.b.statement_id is not None
    claim, _ = services.claims.create_claim("تحرير قرية تلش", ANALYST, [pair.b.statement_id])
    before = snapshot(database)
    answer = services.matches.accept(pair, ANALYST)  # the pair as proposed before the claim: read again
    assert answer.created_claim is None and answer.relinked == (pair.a.statement_id, None)
    assert claim_of(services, pair.a.statement_id) == claim.id
    services.matches.take_back(answer, ANALYST)
    assert snapshot(database) == before
    assert claim_of(services, pair.b.statement_id) == claim.id and claim_of(services, pair.a.statement_id) is None
    assert proposed(services, pair, include_suggestions=False)
    again = services.matches.answer_again(answer, ANALYST)
    assert again.relinked == answer.relinked and claim_of(services, pair.a.statement_id) == claim.id


def test_dismissing_then_taking_back_proposes_the_pair_again(
    services: Services, database: Database, articles: tuple[int, int]
) -> None:
    pair = same_pair(services, articles)
    before = snapshot(database)
    answer = services.matches.dismiss(pair, ANALYST)
    assert answer.decision == "dismissed" and answer.created_claim is None and len(answer.created_statements) == 2
    assert claim_of(services, answer.match.a.statement_id) is None
    assert not proposed(services, pair)
    services.matches.take_back(answer, ANALYST)
    after = snapshot(database)
    assert after["decisions"] == before["decisions"] == [] and after["claims"] == before["claims"]
    assert not [row for row in after["statements"] if row[2]]
    assert proposed(services, pair)


def test_taking_back_an_answer_that_replaced_another_restores_the_first(
    services: Services, database: Database, articles: tuple[int, int]
) -> None:
    pair = as_statements(services, articles)
    services.matches.dismiss(pair, ANALYST)
    before = snapshot(database)
    answer: PairAnswer = services.matches.accept(pair, ANALYST)  # from the command line, say
    assert answer.previous_decision == "dismissed"
    assert [d for *_, d in snapshot(database)["decisions"]] == ["accepted"]
    services.matches.take_back(answer, ANALYST)
    assert snapshot(database) == before


def test_a_refused_answer_leaves_no_statement_behind(
    services: Services, database: Database, articles: tuple[int, int]
) -> None:
    pair = as_statements(services, articles)
    assert pair.a.statement_id is not None and pair.b.statement_id is not None
    services.claims.create_claim("أولى", ANALYST, [pair.a.statement_id])
    services.claims.create_claim("ثانية", ANALYST, [pair.b.statement_id])
    before = snapshot(database)
    with pytest.raises(ServiceError, match="different claims"):
        services.matches.accept(pair, ANALYST)
    assert snapshot(database) == before
