"""Small widgets the claim page and evidence form share: direction-following fields, lists, the explanation box."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from karabakh_annotator.ui.claims_panel.rtl import DirectionalDelegate, is_rtl
from karabakh_annotator.ui.fonts import arabic_font

LIST_POINT_SIZE = 11
FIELD_POINT_SIZE = 12
_CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def follow_text_direction(edit: QLineEdit) -> None:
    """Align a line edit's text to the side its first strong character reads from (Arabic: right)."""

    def align(text: str) -> None:
        side = Qt.AlignmentFlag.AlignRight if is_rtl(text) else Qt.AlignmentFlag.AlignLeft
        edit.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)

    edit.textChanged.connect(align)
    align(edit.text())


class ArabicCellDelegate(DirectionalDelegate):
    """Arabic cells in the Arabic face, right to left; other cells keep the interface font.

    Every row is as tall as an Arabic line, so mixed rows line up and no
    Arabic cell is clipped.
    """

    def __init__(self, arabic_family: str, point_size: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.arabic = arabic_font(arabic_family, point_size)
        self._row_height = QFontMetrics(self.arabic).height() + 8

    def initStyleOption(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if is_rtl(option.text):
            option.font = self.arabic
            option.fontMetrics = QFontMetrics(self.arabic)

    def sizeHint(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), self._row_height))

    def row_height(self) -> int:
        """The height of one row of Arabic text."""
        return self._row_height


def setup_item_list(tree: QTreeWidget, headers: Sequence[str], arabic_family: str, name: str) -> None:
    """Make `tree` a flat list of rows with columns, each cell laid out in its own text's direction."""
    tree.setObjectName(name)
    tree.setColumnCount(len(headers))
    tree.setHeaderLabels(list(headers))
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(False)  # a row of Latin text first must not set the height for Arabic rows
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    delegate = ArabicCellDelegate(arabic_family, LIST_POINT_SIZE, tree)
    tree.setItemDelegate(delegate)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    # Two rows always show; the window must still fit a laptop screen.
    tree.setMinimumHeight(delegate.row_height() * 2 + tree.header().sizeHint().height() + 6)


def list_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    """The rows of a flat list, top to bottom."""
    items = [tree.topLevelItem(row) for row in range(tree.topLevelItemCount())]
    return [item for item in items if item is not None]


class ExplanationEdit(QPlainTextEdit):
    """Multi-line text confirmed with Ctrl+Enter or by leaving the field; Escape puts the stored text back."""

    sig_confirmed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab walks the page; a verdict's explanation needs no tab characters
        self._stored = ""
        # The field takes its direction from its text: an Arabic explanation reads from the right.
        self.textChanged.connect(self._follow_text_direction)

    def _follow_text_direction(self) -> None:
        rtl = is_rtl(self.toPlainText())
        option = self.document().defaultTextOption()
        wanted = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        if option.textDirection() == wanted:
            return
        # The plain-text layout ignores the widget's direction: set the document's own.
        option.setTextDirection(wanted)
        option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        self.document().setDefaultTextOption(option)

    def show_text(self, text: str) -> None:
        """Show the stored text (without confirming it)."""
        self._stored = text
        if self.toPlainText() != text:
            self.setPlainText(text)
        self.document().setModified(False)

    def is_editing(self) -> bool:
        """True while the user has typed something not yet confirmed."""
        return self.document().isModified() and self.toPlainText() != self._stored

    def confirm(self) -> None:
        """Emit the text if the user changed it."""
        if self.is_editing():
            self._stored = self.toPlainText()
            self.document().setModified(False)
            self.sig_confirmed.emit(self._stored)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _CONFIRM_KEYS and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()
            self.confirm()
            return
        if event.key() == Qt.Key.Key_Escape and self.is_editing():
            event.accept()
            self.show_text(self._stored)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.confirm()
        super().focusOutEvent(event)
