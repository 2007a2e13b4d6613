"""Importing into a database that already holds work: matched by identity, added with new ids, never twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.services.exchange import ExchangeService
from karabakh_annotator.core.storage.database import Database
from karabakh_annotator.core.storage.models import Event, MatchDecision, SuggestionDecision
from tests.core.exchange.conftest import (
    CLAIM_SUMMARY,
    DENIAL_QUOTE,
    FRONT_QUOTE,
    FRONT_TEXT,
    TALKS_TEXT,
    Desk,
    mark,
    store,
)


@pytest.fixture
def desk_file(exchange: ExchangeService, desk: Desk, tmp_path: Path) -> Path:
    path = tmp_path / "desk.jsonl"
    exchange.export_jsonl(path)
    return path


@pytest.fixture
def other(fresh: Database) -> Services:
    """Another desk's database: its own analyst, one article in common, one of its own."""
    services = build_services(fresh)
    store(services, "خبر محلي لا علاقة له بالجبهة.", "local.txt")
    store(services, FRONT_TEXT, "front-copy.txt")  # same text, another file name
    mark(services, 2, FRONT_TEXT, "الخسائر طفيفة", "سارة")
    return services


def test_records_are_matched_or_added_with_new_ids(
    other: Services, fresh: Database, desk_file: Path, desk: Desk
) -> None:
    report = ExchangeService(fresh.sessions).import_annotations(desk_file, analyst="سارة")
    assert report.mode == "merge" and report.complete and not report.moved
    # The default labels and the front article (same text) were here already; the rest is added.
    assert report.present == {"label": 51, "article": 1}
    assert report.created == {
        "label": 1, "analyst": 2, "entity": 2, "entity alias": 2, "article": 2, "claim": 2, "statement": 4,
        "evidence": 2, "suggestion_decision": 1, "match_decision": 1, "event": 28,
    }
    # The one event not copied: the front article's import, which this database has its own of.
    assert report.notes == ("events not copied (about records this database already held, or left out): 1",)
    # The article both hold by content keeps this database's id; the statement lands on it.
    front = [s for s in other.statements.statements_for_article(2)]
    assert [s.quote for s in front] == [FRONT_QUOTE, "الخسائر طفيفة"]
    marked = front[0]
    assert (marked.speaker, marked.analyst, marked.stance) == ("وزارة الدفاع الأذربيجانية", "ليلى", "reports")
    claim = other.claims.get_claim(marked.claim_id or 0)
    assert (claim.summary, claim.status, claim.verdict, claim.drafted_by) == (CLAIM_SUMMARY, "published", "false", "ليلى")
    # The denial article was added, with search entries, and its statement links to the same claim.
    denial = next(a for a in other.articles.list_articles() if a.title == "نفي أرمني")
    [statement] = other.statements.statements_for_article(denial.id)
    assert statement.quote == DENIAL_QUOTE and statement.claim_id == claim.id
    assert denial.id in {hit.article_id for hit in other.search.search("فضولي")}
    with fresh.sessions() as session:
        decision = session.scalars(select(MatchDecision)).one()
        assert {decision.statement_a_id, decision.statement_b_id} == {marked.id, statement.id}
        assert session.scalars(select(SuggestionDecision)).one().article_id == denial.id
        imported = session.scalar(select(func.count(Event.id)).where(Event.action == "import", Event.new_value.contains("desk.jsonl")))
    assert imported == 2 + 1 + 2 + 2 + 4 + 2  # articles, label, entities, claims, statements, evidence added
    labels = other.labels.labels(LabelSet.VERDICT, include_retired=True)
    assert [label.key for label in labels][-1] == "staged"


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    other: Services, fresh: Database, desk_file: Path
) -> None:
    exchange = ExchangeService(fresh.sessions)
    exchange.import_annotations(desk_file)
    with fresh.sessions() as session:
        events = session.scalar(select(func.count(Event.id)))
    again = exchange.import_annotations(desk_file)
    assert again.created == {} and again.present["statement"] == 4 and again.present["claim"] == 2
    with fresh.sessions() as session:
        assert session.scalar(select(func.count(Event.id))) == events
    assert len(other.statements.statements_for_article(3)) == 1  # the talks article, once
    assert TALKS_TEXT in {other.articles.get_article(a.id).text for a in other.articles.list_articles()}


def test_a_speaker_known_here_by_another_spelling_is_the_same_entity(
    other: Services, fresh: Database, desk_file: Path
) -> None:
    here, _ = other.entities.create_entity("وزارة الدفاع في أذربيجان", "سارة", aliases=["وزارة الدفاع الأذربيجانية"])
    ExchangeService(fresh.sessions).import_annotations(desk_file)
    [marked, _own] = other.statements.statements_for_article(2)
    assert (marked.speaker_id, marked.speaker) == (here.id, "وزارة الدفاع في أذربيجان")
    entity = other.entities.find_entity("وزارة دفاع أذربيجان")  # an alias the file brought
    assert entity is not None and entity.id == here.id
    assert [e.name for e in other.entities.list_entities()] == ["وزارة الدفاع الأرمنية", "وزارة الدفاع في أذربيجان"]
