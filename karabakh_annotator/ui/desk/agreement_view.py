"""The agreement report: span F1 per pair of analysts, kappa and alpha per label set, a confusion table."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.agreement.report import (
    NONE_CATEGORY,
    AgreementReport,
    ConfusionTable,
    LabelAgreement,
    SpanAgreement,
)
from karabakh_annotator.core.labels import LabelSet
from karabakh_annotator.core.services.adjudication import GOLD_ANALYST
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.rtl import RTL_ALIGNMENT, DirectionalDelegate, is_rtl

ReportFunction = Callable[[Sequence[str]], AgreementReport]
AnalystsFunction = Callable[[], list[str]]

UNDEFINED = "—"
AGREE = QColor(102, 187, 106, 90)  # green: both analysts gave this value
DISAGREE = QColor(255, 193, 7, 110)  # amber: they gave different values
TABLE_POINT_SIZE = 11
COMPUTE_SHORTCUT = "F9"  # recalculate, as in spreadsheets; Ctrl+Return is the window's "accept suggestion"
SPAN_HEADERS = ("Analysts", "Statements", "Exact", "Overlapping", "F1 exact", "F1 partial")
LABEL_HEADERS = ("Label set", "n", "Cohen's κ", "Krippendorff's α")
KAPPA_UNDEFINED = "undefined: no pairs, or one value used throughout"
KAPPA_TWO_ONLY = "Cohen's kappa compares exactly two analysts"
ALPHA_UNDEFINED = "undefined: too few values, or one value used throughout"
_LABEL_SETS = {label_set.value: label_set for label_set in LabelSet}


def number(value: float | None) -> str:
    """A coefficient to three decimals, or a dash where it is undefined."""
    return UNDEFINED if value is None else f"{value:.3f}"


def label_set_title(label_set: str) -> str:
    """'party_alignment' -> 'Party alignment'."""
    return label_set.replace("_", " ").capitalize()


def _item(text: str, tooltip: str | None = None, numeric: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if numeric:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    elif is_rtl(text):
        item.setTextAlignment(RTL_ALIGNMENT)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def _table(name: str, headers: Sequence[str] = ()) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setItemDelegate(DirectionalDelegate(table))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class AgreementView(QWidget):
    """Pick analysts, compute, read the report; `agreement_values` feeds the dashboard."""

    sig_report_computed = Signal(object)  # AgreementReport

    def __init__(
        self,
        report: ReportFunction,
        analysts: AnalystsFunction,
        parent: QWidget | None = None,
        *,
        labels: LabelCatalog | None = None,
        arabic_family: str = "",
    ) -> None:
        super().__init__(parent)
        self._report_function = report
        self._analysts_function = analysts
        self._labels = labels or LabelCatalog()
        self._report: AgreementReport | None = None

        self.analyst_list = QListWidget()
        self.analyst_list.setObjectName("agreement_analysts")
        self.analyst_list.setToolTip("Space ticks an analyst; tick two or more")
        self.compute_action = QAction("Compute", self)
        self.compute_action.setShortcut(QKeySequence(COMPUTE_SHORTCUT))
        self.compute_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.compute_action.triggered.connect(self.compute)
        self.addAction(self.compute_action)
        shortcut = self.compute_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        # Mnemonics avoid the window's menus (F E V D S) and desk tabs (A C T J G B).
        self.compute_button = QPushButton(f"Co&mpute  ({shortcut})")
        self.compute_button.setObjectName("agreement_compute")
        self.compute_button.clicked.connect(self.compute_action.trigger)
        self.compute_action.enabledChanged.connect(self.compute_button.setEnabled)
        self.status = QLabel()
        self.status.setObjectName("agreement_status")
        self.status.setWordWrap(True)

        self.spans = _table("agreement_spans", SPAN_HEADERS)
        self.label_table = _table("agreement_labels", LABEL_HEADERS)
        self.label_set = QComboBox()
        self.label_set.setObjectName("agreement_label_set")
        self.pair = QComboBox()
        self.pair.setObjectName("agreement_pair")
        self.confusion = _table("agreement_confusion")
        self.confusion.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.confusion.horizontalHeader().setStretchLastSection(False)
        self.confusion.verticalHeader().setVisible(True)
        self.confusion_caption = QLabel()
        self.confusion_caption.setObjectName("agreement_confusion_caption")
        for combo in (self.label_set, self.pair):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        if arabic_family:
            # Only the confusion table shows Arabic values (speaker names); the
            # number tables keep the interface font, where Arabic names fall back fine.
            self.confusion.setFont(QFont(arabic_family, TABLE_POINT_SIZE))

        self._lay_out()
        self.analyst_list.itemChanged.connect(self._on_analyst_list_item_changed)
        self.label_table.currentCellChanged.connect(self._on_label_table_current_changed)
        self.label_set.currentIndexChanged.connect(self._on_confusion_choice_changed)
        self.pair.currentIndexChanged.connect(self._on_confusion_choice_changed)
        self.reload()
        self._show_report(None)

    # -- our interface -------------------------------------------------------

    def reload(self) -> None:
        """Read the analysts again, keeping the ticks (at first the first two besides gold); the report stays."""
        ticked = set(self.checked_analysts())
        first_time = self.analyst_list.count() == 0
        names = self._analysts_function()
        names_first_ticked = [name for name in names if name != GOLD_ANALYST][:2]
        self.analyst_list.blockSignals(True)
        self.analyst_list.clear()
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setData(Qt.ItemDataRole.UserRole, name)
            check = name in ticked or (first_time and name in names_first_ticked)
            item.setCheckState(Qt.CheckState.Checked if check else Qt.CheckState.Unchecked)
            self.analyst_list.addItem(item)
        self.analyst_list.blockSignals(False)
        if self.analyst_list.count():
            self.analyst_list.setCurrentRow(0)
        self._update_compute()

    def set_checked_analysts(self, names: Sequence[str]) -> None:
        """Tick exactly these analysts."""
        for row in range(self.analyst_list.count()):
            item = self.analyst_list.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def checked_analysts(self) -> list[str]:
        """The ticked analysts, in list order."""
        items = (self.analyst_list.item(row) for row in range(self.analyst_list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    def compute(self) -> AgreementReport | None:
        """Compute the report for the ticked analysts and show it (a refusal is shown, not raised)."""
        names = self.checked_analysts()
        if len(names) < 2:
            self._show_report(None, "Tick at least two analysts.")
            return None
        try:
            report = self._report_function(names)
        except ValueError as error:  # ServiceError: no article in common, unknown analyst
            self._show_report(None, str(error))
            return None
        self._show_report(report)
        self.sig_report_computed.emit(report)
        return report

    def report(self) -> AgreementReport | None:
        """The report shown, if any."""
        return self._report

    def agreement_values(self) -> dict[str, float | None]:
        """Krippendorff's alpha per label set of the report shown (empty before Compute)."""
        if self._report is None:
            return {}
        return {item.label_set: item.alpha for item in self._report.labels}

    def set_labels(self, labels: LabelCatalog) -> None:
        """Label names changed: show the new ones."""
        self._labels = labels
        self._show_confusion()

    def show_confusion(self, label_set: str, pair: int = 0) -> None:
        """Show the confusion table of one label set (and pair of analysts, in report order)."""
        at = self.label_set.findData(label_set)
        if at >= 0:
            self.label_set.setCurrentIndex(at)
        if 0 <= pair < self.pair.count():
            self.pair.setCurrentIndex(pair)

    # -- slots -----------------------------------------------------------------

    def _on_analyst_list_item_changed(self, _item: QListWidgetItem) -> None:
        self._update_compute()

    def _on_label_table_current_changed(self, row: int, _column: int, _old_row: int, _old_column: int) -> None:
        if self._report is not None and 0 <= row < len(self._report.labels):
            self.show_confusion(self._report.labels[row].label_set, self.pair.currentIndex())

    def _on_confusion_choice_changed(self, _index: int) -> None:
        self._show_confusion()

    # -- internals -------------------------------------------------------------

    def _lay_out(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        analysts_label = QLabel("A&nalysts:")
        analysts_label.setBuddy(self.analyst_list)
        left_layout.addWidget(analysts_label)
        left_layout.addWidget(self.analyst_list, 1)
        left_layout.addWidget(self.compute_button)

        spans_box = QGroupBox("Statement spans (F1 per pair of analysts)")
        QVBoxLayout(spans_box).addWidget(self.spans)
        labels_box = QGroupBox("Labels on matched statements")
        QVBoxLayout(labels_box).addWidget(self.label_table)
        confusion_box = QGroupBox("Confusion table")
        grid = QGridLayout(confusion_box)
        for position, (text, combo) in enumerate((("&Label set:", self.label_set), ("&Pair:", self.pair))):
            label = QLabel(text)
            label.setBuddy(combo)
            grid.addWidget(label, 0, 2 * position)
            grid.addWidget(combo, 0, 2 * position + 1)
        grid.setColumnStretch(4, 1)
        grid.addWidget(self.confusion_caption, 1, 0, 1, 5)
        grid.addWidget(self.confusion, 2, 0, 1, 5)

        tables = QWidget()
        tables_layout = QHBoxLayout(tables)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        tables_layout.addWidget(spans_box, 3)
        tables_layout.addWidget(labels_box, 2)
        results = QSplitter(Qt.Orientation.Vertical)
        results.addWidget(tables)
        results.addWidget(confusion_box)
        results.setStretchFactor(1, 1)
        results.setSizes([200, 400])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.status)
        right_layout.addWidget(results, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self.setFocusProxy(self.analyst_list)

    def _update_compute(self) -> None:
        self.compute_action.setEnabled(len(self.checked_analysts()) >= 2)

    def _show_report(self, report: AgreementReport | None, message: str = "") -> None:
        self._report = report
        self._fill_spans(report.spans if report else ())
        self._fill_labels(report.labels if report else ())
        label_set, pair = self.label_set.currentData(), max(self.pair.currentIndex(), 0)
        for combo in (self.label_set, self.pair):
            combo.blockSignals(True)
            combo.clear()
        if report is not None:
            for item in report.labels:
                self.label_set.addItem(label_set_title(item.label_set), item.label_set)
            if report.labels:
                for table in report.labels[0].confusion:
                    self.pair.addItem(f"{table.analyst_a} × {table.analyst_b}")
            self.label_set.setCurrentIndex(max(self.label_set.findData(label_set), 0))
            self.pair.setCurrentIndex(min(pair, self.pair.count() - 1))
        for combo in (self.label_set, self.pair):
            combo.blockSignals(False)
        self._show_confusion()
        if report is None:
            self.status.setText(message or "Tick two or more analysts and press Compute.")
            self.status.setStyleSheet("color: #c62828" if message else "")
            return
        articles = len(report.article_ids)
        self.status.setStyleSheet("")
        # Each name isolated (FSI ... PDI): an Arabic name must not reorder the sentence around it.
        names = ", ".join(f"\u2068{name}\u2069" for name in report.analysts)
        self.status.setText(
            f"{names}: {articles} article{'s' if articles != 1 else ''} annotated by all, "
            f"{report.units} matched statement{'s' if report.units != 1 else ''} (units)."
        )

    def _fill_spans(self, spans: Sequence[SpanAgreement]) -> None:
        self.spans.setRowCount(len(spans))
        for row, span in enumerate(spans):
            cells = (
                _item(f"{span.analyst_a} – {span.analyst_b}"),
                _item(f"{span.statements_a} / {span.statements_b}", "statements each analyst marked", True),
                _item(str(span.exact), "pairs with the same start and end", True),
                _item(str(span.partial), "pairs that overlap (exact ones included)", True),
                _item(number(span.f1_exact), "2 × exact / (statements of both)", True),
                _item(number(span.f1_partial), "2 × overlapping / (statements of both)", True),
            )
            for column, cell in enumerate(cells):
                self.spans.setItem(row, column, cell)

    def _fill_labels(self, labels: Sequence[LabelAgreement]) -> None:
        self.label_table.blockSignals(True)
        self.label_table.setRowCount(len(labels))
        two = self._report is not None and len(self._report.analysts) == 2
        for row, item in enumerate(labels):
            kappa_tip = KAPPA_UNDEFINED if two else KAPPA_TWO_ONLY
            cells = (
                _item(label_set_title(item.label_set)),
                _item(str(item.units), "matched statements at least two analysts labelled", True),
                _item(number(item.kappa), kappa_tip if item.kappa is None else None, True),
                _item(number(item.alpha), ALPHA_UNDEFINED if item.alpha is None else None, True),
            )
            for column, cell in enumerate(cells):
                self.label_table.setItem(row, column, cell)
        self.label_table.blockSignals(False)

    def _current_table(self) -> tuple[str, ConfusionTable] | None:
        if self._report is None or self.label_set.currentIndex() < 0:
            return None
        label_set = self.label_set.currentData()
        tables = self._report.label(label_set).confusion
        pair = self.pair.currentIndex()
        return (label_set, tables[pair]) if 0 <= pair < len(tables) else None

    def _category_name(self, label_set: str, category: str) -> str:
        if category == NONE_CATEGORY or label_set not in _LABEL_SETS:
            return category
        return self._labels.name(_LABEL_SETS[label_set], category)

    def _show_confusion(self) -> None:
        current = self._current_table()
        self.confusion.clear()
        if current is None:
            self.confusion.setRowCount(0)
            self.confusion.setColumnCount(0)
            self.confusion_caption.setText("")
            return
        label_set, table = current
        names = [self._category_name(label_set, c) for c in table.categories]
        self.confusion.setRowCount(len(names))
        self.confusion.setColumnCount(len(names))
        self.confusion.setHorizontalHeaderLabels(names)
        self.confusion.setVerticalHeaderLabels(names)
        for row, counts in enumerate(table.counts):
            for column, count in enumerate(counts):
                cell = _item(str(count), f"{table.analyst_a}: {names[row]}\n{table.analyst_b}: {names[column]}", True)
                if row == column and count:
                    cell.setBackground(AGREE)
                elif count:
                    cell.setBackground(DISAGREE)
                else:
                    cell.setForeground(QColor(Qt.GlobalColor.gray))
                self.confusion.setItem(row, column, cell)
        self.confusion_caption.setText(
            f"{label_set_title(label_set)}: rows are {table.analyst_a}'s values, columns {table.analyst_b}'s; "
            f"{NONE_CATEGORY} is a field left empty."
        )
