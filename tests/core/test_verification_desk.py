"""The verification desk's rules: workflow moves, verdicts with explanations, a second reviewer,
evidence, history, and adjudication into the gold set."""

from __future__ import annotations

import pytest

from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.adjudication import GOLD_ANALYST
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.services.unit_of_work import ServiceError
from tests.core.conftest import ARTICLE_TEXT, span_of


@pytest.fixture
def claim_id(services: Services, article_id: int) -> int:
    start, end = span_of(ARTICLE_TEXT, "القوات صدت هجوما قرب مدينة شوشا")
    statement, _ = services.statements.mark_statement(article_id, start, end, "ليلى")
    claim, _ = services.claims.create_claim("صد هجوم قرب شوشا", "ليلى", [statement.id])
    return claim.id


def move(services: Services, claim_id: int, status: str, analyst: str = "ليلى") -> str:
    return services.claims.edit_claim(claim_id, ClaimPatch(status=status), analyst).claim.status


def test_a_claim_walks_the_workflow_to_published(services: Services, claim_id: int) -> None:
    assert move(services, claim_id, "check_worthy") == "check_worthy"
    assert move(services, claim_id, "in_progress") == "in_progress"
    patch = ClaimPatch(verdict="false", explanation="صور الأقمار الصناعية لا تظهر أي قتال")
    services.claims.edit_claim(claim_id, patch, "ليلى")
    drafted = services.claims.edit_claim(claim_id, ClaimPatch(status="verdict_drafted"), "ليلى").claim
    assert drafted.drafted_by == "ليلى"
    assert move(services, claim_id, "reviewed", analyst="عمر") == "reviewed"
    assert move(services, claim_id, "published", analyst="عمر") == "published"
    assert move(services, claim_id, "corrected", analyst="عمر") == "corrected"


@pytest.mark.parametrize(("start", "target"), [("spotted", "reviewed"), ("spotted", "published")])
def test_skipping_ahead_is_refused(services: Services, claim_id: int, start: str, target: str) -> None:
    with pytest.raises(ServiceError, match="cannot move"):
        move(services, claim_id, target)
    assert services.claims.get_claim(claim_id).status == start


def test_a_drafted_verdict_needs_a_verdict_and_an_explanation(services: Services, claim_id: int) -> None:
    move(services, claim_id, "in_progress")
    with pytest.raises(ServiceError, match="needs a verdict"):
        move(services, claim_id, "verdict_drafted")
    services.claims.edit_claim(claim_id, ClaimPatch(verdict="misleading"), "ليلى")
    with pytest.raises(ServiceError, match="explanation"):
        move(services, claim_id, "verdict_drafted")
    claim = services.claims.get_claim(claim_id)
    assert (claim.status, claim.verdict) == ("in_progress", "misleading")  # the refused move changed nothing


def test_the_drafter_cannot_review_their_own_verdict(services: Services, claim_id: int) -> None:
    move(services, claim_id, "in_progress")
    services.claims.edit_claim(claim_id, ClaimPatch(verdict="false", explanation="لا دليل"), "ليلى")
    move(services, claim_id, "verdict_drafted")
    with pytest.raises(ServiceError, match="another analyst"):
        move(services, claim_id, "reviewed")
    assert move(services, claim_id, "reviewed", analyst="عمر") == "reviewed"


def test_undo_of_a_move_is_not_a_workflow_move(services: Services, claim_id: int) -> None:
    move(services, claim_id, "in_progress")
    services.claims.edit_claim(claim_id, ClaimPatch(verdict="false", explanation="لا دليل"), "ليلى")
    move(services, claim_id, "verdict_drafted")
    services.claims.edit_claim(claim_id, ClaimPatch(status="reviewed"), "عمر")
    published = services.claims.edit_claim(claim_id, ClaimPatch(status="published"), "عمر")
    # published -> reviewed is no forward move, but undoing the publication must work.
    services.claims.edit_claim(claim_id, published.inverse, "عمر", undoing=True)
    assert services.claims.get_claim(claim_id).status == "reviewed"


def test_assignee_is_an_analyst_and_shows_in_the_overview(services: Services, claim_id: int) -> None:
    services.claims.edit_claim(claim_id, ClaimPatch(assignee="عمر"), "ليلى")
    [overview] = services.claims.overview()
    assert overview.claim.assignee == "عمر" and overview.statement_count == 1
    assert overview.evidence_count == 0


def test_evidence_is_added_counted_withdrawn_and_logged(services: Services, claim_id: int) -> None:
    evidence, _ = services.evidence.add_evidence(
        claim_id, "refutes", "ليلى", citation="بيان وزارة الدفاع", url="https://example.org/bayan"
    )
    assert (evidence.stance, evidence.url, evidence.analyst) == ("refutes", "https://example.org/bayan", "ليلى")
    assert [e.id for e in services.evidence.evidence_for_claim(claim_id)] == [evidence.id]
    assert services.evidence.counts()[claim_id]["refutes"] == 1
    assert services.claims.overview()[0].evidence_count == 1
    services.evidence.delete_evidence(evidence.id, "ليلى")
    assert services.evidence.evidence_for_claim(claim_id) == []
    actions = [(e.entity_type, e.action) for e in services.history.for_claim(claim_id)]
    assert actions == [("claim", "create"), ("evidence", "create"), ("evidence", "delete")]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"stance": "refutes"}, "needs a citation"),
        ({"stance": "refutes", "url": "javascript:alert(1)"}, "not a web address"),
        ({"stance": "maybe", "note": "x"}, "unknown evidence stance"),
    ],
)
def test_bad_evidence_is_refused(services: Services, claim_id: int, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ServiceError, match=message):
        services.evidence.add_evidence(claim_id, analyst="ليلى", **kwargs)  # type: ignore[arg-type]
    assert services.evidence.evidence_for_claim(claim_id) == []


def test_history_of_a_statement_and_the_activity_feed(services: Services, article_id: int) -> None:
    start, end = span_of(ARTICLE_TEXT, "القوات صدت هجوما")
    statement, _ = services.statements.mark_statement(article_id, start, end, "ليلى")
    services.statements.edit_statement(statement.id, StatementPatch(stance="reports"), "عمر")
    services.statements.delete_statement(statement.id, "عمر")
    services.statements.restore_statement(statement.id, "ليلى")
    history = services.history.for_statement(statement.id)
    assert [(e.analyst, e.action, e.field) for e in history] == [
        ("ليلى", "create", None),
        ("عمر", "edit", "stance"),
        ("عمر", "delete", None),
        ("ليلى", "restore", None),
    ]
    assert history[1].new == '"reports"'
    newest = services.history.activity(limit=2)
    assert [e.action for e in newest] == ["restore", "delete"]
    assert [e.action for e in services.history.activity(limit=10, analyst="عمر")] == ["delete", "edit"]
    assert set(services.history.analysts()) >= {"ليلى", "عمر"}


def test_adjudication_pairs_two_analysts_and_takes_one_into_gold(services: Services, article_id: int) -> None:
    wide = span_of(ARTICLE_TEXT, "القوات صدت هجوما قرب مدينة شوشا")
    narrow = span_of(ARTICLE_TEXT, "صدت هجوما قرب مدينة شوشا")
    only = span_of(ARTICLE_TEXT, "المدينة لم تتعرض لأي هجوم")
    mine, _ = services.statements.mark_statement(article_id, *wide, "ليلى", StatementPatch(stance="reports"))
    theirs, _ = services.statements.mark_statement(article_id, *narrow, "عمر", StatementPatch(stance="asserts"))
    lone, _ = services.statements.mark_statement(article_id, *only, "عمر")
    rows = services.adjudication.compare(article_id, "ليلى", "عمر")
    assert [(r.first.id if r.first else None, r.second.id if r.second else None) for r in rows] == [
        (mine.id, theirs.id),
        (None, lone.id),
    ]
    gold, _ = services.adjudication.accept(theirs.id, "سارة")
    assert (gold.analyst, gold.start, gold.stance) == (GOLD_ANALYST, narrow[0], "asserts")
    # Taking the other version replaces the gold statement there.
    second_gold, _ = services.adjudication.accept(mine.id, "سارة", StatementPatch(note="أوسع"))
    live = [s for s in services.statements.statements_for_article(article_id) if s.analyst == GOLD_ANALYST]
    assert [s.id for s in live] == [second_gold.id] and second_gold.note == "أوسع"
    assert services.adjudication.compare(article_id, "ليلى", "عمر")[0].gold == services.statements.get_statement(
        second_gold.id
    )
    assert any(e.action == "adjudicate" and e.analyst == "سارة" for e in services.history.for_statement(gold.id))


def test_statements_for_claim_lists_its_live_statements(services: Services, article_id: int, claim_id: int) -> None:
    [carried] = services.statements.statements_for_claim(claim_id)
    assert carried.claim_id == claim_id and carried.article_id == article_id
    services.statements.delete_statement(carried.id, "ليلى")
    assert services.statements.statements_for_claim(claim_id) == []


def test_the_workflow_knows_every_seeded_status() -> None:
    from karabakh_annotator.core.labels import WORKFLOW_STATUSES
    from karabakh_annotator.core.workflow import MOVES

    keys = {label.key for label in WORKFLOW_STATUSES}
    assert set(MOVES) == keys
    assert all(targets <= keys for targets in MOVES.values())


def test_out_of_scope_claims_do_not_jump_to_a_verdict(services: Services, claim_id: int) -> None:
    assert move(services, claim_id, "out_of_scope") == "out_of_scope"
    with pytest.raises(ServiceError, match="cannot move"):
        move(services, claim_id, "in_progress")
