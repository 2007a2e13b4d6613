"""The statement table model: consistent for Qt, paged, filtered, refreshed row by row."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from karabakh_annotator.core.exporters.csv_export import StatementRow
from karabakh_annotator.core.records import Changes
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.core.services.patches import ClaimPatch, StatementPatch
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.statement_table_model import (
    ROW_ROLE,
    SORT_ROLE,
    Column,
    StatementTableModel,
)

from claims_panel_support import ANALYST, MANY, PAGE, CountingSource, ManyStatements


def _model(services: Services, source: object | None = None, page: int = PAGE) -> StatementTableModel:
    return StatementTableModel(source or services.exports, LabelCatalog.from_service(services.labels), page)  # type: ignore[arg-type]


def test_empty_model_passes_qt_model_tester(qtmodeltester, services: Services) -> None:
    model = _model(services)
    qtmodeltester.check(model)
    model.set_filter(StatementFilter())
    qtmodeltester.check(model)
    assert model.rowCount() == 0 and model.total() == 0


def test_filled_model_passes_qt_model_tester(qtmodeltester, services: Services, labelled) -> None:
    model = _model(services)
    model.set_filter(StatementFilter())
    assert model.rowCount() == 2
    qtmodeltester.check(model)


def test_paged_model_passes_qt_model_tester(qtmodeltester, services: Services, many: ManyStatements) -> None:
    model = _model(services)
    model.set_filter(StatementFilter())
    qtmodeltester.check(model)  # the tester calls fetchMore too


def test_cells_show_label_names_tinted_with_their_colour(services: Services, labelled) -> None:
    model = _model(services)
    model.set_filter(StatementFilter())

    def cell(row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return model.data(model.index(row, column), role)

    assert cell(0, Column.QUOTE) == labelled.plain_quote
    assert cell(0, Column.STANCE) == "Reports (neutral attribution)"
    assert cell(0, Column.STANCE, Qt.ItemDataRole.ToolTipRole) == "ينقل (إسناد محايد)"
    assert cell(0, Column.PARTY) == "Neutral / mediating"
    assert cell(0, Column.CUE) == "قال"
    assert cell(0, Column.STATUS) == "" and cell(0, Column.STATUS, Qt.ItemDataRole.BackgroundRole) is None
    assert cell(1, Column.CLAIM) == "Drone shot down"
    assert cell(1, Column.STATUS) == "Spotted"
    assert cell(1, Column.VERDICT) == "False"
    assert cell(1, Column.VERDICT, Qt.ItemDataRole.ToolTipRole) == "زائف"
    tint = cell(1, Column.VERDICT, Qt.ItemDataRole.BackgroundRole)
    assert isinstance(tint, QColor) and tint.name() == "#c62828" and 0 < tint.alpha() < 255
    # Arabic text is aligned to the right edge; the English claim summary is not.
    quote_align = Qt.AlignmentFlag(cell(0, Column.QUOTE, Qt.ItemDataRole.TextAlignmentRole))
    assert quote_align & Qt.AlignmentFlag.AlignRight
    assert cell(1, Column.CLAIM, Qt.ItemDataRole.TextAlignmentRole) is None
    row = cell(1, Column.QUOTE, ROW_ROLE)
    assert isinstance(row, StatementRow) and row.statement_id == labelled.emoji_statement_id
    assert cell(1, Column.VERDICT, SORT_ROLE) == 4  # "false" is the fifth verdict


def test_rows_are_fetched_a_page_at_a_time(qtbot, services: Services, many: ManyStatements) -> None:
    source = CountingSource(services.exports)
    model = _model(services, source)
    model.set_filter(StatementFilter())
    assert (model.rowCount(), model.total()) == (PAGE, MANY)
    assert [c[0] for c in source.calls] == ["rows", "count"]
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE
    model.fetchMore()
    assert model.rowCount() == MANY
    assert not model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == MANY
    assert model.statement_ids() == many.statement_ids
    # Painting every loaded row asks the model for data, never the database.
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    for row in range(0, MANY, 40):
        view.scrollTo(model.index(row, 0))
        view.viewport().repaint()
    assert [(kind, offset, limit) for kind, _f, offset, limit in source.calls] == [
        ("rows", 0, PAGE),
        ("count", 0, None),
        ("rows", PAGE, PAGE),
        ("rows", 2 * PAGE, PAGE),
    ]


def test_a_view_fetches_more_as_it_scrolls_to_the_end(qtbot, services: Services, many: ManyStatements) -> None:
    model = _model(services)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    model.set_filter(StatementFilter())
    assert model.rowCount() == PAGE
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE)


def test_a_short_result_needs_no_count_query(services: Services, demo) -> None:
    source = CountingSource(services.exports)
    model = _model(services, source)
    model.set_filter(StatementFilter(article_ids=frozenset({demo.plain_id})))
    assert model.rowCount() == model.total() == 1
    assert [c[0] for c in source.calls] == ["rows"]


def test_filtering_by_status_and_verdict(services: Services, demo, many: ManyStatements) -> None:
    services.claims.edit_claim(many.claim_id, ClaimPatch(status="in_progress"), ANALYST)
    model = _model(services)
    model.set_filter(StatementFilter(status="in_progress"))
    assert model.total() == 150
    assert set(model.statement_ids()) == set(many.statement_ids[:150])
    model.set_filter(StatementFilter(status="spotted"))
    assert model.statement_ids() == [demo.emoji_statement_id]
    model.set_filter(StatementFilter(verdict="false"))
    assert model.statement_ids() == [demo.emoji_statement_id]
    model.set_filter(StatementFilter(verdict="true"))
    assert model.rowCount() == 0 and model.total() == 0


def test_refresh_re_reads_only_the_edited_row(qtbot, services: Services, labelled) -> None:
    source = CountingSource(services.exports)
    model = _model(services, source)
    model.set_filter(StatementFilter())
    source.calls.clear()
    edit = services.statements.edit_statement(labelled.emoji_statement_id, StatementPatch(stance="refutes"), ANALYST)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.apply_changes(edit.changes)
    top_left, bottom_right = blocker.args[:2]
    assert (top_left.row(), bottom_right.row()) == (1, 1)
    assert model.data(model.index(1, Column.STANCE)) == "Refutes (denied)"
    assert [c[0] for c in source.calls] == ["rows"]
    assert source.calls[0][1].article_ids == frozenset({labelled.emoji_id})


def test_a_row_that_stops_matching_is_removed(services: Services, demo) -> None:
    model = _model(services)
    model.set_filter(StatementFilter(verdict="false"))
    assert model.rowCount() == 1
    claim_id = services.statements.get_statement(demo.emoji_statement_id).claim_id
    edit = services.claims.edit_claim(claim_id, ClaimPatch(verdict="true"), ANALYST)
    model.apply_changes(edit.changes)
    assert model.rowCount() == 0 and model.total() == 0


def test_a_new_statement_reloads_the_filter(services: Services, demo) -> None:
    model = _model(services)
    model.set_filter(StatementFilter(article_ids=frozenset({demo.plain_id})))
    start = demo.plain_text.index("المراقبين")
    _, changes = services.statements.mark_statement(demo.plain_id, start, start + 9, ANALYST)
    assert model.apply_changes(changes)
    assert model.rowCount() == model.total() == 2
    _, changes = services.statements.delete_statement(demo.plain_statement_id, ANALYST)
    model.apply_changes(changes)
    assert model.rowCount() == model.total() == 1
