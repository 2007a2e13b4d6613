"""Two analysts on one database: conflicts are asked about, others' changes show up without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from karabakh_annotator.core.records import Changes
from karabakh_annotator.core.services import Services, build_services
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.core.services.versions import EditConflict
from karabakh_annotator.core.storage.database import open_database
from karabakh_annotator.ui.change_watch import ChangeWatcher
from karabakh_annotator.ui.conflict_resolution import ValueDescriber, resolve_conflict
from karabakh_annotator.ui.dialogs.conflict_dialog import ConflictChoice, ConflictDialog
from karabakh_annotator.ui.undo_commands import EditClaimCommand, EditStatementCommand
from karabakh_annotator.ui.workspace_team import describe_outside

from tests.ui.conftest import ANALYST, DemoData, Recorder

OTHER = "bilal"


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Services]:
    """A second analyst's services: their own connection to the same database file."""
    database = open_database(str(tmp_path / "t.sqlite3"))
    try:
        yield build_services(database)
    finally:
        database.dispose()


def test_an_edit_on_a_version_someone_changed_is_refused_and_not_stacked(
    services: Services, other: Services, demo: DemoData, stack: QUndoStack, recorder: Recorder
) -> None:
    seen = services.statements.get_statement(demo.plain_statement_id)
    other.statements.edit_statement(demo.plain_statement_id, StatementPatch(note="ملاحظة بلال"), OTHER)
    stack.push(EditStatementCommand(services, seen.id, StatementPatch(note="ملاحظتي"), based_on=seen, **recorder.kwargs()))

    assert stack.count() == 0 and recorder.changes == []
    error = recorder.errors[0]
    assert isinstance(error, EditConflict) and error.changed_by == OTHER
    assert services.statements.get_statement(seen.id).note == "ملاحظة بلال"


def test_undo_after_another_analyst_changed_the_field_asks_instead_of_overwriting(
    services: Services, other: Services, demo: DemoData, stack: QUndoStack, recorder: Recorder
) -> None:
    seen = services.statements.get_statement(demo.plain_statement_id)
    stack.push(EditStatementCommand(services, seen.id, StatementPatch(note="ملاحظتي"), based_on=seen, **recorder.kwargs()))
    other.statements.edit_statement(seen.id, StatementPatch(note="ملاحظة بلال"), OTHER)

    stack.undo()

    assert isinstance(recorder.errors[-1], EditConflict)
    assert services.statements.get_statement(seen.id).note == "ملاحظة بلال"
    assert stack.count() == 0  # the command no longer matches the database: dropped


def test_undo_and_redo_still_work_when_someone_changed_another_field(
    services: Services, other: Services, demo: DemoData, stack: QUndoStack, recorder: Recorder
) -> None:
    seen = services.statements.get_statement(demo.plain_statement_id)
    stack.push(EditStatementCommand(services, seen.id, StatementPatch(note="ملاحظتي"), based_on=seen, **recorder.kwargs()))
    other.statements.edit_statement(seen.id, StatementPatch(stance="refutes"), OTHER)

    stack.undo()
    assert services.statements.get_statement(seen.id).note == seen.note
    stack.redo()
    now = services.statements.get_statement(seen.id)
    assert (now.note, now.stance, recorder.errors) == ("ملاحظتي", "refutes", [])


@pytest.mark.parametrize("choice", [ConflictChoice.KEEP_MINE, ConflictChoice.KEEP_THEIRS])
def test_resolving_a_claim_conflict_keeps_the_chosen_value_and_mine_is_undoable(
    services: Services, other: Services, demo: DemoData, stack: QUndoStack, recorder: Recorder,
    choice: ConflictChoice,
) -> None:
    claim = services.statements.get_statement(demo.emoji_statement_id).claim
    assert claim is not None
    other.claims.edit_claim(claim.id, ClaimPatch(explanation="شرح بلال"), OTHER)
    stack.push(EditClaimCommand(services, claim.id, ClaimPatch(explanation="شرحي"), based_on=claim, **recorder.kwargs()))
    conflict = recorder.errors[0]
    assert isinstance(conflict, EditConflict)
    asked: list[list[tuple[str, str, str]]] = []

    def ask(conflict: EditConflict, describe, _parent) -> ConflictChoice:  # noqa: ANN001
        asked.append([(f.field, describe(f.field, f.mine), describe(f.field, f.theirs)) for f in conflict.fields])
        return choice

    def push(make, *args, **kwargs):  # noqa: ANN001, ANN202
        command = make(services, *args, **recorder.kwargs(), **kwargs)
        stack.push(command)
        return command

    refreshed: list[Changes] = []
    resolve_conflict(conflict, services, push, refreshed.append, None, ask)

    assert asked == [[("explanation", "شرحي", "شرح بلال")]]
    assert refreshed[0].claims == frozenset({claim.id})
    kept = "شرحي" if choice is ConflictChoice.KEEP_MINE else "شرح بلال"
    assert services.claims.get_claim(claim.id).explanation == kept
    if choice is ConflictChoice.KEEP_MINE:
        stack.undo()
        assert services.claims.get_claim(claim.id).explanation == "شرح بلال"


def test_the_dialog_shows_both_values_by_name(services: Services, other: Services, demo: DemoData, qtbot) -> None:  # noqa: ANN001
    seen = services.statements.get_statement(demo.plain_statement_id)
    other.statements.edit_statement(seen.id, StatementPatch(stance="refutes", note="ن"), OTHER)
    with pytest.raises(EditConflict) as caught:
        services.statements.edit_statement(seen.id, StatementPatch(stance="distances"), ANALYST, seen)
    dialog = ConflictDialog(caught.value, ValueDescriber(services))
    qtbot.addWidget(dialog)
    cells = [dialog.table.item(0, column).text() for column in range(3)]
    assert cells[0] == "Reporting stance" and "Refutes" in cells[2] and "Refutes" not in cells[1]
    assert dialog.choice is ConflictChoice.KEEP_THEIRS  # Escape or closing keeps the stored value
    dialog.keep_mine.click()
    assert dialog.choice is ConflictChoice.KEEP_MINE


def test_the_watcher_reports_another_analysts_changes_once(
    services: Services, other: Services, demo: DemoData, qtbot
) -> None:  # noqa: ANN001
    watcher = ChangeWatcher(services.history, interval_ms=50)
    assert watcher.poll() is not None and not watcher.poll()
    other.statements.edit_statement(demo.plain_statement_id, StatementPatch(note="جديد"), OTHER)

    watcher.start()
    with qtbot.waitSignal(watcher.sig_outside_changes, timeout=3000) as signal:
        pass
    watcher.stop()
    outside = signal.args[0]
    assert outside.changes.statements == frozenset({demo.plain_statement_id})
    assert describe_outside(outside) == f"Updated: 1 statement by {OTHER}."
    assert not watcher.poll()


# -- in the window -------------------------------------------------------------------------


def _window(qtbot, services: Services, settings, family: str):  # noqa: ANN001, ANN202
    from karabakh_annotator.app import build_main_window

    window = build_main_window(services, settings, family)
    qtbot.addWidget(window)
    window.team.watcher.stop()  # the tests poll by hand
    return window


def test_another_analysts_edit_shows_in_the_open_window_without_a_restart(
    qtbot, services: Services, other: Services, settings, arabic_family: str, demo: DemoData  # noqa: ANN001
) -> None:
    window = _window(qtbot, services, settings, arabic_family)
    window.select_article(demo.plain_id)
    window.claims_panel.select_statement(demo.plain_statement_id)
    assert window.claims_panel.editor.note.text() == ""

    other.statements.edit_statement(demo.plain_statement_id, StatementPatch(note="رأي بلال"), OTHER)
    window.team.watcher.poll()

    assert window.claims_panel.editor.note.text() == "رأي بلال"
    assert window.statusBar().currentMessage() == f"Updated: 1 statement by {OTHER}."


def test_typing_survives_a_refresh_and_saving_it_asks_about_the_clash(
    qtbot, monkeypatch, services: Services, other: Services, settings, arabic_family: str, demo: DemoData  # noqa: ANN001
) -> None:
    asked: list[EditConflict] = []

    def ask(conflict: EditConflict, _describe, _parent) -> ConflictChoice:  # noqa: ANN001
        asked.append(conflict)
        return ConflictChoice.KEEP_MINE

    monkeypatch.setattr("karabakh_annotator.ui.conflict_resolution.ask_conflict_choice", ask)
    window = _window(qtbot, services, settings, arabic_family)
    window.select_article(demo.plain_id)
    window.claims_panel.select_statement(demo.plain_statement_id)
    note = window.claims_panel.editor.note
    note.setFocus()
    qtbot.keyClicks(note, "my view")  # (QTest types ASCII only)

    other.statements.edit_statement(demo.plain_statement_id, StatementPatch(note="رأي بلال"), OTHER)
    window.team.watcher.poll()
    assert note.text() == "my view"  # not wiped by the refresh

    note.editingFinished.emit()
    assert [(f.mine, f.theirs) for f in asked[0].fields] == [("my view", "رأي بلال")]
    assert services.statements.get_statement(demo.plain_statement_id).note == "my view"
    window.undo_stack.undo()  # keeping mine was an ordinary edit: undo gives Bilal's back
    assert services.statements.get_statement(demo.plain_statement_id).note == "رأي بلال"


def test_on_a_team_server_the_account_names_the_analyst(
    qtbot, monkeypatch, services: Services, settings, arabic_family: str, demo: DemoData  # noqa: ANN001
) -> None:
    monkeypatch.setattr(type(services.team), "server_analyst", lambda _self: "أميرة")
    told: list[str] = []
    monkeypatch.setattr("karabakh_annotator.ui.workspace_files.QMessageBox.information", lambda _w, _t, text: told.append(text))
    monkeypatch.setattr("karabakh_annotator.ui.workspace_files.QInputDialog.getText", pytest.fail)
    window = _window(qtbot, services, settings, arabic_family)

    window.files.set_analyst_name()

    assert window.analyst == "أميرة" and "أميرة" in told[0]


def test_the_windows_own_edits_do_not_come_back_as_outside_changes(
    qtbot, services: Services, settings, arabic_family: str, demo: DemoData  # noqa: ANN001
) -> None:
    window = _window(qtbot, services, settings, arabic_family)
    window.select_article(demo.plain_id)
    window.push(EditStatementCommand, demo.plain_statement_id, StatementPatch(note="ملاحظتي"))
    with qtbot.assertNotEmitted(window.team.watcher.sig_outside_changes):
        assert not window.team.watcher.poll()
    assert services.statements.get_statement(demo.plain_statement_id).note == "ملاحظتي"
