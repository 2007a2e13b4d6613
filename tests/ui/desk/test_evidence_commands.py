"""Evidence commands over real services: redo, assert, undo, assert, redo again, assert; refusals leave no trace."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.ui.desk.evidence_commands import AddEvidenceCommand, WithdrawEvidenceCommand

from tests.ui.conftest import ANALYST, DemoData, Recorder

URL = "https://example.org/report"


@pytest.fixture
def claim_id(services: Services, demo: DemoData) -> int:
    claim_id = services.statements.get_statement(demo.emoji_statement_id).claim_id
    assert claim_id is not None
    return claim_id


def _live(services: Services, claim_id: int) -> list[tuple[int, str, str]]:
    return [(e.id, e.stance, e.citation) for e in services.evidence.evidence_for_claim(claim_id)]


def test_add_evidence_undo_withdraws_redo_restores_the_same_row(
    services: Services, demo: DemoData, claim_id: int, stack: QUndoStack, recorder: Recorder
) -> None:
    evidence = {"stance": "refutes", "citation": "بيان وزارة الدفاع", "url": URL, "note": "",
                "statement_id": demo.plain_statement_id}
    command = AddEvidenceCommand(services, claim_id, evidence, **recorder.kwargs())
    stack.push(command)
    evidence_id = command.evidence_id
    assert evidence_id is not None
    assert _live(services, claim_id) == [(evidence_id, "refutes", "بيان وزارة الدفاع")]
    stored = services.evidence.evidence_for_claim(claim_id)[0]
    assert (stored.url, stored.statement_id, stored.analyst) == (URL, demo.plain_statement_id, ANALYST)
    assert recorder.changes[-1].claims == {claim_id}
    assert stack.undoText() == "Add evidence"

    stack.undo()
    assert _live(services, claim_id) == []
    withdrawn = services.evidence.evidence_for_claim(claim_id, include_deleted=True)
    assert [(e.id, e.deleted) for e in withdrawn] == [(evidence_id, True)]
    assert recorder.changes[-1].claims == {claim_id}

    stack.redo()
    assert _live(services, claim_id) == [(evidence_id, "refutes", "بيان وزارة الدفاع")]
    assert len(services.evidence.evidence_for_claim(claim_id, include_deleted=True)) == 1  # no second row
    actions = [e.action for e in services.history.for_claim(claim_id) if e.entity_type == "evidence"]
    assert actions == ["create", "delete", "restore"]
    assert recorder.errors == []


def test_withdraw_evidence_undo_restores_it(
    services: Services, claim_id: int, stack: QUndoStack, recorder: Recorder
) -> None:
    record, _ = services.evidence.add_evidence(claim_id, "supports", ANALYST, note="صور الأقمار الصناعية")
    stack.push(WithdrawEvidenceCommand(services, record.id, **recorder.kwargs()))
    assert _live(services, claim_id) == []
    assert stack.undoText() == "Withdraw evidence"
    stack.undo()
    assert [e.id for e in services.evidence.evidence_for_claim(claim_id)] == [record.id]
    stack.redo()
    assert _live(services, claim_id) == []
    assert recorder.errors == []
    assert all(c.claims == {claim_id} for c in recorder.changes)


@pytest.mark.parametrize(
    ("evidence", "message"),
    [
        ({"stance": "supports", "url": "ftp://example.org/x"}, "not a web address"),
        ({"stance": "supports"}, "needs a citation"),
        ({"stance": "no_such_stance", "citation": "x"}, "unknown evidence stance"),
        ({"stance": "supports", "citation": "x", "statement_id": 999_999}, "no statement"),
    ],
)
def test_refused_add_is_never_pushed_and_stores_nothing(
    services: Services, claim_id: int, stack: QUndoStack, recorder: Recorder, evidence: dict[str, object], message: str
) -> None:
    command = AddEvidenceCommand(services, claim_id, evidence, **recorder.kwargs())
    stack.push(command)
    assert stack.count() == 0
    assert isinstance(command.error, ServiceError)
    assert [str(e) for e in recorder.errors] == [str(command.error)]
    assert message in str(command.error)
    assert services.evidence.evidence_for_claim(claim_id, include_deleted=True) == []
    assert recorder.changes == []


def test_add_to_a_deleted_claim_is_refused(
    services: Services, claim_id: int, stack: QUndoStack, recorder: Recorder
) -> None:
    services.claims.delete_claim(claim_id, ANALYST)
    stack.push(AddEvidenceCommand(services, claim_id, {"stance": "supports", "citation": "x"}, **recorder.kwargs()))
    assert stack.count() == 0
    assert "no claim" in str(recorder.errors[0])


def test_unknown_fields_are_a_programming_error(services: Services, claim_id: int, recorder: Recorder) -> None:
    with pytest.raises(TypeError, match="analyst"):
        AddEvidenceCommand(services, claim_id, {"stance": "supports", "analyst": "x"}, **recorder.kwargs())
