"""Adjudication: two analysts' statements on one article side by side; the reviewer takes one into gold."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from karabakh_annotator.core.services import Services
from karabakh_annotator.core.services.adjudication import GOLD_ANALYST, AdjudicationRow
from karabakh_annotator.core.services.unit_of_work import ServiceError
from karabakh_annotator.ui.claims_panel.label_catalog import LabelCatalog
from karabakh_annotator.ui.claims_panel.rtl import DirectionalDelegate, is_rtl
from karabakh_annotator.ui.desk.adjudication_model import (
    ALONE,
    DIFFERENT,
    LINES_ROLE,
    SETTLED,
    AdjudicationModel,
    Field,
    LabelLine,
    Part,
    Side,
    column,
    differs,
)

_Index = QModelIndex | QPersistentModelIndex

TABLE_POINT_SIZE = 11
LABELS_WIDTH = 200
LINE_PADDING = 2
TEXT_MARGIN = 4
SIDE_RULE_WIDTH = 2
SELECTION_ALPHA = 55  # the selection lets the difference tints show through
TAKE_LEFT_SHORTCUT = "Ctrl+Left"
TAKE_RIGHT_SHORTCUT = "Ctrl+Right"


def _swatch(color_name: str, alpha: int, text: str) -> str:
    return f"<span style='background-color: rgba({color_name}, {alpha})'>&nbsp;{text}&nbsp;</span>"


LEGEND = "  ".join(
    _swatch(f"{c.red()}, {c.green()}, {c.blue()}", c.alpha(), text)
    for c, text in (
        (DIFFERENT, "the analysts differ"),
        (ALONE, "only one analyst marked it"),
        (SETTLED, "gold"),
    )
)


class TintUnderSelectionDelegate(DirectionalDelegate):
    """Keeps a cell's tint visible when its row is selected (styles paint the selection instead of it)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self._fill_tint_if_selected(painter, option, index)
        super().paint(painter, option, index)

    @staticmethod
    def _fill_tint_if_selected(painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # The table's selection colour is translucent, so the tint shows through it.
        if option.state & QStyle.StateFlag.State_Selected:
            tint = index.data(Qt.ItemDataRole.BackgroundRole)
            if tint is not None:
                painter.fillRect(option.rect, tint)


class LabelLinesDelegate(TintUnderSelectionDelegate):
    """Draws a labels cell one field per line, each line tinted where the two analysts differ."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        lines: list[LabelLine] | None = index.data(LINES_ROLE)
        if lines:
            self._fill_tint_if_selected(painter, option, index)
            self._paint_lines(painter, option, index, lines)
        else:
            super().paint(painter, option, index)
        # Each side ends with its labels column: a rule there keeps the sides apart.
        painter.save()
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.Mid), SIDE_RULE_WIDTH))
        right = option.rect.right()
        painter.drawLine(right, option.rect.top(), right, option.rect.bottom())
        painter.restore()

    def _paint_lines(
        self, painter: QPainter, option: QStyleOptionViewItem, index: _Index, lines: list[LabelLine]
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect
        height = QFontMetrics(opt.font).height() + LINE_PADDING
        top = rect.top() + max(0, (rect.height() - height * len(lines)) // 2)
        text_color = opt.palette.color(QPalette.ColorRole.Text)
        painter.save()
        for n, line in enumerate(lines):
            band = QRect(rect.left(), top + n * height, rect.width(), height)
            if line.differs:
                painter.fillRect(band, DIFFERENT)
            font = QFont(opt.font)
            font.setItalic(line.empty)
            painter.setFont(font)
            painter.setPen(QColor(Qt.GlobalColor.gray) if line.empty else text_color)
            area = band.adjusted(TEXT_MARGIN, 0, -TEXT_MARGIN, 0)
            text = QFontMetrics(font).elidedText(line.text, Qt.TextElideMode.ElideRight, area.width())
            rtl = is_rtl(line.text)
            painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
            edge = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute if rtl else Qt.AlignmentFlag.AlignLeft
            painter.drawText(area, edge | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        hint = super().sizeHint(option, index)
        lines = index.data(LINES_ROLE)
        if lines:
            height = QFontMetrics(option.font).height() + LINE_PADDING
            hint.setHeight(max(hint.height(), len(lines) * height + 2 * LINE_PADDING))
        return hint


class AdjudicationView(QWidget):
    """Compares two analysts on an article; 'take left/right' asks the window to accept that version.

    Nothing here writes: the window calls `AdjudicationService.accept` with
    the reviewer's name on `sig_accept_requested`, then `reload()`.
    """

    sig_accept_requested = Signal(int)  # the statement id to copy into the gold set

    def __init__(self, services: Services, arabic_family: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.model = AdjudicationModel(LabelCatalog.from_service(services.labels), self)

        self.article = QComboBox()
        self.article.setObjectName("adjudication_article")
        self.article.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.article.setMinimumContentsLength(24)
        self.first = QComboBox()
        self.first.setObjectName("adjudication_first")
        self.second = QComboBox()
        self.second.setObjectName("adjudication_second")
        for combo in (self.first, self.second):
            combo.setMinimumContentsLength(12)
        if arabic_family:
            self.article.setFont(QFont(arabic_family, TABLE_POINT_SIZE))

        self.table = QTableView()
        self.table.setObjectName("adjudication_table")
        self.table.setModel(self.model)
        self.table.setItemDelegate(TintUnderSelectionDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if arabic_family:
            self.table.setFont(QFont(arabic_family, TABLE_POINT_SIZE))
        palette = self.table.palette()
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        highlight.setAlpha(SELECTION_ALPHA)
        palette.setColor(QPalette.ColorRole.Highlight, highlight)
        palette.setColor(QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorRole.Text))
        self.table.setPalette(palette)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        lines_delegate = LabelLinesDelegate(self.table)
        for side in Side:
            header.setSectionResizeMode(column(side, Part.QUOTE), QHeaderView.ResizeMode.Stretch)
            header.resizeSection(column(side, Part.LABELS), LABELS_WIDTH)
            self.table.setItemDelegateForColumn(column(side, Part.LABELS), lines_delegate)

        # No mnemonics on these: Ctrl+arrows take.
        self.take_left_action = self._action("Take left", TAKE_LEFT_SHORTCUT, Side.FIRST)
        self.take_right_action = self._action("Take right", TAKE_RIGHT_SHORTCUT, Side.SECOND)
        self.take_left_button = self._button(self.take_left_action)
        self.take_right_button = self._button(self.take_right_action)
        self.summary = QLabel()
        self.summary.setObjectName("adjudication_summary")
        legend = QLabel(LEGEND)
        legend.setTextFormat(Qt.TextFormat.RichText)

        choices = QHBoxLayout()
        # Mnemonics avoid the window's menus (F E V D S) and desk tabs (A C T J G B).
        choosers = (("A&rticle:", self.article, 1), ("&Left:", self.first, 0), ("R&ight:", self.second, 0))
        for text, widget, stretch in choosers:
            label = QLabel(text)
            label.setBuddy(widget)
            choices.addWidget(label)
            choices.addWidget(widget, stretch)
        actions = QHBoxLayout()
        actions.addWidget(self.take_left_button)
        actions.addWidget(self.take_right_button)
        actions.addWidget(self.summary, 1)
        actions.addWidget(legend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(choices)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.setFocusProxy(self.table)

        self._fill_choices()
        for combo in (self.article, self.first, self.second):
            combo.currentIndexChanged.connect(self._on_choice_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self._compare()

    # -- our interface -------------------------------------------------------

    def reload(self) -> None:
        """Read labels, articles, analysts and the comparison again, keeping the choices and the selected place."""
        self.model.set_labels(LabelCatalog.from_service(self._services.labels))
        self._fill_choices()
        self._compare()

    def set_article(self, article_id: int) -> bool:
        """Compare on this article; False if it is not in the list."""
        at = self.article.findData(article_id)
        if at >= 0:
            self.article.setCurrentIndex(at)
        return at >= 0

    def set_analysts(self, first: str, second: str) -> bool:
        """Put `first` on the left and `second` on the right; False if either has no statements."""
        left, right = self.first.findData(first), self.second.findData(second)
        if left < 0 or right < 0:
            return False
        for combo, at in ((self.first, left), (self.second, right)):
            combo.blockSignals(True)
            combo.setCurrentIndex(at)
            combo.blockSignals(False)
        self._compare()
        return True

    def article_id(self) -> int | None:
        """The article compared."""
        data = self.article.currentData()
        return int(data) if data is not None else None

    def analysts(self) -> tuple[str | None, str | None]:
        """The analysts on the left and on the right."""
        return self.first.currentData(), self.second.currentData()

    def select_row(self, row: int) -> None:
        """Select one place (row) of the table."""
        index = self.model.index(row, column(Side.FIRST, Part.QUOTE))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def selected_row(self) -> AdjudicationRow | None:
        """The place selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def take(self, side: Side) -> None:
        """Ask for the selected row's left or right version to go into the gold set."""
        row = self.selected_row()
        statement = None if row is None else (row.first, row.second)[side]
        if statement is not None:
            self.sig_accept_requested.emit(statement.id)

    # -- slots -----------------------------------------------------------------

    def _on_choice_changed(self, _index: int) -> None:
        self._compare()

    def _on_table_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    # -- internals -------------------------------------------------------------

    def _action(self, text: str, shortcut: str, side: Side) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        # Only while focus is in this view: the article view keeps Ctrl+arrows for words.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"Copy the selected {'left' if side is Side.FIRST else 'right'} version into the gold set")
        action.triggered.connect(lambda: self.take(side))
        self.addAction(action)
        return action

    @staticmethod
    def _button(action: QAction) -> QPushButton:
        button = QPushButton(f"{action.text()}  ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        return button

    def _fill_choices(self) -> None:
        article_id = self.article_id()
        first, second = self.analysts()
        articles = self._services.articles.list_articles()
        names = [name for name in self._services.history.analysts() if name != GOLD_ANALYST]
        for combo in (self.article, self.first, self.second):
            combo.blockSignals(True)
            combo.clear()
        for summary in articles:
            title = summary.title or summary.source_file or f"Article {summary.id}"
            self.article.addItem(" ".join(title.split()), summary.id)
            details = [p for p in (summary.outlet, summary.published_raw or summary.published) if p]
            self.article.setItemData(
                self.article.count() - 1, " · ".join(str(p) for p in details) or None, Qt.ItemDataRole.ToolTipRole
            )
        for name in names:
            self.first.addItem(name, name)
            self.second.addItem(name, name)
        self.article.setCurrentIndex(max(self.article.findData(article_id), 0) if article_id is not None else 0)
        self.first.setCurrentIndex(self.first.findData(first) if first in names else 0)
        fallback = 1 if len(names) > 1 and names[1] != self.first.currentData() else 0
        self.second.setCurrentIndex(self.second.findData(second) if second in names else fallback)
        for combo in (self.article, self.first, self.second):
            combo.blockSignals(False)

    def _compare(self) -> None:
        selected = self.selected_row()
        article_id = self.article_id()
        first, second = self.analysts()
        if article_id is None or first is None or second is None or first == second:
            self.model.clear()
            self._set_summary(
                "Import an article first." if article_id is None else "Choose two different analysts to compare."
            )
            return
        try:
            rows = self._services.adjudication.compare(article_id, first, second)
        except ServiceError as error:
            self.model.clear()
            self._set_summary(str(error))
            return
        self.model.set_rows(rows, first, second)
        if not rows:
            self._set_summary(f"Neither {first} nor {second} marked a statement in this article.")
            return
        settled = sum(row.gold is not None for row in rows)
        differing = sum(any(differs(row, field) for field in Field) for row in rows)
        self._set_summary(f"{len(rows)} places: {differing} differ, {settled} settled in gold.")
        starts = [row.start for row in rows]
        if selected is not None and selected.start in starts:
            self.select_row(starts.index(selected.start))
        else:
            self.select_row(0)

    def _set_summary(self, text: str) -> None:
        self.summary.setText(text)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.selected_row()
        self.take_left_action.setEnabled(row is not None and row.first is not None)
        self.take_right_action.setEnabled(row is not None and row.second is not None)
