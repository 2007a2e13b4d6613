"""The claims panel: follows the article, selects and scrolls, forwards requests, refreshes after edits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.core.services.patches import StatementPatch
from karabakh_annotator.ui.claims_panel import ClaimsPanel
from karabakh_annotator.ui.claims_panel.filter_bar import Scope
from karabakh_annotator.ui.claims_panel.statement_table_model import Column

from claims_panel_support import ANALYST, MANY, PAGE, ManyStatements


@pytest.fixture
def panel(qtbot, services: Services) -> ClaimsPanel:
    widget = ClaimsPanel(services, analysts=(ANALYST,), page_size=PAGE)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_panel_follows_the_current_article(panel: ClaimsPanel, demo) -> None:
    assert panel.model.rowCount() == 0  # no article open yet
    panel.show_article(demo.plain_id)
    assert panel.current_filter().article_ids == frozenset({demo.plain_id})
    assert panel.model.statement_ids() == [demo.plain_statement_id]
    panel.filter_bar.set_scope(Scope.DATABASE)
    assert panel.model.statement_ids() == [demo.plain_statement_id, demo.emoji_statement_id]
    panel.show_article(demo.emoji_id)  # whole-database scope ignores the article
    assert panel.model.rowCount() == 2


def test_filter_bar_combos_filter_by_verdict(panel: ClaimsPanel, demo) -> None:
    panel.filter_bar.set_scope(Scope.DATABASE)
    combo = panel.filter_bar.verdict
    combo.setCurrentIndex(combo.findData("false"))
    assert panel.current_filter() == StatementFilter(verdict="false", analyst=None)
    assert panel.model.statement_ids() == [demo.emoji_statement_id]
    assert panel.count_label.text() == "1 statement"


def test_selecting_a_row_reports_it_and_fills_the_editor(qtbot, panel: ClaimsPanel, demo) -> None:
    panel.filter_bar.set_scope(Scope.DATABASE)
    with qtbot.waitSignal(panel.sig_statement_selected) as blocker:
        panel.table.selectRow(1)
    assert blocker.args == [demo.emoji_statement_id]
    shown = panel.editor.current_statement()
    assert shown is not None and shown.id == demo.emoji_statement_id
    assert panel.editor.verdict.currentData() == "false"


def test_select_statement_loads_pages_and_scrolls_to_it(panel: ClaimsPanel, many: ManyStatements) -> None:
    panel.filter_bar.set_scope(Scope.DATABASE)
    assert panel.model.rowCount() == PAGE
    target = many.statement_ids[420]
    assert panel.select_statement(target)
    assert panel.model.rowCount() == MANY
    assert panel.selected_statement_id() == target
    index = panel.model.index(420, Column.QUOTE)
    assert panel.table.viewport().rect().intersects(panel.table.visualRect(index))
    assert panel.editor.current_statement().id == target  # type: ignore[union-attr]
    panel.select_next()
    assert panel.selected_statement_id() == many.statement_ids[421]
    panel.select_previous()
    panel.select_previous()
    assert panel.selected_statement_id() == many.statement_ids[419]


def test_a_statement_outside_the_filter_is_edited_without_a_row(panel: ClaimsPanel, demo) -> None:
    panel.show_article(demo.plain_id)
    assert not panel.select_statement(demo.emoji_statement_id)
    assert panel.model.rowCount() == 1  # it did not page through looking for it
    assert panel.editor.current_statement().id == demo.emoji_statement_id  # type: ignore[union-attr]


def test_editor_requests_are_forwarded_and_changes_refresh_the_row(
    qtbot, panel: ClaimsPanel, services: Services, demo
) -> None:
    panel.show_article(demo.plain_id)
    panel.select_statement(demo.plain_statement_id)
    panel.editor.stance.setFocus()
    with qtbot.waitSignal(panel.sig_statement_edit_requested) as blocker:
        qtbot.keyClick(panel.editor.stance, Qt.Key.Key_4)
    statement_id, patch = blocker.args
    assert (statement_id, patch) == (demo.plain_statement_id, StatementPatch(stance="refutes"))
    # The window would run this as an undoable command, then broadcast the changes.
    edit = services.statements.edit_statement(statement_id, patch, ANALYST)
    panel.apply_changes(edit.changes)
    assert panel.model.data(panel.model.index(0, Column.STANCE)) == "Refutes (denied)"
    assert panel.selected_statement_id() == demo.plain_statement_id
    assert panel.editor.stance.currentData() == "refutes"


def test_new_speaker_flow_through_the_panel(qtbot, panel: ClaimsPanel, services: Services, demo) -> None:
    panel.show_article(demo.plain_id)
    panel.select_statement(demo.plain_statement_id)
    with qtbot.waitSignal(panel.sig_entity_create_requested) as blocker:
        panel.editor.speaker.insert("الناطق الرسمي")
        qtbot.keyClick(panel.editor.speaker, Qt.Key.Key_Return)
    entity, changes = services.entities.create_entity(blocker.args[0], ANALYST)
    with qtbot.waitSignal(panel.sig_statement_edit_requested) as edit_request:
        panel.entity_created(entity)
    assert edit_request.args == [demo.plain_statement_id, StatementPatch(speaker_id=entity.id)]
    edit = services.statements.edit_statement(demo.plain_statement_id, edit_request.args[1], ANALYST)
    panel.apply_changes(changes | edit.changes)
    assert panel.model.data(panel.model.index(0, Column.SPEAKER)) == "الناطق الرسمي"
    assert panel.filter_bar.speaker.findData(entity.id) > 0


def test_the_panel_renders(panel: ClaimsPanel, demo, tmp_path: Path) -> None:
    panel.filter_bar.set_scope(Scope.DATABASE)
    panel.select_statement(demo.plain_statement_id)
    image = panel.grab()
    assert not image.isNull()
    assert image.save(str(tmp_path / "claims_panel.png"))
