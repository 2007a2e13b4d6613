"""A small key to the highlight colours: each verdict and workflow status with its names."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QVBoxLayout, QWidget

from karabakh_annotator.core.records import LabelRecord
from karabakh_annotator.ui.statement_colors import NEUTRAL_HIGHLIGHT

_SWATCH = 12
_MIN_HIGHLIGHT_LIGHTNESS = 0.75
_TINT = 0.4
NEUTRAL_NAMES = ("No claim yet", "بلا ادعاء")


def highlight_color(color: str) -> QColor:
    """A background for `color` that keeps black text readable (dark label colours are tinted)."""
    base = QColor(color)
    if not base.isValid():
        base = QColor(NEUTRAL_HIGHLIGHT)
    if base.lightnessF() >= _MIN_HIGHLIGHT_LIGHTNESS:
        return base
    white = 255 * (1 - _TINT)
    return QColor(
        round(base.red() * _TINT + white), round(base.green() * _TINT + white), round(base.blue() * _TINT + white)
    )


class FlowLayout(QLayout):
    """Items left to right (right to left in an RTL widget), wrapping onto new rows as width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        parent = self.parentWidget()
        rtl = parent is not None and parent.isRightToLeft()
        x, y, row_height = 0, rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > 0 and x + hint.width() > rect.width():
                x, y, row_height = 0, y + row_height + self._gap // 2, 0
            if move:
                left = rect.right() - x - hint.width() + 1 if rtl else rect.x() + x
                item.setGeometry(QRect(QPoint(left, y), hint))
            x += hint.width() + self._gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()


def _swatch(color: QColor) -> QPixmap:
    pixmap = QPixmap(_SWATCH, _SWATCH)
    pixmap.fill(color)
    return pixmap


class Legend(QWidget):
    """Verdict colours, then status colours, each with its Arabic and English name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(24, 4, 24, 6)
        self._rows.setSpacing(2)
        self._entries: list[tuple[str, str, str, str]] = []
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)

    def set_colors(
        self, verdicts: Sequence[LabelRecord], statuses: Sequence[LabelRecord], neutral: str = NEUTRAL_HIGHLIGHT
    ) -> None:
        """Show these labels (retired ones left out) and the colour of a statement with no claim."""
        while (item := self._rows.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
            elif (layout := item.layout()) is not None:
                _clear(layout)
        self._entries = []
        groups = (
            ("Verdict · الحكم", [(v.key, v.name_ar, v.name_en, v.color) for v in verdicts if not v.retired]),
            (
                "Status · الحالة",
                [(s.key, s.name_ar, s.name_en, s.color) for s in statuses if not s.retired]
                + [("", NEUTRAL_NAMES[1], NEUTRAL_NAMES[0], neutral)],
            ),
        )
        for heading, entries in groups:
            row = QHBoxLayout()
            row.setSpacing(8)
            title = QLabel(heading)
            title.setStyleSheet("font-weight: bold; color: palette(placeholder-text);")
            title.setAlignment(Qt.AlignmentFlag.AlignTop)
            row.addWidget(title, 0, Qt.AlignmentFlag.AlignTop)
            flow_host = QWidget()
            flow = FlowLayout(flow_host)
            for key, name_ar, name_en, color in entries:
                shown = highlight_color(color)
                flow.addWidget(self._entry(shown, name_ar, name_en, key))
                self._entries.append((key, name_ar, name_en, shown.name()))
            row.addWidget(flow_host, 1)
            self._rows.addLayout(row)

    def entries(self) -> list[tuple[str, str, str, str]]:
        """What the legend lists: (key, Arabic name, English name, the highlight colour shown)."""
        return list(self._entries)

    @staticmethod
    def _entry(color: QColor, name_ar: str, name_en: str, key: str) -> QWidget:
        entry = QWidget()
        entry.setObjectName(f"legend_{key or 'neutral'}")
        layout = QHBoxLayout(entry)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        swatch = QLabel()
        swatch.setPixmap(_swatch(color))
        name = QLabel(f"{name_ar} · {name_en}")
        name.setToolTip(key)
        layout.addWidget(swatch)
        layout.addWidget(name)
        return entry


def _clear(layout: QLayout) -> None:
    while (item := layout.takeAt(0)) is not None:
        if (widget := item.widget()) is not None:
            widget.deleteLater()
        elif (child := item.layout()) is not None:
            _clear(child)
