"""A statement's history in the claims panel, and a deleted statement brought back after a restart."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from karabakh_annotator.app import build_main_window
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.patches import StatementPatch


def _window(qtbot, services: Services, settings, family: str):  # noqa: ANN001, ANN202
    window = build_main_window(services, settings, family)
    qtbot.addWidget(window)
    return window


def test_the_history_tab_lists_who_changed_the_statement(qtbot, services, settings, arabic_family, demo) -> None:  # noqa: ANN001
    services.statements.edit_statement(demo.plain_statement_id, StatementPatch(stance="refutes"), "عمر")
    window = _window(qtbot, services, settings, arabic_family)
    window.claims_panel.select_statement(demo.plain_statement_id)
    history = window.claims_panel.history
    rows = [history.topLevelItem(i) for i in range(history.topLevelItemCount())]
    assert [(r.text(1), r.text(2)) for r in rows] == [("analyst", "Marked statement"), ("عمر", "Reporting stance")]
    assert "Refutes" in rows[1].text(4)


def test_a_deleted_statement_is_restored_from_the_edit_menu(
    qtbot, services, settings, arabic_family, demo, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    services.statements.delete_statement(demo.plain_statement_id, "analyst")
    window = _window(qtbot, services, settings, arabic_family)  # a later session: undo is gone
    window.select_article(demo.plain_id)
    offered: list[list[str]] = []

    def choose(_parent, _title, _label, items, *_args):  # noqa: ANN001, ANN202
        offered.append(list(items))
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    window.actions_by_id["restore_statement"].trigger()
    assert demo.plain_quote in offered[0][0]
    assert not services.statements.get_statement(demo.plain_statement_id).deleted
    assert window.article_view.select_statement(demo.plain_statement_id)
    window.actions_by_id["undo"].trigger()
    assert services.statements.get_statement(demo.plain_statement_id).deleted
