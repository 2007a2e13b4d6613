"""Suggested statements and proposed pairs through the services: answers stored, nothing offered twice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from karabakh_annotator.core.records import ParsedArticle
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.storage.database import Database
from karabakh_annotator.core.storage.models import Event

# Short fixtures written for these tests: two outlets report one claim in
# different words and spellings; a third denies it.
BAKU_REPORT = (
    "قال وزير الدفاع الأذربيجاني زاكر حسنوف إن القوات الأذربيجانية حررت قرية تلش صباح 2 أكتوبر.\n"
    "وأضاف أن الجيش دمر 12 دبابة خلال المعارك."
)
WIRE_REPORT = (
    "أعلن وزير الدفاع الأذري زاكر حسنوف أن قوات أذربيجان استعادت السيطرة على قرية تلش يوم ٢ أكتوبر."
)
YEREVAN_DENIAL = (
    "نفت وزارة الدفاع الأرمينية أن تكون قرية تلش قد سقطت، مؤكدة أن قواتها صدت الهجوم على القرية في 2 أكتوبر."
)


def store(services: Services, text: str, name: str, outlet: str | None = None) -> int:
    outcome = services.articles.store_article(ParsedArticle(text, text.encode(), name, title=name, outlet=outlet))
    assert outcome.article_id is not None
    return outcome.article_id


@pytest.fixture
def baku(services: Services) -> int:
    return store(services, BAKU_REPORT, "baku.txt", outlet="وكالة باكو")


def test_suggestions_quote_the_stored_text_with_speaker_and_cue(services: Services, baku: int) -> None:
    text = services.articles.get_article(baku).text
    suggestions = services.suggestions.for_article(baku)
    assert suggestions, "a sentence with قال ... إن must be suggested"
    assert all(s.text == text[s.start : s.end] for s in suggestions)
    first = suggestions[0]
    assert first.cue == "قال" and first.cue_class == "saying" and first.stance == "reports"
    assert first.speaker is not None and "حسنوف" in first.speaker
    assert "حررت قرية تلش" in first.text


def test_a_rejected_suggestion_is_not_offered_again_until_unrejected(
    services: Services, database: Database, baku: int
) -> None:
    first = services.suggestions.for_article(baku)[0]
    changes = services.suggestions.reject(baku, first.start, first.end, "ليلى")
    assert changes.articles == frozenset({baku})
    assert (first.start, first.end) not in {(s.start, s.end) for s in services.suggestions.for_article(baku)}
    services.suggestions.unreject(baku, first.start, first.end, "ليلى")
    assert (first.start, first.end) in {(s.start, s.end) for s in services.suggestions.for_article(baku)}
    with database.sessions() as session:
        actions = session.scalars(select(Event.action).where(Event.entity_type == "suggestion")).all()
    assert actions == ["reject", "unreject"]


def test_accepting_stores_a_statement_with_a_resolved_speaker(services: Services, baku: int) -> None:
    first = services.suggestions.for_article(baku)[0]
    statement, changes = services.suggestions.accept(baku, first, "ليلى")
    assert (statement.start, statement.end, statement.quote) == (first.start, first.end, first.text)
    assert statement.cue == "قال" and statement.cue_class == "saying" and statement.stance == "reports"
    assert statement.speaker is not None and "حسنوف" in statement.speaker
    assert statement.party == "pro_azerbaijan"
    assert statement.speaker_id in changes.entities
    # The marked span is no longer suggested.
    assert all(s.start >= statement.end or s.end <= statement.start for s in services.suggestions.for_article(baku))


def test_one_speaker_under_two_spellings_is_one_entity(services: Services, baku: int) -> None:
    wire = store(services, WIRE_REPORT, "wire.txt")
    from_baku, _ = services.suggestions.accept(baku, services.suggestions.for_article(baku)[0], "ليلى")
    from_wire, changes = services.suggestions.accept(wire, services.suggestions.for_article(wire)[0], "ليلى")
    assert from_wire.speaker_id == from_baku.speaker_id
    assert not changes.entities  # nothing new created


def test_the_same_claim_in_two_outlets_is_proposed_then_linked(services: Services, baku: int) -> None:
    wire = store(services, WIRE_REPORT, "wire.txt")
    same = [m for m in services.matches.find(["same"]) if {m.a.article_id, m.b.article_id} == {baku, wire}]
    assert same, "the reworded report of the same liberation must be proposed"
    best = same[0]
    assert best.a.text and best.b.text and 0 < best.score <= 1
    services.matches.accept(best, "ليلى")
    a = services.statements.statements_for_article(best.a.article_id)
    b = services.statements.statements_for_article(best.b.article_id)
    claims = {s.claim_id for s in a + b if s.start in (best.a.start, best.b.start)}
    assert len(claims) == 1 and None not in claims
    again = [m for m in services.matches.find(["same"]) if (m.a.start, m.b.start) == (best.a.start, best.b.start)]
    assert not again


def test_a_dismissed_pair_is_remembered(services: Services, baku: int) -> None:
    wire = store(services, WIRE_REPORT, "wire.txt")
    pair = next(m for m in services.matches.find(["same"]) if {m.a.article_id, m.b.article_id} == {baku, wire})
    services.matches.dismiss(pair, "ليلى")
    left = services.matches.find(["same"], include_suggestions=False)
    assert all({m.a.start, m.b.start} != {pair.a.start, pair.b.start} for m in left)
    ids = {s.id for s in services.statements.statements_for_article(baku) + services.statements.statements_for_article(wire)}
    related = [m for i in ids for m in services.matches.related(i) if m.kind == "same"]
    assert not related


def test_a_denial_of_the_same_event_is_flagged_as_a_contradiction(services: Services, baku: int) -> None:
    yerevan = store(services, YEREVAN_DENIAL, "yerevan.txt")
    found = services.matches.find(["contradiction"])
    assert any({m.a.article_id, m.b.article_id} == {baku, yerevan} for m in found)
