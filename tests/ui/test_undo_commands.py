"""Undo commands over real services: redo, assert, undo, assert, redo again, assert; failures leave no trace."""

from __future__ import annotations

import pytest

from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.ui.undo_commands import (
    CreateClaimCommand,
    DeleteStatementCommand,
    EditClaimCommand,
    EditStatementCommand,
    MarkStatementCommand,
    ResizeStatementCommand,
)

from tests.ui.conftest import ANALYST, DemoData


def _live_spans(services: Services, article_id: int) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in services.statements.statements_for_article(article_id)]


def test_mark_statement_redo_undo_redo_keeps_the_id(services, demo: DemoData, stack, recorder) -> None:
    start = demo.plain_text.index("المراقبين")
    end = start + len("المراقبين وصلوا")
    command = MarkStatementCommand(services, demo.plain_id, start, end, **recorder.kwargs())
    stack.push(command)
    statement_id = command.statement_id
    assert statement_id is not None
    assert (start, end) in _live_spans(services, demo.plain_id)
    assert services.statements.get_statement(statement_id).quote == "المراقبين وصلوا"
    assert recorder.changes[-1].statements == {statement_id}
    assert stack.undoText() == "Mark statement"

    stack.undo()
    assert (start, end) not in _live_spans(services, demo.plain_id)
    assert services.statements.get_statement(statement_id).deleted
    assert recorder.changes[-1].articles == {demo.plain_id}

    stack.redo()
    restored = services.statements.get_statement(statement_id)
    assert not restored.deleted and (restored.start, restored.end) == (start, end)
    assert len(services.statements.statements_for_article(demo.plain_id, include_deleted=True)) == 2
    assert recorder.errors == []


def test_edit_statement_undo_applies_the_inverse(services, demo: DemoData, stack, recorder) -> None:
    sid = demo.plain_statement_id
    services.statements.edit_statement(sid, StatementPatch(cue="قال"), ANALYST)
    command = EditStatementCommand(services, sid, StatementPatch(stance="distances", cue="زعم"), **recorder.kwargs())
    assert command.text() == "Edit statement"
    stack.push(command)
    statement = services.statements.get_statement(sid)
    assert (statement.stance, statement.cue) == ("distances", "زعم")

    stack.undo()
    statement = services.statements.get_statement(sid)
    assert (statement.stance, statement.cue) == (None, "قال")

    stack.redo()
    statement = services.statements.get_statement(sid)
    assert (statement.stance, statement.cue) == ("distances", "زعم")
    assert len(recorder.changes) == 3 and all(sid in c.statements for c in recorder.changes)


def test_command_texts_name_the_edit(services, demo: DemoData, recorder) -> None:
    kwargs = recorder.kwargs()
    sid, claim_id = demo.plain_statement_id, 1
    assert EditStatementCommand(services, sid, StatementPatch(stance="asserts"), **kwargs).text() == "Set stance"
    assert EditStatementCommand(services, sid, StatementPatch(speaker_id=1), **kwargs).text() == "Set speaker"
    assert EditStatementCommand(services, sid, StatementPatch(claim_id=None), **kwargs).text() == "Unlink claim"
    assert EditClaimCommand(services, claim_id, ClaimPatch(verdict="true"), **kwargs).text() == "Set verdict"
    assert EditClaimCommand(services, claim_id, ClaimPatch(status="reviewed"), **kwargs).text() == "Set status"
    assert DeleteStatementCommand(services, sid, **kwargs).text() == "Delete statement"


def test_resize_statement_undo_moves_it_back(services, demo: DemoData, stack, recorder) -> None:
    sid = demo.plain_statement_id
    before = services.statements.get_statement(sid)
    start = demo.plain_text.index("إن الهدنة")
    stack.push(ResizeStatementCommand(services, sid, start, before.end, **recorder.kwargs()))
    assert services.statements.get_statement(sid).quote == "إن " + demo.plain_quote

    stack.undo()
    after_undo = services.statements.get_statement(sid)
    assert (after_undo.start, after_undo.end, after_undo.quote) == (before.start, before.end, demo.plain_quote)

    stack.redo()
    assert services.statements.get_statement(sid).start == start


def test_delete_statement_undo_restores(services, demo: DemoData, stack, recorder) -> None:
    sid = demo.emoji_statement_id
    stack.push(DeleteStatementCommand(services, sid, **recorder.kwargs()))
    assert services.statements.statements_for_article(demo.emoji_id) == []

    stack.undo()
    [statement] = services.statements.statements_for_article(demo.emoji_id)
    assert statement.id == sid and statement.claim is not None  # its claim link survives

    stack.redo()
    assert services.statements.statements_for_article(demo.emoji_id) == []


def test_create_claim_undo_deletes_and_redo_relinks(services, demo: DemoData, stack, recorder) -> None:
    sid = demo.plain_statement_id
    command = CreateClaimCommand(services, "Truce holds", [sid], **recorder.kwargs())
    stack.push(command)
    claim_id = command.claim_id
    assert services.statements.get_statement(sid).claim_id == claim_id
    assert services.claims.get_claim(claim_id).summary == "Truce holds"

    stack.undo()
    assert services.claims.get_claim(claim_id).deleted
    assert services.statements.get_statement(sid).claim_id is None

    stack.redo()
    assert not services.claims.get_claim(claim_id).deleted
    assert services.statements.get_statement(sid).claim_id == claim_id
    assert claim_id in recorder.changes[-1].claims


def test_create_claim_undo_gives_statements_back_their_old_claim(services, demo: DemoData, stack, recorder) -> None:
    sid = demo.emoji_statement_id
    old_claim = services.statements.get_statement(sid).claim_id
    assert old_claim is not None
    stack.push(CreateClaimCommand(services, "Drone was Armenian", [sid], **recorder.kwargs()))
    assert services.statements.get_statement(sid).claim_id != old_claim

    stack.undo()
    assert services.statements.get_statement(sid).claim_id == old_claim


def test_edit_claim_undo_restores_verdict_and_rating(services, demo: DemoData, stack, recorder) -> None:
    claim_id = services.statements.get_statement(demo.emoji_statement_id).claim_id
    before = services.claims.get_claim(claim_id)
    assert (before.verdict, before.rating_value) == ("false", 1)
    stack.push(EditClaimCommand(services, claim_id, ClaimPatch(verdict="true"), **recorder.kwargs()))
    after = services.claims.get_claim(claim_id)
    assert (after.verdict, after.rating_value) == ("true", 5)

    stack.undo()
    undone = services.claims.get_claim(claim_id)
    assert (undone.verdict, undone.rating_value) == ("false", 1)

    stack.redo()
    assert services.claims.get_claim(claim_id).verdict == "true"
    assert recorder.changes[-1].claims == {claim_id}


def test_failing_first_redo_is_never_pushed(services, demo: DemoData, stack, recorder) -> None:
    before = services.statements.statements_for_article(demo.plain_id, include_deleted=True)
    stack.push(MarkStatementCommand(services, demo.plain_id, 5, 10_000, **recorder.kwargs()))
    assert (stack.count(), stack.index(), stack.canUndo()) == (0, 0, False)
    assert services.statements.statements_for_article(demo.plain_id, include_deleted=True) == before
    assert len(recorder.errors) == 1 and isinstance(recorder.errors[0], ServiceError)
    assert recorder.changes == []


def test_failing_edit_keeps_the_stack_below_it(services, demo: DemoData, stack, recorder) -> None:
    sid = demo.plain_statement_id
    stack.push(EditStatementCommand(services, sid, StatementPatch(stance="asserts"), **recorder.kwargs()))
    stack.push(EditStatementCommand(services, sid, StatementPatch(stance="no_such_stance"), **recorder.kwargs()))
    assert (stack.count(), stack.index()) == (1, 1)
    assert services.statements.get_statement(sid).stance == "asserts"
    assert len(recorder.errors) == 1
    stack.undo()
    assert services.statements.get_statement(sid).stance is None


def test_failing_undo_drops_the_command(services, demo: DemoData, stack, recorder) -> None:
    sid = demo.plain_statement_id
    stack.push(EditStatementCommand(services, sid, StatementPatch(cue="قال"), **recorder.kwargs()))
    services.statements.delete_statement(sid, ANALYST)  # someone else deletes it meanwhile
    stack.undo()
    assert isinstance(recorder.errors[-1], ServiceError)
    assert (stack.count(), stack.canUndo(), stack.canRedo()) == (0, False, False)
    assert services.statements.get_statement(sid).cue == "قال"  # nothing half-undone
