"""Showing Arabic strings in dialog tables and fields: the Arabic face, right-aligned."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QTableWidgetItem, QWidget

from karabakh_annotator.ui.fonts import arabic_capable_families, choose_family

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# Absolute: in a right-to-left cell a plain AlignRight would be mirrored to the left.
ABSOLUTE_RIGHT = RIGHT | Qt.AlignmentFlag.AlignAbsolute
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def has_arabic(text: str) -> bool:
    """Whether `text` holds any Arabic letter (then it reads right to left)."""
    return _ARABIC.search(text) is not None


def dialog_arabic_font(family: str | None, like: QFont) -> QFont:
    """The Arabic face (given, or the best installed) at the size of `like`, a little larger."""
    chosen = family or choose_family(QFontDatabase.families(), arabic_capable_families())
    font = QFont(like)
    if chosen:
        font.setFamilies([chosen, *like.families()])
    # Naskh at the UI's Latin size reads small; one step up keeps rows even.
    font.setPointSizeF(max(like.pointSizeF(), 9.0) * 1.15)
    return font


def text_item(text: str, arabic_font: QFont) -> QTableWidgetItem:
    """A read-only table cell; Arabic text right-aligned in the Arabic face."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if has_arabic(text):
        item.setFont(arabic_font)
        item.setTextAlignment(RIGHT)
    else:
        item.setTextAlignment(LEFT)
    return item


def arabic_line_edit(arabic_font: QFont, parent: QWidget | None = None) -> QLineEdit:
    """A line edit for Arabic input: right to left, in the Arabic face."""
    edit = QLineEdit(parent)
    edit.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    edit.setAlignment(ABSOLUTE_RIGHT)
    edit.setFont(arabic_font)
    return edit


class RightToLeftDelegate(QStyledItemDelegate):
    """Lays out cells holding Arabic right to left (file.txt reads تالف.txt the Arabic way)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if has_arabic(option.text):
            option.direction = Qt.LayoutDirection.RightToLeft
            option.displayAlignment = ABSOLUTE_RIGHT
