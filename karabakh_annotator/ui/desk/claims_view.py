"""The claims view: a filter row over a sortable table of every claim."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.records import ClaimOverview
from karabakh_annotator.ui.claims_panel.label_catalog import SHOW_ARABIC_NAMES, LabelCatalog, display_name
from karabakh_annotator.ui.claims_panel.filter_bar import ANY, refill_choices
from karabakh_annotator.ui.desk.claims_table_model import (
    NOT_SET,
    ClaimsFilter,
    ClaimsFilterProxy,
    ClaimsTableModel,
    Column,
)
from karabakh_annotator.ui.desk.claim_page_widgets import ArabicCellDelegate, follow_text_direction
from karabakh_annotator.ui.fonts import arabic_font

TABLE_POINT_SIZE = 11
_COLUMN_WIDTHS = {
    Column.SUMMARY: 240,
    Column.STATUS: 120,
    Column.VERDICT: 100,
    Column.RATING: 50,
    Column.ASSIGNEE: 80,
    Column.STATEMENTS: 85,
    Column.OUTLETS: 150,
    Column.SPEAKERS: 150,
    Column.FIRST_APPEARANCE: 90,
    Column.EVIDENCE: 70,
}


def _combo(name: str, tip: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(f"claims_filter_{name}")
    combo.setToolTip(tip)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(9)
    combo.addItem(ANY, None)
    return combo


class ClaimsView(QWidget):
    """Every claim with where it appeared; filter by words, status, verdict and assignee, sort by any column.

    Keyboard: Alt+N goes to the search field and ↓ from there into the table;
    Tab walks search, status, verdict, assignee, table. Enter in the table
    emits `sig_claim_activated` (the desk moves to the claim page).
    """

    sig_claim_selected = Signal(int)
    sig_claim_activated = Signal(int)

    def __init__(self, arabic_family: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClaimsTableModel(parent=self)
        self.proxy = ClaimsFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setObjectName("claims_filter_text")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            "Claims whose summary holds every word (Arabic spelling variants match); ↓ goes to the list"
        )
        self.search.setPlaceholderText("Words of the claim")
        self.search.setFont(arabic_font(arabic_family, TABLE_POINT_SIZE))
        follow_text_direction(self.search)
        self.status = _combo("status", "Only claims in this workflow status")
        self.verdict = _combo("verdict", "Only claims with this verdict")
        self.assignee = _combo("assignee", "Only claims assigned to this analyst")
        self.table = QTableView()
        self.table.setObjectName("claims_table")
        self.table.setModel(self.proxy)
        delegate = ArabicCellDelegate(arabic_family, TABLE_POINT_SIZE, self.table)
        self.table.setItemDelegate(delegate)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # arrows move between rows; Tab leaves for the claim page
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(delegate.row_height())
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        # Unsorted until the analyst clicks a header: the service's order (newest claim first).
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("claims_count")

        self._build_layout()
        self.search.textChanged.connect(self._on_filters_changed)
        for combo in (self.status, self.verdict, self.assignee):
            combo.currentIndexChanged.connect(self._on_filters_changed)
        self.search.installEventFilter(self)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.table.activated.connect(self._on_table_activated)
        proxy = self.proxy
        for signal in (proxy.rowsInserted, proxy.rowsRemoved, proxy.modelReset, proxy.layoutChanged):
            signal.connect(self._update_count)
        self._update_count()

    # -- our interface -------------------------------------------------------

    def set_claims(self, overviews: Sequence[ClaimOverview]) -> None:
        """Show these claims; rows already shown are updated in place, so the selection stays."""
        if self.model.rowCount() == 0:
            self.model.set_claims(overviews)
        else:
            self.model.update_claims(overviews)
        self._update_count()

    def set_labels(self, labels: LabelCatalog) -> None:
        """Label names and colours, and the status and verdict choices (retired labels too)."""
        self.model.set_labels(labels)
        for combo, label_set, none_text in (
            (self.status, LabelSet.WORKFLOW_STATUS, None),
            (self.verdict, LabelSet.VERDICT, "No verdict yet"),
        ):
            items = [(display_name(label), label.key, label.name_en if SHOW_ARABIC_NAMES else label.name_ar)
                     for label in labels.by_set.get(label_set, ())]
            if none_text:
                items.insert(0, (none_text, NOT_SET, ""))
            self._refill(combo, items)

    def set_analysts(self, names: Iterable[str]) -> None:
        """The assignee choices."""
        items = [("Unassigned", NOT_SET, "")] + [(n, n, "") for n in sorted(set(names), key=str.casefold)]
        self._refill(self.assignee, items)

    def set_filter(self, filters: ClaimsFilter) -> None:
        """Show `filters` in the filter row and apply them."""
        combos = (self.search, self.status, self.verdict, self.assignee)
        blocked = [widget.blockSignals(True) for widget in combos]
        try:
            self.search.setText(filters.text)
            for combo, value in ((self.status, filters.status), (self.verdict, filters.verdict),
                                 (self.assignee, filters.assignee)):
                index = combo.findData(value)
                if index < 0 and value:
                    combo.addItem(value, value)
                    index = combo.count() - 1
                combo.setCurrentIndex(max(index, 0))
        finally:
            for widget, was in zip(combos, blocked, strict=True):
                widget.blockSignals(was)
        self._on_filters_changed()

    def current_filter(self) -> ClaimsFilter:
        """The filter the row describes."""
        return ClaimsFilter(
            self.search.text(), self.status.currentData(), self.verdict.currentData(), self.assignee.currentData()
        )

    def selected_claim_id(self) -> int | None:
        """The claim selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.overview_at(self.proxy.mapToSource(rows[0]).row()).claim.id

    def select_claim(self, claim_id: int) -> bool:
        """Select and show a claim, clearing the filters if they hide it; False when it is not listed."""
        row = self.model.row_of(claim_id)
        if row is None:
            return False
        source = self.model.index(row, 0)
        if not self.proxy.mapFromSource(source).isValid():
            self.set_filter(ClaimsFilter())
        index = self.proxy.mapFromSource(source)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def focus_chain(self) -> list[QWidget]:
        """The view's widgets in Tab order."""
        return [self.search, self.status, self.verdict, self.assignee, self.table]

    def visible_claim_ids(self) -> list[int]:
        """Ids of the claims the table shows, top to bottom."""
        return [
            self.model.overview_at(self.proxy.mapToSource(self.proxy.index(row, 0)).row()).claim.id
            for row in range(self.proxy.rowCount())
        ]

    # -- internals -------------------------------------------------------------

    def _build_layout(self) -> None:
        search_label = QLabel("Fi&nd")
        search_label.setBuddy(self.search)
        find_row = QHBoxLayout()
        find_row.addWidget(search_label)
        find_row.addWidget(self.search, 1)
        combos_row = QHBoxLayout()
        for text, combo in (("Status", self.status), ("Verdict", self.verdict), ("Assignee", self.assignee)):
            combos_row.addWidget(QLabel(text))
            combos_row.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(find_row)
        layout.addLayout(combos_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        chain = self.focus_chain()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.search and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.table.setFocus()
                if self.selected_claim_id() is None:
                    self.table.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def _on_filters_changed(self, *_args: object) -> None:
        self.proxy.set_filter(self.current_filter())
        self._update_count()

    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        claim_id = self.selected_claim_id()
        if claim_id is not None:
            self.sig_claim_selected.emit(claim_id)

    def _on_table_activated(self, index: object) -> None:
        claim_id = self.selected_claim_id()
        if claim_id is not None:
            self.sig_claim_activated.emit(claim_id)

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        noun = "claim" if total == 1 else "claims"
        self.count_label.setText(f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}")

    @staticmethod
    def _refill(combo: QComboBox, items: Sequence[tuple[str, object, str]]) -> None:
        if refill_choices(combo, items):
            combo.currentIndexChanged.emit(combo.currentIndex())
