"""The database-wide activity view: every change anyone made, newest first, with an analyst filter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.records import EventRecord
from karabakh_annotator.core.services import Services
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.rtl import DirectionalDelegate
from karabakh_annotator.ui.desk.activity_model import DEFAULT_PAGE_SIZE, ActivityModel, Column

TABLE_POINT_SIZE = 11
ALL_ANALYSTS = "All analysts"
_COLUMN_WIDTHS = {
    Column.WHEN: 150,
    Column.ANALYST: 100,
    Column.ACTION: 95,
    Column.RECORD: 100,
    Column.FIELD: 110,
    Column.OLD: 220,
}


class ActivityView(QWidget):
    """The event log across the database; activating a statement or claim event asks to open it."""

    sig_statement_open_requested = Signal(int)
    sig_claim_open_requested = Signal(int)

    def __init__(
        self,
        services: Services,
        arabic_family: str = "",
        page_size: int = DEFAULT_PAGE_SIZE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.model = ActivityModel(services.history, LabelCatalog.from_service(services.labels), page_size, self)

        self.analyst = QComboBox()
        self.analyst.setObjectName("activity_analyst")
        self.analyst.setMinimumContentsLength(14)
        # Mnemonics avoid the window's menus (F E V D S) and desk tabs (A C T J G B).
        analyst_label = QLabel("Anal&yst:")
        analyst_label.setBuddy(self.analyst)
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setObjectName("activity_refresh")
        # No F5 here: the window's "Reload" owns it (Alt+R reaches this button).
        self.refresh_button.setToolTip("Read the analysts and the newest events again")
        self.count_label = QLabel()
        self.count_label.setObjectName("activity_count")

        self.table = QTableView()
        self.table.setObjectName("activity_table")
        self.table.setModel(self.model)
        self.table.setItemDelegate(DirectionalDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setToolTip("Enter or double-click opens the statement or claim")
        if arabic_family:
            self.table.setFont(QFont(arabic_family, TABLE_POINT_SIZE))
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)

        bar = QHBoxLayout()
        bar.addWidget(analyst_label)
        bar.addWidget(self.analyst)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

        self._fill_analysts()
        self.analyst.currentIndexChanged.connect(self._on_analyst_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.table.activated.connect(self._on_table_activated)
        for row_signal in (self.model.rowsInserted, self.model.modelReset):
            row_signal.connect(self._update_count)
        self.model.reload()

    # -- our interface -------------------------------------------------------

    def reload(self) -> None:
        """Read labels, analysts and the newest events again, keeping the analyst filter."""
        self.model.set_labels(LabelCatalog.from_service(self._services.labels))
        self._fill_analysts()
        self.model.reload()

    def set_analyst(self, analyst: str | None) -> None:
        """Filter to one analyst's events (None: everyone's)."""
        at = self.analyst.findData(analyst) if analyst is not None else 0
        if at < 0:
            self._fill_analysts(extra=analyst)
            at = self.analyst.findData(analyst)
        self.analyst.setCurrentIndex(at)

    def set_labels(self, labels: LabelCatalog) -> None:
        """Label names changed: show the new ones."""
        self.model.set_labels(labels)

    def selected_event(self) -> EventRecord | None:
        """The event in the selected row."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.event_at(rows[0].row()) if rows else None

    # -- slots -----------------------------------------------------------------

    def _on_analyst_changed(self, _index: int) -> None:
        self.model.set_analyst(self.analyst.currentData())

    def _on_table_activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        event = self.model.event_at(index.row())
        if event.entity_type == "statement":
            self.sig_statement_open_requested.emit(event.entity_id)
        elif event.entity_type == "claim":
            self.sig_claim_open_requested.emit(event.entity_id)

    def _update_count(self) -> None:
        loaded = self.model.rowCount()
        more = " (scroll down for older)" if self.model.canFetchMore() else ""
        self.count_label.setText(f"{loaded} event{'s' if loaded != 1 else ''} shown{more}")

    # -- internals -------------------------------------------------------------

    def _fill_analysts(self, extra: str | None = None) -> None:
        current = self.analyst.currentData() if self.analyst.count() else None
        names = self._services.history.analysts()
        if extra is not None and extra not in names:
            names.append(extra)
        self.analyst.blockSignals(True)
        self.analyst.clear()
        self.analyst.addItem(ALL_ANALYSTS, None)
        for name in names:
            self.analyst.addItem(name, name)
        at = self.analyst.findData(current) if current is not None else 0
        self.analyst.setCurrentIndex(max(at, 0))
        self.analyst.blockSignals(False)
        if self.analyst.currentData() != current:
            self.model.set_analyst(self.analyst.currentData())
