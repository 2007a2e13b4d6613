"""The claims panel: filter bar over a lazily filled statement table, with the editor below."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.records import Changes, EntityRecord
from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.exports import StatementFilter
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.ui.claims_panel.filter_bar import FilterBar, Scope
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.related_list import RelatedList
from karabakh_annotator.ui.claims_panel.rtl import DirectionalDelegate
from karabakh_annotator.ui.claims_panel.statement_editor import StatementEditor
from karabakh_annotator.ui.claims_panel.statement_table_model import (
    DEFAULT_PAGE_SIZE,
    Column,
    StatementTableModel,
)
from karabakh_annotator.ui.desk.claim_page_history import HistoryList

TABLE_POINT_SIZE = 11
_COLUMN_WIDTHS = {
    Column.SPEAKER: 150,
    Column.CUE: 60,
    Column.STANCE: 130,
    Column.PARTY: 120,
    Column.CLAIM: 200,
    Column.STATUS: 120,
    Column.VERDICT: 110,
    Column.ANALYST: 80,
    Column.UPDATED: 135,
}


class ClaimsPanel(QWidget):
    """Lists statements by filter, reports the selected one, and forwards the editor's requests.

    Nothing here writes to the database: the window turns the request
    signals into undoable commands and calls `apply_changes` afterwards.
    """

    sig_statement_selected = Signal(int)
    sig_statement_edit_requested = Signal(int, object)  # statement id, StatementPatch
    sig_claim_edit_requested = Signal(int, object)  # claim id, ClaimPatch
    sig_claim_create_requested = Signal(int, str)  # statement id, summary
    sig_entity_create_requested = Signal(str)  # name
    sig_related_open_requested = Signal(object)  # MatchRecord: show its other passage
    sig_related_accept_requested = Signal(object)  # MatchRecord
    sig_related_dismiss_requested = Signal(object)  # MatchRecord

    def __init__(
        self,
        services: Services,
        arabic_family: str | None = None,
        analysts: tuple[str, ...] = (),
        page_size: int = DEFAULT_PAGE_SIZE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._analysts = set(analysts)
        labels = LabelCatalog.from_service(services.labels)

        self.filter_bar = FilterBar()
        self.model = StatementTableModel(services.exports, labels, page_size, self)
        self.table = QTableView()
        self.table.setObjectName("statement_table")
        self.table.setModel(self.model)
        self.table.setItemDelegate(DirectionalDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        if arabic_family:
            self.table.setFont(QFont(arabic_family, TABLE_POINT_SIZE))
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.QUOTE, QHeaderView.ResizeMode.Stretch)
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        self.count_label = QLabel()
        self.count_label.setObjectName("statement_count")
        self.editor = StatementEditor(services.claims.search_claims, arabic_family)
        self.related = RelatedList(arabic_family)
        self.history = HistoryList(arabic_family or "")
        self.history.setObjectName("statement_history")
        self.history.setToolTip("The event log of this statement: nothing is overwritten without a trace")
        self.details = QTabWidget()
        self.details.setObjectName("statement_details")
        self.details.addTab(self.related, "Re&lated")
        self.details.addTab(self.history, "&History")
        # The splitter may squeeze this pane away on a small screen: the
        # window's minimum height stays what the table and editor need.
        self.details.setMinimumHeight(1)
        # Stepping through statements by keyboard looks for related ones only
        # where the analyst stops (the first search reads the whole database).
        self._related_timer = QTimer(self)
        self._related_timer.setSingleShot(True)
        self._related_timer.setInterval(150)
        self._related_timer.timeout.connect(self.refresh_related)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.filter_bar)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._set_labels(labels)
        self._read_entities()
        self.filter_bar.set_analysts(self._analysts)
        self.filter_bar.sig_filter_changed.connect(self._on_filter_bar_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        for row_signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            row_signal.connect(self._update_count)
        self.editor.sig_statement_edit_requested.connect(self.sig_statement_edit_requested)
        self.editor.sig_claim_edit_requested.connect(self.sig_claim_edit_requested)
        self.editor.sig_claim_create_requested.connect(self.sig_claim_create_requested)
        self.editor.sig_entity_create_requested.connect(self.sig_entity_create_requested)
        self.related.sig_open_requested.connect(self.sig_related_open_requested)
        self.related.sig_accept_requested.connect(self.sig_related_accept_requested)
        self.related.sig_dismiss_requested.connect(self.sig_related_dismiss_requested)
        self.model.set_filter(self.filter_bar.current_filter())

    # -- our interface -------------------------------------------------------

    def current_filter(self) -> StatementFilter:
        """The filter the table shows."""
        return self.model.current_filter() or self.filter_bar.current_filter()

    def set_filter(self, filters: StatementFilter) -> None:
        """Show `filters` (empty `article_ids` means the whole database)."""
        if filters.article_ids:
            self.filter_bar.set_scope(Scope.CURRENT_ARTICLE)
        else:
            self.filter_bar.set_scope(Scope.DATABASE)
        self.filter_bar.set_filter(filters)
        self._show(filters)

    def show_article(self, article_id: int | None) -> None:
        """The article open in the workspace; the table follows it while scoped to 'current article'."""
        self.filter_bar.set_article(article_id)

    def select_statement(self, statement_id: int) -> bool:
        """Select the statement's row and scroll to it, loading pages until it shows.

        A statement outside the filter is still shown in the editor, with no
        row selected; returns whether a row shows it.
        """
        row = self._row_loading(statement_id)
        if row is None:
            self.table.clearSelection()
            self._show_in_editor(statement_id)
            return False
        index = self.model.index(row, Column.QUOTE)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def selected_statement_id(self) -> int | None:
        """The selected row's statement."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).statement_id if rows else None

    def select_next(self) -> None:
        """Select the row below (loading the next page at the end)."""
        self._step(1)

    def select_previous(self) -> None:
        """Select the row above."""
        self._step(-1)

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what an action changed: affected rows only, or a reload when rows came or went."""
        if changes.labels:
            self._set_labels(LabelCatalog.from_service(self._services.labels))
        if changes.entities:
            self._read_entities()
        selected = self.selected_statement_id()
        if self.model.apply_changes(changes) and selected is not None:
            row = self.model.row_of(selected)
            if row is not None:
                self.table.selectRow(row)
        shown = self.editor.current_statement()
        if shown is not None and (
            shown.id in changes.statements
            or (shown.claim_id is not None and shown.claim_id in changes.claims)
            or changes.entities
            or changes.labels
        ):
            self._show_in_editor(shown.id)

    def entity_created(self, entity: EntityRecord) -> None:
        """The window created the speaker the editor asked for."""
        self._read_entities()
        self.editor.entity_created(entity)

    def set_blind(self, analyst: str | None) -> None:
        """Show only `analyst`'s statements and lock the analyst filter (None: everyone's again)."""
        filters = self.filter_bar.current_filter()
        self.filter_bar.analyst.setEnabled(analyst is None)
        self.filter_bar.set_filter(dataclasses.replace(filters, analyst=analyst))
        self._show(self.filter_bar.current_filter())

    def add_analyst(self, name: str) -> None:
        """Offer `name` in the analyst filter (there is no analyst list in the services yet)."""
        if name not in self._analysts:
            self._analysts.add(name)
            self.filter_bar.set_analysts(self._analysts)

    # -- internals -------------------------------------------------------------

    def _show(self, filters: StatementFilter) -> None:
        selected = self.selected_statement_id()
        self.model.set_filter(filters)
        if selected is not None and self.model.row_of(selected) is not None:
            self.select_statement(selected)
            return
        shown = self.editor.current_statement()
        if shown is not None and self.model.row_of(shown.id) is None:
            self.editor.show_statement(None)

    def _set_labels(self, labels: LabelCatalog) -> None:
        self.history.set_labels(labels)
        self.model.set_labels(labels)
        self.filter_bar.set_labels(labels)
        self.editor.set_labels(labels)

    def _read_entities(self) -> None:
        entities = self._services.entities.list_entities()
        self.filter_bar.set_entities(entities)
        self.editor.set_entities(entities)

    def _row_loading(self, statement_id: int) -> int | None:
        row = self.model.row_of(statement_id)
        if row is not None or not self._matches(statement_id):
            return row
        while row is None and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of(statement_id)
        return row

    def _matches(self, statement_id: int) -> bool:
        """Whether the statement is in the current filter (one query over its article)."""
        filters = self.model.current_filter()
        if filters is None:
            return False
        try:
            article_id = self._services.statements.get_statement(statement_id).article_id
        except ServiceError:
            return False
        if filters.article_ids and article_id not in filters.article_ids:
            return False
        scoped = StatementFilter(
            article_ids=frozenset({article_id}),
            speaker_id=filters.speaker_id,
            stance=filters.stance,
            status=filters.status,
            verdict=filters.verdict,
            analyst=filters.analyst,
            published_from=filters.published_from,
            published_to=filters.published_to,
            include_deleted=filters.include_deleted,
        )
        return any(r.statement_id == statement_id for r in self._services.exports.statement_rows(scoped))

    def _step(self, delta: int) -> None:
        current = self.table.currentIndex()
        row = current.row() + delta if current.isValid() else 0
        if row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        if 0 <= row < self.model.rowCount():
            self.select_statement(self.model.row_at(row).statement_id)

    def _show_in_editor(self, statement_id: int | None) -> None:
        if statement_id is None:
            self.editor.show_statement(None)
            self.related.show_matches([], {})
            return
        try:
            self.editor.show_statement(self._services.statements.get_statement(statement_id))
        except ServiceError:
            self.editor.show_statement(None)
            self.related.show_matches([], {})
            return
        self.related.show_pending()
        self._related_timer.start()
        self.refresh_history()

    def refresh_history(self) -> None:
        """List again the event log of the statement in the editor."""
        shown = self.editor.current_statement()
        self.history.show_history(self._services.history.for_statement(shown.id) if shown is not None else [])

    def refresh_related(self) -> None:
        """List again what relates to the statement in the editor (after a link or a dismissal)."""
        shown = self.editor.current_statement()
        if shown is None:
            self.related.show_matches([], {})
            return
        matches = self._services.matches.related(shown.id)
        articles = {m.b.article_id for m in matches}
        summaries = self._services.articles.article_summaries(articles) if articles else []
        titles = {a.id: a.title or a.source_file or f"article {a.id}" for a in summaries}
        self.related.show_matches(matches, titles)

    def _update_count(self) -> None:
        loaded, total = self.model.rowCount(), self.model.total()
        noun = "statement" if total == 1 else "statements"
        text = f"{total} {noun}" if loaded >= total else f"{loaded} of {total} {noun} shown"
        self.count_label.setText(text)

    def _on_filter_bar_changed(self, filters: StatementFilter) -> None:
        self._show(filters)

    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        statement_id = self.selected_statement_id()
        if statement_id is None:
            return  # a row that stopped matching after an edit: keep editing it
        self._show_in_editor(statement_id)
        self.sig_statement_selected.emit(statement_id)
