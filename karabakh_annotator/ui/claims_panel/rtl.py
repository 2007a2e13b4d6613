"""Right-to-left text in item views: direction from the text's first strong character."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

_RTL_CLASSES = {"R", "AL"}
_LTR_CLASSES = {"L"}

# Absolute: right means the right edge even in a right-to-left option.
RTL_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter


def is_rtl(text: str | None) -> bool:
    """True when the first strongly directional character is Arabic or Hebrew (Unicode rule P2)."""
    for char in text or "":
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return True
        if kind in _LTR_CLASSES:
            return False
    return False


class DirectionalDelegate(QStyledItemDelegate):
    """Lays out each cell in its own text's direction, so Arabic reads and elides from the right."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if is_rtl(option.text):  # type: ignore[attr-defined]
            option.direction = Qt.LayoutDirection.RightToLeft  # type: ignore[attr-defined]
            option.displayAlignment = RTL_ALIGNMENT  # type: ignore[attr-defined]
